"""Who may read, edit, manage and sign a meeting. Built on the membership facts in
``partners.rules``; the minutes lifecycle's own questions are in ``records.rules``."""

from __future__ import annotations

from partners.rules import (
    SIGNER_ROLES,
    body_roles,
    can_edit_body,
    can_view_body,
    is_admin,
    person_for,
)

from .models import Attendance


def can_view_meeting(user, meeting) -> bool:
    return can_view_body(user, meeting.body)


def can_edit_meeting(user, meeting) -> bool:
    """Secretariat may edit a meeting's record only while it is a draft."""
    return can_edit_body(user, meeting.body) and meeting.is_editable


def can_manage_meeting(user, meeting) -> bool:
    """Secretariat tasks that do not change the record: circulate, chase, export."""
    return can_edit_body(user, meeting.body)


def can_sign_meeting(user, meeting, chaired_person_id: int | None = None) -> bool:
    if is_admin(user):
        return True
    roles = body_roles(user).get(meeting.body_id, set())
    if roles & SIGNER_ROLES:
        return True
    person = person_for(user)
    return person is not None and chaired_person_id == person.pk


def can_view_confidential(user, meeting) -> bool:
    """Confidential (exempt) items are for the body's members only, never the public."""
    return can_view_meeting(user, meeting)


def chaired_person_id(meeting) -> int | None:
    return (
        Attendance.objects.filter(meeting=meeting, chaired=True)
        .values_list("person_id", flat=True)
        .first()
    )


def can_view_item(user, item) -> bool:
    """An item of a meeting the user reads; a confidential one (sub-items inherit it) only for
    those who may see confidential business."""
    if item.confidential:
        return can_view_confidential(user, item.meeting)
    return can_view_meeting(user, item.meeting)


def can_download_paper(user, paper) -> bool:
    return can_view_item(user, paper.item)
