"""Writes for the import of past minutes: read a file into a proposal; import a reviewed
proposal as a meeting, in one transaction, through the meetings, actions and records services.

People, organisations and groups are never created behind the secretariat's back: the review
lists every new one (``plan_entities``) and the import refuses unless they were confirmed; they
are then created through ``partners.services``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import update_change_reason

from actions.services import action_create
from meetings import services as meeting_services
from meetings.models import AgendaItem, Attendance, Meeting, MinutesApproval
from partners import services as partner_services
from partners.models import Body, Organisation, Person, Team
from partners.rules import can_edit_body
from records import services as record_services

from .models import MinutesImport
from .parser import NotMinutes, parse_minutes
from .parser.text import fold
from .reader import ReadError, read_file, read_text
from .selectors import Directory

GROUP_NAMES = {"all": "All", "board": "All", "group": "All", "committee": "All", "members": "All"}
PERSON_SURE = 90


@dataclass
class Review:
    """The proposal as the secretariat accepted and corrected it (see forms.ReviewForm)."""

    title: str
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    venue: str
    as_record: bool
    attendance: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    previous: dict | None = None
    no_interests: bool = False
    confirmed_new: bool = False


@dataclass
class Plan:
    """Who and what the import links to, and what it would create."""

    people: dict[str, Person | None] = field(default_factory=dict)  # name -> existing or None (new)
    organisations: dict[str, Organisation | None] = field(default_factory=dict)
    teams: dict[str, Team | None] = field(default_factory=dict)

    @property
    def new_people(self) -> list[str]:
        return sorted(n for n, p in self.people.items() if p is None)

    @property
    def new_organisations(self) -> list[str]:
        return sorted(n for n, o in self.organisations.items() if o is None)

    @property
    def new_teams(self) -> list[str]:
        return sorted(n for n, t in self.teams.items() if t is None)

    @property
    def creates_anything(self) -> bool:
        return bool(self.new_people or self.new_organisations or self.new_teams)


@transaction.atomic
def minutes_import_create(
    *, user, body: Body, upload=None, text: str = "", file_name: str = ""
) -> MinutesImport:
    """Read an uploaded file (or pasted text) into a proposal kept for review.

    Raises ValidationError on the ``file`` (or ``text``) field for unreadable, empty,
    oversized or non-minutes input. Writes only the MinutesImport row.
    """
    if not can_edit_body(user, body):
        raise PermissionDenied
    field_name = "file" if upload is not None else "text"
    try:
        if upload is not None:
            limit = settings.IMPORT_MAX_BYTES
            if upload.size > limit:
                raise ReadError(
                    f"The file is too large ({upload.size / 1024 / 1024:.1f} MB); "
                    f"the limit is {limit / 1024 / 1024:.1f} MB."
                )
            document = read_file(upload.name, upload.read(), max_bytes=limit)
        elif text.strip():
            document = read_text(
                text, name=file_name or "pasted text", max_chars=settings.IMPORT_MAX_CHARS
            )
        else:
            raise ValidationError({"file": "Choose a file, or paste the text of the minutes."})
        proposal = parse_minutes(document.lines, body_names=(body.name, body.short_name))
    except (ReadError, NotMinutes) as exc:
        raise ValidationError({field_name: str(exc)}) from exc
    return MinutesImport.objects.create(
        body=body,
        created_by=user,
        file_name=document.name[:255],
        source_kind=document.kind,
        source_text=document.text,
        proposal=proposal.to_dict(),
    )


@transaction.atomic
def minutes_import_discard(*, minutes_import: MinutesImport, user) -> None:
    if not can_edit_body(user, minutes_import.body):
        raise PermissionDenied
    if minutes_import.status != MinutesImport.Status.PENDING:
        raise ValidationError("This import is no longer waiting for review.")
    minutes_import.status = MinutesImport.Status.DISCARDED
    minutes_import.save(update_fields=["status"])


def plan_entities(review: Review, body: Body, directory: Directory | None = None) -> Plan:
    """Resolve every name the reviewed proposal uses to an existing record, or mark it new."""
    directory = directory or Directory(body)
    plan = Plan()
    for row in review.attendance:
        if plan.people.get(row["name"]) is None:
            plan.people[row["name"]] = row.get("person")
        if row.get("organisation"):
            _plan_org(plan, directory, row["organisation"])
        if row.get("substitute_for") and row["substitute_for"] not in plan.people:
            plan.people[row["substitute_for"]] = _sure_person(directory, row["substitute_for"])
    for row in review.actions:
        for owner in row["owners"]:
            if owner in plan.people or owner in plan.teams or owner in plan.organisations:
                continue
            group = GROUP_NAMES.get(fold(owner))
            team = directory.team_for(owner) or (directory.everyone if group else None)
            if team is not None or group:
                plan.teams[owner] = team
                continue
            person = _sure_person(directory, owner)
            if person is not None:
                plan.people[owner] = person
                continue
            org = directory.organisation_for(owner)
            if org is not None:
                plan.organisations[owner] = directory.org_by_pk[org.pk]
            elif re.search(
                r"\b(group|team|secretariat|board|partnership|forum|panel)\b", owner, re.I
            ):
                plan.teams[owner] = None
            else:
                plan.people[owner] = None
    return plan


def _plan_org(plan: Plan, directory: Directory, name: str) -> None:
    if name in plan.organisations:
        return
    match = directory.organisation_for(name)
    plan.organisations[name] = directory.org_by_pk[match.pk] if match else None


def _sure_person(directory: Directory, name: str) -> Person | None:
    matches = directory.people_for(name)
    if matches and matches[0].score >= PERSON_SURE:
        return directory.person_by_pk[matches[0].pk]
    return None


@transaction.atomic
def minutes_import_commit(*, minutes_import: MinutesImport, user, review: Review) -> Meeting:
    """Import the reviewed proposal as a meeting of the import's body, all or nothing.

    ``review.as_record``: the meeting becomes a historical record, approved (as the source
    minutes were), and its history says "Imported from <file name>"; otherwise it stays a
    draft for the secretariat to finish. Side effects: creates the people, organisations and
    groups the review listed as new (only when ``review.confirmed_new``); records the approval
    of the previous minutes when that meeting is on record.
    """
    body = minutes_import.body
    if not can_edit_body(user, body):
        raise PermissionDenied
    locked = MinutesImport.objects.select_for_update().get(pk=minutes_import.pk)
    if locked.status != MinutesImport.Status.PENDING:
        raise ValidationError("This import has already been dealt with.")
    if Meeting.objects.filter(body=body, date=review.date).exists():
        raise ValidationError(
            {
                "date": f"{body.short_name or body.name} already has a meeting on {review.date:%-d %B %Y}."
            }
        )
    plan = plan_entities(review, body)
    if plan.creates_anything and not review.confirmed_new:
        raise ValidationError(
            {"confirm_new": "Tick to confirm the new people, organisations and groups listed."}
        )
    people, orgs, teams = _create_entities(plan, review, body)
    meeting = meeting_services.meeting_create(
        body=body,
        date=review.date,
        start_time=review.start,
        end_time=review.end,
        venue=review.venue,
        title=review.title[:200],
        with_register=False,
        with_standing_items=False,
    )
    items = _items_create(meeting, review, people)
    _register_create(meeting, review, people, orgs, items)
    for row in review.decisions:
        item = items.get(row["item_key"])
        if item is not None:
            meeting_services.decision_add(item=item, text=row["text"], verb=row["verb"])
    _actions_create(meeting, review, items, people, orgs, teams)
    if review.no_interests:
        meeting_services.meeting_no_interests_set(meeting=meeting, value=True)
    _previous_approval(meeting, review, items)
    note = f"Imported from {minutes_import.file_name}"
    if review.as_record:
        meeting_services.meeting_mark_historical(meeting=meeting, status=Meeting.Status.APPROVED)
    update_change_reason(meeting, note)
    locked.status = MinutesImport.Status.IMPORTED
    locked.meeting = meeting
    locked.imported_as = "record" if review.as_record else "draft"
    locked.imported_at = timezone.now()
    locked.save(update_fields=["status", "meeting", "imported_as", "imported_at"])
    return meeting


def _create_entities(plan: Plan, review: Review, body: Body):
    """Create what the review listed as new, through the partners services."""
    orgs: dict[str, Organisation] = {}
    for name, org in plan.organisations.items():
        orgs[name] = (
            org
            or Organisation.objects.filter(Q(name__iexact=name) | Q(acronym__iexact=name)).first()
            or partner_services.organisation_create(name=name[:200])
        )
    details = {row["name"]: row for row in review.attendance}
    people: dict[str, Person] = {}
    for name, person in plan.people.items():
        if person is not None:
            people[name] = person
            continue
        row = details.get(name, {})
        people[name] = partner_services.person_create(
            name=name[:200],
            honorific=(row.get("honorific") or "")[:30],
            organisation=orgs.get(row.get("organisation") or ""),
        )
    teams: dict[str, Team] = {}
    for name, team in plan.teams.items():
        if team is None:
            everyone = fold(name) in GROUP_NAMES
            label = ("All" if everyone else name)[:120]
            team = Team.objects.filter(body=body, name__iexact=label).first()
            team = team or partner_services.team_create(body=body, name=label, everyone=everyone)
        teams[name] = team
    return people, orgs, teams


def _items_create(meeting: Meeting, review: Review, people) -> dict[int, AgendaItem]:
    """The items with their numbers as printed, when the printed numbers are distinct (else
    the body's own numbering: Minutebook refuses two items with one number)."""
    printed = [row.get("number") for row in review.items if row.get("number")]
    keep = len(printed) == len(set(printed)) and all(len(n) <= 12 for n in printed)
    numbers = {row["key"]: row["number"] for row in review.items if keep and row.get("number")}
    items: dict[int, AgendaItem] = {}
    for row in review.items:
        parent = items.get(row["parent_key"]) if row.get("parent_key") is not None else None
        item = meeting_services.item_add(
            meeting=meeting,
            parent=parent,
            title=row["title"][:300],
            kind=row["kind"] if row["kind"] in AgendaItem.Kind.values else AgendaItem.Kind.STANDARD,
            purpose=row.get("purpose") or "",
            presenter=people.get(row.get("presenter") or ""),
            minutes=row.get("minutes") or "",
            confidential=bool(row.get("confidential")),
            exempt_paragraph=row.get("exempt_paragraph") if row.get("confidential") else None,
            exempt_reason=(row.get("exempt_reason") or "")[:200] if row.get("confidential") else "",
            before_closing_items=False,
            number=numbers.get(row["key"], ""),
        )
        for paper in row.get("papers", []):
            meeting_services.paper_add(item=item, reference=paper[:40], title=paper[:200])
        items[row["key"]] = item
    return items


def _register_create(meeting, review, people, orgs, items) -> None:
    by_number = {}
    for key, item in items.items():
        for row in review.items:
            if row["key"] == key and row.get("number"):
                by_number.setdefault(row["number"], item)
    seen: dict[int, Attendance] = {}
    chair_taken = False
    for position, row in enumerate(review.attendance):
        person = people[row["name"]]
        if person.pk in seen:
            first = seen[person.pk]
            listed = dict(Attendance.Category.choices).get(row["category"], row["category"]).lower()
            meeting_services.attendance_update(
                attendance=first,
                note=f"{first.note} Also listed under {listed} in the source minutes.".strip()[
                    :200
                ],
            )
            continue
        chaired = bool(row.get("chaired")) and not chair_taken
        chair_taken = chair_taken or chaired
        substitute = people.get(row.get("substitute_for") or "")
        attendance = meeting_services.attendance_record(
            meeting=meeting,
            person=person,
            category=row["category"],
            organisation=orgs.get(row.get("organisation") or ""),
            role_label=(row.get("role") or "")[:80] if row.get("role") != "minutes" else "",
            group_label=(row.get("group") or "")[:80],
            substitute_for=substitute if substitute and substitute.pk != person.pk else None,
            chaired=chaired,
            took_minutes=bool(row.get("took_minutes")),
            position=position,
        )
        seen[person.pk] = attendance
        arrived = by_number.get(row.get("joined_at_item") or "")
        left = by_number.get(row.get("left_after_item") or "")
        if arrived or left:
            meeting_services.attendance_update(
                attendance=attendance,
                arrivals=[arrived] if arrived else None,
                departures=[left] if left else None,
            )


def _actions_create(meeting, review, items, people, orgs, teams) -> None:
    used_numbers: set[int] = set()
    for row in review.actions:
        owners = []
        for owner in row["owners"]:
            target = people.get(owner) or teams.get(owner) or orgs.get(owner)
            if target is not None:
                owners.append(target)
        if not owners:
            raise ValidationError(
                {"actions": f"Give an owner for the action “{row['text'][:60]}”."}
            )
        due_date, due_note = _due(row.get("due"), meeting.date)
        number = int(row["ref"]) if str(row.get("ref") or "").isdigit() else None
        if number in used_numbers:
            number = None
        action = action_create(
            meeting=meeting,
            item=items.get(row["item_key"]),
            description=row["text"],
            owners=owners,
            due_date=due_date,
            due_note=(row.get("due_note") or due_note)[:120],
            number=number,
        )
        used_numbers.add(action.number)


def _due(value, meeting_date: dt.date) -> tuple[dt.date | None, str]:
    if not value:
        return None, ""
    try:
        date = dt.date.fromisoformat(str(value))
    except ValueError:
        return None, str(value)[:120]
    if date < meeting_date:
        return None, f"{date:%-d %B %Y}"
    return date, ""


def _previous_approval(meeting: Meeting, review: Review, items) -> None:
    previous = review.previous
    if not previous:
        return
    earlier = Meeting.objects.filter(body=meeting.body, date__lt=meeting.date).exclude(
        status=Meeting.Status.DRAFT
    )
    if previous.get("meeting_date"):
        earlier = earlier.filter(date=previous["meeting_date"])
    target = earlier.order_by("-date").first()
    if target is None:
        return
    outcome = previous.get("outcome") or MinutesApproval.Outcome.APPROVED
    corrections = previous.get("corrections") or ""
    if outcome == MinutesApproval.Outcome.CORRECTED and not corrections:
        outcome = MinutesApproval.Outcome.APPROVED
    if target.status == Meeting.Status.SIGNED and outcome != MinutesApproval.Outcome.APPROVED:
        return
    record_services.minutes_approval_record(
        meeting=meeting,
        previous_meeting=target,
        outcome=outcome,
        corrections=corrections,
        item=items.get(previous.get("item_key")),
    )
