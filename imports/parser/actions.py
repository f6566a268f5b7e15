"""Actions, wherever the minutes keep them: a table ("ACTIONS FROM MEETING | WHO", "Action |
Owner | Due"), a WHO column of initials beside the text, marker lines ("ACTION: JB"), or sentences
("JB to circulate by 7 December", "Sue agreed to follow this up", "DR would send a list to CH").

When the minute-taker marked actions explicitly (a table, a WHO column, ACTION lines), those are
the actions; sentences are read only in minutes that mark none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .dates import DATE_RE
from .model import Action, Line
from .resolver import Resolver
from .text import sentences, tidy

NUMBER_CELL_RE = re.compile(r"^(?:action\s+)?(\d{1,3})[.)]?$", re.I)
HEADER_CELLS = {
    "ref": re.compile(r"^(?:no\.?|number|ref\.?|#|item|action\s+no\.?)$", re.I),
    "text": re.compile(
        r"^(?:actions?(?:\s+(?:from|arising).*)?|description|what|task|actions?\s+agreed)$", re.I
    ),
    "owners": re.compile(
        r"^(?:who|owner|owners|by\s+whom|lead|responsible|responsibility|action\s+by)$", re.I
    ),
    "due": re.compile(
        r"^(?:due|by\s+when|when|deadline|target\s+date|date|due\s+date|timescale)$", re.I
    ),
    "status": re.compile(r"^(?:status|progress|update|rag|comments?)$", re.I),
}
# "ACTION: ...", "Action 4 – ...", "Action Point 3: ...", "AP3: ...", and "Action Point 5 (8 November
# 2024): ..." (an earlier meeting's action, reported on: ``when`` holds that meeting's date).
MARKER_RE = re.compile(
    r"^(?:actions?(?:\s+points?)?|(?-i:AP)(?=\s*\d)|[→➔➜►▶](?=\s*[A-Z]))\s*(?P<ref>\d{1,3})?\s*"
    r"(?:\((?P<when>[^)]{3,40})\)\s*)?(?:[:–—\-]|\s(?=[A-Z]))\s*(?P<rest>.+)$",
    re.I,
)
EARLIER_RE = re.compile(r"(?i)^(?!.*\b(?:due|by|deadline)\b).*\b\d{4}\b")
NAME = (
    r"(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?:[A-Z]{2,4}\b|[A-Z][a-zA-Z'’\-]+"
    r"(?:\s+[A-Z]\.?)?(?:\s+(?:van\s+de\s+|van\s+|de\s+)?[A-Z][a-zA-Z'’\-]+){0,2})"
)
NAMES = rf"{NAME}(?:\s*(?:,|/|\band\b|&)\s*{NAME})*"
VERB = (
    r"(?:circulate|send|provide|produce|prepare|draft|write|report|check|feed\s*back|follow|arrange"
    r"|contact|liaise|update|bring|organise|organize|investigate|review|look\s+into|look\s+at|meet"
    r"|share|confirm|invite|raise|forward|e-?mail|set\s+up|take|consider|present|develop|explore"
    r"|identify|seek|obtain|ensure|progress|chase|publish|submit|complete|distribute|compile"
    r"|establish|visit|urge|think|put|give|include|add|amend|revise|clarify|find|contribute"
    r"|respond|reply|pass|convene|book|schedule|advise|inform|notify|nominate|draw\s+up|map"
    r"|speak|discuss|ask|agree|be\s+part|help|lead|co-?ordinate|coordinate|run|collate|analyse"
    r"|analyze|source|secure|approach|write\s+up|re-?circulate|pursue|examine|assess|pursue"
    r"|process|pay|order|print|walk|place|sign\s+off|sign|plan|design|recruit|promote|attend|support"
    r"|monitor|record|refer|escalate|return|follow\s+up|pick\s+up|make|hold|set|issue|prepare"
    r"|organise|circulate|re-?send|look|work|catch\s+up|produce|resolve|test|check|log|request)"
)
GROUP_SUBJECT = (
    r"(?:All(?:\s+(?:partners|members|Board\s+members))?|Everyone|Members|Partners|Board\s+members"
    r"|The\s+Secretariat|Secretariat)"
)
OWNER_FIRST = [
    re.compile(rf"^(?P<who>{GROUP_SUBJECT})\s+to\s+(?P<what>{VERB}\b.+)$"),
    re.compile(
        rf"^(?P<who>{NAMES})\s+(?:\([^)]*\)\s+)?(?:agreed|undertook|offered|volunteered|promised|committed|was\s+asked|were\s+asked)\s+to\s+(?P<what>.+)$"
    ),
    re.compile(rf"^(?P<who>{NAMES})\s+(?:\([^)]*\)\s+)?to\s+(?P<what>{VERB}\b.+)$"),
    re.compile(rf"^(?P<who>{NAME})\s+(?:\([^)]*\)\s+)?(?:would|will)\s+(?P<what>{VERB}\b.+)$"),
    re.compile(rf"^(?P<who>{NAME})\b[^.;]*?\b(?:and|but)\s+would\s+(?P<what>{VERB}\b.+)$"),
    re.compile(
        rf"^(?P<who>{NAME})\b[^.;]*?\bthat\s+(?:she|he|they)\s+(?:would|will)\s+(?P<what>{VERB}\b.+)$"
    ),
]
AGREED_THAT_RE = re.compile(
    rf"\b(?:agreed|resolved)\s+that\s+(?P<who>{NAMES})\s+(?:would|will|should|to)\s+(?P<what>{VERB}\b.+)$"
)
ASKED_GROUP_RE = re.compile(
    r"\basked\s+(?P<who>the\s+Board|the\s+Group|the\s+Committee|all\s+members|members|partners|everyone"
    r"|board\s+members|colleagues|all\s+partners)\s+to\s+(?P<what>.+)$",
    re.I,
)
ASKED_FOR_RE = re.compile(
    r"\basked\s+for\s+(?P<what>.+?\bto\s+be\s+(?:made|sent|submitted|forwarded|e-?mailed|passed|fed\s+back)\b.*)$",
    re.I,
)
NOT_AN_ACTION_RE = re.compile(
    r"\b(?:would\s+be\s+happy|continue\s+to\s+attend|would\s+like)\b", re.I
)


@dataclass
class Row:
    ref: str | None
    text: str
    owners: str
    due: str = ""
    status: str = ""
    lines: list[int] = field(default_factory=list)
    item: str = ""  # the "Item" column beside a "No." column: the item the action arose from
    wrapped_ref: bool = False  # "MH/" then "24/10-01": every cell, the reference too, wraps
    owner_in_text: int = 0  # where the first line's action ends when the owner cell ran into the action: "... Plan Jo Bell<tab>12/11"


def table_rows(lines: list[Line]) -> tuple[list[Row], set[int]]:
    """Rows of action tables among ``lines``, and the line numbers they took."""
    rows: list[Row] = []
    used: set[int] = set()
    columns: list[str] | None = None
    spaced = False
    index = 0
    while index < len(lines):
        line = lines[index]
        cells = _cells(line)
        if len(cells) < 2 and (spaced or not columns):
            # Columns lined up with spaces: "No.   Item   Action   Owner   Due".
            wide = _spaced_cells(line)
            if len(wide) >= 3 and (spaced or _header(wide)):
                cells = wide
        mapped = _header(cells)
        if mapped:
            spaced = len(_cells(line)) < 2
            columns = mapped
            used.add(line.no)
            index += 1
            continue
        if columns and line.heading and len(cells) >= 2 and not NUMBER_CELL_RE.match(cells[0]):
            # "## B24/034<tab>Finance report": the next item's heading closes the table.
            columns = None
            spaced = False
            index += 1
            continue
        if (
            columns
            and rows
            and len(cells) >= 2
            and "ref" in columns
            and re.search(r"[/\-]$", rows[-1].ref or "")
            and index
            and rows[-1].lines[-1] == lines[index - 1].no
            and line.raw[:1] not in "\t "
        ):
            _join_wrapped(rows[-1], cells, line)
            used.add(line.no)
            index += 1
            continue
        if columns and len(cells) >= 2:
            row = _row_from_cells(cells, columns, line)
            if row:
                rows.append(row)
                used.add(line.no)
            index += 1
            continue
        # One cell per line (Word tables saved as text): "1." then the action, then who.
        if NUMBER_CELL_RE.match(line.text) and line.text:
            group, end = [], index + 1
            while end < len(lines) and len(group) < 4:
                nxt = lines[end]
                if nxt.text and (NUMBER_CELL_RE.match(nxt.text) or nxt.raw[:1] not in "\t "):
                    break
                if nxt.text:
                    group.append(nxt)
                end += 1
            if len(group) >= 2 and line.raw[:1] in "\t ":
                texts = [g.text for g in group]
                due = next((t for t in texts[1:] if DATE_RE.search(t) and len(t) < 40), "")
                rest = [t for t in texts if t != due]
                rows.append(
                    Row(
                        ref=NUMBER_CELL_RE.match(line.text).group(1),
                        text=rest[0],
                        owners=rest[-1] if len(rest) > 1 else "",
                        due=due,
                        lines=[line.no, group[-1].no],
                    )
                )
                used.update([line.no, *(g.no for g in group)])
                index = end
                continue
        if columns and rows and len(cells) == 1 and _continues(lines, index, rows[-1], columns):
            used.add(line.no)
            index += 1
            continue
        if line.text and columns and len(cells) < 2 and line.raw[:1] not in "\t ":
            columns = None
            spaced = False
        index += 1
    return rows, used


def _continues(lines: list[Line], index: int, row: Row, columns: list[str]) -> bool:
    """A cell wrapped onto the next line of the row above: "Revise the report to include\tJo
    Bell" then "and voluntary sector contribution" (the first column), or "<tab>Rees, Gareth
    Bowen" (the column its leading tabs reach). Joined to ``row`` when it is one."""
    line, before = lines[index], lines[index - 1]
    if not before.text or before.no != row.lines[-1]:
        return False
    tabs = len(line.raw) - len(line.raw.lstrip("\t"))
    kinds = columns if row.wrapped_ref else ([c for c in columns if c != "ref"] or columns)
    if tabs:
        kind = kinds[min(tabs, len(kinds) - 1)]
    elif (
        line.raw[:1] == " "
        or len(line.text) > 70
        or re.search(r"[.!?:]$", row.text)
        or re.match(r"(?i)(?:\d|item\b|action\b|(?-i:[A-Z\s]+$))|.*:$", line.text)
    ):
        return False
    else:
        kind = kinds[0]
    if kind not in ("text", "owners", "due", "status"):
        return False
    setattr(row, kind, tidy(f"{getattr(row, kind)} {line.text}"))
    row.lines[-1] = line.no
    return True


