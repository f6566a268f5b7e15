"""The register as minutes print it: lists, tables, runs of names with organisations in brackets.

Handles a name and its organisation on one line ("Jan Britton (Sandwell)", "Paul James, Gloucester
City Council", tab-separated table rows) or on two (the name, then the organisation), category
headings with or without the names after them ("Apologies: A (X); B (Y)"), group headings
("Executive Members"), the body's own officers ("IEWM: Sue Banks, ..."), roles in brackets
("(Chair)", "(minutes)"), substitutes written several ways and the asterisk legend.
"""

from __future__ import annotations

import re

from .model import Attendee, Line
from .text import (
    CHAIR_RE,
    MINUTE_TAKER_RE,
    REVERSE_SUB_RE,
    ROLE_WORDS,
    SUBSTITUTE_RE,
    fold,
    initials_of,
    is_bullet,
    looks_like_name,
    looks_like_org,
    looks_like_role,
    split_honorific,
    strip_bullet,
    tidy,
)

CATEGORIES = [
    (r"also\s+present|also\s+attending", "also_present"),
    (
        r"(?:officers?\s+)?in\s+attendance|also\s+in\s+attendance|officers?(?:\s+present)?"
        r"|advis[eo]rs?|observers?|guests?|presenters?|minute[- ]?taker|minutes\s+taken\s+by"
        r"|clerk|support(?:ing)?\s+officers?"
        # "Executive Team in attendance", "Senior Officers in attendance"
        r"|(?:[A-Za-z][\w\-]*\s+){0,2}(?:team|staff|officers?|executives?|directors|management)"
        r"\s+in\s+attendance",
        "in_attendance",
    ),
    (
        r"apolog(?:y|ies)(?:\s+for\s+absence)?(?:\s+and\s+resignations?)?(?:\s+(?:were\s+)?received)?"
        r"(?:\s+from)?",
        "apologies",
    ),
    (r"absent(?:\s+without\s+apolog(?:y|ies))?|not\s+present|no\s+apologies\s+received", "absent"),
    (
        r"present|attendees|attending|members\s+present|those\s+present|board\s+members"
        r"|members|attendance|in\s+the\s+chair|chair(?:ed\s+by)?|deputies|substitutes"
        # "REGISTER OF ATTENDANCE", "Attendance record", "Panel Members", "Committee members present"
        r"|(?:register|record)\s+of\s+attendance|attendance\s+(?:register|record|list)"
        r"|(?:panel|committee|board|forum|group|partnership|authority|council|sub-committee)"
        r"\s+members(?:\s+present)?",
        "present",
    ),
]
HEADING_RE = re.compile(
    r"^(?P<head>"
    + "|".join(f"(?:{p})" for p, _ in CATEGORIES)
    + r")\s*(?::|–|-\s|$)\s*(?P<rest>.*)$",
    re.I,
)
GROUP_RE = re.compile(
    r"^(?P<label>(?:[A-Z][\w\-]*\s+){0,3}(?:Members|Representatives|Officers|Advisers|Advisors"
    r"|Partners|Councillors|Directors))\s*:?$"
)
LABELLED_RUN_RE = re.compile(r"^(?P<label>[A-Z][\w&'’.\- ]{1,40}):\s*(?P<rest>.+)$")
OFFICER_LABELS = {"officers", "staff", "secretariat", "support", "officers present", "team"}
TABLE_HEADER_WORDS = (
    r"name|names|organi[sz]ation|representing|role|position|title|capacity|body|agency"
    r"|attendee|member|members|job\s+title|notes?|comments?|remarks|status|details"
    # a column marking each person: "Present/Apologies" (wrapped after the "/"), "Attended"
    r"|present\s*/\s*(?:apologies|absent)?|attended|attendance|p\s*/\s*a"
)
# The marks in such a column: "P", "A", "✓", "Apols".
STATUS_MARKS = {
    "p": "present",
    "present": "present",
    "✓": "present",
    "✔": "present",
    "y": "present",
    "yes": "present",
    "a": "apologies",
    "apologies": "apologies",
    "apols": "apologies",
    "absent": "absent",
}
INLINE_SUB_RE = re.compile(
    r"\s+(?:attending|deputising|deputizing|substituting|standing\s+in|sitting)\s+(?:for|on\s+behalf\s+of)\s+"
    r"(?P<name>(?:[A-Z][\w'’\-]+\.?\s?){2,4})"
)
PLURAL_TITLE_RE = re.compile(r"(?i)^(?:councillors|cllrs|drs|doctors|professors)\.?\s")
ROW_SPLIT_RE = re.compile(r"\t|\s*\|\s*")
SPACED_SPLIT_RE = re.compile(r"\s*\t\s*|\s{2,}")


