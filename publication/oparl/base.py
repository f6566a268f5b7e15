"""The ground the OParl objects stand on: the request's view of the public record (``Api``),
``modified_since`` (``Window``), paged object lists (``Segment``, ``object_list``) and the small
helpers every object uses to write times and leave out empty properties."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from meetings import rules as meeting_rules
from meetings.publication import (
    LONDON,
    agenda_public_from,
    first_meeting_date_published_since,
    last_published_meeting_date,
)
from partners.models import Body

OPARL = "https://schema.oparl.org/1.1/"
MAX_PAGE = 100


class BadRequest(ValueError):
    """A list's parameters are wrong; the message says which and how."""


class NotFound(LookupError):
    """No such public object (or no such page of a list): the view answers 404."""


def one(qs, pk, render):
    """Object ``pk`` of ``qs`` (the public ones of its kind), rendered; NotFound if it is not
    among them."""
    found = qs.filter(pk=pk).first()
    if found is None:
        raise NotFound
    return render(found)


def iso(value: dt.datetime | None) -> str | None:
    """A moment as OParl writes it: London time, to the second, with its offset."""
    return value.astimezone(LONDON).isoformat(timespec="seconds") if value else None


def latest(*values):
    """The latest of the moments given, leaving out those that are unknown (None)."""
    present = [v for v in values if v is not None]
    return max(present) if present else None


def history_at(model, newest: bool = True, **lookups):
    """The first or last history row's time for the row(s) the lookups name (an OuterRef)."""
    order = "-history_date" if newest else "history_date"
    rows = model.history.filter(**lookups).order_by(order).values("history_date")[:1]
    return Subquery(rows)