DUE_PIECE_RE = re.compile(
    r"(?i)^(?:\d[\d/.\-]*|(?:next\s+)?meeting|next|date|tb[ca]|(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{2,4})?)$"
)


def _join_wrapped(row: Row, cells: list[str], line: Line) -> None:
    """The second line of a row whose reference wraps too: "MH/<tab>Share the draft" then
    "24/10-02<tab>chapter with members": the pieces join the reference, the action, then the
    owner or the date (a year, a month, "meeting")."""
    row.ref = f"{row.ref}{cells[0]}"
    row.text = tidy(f"{row.text} {cells[1]}")
    for cell in cells[2:]:
        kind = "due" if DUE_PIECE_RE.match(cell) else "owners"
        setattr(row, kind, tidy(f"{getattr(row, kind)} {cell}"))
    row.wrapped_ref = True
    row.lines[-1] = line.no


def _cells(line: Line) -> list[str]:
    raw = line.raw.strip()
    if line.heading:
        raw = re.sub(r"^#{1,6}\s+", "", raw)  # "## Action<tab>Lead<tab>Date": a heading-styled row
    if "\t" not in raw and raw.count("|") >= 1 and PIPE_ROW_RE.search(raw):
        # Tables pasted as text: "No. | Action | Lead | Due".
        return [tidy(c) for c in raw.strip("|").split("|") if tidy(c)]
    return [tidy(c) for c in raw.split("\t") if tidy(c)]


