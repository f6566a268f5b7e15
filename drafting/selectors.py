"""Reads for the drafting pages, and action owners as the officer names them (names, initials,
organisations and groups, which takes the database to understand). Text that needs no database
to read or write is in ``drafting.text``.

Reads here keep a fixed number of queries whatever the size of the meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet

from actions.models import Action
from actions.selectors import actions_with_owners
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MinutesApproval,
    Movement,
    Paper,
)
from meetings.selectors import meetings_base
from partners import rules as partner_rules
from partners.models import Body, Membership, Organisation, Person, Team
from records.selectors import meeting_record

# --- Meetings the officer drafts -----------------------------------------------------------


def drafts_for_user(user) -> QuerySet[Meeting]:
    """Draft meetings of the bodies the user edits, soonest first, with counts for the list."""
    qs = meetings_base().filter(status=Meeting.Status.DRAFT)
    editable = partner_rules.editable_body_ids(user)
    if editable is not None:
        qs = qs.filter(body_id__in=editable)
    return qs.annotate(
        item_count=Count("items", distinct=True), action_count=Count("actions", distinct=True)
    ).order_by("date", "start_time", "pk")


def actions_awaiting_owner(user) -> QuerySet[Action]:
    """Open actions of the user's bodies whose owner is still to be confirmed, oldest meeting
    first: the secretariat names someone (the minutes or the action page) and they drop off."""
    qs = Action.objects.filter(owners__isnull=True).exclude(status__in=Action.CLOSED)
    editable = partner_rules.editable_body_ids(user)
    if editable is not None:
        qs = qs.filter(body_id__in=editable)
    return qs.select_related("meeting__body", "item").order_by("meeting__date", "number", "pk")


def editable_bodies(user) -> QuerySet[Body]:
    qs = Body.objects.all()
    editable = partner_rules.editable_body_ids(user)
    if editable is not None:
        qs = qs.filter(pk__in=editable)
    return qs.order_by("name")


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    """The body's next scheduled meeting after this one, if there is one."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__gt=meeting.date)
        .order_by("date", "start_time", "pk")
        .first()
    )


def previous_meeting_before(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__lt=meeting.date)
        .order_by("-date", "-start_time", "-pk")
        .first()
    )


def latest_meeting(body: Body) -> Meeting | None:
    """The body's last meeting, whose times and venue a new series starts from."""
    return Meeting.objects.filter(body=body).order_by("-date", "-start_time").first()


def meeting_people(
    meeting: Meeting, *, members: bool = False, register: bool = False
) -> QuerySet[Person]:
    """People a drafting page offers by name, alphabetically: the body's members (presenters),
    anyone on this meeting's register (who a substitute deputises for), or both (action owners:
    the minutes may name anyone of either)."""
    if not (members or register):
        return Person.objects.none()
    where = Q()
    if members:
        where |= Q(memberships__body_id=meeting.body_id)
    if register:
        where |= Q(attendances__meeting_id=meeting.pk)
    return Person.objects.filter(where).select_related("organisation").distinct().order_by("name")


@dataclass
class EditorData:
    """What the minutes editor shows, loaded in a fixed number of queries."""

    record: object
    previous_meeting: Meeting | None
    approval: MinutesApproval | None
    open_actions: list[Action]
    declarations: list[Declaration]
    next_meeting: Meeting | None


def minutes_editor_data(meeting: Meeting) -> EditorData:
    record = meeting_record(meeting_id=meeting.pk)
    previous = previous_meeting_before(meeting)
    approval = None
    if previous is not None:
        approval = MinutesApproval.objects.filter(
            meeting=meeting, previous_meeting=previous
        ).first()
    # Matters arising: what earlier meetings left open, plus what was closed at this one, so the
    # officer sees the review they have just recorded.
    open_actions = list(
        actions_with_owners()
        .filter(meeting__body_id=meeting.body_id, meeting__date__lt=meeting.date)
        .filter(~Q(status__in=Action.CLOSED) | Q(closed_at_meeting=meeting))
        .order_by("meeting__date", "number")
    )
    declarations = list(
        Declaration.objects.filter(meeting=meeting).select_related("person", "item").order_by("id")
    )
    return EditorData(
        record=record,
        previous_meeting=previous,
        approval=approval,
        open_actions=open_actions,
        declarations=declarations,
        next_meeting=next_meeting_after(meeting),
    )


def earlier_action(meeting: Meeting, action_pk: int) -> Action | None:
    """An action of one of the body's earlier meetings (matters arising), or None."""
    return (
        Action.objects.filter(
            pk=action_pk, meeting__body_id=meeting.body_id, meeting__date__lt=meeting.date
        )
        .select_related("meeting")
        .first()
    )


# --- One agenda item: papers, decisions and actions, versions of its minutes --------------


