"""What printed minutes and agendas show, built once from the meeting's record.

``minutes_context`` feeds ``templates/pdf/minutes.html`` for three uses: the HTML preview of a
draft, the PDF (members' and public versions) and, through ``docx_export``, the Word file. One
context keeps the three in step: what the preview shows is what the PDF prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from actions.models import Action
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.rules import exemption_text
from partners.templatetags.minutebook import ukdate, uktime

from .item_lines import ItemLines, item_lines
from .models import Addendum
from .selectors import ApprovalNote, ItemNode, MeetingRecord, meeting_record

# What the public version prints of an exempt item that records no paragraph or reason (older
# and imported minutes); one that does prints ``exemption_text`` ("Exempt: paragraph 3 of
# Schedule 12A").
PRIVATE_LINE = "This item was considered in private."
# An action nobody has been named for yet: the table says so, the item's column in short.
TO_BE_CONFIRMED, TBC = "To be confirmed", "TBC"
# A fingerprint prefix this long is unique in practice and short enough to type from paper.
SHORT_FINGERPRINT = 16


@dataclass
class PersonLine:
    name: str
    organisation: str = ""
    role: str = ""
    substitute_for: str = ""
    note: str = ""
    took_minutes: bool = False
    chaired: bool = False


@dataclass
class AttendanceGroup:
    label: str
    subgroups: list[tuple[str, list[PersonLine]]] = field(default_factory=list)

    @property
    def people(self) -> list[PersonLine]:
        return [p for _, rows in self.subgroups for p in rows]


@dataclass
class ActionLine:
    number: int
    reference: str
    description: str
    owners: list[str]
    who: str
    due: str
    item_number: str
    status: str

    @property
    def owners_text(self) -> str:
        return " / ".join(self.owners) or TO_BE_CONFIRMED


@dataclass
class ItemBlock:
    pk: int
    number: str
    title: str
    depth: int
    kind: str
    purpose: str
    presenter: str
    confidential: bool
    private: bool
    exemption: str
    minutes: str
    decisions: list[tuple[str, str]]
    papers: list[tuple[str, str, bool]]
    actions: list[ActionLine]
    notes_before: list[str]
    notes_after: list[str]
    approvals: list[str]
    declarations: list[str]


def _owner_label(owner) -> str:
    if owner.person_id:
        return owner.person.display_name
    if owner.organisation_id:
        return owner.organisation.short_name
    return owner.team.name


def _owner_initials(owner) -> str:
    if owner.person_id:
        return owner.person.initials or owner.person.name
    return _owner_label(owner)


def _due_text(action: Action) -> str:
    if action.due_note and action.due_date:
        # "by 7 December" already says the date: print the year-less echo only once.
        day_month = f"{action.due_date.day} {action.due_date:%B}"
        if day_month.lower() in action.due_note.lower():
            return action.due_note
        return f"{action.due_note} ({ukdate(action.due_date)})"
    if action.due_date:
        return ukdate(action.due_date)
    return action.due_note


def _action_line(action: Action, number_of_item: dict[int, str]) -> ActionLine:
    owners = list(action.owners.all())
    return ActionLine(
        number=action.number,
        reference=action.reference,
        description=action.description,
        owners=[_owner_label(o) for o in owners],
        who="/".join(_owner_initials(o) for o in owners) or TBC,
        due=_due_text(action),
        item_number=number_of_item.get(action.item_id, ""),
        status=action.get_status_display(),
    )


def _item_numbers(record: MeetingRecord) -> dict[int, str]:
    return {i.pk: i.number for i in record.items}


def _actions_table(record: MeetingRecord) -> list[ActionLine]:
    """The table of every action at the end of the minutes, each with its item's number."""
    number_of_item = _item_numbers(record)
    return [_action_line(a, number_of_item) for a in record.actions]


# Attendance ---------------------------------------------------------------------------------


def _person_line(a: Attendance) -> PersonLine:
    org = a.organisation or a.person.organisation
    return PersonLine(
        name=a.person.display_name,
        organisation=org.name if org else "",
        role=a.role_label,
        substitute_for=a.substitute_for.display_name if a.substitute_for_id else "",
        note=a.note,
        took_minutes=a.took_minutes,
        chaired=a.chaired,
    )


def _attendance_group(label: str, rows: list[Attendance]) -> AttendanceGroup:
    by_label: dict[str, list[PersonLine]] = {}
    for row in rows:
        by_label.setdefault(row.group_label, []).append(_person_line(row))
    return AttendanceGroup(label=label, subgroups=list(by_label.items()))


def _attendance_groups(record: MeetingRecord) -> list[AttendanceGroup]:
    """Who attended, by category (those only expected are not printed), then by group label."""
    return [
        _attendance_group(label, rows)
        for category, label, rows in record.attendance_groups()
        if category != Attendance.Category.EXPECTED
    ]


