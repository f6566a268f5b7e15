"""Dates and times as minutes write them, read relative to the meeting."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

DATE_RE = re.compile(
    rf"(?:(?:{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<month>{MONTH_ALT})\.?,?(?:\s+(?P<year>(?:19|20)\d\d))?\b"
    rf"|(?:(?:{WEEKDAY}),?\s+)?(?P<month2>{MONTH_ALT})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?"
    rf"(?:\s+(?P<year2>(?:19|20)\d\d))?\b"
    r"|\b(?P<d3>\d{1,2})[/.](?P<m3>\d{1,2})[/.](?P<y3>(?:19|20)?\d\d)\b"
    r"|\b(?P<y4>(?:19|20)\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d)\b",
    re.I,
)
MONTH_ONLY_RE = re.compile(
    rf"\b(?:in|by|during|by\s+the\s+end\s+of|(?:the\s+)?end\s+(?:of\s+)?|before)\s*"
    rf"(?P<month>{MONTH_ALT})\b(?:\s+(?P<year>(?:19|20)\d\d))?",
    re.I,
)

MONTH_MEETING_RE = re.compile(
    rf"\b(?:to|at|for|by|before)\s+the\s+(?P<month>{MONTH_ALT})(?:\s+(?:19|20)\d\d)?\s+"
    r"(?:meeting|board|committee|group|forum|partnership)\b",
    re.I,
)

TIME_RE = re.compile(
    r"(?P<h>\d{1,2})(?:[.:](?P<m>\d\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
    r"|(?P<h2>\d{1,2})[:.](?P<m2>\d\d)(?!\s*(?:a\.?m|p\.?m))(?:\s*(?:hrs|hours|h))?"
    r"|(?P<noon>noon|midday)",
    re.I,
)


def find_dates(text: str, *, reference: dt.date | None = None) -> list[tuple[dt.date, re.Match]]:
    """Every full date in ``text``; a date without a year is the next one on or after
    ``reference`` (minutes name coming dates without the year)."""
    found = []
    for match in DATE_RE.finditer(text):
        value = _to_date(match, reference)
        if value is not None:
            found.append((value, match))
    return found


def _to_date(match: re.Match, reference: dt.date | None) -> dt.date | None:
    g = match.groupdict()
    try:
        if g["day"] or g["day2"]:
            day = int(g["day"] or g["day2"])
            month = MONTHS[(g["month"] or g["month2"]).lower().rstrip(".")]
            year = g["year"] or g["year2"]
            if year:
                return dt.date(int(year), month, day)
            if reference is None:
                return None
            candidate = dt.date(reference.year, month, day)
            if candidate < reference - dt.timedelta(days=62):
                candidate = dt.date(reference.year + 1, month, day)
            return candidate
        if g["d3"]:
            year = int(g["y3"])
            year = year + 2000 if year < 100 else year
            return dt.date(year, int(g["m3"]), int(g["d3"]))
        if g["y4"]:
            return dt.date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    except ValueError:
        return None
    return None


def first_date(text: str, *, reference: dt.date | None = None) -> dt.date | None:
    dates = find_dates(text, reference=reference)
    return dates[0][0] if dates else None


def parse_time(match: re.Match) -> str | None:
    g = match.groupdict()
    if g["noon"]:
        return "12:00"
    if g["h"]:
        hour, minute = int(g["h"]), int(g["m"] or 0)
        pm = g["ampm"].lower().startswith("p")
        if pm and hour < 12:
            hour += 12
        if not pm and hour == 12:
            hour = 0
    else:
        hour, minute = int(g["h2"]), int(g["m2"])
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def find_times(text: str) -> list[str]:
    """Clock times in order: "1pm", "9.00am – 12.00pm", "14:00-16:00", "2pm to 4pm". A bare
    14.00 counts only in a range or after "at", "from" or "Time"."""
    cleaned = re.sub(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", " ", text)
    times = []
    for match in TIME_RE.finditer(cleaned):
        if match.group("h2"):
            before = cleaned[max(0, match.start() - 8) : match.start()].lower()
            after = cleaned[match.end() : match.end() + 6].lower()
            contextual = re.search(
                r"(?:[-–—]|\bto|\bat|\bfrom|time:?|start)\s*$", before
            ) or re.match(r"\s*(?:[-–—]|to\b|hrs|hours)", after)
            if not contextual:
                continue
        value = parse_time(match)
        if value:
            times.append(value)
    return times


def relative_due(
    text: str,
    *,
    meeting: dt.date | None,
    next_meeting: dt.date | None,
) -> tuple[str | None, str]:
    """(due, note) for the due words of an action: an ISO date when one can be read, else the
    words as minuted ("on a regular basis"), else None. "before the next meeting" becomes the
    next meeting's date when the minutes give it."""
    lowered = text.lower()
    dates = find_dates(text, reference=meeting)
    dates = [(d, m) for d, m in dates if meeting is None or d >= meeting]
    if dates:
        return dates[0][0].isoformat(), _due_words(text, dates[0][1])
    if (
        re.search(
            r"\b(?:before|by|at|prior to|for|in time for|ahead of)\s+the\s+next\s+(?:meeting|board|group)",
            lowered,
        )
        or "next meeting" in lowered
    ):
        note = (
            "before the next meeting"
            if "before" in lowered or "prior" in lowered
            else "at the next meeting"
        )
        if next_meeting is not None:
            return next_meeting.isoformat(), note
        return note, note
    named = MONTH_MEETING_RE.search(text)
    if named:
        # "report to the March meeting": the next meeting when it falls in that month.
        number = MONTHS[named.group("month").lower()]
        if next_meeting is not None and next_meeting.month == number:
            return next_meeting.isoformat(), named.group(0).strip()
        return named.group(0).strip(), named.group(0).strip()
    month = MONTH_ONLY_RE.search(text)
    if month and meeting is not None:
        number = MONTHS[month.group("month").lower()]
        year = (
            int(month.group("year"))
            if month.group("year")
            else meeting.year + (number < meeting.month)
        )
        ahead = (year - meeting.year) * 12 + number - meeting.month
        # "held in October" in November minutes is the past, not a due date.
        if 0 <= ahead <= 9 and not re.search(
            r"\b(?:held|was|were|took\s+place)\s+in\s*$", text[: month.start() + 3]
        ):
            return _month_end(year, number).isoformat(), month.group(0).strip()
    quarter = re.search(r"(?i)\b(?:(?:the\s+)?end\s+of|by|before)\s+Q([1-4])\b", text)
    if quarter and meeting is not None:
        # "end of Q4": the financial year's quarter (Q1 April to June), the next one to end.
        month = (int(quarter.group(1)) * 3 + 3 - 1) % 12 + 1
        end = _month_end(meeting.year, month)
        end = end if end >= meeting else _month_end(meeting.year + 1, month)
        return end.isoformat(), quarter.group(0)
    relative = RELATIVE_RE.search(text)
    if relative and meeting is not None:
        found = _dateparser(relative.group(0), meeting)
        if found is not None:
            return found.isoformat(), relative.group(0)
    for phrase in (
        "asap",
        "as soon as possible",
        "immediately",
        "ongoing",
        "on a regular basis",
        "regularly",
    ):
        if phrase in lowered:
            return phrase, phrase
    return None, ""


