"""Writes for meetings: every change to a meeting's record goes through here (the register's
writes are in ``meetings.register`` and answer to their names here too)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from partners.models import Body, Person

from .errors import EditConflict, RecordLocked
from .guard import meeting_assert_editable
from .models import AgendaItem, Decision, Declaration, Meeting, Paper
from .register import (  # noqa: F401  (re-exported: the register's writes are services too)
    attendance_add_guest,
    attendance_chair_set,
    attendance_copy_from,
    attendance_mark_unmarked,
    attendance_record,
    attendance_remove,
    attendance_update,
    register_start,
)
from .text import clean_html, plain_text

STANDING_ITEMS = [
    (AgendaItem.Kind.APOLOGIES, "Welcome and apologies"),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interest"),
    (AgendaItem.Kind.PREVIOUS_MINUTES, "Minutes of the previous meeting and matters arising"),
    (AgendaItem.Kind.AOB, "Any other business"),
    (AgendaItem.Kind.NEXT_MEETING, "Date and time of next meeting"),
]
# Standing items that open the agenda; the rest close it.
OPENING_KINDS = {
    AgendaItem.Kind.APOLOGIES,
    AgendaItem.Kind.DECLARATIONS,
    AgendaItem.Kind.PREVIOUS_MINUTES,
}
NUMBER_LIMIT = AgendaItem._meta.get_field("number").max_length
REASON_LIMIT = AgendaItem._meta.get_field("exempt_reason").max_length


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    venue: str = "",
    kind: str = Meeting.Kind.ORDINARY,
    title: str = "",
    joint_body: Body | None = None,
    with_register: bool = True,
    with_standing_items: bool = True,
) -> Meeting:
    """Create a draft meeting.

    Side effects: the register starts from the body's current membership (everyone
    "expected"), and the standing items are added in their usual order.
    """
    if start_time and end_time and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    meeting = Meeting.objects.create(
        body=body,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue=venue or body.default_venue,
        kind=kind,
        title=title,
        joint_body=joint_body,
    )
    if with_register:
        register_start(meeting=meeting, current_on=_current_on(date))
    if with_standing_items:
        for kind_, title_ in STANDING_ITEMS:
            AgendaItem.objects.create(
                meeting=meeting, kind=kind_, title=title_, position=_standing_position(kind_)
            )
        items_renumber(meeting=meeting)
    return meeting


def _standing_position(kind: str) -> int:
    order = [k for k, _ in STANDING_ITEMS]
    index = order.index(kind)
    return index if kind in OPENING_KINDS else 1000 + index


def _current_on(date):
    return (Q(start_date__isnull=True) | Q(start_date__lte=date)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=date)
    )


def format_number(body: Body, prefix: str, index: int) -> str:
    """An automatic number: 1, 2 (or 1.0, 2.0) at the top level, 1.1 under item 1; under an
    item whose number was typed ("3a"), 3a.1."""
    if not prefix:
        return f"{index}.0" if body.numbering == Body.Numbering.DECIMAL else str(index)
    return f"{prefix}.{index}"


def items_renumber(*, meeting: Meeting) -> None:
    """Number items in the body's style and compact positions. A typed number is kept: the
    automatic ones around it still count it (after item 2 and a typed "2a" comes 4)."""
    items = list(meeting.items.all().order_by("position", "id"))
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    changed = []

    def walk(parent_id, prefix):
        for index, item in enumerate(children.get(parent_id, []), start=1):
            automatic = format_number(meeting.body, prefix, index)
            number = item.number if item.number_typed else automatic
            if item.number != number or item.position != index:
                item.number, item.position = number, index
                changed.append(item)
            walk(item.pk, number if item.number_typed else automatic.removesuffix(".0"))

    walk(None, "")
    AgendaItem.objects.bulk_update(changed, ["number", "position"])


def _typed_number(meeting: Meeting, number: str, exclude_pk: int | None = None) -> str:
    """A number as typed, checked: short, and not another item's number at this meeting."""
    number = " ".join((number or "").split())
    if len(number) > NUMBER_LIMIT:
        raise ValidationError({"number": f"Keep the number under {NUMBER_LIMIT + 1} characters."})
    if number:
        other = (
            AgendaItem.objects.filter(meeting=meeting, number__iexact=number)
            .exclude(pk=exclude_pk)
            .first()
        )
        if other is not None:
            raise ValidationError({"number": f"“{other.title}” already has number {number}."})
    return number