def clean(data: dict) -> dict:
    """OParl leaves out a property that has no value rather than sending null, "" or []
    (``False`` and ``0`` are values and stay)."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}


@dataclass
class Window:
    """``modified_since`` and ``modified_until`` of a list request: objects whose ``modified``
    is at or after the one and at or before the other.

    An object's ``modified`` is the latest of several moments (its own changes, what is
    embedded in it, the moments it became public), so "modified since" is "any of them since"
    (``changed_q``) and "modified until" is "none of them after" (``unchanged_q``), which a query
    can ask. A list asked for a window also carries what left the public record in it
    (``gone.gone_segments``).
    """

    since: dt.datetime | None = None
    until: dt.datetime | None = None

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    @classmethod
    def from_query(cls, params) -> Window:
        since = _parse_time(params.get("modified_since"), "modified_since")
        until = _parse_time(params.get("modified_until"), "modified_until")
        if since and until and since > until:
            raise BadRequest("modified_since must not be later than modified_until")
        return cls(since=since, until=until)


def _parse_time(value: str | None, name: str) -> dt.datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        parsed = dt.datetime.combine(day, dt.time.min) if day else None
    if parsed is None:
        raise BadRequest(f"{name} must be a date-time such as 2026-11-09T13:00:00+00:00")
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=LONDON)


class Api:
    """One request's view of the public record: absolute URLs, the publishing bodies (read once)
    and when each began publishing."""

    def __init__(self, request, now: dt.datetime | None = None):
        self.request = request
        self.now = now or timezone.now()
        self.bodies = list(Body.objects.filter(publishes=True).order_by("pk"))
        self.body_ids = {b.pk for b in self.bodies}
        self.publishing_since = _publishing_since(self.bodies)

    def url(self, name: str, **kwargs) -> str:
        return self.request.build_absolute_uri(reverse(name, kwargs=kwargs or None))

    def body(self, pk: int) -> Body:
        found = next((b for b in self.bodies if b.pk == pk), None)
        if found is None:
            raise NotFound
        return found

    # "Became public at": the moments that make an object appear to a syncing client.

    def body_since(self, body_id: int) -> dt.datetime | None:
        return self.publishing_since.get(body_id)

    def bodies_published_since_q(self, window: Window, path: str) -> Q:
        ids = [pk for pk, at in self.publishing_since.items() if at and within(at, window)]
        return Q(**{f"{path}__in": ids})

    def agenda_since(self, meeting) -> dt.datetime | None:
        at = agenda_public_from(meeting)
        return at if at <= self.now else None

    def agendas_published_q(self, window: Window, meeting_path: str = "") -> Q:
        """Meetings whose agenda became public inside the window (and is public now)."""
        prefix = f"{meeting_path}__" if meeting_path else ""
        q = Q(pk__in=[])
        for body in self.bodies:
            days = body.agenda_notice_days
            bounds = {f"{prefix}body_id": body.pk}
            bounds[f"{prefix}date__lte"] = last_published_meeting_date(days, self.now)
            if window.since is not None:
                bounds[f"{prefix}date__gte"] = first_meeting_date_published_since(
                    days, window.since
                )
            q |= Q(**bounds)
        return q

    def public_agendas_q(self, meeting_path: str = "") -> Q:
        return meeting_rules.public_agenda_q(self.bodies, self.now, meeting_path)

    # "Not modified after": what ``until`` asks of the same moments.

    def bodies_public_by_q(self, window: Window, path: str) -> Q:
        """Rows of bodies that already published at ``until`` (a body that began later made
        everything of it public after ``until``)."""
        ids = [pk for pk, at in self.publishing_since.items() if at is None or at <= window.until]
        return Q(**{f"{path}__in": ids})

    def agendas_out_by_q(self, window: Window, meeting_path: str = "") -> Q:
        """Meetings whose agenda was already public at ``until``."""
        return meeting_rules.public_agenda_q(self.bodies, window.until, meeting_path)

    def agenda_not_since_q(self, window: Window, meeting_path: str = "") -> Q:
        """Meetings whose agenda did not become public after ``until``: not public now, or
        public already then."""
        return ~self.public_agendas_q(meeting_path) | self.agendas_out_by_q(window, meeting_path)


def within(value: dt.datetime, window: Window) -> bool:
    """Whether a moment falls inside the window (every moment does when it has no start)."""
    return window.since is None or value >= window.since


def changed_q(window: Window, *fields: str) -> Q:
    """Any of the fields (timestamps, or annotations of them) at or after ``since``."""
    q = Q(pk__in=[])
    for field in fields:
        q |= Q(**{f"{field}__gte": window.since})
    return q


def unchanged_q(window: Window, *fields: str) -> Q:
    """None of the fields (timestamps, or annotations of them) after ``until``."""
    q = Q()
    for field in fields:
        q &= Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": window.until})
    return q


def _publishing_since(bodies: list[Body]) -> dict[int, dt.datetime | None]:
    """When each body last began publishing, from its history rows (one query)."""
    since: dict[int, dt.datetime | None] = {b.pk: None for b in bodies}
    running: dict[int, bool] = {}
    rows = (
        Body.history.filter(id__in=list(since))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_date", "publishes")
    )
    for pk, when, publishes in rows:
        if publishes and not running.get(pk):
            since[pk] = when
        running[pk] = bool(publishes)
    return since


# Object lists ---------------------------------------------------------------------------------


@dataclass
class Segment:
    """One queryset of a list (a list may chain several kinds of row, e.g. File) and how to
    turn a page of its rows into OParl objects."""

    queryset: QuerySet
    render: Callable[[list], list[dict]]


def object_list(api: Api, segments: list[Segment], params) -> dict:
    """An OParl object list: ``data``, ``pagination`` and ``links`` (first, prev, next, last, self).
    One count per segment, then one query (and its prefetches) per segment on the page."""
    page = _positive_int(params.get("page"), "page", default=1)
    limit = min(_positive_int(params.get("limit"), "limit", default=MAX_PAGE), MAX_PAGE)
    counts = [segment.queryset.count() for segment in segments]
    total = sum(counts)
    pages = max(1, math.ceil(total / limit))
    if page > pages:
        raise NotFound
    start, end = (page - 1) * limit, page * limit
    data: list[dict] = []
    offset = 0
    for segment, count in zip(segments, counts, strict=True):
        lo, hi = max(start - offset, 0), min(end - offset, count)
        if lo < hi:
            data.extend(segment.render(list(segment.queryset[lo:hi])))
        offset += count

    def link(number: int) -> str:
        query = params.copy()
        query["page"] = str(number)
        return api.request.build_absolute_uri(api.request.path + "?" + query.urlencode())

    links = {"first": link(1), "last": link(pages), "self": link(page)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": limit,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    }


def _positive_int(value: str | None, name: str, *, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise BadRequest(f"{name} must be a whole number from 1")
    return number