PIPE_ROW_RE = re.compile(r"\S\s*\|\s*\S")


def _spaced_cells(line: Line) -> list[str]:
    raw = line.raw.strip()
    if "\t" in raw or "|" in raw:
        return []
    return [tidy(c) for c in re.split(r"\s{2,}", raw) if tidy(c)]


def _header(cells: list[str]) -> list[str] | None:
    if len(cells) < 2:
        if len(cells) == 1 and re.match(r"^actions?\s+(?:from|arising)", cells[0], re.I):
            return ["text", "owners"]
        return None
    mapped = []
    for cell in cells:
        kind = next((k for k, rx in HEADER_CELLS.items() if rx.match(cell)), None)
        if kind == "ref" and "ref" in mapped and re.match(r"(?i)item$", cell):
            kind = "item"  # "No. | Item | Action": the item the action arose from
        mapped.append(kind or "")
    if "owners" in mapped and ("text" in mapped or "ref" in mapped):
        return mapped
    return None


def _row_from_cells(cells: list[str], columns: list[str], line: Line) -> Row | None:
    values: dict[str, str] = {}
    if NUMBER_CELL_RE.match(cells[0]) and "ref" not in columns:
        values["ref"] = NUMBER_CELL_RE.match(cells[0]).group(1)
        cells = cells[1:]
    for kind, cell in zip(
        [c for c in columns if c != "ref" or "ref" not in values], cells, strict=False
    ):
        if kind:
            values[kind] = cell
    if "ref" in values and NUMBER_CELL_RE.match(values["ref"]):
        values["ref"] = NUMBER_CELL_RE.match(values["ref"]).group(1)
    if not values.get("text"):
        return None
    owner_in_text = 0
    if (
        "owners" in columns
        and "due" in columns
        and len(cells) == len([c for c in columns if c]) - 1
        and DATE_RE.fullmatch(values.get("owners", ""))
    ):
        # "Submit the plan Jo Bell<tab>12/11/2024<tab>Open": the owner ran into the action.
        values["status"], values["due"], values["owners"] = (
            values.get("due", ""),
            values["owners"],
            "",
        )
        owner_in_text = len(values["text"])
    return Row(
        ref=values.get("ref"),
        text=values["text"],
        owners=values.get("owners", ""),
        due=values.get("due", ""),
        status=values.get("status", ""),
        lines=[line.no, line.no],
        item=values.get("item", ""),
        owner_in_text=owner_in_text,
    )


