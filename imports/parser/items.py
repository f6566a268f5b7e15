"""Cut the minutes into agenda items: numbered headings (1, 1.0, 3.1, 4(a)), headings without
numbers where an item is made of headed parts, and the closing "Date of next meeting" section.

A numbered line is an item only where its number fits the sequence: "1. The overall financial
position was noted." under item 5 is the first entry of a list, not item 1 again. Numbering that
Word broke ("3." followed by "2.1", "2.2") still gives sub-items of the current item, numbered as
printed. Paragraph numbering (every paragraph of item 5 numbered 5.1, 5.2 ... as sentences) stays
in the minutes text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import MONTH_ALT
from .model import Item, Line
from .text import is_bullet, looks_like_name, tidy

NUM_HEADING_RE = re.compile(
    r"^(?:(?:agenda\s+)?item\s+|minute\s+(?:no\.?\s*)?)?(?P<num>\d{1,3}(?:\.\d{1,2}){0,2})(?P<letter>[a-h])?"
    r"(?:\s*\((?P<paren>[a-h])\))?[.):]?(?:\s*[-–—:]\s*|\s+)(?P<rest>[^\s\d].*)$",
    re.I,
)
# Council minute numbers: "23/41", "HWB/23/41", "Minute 23/41", "41/23", "2023/41".
COUNCIL_HEADING_RE = re.compile(
    r"^(?:minute\s+(?:no\.?\s*)?)?(?P<prefix>[A-Z][A-Za-z&]{0,7}\s*[/.\-]\s*|[A-Z]{1,3}(?=\d))?"
    r"(?P<a>\d{1,4})\s*/\s*(?P<b>\d{1,4})(?!\s*/\s*\d)(?:\s*\((?P<paren>[a-h])\)|(?P<letter>[a-h]))?"
    r"[.):]?(?:\s*[-–—:]\s*|\s+)(?P<rest>[^\s\d].*)$",
    re.I,
)
# A signature block at the end of the minutes: "CHAIRMAN", "Chair ....", "Signed ... Date ...".
SIGNATURE_RE = re.compile(
    r"^(?:(?:signed|signature|date|(?:vice[- ])?chair(?:man|woman|person)?(?:'s|’s)?"
    r"|(?:vice[- ])?chair(?:man|woman|person)?\s+signature)\b|[\s.…_:()\-–—/])+$"
    r"|^signed\b.*(?:\.{3}|…|_{3}|\bchair|\bdate\b)",
    re.I,
)
LETTER_HEADING_RE = re.compile(r"^(?:\((?P<a>[a-h])\)|(?P<b>[a-h])[.)])\s+(?P<rest>\S.*)$")
NEXT_MEETING_RE = re.compile(
    r"^(?:(?:date|dates|time|date\s+(?:and|&)\s+time|dates\s+(?:and|&)\s+times)"
    r"(?:\s+(?:and|&)\s+venues?)?\s+of\s+(?:the\s+)?(?:next|future|forthcoming)\s+meetings?"
    r"|next\s+meetings?|future\s+meetings?(?:\s+dates)?|dates\s+of\s+(?:next|future)\s+meetings?"
    r"|schedule\s+of\s+(?:future\s+)?meetings)\b",
    re.I,
)
DECISION_WORDS_RE = re.compile(
    r"^(agreed|resolved|decision|decisions|approved|noted|action|actions|recommendation"
    r"|recommendations|comments?|outcome|note)\b",
    re.I,
)
ACTIONS_TABLE_RE = re.compile(
    r"^(?:actions?:?$|action\s+points:?$|actions?\s+(?:from|arising)(?:\s+(?:the|this))?\s+meeting|summary\s+of\s+actions"
    r"|action\s+(?:log|points|list|summary|table)|actions?\s+agreed|outstanding\s+actions"
    r"|actions?\s*\t+\s*(?:who|owner|by whom|lead|responsible)"
    r"|(?:no\.?|ref\.?|#)?\s*\t*\s*actions?\s*\t+.*\b(?:who|owner|lead|by whom|responsible)\b)",
    re.I,
)
KIND_PATTERNS = [
    ("apologies", r"\b(welcome|apologies|introductions)\b"),
    ("declarations", r"\b(declarations?|conflicts?)\s+of\s+interests?\b"),
    (
        "previous_minutes",
        r"\b(minutes|notes)\s+of\s+(the\s+)?(previous|last|board)\b|\bmatters\s+arising\b|^minutes\b",
    ),
    ("aob", r"\b(any\s+other\s+business|aob|a\.o\.b)\b"),
    ("next_meeting", r"\b(date|dates|time)s?\b.*\b(next|future)\s+meetings?\b|^next\s+meeting"),
]


@dataclass
class Segment:
    item: Item
    heading: Line | None
    body: list[Line] = field(default_factory=list)


@dataclass
class Layout:
    preamble: list[Line] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    next_meeting: list[Line] = field(default_factory=list)


def item_kind(title: str) -> str:
    lowered = title.lower()
    for kind, pattern in KIND_PATTERNS:
        if re.search(pattern, lowered):
            return kind
    return "standard"


def heading_like(rest: str) -> bool:
    rest = tidy(rest)
    words = rest.split()
    if not words or len(words) > 16 or len(rest) > 140:
        return False
    if rest.endswith((".", ";", ",")) and len(words) > 3:
        return False
    return rest[0].isupper() or rest[0] in "'‘\"“(" or rest[0].isdigit()


def unnumbered_heading(line: Line, previous_blank: bool, next_blank: bool = False) -> bool:
    """A heading line without a number: short, no closing stop, title case ("Accommodation
    Update") or, standing alone between blank lines, sentence case ("Notes of the last meeting")."""
    text = line.text
    if text and SIGNATURE_RE.match(text):
        return False
    if line.heading and text and len(text) <= 120 and not NUM_HEADING_RE.match(text):
        return True
    if not previous_blank or not text or "\t" in line.raw.strip():
        return False
    words = text.split()
    if not 1 <= len(words) <= 10 or len(text) > 90 or text[-1] in ".;,:?!":
        return False
    if not (text[0].isupper() or text[0] in "'‘\"“"):
        return False
    if is_bullet(text) or DECISION_WORDS_RE.match(text) or looks_like_name(text):
        return False
    if NUM_HEADING_RE.match(text) or LETTER_HEADING_RE.match(text):
        return False
    long_words = [w for w in re.findall(r"[A-Za-z][\w'’]*", text) if len(w) > 3]
    if not long_words:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    if next_blank and len(words) <= 8 and text[0].isupper():
        return True
    return capitalised / len(long_words) >= 0.6 or text.isupper()


@dataclass
class _Candidate:
    kind: str  # top, sub, letter
    top: int
    sub: int
    printed: str
    rest: str
    sentence: bool
    series: tuple[int, int] | None = None  # council numbers "23/41": (23, 41)


def _candidate(line: Line) -> _Candidate | None:
    text = line.text
    if line.raw.strip().count("\t") >= 2:
        return None  # a table row, not a heading
    m = COUNCIL_HEADING_RE.match(text)
    if m:
        return _council_candidate(m)
    m = NUM_HEADING_RE.match(text)
    if m:
        num, rest = m.group("num"), tidy(m.group("rest").replace("\t", " "))
        if (
            not text[m.end("num") : m.start("rest")].strip()
            and "." not in num
            and int(num) <= 31
            and re.match(rf"(?i)(?:{MONTH_ALT})\b", rest)
        ):
            return None  # a date ("4 May 2024 at 2pm"), not an item
        parts = [int(p) for p in num.split(".")]
        letter = m.group("letter") or m.group("paren")
        sentence = not heading_like(rest)
        if letter:
            return _Candidate(
                "letter", parts[0], ord(letter.lower()) - 96, _printed(m), rest, sentence
            )
        if len(parts) == 1 or (len(parts) == 2 and parts[1] == 0):
            return _Candidate("top", parts[0], 0, num.rstrip("."), rest, sentence)
        if len(parts) == 2:
            return _Candidate("sub", parts[0], parts[1], num, rest, sentence)
        return None
    m = LETTER_HEADING_RE.match(text)
    if m:
        rest = tidy(m.group("rest"))
        letter = m.group("a") or m.group("b")
        if letter in "iv" and not heading_like(rest):
            return None
        return _Candidate("letter", 0, ord(letter) - 96, letter, rest, not heading_like(rest))
    return None


def _council_candidate(m: re.Match) -> _Candidate | None:
    rest = tidy(m.group("rest").replace("\t", " "))
    if not heading_like(rest):
        return None  # "12/3 was the date agreed" and the like: prose, never a minute number
    a, b = int(m.group("a")), int(m.group("b"))
    if not m.group("prefix") and (b - a) % 100 == 1 and len(m.group("b")) <= 2:
        return None  # a financial year ("2023/24 budget", "23/24 outturn"), not a minute number
    printed = re.sub(r"\s+", "", m.group(0)[: m.start("b") - m.start(0)] + m.group("b"))
    printed = re.sub(r"(?i)^minute(?:no\.?)?", "", printed)
    letter = m.group("paren") or m.group("letter")
    if letter:
        letter = letter.lower()
        printed = f"{printed}({letter})" if m.group("paren") else f"{printed}{letter}"
        return _Candidate("letter", b, ord(letter) - 96, printed, rest, False, (a, b))
    return _Candidate("top", b, 0, printed, rest, False, (a, b))


def _council_numbering(candidates: dict[int, _Candidate | None]) -> None:
    """Council minute numbers are headings only where the minutes use them throughout (two or
    more); the running number is the part that changes ("23/41", "23/42" or "41/23", "42/23")."""
    council = {no: c for no, c in candidates.items() if c and c.series}
    if len(council) < 2:
        for no in council:
            candidates[no] = None
        return
    firsts = {c.series[0] for c in council.values()}
    lasts = {c.series[1] for c in council.values()}
    if len(lasts) == 1 and len(firsts) > 1:
        for c in council.values():
            c.top = c.series[0]


def _printed(match: re.Match) -> str:
    num = match.group("num")
    if match.group("paren"):
        return f"{num}({match.group('paren')})"
    return f"{num}{match.group('letter') or ''}"


def title_from_sentence(text: str) -> str:
    """A title for a numbered paragraph that has no heading of its own."""
    quoted = re.search(
        r"(?P<what>paper|report|presentation|document|strategy|plan)\s+['‘\"“](?P<q>[^'’\"”]+)",
        text,
        re.I,
    )
    if quoted:
        return f"{quoted.group('what').capitalize()}: '{tidy(quoted.group('q')).rstrip('.')}'"
    minutes = re.search(
        r"\b(minutes|notes)\s+of\s+(?P<rest>.+?)\s+(?:were|was|are|had been)\b", text, re.I
    )
    if minutes:
        return f"{minutes.group(1).capitalize()} of {minutes.group('rest')}"
    words = text.rstrip(".").split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


def layout(lines: list[Line]) -> Layout:
    """Cut ``lines`` (the minutes after the register) into items."""
    candidates = {line.no: _candidate(line) for line in lines if line.text}
    _council_numbering(candidates)
    paragraph_tops = _paragraph_numbered(candidates)
    numbered_tops = sum(1 for c in candidates.values() if c and c.kind == "top" and not c.sentence)
    unnumbered_mode = numbered_tops < 2
    out = Layout()
    current: Segment | None = None
    top: Segment | None = None
    top_n: int | None = None
    sub_n = 0
    letter_n = 0
    key = 0
    in_table = False
    in_next = False
    previous_blank = True
    previous_text = ""
    previous_rejected = False
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            previous_blank = True
            if current is not None:
                current.body.append(line)
            else:
                out.preamble.append(line)
            continue
        if ACTIONS_TABLE_RE.match(text):
            in_table = True
            in_next = False
        elif in_table and (line.heading or not (line.raw[:1] in "\t " or "\t" in line.raw.strip())):
            in_table = False  # a heading after the table opens the next item
        cand = candidates.get(line.no)
        accepted = None
        if cand and not in_table:
            list_context = (
                bool(re.search(r":\s*$", previous_text))
                or bool(DECISION_WORDS_RE.match(previous_text) and len(previous_text.split()) <= 2)
                or is_bullet(previous_text)
                or previous_rejected
            )
            following = _next_candidate(lines, index, candidates)
            top_empty = top is not None and current is top and not _has_content(top)
            accepted = _accept(
                cand, top_n, sub_n, letter_n, paragraph_tops, list_context, following, top_empty
            )
        previous_rejected = bool(cand) and not accepted and not in_table
        if accepted:
            title = cand.rest if not cand.sentence else title_from_sentence(cand.rest)
            number = cand.printed
            if accepted == "letter" and cand.top == 0 and top is not None and top.item.number:
                # "(a) Mill Lane CCTV" under item 2 is item 2(a), as the minutes refer to it.
                number = f"{top.item.number}({number})"
            item = Item(key=key, number=number, title=title.rstrip(":"), lines=[line.no, line.no])
            key += 1
            item.kind = item_kind(title)
            segment = Segment(item=item, heading=line)
            if cand.sentence:
                # The paragraph is also the item's minutes (without its number).
                segment.body.append(Line(no=line.no, raw=cand.rest, text=cand.rest))
            if accepted == "top":
                top, top_n, sub_n, letter_n = segment, cand.top, 0, 0
            elif accepted == "sub":
                item.parent = top.item.key
                sub_n = cand.sub if cand.kind == "sub" else sub_n + 1
            else:
                item.parent = top.item.key
                letter_n = cand.sub
            out.segments.append(segment)
            current = segment
            in_next = item.kind == "next_meeting"
            previous_blank, previous_text = False, text
            continue
        if (
            NEXT_MEETING_RE.match(text)
            and len(text.split()) <= 10
            and not in_table
            and unnumbered_mode
            and unnumbered_heading(
                line, previous_blank, index + 1 >= len(lines) or not lines[index + 1].text
            )
        ):
            # Minutes without numbers: "Date of next meeting" is an item like the others.
            item = Item(
                key=key, number=None, title=text, lines=[line.no, line.no], kind="next_meeting"
            )
            key += 1
            current = top = Segment(item=item, heading=line)
            out.segments.append(current)
            in_next = True
            previous_blank, previous_text = False, text
            continue
        if NEXT_MEETING_RE.match(text) and len(text.split()) <= 10 and not in_table:
            in_next = True
            out.next_meeting.append(line)
            previous_blank, previous_text = False, text
            continue
        if in_next:
            out.next_meeting.append(line)
            if current is not None and current.item.kind == "next_meeting":
                current.body.append(line)
            previous_blank, previous_text = False, text
            continue
        next_blank = index + 1 >= len(lines) or not lines[index + 1].text
        if not in_table and unnumbered_heading(line, previous_blank, next_blank):
            made = None
            if unnumbered_mode and (current is None or _has_content(current)):
                made = Item(key=key, number=None, title=text, lines=[line.no, line.no])
            elif top is not None and (
                (current is top and not _has_content(top))
                or (
                    current is not top
                    and current.item.parent == top.item.key
                    and current.item.number is None
                )
            ):
                made = Item(
                    key=key, number=None, title=text, parent=top.item.key, lines=[line.no, line.no]
                )
            if made is not None:
                key += 1
                made.kind = item_kind(text)
                segment = Segment(item=made, heading=line)
                out.segments.append(segment)
                current = segment
                if made.parent is None:
                    top = segment
                previous_blank, previous_text = False, text
                continue
        if current is not None:
            current.body.append(line)
        else:
            out.preamble.append(line)
        previous_blank, previous_text = False, text
    for segment in out.segments:
        content = [ln.no for ln in segment.body if ln.text]
        if content:
            segment.item.lines = [segment.item.lines[0], max(content)]
    return out


def _has_content(segment: Segment) -> bool:
    return any(line.text for line in segment.body)


def _next_candidate(lines, index, candidates) -> _Candidate | None:
    for line in lines[index + 1 : index + 12]:
        cand = candidates.get(line.no)
        if cand:
            return cand
    return None


def _paragraph_numbered(candidates: dict[int, _Candidate | None]) -> set[int]:
    """Tops whose sub-numbers are mostly sentences: numbered paragraphs, not sub-items."""
    counts: dict[int, list[bool]] = {}
    for cand in candidates.values():
        if cand and cand.kind == "sub":
            counts.setdefault(cand.top, []).append(cand.sentence)
    return {top for top, flags in counts.items() if sum(flags) / len(flags) > 0.6}


def _accept(
    cand, top_n, sub_n, letter_n, paragraph_tops, list_context, following, top_empty=False
) -> str | None:
    last = top_n or 0
    if cand.kind == "top":
        if cand.sentence:
            if cand.top != last + 1 or list_context:
                return None
            if top_empty and sub_n == 0:
                # Broken Word numbering: a numbered paragraph straight under a heading that has
                # no text of its own is that heading's first part ("1. Minutes", "2. The
                # minutes of ... were approved", "1.2 Outstanding actions").
                return "sub"
            if (
                following
                and following.kind == "top"
                and following.top == cand.top + 1
                and following.sentence
            ):
                return None
            return "top"
        if top_n is None:
            # Councils number minutes through the year, so a first item may be 45.
            return "top"
        return "top" if last < cand.top <= last + 3 else None
    if top_n is None:
        return None
    if cand.kind == "sub":
        if cand.top in paragraph_tops:
            return None
        if cand.sentence and list_context:
            return None
        if cand.top == top_n:
            if cand.sub == sub_n + 1 or (not cand.sentence and sub_n < cand.sub <= sub_n + 2):
                return "sub"
            return None
        return "sub" if cand.sub == sub_n + 1 and cand.top in (top_n - 1, top_n + 1) else None
    if cand.kind == "letter":
        if cand.sentence or list_context:
            return None
        if cand.top not in (0, top_n):
            return None
        return "letter" if cand.sub == letter_n + 1 else None
    return None
