"""Writes for a meeting's register: who was there, in what capacity, and when they came and went.

``meetings.services`` re-exports these, so callers write ``services.attendance_update(...)``
like every other write of a meeting's record. Each refuses changes once the meeting has left
draft (``meeting_assert_editable``) and checks everything before it changes anything.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from partners.models import Membership, Organisation, Person

from .guard import meeting_assert_editable
from .models import AgendaItem, Attendance, Meeting, Movement

ROLE_LABELS = {
    Membership.Role.CHAIR: "Chair",
    Membership.Role.VICE_CHAIR: "Vice Chair",
    Membership.Role.LEAD_MEMBER: "Lead Member",
}
# Bodies with executive and non-executive members list them in those groups, as their minutes do.
GROUP_LABELS = {
    Membership.Role.EXECUTIVE: "Executive Members",
    Membership.Role.NON_EXECUTIVE: "Non-Executive Members",
}
# Register order: the chair first, then as a body's minutes usually list people.
REGISTER_ROLE_ORDER = [
    Membership.Role.CHAIR,
    Membership.Role.VICE_CHAIR,
    Membership.Role.LEAD_MEMBER,
    Membership.Role.EXECUTIVE,
    Membership.Role.NON_EXECUTIVE,
    Membership.Role.MEMBER,
    Membership.Role.ADVISOR,
    Membership.Role.OFFICER,
]
LABEL_LIMIT = 80
NOTE_LIMIT = 200


def register_start(*, meeting: Meeting, current_on: Q) -> list[Attendance]:
    """A new meeting's register from the body's current membership, everyone "expected"
    (``current_on``: the memberships current on the meeting's date). Part of
    ``services.meeting_create``; the first state is kept in history like every later change."""
    memberships = (
        Membership.objects.filter(body_id=meeting.body_id)
        .filter(current_on)
        .exclude(role=Membership.Role.SECRETARIAT)
        .select_related("person")
        .order_by("person__name")
    )
    rank = {role: n for n, role in enumerate(REGISTER_ROLE_ORDER)}
    memberships = sorted(memberships, key=lambda m: rank.get(m.role, len(rank)))
    grouped = any(m.role in GROUP_LABELS for m in memberships)
    seen: set[int] = set()
    rows = []
    for m in memberships:
        if m.person_id in seen:
            continue
        seen.add(m.person_id)
        rows.append(
            Attendance(
                meeting=meeting,
                person=m.person,
                organisation_id=m.organisation_id or m.person.organisation_id,
                role_label=ROLE_LABELS.get(m.role, ""),
                group_label=GROUP_LABELS.get(m.role, "") if grouped else "",
                position=len(rows),
            )
        )
    return bulk_create_with_history(rows, Attendance)


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    person: Person,
    category: str,
    organisation: Organisation | None = None,
    group_label: str = "",
    role_label: str = "",
    substitute_for: Person | None = None,
    chaired: bool = False,
    took_minutes: bool = False,
    note: str = "",
    position: int | None = None,
) -> Attendance:
    """Put a person on the register. A person appears once: a second entry is refused."""
    meeting_assert_editable(meeting)
    existing = Attendance.objects.filter(meeting=meeting, person=person).first()
    if existing is not None:
        raise ValidationError(
            {
                "person": f"{person.display_name} is already on the register as "
                f"“{existing.get_category_display()}”. Change that entry instead."
            }
        )
    if substitute_for is not None and substitute_for.pk == person.pk:
        raise ValidationError({"substitute_for": "A person cannot deputise for themselves."})
    if chaired and Attendance.objects.filter(meeting=meeting, chaired=True).exists():
        raise ValidationError({"chaired": "Someone else is already recorded as chairing."})
    if position is None:
        position = Attendance.objects.filter(meeting=meeting).count()
    try:
        with transaction.atomic():
            return Attendance.objects.create(
                meeting=meeting,
                person=person,
                category=category,
                organisation=organisation or person.organisation,
                group_label=group_label,
                role_label=role_label,
                substitute_for=substitute_for,
                chaired=chaired,
                took_minutes=took_minutes,
                note=note,
                position=position,
            )
    except IntegrityError as exc:  # a concurrent entry for the same person
        raise ValidationError({"person": "This person is already on the register."}) from exc


@transaction.atomic
def attendance_update(
    *,
    attendance: Attendance,
    category: str | None = None,
    took_minutes: bool | None = None,
    arrivals: list[AgendaItem] | None = None,
    departures: list[AgendaItem] | None = None,
    role_label: str | None = None,
    group_label: str | None = None,
    note: str | None = None,
) -> Attendance:
    """Change one register entry: category, minute-taker, the items during which they joined and
    after which they left (each as often as it happened), and how the minutes show them (group,
    role such as "Vice Chair", note). None leaves a field as it is.

    All or nothing: a refused field leaves the whole row, in the database and in hand, as it was.
    """
    meeting_assert_editable(attendance.meeting)
    errors: dict[str, str] = {}
    changes: dict[str, object] = {}
    if category is not None:
        if category in Attendance.Category.values:
            changes["category"] = category
        else:
            errors["category"] = "Choose a category."
    if took_minutes is not None:
        changes["took_minutes"] = took_minutes
    for name, value in (("role_label", role_label), ("group_label", group_label)):
        if value is not None:
            cleaned = " ".join(value.split())
            if len(cleaned) > LABEL_LIMIT:
                errors[name] = f"Keep this under {LABEL_LIMIT} characters."
            else:
                changes[name] = cleaned
    if note is not None:
        if len(note.strip()) > NOTE_LIMIT:
            errors["note"] = f"Keep the note under {NOTE_LIMIT} characters."
        else:
            changes["note"] = note.strip()
    movements = None
    if arrivals is not None or departures is not None:
        try:
            movements = _movements_checked(attendance, arrivals, departures)
        except ValidationError as exc:
            errors.update(
                {field: " ".join(messages) for field, messages in exc.message_dict.items()}
            )
    if errors:
        raise ValidationError(errors)
    for name, value in changes.items():
        setattr(attendance, name, value)
    if movements is not None:
        _movements_save(attendance, movements)
    attendance.save()
    return attendance


def _agenda_order(meeting_id: int) -> dict[int, int]:
    """Item id -> its place in the agenda read top to bottom (each item before its sub-items)."""
    rows = AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position", "id")
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in rows.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    order: dict[int, int] = {}

    def walk(parent_id):
        for pk in children.get(parent_id, []):
            order[pk] = len(order)
            walk(pk)

    walk(None)
    return order


def _movements_checked(
    attendance: Attendance,
    arrivals: list[AgendaItem] | None,
    departures: list[AgendaItem] | None,
) -> list[tuple[str, AgendaItem]]:
    """The person's movements in agenda order, refused unless they alternate (nobody joins twice
    without leaving in between). Joining during an item comes before leaving after it."""
    stored = list(attendance.movements.select_related("item")) if attendance.pk else []
    if arrivals is None:
        arrivals = [m.item for m in stored if m.kind == Movement.Kind.JOINED]
    if departures is None:
        departures = [m.item for m in stored if m.kind == Movement.Kind.LEFT]
    if any(i.meeting_id != attendance.meeting_id for i in [*arrivals, *departures]):
        raise ValidationError({"arrivals": "That item belongs to another meeting."})
    order = _agenda_order(attendance.meeting_id)
    events = {(order[i.pk], 0, Movement.Kind.JOINED, i.pk): i for i in arrivals}
    events |= {(order[i.pk], 1, Movement.Kind.LEFT, i.pk): i for i in departures}
    timeline = [(key[2], item) for key, item in sorted(events.items())]
    for (kind, first), (next_kind, then) in zip(timeline, timeline[1:], strict=False):
        if kind != next_kind:
            continue
        if kind == Movement.Kind.JOINED:
            raise ValidationError(
                {
                    "arrivals": f"Joined during item {first.number} and again during item "
                    f"{then.number} without leaving in between: say after which item they left."
                }
            )
        raise ValidationError(
            {
                "departures": f"Left after item {first.number} and again after item "
                f"{then.number} without coming back in between: say during which item they "
                "rejoined."
            }
        )
    return timeline


def _movements_save(attendance: Attendance, timeline: list[tuple[str, AgendaItem]]) -> None:
    """Store the movements (when they changed) and the first arrival and final departure."""
    stored = list(attendance.movements.order_by("id"))
    wanted = [(kind, item.pk) for kind, item in timeline]
    if sorted((m.kind, m.item_id) for m in stored) != sorted(wanted):
        for movement in stored:  # one by one, so each removal is kept in history
            movement.delete()
        bulk_create_with_history(
            [Movement(attendance=attendance, kind=kind, item=item) for kind, item in timeline],
            Movement,
        )
    first_kind, first_item = timeline[0] if timeline else ("", None)
    last_kind, last_item = timeline[-1] if timeline else ("", None)
    attendance.arrived_during = first_item if first_kind == Movement.Kind.JOINED else None
    attendance.left_after = last_item if last_kind == Movement.Kind.LEFT else None


@transaction.atomic
def attendance_chair_set(*, meeting: Meeting, attendance: Attendance | None) -> None:
    """Record who chaired (one person; None clears it)."""
    meeting_assert_editable(meeting)
    if attendance is not None and attendance.meeting_id != meeting.pk:
        raise ValidationError({"chaired": "That person is not on this meeting's register."})
    for other in Attendance.objects.filter(meeting=meeting, chaired=True):
        if attendance is None or other.pk != attendance.pk:
            other.chaired = False
            other.save(update_fields=["chaired"])
    if attendance is not None and not attendance.chaired:
        attendance.chaired = True
        attendance.save(update_fields=["chaired"])


@transaction.atomic
def attendance_mark_unmarked(*, meeting: Meeting, category: str) -> int:
    """Give everyone not yet marked (still "expected") the same category, typically "present",
    so the officer only marks the exceptions. Returns how many rows changed."""
    meeting_assert_editable(meeting)
    if category not in Attendance.Category.values or category == Attendance.Category.EXPECTED:
        raise ValidationError({"category": "Choose a category."})
    rows = list(Attendance.objects.filter(meeting=meeting, category=Attendance.Category.EXPECTED))
    for row in rows:
        row.category = category
    bulk_update_with_history(rows, Attendance, ["category"], default_change_reason="Marked all")
    return len(rows)


@transaction.atomic
def attendance_copy_from(*, meeting: Meeting, source: Meeting) -> list[Attendance]:
    """Put on this register everyone from ``source`` (an earlier meeting of the same body) who
    is not on it yet, with the organisation, group and role they were listed with, unmarked.

    Substitutes are left out: they deputised for someone at that meeting, not at this one.
    """
    meeting_assert_editable(meeting)
    if source.body_id != meeting.body_id or source.pk == meeting.pk:
        raise ValidationError("Copy the register of an earlier meeting of the same body.")
    here = set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    start = Attendance.objects.filter(meeting=meeting).count()
    rows = []
    for old in Attendance.objects.filter(meeting=source, substitute_for__isnull=True).order_by(
        "position", "id"
    ):
        if old.person_id in here:
            continue
        rows.append(
            Attendance(
                meeting=meeting,
                person_id=old.person_id,
                organisation_id=old.organisation_id,
                group_label=old.group_label,
                role_label=old.role_label,
                position=start + len(rows),
            )
        )
    return bulk_create_with_history(rows, Attendance)


@transaction.atomic
def attendance_add_guest(
    *,
    meeting: Meeting,
    name: str,
    category: str,
    person: Person | None = None,
    organisation_name: str = "",
    job_title: str = "",
    substitute_for: Person | None = None,
    role_label: str = "",
    group_label: str = "",
    took_minutes: bool = False,
) -> Attendance:
    """Add someone to the register on the fly: a guest, a presenter or a substitute.

    Side effects: creates the organisation (matched by name or acronym) and the person
    (matched by name within that organisation) when they are new.
    """
    meeting_assert_editable(meeting)
    organisation = None
    organisation_name = organisation_name.strip()
    if organisation_name:
        organisation = Organisation.objects.filter(
            Q(name__iexact=organisation_name) | Q(acronym__iexact=organisation_name)
        ).first() or Organisation.objects.create(name=organisation_name)
    if person is None:
        name = " ".join(name.split())
        if not name:
            raise ValidationError({"name": "Give the person's name."})
        person = Person.objects.filter(
            name__iexact=name, organisation=organisation
        ).first() or Person.objects.create(
            name=name, organisation=organisation, job_title=job_title
        )
    return attendance_record(
        meeting=meeting,
        person=person,
        category=category,
        organisation=organisation or person.organisation,
        substitute_for=substitute_for,
        role_label=role_label.strip(),
        group_label=" ".join(group_label.split()),
        took_minutes=took_minutes,
    )


@transaction.atomic
def attendance_remove(*, attendance: Attendance) -> None:
    """Take someone off the register (added by mistake). The person is kept."""
    meeting_assert_editable(attendance.meeting)
    attendance.delete()
