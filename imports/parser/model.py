"""What the parser proposes: plain dataclasses, each element with the source lines it came from.

``lines`` are 0-based indices into the document's lines, first and last (inclusive).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Line:
    no: int
    raw: str
    text: str  # stripped, markdown emphasis and heading marks removed
    indent: int = 0
    heading: bool = False  # marked as a heading in the source (Word heading style, "## ")

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class MeetingInfo:
    body: str = ""
    body_acronym: str = ""
    title: str = ""
    date: str | None = None  # YYYY-MM-DD
    start: str | None = None  # HH:MM
    end: str | None = None
    venue: str = ""
    lines: list[int] = field(default_factory=list)


@dataclass
class Attendee:
    name: str
    category: str  # present, also_present, in_attendance, apologies, absent
    honorific: str = ""
    organisation: str = ""
    role: str = ""
    group: str = ""
    substitute_for: str = ""
    chaired: bool = False
    took_minutes: bool = False
    joined_at_item: str | None = None
    left_after_item: str | None = None
    initials: str = ""
    note: str = ""
    lines: list[int] = field(default_factory=list)


@dataclass
class Item:
    key: int
    number: str | None
    title: str
    parent: int | None = None  # key of the parent item
    presenter: str = ""
    purpose: str = ""
    papers: list[str] = field(default_factory=list)
    kind: str = "standard"
    minutes: str = ""  # HTML: paragraphs and lists
    # Exempt business (``exempt.mark_exempt``): a paragraph of Schedule 12A, or a reason.
    confidential: bool = False
    exempt_paragraph: int | None = None
    exempt_reason: str = ""
    lines: list[int] = field(default_factory=list)


@dataclass
class Decision:
    item: int | None  # item key
    text: str
    verb: str = "agreed"
    lines: list[int] = field(default_factory=list)


@dataclass
class Action:
    item: int | None
    text: str
    owners: list[str] = field(default_factory=list)
    due: str | None = None  # YYYY-MM-DD when a date could be read, else the words as minuted
    due_note: str = ""
    ref: str | None = None
    carried_forward: bool = False
    lines: list[int] = field(default_factory=list)


@dataclass
class PreviousMinutes:
    item: int | None
    outcome: str  # approved, corrected, not_approved
    meeting_date: str | None = None
    corrections: str = ""
    lines: list[int] = field(default_factory=list)


@dataclass
class NextMeeting:
    date: str | None
    start: str | None = None
    end: str | None = None
    venue: str = ""
    lines: list[int] = field(default_factory=list)


@dataclass
class Proposal:
    meeting: MeetingInfo
    attendance: list[Attendee] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    previous_minutes: PreviousMinutes | None = None
    next_meetings: list[NextMeeting] = field(default_factory=list)
    no_interests_declared: bool = False
    warnings: list[str] = field(default_factory=list)

    def item_number(self, key: int | None) -> str | None:
        """The printed number of an item, or of its nearest numbered ancestor."""
        by_key = {i.key: i for i in self.items}
        item = by_key.get(key) if key is not None else None
        while item is not None and not item.number:
            item = by_key.get(item.parent) if item.parent is not None else None
        return item.number if item else None

    def to_dict(self) -> dict:
        """The proposal as JSON-ready data (the import_minutes command prints this)."""
        number = self.item_number
        by_key = {i.key: i for i in self.items}
        return {
            "meeting": {
                "body": self.meeting.body,
                "body_acronym": self.meeting.body_acronym,
                "title": self.meeting.title,
                "date": self.meeting.date,
                "start": self.meeting.start,
                "end": self.meeting.end,
                "venue": self.meeting.venue or None,
                "lines": self.meeting.lines,
            },
            "attendance": [
                {
                    **{k: v for k, v in asdict(a).items() if k != "lines"},
                    "honorific": a.honorific or None,
                    "organisation": a.organisation or None,
                    "role": a.role or None,
                    "substitute_for": a.substitute_for or None,
                    "lines": a.lines,
                }
                for a in self.attendance
            ],
            "items": [
                {
                    "key": i.key,
                    "number": i.number,
                    "title": i.title,
                    "parent": number(i.parent) if i.parent is not None else None,
                    "parent_key": i.parent,
                    "presenter": i.presenter or None,
                    "purpose": i.purpose or None,
                    "papers": i.papers,
                    "kind": i.kind,
                    "minutes": i.minutes,
                    "confidential": i.confidential,
                    "exempt_paragraph": i.exempt_paragraph,
                    "exempt_reason": i.exempt_reason or None,
                    "lines": i.lines,
                }
                for i in self.items
            ],
            "decisions": [
                {
                    "item": number(d.item),
                    "item_key": d.item,
                    "item_title": by_key[d.item].title if d.item in by_key else None,
                    "text": d.text,
                    "verb": d.verb,
                    "lines": d.lines,
                }
                for d in self.decisions
            ],
            "actions": [
                {
                    "item": number(a.item),
                    "item_key": a.item,
                    "item_title": by_key[a.item].title if a.item in by_key else None,
                    "text": a.text,
                    "owners": a.owners,
                    "due": a.due,
                    "due_note": a.due_note or None,
                    "ref": a.ref,
                    "carried_forward": a.carried_forward,
                    "lines": a.lines,
                }
                for a in self.actions
            ],
            "previous_minutes": (
                {
                    "item": number(self.previous_minutes.item),
                    "item_key": self.previous_minutes.item,
                    "outcome": self.previous_minutes.outcome,
                    "meeting_date": self.previous_minutes.meeting_date,
                    "corrections": self.previous_minutes.corrections or None,
                    "lines": self.previous_minutes.lines,
                }
                if self.previous_minutes
                else None
            ),
            "next_meetings": [asdict(n) for n in self.next_meetings],
            "no_interests_declared": self.no_interests_declared,
            "warnings": self.warnings,
        }