SIGNATURE_RE = re.compile(
    r"(?i)^(?:signed\b.*|(?:the\s+)?chair(?:man|person|woman)?(?:['’]s\s+signature)?[\s:._…]*)$"
)


def who_entries(lines: list[Line], resolver: Resolver) -> tuple[list[tuple[str, int]], set[int]]:
    """Entries of a WHO column: lines (or last cells) holding only owners' initials or "All"."""
    entries: list[tuple[str, int]] = []
    used: set[int] = set()
    last = next((ln.no for ln in reversed(lines) if ln.text), None)
    for line in lines:
        text = line.text
        if not text:
            continue
        if line.no == last and line.raw[:1] not in "\t " and SIGNATURE_RE.match(text):
            continue  # "CHAIR" under the last item: the line the chair signs on, not an owner
        if len(text) <= 24 and resolver.owner_token(text):
            entries.append((text, line.no))
            used.add(line.no)
            continue
        cells = _cells(line)
        if len(cells) >= 2 and len(cells[-1]) <= 24 and resolver.owner_token(cells[-1]):
            entries.append((cells[-1], line.no))
    return entries, used


def marker_action(
    block: Block, resolver: Resolver, item_key: int, following: list[Block] | None = None
) -> tuple[Action | None, str | None]:
    """ "ACTION: JB to circulate the paper", "Action 1 – To produce a diagram", "Action – Sue".
    ``following``: the blocks after it, where "Owner: ..." and "By: ..." may sit on lines of
    their own below the action's text."""
    m = MARKER_RE.match(block.text)
    if not m:
        return trailing_marker(block, resolver, item_key), None
    rest = tidy(m.group("rest"))
    ref = m.group("ref")
    fields = _field_blocks(following or [])
    if fields and not _labelled_fields(rest):
        rest = "; ".join([rest.rstrip("."), *(f.text for f in fields)])
        block = Block(block.kind, block.text, [block.lines[0], fields[-1].lines[-1]])
    if m.group("when") and DATE_RE.search(m.group("when")) and EARLIER_RE.search(m.group("when")):
        return (
            None,
            None,
        )  # "Action Point 5 (8 November 2024): ... – complete": progress on an old one
    action = Action(item=item_key, text=rest, ref=ref, lines=list(block.lines))
    # "→ NH: look at ... by 6 May", "Action: KD and RK: extend ...": the owners, a colon, the task.
    colon = re.match(rf"^(?P<who>{NAMES})\s*:\s*(?P<what>\S.{{5,}})$", rest)
    if colon and not FIELD_RE.match(rest):
        owners = resolver.owners(colon.group("who"))
        if owners and all(resolver.person(o) or o in GROUP_WORDS for o in owners):
            what = tidy(colon.group("what")).rstrip(".")
            action.owners = owners
            action.text = what[:1].upper() + what[1:]
            return action, ref
    labelled = _labelled_fields(rest)
    if labelled is not None:
        owners, due, what = labelled
        action.owners = resolver.owners(owners)
        action.text = what
        action.due_note = due
        return action, ref
    if resolver.owner_token(rest) or (
        len(rest.split()) <= 6
        and resolver.owners(rest)
        and all(resolver.person(p) or p in ("All", "Board") for p in resolver.owners(rest))
    ):
        action.owners = resolver.owners(rest)
        action.text = ""
        return action, ref
    trailing = re.search(r"\s*(?:[-–—]|\()\s*(?P<who>[^()–—-]{2,60})\)?\s*$", rest)
    for pattern in OWNER_FIRST[:3]:
        s = pattern.match(rest)
        if s and resolver.owners(s.group("who")):
            action.owners = resolver.owners(s.group("who"))
            if not all(resolver.person(o) for o in action.owners):
                by_post = _post_owner(rest, resolver)
                action.owners = by_post[0] if by_post else action.owners
            return action, ref
    by_post = _post_owner(rest, resolver) or _ranked_owner(rest, resolver)
    if by_post:
        action.owners = by_post[0]
        return action, ref
    if (
        trailing
        and resolver.owners(trailing.group("who"))
        and all(
            resolver.person(p) or p in ("All", "Board")
            for p in resolver.owners(trailing.group("who"))
        )
    ):
        action.owners = resolver.owners(trailing.group("who"))
        action.text = tidy(rest[: trailing.start()])
    return action, ref


