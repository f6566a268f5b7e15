"""The top of the minutes: which body, which meeting, when and where."""

from __future__ import annotations

import datetime as dt
import re

from .dates import DATE_RE, find_dates, find_times
from .model import Line, MeetingInfo
from .text import tidy

TITLE_WORDS_RE = re.compile(r"\b(minutes|notes|meeting|record|proceedings)\b", re.I)
BARE_TITLE_RE = re.compile(r"^(minutes|notes|draft minutes|draft|agenda|confidential)$", re.I)
VENUE_LINE_RE = re.compile(r"^(?:venue|location|place|where)\s*:\s*(?P<venue>.+)$", re.I)
TIME_LINE_RE = re.compile(r"^(?:time|start)\s*:\s*(?P<time>.+)$", re.I)
DATE_LINE_RE = re.compile(r"^(?:date|held on)\s*:\s*(?P<date>.+)$", re.I)
PLACE_WORDS = re.compile(
    r"\b(centre|center|house|hall|room|street|st|road|building|chamber|chambers|offices?|park"
    r"|hotel|suite|court|square|library|campus|town|civic|place|lane|way|online|teams|zoom)\b",
    re.I,
)
MEETING_SUFFIX_RE = re.compile(
    r"\s*(?:[-–:]\s*)?\b(?:(?:extraordinary|annual|ordinary|special|joint)\s+)?"
    r"(?:board\s+|group\s+)?(?:meeting|minutes|notes)\b.*$",
    re.I,
)


def parse_header(lines: list[Line]) -> MeetingInfo:
    info = MeetingInfo()
    texts: list[tuple[Line, str]] = []
    for line in lines:
        if not line.text:
            continue
        if texts and re.search(r"\b(?:the|in|at|of|and|on)$", texts[-1][1], re.I):
            # A heading line wrapped by a PDF: "... at 6.00 pm in the" / "Council Chamber".
            texts[-1] = (texts[-1][0], f"{texts[-1][1]} {line.text}")
            continue
        texts.append((line, line.text))
    if not texts:
        return info
    info.lines = [texts[0][0].no, texts[-1][0].no]
    title_line = next(
        (
            (line, text)
            for line, text in texts
            if TITLE_WORDS_RE.search(text) and not BARE_TITLE_RE.match(text)
        ),
        None,
    )
    # Structured header lines first ("Date: ...", "Venue: ...").
    for _line, text in texts:
        if m := VENUE_LINE_RE.match(text):
            info.venue = tidy(m.group("venue"))
        elif m := TIME_LINE_RE.match(text):
            times = find_times(m.group("time"))
            info.start, info.end = (times + [None, None])[:2]
        elif (m := DATE_LINE_RE.match(text)) and info.date is None:
            found = find_dates(m.group("date"))
            info.date = found[0][0].isoformat() if found else None
    if title_line:
        info.title = tidy(title_line[1].strip("*#"))
    for line, text in texts:
        if info.date is None:
            found = find_dates(text)
            if found:
                info.date = found[0][0].isoformat()
                _times_and_venue(info, text, found[0][1])
        if title_line is None or line is not title_line[0]:
            continue
    body_line = next(
        (
            text
            for line, text in texts
            if (title_line is None or line is not title_line[0])
            and not BARE_TITLE_RE.match(text)
            and not DATE_RE.search(text)
            and not VENUE_LINE_RE.match(text)
            and not TIME_LINE_RE.match(text)
            and not DATE_LINE_RE.match(text)
            and (title_line is None or line.no < title_line[0].no)
        ),
        None,
    )
    if body_line is None and title_line is not None:
        prefix = MEETING_SUFFIX_RE.sub("", title_line[1]).strip(" -–:")
        body_line = prefix if prefix and not DATE_RE.search(prefix) else None
    if body_line:
        body_line = tidy(body_line.strip("*#"))
        acronym = re.search(r"\(([A-Z][A-Za-z&]{1,9})\)\s*$", body_line)
        if acronym:
            info.body_acronym = acronym.group(1)
            body_line = tidy(body_line[: acronym.start()])
        if body_line.isupper():
            body_line = _title_case(body_line)
        info.body = body_line
    if not info.venue:
        for line, text in texts:
            if title_line and line.no <= title_line[0].no:
                continue
            if (
                PLACE_WORDS.search(text)
                and not DATE_RE.search(text)
                and not BARE_TITLE_RE.match(text)
                and len(text.split()) <= 10
            ):
                info.venue = tidy(text)
                break
    return info


def _times_and_venue(info: MeetingInfo, text: str, date_match: re.Match) -> None:
    rest = text[date_match.end() :]
    times = find_times(rest) or find_times(text[: date_match.start()])
    if times and info.start is None:
        info.start = times[0]
        info.end = times[1] if len(times) > 1 else None
    if info.venue:
        return
    stripped = re.sub(
        r"\d{1,2}(?:[.:]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}[.:]\d\d", " ", rest, flags=re.I
    )
    venue = re.search(r"(?:^|[\s,])(?:in|at|venue:?)\s+(?:the\s+)?(?P<venue>[A-Z].*)$", stripped)
    if venue:
        info.venue = tidy(venue.group("venue")).rstrip(" ,.;-–—")


def _title_case(text: str) -> str:
    small = {"and", "of", "the", "for", "in", "on", "at", "to"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def meeting_date(info: MeetingInfo) -> dt.date | None:
    return dt.date.fromisoformat(info.date) if info.date else None
