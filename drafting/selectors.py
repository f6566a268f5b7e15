"""Drafting-only helpers: reading what the drafting pages show, and understanding what the
officer types (action owners as names or initials, due dates as dates or words, uploaded papers).

Reads here keep a fixed number of queries whatever the size of the meeting.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape

from actions.models import Action
from actions.selectors import actions_with_owners
from meetings.models import AgendaItem, Attendance, Declaration, Meeting, MinutesApproval
from meetings.selectors import meetings_base
from meetings.text import clean_html
from partners import rules as partner_rules
from partners.models import Body, Membership, Organisation, Person, Team
from records.selectors import meeting_record

# --- Meetings the officer drafts -----------------------------------------------------------


def drafts_for_user(user) -> QuerySet[Meeting]:
    """Draft meetings of the bodies the user edits, soonest first, with counts for the list."""
    qs = meetings_base().filter(status=Meeting.Status.DRAFT)
    editable = partner_rules.editable_body_ids(user)
    if editable is not None:
        qs = qs.filter(body_id__in=editable)
    return qs.annotate(
        item_count=Count("items", distinct=True), action_count=Count("actions", distinct=True)
    ).order_by("date", "start_time", "pk")


def editable_bodies(user) -> QuerySet[Body]:
    qs = Body.objects.all()
    editable = partner_rules.editable_body_ids(user)
    if editable is not None:
        qs = qs.filter(pk__in=editable)
    return qs.order_by("name")


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    """The body's next scheduled meeting after this one, if there is one."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__gt=meeting.date)
        .order_by("date", "start_time", "pk")
        .first()
    )


def previous_meeting_before(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__lt=meeting.date)
        .order_by("-date", "-start_time", "-pk")
        .first()
    )


@dataclass
class EditorData:
    """What the minutes editor shows, loaded in a fixed number of queries."""

    record: object
    previous_meeting: Meeting | None
    approval: MinutesApproval | None
    open_actions: list[Action]
    declarations: list[Declaration]
    next_meeting: Meeting | None


def minutes_editor_data(meeting: Meeting) -> EditorData:
    record = meeting_record(meeting_id=meeting.pk)
    previous = previous_meeting_before(meeting)
    approval = None
    if previous is not None:
        approval = MinutesApproval.objects.filter(
            meeting=meeting, previous_meeting=previous
        ).first()
    # Matters arising: what earlier meetings left open, plus what was closed at this one, so the
    # officer sees the review they have just recorded.
    open_actions = list(
        actions_with_owners()
        .filter(meeting__body_id=meeting.body_id, meeting__date__lt=meeting.date)
        .filter(~Q(status__in=Action.CLOSED) | Q(closed_at_meeting=meeting))
        .order_by("meeting__date", "number")
    )
    declarations = list(
        Declaration.objects.filter(meeting=meeting).select_related("person", "item").order_by("id")
    )
    return EditorData(
        record=record,
        previous_meeting=previous,
        approval=approval,
        open_actions=open_actions,
        declarations=declarations,
        next_meeting=next_meeting_after(meeting),
    )


# --- Action owners: names, initials, organisations and groups -----------------------------

OWNER_SPLIT = re.compile(r"\s*(?:,|/|;|&|\band\b)\s*", re.IGNORECASE)
KIND_SUFFIX = re.compile(r"^(?P<label>.*?)\s*\((?P<tag>[^)]*)\)\s*$")


@dataclass
class OwnerOption:
    value: str
    label: str
    kind: str


def _body_people(meeting: Meeting) -> list[Person]:
    """People the minutes name: the body's members and anyone on this meeting's register."""
    return list(
        Person.objects.filter(
            Q(memberships__body_id=meeting.body_id) | Q(attendances__meeting_id=meeting.pk)
        )
        .select_related("organisation")
        .distinct()
        .order_by("name")
    )


def _teams(meeting: Meeting) -> list[Team]:
    return list(Team.objects.filter(body_id=meeting.body_id).order_by("name"))


def _person_value(person: Person) -> str:
    return f"{person.name} ({person.initials})" if person.initials else person.name


def _org_value(org: Organisation) -> str:
    return f"{org.name} (organisation)"


def _team_value(team: Team) -> str:
    return f"{team.name} (group)"