TRAILING_MARKER_RE = re.compile(
    r"(?:^|(?<=[.;:!?)])\s*|\s+[–—-]\s*|\s+(?=ACTION))[(\[]?(?:ACTIONS?|Actions?)\s*(?::|[–—-]|\s(?=[A-Z]{2,4}\b))"
    r"\s*(?P<who>[^.:;()\[\]]{2,40}?)[)\]]?\.?\s*$"
)
PARAGRAPH_NO_RE = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3}){0,3}[.)]?\s+")


def has_marker(text: str) -> bool:
    """An explicit action tag: "ACTION: JB ..." at the start, or "... ACTION: JB" at the end."""
    return bool(MARKER_RE.match(text) or TRAILING_MARKER_RE.search(text))


def trailing_marker(block: Block, resolver: Resolver, item_key: int) -> Action | None:
    """ "Mary Lockwood agreed to share the data. ACTION: ML": a tag naming only the owners
    after the sentence that holds the action (the sentence before the tag)."""
    m = TRAILING_MARKER_RE.search(block.text)
    if not m or not m.start():
        return None
    who = tidy(m.group("who"))
    # "ACTION – RD, next meeting", "ACTION – NK / JF, ASAP": the owners, then when.
    due = ""
    pieces = who.split(",")
    while (
        len(pieces) > 1
        and not resolver.owner_token(pieces[-1].strip())
        and not (resolver.person(pieces[-1].strip(), fuzzy=False))
    ):
        due = tidy(f"{pieces.pop()},{due}").strip(", ")
    who = tidy(",".join(pieces))
    owners = resolver.owners(who)
    if not owners or not all(
        resolver.person(o) or o in GROUP_WORDS or re.fullmatch(r"[A-Z]{2,4}", o) for o in owners
    ):
        return None
    pieces = re.split(r"\s*(?:/|,|&|\band\b)\s*", who)
    # "... see Action: the plan" is no tag; initials, names or "All" are.
    if not (
        resolver.owner_token(who)
        or all(resolver.person(p) for p in owners)
        or all(re.fullmatch(r"[A-Z]{2,4}", p) for p in pieces)
    ):
        return None
    before = PARAGRAPH_NO_RE.sub("", tidy(block.text[: m.start()]))
    parts = [tidy(s) for s in sentences(before) if tidy(s)]
    if not parts:
        return None
    text = parts[-1]
    for sentence in reversed(parts):
        found = _sentence_owner(sentence, resolver, None)
        if found:
            what = tidy(found[1]).rstrip(".")
            text = what[:1].upper() + what[1:]
            break
        if _clause_commitment(sentence):
            text = sentence
            break
    return Action(
        item=item_key, text=text.rstrip("."), owners=owners, lines=list(block.lines), due_note=due
    )


