"""The open data API: the public record in the shape of OParl 1.1 (https://oparl.org/spezifikation/).

How Minutebook's record maps onto OParl's objects:

- **System**: this installation, the client's starting point (``/api/oparl/v1/system/``).
- **Body**: a body (board or group) that publishes its record.
- **Organization**: the body itself as the group that meets (key ``b<body>``), and each partner
  organisation represented on it (``b<body>-o<organisation>``), which memberships name as
  ``onBehalfOf``.
- **Person**: the body's members, and the people on the register of its signed minutes.
- **Membership**: a membership of the body, with its role and dates.
- **Meeting**: every meeting of the body (that it takes place is public). Its agenda items and the
  agenda as a PDF (``invitation``) are embedded once the agenda is public; the public version of
  the signed minutes (``resultsProtocol``) and who attended (``participant``) once signed.
- **AgendaItem**: an item of a public agenda. A confidential (exempt) item keeps its number and
  heading with ``public: false`` and nothing else: no papers, no decisions.
- **Paper** and **File**: the papers of public items, and the agenda and minutes PDFs.
- **Location**: where a meeting is held (its venue).

Lists are pages of at most 100 objects (``limit`` asks for fewer) in a stable order, filtered by
``modified_since``. An object's ``modified`` is the latest of its own changes (the history rows
every model keeps), of what is embedded in it, and of the moments it became public (the body began publishing; the agenda's publication day; the minutes' signing),
so a client that syncs with ``modified_since`` also learns of what became public since.
"""

from __future__ import annotations

import datetime as dt
import math
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Attendance, Decision, Meeting, Paper
from meetings.publication import (
    LONDON,
    agenda_public_from,
    first_meeting_date_published_since,
    last_published_meeting_date,
)
from meetings.text import plain_text
from partners.models import Body, Membership, Organisation, Person
from partners.templatetags.minutebook import ukdate

OPARL = "https://schema.oparl.org/1.1/"
MAX_PAGE = 100
PARTICIPANTS = (
    Attendance.Category.PRESENT,
    Attendance.Category.ALSO_PRESENT,
    Attendance.Category.IN_ATTENDANCE,
)


class BadRequest(ValueError):
    """A list's parameters are wrong; the message says which and how."""


class NotFound(LookupError):
    pass


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(LONDON).isoformat(timespec="seconds") if value else None


def _latest(*values):
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _history(model, newest: bool = True, **lookups):
    """The first or last history row's time for the row(s) the lookups name (an OuterRef)."""
    order = "-history_date" if newest else "history_date"
    rows = model.history.filter(**lookups).order_by(order).values("history_date")[:1]
    return Subquery(rows)


