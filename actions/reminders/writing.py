"""Writing the reminder e-mails of a batch: the sections, the lines and the frame, rendered
once a batch and put together per person (``ReminderWriter``)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape

from partners.models import Person
from partners.templatetags.minutebook import due_hint, ukdate

from ..tokens import link_url
from .lines import Kind, Line

SECTION_ORDER = [
    (Kind.OVERDUE, "Overdue", "#b02a37"),
    (Kind.DUE_TODAY, "Due today", "#fd7e14"),
    (Kind.DUE_SOON, "Due soon", "#2a6f97"),
]


@dataclass
class Row:
    """One line as the e-mail prints it, worked out once so the templates print plain strings."""

    body: str
    body_short: str
    number: str
    description: str
    due: str
    hint: str
    hint_capitalised: str
    meeting_date: str
    item: str
    colour: str
    link: str
    reference: str


class ReminderWriter:
    """Writes the reminder e-mails of one batch.

    A sweep writes tens of thousands of messages, and the template engine costs a few
    microseconds per variable printed and more per render. So the pieces of the templates
    are rendered once per batch with markers where the per-person parts go (the name, the
    sections, the lines, the signed link): the frame and each section heading once, and every
    action's line in one render for the whole batch (``prepare``). Each message is then put
    together from those pieces by string replacement. Markers are random, so no text in an
    action can be mistaken for one."""

    def __init__(self, today: dt.date, connection=None):
        self.today = today
        self.connection = connection
        marker = secrets.token_hex(8)
        self.name, self.sections, self.lines_marker, self.link, self.separator = (
            f"{part}-{marker}" for part in ("name", "sections", "lines", "link", "next")
        )
        text, html = "emails/action_reminder.txt", "emails/action_reminder.html"
        frame = {
            "person_name": self.name,
            "sections": self.sections,
            "today_full": ukdate(today, "full"),
            "my_actions_url": settings.SITE_URL + reverse("my_actions"),
            "profile_url": settings.SITE_URL + reverse("profile"),
        }
        self.frame = (get_template(text).render(frame), get_template(html).render(frame))
        self.partials = {
            name: (get_template(f"{text}#{name}"), get_template(f"{html}#{name}"))
            for name in ("lines", "section")
        }
        self.rendered: dict[tuple, tuple[str, str]] = {}

    def prepare(self, lines: list[Line]) -> None:
        """Render every line not rendered yet, text and HTML, in one pass each."""
        colours = {kind: colour for kind, _, colour in SECTION_ORDER}
        todo = {}
        for line in lines:
            key = ("line", line.action.pk, line.kind)
            if key not in self.rendered and key not in todo:
                todo[key] = self._row(line, colours[line.kind])
        if not todo:
            return
        context = {"lines": list(todo.values()), "separator": self.separator}
        text, html = (partial.render(context) for partial in self.partials["lines"])
        pieces = zip(text.split(self.separator), html.split(self.separator), strict=False)
        self.rendered.update(zip(todo, pieces, strict=False))

    def _row(self, line: Line, colour: str) -> Row:
        action = line.action
        hint = due_hint(action.due_date, self.today)
        return Row(
            body=action.body_name,
            body_short=action.body_short_name or action.body_name,
            number=str(action.number),
            description=action.description,
            due=ukdate(action.due_date),
            hint=hint,
            hint_capitalised=hint[:1].upper() + hint[1:],
            meeting_date=ukdate(action.meeting_date),
            item=f"{action.item_number} {action.item_title}" if action.item_title else "",
            colour=colour,
            link=self.link,
            reference=action.reference,
        )

    def _section(self, kind: str, label: str, count: int) -> tuple[str, str]:
        key = ("section", kind, count)
        if key not in self.rendered:
            section = {"kind": kind, "label": label, "heading": label.upper(), "count": count}
            context = {"section": {**section, "lines": self.lines_marker}}
            text, html = self.partials["section"]
            self.rendered[key] = (text.render(context), html.render(context))
        return self.rendered[key]

    def message(self, person: Person, lines: list[Line]) -> EmailMultiAlternatives:
        texts, htmls, counts = [], [], []
        for kind, label, _ in SECTION_ORDER:
            rows = sorted(
                (ln for ln in lines if ln.kind == kind),
                key=lambda ln: (ln.action.due_date, ln.action.pk),
            )
            if not rows:
                continue
            self.prepare(rows)
            line_texts, line_htmls = [], []
            for line in rows:
                text, html = self.rendered[("line", line.action.pk, line.kind)]
                link = link_url(action=line.action, person_id=person.pk)
                line_texts.append(text.replace(self.link, link))
                line_htmls.append(html.replace(self.link, link))
            text, html = self._section(kind, label, len(rows))
            texts.append(text.replace(self.lines_marker, "".join(line_texts)))
            htmls.append(html.replace(self.lines_marker, "".join(line_htmls)))
            counts.append(f"{len(rows)} {label.lower()}")
        name = person.display_name
        frame_text, frame_html = self.frame
        message = EmailMultiAlternatives(
            subject=f"Your actions: {', '.join(counts)}",
            body=frame_text.replace(self.name, name).replace(self.sections, "".join(texts)),
            to=[person.email],
            connection=self.connection,
        )
        html = frame_html.replace(self.name, escape(name)).replace(self.sections, "".join(htmls))
        message.attach_alternative(html, "text/html")
        return message