def _row_cells(line: Line) -> list[str] | None:
    """The cells of a table row written with tabs, pipes or runs of spaces ("Name | Role")."""
    raw = line.raw.replace("\u00a0", " ").strip()
    if "\t" not in raw.strip("\t ") and raw.strip("|").count("|") < 1:
        if not re.search(r"\S\s{2,}\S", raw):
            return None
        # Columns set out with spaces: "Jane Smith      Chief Executive      Vale CVS"
        cells = [c.strip() for c in SPACED_SPLIT_RE.split(raw)]
        return cells if len(cells) > 1 else None
    cells = [c.strip() for c in ROW_SPLIT_RE.split(raw.strip("|").strip())]
    return cells if len(cells) > 1 else None


# Job titles that carry organisation words: "Chief Executive", "Director of Public Health",
# "Assistant Chief Fire Officer", "Policy and Partnerships Manager".
PLAIN_ROLE_RE = re.compile(
    r"(?i)(?:\b(?:executive|officer|manager|director|secretary|treasurer|leader|lead|adviser"
    r"|advisor|co-?ordinator|clerk|head|member|chair)$)"
    r"|^(?:[\w\-]+\s+){0,2}(?:director|head|chief|manager|officer|lead|leader|secretary|member)"
    r"\s+(?:of|for)\b"
)
# "Kim Ellis, Representing Cllr Ruth Pike": the second piece is not another person.
NOT_A_NAME_RE = re.compile(
    r"(?i)^\s*(?:representing|attending|deputising|deputizing|substituting|standing|sitting|on\s+behalf)\b"
)
STAR_LEGEND_RE = re.compile(r"^\*+\s*(?:=|denotes|indicates)?\s*(?:a\s+)?substitut", re.I)


def category_heading(text: str) -> tuple[str, str, str] | None:
    """(category, heading words, rest of the line) when the line opens a register section."""
    match = HEADING_RE.match(text)
    if not match:
        return None
    head, rest = match.group("head"), match.group("rest").strip()
    if not rest and len(text) > len(head) + 2:
        return None
    if rest and not re.match(r"^\s*" + re.escape(head) + r"\s*[:–-]", text, re.I):
        return None
    for pattern, category in CATEGORIES:
        if re.fullmatch(pattern, head, re.I):
            return category, head, rest
    return None