FIELD_RE = re.compile(
    r"(?P<label>owners?|who|lead|responsible|by\s+whom|action\s+by|due|by\s+when|deadline|when|by)\s*:\s*",
    re.I,
)


FIELD_LINE_RE = re.compile(
    r"(?i)^(?P<label>owners?|lead|responsible|by\s+whom|action\s+by|due(?:\s+date)?|by\s+when"
    r"|deadline|target\s+date|by)\s*:\s*\S"
)


def _field_blocks(following: list[Block]) -> list[Block]:
    """ "Owner: Martin Ellery" then "By: 13 December 2024", each on its own line just below an
    action: the fields that belong to it (at least one naming the owner)."""
    fields = []
    for block in following[:3]:
        if not FIELD_LINE_RE.match(block.text) or len(block.text) > 80:
            break
        fields.append(block)
    if any(
        not re.match(r"(?i)due|by\s+when|deadline|target|by$", FIELD_LINE_RE.match(b.text)["label"])
        for b in fields
    ):
        return fields
    return []


def _labelled_fields(text: str) -> tuple[str, str, str] | None:
    """ "Owner: Jane Fox; Due: 28 February 2020 – cost option 2": (owners, due, what)."""
    if not re.search(r"(?i)\b(?:owners?|who|lead|responsible|by\s+whom|action\s+by)\s*:", text):
        return None
    owners = due = ""
    what_parts = []
    for part in re.split(r"\s*;\s*|\s+[–—]\s+", text):
        m = FIELD_RE.match(part)
        if not m:
            what_parts.append(part)
            continue
        value = tidy(part[m.end() :]).rstrip(".")
        if re.match(r"(?i)due|by\s+when|deadline|when|by$", m.group("label")):
            due = value
        else:
            owners = value
    what = tidy(" ".join(what_parts)).rstrip(".")
    return owners, due, what[:1].upper() + what[1:]