RELATIVE_RE = re.compile(
    r"\b(?:within|in)\s+(?:\d{1,2}|a|one|two|three|four|five|six|eight|twelve)\s+(?:days?|weeks?|months?)\b"
    r"|\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:week|month|year)\b"
    r"|\bnext\s+(?:week|month)\b",
    re.I,
)
NUMBER_WORDS = {
    "a": "1",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "eight": "8",
    "twelve": "12",
}


def _dateparser(phrase: str, meeting: dt.date) -> dt.date | None:
    """ "within two weeks", "end of next month": read with dateparser from the meeting date."""
    import dateparser  # slow to import; only for the phrases that need it

    lowered = phrase.lower()
    base = dt.datetime.combine(meeting, dt.time(12, 0))
    end = re.search(r"end\s+of\s+(?:the\s+|this\s+)?(next\s+)?(week|month|year)", lowered)
    if end:
        if end.group(2) == "week":
            days = 4 - meeting.weekday() + (7 if end.group(1) else 0)
            return meeting + dt.timedelta(days=days if days >= 0 else days + 7)
        if end.group(2) == "month":
            month = meeting.month + (1 if end.group(1) else 0)
            year = meeting.year + (month > 12)
            return _month_end(year, (month - 1) % 12 + 1)
        return dt.date(meeting.year + (1 if end.group(1) else 0), 12, 31)
    words = re.sub(r"^(?:within|in)\s+", "in ", lowered)
    for word, digit in NUMBER_WORDS.items():
        words = re.sub(rf"\b{word}\b(?=\s+(?:day|week|month))", digit, words)
    parsed = dateparser.parse(
        words, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
    )
    return parsed.date() if parsed else None


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _due_words(text: str, match: re.Match) -> str:
    before = text[: match.start()].rstrip().split()
    lead = before[-1].lower() if before else ""
    words = match.group(0).strip()
    if lead in ("by", "before", "on", "for", "until"):
        return f"{lead} {words}"
    return words