class RegisterParser:
    """Feed it the lines of the register, one at a time; read ``attendees`` at the end."""

    def __init__(self, *, body_names: list[str]):
        self.body_names = {fold(n) for n in body_names if n}
        self.attendees: list[Attendee] = []
        self.category = "present"
        self.group = ""
        self.pending: Attendee | None = None
        self.star_is_substitute = False
        self.members_listed = False
        self.columns: list[str] = []
        self.warnings: list[str] = []

    # -- lines ---------------------------------------------------------------------------

    def feed(self, line: Line) -> bool:
        """Take one line; False when the line is not part of a register."""
        text = line.text
        if not text:
            return True
        if STAR_LEGEND_RE.match(text):
            self.star_is_substitute = True
            return True
        if (
            self.columns
            and self.columns[-1].endswith("/")
            and not self.attendees
            and re.fullmatch(r"[A-Za-z]+", text)
        ):
            self.columns[-1] += text.lower()  # "Present/" then "Apologies": a wrapped heading
            return True
        if (
            self.columns
            and self.attendees
            and line.raw[:1] == "\t"
            and self.attendees[-1].organisation
            and _row_cells(Line(no=line.no, raw="x" + line.raw, text=text)) is not None
            and not looks_like_name(text)
        ):
            # "<tab>Social Care and Health": the organisation cell of the row above, wrapped.
            attendee = self.attendees[-1]
            attendee.organisation = tidy(f"{attendee.organisation} {text}")
            return True
        if is_bullet(text):
            text = strip_bullet(text)
            line = Line(no=line.no, raw=text, text=text, indent=line.indent)
        heading = category_heading(text)
        if heading:
            category, head, rest = heading
            if category == "present" and re.search(r"(?i)\bmembers\b", head):
                self.members_listed = True
            elif self.members_listed and re.fullmatch(r"(?i)attendees|attending", head):
                # "Members" ... then "Attendees": the second list is those in attendance.
                category = "in_attendance"
            self.category, self.group, self.pending = category, "", None
            self.columns = []  # each section of a register may print its own column headings
            took_minutes = bool(re.search(r"minute|clerk", head, re.I))
            chair = bool(re.match(r"(in\s+the\s+)?chair", head, re.I))
            if rest:
                for attendee in self.run(rest, line):
                    attendee.took_minutes = attendee.took_minutes or took_minutes
                    attendee.chaired = attendee.chaired or chair
                    if chair and not attendee.role:
                        attendee.role = "Chair"
            elif took_minutes:
                self.group = "__minutes__"
            return True
        group = GROUP_RE.match(text)
        if group and not looks_like_name(text):
            label = group.group("label")
            self.group = label
            self.pending = None
            return True
        labelled = LABELLED_RUN_RE.match(text)
        if labelled and not looks_like_name(labelled.group("label")):
            label = tidy(labelled.group("label"))
            own = fold(label) in self.body_names or fold(label) in OFFICER_LABELS
            category = "in_attendance" if own else self.category
            org = label if (looks_like_org(label) and fold(label) not in OFFICER_LABELS) else ""
            for attendee in self.run(labelled.group("rest"), line, category=category):
                attendee.organisation = attendee.organisation or org
            return True
        cells = _row_cells(line)
        if cells is not None:
            if not any(re.search(r"[A-Za-z]", c) for c in cells):
                return True  # a ruled line under a header: "---|---|---"
            if cells and all(re.fullmatch(TABLE_HEADER_WORDS, c, re.I) for c in cells if c):
                self.columns = [c.lower() for c in cells]
                return True
            if len([c for c in cells if c]) > 1 and looks_like_name(self._bare(cells[0])):
                self._add_row(cells, line)
                return True
        if _one_entry_line(text):
            # "Craig Dawson (CD), Station Manager, Kingsmere Fire and Rescue Service": one person.
            return self._add_entry(text, line) is not None
        if ";" in text or (text.count(",") >= 2 and not looks_like_org(text)):
            return bool(self.run(text, line))
        if "," in text and _all_names(text):
            return bool(self.run(text, line))  # "Cllrs A B, C D and E F", "Supt A B, DI C D"
        bare = self._bare(text)
        head = INLINE_SUB_RE.sub("", bare.split(",")[0].split(" – ")[0])
        if looks_like_name(bare) or looks_like_name(head):
            self._add_entry(text, line)
            return True
        if self.pending is not None and not self.pending.organisation:
            self._apply_org(self.pending, text, line)
            return True
        return False

    def _bare(self, text: str) -> str:
        return re.sub(r"\s*\(.*?\)\s*", " ", text).strip().rstrip("*").strip()

    # -- entries -------------------------------------------------------------------------

    def _add_row(self, cells: list[str], line: Line) -> None:
        """A table row: the name first, then organisation and role by the header (or by guess)."""
        attendee = self._add_entry(cells[0], line)
        if attendee is None:
            return
        for index, cell in enumerate(cells[1:], start=1):
            if not cell:
                continue
            column = self.columns[index] if index < len(self.columns) else ""
            mark = STATUS_MARKS.get(cell.lower())
            if mark and re.match(r"(?i)present|attend|p\s*/|status", column):
                attendee.category = mark
            elif re.match(r"(?i)organi[sz]ation|representing|body|agency", column):
                attendee.organisation = cell
            elif re.match(r"(?i)role|position|title|capacity|job", column):
                # "Deputy Director of Finance (deputising for Gareth Price)", "Member (Chair)"
                role = tidy(re.sub(r"\([^()]*\)", " ", cell))
                for bracket in re.findall(r"\(([^()]*)\)", cell):
                    self._apply_bracket(attendee, bracket)
                if role and (CHAIR_RE.match(role) or MINUTE_TAKER_RE.match(role)):
                    self._apply_bracket(attendee, role)
                elif role:
                    attendee.role = role
            else:
                self._apply_org(attendee, cell, line)

    def run(self, text: str, line: Line, category: str | None = None) -> list[Attendee]:
        """A run of names: "A (X); B (Y)" or "A, B and C"."""
        chunks = _split_run(text)
        added = []
        plural = ""
        for chunk in chunks:
            attendee = self._add_entry(chunk, line, category=category)
            if attendee is None:
                continue
            added.append(attendee)
            # "Councillors A, B and C": the plural title belongs to every name in the run.
            if not added[:-1] and PLURAL_TITLE_RE.match(tidy(chunk)):
                plural = attendee.honorific
            elif plural and not attendee.honorific:
                attendee.honorific = plural
        self.pending = None
        return added

    def _add_entry(self, chunk: str, line: Line, category: str | None = None) -> Attendee | None:
        chunk = tidy(chunk)
        # "Clerk: Helen Gedge" inside a run: the role before the colon, the person after it.
        labelled_role = ROLE_LABEL_RE.match(chunk)
        if labelled_role and looks_like_name(self._bare(labelled_role.group("name"))):
            attendee = self._add_entry(labelled_role.group("name"), line, category=category)
            if attendee is not None:
                role = tidy(labelled_role.group("role"))
                attendee.role = role[0].upper() + role[1:]
                attendee.took_minutes = attendee.took_minutes or bool(MINUTE_TAKER_RE.match(role))
            return attendee
        starred = bool(re.search(r"\*\s*(?:\(|$|,)", chunk))
        chunk = re.sub(r"\s*\*+", "", chunk)
        brackets = re.findall(r"\(([^()]*)\)", chunk)
        outside = tidy(re.sub(r"\([^()]*\)", " ", chunk))
        # "Valerie Hayllor attending for Ashley Green, Coastal Homes"
        inline_sub = INLINE_SUB_RE.search(outside)
        if inline_sub:
            brackets.append(f"deputising for {inline_sub.group('name')}")
            outside = tidy(outside[: inline_sub.start()] + outside[inline_sub.end() :])
            outside = tidy(outside.rstrip(" –—-"))  # "A B – substituting for C D"
        parts = [tidy(p) for p in re.split(r",|\s[–—]\s|\s-\s", outside) if tidy(p)]
        if not parts:
            return None
        honorific, name = split_honorific(parts[0])
        if not looks_like_name(parts[0]):
            return None
        attendee = Attendee(
            name=name,
            honorific=honorific,
            category=category or self.category,
            lines=[line.no, line.no],
        )
        if self.group == "__minutes__":
            attendee.took_minutes, attendee.role = True, "minutes"
        elif self.group:
            attendee.group = self.group
            attendee.role = _singular(self.group)
        for part in parts[1:]:
            self._apply_org(attendee, part, line, from_bracket=False)
        for bracket in brackets:
            self._apply_bracket(attendee, bracket)
        if starred and self.star_is_substitute:
            attendee.note = tidy(f"{attendee.note} Substitute")
        elif starred:
            attendee.note = tidy(f"{attendee.note} Marked * in the source")
        attendee.initials = attendee.initials or initials_of(name)
        self.attendees.append(attendee)
        self.pending = attendee
        return attendee

    def _apply_org(self, attendee: Attendee, text: str, line: Line, from_bracket=False) -> None:
        brackets = re.findall(r"\(([^()]*)\)", text)
        outside = tidy(re.sub(r"\([^()]*\)", " ", text))
        represents = re.match(r"(?i)representing\s+(?P<who>.+)$", outside)
        if represents and not SUBSTITUTE_RE.match(outside):
            # "Representing Vale CVS" names an organisation; "Representing Cllr A B", a person.
            who = tidy(represents.group("who"))
            if looks_like_name(who):
                attendee.substitute_for = attendee.substitute_for or split_honorific(who)[1]
            else:
                attendee.organisation = attendee.organisation or who
            outside = ""
        if outside:
            if (
                SUBSTITUTE_RE.match(outside)
                or CHAIR_RE.match(outside)
                or MINUTE_TAKER_RE.match(outside)
            ):
                self._apply_bracket(attendee, outside)
            elif looks_like_role(outside) and (
                not looks_like_org(outside)
                or PLAIN_ROLE_RE.search(outside)
                or outside.lower() in ROLE_WORDS
            ):
                attendee.role = attendee.role or outside
            elif not attendee.organisation:
                attendee.organisation = outside
            else:
                attendee.role = attendee.role or outside
        for bracket in brackets:
            self._apply_bracket(attendee, bracket)
        attendee.lines = [attendee.lines[0], max(attendee.lines[1], line.no)]

    def _apply_bracket(self, attendee: Attendee, text: str) -> None:
        text = tidy(text)
        if not text:
            return
        if re.fullmatch(r"[A-Z]{2,4}", text) and text == initials_of(attendee.name):
            attendee.initials = text
            return
        sub = SUBSTITUTE_RE.match(text)
        if sub:
            attendee.substitute_for = tidy(
                split_honorific(sub.group("name") or sub.group("name2") or sub.group("name3"))[1]
            )
            return
        reverse = REVERSE_SUB_RE.match(text)
        if reverse and looks_like_name(reverse.group("name")):
            # "Deborah Cadman, EEDA (Neil Hayes substituting)": Neil Hayes attended for her.
            honorific, substitute = split_honorific(tidy(reverse.group("name")))
            attendee.substitute_for = attendee.name
            attendee.name, attendee.honorific = substitute, honorific
            attendee.initials = initials_of(substitute)
            return
        for piece in [tidy(p) for p in re.split(r",|;|\band\b", text) if tidy(p)]:
            sub = SUBSTITUTE_RE.match(piece)
            if sub:
                name = sub.group("name") or sub.group("name2") or sub.group("name3")
                attendee.substitute_for = tidy(split_honorific(name)[1])
                attendee.role = attendee.role or "Substitute"
                continue
            if MINUTE_TAKER_RE.match(piece) or re.fullmatch(
                r"(?i)minute[- ]?taker|note[- ]?taker", piece
            ):
                attendee.took_minutes = True
                attendee.role = attendee.role or piece.lower()
            elif CHAIR_RE.match(piece):
                attendee.chaired = True
                attendee.role = "Chair"
            elif looks_like_role(piece) or re.match(r"(?i)vice[- ]chair", piece):
                role = re.sub(r"(?i)^vice[- ]chair", "Vice Chair", piece)
                attendee.role = attendee.role or role[0].upper() + role[1:]
            elif not attendee.organisation:
                attendee.organisation = piece
            else:
                attendee.note = tidy(f"{attendee.note} {piece}")


