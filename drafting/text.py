"""What the officer types, read and written: short formatted text (decisions), due dates as
dates or words, uploaded papers, and an action's owners and due date as the edit form shows them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape

from actions.models import Action
from meetings.models import Meeting
from meetings.text import clean_html
from partners.models import Organisation, Person, Team

from .selectors import due_text, next_meeting_after, owners_parse, owners_text

# --- Short formatted text typed in a plain box (decisions; minutes without JavaScript) --------

LIST_LINE = re.compile(
    r"^\s*(?:(?P<bullet>[-•*])|(?P<number>\d+)[.)]|(?P<letter>[a-z])\))\s+(?P<text>.*)$"
)
BOLD = re.compile(r"\*\*(.+?)\*\*")


def text_to_html(text: str) -> str:
    """Plain text as typed in a box into minutes HTML: blank lines part paragraphs, lines
    starting "- ", "1." or "a)" make lists, **words** are bold. Everything else is kept
    exactly as typed: "Use <b> tags" stays those words, angle brackets and all (escaped)."""
    if not (text or "").strip():
        return ""
    out: list[str] = []
    paragraph: list[str] = []
    list_kind = ""

    def inline(line: str) -> str:
        return BOLD.sub(r"<strong>\1</strong>", escape(line.strip()))

    def close_paragraph():
        if paragraph:
            out.append("<p>" + "<br>".join(inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def close_list():
        nonlocal list_kind
        if list_kind:
            out.append("</ul>" if list_kind == "ul" else "</ol>")
            list_kind = ""

    for line in text.splitlines():
        match = LIST_LINE.match(line)
        if match:
            close_paragraph()
            kind = "ul" if match["bullet"] else ("ol-a" if match["letter"] else "ol")
            if kind != list_kind:
                close_list()
                out.append({"ul": "<ul>", "ol": "<ol>", "ol-a": '<ol type="a">'}[kind])
                list_kind = kind
            out.append(f"<li>{inline(match['text'])}</li>")
        elif not line.strip():
            close_paragraph()
            close_list()
        else:
            close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return "".join(out)


class _TextWriter(HTMLParser):
    """Minutes HTML read back as the box's plain text (see ``html_to_text``)."""

    BLOCKS = {"p", "h3", "h4", "blockquote", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = []
        self.lines: list[str] = []
        self.line = ""
        self.lists: list[list] = []  # [kind, count] for each open list

    def end_line(self):
        if self.line.strip():
            self.lines.append(" ".join(self.line.split()))
        self.line = ""

    def end_block(self):
        self.end_line()
        if self.lines:
            self.blocks.append(self.lines)
        self.lines = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag in ("ul", "ol"):
            self.end_block()
        if tag in ("ul", "ol"):
            kind = "ul" if tag == "ul" else ("a" if dict(attrs).get("type") == "a" else "1")
            self.lists.append([kind, 0])
        elif tag == "li":
            self.end_line()
            if not self.lists:  # an item outside any list reads as a bullet
                self.lists.append(["ul", 0])
            self.lists[-1][1] += 1
            kind, count = self.lists[-1]
            marks = {"ul": "-", "a": f"{chr(96 + min(count, 26))})", "1": f"{count}."}
            self.line = marks[kind] + " "
        elif tag == "br":
            self.end_line()
        elif tag in ("strong", "b"):
            self.line += "**"

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.line += "**"
        elif tag == "li":
            self.end_line()
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.end_block()
        elif tag in self.BLOCKS:
            self.end_block()

    def handle_data(self, data):
        self.line += data

    def text(self) -> str:
        self.close()
        self.end_block()
        return "\n\n".join("\n".join(lines) for lines in self.blocks)


def html_to_text(html: str) -> str:
    """Minutes HTML as the box shows it: the reverse of ``text_to_html``. Formatting the box
    cannot write (italics, roman-numbered lists, nested lists) is dropped and its words kept;
    ``text_keeps_html`` tells whether anything would be lost."""
    writer = _TextWriter()
    writer.feed(html or "")
    return writer.text()


def text_keeps_html(html: str) -> bool:
    """Whether ``html`` survives the round trip through the plain box unchanged."""
    return clean_html(text_to_html(html_to_text(html))) == clean_html(html)


# --- Due dates: a date, or words such as "by the next meeting" -----------------------------

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]
# What reads as an attempt at a date: 31/02/2027, 2027-02-31, 31.2.27, 31 Feb 2027.
NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{2,4})$")
WORDED_DATE = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[a-z]+)\.? (?P<year>\d{2,4})$", re.I)
MONTHS = [calendar.month_name[n].casefold() for n in range(1, 13)]
DATE_HELP = "write it as 12/01/2027 (day/month/year), or in words such as “in June”"


