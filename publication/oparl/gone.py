"""Objects that left the public record, for clients that sync (OParl 1.1, "Gelöschte Objekte").

A client keeps its own copy of the public record and asks each list only for what changed since
it last looked (``modified_since``). It must also learn what is gone: a meeting deleted, an
agenda taken back (its meeting moved to a day whose agenda is not out yet), an item deleted, a
paper removed or its item made exempt, a membership deleted, a body that stops publishing. Each
such object becomes a ``publication.Tombstone``, and:

- a list asked with ``modified_since`` or ``modified_until`` carries the tombstones of its kind
  and body that fall in that window, as ``{"id", "type", "created", "modified", "deleted": true}``
  (``modified``: when it went), after the objects that are still there;
- the object's own URL answers the same, not 404 (OParl: a deleted object must not simply
  answer 404 or 410); for a body that stopped publishing, its lists answer with its tombstones;
- its meeting's and item's ``modified`` move on to that moment, so a client reading meetings
  with their embedded items sees them change too.

An object that comes back (the body publishes again, the agenda is out again) is public again:
its tombstone is no longer shown.

What a write may take out of the public record is read just before it and again just after, in
the same transaction (``scope_rows``, asked by ``publication.signals`` on the models' save and
delete signals); what was there before and is not after becomes a tombstone (``record``). Only
objects that were public are ever recorded, so a tombstone never tells of an exempt item's
papers or an unpublished body's meetings. ``QuerySet.update()`` sends no signal: the one the
services use to take things out of the record (sub-items marked confidential with their parent)
is covered by reading an exempt item's sub-items as exempt too, as the rules do.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    CharField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Meeting, Paper
from partners.models import Body, Membership

from ..models import Tombstone
from . import organisations
from .base import OPARL, Api, NotFound, Segment, Window, history_at, iso

Kind = Tombstone.Kind

# Where each kind's object lives: the URL name and the name of its key in the URL.
URLS = {
    Kind.BODY: ("oparl_body", "pk"),
    Kind.ORGANIZATION: ("oparl_organization", "key"),
    Kind.PERSON: ("oparl_person", "pk"),
    Kind.MEMBERSHIP: ("oparl_membership", "pk"),
    Kind.MEETING: ("oparl_meeting", "pk"),
    Kind.LOCATION: ("oparl_location", "pk"),
    Kind.AGENDA_ITEM: ("oparl_agenda_item", "pk"),
    Kind.PAPER: ("oparl_paper", "pk"),
    Kind.FILE: ("oparl_file", "key"),
}

# (body id, kind, key) -> (meeting id, item id, created)
Rows = dict[tuple[int, str, str], tuple[int | None, int | None, dt.datetime | None]]


# What is public now, as rows with their tombstone's key --------------------------------------


def _text(field: str):
    return Cast(field, output_field=CharField())


def _keyed(qs, kind: str, key, body, meeting=None, item=None, created=None):
    """``qs`` annotated with what a tombstone of it holds (``gone_key``, ``gone_body``...)."""
    none_id, none_time = Value(None, IntegerField()), Value(None, DateTimeField())
    return (
        kind,
        qs.annotate(
            gone_key=key,
            gone_body=body,
            gone_meeting=meeting if meeting is not None else none_id,
            gone_item=item if item is not None else none_id,
            gone_created=created if created is not None else none_time,
        ),
    )


def _meeting_sources(api: Api, where: Q) -> list:
    meetings = Meeting.objects.filter(where, body_id__in=api.body_ids)
    pk, body = F("pk"), F("body_id")
    return [
        _keyed(meetings, Kind.MEETING, _text("pk"), body, pk, created=F("created_at")),
        _keyed(meetings.exclude(venue=""), Kind.LOCATION, _text("pk"), body, pk),
        _keyed(
            meetings.filter(api.public_agendas_q()),
            Kind.FILE,
            Concat(Value("agenda-"), _text("pk")),
            body,
            pk,
        ),
        _keyed(
            meetings.filter(meeting_rules.public_minutes_q()),
            Kind.FILE,
            Concat(Value("minutes-"), _text("pk")),
            body,
            pk,
            created=F("signed_at"),
        ),
    ]


def _item_sources(api: Api, where: Q) -> list:
    items = AgendaItem.objects.filter(where).filter(api.public_agendas_q("meeting"))
    created = history_at(AgendaItem, newest=False, id=OuterRef("pk"))
    return [
        _keyed(
            items,
            Kind.AGENDA_ITEM,
            _text("pk"),
            F("meeting__body_id"),
            F("meeting_id"),
            created=created,
        )
    ]


def _paper_sources(api: Api, where: Q) -> list:
    papers = (
        Paper.objects.filter(where)
        .filter(api.public_agendas_q("item__meeting"))
        .filter(meeting_rules.public_items_q("item"))
    )
    body, meeting, item = F("item__meeting__body_id"), F("item__meeting_id"), F("item_id")
    created = F("uploaded_at")
    return [
        _keyed(papers, Kind.PAPER, _text("pk"), body, meeting, item, created),
        _keyed(
            papers.exclude(file=""),
            Kind.FILE,
            Concat(Value("paper-"), _text("pk")),
            body,
            meeting,
            item,
            created,
        ),
    ]


def _people_sources(api: Api, body_id: int) -> list:
    if body_id not in api.body_ids:
        return []
    body = Value(body_id, IntegerField())
    memberships = Membership.objects.filter(body_id=body_id)
    return [
        _keyed(
            organisations._partners_of(body_id),
            Kind.ORGANIZATION,
            Concat(Value(f"b{body_id}-o"), _text("pk")),
            body,
            created=F("h_created"),
        ),
        _keyed(
            organisations._people(api, [body_id]),
            Kind.PERSON,
            _text("pk"),
            body,
            created=F("h_created"),
        ),
        _keyed(
            memberships,
            Kind.MEMBERSHIP,
            _text("pk"),
            body,
            created=history_at(Membership, newest=False, id=OuterRef("pk")),
        ),
    ]


def _body_sources(api: Api, body_id: int) -> list:
    if body_id not in api.body_ids:
        return []
    bodies = Body.objects.filter(pk=body_id)
    created = history_at(Body, newest=False, id=OuterRef("pk"))
    return [
        _keyed(bodies, Kind.BODY, _text("pk"), F("pk"), created=created),
        _keyed(
            bodies, Kind.ORGANIZATION, Concat(Value("b"), _text("pk")), F("pk"), created=created
        ),
        *_people_sources(api, body_id),
        *_meeting_sources(api, Q(body_id=body_id)),
        *_item_sources(api, Q(meeting__body_id=body_id)),
        *_paper_sources(api, Q(item__meeting__body_id=body_id)),
    ]


def _subtree(item_id: int) -> list[int]:
    """The item and every item under it, one query a level."""
    found, level = [item_id], [item_id]
    while level:
        level = list(AgendaItem.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        found.extend(level)
    return found


def _sources(api: Api, scope: tuple[str, int]) -> list:
    """The public objects a write to ``scope`` may take away:

    - ``("body", pk)``: everything of the body, itself included;
    - ``("people", body pk)``: its people, memberships and partner organisations;
    - ``("meeting", pk)``: the meeting, its place, its agenda and minutes files, its items, their
      papers and files;
    - ``("item", pk)``: the item and the papers of it and its sub-items (none when it is exempt:
      its sub-items are exempt with it);
    - ``("paper", pk)``: the paper and its file.
    """
    what, pk = scope
    if what == "body":
        return _body_sources(api, pk)
    if what == "people":
        return _people_sources(api, pk)
    if what == "meeting":
        return [
            *_meeting_sources(api, Q(pk=pk)),
            *_item_sources(api, Q(meeting_id=pk)),
            *_paper_sources(api, Q(item__meeting_id=pk)),
        ]
    if what == "item":
        root = AgendaItem.objects.filter(pk=pk).values_list("confidential", flat=True).first()
        papers = Q(pk__in=[]) if root in (None, True) else Q(item_id__in=_subtree(pk))
        return [*_item_sources(api, Q(pk=pk)), *_paper_sources(api, papers)]
    if what == "paper":
        return _paper_sources(api, Q(pk=pk))
    raise ValueError(f"Unknown scope {scope!r}")


def _touches_public(scope: tuple[str, int], body_ids: set[int]) -> bool:
    """Whether the scope belongs to a body that publishes: one query, so that writes to the
    record of a body that does not publish cost little."""
    what, pk = scope
    if what in ("body", "people"):
        return pk in body_ids
    path = {"meeting": "body_id", "item": "meeting__body_id", "paper": "item__meeting__body_id"}
    model = {"meeting": Meeting, "item": AgendaItem, "paper": Paper}[what]
    return model.objects.filter(pk=pk, **{f"{path[what]}__in": body_ids}).exists()


def scope_rows(scopes) -> Rows:
    """The public objects of the scopes now (see ``_sources``), keyed as tombstones are. One
    query when nobody publishes, two when the scopes are not public."""
    body_ids = set(Body.objects.filter(publishes=True).values_list("pk", flat=True))
    scopes = [scope for scope in scopes if body_ids and _touches_public(scope, body_ids)]
    if not scopes:
        return {}
    api = Api(request=None)
    rows: Rows = {}
    for scope in scopes:
        for kind, qs in _sources(api, scope):
            values = qs.values_list(
                "gone_body", "gone_key", "gone_meeting", "gone_item", "gone_created"
            )
            for body, key, meeting, item, created in values:
                rows[(body, kind, key)] = (meeting, item, created)
    return rows


def record(rows: Rows, at: dt.datetime | None = None) -> list[Tombstone]:
    """Keep these objects as gone (at ``at``, now by default); one that went before and came
    back is gone again from this moment."""
    at = at or timezone.now()
    stones = [
        Tombstone(
            body_id=body,
            kind=kind,
            key=key,
            meeting_id=meeting,
            item_id=item,
            created=created,
            deleted_at=at,
        )
        for (body, kind, key), (meeting, item, created) in sorted(rows.items())
    ]
    return Tombstone.objects.bulk_create(
        stones,
        update_conflicts=True,
        unique_fields=["body_id", "kind", "key"],
        update_fields=["meeting_id", "item_id", "created", "deleted_at"],
    )


# What the API answers -------------------------------------------------------------------------


def tombstone(api: Api, stone: Tombstone) -> dict:
    name, arg = URLS[stone.kind]
    key = int(stone.key) if arg == "pk" else stone.key
    data = {"id": api.url(name, **{arg: key}), "type": OPARL + stone.kind}
    if stone.created:
        data["created"] = iso(stone.created)
    return data | {"modified": iso(stone.deleted_at), "deleted": True}


def gone_segments(api: Api, kind: str, body_id: int, window: Window) -> list[Segment]:
    """The tombstones a list of ``kind`` carries after its objects: those of the window whose
    object is not public again, and only when the list is asked for a window (a whole list is
    the record as it is now)."""
    if not window.bounded:
        return []
    stones = Tombstone.objects.filter(kind=kind, body_id=body_id)
    if body_id in api.body_ids:
        for source_kind, qs in _sources(api, ("body", body_id)):
            if source_kind == kind:
                stones = stones.exclude(key__in=qs.values("gone_key"))
    return _stones_segment(api, stones, window)


def _stones_segment(api: Api, stones, window: Window) -> list[Segment]:
    if window.since:
        stones = stones.filter(deleted_at__gte=window.since)
    if window.until:
        stones = stones.filter(deleted_at__lte=window.until)
    stones = stones.order_by("deleted_at", "pk")
    return [Segment(stones, lambda rows: [tombstone(api, s) for s in rows])]


def gone_bodies_segments(api: Api, window: Window) -> list[Segment]:
    """The bodies that stopped publishing (or were deleted) in the window, for the body list."""
    if not window.bounded:
        return []
    stones = Tombstone.objects.filter(kind=Kind.BODY).exclude(body_id__in=sorted(api.body_ids))
    return _stones_segment(api, stones, window)


def get_gone(api: Api, kind: str, key) -> dict:
    """The tombstone at the URL of an object that is not public (the latest, if it left
    several bodies' lists), or ``NotFound`` for one that never was."""
    stone = Tombstone.objects.filter(kind=kind, key=str(key)).order_by("-deleted_at", "-pk").first()
    if stone is None:
        raise NotFound
    return tombstone(api, stone)


def withdrawn_body(pk: int) -> bool:
    """A body that published and no longer does: its lists answer with its tombstones."""
    return Tombstone.objects.filter(kind=Kind.BODY, body_id=pk, key=str(pk)).exists()


def gone_modified(path: str):
    """The latest moment something of the row (``path``: ``meeting_id`` or ``item_id`` of a
    tombstone) left the public record, as a subquery: its ``modified`` moves on with it."""
    rows = (
        Tombstone.objects.filter(**{path: OuterRef("pk")})
        .filter(kind__in=[Kind.AGENDA_ITEM, Kind.PAPER])
        .order_by("-deleted_at")
        .values("deleted_at")[:1]
    )
    return Subquery(rows)