def _minute_taker(record: MeetingRecord) -> str:
    taker = next((a for a in record.attendances if a.took_minutes), None)
    return taker.person.display_name if taker else ""


def _chair_note(record: MeetingRecord) -> str:
    """Said only when whoever chaired is not the chair, a vice-chair standing in for example."""
    chairs = [a for a in record.attendances if a.chaired]
    if not chairs or chairs[-1].role_label.lower() == "chair":
        return ""
    chaired_by = chairs[-1]
    role = f" ({chaired_by.role_label})" if chaired_by.role_label else ""
    return f"{chaired_by.person.display_name}{role} chaired the meeting."


# Items and their blocks ---------------------------------------------------------------------


def _item_content(item: AgendaItem, approvals: list[str], number_of_item: dict) -> dict:
    """What only the members' version shows of an item; a private item shows none of it."""
    return {
        "minutes": item.minutes,
        "decisions": [(d.get_verb_display(), d.text) for d in item.decisions.all()],
        "papers": [
            (p.reference, p.title or p.original_name, bool(p.file)) for p in item.papers.all()
        ],
        "actions": [_action_line(a, number_of_item) for a in item.item_actions],
        "approvals": approvals,
    }


def _private_content() -> dict:
    return {"minutes": "", "decisions": [], "papers": [], "actions": [], "approvals": []}


def _exemption_line(item, *, private: bool) -> str:
    """Why a confidential item is exempt ("Exempt: paragraph 3 of Schedule 12A"), printed after
    its heading: in the public version in place of its content, in the members' version beside
    it when recorded."""
    if item.confidential and (item.exempt_paragraph or item.exempt_reason):
        return exemption_text(item)
    return PRIVATE_LINE if private else ""


def _item_block(node: ItemNode, *, private: bool, lines: ItemLines, number_of_item) -> ItemBlock:
    item = node.item
    content = (
        _private_content()
        if private
        else _item_content(item, lines.approvals.get(item.pk, []), number_of_item)
    )
    return ItemBlock(
        pk=item.pk,
        number=item.number,
        title=item.title,
        depth=node.depth,
        kind=item.kind,
        purpose=item.get_purpose_display() if item.purpose else "",
        presenter=item.presenter.display_name if item.presenter_id else "",
        confidential=item.confidential,
        private=private,
        exemption=_exemption_line(item, private=private),
        notes_before=lines.joined.get(item.pk, []),
        notes_after=lines.left.get(item.pk, []),
        declarations=lines.declarations.get(item.pk, []),
        **content,
    )


def _item_blocks(record: MeetingRecord, *, public: bool) -> list[ItemBlock]:
    """Every item in print order. In the public version a confidential item is private: it
    keeps its number and title, says why it is exempt and loses the rest."""
    private_items = {i.pk for i in record.items if i.confidential and public}
    lines = item_lines(record, private_items)
    number_of_item = _item_numbers(record)
    return [
        _item_block(
            node, private=node.item.pk in private_items, lines=lines, number_of_item=number_of_item
        )
        for node in record.flat_items()
    ]


# Approval, signature and the rest ------------------------------------------------------------


def _signature(record: MeetingRecord) -> dict | None:
    meeting = record.meeting
    if meeting.status != Meeting.Status.SIGNED or not meeting.signed_by_id:
        return None
    if record.frozen is not None:
        signature = record.frozen.data["signature"]
        return {
            "name": signature["by"]["name"],
            "role": signature["role"],
            "date": meeting.signed_at,
        }
    signer_row = next((a for a in record.attendances if a.person_id == meeting.signed_by_id), None)
    return {
        "name": meeting.signed_by.display_name,
        "role": (signer_row.role_label if signer_row else "") or "Chair",
        "date": meeting.signed_at,
    }


def approved_text(note: ApprovalNote | None) -> str:
    """ "Approved at the meeting of 13 January 2027", or the date of an approval made outside a
    meeting, saying so; with any corrections made on approval."""
    if note is None:
        return ""
    if note.meeting_date is not None:
        text = f"Approved at the meeting of {ukdate(note.meeting_date)}"
        return text + (
            f", subject to these corrections: {note.corrections}" if note.corrections else ""
        )
    text = f"Approved on {ukdate(note.on)}"
    if note.outside_meeting:
        text += ", outside a meeting"
    return text + (f". Corrections: {note.corrections}" if note.corrections else "")


def _logo_src(body, *, for_pdf: bool) -> str:
    """WeasyPrint reads the logo from disk; a browser fetches it by URL."""
    if not body.logo:
        return ""
    try:
        return ("file://" + body.logo.path) if for_pdf else body.logo.url
    except (NotImplementedError, ValueError):
        return ""


