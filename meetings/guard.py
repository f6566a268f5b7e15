"""The services' side of the signed-record guard: every write to a meeting's record asks first.

Its own module so that both ``services`` and ``register`` (the register's writes) can ask it;
``meetings.services.meeting_assert_editable`` is the name the other apps import.
"""

from __future__ import annotations

from .errors import RecordLocked
from .models import Meeting


def meeting_assert_editable(meeting: Meeting) -> None:
    """Refuse any change to the record unless the meeting is still a draft."""
    status = Meeting.objects.filter(pk=meeting.pk).values_list("status", flat=True).first()
    if status is None:
        return
    if status == Meeting.Status.SIGNED:
        raise RecordLocked("These minutes are signed and can no longer be changed.")
    if status != Meeting.Status.DRAFT:
        raise RecordLocked(
            "These minutes have been circulated; return them to draft before changing them."
        )
