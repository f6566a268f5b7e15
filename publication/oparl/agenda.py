"""AgendaItem and Paper, with a paper's File: the items of public agendas (an exempt item keeps
only its number and heading) and the papers of their open items."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Decision, Meeting, Paper
from meetings.text import plain_text
from partners.models import Body

from . import gone
from .base import (
    OPARL,
    Api,
    Segment,
    Window,
    changed_q,
    clean,
    history_at,
    iso,
    latest,
    one,
    unchanged_q,
)

# AgendaItem -----------------------------------------------------------------------------------


def item_queryset() -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.annotate(
            h_created=history_at(AgendaItem, newest=False, id=OuterRef("pk")),
            h_modified=history_at(AgendaItem, id=OuterRef("pk")),
            papers_modified=Max("papers__uploaded_at"),
            gone_modified=gone.gone_modified("item_id"),
        )
        .prefetch_related(
            Prefetch("papers", queryset=Paper.objects.order_by("position", "pk")),
            Prefetch("decisions", queryset=Decision.objects.order_by("position", "pk")),
        )
        .order_by("position", "pk")
    )


def tree_order(rows) -> dict[int, int]:
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
    return tree_order(rows)


def _items(api: Api) -> QuerySet[AgendaItem]:
    return item_queryset().filter(api.public_agendas_q("meeting")).select_related("meeting__body")


def agenda_item_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = (
        _items(api)
        .filter(meeting__body_id=b.pk)
        .order_by("meeting__date", "meeting_id", "position", "pk")
    )
    moments = ("h_modified", "papers_modified", "gone_modified", "meeting__signed_at")
    if window.since:
        qs = qs.filter(
            changed_q(window, *moments)
            | api.agendas_published_q(window, "meeting")
            | api.bodies_published_since_q(window, "meeting__body_id")
        )
    if window.until:
        qs = qs.filter(
            unchanged_q(window, *moments)
            & api.agendas_out_by_q(window, "meeting")
            & api.bodies_public_by_q(window, "meeting__body_id")
        )
    return [
        Segment(qs, lambda rows: _agenda_item_objects(api, rows)),
        *gone.gone_segments(api, gone.Kind.AGENDA_ITEM, b.pk, window),
    ]


def _agenda_item_objects(api: Api, items: list[AgendaItem]) -> list[dict]:
    orders = _orders_for({i.meeting_id for i in items})
    return [agenda_item(api, i, i.meeting, order=orders[i.pk]) for i in items]


def get_agenda_item(api: Api, pk: int) -> dict:
    return one(_items(api), pk, lambda found: _agenda_item_objects(api, [found])[0])


def agenda_item(
    api: Api, item: AgendaItem, m: Meeting, *, order: int, embedded: bool = False
) -> dict:
    """An item of a public agenda. An exempt one: number, heading, ``public: false``, no more."""
    open_item = not item.confidential
    decisions = list(item.decisions.all()) if open_item and m.is_signed else []
    papers = [p for p in item.papers.all() if p.file] if open_item else []
    return clean(
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
            "created": iso(item.h_created),
            "modified": iso(
                latest(
                    item.h_modified,
                    item.papers_modified,
                    item.gone_modified,
                    m.signed_at if m.is_signed else None,
                    api.agenda_since(m),
                    api.body_since(m.body_id),
                )
            ),
        }
    )


# Paper and its File ---------------------------------------------------------------------------


def _papers(api: Api) -> QuerySet[Paper]:
    return (
        Paper.objects.filter(api.public_agendas_q("item__meeting"))
        .filter(meeting_rules.public_items_q("item"))
        .select_related("item__meeting__body")
    )


def paper_window_q(api: Api, window: Window) -> Q:
    """A paper's (and its file's) ``modified`` inside the window: its upload, its agenda's
    publication and its body's first publishing."""
    q = Q()
    if window.since:
        q &= (
            changed_q(window, "uploaded_at")
            | api.agendas_published_q(window, "item__meeting")
            | api.bodies_published_since_q(window, "item__meeting__body_id")
        )
    if window.until:
        q &= (
            unchanged_q(window, "uploaded_at")
            & api.agendas_out_by_q(window, "item__meeting")
            & api.bodies_public_by_q(window, "item__meeting__body_id")
        )
    return q


def paper_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = _papers(api).filter(item__meeting__body_id=b.pk).order_by("pk")
    if window.bounded:
        qs = qs.filter(paper_window_q(api, window))
    return [
        Segment(qs, lambda rows: [paper(api, p) for p in rows]),
        *gone.gone_segments(api, gone.Kind.PAPER, b.pk, window),
    ]


def get_paper(api: Api, pk: int) -> dict:
    return one(_papers(api), pk, lambda found: paper(api, found))


def _paper_modified(api: Api, p: Paper) -> dt.datetime | None:
    m = p.item.meeting
    return latest(p.uploaded_at, api.agenda_since(m), api.body_since(m.body_id))


def paper(api: Api, p: Paper) -> dict:
    item, m = p.item, p.item.meeting
    return clean(
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
            "created": iso(p.uploaded_at),
            "modified": iso(_paper_modified(api, p)),
        }
    )


def _file_name(p: Paper) -> str:
    return p.original_name or Path(p.file.name).name


def paper_file(api: Api, p: Paper, item: AgendaItem, m: Meeting) -> dict:
    name = _file_name(p)
    download = api.url("public_paper_download", pk=p.pk)
    return clean(
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
            "created": iso(p.uploaded_at),
            "modified": iso(latest(p.uploaded_at, api.agenda_since(m), api.body_since(m.body_id))),
        }
    )


def papers_with_file(api: Api) -> QuerySet[Paper]:
    return _papers(api).exclude(file="")