def _exemption(
    *, confidential: bool, paragraph: int | None, reason: str, parent: AgendaItem | None
) -> tuple[int | None, str]:
    """Why an item is exempt, checked: a paragraph of Schedule 12A or a reason, not both. A
    sub-item of a confidential item given neither carries its parent's; an item that is not
    confidential carries none. (Neither at all is accepted here, for minutes imported from the
    past; the drafting form asks for one.)"""
    if not confidential:
        return None, ""
    reason = " ".join((reason or "").split())
    if paragraph is not None and paragraph not in AgendaItem.ExemptParagraph.values:
        raise ValidationError({"exempt_paragraph": "Choose a paragraph of Schedule 12A (1 to 7)."})
    if paragraph is not None and reason:
        raise ValidationError(
            {"exempt_reason": "Give a paragraph of Schedule 12A or a reason, not both."}
        )
    if len(reason) > REASON_LIMIT:
        raise ValidationError(
            {"exempt_reason": f"Keep the reason under {REASON_LIMIT} characters."}
        )
    if paragraph is None and not reason and parent is not None and parent.confidential:
        return parent.exempt_paragraph, parent.exempt_reason
    return paragraph, reason


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    title: str,
    parent: AgendaItem | None = None,
    kind: str = AgendaItem.Kind.STANDARD,
    purpose: str = "",
    presenter: Person | None = None,
    confidential: bool = False,
    exempt_paragraph: int | None = None,
    exempt_reason: str = "",
    minutes: str = "",
    before_closing_items: bool = True,
    number: str = "",
) -> AgendaItem:
    """Add an item at the end of its level (before AOB and next meeting, for a new top-level
    item). ``number`` as typed ("45/11") is kept; left blank, the item is numbered in the
    body's style. A confidential item records why it is exempt (``exempt_paragraph`` of
    Schedule 12A, or ``exempt_reason``); a sub-item of one is confidential too and, given no
    reason of its own, carries its parent's."""
    meeting_assert_editable(meeting)
    if not title.strip():
        raise ValidationError({"title": "Give the item a title."})
    number = _typed_number(meeting, number)
    if parent is not None and parent.meeting_id != meeting.pk:
        raise ValidationError({"parent": "That item belongs to another meeting."})
    # A sub-item of a confidential item is confidential: its content is part of the exempt item.
    confidential = confidential or (parent is not None and parent.confidential)
    exempt_paragraph, exempt_reason = _exemption(
        confidential=confidential, paragraph=exempt_paragraph, reason=exempt_reason, parent=parent
    )
    siblings = AgendaItem.objects.filter(meeting=meeting, parent=parent).order_by("position")
    closing = [s for s in siblings if s.kind in (AgendaItem.Kind.AOB, AgendaItem.Kind.NEXT_MEETING)]
    if (
        parent is None
        and before_closing_items
        and closing
        and kind
        not in (
            AgendaItem.Kind.AOB,
            AgendaItem.Kind.NEXT_MEETING,
        )
    ):
        position = closing[0].position
        AgendaItem.objects.filter(meeting=meeting, parent=None, position__gte=position).update(
            position=F("position") + 1
        )
    else:
        last = siblings.last()
        position = (last.position + 1) if last else 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        parent=parent,
        position=position,
        title=title.strip(),
        kind=kind,
        purpose=purpose,
        presenter=presenter,
        confidential=confidential,
        exempt_paragraph=exempt_paragraph,
        exempt_reason=exempt_reason,
        minutes=clean_html(minutes),
        number=number,
        number_typed=bool(number),
    )
    items_renumber(meeting=meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def item_minutes_save(*, item: AgendaItem, minutes: str, base_revision: int) -> AgendaItem:
    """Save an item's minutes text unless someone else saved since ``base_revision``.

    The conditional UPDATE is the lock: two saves from the same revision cannot both win.
    Raises EditConflict with the other version; each save is kept in the item's history.
    """
    meeting_assert_editable(item.meeting)
    cleaned = clean_html(minutes)
    updated = AgendaItem.objects.filter(pk=item.pk, revision=base_revision).update(
        minutes=cleaned, revision=F("revision") + 1
    )
    fresh = AgendaItem.objects.get(pk=item.pk)
    if not updated:
        if fresh.minutes == cleaned:
            return fresh
        raise EditConflict(current_text=fresh.minutes, current_revision=fresh.revision)
    # Saving the same values again is what makes django-simple-history record the version
    # (an empty update_fields would skip the save and the signal with it).
    fresh.save(update_fields=["minutes", "revision"])
    return fresh


@transaction.atomic
def decision_add(*, item: AgendaItem, text: str, verb: str = Decision.Verb.AGREED) -> Decision:
    meeting_assert_editable(item.meeting)
    cleaned = clean_html(text)
    if not plain_text(cleaned):
        raise ValidationError({"text": "Write what was decided."})
    position = item.decisions.count() + 1
    return Decision.objects.create(item=item, text=cleaned, verb=verb, position=position)


@transaction.atomic
def declaration_add(
    *, meeting: Meeting, person: Person, interest: str, item: AgendaItem | None = None
) -> Declaration:
    meeting_assert_editable(meeting)
    if not interest.strip():
        raise ValidationError({"interest": "Describe the interest declared."})
    if meeting.no_interests_declared:
        Meeting.objects.filter(pk=meeting.pk).update(no_interests_declared=False)
        meeting.no_interests_declared = False
    return Declaration.objects.create(meeting=meeting, person=person, interest=interest, item=item)


HISTORICAL_STATUSES = (Meeting.Status.CIRCULATED, Meeting.Status.APPROVED)


@transaction.atomic
def meeting_mark_historical(
    *, meeting: Meeting, status: str, approved_at: dt.datetime | None = None
) -> Meeting:
    """Set the status of a meeting imported from past minutes (used for importing past minutes).

    Past minutes are loaded through the draft-only services and then given the status they
    already had on paper. Signing is not possible here: a signature needs the chair and the
    fingerprinted PDF, so it goes through the sign-off service.
    Side effect: "approved" stamps approved_at (now, unless given).
    """
    if status not in HISTORICAL_STATUSES:
        raise ValidationError(
            {"status": "Past minutes can be marked circulated or approved, not signed."}
        )
    if meeting.status == Meeting.Status.SIGNED:
        raise RecordLocked("These minutes are signed and can no longer be changed.")
    meeting.status = status
    fields = ["status", "updated_at"]
    if status == Meeting.Status.APPROVED:
        meeting.approved_at = approved_at or meeting.approved_at or timezone.now()
        fields.append("approved_at")
    if meeting.circulated_at is None:
        meeting.circulated_at = meeting.approved_at or timezone.now()
        fields.append("circulated_at")
    meeting.save(update_fields=fields)
    return meeting


# --- Drafting: meeting details, series, agenda builder, papers, register, minutes extras -----


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    venue: str = "",
    kind: str = Meeting.Kind.ORDINARY,
    title: str = "",
    joint_body: Body | None = None,
) -> Meeting:
    """Change a draft meeting's date, times, venue, kind, title or joint body."""
    meeting_assert_editable(meeting)
    if start_time and end_time and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    if joint_body is not None and joint_body.pk == meeting.body_id:
        raise ValidationError({"joint_body": "Choose another body for a joint meeting."})
    meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
    meeting.venue, meeting.kind, meeting.title = venue, kind, title
    meeting.joint_body = joint_body
    meeting.save()
    return meeting