def sentence_actions(
    block: Block, resolver: Resolver, item_key: int, subject: str | None
) -> list[Action]:
    """Commitments written as prose."""
    out = []
    asked = []
    for sentence in sentences(block.text):
        text = tidy(sentence)
        if NOT_AN_ACTION_RE.search(text):
            continue
        if ASKED_GROUP_RE.search(text) or ASKED_FOR_RE.search(text):
            asked.append(len(out))
        # "RL to draft the plan – LP to process the grant": one action per clause that holds one.
        each = [
            f
            for f in (_sentence_owner(p, resolver, subject) for p in STRONG_SPLIT_RE.split(text))
            if f
        ]
        if len(each) < 2:
            each = [f for f in [_sentence_owner(text, resolver, subject)] if f]
        for found in each:
            owners, what = found
            what = tidy(what).rstrip(".")
            if what.startswith("__as_is__"):
                what = what.removeprefix("__as_is__")
                wording = what[:1].upper() + what[1:]
            else:
                wording = f"{' and '.join(owners)} to {what}"
            out.append(Action(item=item_key, text=wording, owners=owners, lines=list(block.lines)))
    # "asked partners to nominate ..." then "All partners to send nominations ...": one action.
    return [
        a
        for i, a in enumerate(out)
        if not (
            i in asked
            and any(b.owners == a.owners for j, b in enumerate(out) if j != i and j not in asked)
        )
    ]


CLAUSE_SPLIT_RE = re.compile(
    r";\s+|\s+[–—]\s+|\s+-\s+(?=[A-Z])|,?\s+(?:and|but|whereupon)\s+(?=(?:[A-Z][a-z]+|[A-Z]{2,4})\s+(?:agreed|undertook|offered|volunteered|added|said|confirmed|would|will|to)\b)"
)


POST_FIRST_RE = re.compile(
    rf"^(?:The\s+)?(?P<who>[A-Z][^.;:]{{2,100}}?)\s+(?:(?:agreed|undertook|offered|was\s+asked"
    rf"|were\s+asked)\s+)?to\s+(?P<what>{VERB}\b.+)$"
)


def _post_owner(text: str, resolver: Resolver):
    """ "Director of Public Health to circulate ...", "Dr Lane and the Director of Children's
    Services to bring ...": owners named by post, each one attendee's role."""
    m = POST_FIRST_RE.match(text)
    if not m:
        return None
    pieces = [p for p in re.split(r"\s*(?:,|/|&|\band\b)\s*", m.group("who")) if p]
    owners = []
    for piece in pieces:
        owner = resolver.person(piece) or resolver.by_role(piece)
        if owner is None:
            return None
        if owner not in owners:
            owners.append(owner)
    return (owners, m.group("what")) if owners else None


RANKED_RE = re.compile(
    rf"^(?P<rank>(?:[A-Z][A-Za-z]*[/.]?)+(?:\s+[A-Z][a-z]+)?)\s+(?P<name>[A-Z][a-zA-Z'’\-]+)"
    rf"\s+to\s+(?P<what>{VERB}\b.+)$"
)


def _ranked_owner(text: str, resolver: Resolver):
    """ "T/ACC Bright to provide ...", "DCI Shaw to ...", "Supt Lloyd to ...": a rank or title
    the register does not use, then a surname naming one attendee."""
    m = RANKED_RE.match(text)
    if not m or resolver.person(m.group("rank"), fuzzy=False):
        return None
    owner = resolver.person(m.group("name"), fuzzy=False)
    return ([owner], m.group("what")) if owner else None


STRONG_SPLIT_RE = re.compile(r";\s+|\s+[–—]\s+|\s+-\s+(?=[A-Z])")


def _sentence_owner(text: str, resolver: Resolver, subject: str | None):
    # "DR and MC to arrange ...": owners joined by "and" before the split on "and" parts them.
    for clause in STRONG_SPLIT_RE.split(text):
        for pattern in OWNER_FIRST[1:3]:
            m = pattern.match(tidy(clause))
            if m:
                owners = resolver.owners(m.group("who"))
                if len(owners) > 1 and all(resolver.person(o) for o in owners):
                    return owners, m.group("what")
    for clause in CLAUSE_SPLIT_RE.split(text):
        found = _clause_owner(tidy(clause), resolver)
        if found:
            return found
    # "County Cllr Dyer reported ...; she would chase ...", "PCSO Lamb said ... and offered to
    # arrange ...": the commitment of the person the sentence opens with.
    later = LATER_COMMITMENT_RE.search(text)
    if later:
        lead = re.match(r"(?:[A-Z][\w'’\-]*\s+){0,3}[A-Z][\w'’\-]*", text)
        words = lead.group(0).split() if lead else []
        for start in range(len(words)):
            owner = resolver.person(" ".join(words[start:]), fuzzy=False)
            if owner:
                return [owner], later.group("what")
    return None


