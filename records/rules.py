"""The minutes lifecycle: draft -> circulated -> approved -> signed. Each predicate answers for
the meeting's current status too, so a view can show a control exactly when the transition is
allowed, and the service asks the same predicate before it acts."""

from __future__ import annotations

from django.utils import timezone

from meetings.rules import (
    can_manage_meeting,
    can_read_minutes,
    can_sign_meeting,
    can_view_meeting,
    chaired_person_id,
)
from partners.rules import (
    EDITOR_ROLES,
    SIGNER_ROLES,
    body_roles,
    can_edit_body,
    is_admin,
    person_for,
)


def meeting_has_taken_place(meeting) -> bool:
    """Minutes follow the meeting: none are circulated, approved or signed before its day."""
    return meeting.date <= timezone.localdate()


def can_circulate_minutes(user, meeting) -> bool:
    return (
        can_edit_body(user, meeting.body)
        and meeting.status == meeting.Status.DRAFT
        and meeting_has_taken_place(meeting)
    )


def can_return_to_draft(user, meeting) -> bool:
    return can_edit_body(user, meeting.body) and meeting.status == meeting.Status.CIRCULATED


def can_comment_on_minutes(user, meeting) -> bool:
    """Members send accuracy comments while the draft is out for checking."""
    return (
        person_for(user) is not None
        and can_view_meeting(user, meeting)
        and meeting.status == meeting.Status.CIRCULATED
    )


def can_resolve_comments(user, meeting) -> bool:
    return can_manage_meeting(user, meeting)


def can_approve_minutes(user, meeting) -> bool:
    """Recording approval directly (outside a later meeting): the secretariat or a signer."""
    if meeting.status != meeting.Status.CIRCULATED or not meeting_has_taken_place(meeting):
        return False
    roles = body_roles(user).get(meeting.body_id, set())
    return is_admin(user) or bool(roles & (EDITOR_ROLES | SIGNER_ROLES))


def can_sign_minutes(user, meeting, chaired_person_id_: int | None = None) -> bool:
    """The chair, vice-chair or whoever chaired the meeting, once the minutes are approved.

    The signer must have a person record: the signature carries a name. Pass the chair's person
    id when the page has already loaded the register, to save a query."""
    if meeting.status != meeting.Status.APPROVED or person_for(user) is None:
        return False
    if not meeting_has_taken_place(meeting):
        return False
    if chaired_person_id_ is None:
        chaired_person_id_ = chaired_person_id(meeting)
    return can_sign_meeting(user, meeting, chaired_person_id_)


def can_add_addendum(user, meeting) -> bool:
    if meeting.status != meeting.Status.SIGNED or person_for(user) is None:
        return False
    return can_manage_meeting(user, meeting) or can_sign_meeting(
        user, meeting, chaired_person_id(meeting)
    )


def can_download_minutes(user, meeting) -> bool:
    """The minutes as documents: for those who may read them (draft minutes: the secretariat
    and the chair until circulated)."""
    return can_read_minutes(user, meeting)


def can_download_document(user, meeting, kind: str) -> bool:
    """The agenda pack is for every member, as the agenda is; the minutes, as above."""
    if kind == "agenda":
        return can_view_meeting(user, meeting)
    return can_download_minutes(user, meeting)


def can_see_all_comments(user, meeting) -> bool:
    """Who sees which accuracy comments: the secretariat (who resolve them) sees every one; a
    member sees only their own, never a colleague's."""
    return can_resolve_comments(user, meeting)


def can_see_render_job(user, job) -> bool:
    """A background render's progress page and file are for whoever asked for it (and
    administrators), while they may still read the meeting. The copies frozen at signing are
    served only through the meeting's own download links."""
    if job.signed_copy or not can_download_document(user, job.meeting, job.kind):
        return False
    if not job.requested_by_id or is_admin(user):
        return True
    person = person_for(user)
    return person is not None and job.requested_by_id == person.pk
