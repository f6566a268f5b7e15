"""The lines printed with an agenda item besides its own content: who joined the meeting during
it or left after it, approvals of earlier minutes and declarations of interest. Part of
``documents.minutes_context``; the same for a draft and for the frozen record of signed
minutes."""

from __future__ import annotations

from dataclasses import dataclass

from meetings.models import AgendaItem, MinutesApproval, Movement
from partners.templatetags.minutebook import ukdate

from .selectors import MeetingRecord


@dataclass
class ItemLines:
    """Lines keyed by item pk."""

    joined: dict[int, list[str]]
    left: dict[int, list[str]]
    approvals: dict[int, list[str]]
    declarations: dict[int, list[str]]


def _by_item(pairs) -> dict[int | None, list[str]]:
    lines: dict[int | None, list[str]] = {}
    for item_id, text in pairs:
        lines.setdefault(item_id, []).append(text)
    return lines


def names_text(people: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


def _movement_notes(record: MeetingRecord, kind: str, verb: str) -> dict[int, list[str]]:
    """One "(A and B joined the meeting)" line per item, from every arrival (or departure) on
    the register: someone who left and came back is named at each item it happened, in the
    register's order."""
    names = _by_item(
        (m.item_id, a.person.display_name)
        for a in record.attendances
        for m in a.movements_in_order
        if m.kind == kind
    )
    return {pk: [f"({names_text(people)} {verb} the meeting)"] for pk, people in names.items()}


def _approval_line(ap: MinutesApproval) -> str:
    text = f"The minutes of the meeting held on {ukdate(ap.previous_meeting.date)} were "
    if ap.outcome == MinutesApproval.Outcome.APPROVED:
        return text + "approved as a correct record."
    if ap.outcome == MinutesApproval.Outcome.CORRECTED:
        return text + f"approved as a correct record subject to these corrections: {ap.corrections}"
    return text + "not approved."


def _approval_lines(record: MeetingRecord) -> dict[int | None, list[str]]:
    return _by_item((ap.item_id, _approval_line(ap)) for ap in record.approvals_given)


def _declaration_lines(record: MeetingRecord, private: set[int]) -> dict[int | None, list[str]]:
    """A private item's declarations are left out; those tied to no item always print."""
    return _by_item(
        (d.item_id, f"{d.person.display_name}: {d.interest}")
        for d in record.declarations
        if d.item_id not in private
    )


def _first_item_of_kind(record: MeetingRecord, kind: str) -> int | None:
    return next((i.pk for i in record.items if i.kind == kind), None)


def _fold_loose(lines: dict[int | None, list[str]], home: int | None) -> dict[int, list[str]]:
    """Lines tied to no item print first under the standing item meant for them (approvals
    under "Minutes of the previous meeting", declarations under "Declarations of interest")."""
    folded = {pk: rows for pk, rows in lines.items() if pk is not None}
    if home is not None:
        folded[home] = lines.get(None, []) + folded.get(home, [])
    return folded


def item_lines(record: MeetingRecord, private_items: set[int]) -> ItemLines:
    return ItemLines(
        joined=_movement_notes(record, Movement.Kind.JOINED, "joined"),
        left=_movement_notes(record, Movement.Kind.LEFT, "left"),
        approvals=_fold_loose(
            _approval_lines(record),
            _first_item_of_kind(record, AgendaItem.Kind.PREVIOUS_MINUTES),
        ),
        declarations=_fold_loose(
            _declaration_lines(record, private_items),
            _first_item_of_kind(record, AgendaItem.Kind.DECLARATIONS),
        ),
    )
