"""Search of the public record: meetings, agenda items, papers, decisions and the text of signed
minutes, of bodies that publish, and only their public parts.

Every word must match somewhere in a result (case-insensitive containment): plain, the same on
PostgreSQL and SQLite (``make run``), and enough for a partnership's record. Each kind of result
asks the same public rules as the pages (``meetings.rules.public_*``) as query filters, so a
confidential item's minutes, decisions and papers, and draft minutes, are never searched at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Decision, Meeting, Paper
from meetings.text import plain_text
from partners.models import Body

MAX_WORDS = 8
PER_KIND = 20
SNIPPET = 240


@dataclass
class Hit:
    meeting: Meeting
    title: str
    text: str = ""
    anchor: str = ""
    tab: str = "agenda"


@dataclass
class Group:
    key: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Results:
    query: str
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


def _words(query: str) -> list[str]:
    return [w for w in query.split() if len(w) > 1][:MAX_WORDS]


def _all_words(words: list[str], fields: list[str]) -> Q:
    q = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        q &= any_field
    return q


def _snippet(text: str, words: list[str]) -> str:
    text = " ".join(plain_text(text).split())
    lower = text.lower()
    at = min((lower.find(w.lower()) for w in words if w.lower() in lower), default=0)
    start = max(at - 60, 0)
    cut = text[start : start + SNIPPET]
    return ("…" if start else "") + cut + ("…" if start + SNIPPET < len(text) else "")


def search(query: str, bodies: list[Body], now: dt.datetime | None = None) -> Results:
    """Matches among the public record of ``bodies`` (bodies that publish), newest first, up to
    ``PER_KIND`` of each kind with the full count. Ten queries whatever the record holds."""
    now = now or timezone.now()
    words = _words(query)
    results = Results(query=query)
    if not words:
        return results
    agendas = meeting_rules.public_agenda_q(bodies, now, "meeting")
    minutes = meeting_rules.public_minutes_q("meeting")
    open_items = meeting_rules.public_items_q()

    meetings = Meeting.objects.filter(meeting_rules.public_agenda_q(bodies, now)).filter(
        _all_words(words, ["title", "venue", "body__name", "body__short_name"])
    )
    items = AgendaItem.objects.filter(agendas).filter(_all_words(words, ["title"]))
    papers = Paper.objects.filter(meeting_rules.public_agenda_q(bodies, now, "item__meeting"))
    papers = papers.filter(meeting_rules.public_items_q("item")).filter(
        _all_words(words, ["reference", "title", "original_name"])
    )
    decisions = (
        Decision.objects.filter(meeting_rules.public_minutes_q("item__meeting"))
        .filter(meeting_rules.public_items_q("item"))
        .filter(item__meeting__body__in=bodies)
        .filter(_all_words(words, ["text"]))
    )
    minutes_text = (
        AgendaItem.objects.filter(minutes, open_items, meeting__body__in=bodies)
        .exclude(minutes="")
        .filter(_all_words(words, ["minutes"]))
    )
    results.groups = [
        _group("meetings", "Meetings", meetings.select_related("body"), _meeting_hit, words),
        _group("items", "Agenda items", _items(items), _item_hit, words),
        _group("papers", "Papers", _papers(papers), _paper_hit, words),
        _group("decisions", "Decisions", _decisions(decisions), _decision_hit, words),
        _group("minutes", "Minutes", _items(minutes_text), _minutes_hit, words),
    ]
    return results


def _items(qs: QuerySet) -> QuerySet:
    return qs.select_related("meeting__body").order_by("-meeting__date", "position", "pk")


def _papers(qs: QuerySet) -> QuerySet:
    return qs.select_related("item__meeting__body").order_by("-item__meeting__date", "pk")


def _decisions(qs: QuerySet) -> QuerySet:
    return qs.select_related("item__meeting__body").order_by(
        "-item__meeting__date", "item__position", "position", "pk"
    )


def _group(key, label, queryset, make_hit, words) -> Group:
    if key == "meetings":
        queryset = queryset.order_by("-date", "-start_time", "-pk")
    return Group(
        key=key,
        label=label,
        count=queryset.count(),
        hits=[make_hit(row, words) for row in queryset[:PER_KIND]],
    )


def _meeting_hit(meeting: Meeting, words) -> Hit:
    return Hit(meeting=meeting, title=meeting.heading, text=meeting.venue)


def _item_hit(item: AgendaItem, words) -> Hit:
    title = item.title if not item.confidential else f"{item.title} (exempt)"
    return Hit(
        meeting=item.meeting, title=f"{item.number} {title}".strip(), anchor=f"item-{item.pk}"
    )


def _paper_hit(paper: Paper, words) -> Hit:
    item = paper.item
    name = paper.reference or paper.title or paper.original_name
    detail = paper.title if paper.reference and paper.title else ""
    return Hit(
        meeting=item.meeting,
        title=name,
        text=f"{detail} · item {item.number} {item.title}".strip(" ·"),
        anchor=f"item-{item.pk}",
    )


def _decision_hit(decision: Decision, words) -> Hit:
    item = decision.item
    return Hit(
        meeting=item.meeting,
        title=f"{decision.get_verb_display()}: item {item.number} {item.title}",
        text=_snippet(decision.text, words),
        anchor=f"item-{item.pk}",
        tab="minutes",
    )


def _minutes_hit(item: AgendaItem, words) -> Hit:
    return Hit(
        meeting=item.meeting,
        title=f"{item.number} {item.title}".strip(),
        text=_snippet(item.minutes, words),
        anchor=f"item-{item.pk}",
        tab="minutes",
    )
