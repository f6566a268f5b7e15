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
from meetings.models import AgendaItem, Attendance, Declaration, Meeting, MinutesApproval
from partners.templatetags.minutebook import ukdate, uktime

from .selectors import meeting_record

PRIVATE_LINE = "This item was considered in private."
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
    description: str
    owners: list[str]
    who: str
    due: str
    item_number: str
    status: str

    @property
    def owners_text(self) -> str:
        return " / ".join(self.owners)


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
        description=action.description,
        owners=[_owner_label(o) for o in owners],
        who="/".join(_owner_initials(o) for o in owners),
        due=_due_text(action),
        item_number=number_of_item.get(action.item_id, ""),
        status=action.get_status_display(),
    )


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


def _attendance_groups(record) -> list[AttendanceGroup]:
    groups = []
    for category, label, rows in record.attendance_groups():
        if category == Attendance.Category.EXPECTED:
            continue
        group = AttendanceGroup(label=label)
        by_label: dict[str, list[PersonLine]] = {}
        for row in rows:
            by_label.setdefault(row.group_label, []).append(_person_line(row))
        group.subgroups = list(by_label.items())
        groups.append(group)
    return groups


def _names(people: list[str]) -> str:
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


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


def _next_meetings(meeting: Meeting) -> list[Meeting]:
    return list(
        Meeting.objects.filter(body_id=meeting.body_id, date__gt=meeting.date).order_by(
            "date", "start_time"
        )[:3]
    )


