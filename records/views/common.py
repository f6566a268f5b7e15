"""What every sign-off page shares: the meeting looked up for this user, refusals shown as
messages, and the way back to the review page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from meetings import rules as meeting_rules
from meetings.models import Meeting
from meetings.selectors import meetings_base
from partners.rules import get_or_404


def meeting_for_user(request, pk, check=meeting_rules.can_view_meeting) -> Meeting:
    """The meeting, or 404 both when it is missing and when ``check`` refuses this user."""
    return get_or_404(meetings_base(), user=request.user, check=check, pk=pk)


def show_refusal(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.error(request, str(exc))


def back_to_review(meeting: Meeting, anchor: str = ""):
    return redirect(reverse("minutes_review", kwargs={"pk": meeting.pk}) + anchor)
