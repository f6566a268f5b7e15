"""Accepting an invitation: the person chooses a password and is logged in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.urls import reverse_lazy

from ..tokens import invitation_token


class InvitationAcceptView(PasswordResetConfirmView):
    """Django's set-password page with the invitation's own tokens: the link works once, for
    a fortnight, and the person arrives logged in on their home page."""

    token_generator = invitation_token
    template_name = "directory/invitation_accept.html"
    success_url = reverse_lazy("home")
    post_reset_login = True
    # django-axes counts failed passwords at log-in; a chosen password needs no counting.
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Welcome to Minutebook: your password is set.")
        return response


invitation_accept = InvitationAcceptView.as_view()