ROLE_LABEL_RE = re.compile(
    r"(?i)^(?P<role>(?:parish\s+|town\s+|assistant\s+|deputy\s+)?(?:clerk|secretary|treasurer"
    r"|minute[- ]?taker|responsible\s+financial\s+officer|rfo))\s*:\s*(?P<name>.+)$"
)
INITIALS_BRACKET_RE = re.compile(r"\(([A-Z][A-Za-z]{1,4})\)")


def _one_entry_line(text: str) -> bool:
    """ "Name (NI), Role, Organisation": the initials mark one person; the rest describes them."""
    if ";" in text or "," not in text:
        return False
    pieces = _top_level_split(text, ",")
    first = INITIALS_BRACKET_RE.search(pieces[0])
    if not first or any(INITIALS_BRACKET_RE.search(p) for p in pieces[1:]):
        return False
    name = tidy(re.sub(r"\(.*?\)", "", pieces[0]))
    if not looks_like_name(name) or re.search(r"\s(?:and|&)\s", name):
        return False
    capitals = "".join(c for c in first.group(1) if c.isupper())
    return capitals == initials_of(name)


def _top_level_split(text: str, separator: str) -> list[str]:
    depth, chunks, current = 0, [], ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == separator and depth == 0:
            chunks.append(current)
            current = ""
        else:
            current += ch
    chunks.append(current)
    return chunks