def owners_parse(meeting: Meeting, text: str) -> list[Person | Organisation | Team]:
    """Turn "JM / Valerie Hayllor, Secretariat" into owners, or say which part is not understood.

    Each part may be initials or a name of someone on the body or the register, a group of the
    body, or an organisation by name or acronym. Options from the picker carry a tag in
    brackets ("(organisation)", "(group)", "(VH)") that settles ambiguity.
    """
    parts = [p.strip() for p in OWNER_SPLIT.split(text or "") if p.strip()]
    if not parts:
        raise ValidationError("Name at least one owner: a person, an organisation or a group.")
    people = _body_people(meeting)
    teams = _teams(meeting)
    owners: list[Person | Organisation | Team] = []
    problems = []
    for part in parts:
        found = _owner_lookup(part, people, teams)
        if isinstance(found, str):
            problems.append(found)
        else:
            owners.append(found)
    if problems:
        raise ValidationError(" ".join(problems))
    return owners


def _owner_lookup(part: str, people: list[Person], teams: list[Team]):
    tag = ""
    match = KIND_SUFFIX.match(part)
    if match:
        part, tag = match["label"].strip(), match["tag"].strip()
    key = part.casefold()
    if tag != "organisation":
        team_hits = [t for t in teams if t.name.casefold() == key]
        if team_hits:
            return team_hits[0]
    if tag in ("group",):
        return f"No group called “{part}”."
    if tag != "organisation":
        hits = [p for p in people if p.name.casefold() == key or p.display_name.casefold() == key]
        if not hits and part.isupper() and len(part) <= 5:
            hits = [p for p in people if p.initials.casefold() == key]
        if not hits:
            hits = [p for p in people if p.name.split()[-1].casefold() == key]
        if tag and len(hits) > 1:
            hits = [p for p in hits if p.initials == tag] or hits
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(p.name for p in hits)
            return f"“{part}” could be {names}: pick one from the list."
    org = Organisation.objects.filter(Q(name__iexact=part) | Q(acronym__iexact=part)).first()
    if org is not None:
        return org
    return f"Nobody called “{part}” is on this body or the register."


def owners_text(action: Action) -> str:
    """An action's owners as the picker writes them, so an unchanged field parses back the same."""
    parts = []
    for owner in action.owners.all():
        if owner.person_id:
            parts.append(_person_value(owner.person))
        elif owner.organisation_id:
            parts.append(_org_value(owner.organisation))
        else:
            parts.append(_team_value(owner.team))
    return ", ".join(parts)


def due_text(action: Action) -> str:
    """An action's due date as the officer would type it: the minuted words, else the date."""
    if action.due_note:
        return action.due_note
    return f"{action.due_date:%d/%m/%Y}" if action.due_date else ""


def owner_options(meeting: Meeting, query: str, limit: int = 12) -> list[OwnerOption]:
    """Picker suggestions for the last part of what was typed, keeping the earlier parts."""
    query = query or ""
    pieces = OWNER_SPLIT.split(query)
    last = pieces[-1].strip() if pieces else ""
    prefix = query[: len(query) - len(pieces[-1])] if pieces else ""
    if prefix and not prefix.endswith(" "):
        prefix += " "
    needle = last.casefold()
    if not needle:
        return []
    options: list[OwnerOption] = []
    for person in _body_people(meeting):
        words = [w.casefold() for w in person.name.split()]
        if (
            person.initials.casefold().startswith(needle)
            or any(w.startswith(needle) for w in words)
            or person.name.casefold().startswith(needle)
        ):
            org = f", {person.organisation.short_name}" if person.organisation_id else ""
            options.append(
                OwnerOption(
                    value=prefix + _person_value(person),
                    label=f"{person.display_name}{org}",
                    kind="person",
                )
            )
    for team in _teams(meeting):
        if needle in team.name.casefold():
            options.append(
                OwnerOption(value=prefix + _team_value(team), label=team.name, kind="group")
            )
    orgs = Organisation.objects.filter(Q(name__icontains=last) | Q(acronym__istartswith=last))
    for org in orgs.order_by("name")[:limit]:
        options.append(
            OwnerOption(value=prefix + _org_value(org), label=org.name, kind="organisation")
        )
    return options[:limit]


# --- Short formatted text typed in a plain box (decisions) --------------------------------