def _clean(data: dict) -> dict:
    """OParl leaves out a property that has no value rather than sending null, "" or []
    (``False`` and ``0`` are values and stay)."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}


@dataclass
class Window:
    """``modified_since`` of a list request: objects whose ``modified`` is at or after it.

    An object's ``modified`` is the latest of several moments, so "modified since" is "any of
    them since", which a query can ask. (``modified_until``, "all of them until", is not offered.)
    """

    since: dt.datetime | None = None

    @classmethod
    def from_query(cls, params) -> Window:
        return cls(since=_parse_time(params.get("modified_since"), "modified_since"))


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
        ids = [pk for pk, at in self.publishing_since.items() if at and _within(at, window)]
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


def _within(value: dt.datetime, window: Window) -> bool:
    return window.since is None or value >= window.since


def _changed_q(window: Window, *fields: str) -> Q:
    """Any of the fields (timestamps, or annotations of them) at or after ``since``."""
    q = Q(pk__in=[])
    for field in fields:
        q |= Q(**{f"{field}__gte": window.since})
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


# Object lists --------------------------------------------------------------------------------


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


# System and Body -----------------------------------------------------------------------------


def system(api: Api) -> dict:
    return _clean(
        {
            "id": api.url("oparl_system"),
            "type": OPARL + "System",
            "oparlVersion": OPARL,
            "body": api.url("oparl_body_list"),
            "name": "Minutebook: the public record of partnership meetings",
            "website": api.url("public_home"),
            "web": api.url("public_home"),
        }
    )


def _bodies(api: Api) -> QuerySet[Body]:
    return Body.objects.filter(pk__in=api.body_ids).annotate(
        h_created=_history(Body, newest=False, id=OuterRef("pk")),
        h_modified=_history(Body, id=OuterRef("pk")),
    )


def body_segments(api: Api, window: Window) -> list[Segment]:
    qs = _bodies(api).order_by("pk")
    if window.since:
        qs = qs.filter(
            _changed_q(window, "h_modified") | api.bodies_published_since_q(window, "pk")
        )
    return [Segment(qs, lambda rows: [body(api, b) for b in rows])]


def get_body(api: Api, pk: int) -> dict:
    found = _bodies(api).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return body(api, found)


def body(api: Api, b: Body) -> dict:
    since = api.body_since(b.pk)
    return _clean(
        {
            "id": api.url("oparl_body", pk=b.pk),
            "type": OPARL + "Body",
            "system": api.url("oparl_system"),
            "name": b.name,
            "shortName": b.short_name,
            "classification": "Partnership body",
            "oparlSince": _iso(since),
            "organization": api.url("oparl_body_organizations", pk=b.pk),
            "person": api.url("oparl_body_people", pk=b.pk),
            "meeting": api.url("oparl_body_meetings", pk=b.pk),
            "paper": api.url("oparl_body_papers", pk=b.pk),
            "agendaItem": api.url("oparl_body_agenda_items", pk=b.pk),
            "file": api.url("oparl_body_files", pk=b.pk),
            "membership": api.url("oparl_body_memberships", pk=b.pk),
            "legislativeTerm": [],
            "web": api.url("public_body", slug=b.slug),
            "created": _iso(b.h_created),
            "modified": _iso(_latest(b.h_modified, since)),
        }
    ) | {"legislativeTerm": []}


# Organization --------------------------------------------------------------------------------


def board_key(body_id: int) -> str:
    return f"b{body_id}"


def partner_key(body_id: int, organisation_id: int) -> str:
    return f"b{body_id}-o{organisation_id}"


def _partners_of(body_id: int) -> QuerySet[Organisation]:
    """Organisations represented on the body: a membership's own, else its person's."""
    memberships = Membership.objects.filter(body_id=body_id)
    represented = Q(pk__in=memberships.values("organisation_id")) | Q(
        pk__in=memberships.filter(organisation__isnull=True).values("person__organisation_id")
    )
    return Organisation.objects.filter(represented).annotate(
        h_created=_history(Organisation, newest=False, id=OuterRef("pk")),
        h_modified=_history(Organisation, id=OuterRef("pk")),
    )


def organization_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    boards = _bodies(api).filter(pk=b.pk)
    partners = _partners_of(b.pk).order_by("pk")
    if window.since:
        boards = boards.filter(
            _changed_q(window, "h_modified") | api.bodies_published_since_q(window, "pk")
        )
        since = api.body_since(b.pk)
        if since is None or not _within(since, window):
            partners = partners.filter(_changed_q(window, "h_modified"))
    return [
        Segment(boards, lambda rows: [board(api, x) for x in rows]),
        Segment(partners, lambda rows: _partner_objects(api, b, rows)),
    ]


def get_organization(api: Api, key: str) -> dict:
    body_part, _, org_part = key.partition("-")
    if not body_part.startswith("b") or not body_part[1:].isdigit():
        raise NotFound
    b = api.body(int(body_part[1:]))
    if not org_part:
        return board(api, _bodies(api).get(pk=b.pk))
    if not org_part.startswith("o") or not org_part[1:].isdigit():
        raise NotFound
    found = _partners_of(b.pk).filter(pk=int(org_part[1:])).first()
    if found is None:
        raise NotFound
    return _partner_objects(api, b, [found])[0]


def board(api: Api, b: Body) -> dict:
    members = Membership.objects.filter(body_id=b.pk).order_by("pk").values_list("pk", flat=True)
    parent = b.parent_id if b.parent_id in api.body_ids else None
    return _clean(
        {
            "id": api.url("oparl_organization", key=board_key(b.pk)),
            "type": OPARL + "Organization",
            "body": api.url("oparl_body", pk=b.pk),
            "name": b.name,
            "shortName": b.short_name,
            "organizationType": "Gremium",
            "classification": "Partnership board",
            "membership": [api.url("oparl_membership", pk=pk) for pk in members],
            "meeting": api.url("oparl_body_meetings", pk=b.pk),
            "subOrganizationOf": api.url("oparl_organization", key=board_key(parent))
            if parent
            else None,
            "web": api.url("public_body", slug=b.slug),
            "created": _iso(b.h_created),
            "modified": _iso(_latest(b.h_modified, api.body_since(b.pk))),
        }
    )


def _partner_objects(api: Api, b: Body, organisations: list[Organisation]) -> list[dict]:
    ids = [o.pk for o in organisations]
    on_behalf: dict[int, list[int]] = {}
    rows = (
        Membership.objects.filter(body_id=b.pk)
        .filter(
            Q(organisation_id__in=ids)
            | Q(organisation__isnull=True, person__organisation_id__in=ids)
        )
        .order_by("pk")
        .values_list("pk", "organisation_id", "person__organisation_id")
    )
    for pk, own, persons in rows:
        on_behalf.setdefault(own or persons, []).append(pk)
    return [
        _clean(
            {
                "id": api.url("oparl_organization", key=partner_key(b.pk, o.pk)),
                "type": OPARL + "Organization",
                "body": api.url("oparl_body", pk=b.pk),
                "name": o.name,
                "shortName": o.acronym,
                "organizationType": "Partner organisation",
                "classification": o.get_sector_display(),
                "membership": [
                    api.url("oparl_membership", pk=pk) for pk in on_behalf.get(o.pk, [])
                ],
                "created": _iso(o.h_created),
                "modified": _iso(_latest(o.h_modified, api.body_since(b.pk))),
            }
        )
        for o in organisations
    ]


# Membership and Person -----------------------------------------------------------------------


def _memberships(api: Api) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(body_id__in=api.body_ids)
        .select_related("person__organisation", "organisation")
        .annotate(
            h_created=_history(Membership, newest=False, id=OuterRef("pk")),
            h_modified=_history(Membership, id=OuterRef("pk")),
        )
    )


def membership_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = _memberships(api).filter(body_id=b.pk).order_by("pk")
    if window.since:
        qs = qs.filter(
            _changed_q(window, "h_modified") | api.bodies_published_since_q(window, "body_id")
        )
    return [Segment(qs, lambda rows: [membership(api, m) for m in rows])]


def get_membership(api: Api, pk: int) -> dict:
    found = _memberships(api).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return membership(api, found)


def membership(api: Api, m: Membership, *, embedded: bool = False) -> dict:
    org_id = m.organisation_id or m.person.organisation_id
    return _clean(
        {
            "id": api.url("oparl_membership", pk=m.pk),
            "type": OPARL + "Membership",
            "person": None if embedded else api.url("oparl_person", pk=m.person_id),
            "organization": api.url("oparl_organization", key=board_key(m.body_id)),
            "role": m.get_role_display(),
            "onBehalfOf": api.url("oparl_organization", key=partner_key(m.body_id, org_id))
            if org_id
            else None,
            "startDate": m.start_date.isoformat() if m.start_date else None,
            "endDate": m.end_date.isoformat() if m.end_date else None,
            "created": _iso(m.h_created),
            "modified": _iso(_latest(m.h_modified, api.body_since(m.body_id))),
        }
    )


def _signed_attendance(body_ids) -> QuerySet[Attendance]:
    return Attendance.objects.filter(meeting__body_id__in=body_ids).filter(
        meeting_rules.public_minutes_q("meeting")
    )


def _people(api: Api, body_ids) -> QuerySet[Person]:
    """Members of the bodies, and people on the register of their signed minutes."""
    body_ids = list(body_ids)
    public = Q(pk__in=Membership.objects.filter(body_id__in=body_ids).values("person_id")) | Q(
        pk__in=_signed_attendance(body_ids).values("person_id")
    )
    return Person.objects.filter(public).annotate(
        h_created=_history(Person, newest=False, id=OuterRef("pk")),
        h_modified=_history(Person, id=OuterRef("pk")),
        m_modified=_history(Membership, person_id=OuterRef("pk"), body_id__in=list(api.body_ids)),
        signed=Subquery(
            _signed_attendance(api.body_ids)
            .filter(person_id=OuterRef("pk"))
            .order_by("-meeting__signed_at")
            .values("meeting__signed_at")[:1]
        ),
    )


def person_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = _people(api, [b.pk]).order_by("pk")
    if window.since:
        since_bodies = [pk for pk, at in api.publishing_since.items() if at and _within(at, window)]
        qs = qs.filter(
            _changed_q(window, "h_modified", "m_modified", "signed")
            | Q(pk__in=Membership.objects.filter(body_id__in=since_bodies).values("person_id"))
            | Q(pk__in=_signed_attendance(since_bodies).values("person_id"))
        )
    return [Segment(qs, lambda rows: _person_objects(api, rows))]


def get_person(api: Api, pk: int) -> dict:
    found = _people(api, api.body_ids).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return _person_objects(api, [found])[0]


def _person_objects(api: Api, people: list[Person]) -> list[dict]:
    """People with their memberships of publishing bodies embedded: two queries a page."""
    ids = [p.pk for p in people]
    memberships: dict[int, list[Membership]] = {}
    for m in _memberships(api).filter(person_id__in=ids).order_by("body_id", "pk"):
        memberships.setdefault(m.person_id, []).append(m)
    attended: dict[int, set[int]] = {}
    rows = _signed_attendance(api.body_ids).filter(person_id__in=ids)
    for person_id, body_id in rows.values_list("person_id", "meeting__body_id").distinct():
        attended.setdefault(person_id, set()).add(body_id)
    out = []
    for p in people:
        own = memberships.get(p.pk, [])
        bodies = [m.body_id for m in own] or sorted(attended.get(p.pk, set()))
        bodies_since = [api.body_since(pk) for pk in {*bodies, *attended.get(p.pk, set())}]
        out.append(
            _clean(
                {
                    "id": api.url("oparl_person", pk=p.pk),
                    "type": OPARL + "Person",
                    "body": api.url("oparl_body", pk=bodies[0]),
                    "name": p.display_name,
                    "title": [p.honorific] if p.honorific else [],
                    "status": [p.job_title] if p.job_title else [],
                    "membership": [membership(api, m, embedded=True) for m in own],
                    "created": _iso(p.h_created),
                    "modified": _iso(_latest(p.h_modified, p.m_modified, p.signed, *bodies_since)),
                }
            )
        )
    return out


# Meeting, AgendaItem, Paper, File, Location --------------------------------------------------


def _item_queryset() -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.annotate(
            h_created=_history(AgendaItem, newest=False, id=OuterRef("pk")),
            h_modified=_history(AgendaItem, id=OuterRef("pk")),
            papers_modified=Max("papers__uploaded_at"),
        )
        .prefetch_related(
            Prefetch("papers", queryset=Paper.objects.order_by("position", "pk")),
            Prefetch("decisions", queryset=Decision.objects.order_by("position", "pk")),
        )
        .order_by("position", "pk")
    )


def _meetings(api: Api) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body_id__in=api.body_ids)
        .select_related("body", "joint_body")
        .annotate(
            items_modified=_history(AgendaItem, meeting_id=OuterRef("pk")),
            papers_modified=Subquery(
                Paper.objects.filter(item__meeting_id=OuterRef("pk"))
                .order_by("-uploaded_at")
                .values("uploaded_at")[:1]
            ),
        )
        .prefetch_related(
            Prefetch("items", queryset=_item_queryset()),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(category__in=PARTICIPANTS).order_by(
                    "position", "pk"
                ),
                to_attr="participants",
            ),
        )
    )


def _meeting_window_q(api: Api, window: Window, path: str = "") -> Q:
    prefix = f"{path}__" if path else ""
    return (
        _changed_q(
            window,
            *(prefix + f for f in ("updated_at", "items_modified", "papers_modified", "signed_at")),
        )
        | api.agendas_published_q(window, path)
        | api.bodies_published_since_q(window, prefix + "body_id")
    )


def meeting_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = _meetings(api).filter(body_id=b.pk).order_by("date", "start_time", "pk")
    if window.since:
        qs = qs.filter(_meeting_window_q(api, window))
    return [Segment(qs, lambda rows: [meeting(api, m) for m in rows])]


def get_meeting(api: Api, pk: int) -> dict:
    found = _meetings(api).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return meeting(api, found)


def _meeting_modified(api: Api, m: Meeting) -> dt.datetime | None:
    return _latest(
        m.updated_at,
        m.items_modified,
        m.papers_modified,
        m.signed_at,
        api.agenda_since(m),
        api.body_since(m.body_id),
    )


def _start(m: Meeting) -> dt.datetime | None:
    if m.start_time is None:
        return None
    return dt.datetime.combine(m.date, m.start_time, tzinfo=LONDON)


def _end(m: Meeting) -> dt.datetime | None:
    if m.start_time is None or m.end_time is None:
        return None
    return dt.datetime.combine(m.date, m.end_time, tzinfo=LONDON)


def _state(api: Api, m: Meeting, agenda_public: bool) -> str:
    if meeting_rules.public_may_read_minutes(m):
        return "minutes signed"
    if m.date < api.now.astimezone(LONDON).date():
        return "held"
    return "agenda published" if agenda_public else "scheduled"


def meeting(api: Api, m: Meeting) -> dict:
    agenda_public = meeting_rules.public_may_see_agenda(m, api.now)
    signed = meeting_rules.public_may_read_minutes(m)
    organizations = [api.url("oparl_organization", key=board_key(m.body_id))]
    if m.joint_body_id in api.body_ids:
        organizations.append(api.url("oparl_organization", key=board_key(m.joint_body_id)))
    items = list(m.items.all()) if agenda_public else []
    orders = _tree_order((i.pk, m.pk, i.parent_id, i.position) for i in items)
    items.sort(key=lambda i: orders[i.pk])
    return _clean(
        {
            "id": api.url("oparl_meeting", pk=m.pk),
            "type": OPARL + "Meeting",
            "name": f"{m.body.name}: {m.heading}, {ukdate(m.date)}",
            "meetingState": _state(api, m, agenda_public),
            "cancelled": False,
            "start": _iso(_start(m)),
            "end": _iso(_end(m)),
            "location": location(api, m) if m.venue else None,
            "organization": organizations,
            "participant": [api.url("oparl_person", pk=a.person_id) for a in m.participants]
            if signed
            else [],
            "invitation": agenda_file(api, m) if agenda_public else None,
            "resultsProtocol": minutes_file(api, m) if signed else None,
            "agendaItem": [
                agenda_item(api, i, m, order=orders[i.pk], embedded=True) for i in items
            ],
            "web": api.url("public_meeting", pk=m.pk),
            "created": _iso(m.created_at),
            "modified": _iso(_meeting_modified(api, m)),
        }
    )


def location(api: Api, m: Meeting) -> dict:
    return {
        "id": api.url("oparl_location", pk=m.pk),
        "type": OPARL + "Location",
        "description": m.venue,
        "meetings": [api.url("oparl_meeting", pk=m.pk)],
        "modified": _iso(_latest(m.updated_at, api.body_since(m.body_id))),
    }


def get_location(api: Api, pk: int) -> dict:
    found = Meeting.objects.filter(body_id__in=api.body_ids, pk=pk).exclude(venue="").first()
    if found is None:
        raise NotFound
    return location(api, found)


def _tree_order(rows) -> dict[int, int]:
    """Item pk -> its place in the printed agenda (1, 2, ...): parents before their sub-items,
    siblings by position. ``rows``: (pk, meeting_id, parent_id, position) of whole meetings."""
    children: dict[tuple[int, int | None], list[tuple[int, int]]] = {}
    for pk, meeting_id, parent_id, position in rows:
        children.setdefault((meeting_id, parent_id), []).append((position, pk))
    order: dict[int, int] = {}
    for meeting_id in {key[0] for key in children}:
        stack = sorted(children.get((meeting_id, None), []), reverse=True)
        place = 0
        while stack:
            _, pk = stack.pop()
            place += 1
            order[pk] = place
            stack.extend(sorted(children.get((meeting_id, pk), []), reverse=True))
    return order


def _orders_for(meeting_ids) -> dict[int, int]:
    rows = AgendaItem.objects.filter(meeting_id__in=list(meeting_ids)).values_list(
        "pk", "meeting_id", "parent_id", "position"
    )
    return _tree_order(rows)


def _items(api: Api) -> QuerySet[AgendaItem]:
    return _item_queryset().filter(api.public_agendas_q("meeting")).select_related("meeting__body")


def agenda_item_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = (
        _items(api)
        .filter(meeting__body_id=b.pk)
        .order_by("meeting__date", "meeting_id", "position", "pk")
    )
    if window.since:
        qs = qs.filter(
            _changed_q(window, "h_modified", "papers_modified", "meeting__signed_at")
            | api.agendas_published_q(window, "meeting")
            | api.bodies_published_since_q(window, "meeting__body_id")
        )
    return [Segment(qs, lambda rows: _agenda_item_objects(api, rows))]


def _agenda_item_objects(api: Api, items: list[AgendaItem]) -> list[dict]:
    orders = _orders_for({i.meeting_id for i in items})
    return [agenda_item(api, i, i.meeting, order=orders[i.pk]) for i in items]


def get_agenda_item(api: Api, pk: int) -> dict:
    found = _items(api).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return _agenda_item_objects(api, [found])[0]


def agenda_item(
    api: Api, item: AgendaItem, m: Meeting, *, order: int, embedded: bool = False
) -> dict:
    """An item of a public agenda. An exempt one: number, heading, ``public: false``, no more."""
    open_item = not item.confidential
    decisions = list(item.decisions.all()) if open_item and m.is_signed else []
    papers = [p for p in item.papers.all() if p.file] if open_item else []
    return _clean(
        {
            "id": api.url("oparl_agenda_item", pk=item.pk),
            "type": OPARL + "AgendaItem",
            "meeting": None if embedded else api.url("oparl_meeting", pk=m.pk),
            "number": item.number,
            "order": order,
            "name": item.title,
            "public": open_item,
            "result": ", ".join(dict.fromkeys(d.get_verb_display() for d in decisions)),
            "resolutionText": "\n\n".join(
                f"{d.get_verb_display()}: {plain_text(d.text)}" for d in decisions
            ),
            "auxiliaryFile": [paper_file(api, p, item, m) for p in papers],
            "keyword": [] if open_item else ["exempt"],
            "web": api.url("public_meeting", pk=m.pk) + f"#item-{item.pk}",
            "created": _iso(item.h_created),
            "modified": _iso(
                _latest(
                    item.h_modified,
                    item.papers_modified,
                    m.signed_at if m.is_signed else None,
                    api.agenda_since(m),
                    api.body_since(m.body_id),
                )
            ),
        }
    )


def _papers(api: Api) -> QuerySet[Paper]:
    return (
        Paper.objects.filter(api.public_agendas_q("item__meeting"))
        .filter(meeting_rules.public_items_q("item"))
        .select_related("item__meeting__body")
    )


def _paper_window_q(api: Api, window: Window) -> Q:
    return (
        _changed_q(window, "uploaded_at")
        | api.agendas_published_q(window, "item__meeting")
        | api.bodies_published_since_q(window, "item__meeting__body_id")
    )


def paper_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = _papers(api).filter(item__meeting__body_id=b.pk).order_by("pk")
    if window.since:
        qs = qs.filter(_paper_window_q(api, window))
    return [Segment(qs, lambda rows: [paper(api, p) for p in rows])]


def get_paper(api: Api, pk: int) -> dict:
    found = _papers(api).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return paper(api, found)


def _paper_modified(api: Api, p: Paper) -> dt.datetime | None:
    m = p.item.meeting
    return _latest(p.uploaded_at, api.agenda_since(m), api.body_since(m.body_id))


def paper(api: Api, p: Paper) -> dict:
    item, m = p.item, p.item.meeting
    return _clean(
        {
            "id": api.url("oparl_paper", pk=p.pk),
            "type": OPARL + "Paper",
            "body": api.url("oparl_body", pk=m.body_id),
            "name": p.title or p.reference or p.original_name,
            "reference": p.reference,
            "date": timezone.localtime(p.uploaded_at).date().isoformat(),
            "paperType": "Paper",
            "mainFile": paper_file(api, p, item, m) if p.file else None,
            "web": api.url("public_meeting", pk=m.pk) + f"#item-{item.pk}",
            "created": _iso(p.uploaded_at),
            "modified": _iso(_paper_modified(api, p)),
        }
    )


def _file_name(p: Paper) -> str:
    return p.original_name or Path(p.file.name).name


def paper_file(api: Api, p: Paper, item: AgendaItem, m: Meeting) -> dict:
    name = _file_name(p)
    download = api.url("public_paper_download", pk=p.pk)
    return _clean(
        {
            "id": api.url("oparl_file", key=f"paper-{p.pk}"),
            "type": OPARL + "File",
            "name": p.title or p.reference or name,
            "fileName": name,
            "mimeType": mimetypes.guess_type(name)[0] or "application/octet-stream",
            "date": timezone.localtime(p.uploaded_at).date().isoformat(),
            "size": p.size or None,
            "accessUrl": download,
            "downloadUrl": download,
            "meeting": [api.url("oparl_meeting", pk=m.pk)],
            "agendaItem": [api.url("oparl_agenda_item", pk=item.pk)],
            "paper": [api.url("oparl_paper", pk=p.pk)],
            "created": _iso(p.uploaded_at),
            "modified": _iso(
                _latest(p.uploaded_at, api.agenda_since(m), api.body_since(m.body_id))
            ),
        }
    )


def _document_name(m: Meeting, suffix: str) -> str:
    return f"{slugify(m.body.short_name or m.body.name)}-{m.date:%Y-%m-%d}-{suffix}"


def agenda_file(api: Api, m: Meeting) -> dict:
    url = api.url("public_agenda_pdf", pk=m.pk)
    return _clean(
        {
            "id": api.url("oparl_file", key=f"agenda-{m.pk}"),
            "type": OPARL + "File",
            "name": "Agenda",
            "fileName": _document_name(m, "agenda.pdf"),
            "mimeType": "application/pdf",
            "accessUrl": url,
            "downloadUrl": url,
            "meeting": [api.url("oparl_meeting", pk=m.pk)],
            "modified": _iso(_meeting_modified(api, m)),
        }
    )


def minutes_file(api: Api, m: Meeting) -> dict:
    url = api.url("public_minutes_pdf", pk=m.pk)
    return _clean(
        {
            "id": api.url("oparl_file", key=f"minutes-{m.pk}"),
            "type": OPARL + "File",
            "name": f"{m.body.minutes_title} (public version)",
            "fileName": _document_name(m, "minutes.pdf"),
            "mimeType": "application/pdf",
            "date": timezone.localtime(m.signed_at).date().isoformat(),
            "accessUrl": url,
            "downloadUrl": url,
            "meeting": [api.url("oparl_meeting", pk=m.pk)],
            "created": _iso(m.signed_at),
            "modified": _iso(_latest(m.signed_at, api.body_since(m.body_id))),
        }
    )


def _paper_files(api: Api) -> QuerySet[Paper]:
    return _papers(api).exclude(file="")


def _agenda_files(api: Api) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(api.public_agendas_q())
        .select_related("body")
        .annotate(
            items_modified=_history(AgendaItem, meeting_id=OuterRef("pk")),
            papers_modified=Subquery(
                Paper.objects.filter(item__meeting_id=OuterRef("pk"))
                .order_by("-uploaded_at")
                .values("uploaded_at")[:1]
            ),
        )
    )


def _minutes_files(api: Api) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body_id__in=api.body_ids)
        .filter(meeting_rules.public_minutes_q())
        .select_related("body")
    )


def file_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    papers = _paper_files(api).filter(item__meeting__body_id=b.pk).order_by("pk")
    agendas = _agenda_files(api).filter(body_id=b.pk).order_by("date", "pk")
    minutes = _minutes_files(api).filter(body_id=b.pk).order_by("date", "pk")
    if window.since:
        papers = papers.filter(_paper_window_q(api, window))
        agendas = agendas.filter(_meeting_window_q(api, window))
        minutes = minutes.filter(
            _changed_q(window, "signed_at") | api.bodies_published_since_q(window, "body_id")
        )
    return [
        Segment(papers, lambda rows: [paper_file(api, p, p.item, p.item.meeting) for p in rows]),
        Segment(agendas, lambda rows: [agenda_file(api, m) for m in rows]),
        Segment(minutes, lambda rows: [minutes_file(api, m) for m in rows]),
    ]


def get_file(api: Api, key: str) -> dict:
    kind, _, number = key.partition("-")
    if not number.isdigit():
        raise NotFound
    pk = int(number)
    if kind == "paper":
        p = _paper_files(api).filter(pk=pk).first()
        if p is not None:
            return paper_file(api, p, p.item, p.item.meeting)
    elif kind == "agenda":
        m = _agenda_files(api).filter(pk=pk).first()
        if m is not None:
            return agenda_file(api, m)
    elif kind == "minutes":
        m = _minutes_files(api).filter(pk=pk).first()
        if m is not None:
            return minutes_file(api, m)
    raise NotFound
