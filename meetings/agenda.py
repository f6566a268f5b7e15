"""Writes for a meeting's agenda: adding, changing, moving and removing items, and numbering
them in the body's style (or as typed). Confidentiality, and why an item is exempt, follow the
tree: a sub-item of a confidential item is confidential too and carries its parent's reason.

``meetings.services`` re-exports these, so callers write ``services.item_add(...)`` like every
other write of a meeting's record. Each refuses changes once the meeting has left draft.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q

from partners.models import Body, Person

from .guard import meeting_assert_editable
from .models import AgendaItem, Meeting
from .text import clean_html

NUMBER_LIMIT = AgendaItem._meta.get_field("number").max_length
REASON_LIMIT = AgendaItem._meta.get_field("exempt_reason").max_length


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
