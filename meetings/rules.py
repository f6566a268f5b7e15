"""Who may read, edit, manage and sign a meeting. Built on the membership facts in
``partners.rules``; the minutes lifecycle's own questions are in ``records.rules``."""

from __future__ import annotations

from django.db.models import Q

from partners.rules import (
    EDITOR_ROLES,
    SIGNER_ROLES,
    body_publishes,
    body_roles,
    can_edit_body,
    can_view_body,
    is_admin,
    past_membership_spans,
    person_for,
    was_member_on,
)

from .models import Attendance, Meeting
from .publication import agenda_is_published, last_published_meeting_date


def can_view_meeting(user, meeting) -> bool:
    """The body's current members, and those who were members on the meeting's date: a member
    who has left keeps the record of the meetings of their time (its minutes once circulated,
    its confidential items and papers), reached by link; the body's page, lists and search are
    for current members."""
    return can_view_body(user, meeting.body) or was_member_on(user, meeting.body_id, meeting.date)


def meetings_of_their_time_q(user) -> Q | None:
    """``was_member_on`` as a filter over meetings: those of bodies the user has left, held
    while they were a member. None when they have left no body."""
    spans = past_membership_spans(user)
    q = Q()
    for body_id, periods in spans.items():
        for start, end in periods:
            span = Q(body_id=body_id, date__lte=end)
            if start is not None:
                span &= Q(date__gte=start)
            q |= span
    return q if spans else None


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
    """Confidential (exempt) items are for the body's members (current, or members on the
    meeting's date) only, never the public."""
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
    """Whoever may see its item; and someone on the meeting's register who is not a member
    (``attendee_may_download_paper``)."""
    if can_view_item(user, paper.item):
        return True
    person = person_for(user)
    return person is not None and person_may_download_as_attendee(person.pk, paper)


def attendee_may_download_paper(paper, *, on_register: bool) -> bool:
    """Someone on the meeting's register who is not a member of the body (an officer in
    attendance, a deputy, a presenter) reads the papers of its open items to take part, as the
    members do; never a confidential item's (sub-items carry their parent's mark)."""
    return on_register and bool(paper.file) and not paper.item.confidential


def person_may_download_as_attendee(person_id: int, paper) -> bool:
    """``attendee_may_download_paper`` asked of the register now: the page download and the
    agenda's signed links. (Notices, written for many people at once, read the register once
    and pass ``on_register``.)"""
    return attendee_may_download_paper(
        paper, on_register=is_on_register(person_id, paper.item.meeting_id)
    )


def is_on_register(person_id: int, meeting_id: int) -> bool:
    return Attendance.objects.filter(person_id=person_id, meeting_id=meeting_id).exists()


def _drafts_readable_body_ids(user) -> set[int] | None:
    """Bodies whose draft minutes the user reads: as secretariat, chair or vice-chair."""
    if is_admin(user):
        return None
    return {b for b, roles in body_roles(user).items() if roles & (EDITOR_ROLES | SIGNER_ROLES)}


def can_read_minutes(user, meeting) -> bool:
    """Minutes before circulation are the secretariat's and the chair's draft: members see the
    agenda and papers of the meeting, and its minutes once they are circulated."""
    if not can_view_meeting(user, meeting):
        return False
    if meeting.status != meeting.Status.DRAFT:
        return True
    ids = _drafts_readable_body_ids(user)
    return ids is None or meeting.body_id in ids


def readable_minutes_q(user, meeting_path: str = "meeting") -> Q | None:
    """``can_read_minutes`` as a filter over rows that lead to a meeting; None: no limit."""
    ids = _drafts_readable_body_ids(user)
    if ids is None:
        return None
    prefix = f"{meeting_path}__" if meeting_path else ""
    return ~Q(**{f"{prefix}status": "draft"}) | Q(**{f"{prefix}body_id__in": ids})


# The public -----------------------------------------------------------------------------------
# What anyone, signed in or not, may see of a body that publishes its record (``Body.publishes``).
# The public portal, the open data API, the public calendar and the public PDFs all ask these.


def public_may_see_meeting(meeting) -> bool:
    """That the meeting takes place: its date, time, place and heading."""
    return body_publishes(meeting.body)


def public_may_see_agenda(meeting, now=None) -> bool:
    """Its agenda and papers: from the set number of clear days before the meeting
    (``meetings.publication``), and for every meeting held since."""
    return public_may_see_meeting(meeting) and agenda_is_published(meeting, now)


def public_may_see_item(item, now=None) -> bool:
    """What an item holds (papers, minutes, decisions). A confidential (exempt) item, or a
    sub-item of one, shows its number and heading only, so this answers no for it."""
    return not item.confidential and public_may_see_agenda(item.meeting, now)


def exemption_text(item) -> str:
    """What the public sees in place of a confidential item's content, after its number and
    heading: "Exempt: paragraph 3 of Schedule 12A", "Exempt: <the reason given>", or "Exempt"
    when no reason was recorded; "" for an item that is not exempt. Reads the fields only, so it
    serves a live ``AgendaItem`` and the frozen item of signed minutes alike."""
    if not item.confidential:
        return ""
    if item.exempt_paragraph:
        return f"Exempt: paragraph {item.exempt_paragraph} of Schedule 12A"
    if item.exempt_reason:
        return f"Exempt: {item.exempt_reason}"
    return "Exempt"


def public_may_download_paper(paper, now=None) -> bool:
    return bool(paper.file) and public_may_see_item(paper.item, now)


def public_may_read_minutes(meeting) -> bool:
    """Signed minutes only, and only their public version: never a draft, circulated or
    approved-but-unsigned text, whoever asks."""
    return public_may_see_meeting(meeting) and meeting.is_signed


def public_agenda_q(bodies, now=None, meeting_path: str = "") -> Q:
    """``public_may_see_agenda`` as a filter over rows that lead to a meeting, for the given
    publishing bodies (each has its own notice)."""
    prefix = f"{meeting_path}__" if meeting_path else ""
    q = Q(pk__in=[])
    for body in bodies:
        if body_publishes(body):
            last = last_published_meeting_date(body.agenda_notice_days, now)
            q |= Q(**{f"{prefix}body_id": body.pk, f"{prefix}date__lte": last})
    return q


def public_items_q(item_path: str = "") -> Q:
    """Items whose content the public may see, among items of public agendas."""
    prefix = f"{item_path}__" if item_path else ""
    return Q(**{f"{prefix}confidential": False})


def public_minutes_q(meeting_path: str = "") -> Q:
    prefix = f"{meeting_path}__" if meeting_path else ""
    return Q(**{f"{prefix}status": Meeting.Status.SIGNED, f"{prefix}body__publishes": True})
