"""Accuracy comments on circulated minutes: a member sends one, the secretariat resolves it.
Who sees which comments is ``rules.can_see_all_comments``, asked on the review page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from meetings.models import AgendaItem

from .. import rules, services
from ..forms import CommentForm, ResolveForm
from ..models import AccuracyComment
from .common import back_to_review, meeting_for_user, show_refusal


@login_required
@require_POST
def accuracy_comment_add(request, pk):
    meeting = meeting_for_user(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write your comment before sending it.")
        return back_to_review(meeting)
    item = None
    if form.cleaned_data["item"]:
        item = get_object_or_404(AgendaItem, meeting=meeting, pk=form.cleaned_data["item"])
    try:
        services.accuracy_comment_add(
            meeting=meeting, user=request.user, text=form.cleaned_data["text"], item=item
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, "Thank you: your comment has been sent to the secretariat.")
    return back_to_review(meeting, f"#item-{item.pk}" if item else "#comments")


@login_required
@require_POST
def accuracy_comment_resolve(request, pk, comment_pk):
    meeting = meeting_for_user(request, pk, rules.can_resolve_comments)
    comment = get_object_or_404(AccuracyComment, meeting=meeting, pk=comment_pk)
    form = ResolveForm(request.POST)
    form.is_valid()
    try:
        services.accuracy_comment_resolve(
            comment=comment, user=request.user, response=form.cleaned_data.get("response", "")
        )
    except ValidationError as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, "Comment marked as resolved.")
    return back_to_review(meeting, "#comments")