def minutes_context(
    meeting: Meeting, *, public: bool = False, for_pdf: bool = False, record=None
) -> dict:
    """Everything the minutes document shows, for the members' or the public version.

    The public version is built from ``meeting_record(include_confidential=False)``: a
    confidential item keeps its number and title and says it was considered in private; its
    minutes, decisions, papers, actions and declarations never reach the template.
    """
    if record is None:
        record = meeting_record(meeting_id=meeting.pk, include_confidential=not public)
    meeting = record.meeting
    number_of_item = {i.pk: i.number for i in record.items}
    private_items = {i.pk for i in record.items if i.confidential and public}

    notes_before: dict[int, list[str]] = {}
    notes_after: dict[int, list[str]] = {}
    arrivals: dict[int, list[str]] = {}
    departures: dict[int, list[str]] = {}
    chaired_by = None
    for a in record.attendances:
        if a.arrived_during_id:
            arrivals.setdefault(a.arrived_during_id, []).append(a.person.display_name)
        if a.left_after_id:
            departures.setdefault(a.left_after_id, []).append(a.person.display_name)
        if a.chaired:
            chaired_by = a
    for pk, names in arrivals.items():
        notes_before[pk] = [f"({_names(names)} joined the meeting)"]
    for pk, names in departures.items():
        notes_after[pk] = [f"({_names(names)} left the meeting)"]

    declarations = list(
        Declaration.objects.filter(meeting=meeting).select_related("person", "item").order_by("id")
    )
    if public:
        declarations = [d for d in declarations if d.item_id not in private_items]
    approvals_given = list(
        MinutesApproval.objects.filter(meeting=meeting)
        .select_related("previous_meeting")
        .order_by("previous_meeting__date")
    )
    approvals_received = list(
        MinutesApproval.objects.filter(previous_meeting=meeting)
        .select_related("meeting")
        .order_by("meeting__date")
    )

    approval_lines: dict[int | None, list[str]] = {}
    for ap in approvals_given:
        text = f"The minutes of the meeting held on {ukdate(ap.previous_meeting.date)} were "
        if ap.outcome == MinutesApproval.Outcome.APPROVED:
            text += "approved as a correct record."
        elif ap.outcome == MinutesApproval.Outcome.CORRECTED:
            text += f"approved as a correct record subject to these corrections: {ap.corrections}"
        else:
            text += "not approved."
        approval_lines.setdefault(ap.item_id, []).append(text)

    declaration_lines: dict[int | None, list[str]] = {}
    for d in declarations:
        declaration_lines.setdefault(d.item_id, []).append(f"{d.person.display_name}: {d.interest}")

    previous_minutes_item = next(
        (i.pk for i in record.items if i.kind == AgendaItem.Kind.PREVIOUS_MINUTES), None
    )
    declarations_item = next(
        (i.pk for i in record.items if i.kind == AgendaItem.Kind.DECLARATIONS), None
    )

    blocks: list[ItemBlock] = []
    for node in record.flat_items():
        item = node.item
        private = item.pk in private_items
        approvals = approval_lines.get(item.pk, [])
        if item.pk == previous_minutes_item:
            approvals = approval_lines.get(None, []) + approvals
        item_declarations = [] if private else declaration_lines.get(item.pk, [])
        if item.pk == declarations_item:
            item_declarations = declaration_lines.get(None, []) + item_declarations
        blocks.append(
            ItemBlock(
                pk=item.pk,
                number=item.number,
                title=item.title,
                depth=node.depth,
                kind=item.kind,
                purpose=item.get_purpose_display() if item.purpose else "",
                presenter=item.presenter.display_name if item.presenter_id else "",
                confidential=item.confidential,
                private=private,
                minutes="" if private else item.minutes,
                decisions=[]
                if private
                else [(d.get_verb_display(), d.text) for d in item.decisions.all()],
                papers=[]
                if private
                else [
                    (p.reference, p.title or p.original_name, bool(p.file))
                    for p in item.papers.all()
                ],
                actions=[]
                if private
                else [_action_line(a, number_of_item) for a in item.item_actions],
                notes_before=notes_before.get(item.pk, []),
                notes_after=notes_after.get(item.pk, []),
                approvals=[] if private else approvals,
                declarations=item_declarations,
            )
        )

    actions = [_action_line(a, number_of_item) for a in record.actions]
    attendance = _attendance_groups(record)
    minute_taker = next((a for a in record.attendances if a.took_minutes), None)
    chair_note = ""
    if chaired_by is not None and chaired_by.role_label.lower() != "chair":
        role = f" ({chaired_by.role_label})" if chaired_by.role_label else ""
        chair_note = f"{chaired_by.person.display_name}{role} chaired the meeting."

    signature = None
    if meeting.status == Meeting.Status.SIGNED and meeting.signed_by_id:
        signer_row = next(
            (a for a in record.attendances if a.person_id == meeting.signed_by_id), None
        )
        signature = {
            "name": meeting.signed_by.display_name,
            "role": (signer_row.role_label if signer_row and signer_row.role_label else "Chair"),
            "date": meeting.signed_at,
        }

    approved_text = ""
    if approvals_received:
        ap = approvals_received[-1]
        approved_text = f"Approved at the meeting held on {ukdate(ap.meeting.date)}"
        if ap.outcome == MinutesApproval.Outcome.CORRECTED:
            approved_text += f", subject to corrections: {ap.corrections}"
    elif meeting.approved_at:
        approved_text = f"Approved on {ukdate(meeting.approved_at)}"
    direct = getattr(meeting, "chair_approval", None) if _has_direct_approval(meeting) else None
    if direct is not None and direct.corrections:
        approved_text += f". Corrections: {direct.corrections}"

    logo_src = ""
    if meeting.body.logo:
        try:
            logo_src = meeting.body.logo.path if for_pdf else meeting.body.logo.url
            if for_pdf:
                logo_src = "file://" + logo_src
        except (NotImplementedError, ValueError):
            logo_src = ""

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
        "attendance": attendance,
        "minute_taker": minute_taker.person.display_name if minute_taker else "",
        "chair_note": chair_note,
        "no_interests_declared": meeting.no_interests_declared,
        "items": blocks,
        "actions": actions,
        "next_meetings": _next_meetings(meeting),
        "signature": signature,
        "approved_text": approved_text,
        "fingerprint": meeting.fingerprint,
        "fingerprint_short": meeting.fingerprint[:SHORT_FINGERPRINT],
        "verify_url": verify_url(meeting.fingerprint) if meeting.fingerprint else "",
        "addenda": _addenda(meeting),
        "logo_src": logo_src,
        "private_line": PRIVATE_LINE,
        "generated_at": timezone.now(),
    }


def _has_direct_approval(meeting: Meeting) -> bool:
    try:
        meeting.chair_approval  # noqa: B018  (a reverse one-to-one: raises when missing)
    except Exception:  # noqa: BLE001  (RelatedObjectDoesNotExist, or the model not installed)
        return False
    return True


def _addenda(meeting: Meeting) -> list:
    manager = getattr(meeting, "addenda", None)
    return list(manager.order_by("created_at")) if manager is not None else []


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
    logo_src = ""
    if meeting.body.logo:
        try:
            logo_src = ("file://" + meeting.body.logo.path) if for_pdf else meeting.body.logo.url
        except (NotImplementedError, ValueError):
            logo_src = ""
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
        "logo_src": logo_src,
        "generated_at": timezone.now(),
        "issued_on": dt.date.today(),
    }