def verify_path(fingerprint: str) -> str:
    try:
        return reverse("verify_short", kwargs={"code": fingerprint[:SHORT_FINGERPRINT]})
    except NoReverseMatch:  # the sign-off URLs are not installed (a partial project)
        return f"/v/{fingerprint[:SHORT_FINGERPRINT]}/"


def verify_url(fingerprint: str) -> str:
    return settings.SITE_URL + verify_path(fingerprint)


def meeting_heading(meeting: Meeting) -> str:
    """ "Minutes of the Meeting held on Wednesday 9 November 2011", or the meeting's own title."""
    title = meeting.title or f"{meeting.body.minutes_title} of the {meeting.get_kind_display()}"
    return title if meeting.title else f"{title} held on {ukdate(meeting.date, 'full')}"


def time_text(meeting: Meeting) -> str:
    if meeting.start_time and meeting.end_time:
        return f"{uktime(meeting.start_time)} to {uktime(meeting.end_time)}"
    return uktime(meeting.start_time)


def _next_meetings(record: MeetingRecord) -> list:
    """The next meeting as these minutes record it: their own "date of next meeting" item when
    it says anything, otherwise the one meeting that was next when they were written (frozen at
    signing), never every later meeting of the body."""
    recorded = any(
        i.kind == AgendaItem.Kind.NEXT_MEETING and i.minutes.strip() for i in record.items
    )
    return [] if recorded or record.next_meeting is None else [record.next_meeting]


def _fingerprint_context(meeting: Meeting) -> dict:
    return {
        "fingerprint": meeting.fingerprint,
        "fingerprint_short": meeting.fingerprint[:SHORT_FINGERPRINT],
        "verify_url": verify_url(meeting.fingerprint) if meeting.fingerprint else "",
    }


def minutes_context(
    meeting: Meeting, *, public: bool = False, for_pdf: bool = False, record=None
) -> dict:
    """Everything the minutes document shows, for the members' or the public version.

    The public version is built from ``meeting_record(include_confidential=False)``: a
    confidential item keeps its number and title and says why it is exempt ("Exempt: paragraph 3
    of Schedule 12A"); its minutes, decisions, papers, actions and declarations never reach the
    template.
    """
    if record is None:
        record = meeting_record(meeting_id=meeting.pk, include_confidential=not public)
    meeting = record.meeting
    return {
        "meeting": meeting,
        "body": meeting.body,
        "record": record,
        "public": public,
        "for_pdf": for_pdf,
        "document_title": meeting.body.minutes_title,
        "heading": meeting_heading(meeting),
        "time_text": time_text(meeting),
        "is_draft": meeting.status in (Meeting.Status.DRAFT, Meeting.Status.CIRCULATED),
        "attendance": _attendance_groups(record),
        "minute_taker": _minute_taker(record),
        "chair_note": _chair_note(record),
        "no_interests_declared": meeting.no_interests_declared,
        "items": _item_blocks(record, public=public),
        "actions": _actions_table(record),
        "next_meetings": _next_meetings(record),
        "signature": _signature(record),
        "approved_text": approved_text(record.approval),
        **_fingerprint_context(meeting),
        "addenda": _addenda(meeting.pk),
        "logo_src": _logo_src(meeting.body, for_pdf=for_pdf),
        "generated_at": timezone.now(),
    }


def _addenda(meeting_id: int) -> list:
    return list(Addendum.objects.filter(meeting_id=meeting_id).select_related("author"))


def agenda_heading(meeting: Meeting) -> str:
    """ "Agenda for the Meeting", or the meeting's own title unless that names the minutes."""
    title = meeting.title
    if title and not title.lower().startswith(meeting.body.minutes_title.lower()):
        return f"Agenda: {title}"
    return f"Agenda for the {meeting.get_kind_display()}"


def agenda_context(meeting: Meeting, *, for_pdf: bool = False) -> dict:
    """The agenda: items with purpose, presenter and papers, for members (confidential included)."""
    record = meeting_record(meeting_id=meeting.pk, include_confidential=True)
    items = []
    for node in record.flat_items():
        item = node.item
        items.append(
            {
                "number": item.number,
                "title": item.title,
                "depth": node.depth,
                "purpose": item.get_purpose_display() if item.purpose else "",
                "presenter": item.presenter.display_name if item.presenter_id else "",
                "confidential": item.confidential,
                "papers": list(item.papers.all()),
            }
        )
    members = [a for a in record.attendances if a.category != Attendance.Category.ABSENT]
    return {
        "meeting": record.meeting,
        "body": record.meeting.body,
        "record": record,
        "for_pdf": for_pdf,
        "time_text": time_text(record.meeting),
        "heading": agenda_heading(record.meeting),
        "items": items,
        "members": members,
        "logo_src": _logo_src(meeting.body, for_pdf=for_pdf),
        "generated_at": timezone.now(),
        "issued_on": dt.date.today(),
    }