@transaction.atomic
def meetings_schedule(
    *,
    body: Body,
    dates: list[dt.date],
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    venue: str = "",
    kind: str = Meeting.Kind.ORDINARY,
) -> list[Meeting]:
    """Create a draft meeting on each of ``dates`` (the next meeting, or a year's series).

    Side effects: each meeting gets the register and standing items of ``meeting_create``.
    All or nothing: a date that already has a meeting of the body refuses the whole series.
    """
    if not dates:
        raise ValidationError({"dates": "Give at least one date."})
    if len(set(dates)) != len(dates):
        raise ValidationError({"dates": "A date appears twice."})
    taken = sorted(Meeting.objects.filter(body=body, date__in=dates).values_list("date", flat=True))
    if taken:
        listed = ", ".join(f"{d:%-d %B %Y}" for d in taken)
        raise ValidationError(
            {"dates": f"{body.short_name or body.name} already meets on {listed}."}
        )
    return [
        meeting_create(
            body=body, date=d, start_time=start_time, end_time=end_time, venue=venue, kind=kind
        )
        for d in sorted(dates)
    ]


@transaction.atomic
def item_update(
    *,
    item: AgendaItem,
    title: str,
    purpose: str = "",
    presenter: Person | None = None,
    confidential: bool = False,
    exempt_paragraph: int | None = None,
    exempt_reason: str = "",
    number: str | None = None,
) -> AgendaItem:
    """Change an item's heading details (its minutes are saved by ``item_minutes_save``).

    ``number``: as typed, kept through renumbering; blank, numbered in the body's style again;
    None leaves it as it is. Confidentiality follows the tree: marking an item confidential
    marks its sub-items, and a sub-item of a confidential item cannot be made public alone.
    Why it is exempt follows it too: sub-items with no reason of their own, or with the one
    they took from this item, take its new one."""
    meeting_assert_editable(item.meeting)
    errors = {}
    if not title.strip():
        errors["title"] = "Give the item a title."
    if not confidential and item.parent_id and item.parent.confidential:
        errors["confidential"] = (
            "This is a sub-item of a confidential item, so it is confidential too."
        )
    inherited = (item.exempt_paragraph, item.exempt_reason)
    try:
        exempt_paragraph, exempt_reason = _exemption(
            confidential=confidential,
            paragraph=exempt_paragraph,
            reason=exempt_reason,
            parent=item.parent if item.parent_id else None,
        )
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if number is not None:
        try:
            number = _typed_number(item.meeting, number, exclude_pk=item.pk)
        except ValidationError as exc:
            errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    item.title, item.purpose = title.strip(), purpose
    item.presenter, item.confidential = presenter, confidential
    item.exempt_paragraph, item.exempt_reason = exempt_paragraph, exempt_reason
    fields = ["title", "purpose", "presenter", "confidential", "exempt_paragraph", "exempt_reason"]
    if number is not None:
        item.number_typed = bool(number)
        item.number = number or item.number
        fields += ["number", "number_typed"]
    item.save(update_fields=fields)
    if confidential:
        _descendants_exempt(item, inherited=inherited)
    if number is not None:
        items_renumber(meeting=item.meeting)
        item.refresh_from_db(fields=["number"])
    return item