def item_papers(item: AgendaItem) -> list[Paper]:
    return list(item.papers.order_by("position", "id"))


def item_with_extras(item: AgendaItem) -> AgendaItem:
    """The item afresh, with its decisions in order and its actions with their owners
    (as ``item_actions``)."""
    fresh = (
        AgendaItem.objects.filter(pk=item.pk)
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("position", "id"))
        )
        .get()
    )
    fresh.meeting = item.meeting
    fresh.item_actions = list(actions_with_owners().filter(item=fresh).order_by("number"))
    return fresh


def item_versions(item: AgendaItem) -> list:
    """The saved versions of the item's minutes, newest first; a save that left the text as it
    was is not worth listing."""
    versions = list(
        item.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    shown, previous_text = [], None
    for version in reversed(versions):
        if version.minutes != previous_text:
            shown.append(version)
            previous_text = version.minutes
    shown.reverse()
    return shown


# --- Action owners: names, initials, organisations and groups -----------------------------

OWNER_SPLIT = re.compile(r"\s*(?:,|/|;|&|\band\b)\s*", re.IGNORECASE)
# What the minutes say when nobody is named yet; the action waits for the secretariat.
TO_BE_CONFIRMED = "to be confirmed"
TBC_WORDS = {TO_BE_CONFIRMED, "tbc", "to be confirmed.", "owner to be confirmed"}
KIND_SUFFIX = re.compile(r"^(?P<label>.*?)\s*\((?P<tag>[^)]*)\)\s*$")


@dataclass
class OwnerOption:
    value: str
    label: str
    kind: str


def _teams(meeting: Meeting) -> list[Team]:
    return list(Team.objects.filter(body_id=meeting.body_id).order_by("name"))


def _person_value(person: Person) -> str:
    return f"{person.name} ({person.initials})" if person.initials else person.name


def _org_value(org: Organisation) -> str:
    return f"{org.name} (organisation)"


def _team_value(team: Team) -> str:
    return f"{team.name} (group)"


def owners_parse(meeting: Meeting, text: str) -> list[Person | Organisation | Team]:
    """Turn "JM / Valerie Hayllor, Secretariat" into owners, or say which part is not understood.

    Each part may be initials or a name of someone on the body or the register, a group of the
    body, or an organisation by name or acronym. Options from the picker carry a tag in
    brackets ("(organisation)", "(group)", "(VH)") that settles ambiguity. "To be confirmed"
    (or "TBC") on its own is nobody named yet: no owners.
    """
    if " ".join((text or "").split()).casefold() in TBC_WORDS:
        return []
    parts = [p.strip() for p in OWNER_SPLIT.split(text or "") if p.strip()]
    if not parts:
        raise ValidationError(
            "Name at least one owner: a person, an organisation or a group, or write "
            "“to be confirmed”."
        )
    people = list(meeting_people(meeting, members=True, register=True))
    teams = _teams(meeting)
    owners: list[Person | Organisation | Team] = []
    problems = []
    for part in parts:
        found = _owner_lookup(part, people, teams)
        if isinstance(found, str):
            problems.append(found)
        else:
            owners.append(found)
    if problems:
        raise ValidationError(" ".join(problems))
    return owners


def _owner_lookup(part: str, people: list[Person], teams: list[Team]):
    tag = ""
    match = KIND_SUFFIX.match(part)
    if match:
        part, tag = match["label"].strip(), match["tag"].strip()
    key = part.casefold()
    if tag != "organisation":
        team_hits = [t for t in teams if t.name.casefold() == key]
        if team_hits:
            return team_hits[0]
    if tag in ("group",):
        return f"No group called “{part}”."
    if tag != "organisation":
        hits = [p for p in people if p.name.casefold() == key or p.display_name.casefold() == key]
        if not hits and part.isupper() and len(part) <= 5:
            hits = [p for p in people if p.initials.casefold() == key]
        if not hits:
            hits = [p for p in people if p.name.split()[-1].casefold() == key]
        if tag and len(hits) > 1:
            hits = [p for p in hits if p.initials == tag] or hits
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(p.name for p in hits)
            return f"“{part}” could be {names}: pick one from the list."
    org = Organisation.objects.filter(Q(name__iexact=part) | Q(acronym__iexact=part)).first()
    if org is not None:
        return org
    return f"Nobody called “{part}” is on this body or the register."


def owners_text(action: Action) -> str:
    """An action's owners as the picker writes them, so an unchanged field parses back the same."""
    parts = []
    for owner in action.owners.all():
        if owner.person_id:
            parts.append(_person_value(owner.person))
        elif owner.organisation_id:
            parts.append(_org_value(owner.organisation))
        else:
            parts.append(_team_value(owner.team))
    return ", ".join(parts) or TO_BE_CONFIRMED


def due_text(action: Action) -> str:
    """An action's due date as the officer would type it: the minuted words, else the date."""
    if action.due_note:
        return action.due_note
    return f"{action.due_date:%d/%m/%Y}" if action.due_date else ""


def owner_options(meeting: Meeting, query: str, limit: int = 12) -> list[OwnerOption]:
    """Picker suggestions for the last part of what was typed, keeping the earlier parts."""
    query = query or ""
    pieces = OWNER_SPLIT.split(query)
    last = pieces[-1].strip() if pieces else ""
    prefix = query[: len(query) - len(pieces[-1])] if pieces else ""
    if prefix and not prefix.endswith(" "):
        prefix += " "
    needle = last.casefold()
    if not needle:
        return []
    options: list[OwnerOption] = []
    for person in meeting_people(meeting, members=True, register=True):
        words = [w.casefold() for w in person.name.split()]
        if (
            person.initials.casefold().startswith(needle)
            or any(w.startswith(needle) for w in words)
            or person.name.casefold().startswith(needle)
        ):
            org = f", {person.organisation.short_name}" if person.organisation_id else ""
            options.append(
                OwnerOption(
                    value=prefix + _person_value(person),
                    label=f"{person.display_name}{org}",
                    kind="person",
                )
            )
    if not prefix.strip() and (TO_BE_CONFIRMED.startswith(needle) or "tbc".startswith(needle)):
        options.append(
            OwnerOption(value=TO_BE_CONFIRMED, label="To be confirmed", kind="nobody named yet")
        )
    for team in _teams(meeting):
        if needle in team.name.casefold():
            options.append(
                OwnerOption(value=prefix + _team_value(team), label=team.name, kind="group")
            )
    orgs = Organisation.objects.filter(Q(name__icontains=last) | Q(acronym__istartswith=last))
    for org in orgs.order_by("name")[:limit]:
        options.append(
            OwnerOption(value=prefix + _org_value(org), label=org.name, kind="organisation")
        )
    return options[:limit]


# --- Register -----------------------------------------------------------------------------

REGISTER_KEYS = [
    ("p", Attendance.Category.PRESENT),
    ("a", Attendance.Category.APOLOGIES),
    ("x", Attendance.Category.ABSENT),
    ("i", Attendance.Category.IN_ATTENDANCE),
    ("o", Attendance.Category.ALSO_PRESENT),
]


def register_rows(meeting: Meeting) -> list[Attendance]:
    """The register in order, each row with the items during which the person joined
    (``arrival_ids``) and after which they left (``departure_ids``), in agenda order."""
    rows = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("person__organisation", "organisation", "substitute_for")
        .prefetch_related(
            Prefetch("movements", queryset=Movement.objects.order_by("item__position", "id"))
        )
        .order_by("position", "id")
    )
    for row in rows:
        moves = row.movements.all()
        row.arrival_ids = [m.item_id for m in moves if m.kind == Movement.Kind.JOINED]
        row.departure_ids = [m.item_id for m in moves if m.kind == Movement.Kind.LEFT]
    return rows