def _date_problem(text: str) -> str | None:
    """Why text that looks like a date is not one, or None when it does not look like a date."""
    numeric, worded = NUMERIC_DATE.match(text), WORDED_DATE.match(text)
    if numeric:
        a, b, c = (int(numeric[k]) for k in "abc")
        day, month, year = (c, b, a) if len(numeric["a"]) == 4 else (a, b, c)
    elif worded:
        name = worded["month"].casefold()
        found = [n for n, m in enumerate(MONTHS, start=1) if m.startswith(name[:3])]
        if len(name) < 3 or not found:
            return None
        day, month, year = int(worded["day"]), found[0], int(worded["year"])
    else:
        return None
    year += 2000 if year < 100 else 0
    if not 1 <= month <= 12:
        return f"“{text}” is not a date: there is no month {month}; {DATE_HELP}."
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= days:
        return (
            f"“{text}” is not a date: {calendar.month_name[month]} {year} has {days} days; "
            f"{DATE_HELP}."
        )
    return f"“{text}” is not a date I understand; {DATE_HELP}."


def due_parse(meeting: Meeting, text: str) -> tuple[dt.date | None, str]:
    """(due date, due note). "by the next meeting" resolves to the body's next scheduled meeting
    when there is one and keeps the words, as the minutes say them. Something written as a
    date must be a real one: "31/02/2027" is refused, never kept as words that never fall due.
    """
    text = " ".join((text or "").split())
    if not text:
        return None, ""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.removeprefix("by ").strip())
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date(), ""
        except ValueError:
            continue
    problem = _date_problem(cleaned)
    if problem:
        raise ValidationError(problem)
    if "next meeting" in text.casefold():
        upcoming = next_meeting_after(meeting)
        return (upcoming.date if upcoming else None), text
    if len(text) > 120:
        raise ValidationError("Keep the due date short: a date, or words such as “in June”.")
    return None, text


# --- Papers: only office documents, checked by content as well as by name ------------------

PAPER_TYPES = {
    ".pdf": "PDF",
    ".docx": "Word document",
    ".xlsx": "Excel workbook",
    ".pptx": "PowerPoint presentation",
}
# The part name each OOXML package must declare in [Content_Types].xml.
OOXML_MAIN = {
    ".docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}


def paper_file_check(upload) -> None:
    """Refuse anything but a real PDF, DOCX, XLSX or PPTX within the size limit.

    The name alone proves nothing (an .exe renamed .pdf), so the content is checked too: a PDF
    starts with %PDF-, an Office file is a ZIP whose [Content_Types].xml names the right part.
    """
    name = upload.name or ""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in PAPER_TYPES:
        raise ValidationError(
            "Upload a PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx) file."
        )
    limit = settings.PAPER_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}; papers can be at most {filesizeformat(limit)}."
        )
    kind = PAPER_TYPES[ext]
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if ext == ".pdf":
        if head != b"%PDF-":
            raise ValidationError(f"“{name}” is not a real PDF (its content is something else).")
        return
    try:
        with zipfile.ZipFile(upload) as archive:
            types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        types = b""
    finally:
        upload.seek(0)
    if OOXML_MAIN[ext] not in types:
        raise ValidationError(f"“{name}” is not a real {kind} (its content is something else).")


# --- An action's owners and due date as typed, for ``actions.services.action_edit`` ----------


@dataclass(frozen=True)
class ActionText:
    """The drafting pages' way of writing an action's owners and due date, and of reading back
    what the officer typed, for one meeting (an ``actions.services.ActionWording``)."""

    meeting: Meeting

    def owners_text(self, action: Action) -> str:
        return owners_text(action)

    def owners_parse(self, text: str) -> list[Person | Organisation | Team]:
        return owners_parse(self.meeting, text)

    def due_text(self, action: Action) -> str:
        return due_text(action)

    def due_parse(self, text: str) -> tuple[dt.date | None, str]:
        return due_parse(self.meeting, text)