LATER_COMMITMENT_RE = re.compile(
    rf"(?:;\s+(?:she|he|they)\s+(?:would|will)|,?\s+and\s+(?:offered|agreed|undertook|volunteered)"
    rf"\s+to)\s+(?P<what>{VERB}\b.+)$"
)


def _clause_owner(text: str, resolver: Resolver):
    m = AGREED_THAT_RE.search(text)
    if m:
        owners = resolver.owners(m.group("who"))
        if owners and all(resolver.person(o) for o in owners):
            return owners, m.group("what")
    for pattern in OWNER_FIRST:
        m = pattern.match(text)
        if m:
            owners = resolver.owners(m.group("who"))
            if owners and all(resolver.person(o) or o in ("All", "Board") for o in owners):
                return owners, m.group("what")
    by_post = _post_owner(text, resolver)
    if by_post:
        return by_post
    m = ASKED_GROUP_RE.search(text)
    if m:
        return resolver.owners(m.group("who").replace("the ", "")) or ["All"], m.group("what")
    m = ASKED_FOR_RE.search(text)
    if m:
        return ["All"], "__as_is__" + m.group("what")
    return None


def commitment_for(
    blocks: list[Block], owners: list[str], resolver: Resolver, after: int
) -> tuple[int, str] | None:
    """The sentence a WHO-column entry belongs to. Entries run down the column in the order of
    the text, so look after the sentence the previous entry took (``after``): first a
    commitment naming one of the owners ("DR would send", "BT ... would check"), or for "All"
    something asked of everyone; then any commitment ("will be reported"); else the sentence
    the previous entry took (two entries beside one paragraph share it)."""
    naming, other = [], []
    last = None
    for index, block in enumerate(blocks):
        for s_index, sentence in enumerate(sentences(block.text)):
            key = index * 1000 + s_index
            if key == after:
                last = (key, tidy(sentence))
            if key <= after:
                continue
            people = [o for o in owners if o not in GROUP_WORDS]
            asks_all = bool(
                re.search(
                    r"\basked\s+(?:that|all|everyone|partners|members)|\bany\s+comments\b",
                    sentence,
                    re.I,
                )
            )
            if not (_clause_commitment(sentence) or asks_all):
                continue
            if (asks_all and len(people) < len(owners)) or any(
                _mentions(sentence, owner, resolver) for owner in people
            ):
                naming.append((key, tidy(sentence)))
            else:
                other.append((key, tidy(sentence)))
    for found in (naming, other):
        if found:
            return found[0]
    return last


GROUP_WORDS = {"All", "Board", "Group", "Committee", "Secretariat", "Chair"}
COMMITMENT_RE = re.compile(
    rf"\b(?:would|will|shall)\s+(?:(?:also|then|now|kindly|further)\s+)?{VERB}\b"
    rf"|\b(?:agreed|undertook|offered|volunteered|was\s+asked|were\s+asked)\s+to\s+{VERB}\b"
    rf"|^\S+(?:\s+\S+)?\s+to\s+{VERB}\b"
    r"|\b(?:will|would|to|should|needs?\s+to|needed\s+to)\s+be\s+(?:\w+\s+)?\w+(?:ed|en|wn|nt)\b"
)


def _clause_commitment(sentence: str) -> bool:
    return bool(COMMITMENT_RE.search(sentence))


def _mentions(sentence: str, owner: str, resolver: Resolver) -> bool:
    if owner in sentence:
        return True
    initials = [ini for ini, names in resolver.initials.items() if owner in names]
    first = owner.split()[0] if owner else ""
    return any(re.search(rf"\b{re.escape(i)}\b", sentence) for i in initials) or bool(
        first and re.search(rf"\b{re.escape(first)}\b", sentence)
    )