GROUP_SUGGESTIONS = ["Executive Members", "Non-Executive Members"]


def register_groups(rows: list[Attendance]) -> list[tuple[str, list[Attendance]]]:
    """Rows grouped by their group label, groups in the order their first row comes."""
    groups: dict[str, list[Attendance]] = {}
    for row in rows:
        groups.setdefault(row.group_label, []).append(row)
    return list(groups.items())


def group_suggestions(rows: list[Attendance]) -> list[str]:
    labels = [*GROUP_SUGGESTIONS, *(r.group_label for r in rows if r.group_label)]
    return list(dict.fromkeys(labels))


def meeting_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items in agenda order (each item followed by its sub-items)."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered: list[AgendaItem] = []

    def walk(parent_id):
        for item in children.get(parent_id, []):
            ordered.append(item)
            walk(item.pk)

    walk(None)
    return ordered


@dataclass
class RegisterSource:
    """The body's last meeting before this one, and how many people its register would add."""

    meeting: Meeting
    to_add: int


def register_source(meeting: Meeting) -> RegisterSource | None:
    """Where "copy from the last meeting" copies from, if there is anyone there to copy."""
    previous = previous_meeting_before(meeting)
    if previous is None:
        return None
    to_add = (
        Attendance.objects.filter(meeting=previous, substitute_for__isnull=True)
        .exclude(person__attendances__meeting_id=meeting.pk)
        .count()
    )
    return RegisterSource(meeting=previous, to_add=to_add)


def body_members_not_on_register(meeting: Meeting) -> QuerySet[Person]:
    return (
        Person.objects.filter(memberships__body_id=meeting.body_id)
        .exclude(
            memberships__role=Membership.Role.SECRETARIAT, memberships__body_id=meeting.body_id
        )
        .exclude(attendances__meeting_id=meeting.pk)
        .distinct()
        .order_by("name")
    )