@transaction.atomic
def item_delete(*, item: AgendaItem) -> None:
    """Remove an item (and its sub-items, decisions and papers) and renumber.

    Refused while actions hang off it: actions are the record people are chased on.
    """
    meeting_assert_editable(item.meeting)
    tree_ids = [item.pk, *_descendant_ids(item)]
    # Actions point at items from the layer above; the reverse relation is asked by name.
    count = AgendaItem.objects.filter(pk__in=tree_ids).aggregate(n=Count("actions"))["n"]
    if count:
        noun = "action" if count == 1 else "actions"
        raise ValidationError(
            f"Item {item.number} has {count} {noun}; it cannot be deleted while they exist."
        )
    meeting = item.meeting
    item.delete()
    items_renumber(meeting=meeting)


def _descendants_exempt(item: AgendaItem, *, inherited: tuple[int | None, str] = (None, "")):
    """Mark ``item``'s sub-items confidential; those with no reason of their own (or with
    ``inherited``, the one they took from it before) take its reason."""
    below = AgendaItem.objects.filter(pk__in=_descendant_ids(item))
    below.update(confidential=True)
    paragraph, reason = inherited
    took_it = Q(exempt_reason=reason) & (
        Q(exempt_paragraph__isnull=True) if paragraph is None else Q(exempt_paragraph=paragraph)
    )
    below.filter(took_it | Q(exempt_paragraph__isnull=True, exempt_reason="")).update(
        exempt_paragraph=item.exempt_paragraph, exempt_reason=item.exempt_reason
    )


def _descendant_ids(item: AgendaItem) -> list[int]:
    rows = list(
        AgendaItem.objects.filter(meeting_id=item.meeting_id).values_list("pk", "parent_id")
    )
    found, frontier = [], [item.pk]
    while frontier:
        frontier = [pk for pk, parent in rows if parent in frontier]
        found.extend(frontier)
    return found