def _all_names(text: str) -> bool:
    chunks = _split_run(text)
    return len(chunks) > 1 and all(
        looks_like_name(re.sub(r"\(.*?\)", "", c)) and not NOT_A_NAME_RE.match(c) for c in chunks
    )


def _singular(label: str) -> str:
    label = tidy(label)
    return label[:-1] if label.endswith("s") else label


def _split_run(text: str) -> list[str]:
    text = tidy(text).rstrip(".")
    separator = ";" if ";" in text else ","
    chunks = _top_level_split(text, separator)
    out: list[str] = []
    for chunk in (tidy(c) for c in chunks):
        if not chunk:
            continue
        # "A, B and C": the last comma-separated piece may hold two names.
        commas = [tidy(p) for p in _top_level_split(chunk, ",")]
        if separator == ";" and len(commas) > 1:
            # "Cllrs A (Chairman), B, C and D": the last piece may hold two names.
            last = re.split(r"\s+(?:and|&)\s+", commas[-1])
            if len(last) == 2 and all(looks_like_name(re.sub(r"\(.*?\)", "", p)) for p in last):
                commas = commas[:-1] + [tidy(p) for p in last]
            if all(looks_like_name(re.sub(r"\(.*?\)", "", p)) for p in commas):
                out.extend(commas)
                continue
        pieces = re.split(r"\s+(?:and|&)\s+", chunk)
        if len(pieces) == 2 and all(looks_like_name(re.sub(r"\(.*?\)", "", p)) for p in pieces):
            out.extend(pieces)
            continue
        bare = re.sub(r"\(.*?\)", "", chunk).strip()
        if (
            out
            and separator == ","
            and not looks_like_name(bare)
            and not looks_like_name(bare.split(" – ")[0])
        ):
            out[-1] = f"{out[-1]}, {chunk}"  # "Name, Organisation" inside a comma run
        else:
            out.append(chunk)
    return out


def parse_register_line(text: str) -> list[str]:
    """Names in a sentence such as "Apologies were received from A (X), B and C"."""
    return [re.sub(r"\(.*?\)", "", c).strip() for c in _split_run(text)]