LIST_LINE = re.compile(
    r"^\s*(?:(?P<bullet>[-•*])|(?P<number>\d+)[.)]|(?P<letter>[a-z])\))\s+(?P<text>.*)$"
)
BOLD = re.compile(r"\*\*(.+?)\*\*")
SIMPLE_TAGS = re.compile(r"</?(?:p|ul|ol|li|strong|b)(?:\s+type=\"a\")?>|<br\s*/?>")


def text_to_html(text: str) -> str:
    """Plain text as typed in a box into minutes HTML: blank lines part paragraphs, lines
    starting "- ", "1." or "a)" make lists, **words** are bold. Text that already holds HTML
    (from the rich editor, or left as HTML by ``html_to_text``) is returned unchanged."""
    if not text.strip() or "<" in text:
        return text
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


def html_to_text(html: str) -> str:
    """The reverse of ``text_to_html`` for text it could have made; anything richer (italics,
    roman-numbered lists) is returned as HTML so nothing is lost by editing it."""
    html = (html or "").strip()
    if "<" not in html:
        return html
    if SIMPLE_TAGS.sub("", html).count("<"):
        return html
    lines: list[str] = []
    for block in re.findall(r"<p>.*?</p>|<ul>.*?</ul>|<ol(?: type=\"a\")?>.*?</ol>", html, re.S):
        if block.startswith("<p>"):
            body = re.sub(r"<br\s*/?>", "\n", block[3:-4])
            lines.append(_unbold(body))
        else:
            lettered = block.startswith('<ol type="a">')
            items = re.findall(r"<li>(.*?)</li>", block, re.S)
            marks = [
                "-"
                if block.startswith("<ul>")
                else (f"{chr(97 + n)})" if lettered else f"{n + 1}.")
                for n in range(len(items))
            ]
            lines.append("\n".join(f"{m} {_unbold(t)}" for m, t in zip(marks, items, strict=True)))
    text = "\n\n".join(lines)
    return text if clean_html(text_to_html(text)) == clean_html(html) else html


def _unbold(fragment: str) -> str:
    fragment = re.sub(r"</?(?:strong|b)>", "**", fragment)
    return unescape(fragment).strip()


# --- Due dates: a date, or words such as "by the next meeting" -----------------------------

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]


def due_parse(meeting: Meeting, text: str) -> tuple[dt.date | None, str]:
    """(due date, due note). "by the next meeting" resolves to the body's next scheduled meeting
    when there is one and keeps the words, as the minutes say them."""
    text = " ".join((text or "").split())
    if not text:
        return None, ""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.removeprefix("by ").strip())
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date(), ""
        except ValueError:
            continue
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


# --- Register -----------------------------------------------------------------------------

REGISTER_KEYS = [
    ("p", Attendance.Category.PRESENT),
    ("a", Attendance.Category.APOLOGIES),
    ("x", Attendance.Category.ABSENT),
    ("i", Attendance.Category.IN_ATTENDANCE),
    ("o", Attendance.Category.ALSO_PRESENT),
]


def register_rows(meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("person__organisation", "organisation", "substitute_for")
        .order_by("position", "id")
    )


GROUP_SUGGESTIONS = ["Executive Members", "Non-Executive Members"]


def register_groups(rows: list[Attendance]) -> list[tuple[str, list[Attendance]]]:
    """Rows grouped by their group label, groups in the order their first row comes."""
    groups: dict[str, list[Attendance]] = {}
    for row in rows:
        groups.setdefault(row.group_label, []).append(row)
    return list(groups.items())


def group_suggestions(rows: list[Attendance]) -> list[str]:
    labels = [*GROUP_SUGGESTIONS, *(r.group_label for r in rows if r.group_label)]
    return list(dict.fromkeys(labels))


def meeting_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items in agenda order (each item followed by its sub-items)."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered: list[AgendaItem] = []

    def walk(parent_id):
        for item in children.get(parent_id, []):
            ordered.append(item)
            walk(item.pk)

    walk(None)
    return ordered


def body_members_not_on_register(meeting: Meeting) -> QuerySet[Person]:
    return (
        Person.objects.filter(memberships__body_id=meeting.body_id)
        .exclude(
            memberships__role=Membership.Role.SECRETARIAT, memberships__body_id=meeting.body_id
        )
        .exclude(attendances__meeting_id=meeting.pk)
        .distinct()
        .order_by("name")
    )