@transaction.atomic
def item_move(*, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item one place ``up`` or ``down`` among its siblings, ``in`` (to become the last
    sub-item of the item above) or ``out`` (to follow its parent). Renumbers."""
    meeting_assert_editable(item.meeting)
    siblings = list(
        AgendaItem.objects.filter(meeting_id=item.meeting_id, parent_id=item.parent_id).order_by(
            "position", "id"
        )
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    if direction in ("up", "down"):
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(siblings):
            siblings.insert(target, siblings.pop(index))
            for position, sibling in enumerate(siblings, start=1):
                sibling.position = position
            AgendaItem.objects.bulk_update(siblings, ["position"])
    elif direction == "in":
        if index == 0:
            raise ValidationError("The first item has no item above it to go under.")
        new_parent = siblings[index - 1]
        last = new_parent.children.order_by("-position").first()
        item.parent, item.position = new_parent, (last.position + 1 if last else 1)
        item.save(update_fields=["parent", "position"])
        if new_parent.confidential:
            _descendants_exempt(new_parent)
    elif direction == "out":
        if item.parent_id is None:
            raise ValidationError("This item is already at the top level.")
        parent = item.parent
        AgendaItem.objects.filter(
            meeting_id=item.meeting_id, parent_id=parent.parent_id, position__gt=parent.position
        ).update(position=F("position") + 1)
        item.parent_id, item.position = parent.parent_id, parent.position + 1
        item.save(update_fields=["parent", "position"])
    else:
        raise ValidationError("Unknown direction.")
    items_renumber(meeting=item.meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def items_reorder(*, meeting: Meeting, parent: AgendaItem | None, ordered_ids: list[int]) -> None:
    """Put the items under ``parent`` (None: the top level) in the given order and renumber."""
    meeting_assert_editable(meeting)
    siblings = {
        s.pk: s
        for s in AgendaItem.objects.filter(meeting=meeting, parent=parent).order_by("position")
    }
    if set(ordered_ids) != set(siblings) or len(ordered_ids) != len(siblings):
        raise ValidationError("The agenda changed while you were moving items; reload and retry.")
    for position, pk in enumerate(ordered_ids, start=1):
        siblings[pk].position = position
    AgendaItem.objects.bulk_update(siblings.values(), ["position"])
    items_renumber(meeting=meeting)


@transaction.atomic
def paper_add(*, item: AgendaItem, reference: str = "", title: str = "", upload=None):
    """Attach a paper to an item: an uploaded file (already checked by the form) or a reference."""
    meeting_assert_editable(item.meeting)
    reference, title = reference.strip(), title.strip()
    if not reference and upload is None:
        raise ValidationError({"reference": "Give a reference (such as “Paper 3a”) or a file."})
    position = item.papers.count() + 1
    paper = Paper(item=item, reference=reference, title=title, position=position)
    if upload is not None:
        paper.original_name = upload.name[:255]
        paper.size = upload.size
        paper.file.save(upload.name, upload, save=False)
    paper.save()
    return paper


@transaction.atomic
def paper_delete(*, paper) -> None:
    meeting_assert_editable(paper.item.meeting)
    stored = paper.file.name
    storage = paper.file.storage
    paper.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def decision_update(*, decision: Decision, text: str, verb: str) -> Decision:
    """Correct a decision's wording or verb in place (the earlier wording stays in its history)."""
    meeting_assert_editable(decision.item.meeting)
    errors = {}
    cleaned = clean_html(text)
    if not plain_text(cleaned):
        errors["text"] = "Write what was decided."
    if verb not in Decision.Verb.values:
        errors["verb"] = "Choose how the decision is introduced."
    if errors:
        raise ValidationError(errors)
    if (decision.text, decision.verb) != (cleaned, verb):
        decision.text, decision.verb = cleaned, verb
        decision.save(update_fields=["text", "verb"])
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision) -> None:
    """Remove a decision and close the gap in the item's order (history keeps the deletion)."""
    meeting_assert_editable(decision.item.meeting)
    item = decision.item
    decision.delete()
    rest = list(item.decisions.order_by("position", "id"))
    for position, other in enumerate(rest, start=1):
        other.position = position
    Decision.objects.bulk_update(rest, ["position"])


@transaction.atomic
def declaration_delete(*, declaration: Declaration) -> None:
    meeting_assert_editable(declaration.meeting)
    declaration.delete()


@transaction.atomic
def meeting_no_interests_set(*, meeting: Meeting, value: bool) -> Meeting:
    """Record "no interests were declared"; refused while declarations are recorded."""
    meeting_assert_editable(meeting)
    if value and meeting.declarations.exists():
        raise ValidationError(
            {"no_interests_declared": "Interests are recorded; remove them first."}
        )
    meeting.no_interests_declared = value
    meeting.save(update_fields=["no_interests_declared", "updated_at"])
    return meeting


@transaction.atomic
def item_minutes_restore(*, item: AgendaItem, history_id: int) -> AgendaItem:
    """Bring back an earlier saved version of an item's minutes, as a new save on top."""
    version = item.history.filter(history_id=history_id).first()
    if version is None:
        raise ValidationError("That version does not belong to this item.")
    current = AgendaItem.objects.get(pk=item.pk)
    return item_minutes_save(item=current, minutes=version.minutes, base_revision=current.revision)
