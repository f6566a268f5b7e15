"""Meeting and Location, and the File list: a meeting embeds its agenda items once the agenda is
public, and the agenda and minutes PDFs as Files; the body's File list chains the papers'
files, the agendas and the signed minutes."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import slugify

from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Attendance, Meeting, Paper
from meetings.publication import LONDON
from partners.models import Body
from partners.templatetags.minutebook import ukdate

from . import gone
from .agenda import (
    agenda_item,
    item_queryset,
    paper_file,
    paper_window_q,
    papers_with_file,
    tree_order,
)
from .base import (
    OPARL,
    Api,
    NotFound,
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
from .organisations import board_key

PARTICIPANTS = (
    Attendance.Category.PRESENT,
    Attendance.Category.ALSO_PRESENT,
    Attendance.Category.IN_ATTENDANCE,
)


# Meeting and Location -------------------------------------------------------------------------


def _contents_modified() -> dict:
    """The moments a meeting's contents last changed: its items (their history rows record
    deletions too), its papers' uploads, and what of it left the public record."""
    return {
        "items_modified": history_at(AgendaItem, meeting_id=OuterRef("pk")),
        "papers_modified": Subquery(
            Paper.objects.filter(item__meeting_id=OuterRef("pk"))
            .order_by("-uploaded_at")
            .values("uploaded_at")[:1]
        ),
        "gone_modified": gone.gone_modified("meeting_id"),
    }


MEETING_MOMENTS = ("updated_at", "items_modified", "papers_modified", "gone_modified", "signed_at")


def _meetings(api: Api) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body_id__in=api.body_ids)
        .select_related("body", "joint_body")
        .annotate(**_contents_modified())
        .prefetch_related(
            Prefetch("items", queryset=item_queryset()),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(category__in=PARTICIPANTS).order_by(
                    "position", "pk"
                ),
                to_attr="participants",
            ),
        )
    )


def _meeting_window_q(api: Api, window: Window) -> Q:
    """A meeting's ``modified`` (``_meeting_modified``) inside the window."""
    q = Q()
    if window.since:
        q &= (
            changed_q(window, *MEETING_MOMENTS)
            | api.agendas_published_q(window)
            | api.bodies_published_since_q(window, "body_id")
        )
    if window.until:
        q &= (
            unchanged_q(window, *MEETING_MOMENTS)
            & api.agenda_not_since_q(window)
            & api.bodies_public_by_q(window, "body_id")
        )
    return q


def meeting_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = _meetings(api).filter(body_id=b.pk).order_by("date", "start_time", "pk")
    if window.bounded:
        qs = qs.filter(_meeting_window_q(api, window))
    return [
        Segment(qs, lambda rows: [meeting(api, m) for m in rows]),
        *gone.gone_segments(api, gone.Kind.MEETING, b.pk, window),
    ]


def get_meeting(api: Api, pk: int) -> dict:
    return one(_meetings(api), pk, lambda found: meeting(api, found))


def _meeting_modified(api: Api, m: Meeting) -> dt.datetime | None:
    return latest(
        m.updated_at,
        m.items_modified,
        m.papers_modified,
        m.gone_modified,
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
    orders = tree_order((i.pk, m.pk, i.parent_id, i.position) for i in items)
    items.sort(key=lambda i: orders[i.pk])
    return clean(
        {
            "id": api.url("oparl_meeting", pk=m.pk),
            "type": OPARL + "Meeting",
            "name": f"{m.body.name}: {m.heading}, {ukdate(m.date)}",
            "meetingState": _state(api, m, agenda_public),
            "cancelled": False,
            "start": iso(_start(m)),
            "end": iso(_end(m)),
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
            "created": iso(m.created_at),
            "modified": iso(_meeting_modified(api, m)),
        }
    )


def location(api: Api, m: Meeting) -> dict:
    return {
        "id": api.url("oparl_location", pk=m.pk),
        "type": OPARL + "Location",
        "description": m.venue,
        "meetings": [api.url("oparl_meeting", pk=m.pk)],
        "modified": iso(latest(m.updated_at, api.body_since(m.body_id))),
    }


def get_location(api: Api, pk: int) -> dict:
    venues = Meeting.objects.filter(body_id__in=api.body_ids).exclude(venue="")
    return one(venues, pk, lambda found: location(api, found))


# Files: the agenda and minutes PDFs, and the body's File list ---------------------------------


def _document_name(m: Meeting, suffix: str) -> str:
    return f"{slugify(m.body.short_name or m.body.name)}-{m.date:%Y-%m-%d}-{suffix}"


def agenda_file(api: Api, m: Meeting) -> dict:
    url = api.url("public_agenda_pdf", pk=m.pk)
    return clean(
        {
            "id": api.url("oparl_file", key=f"agenda-{m.pk}"),
            "type": OPARL + "File",
            "name": "Agenda",
            "fileName": _document_name(m, "agenda.pdf"),
            "mimeType": "application/pdf",
            "accessUrl": url,
            "downloadUrl": url,
            "meeting": [api.url("oparl_meeting", pk=m.pk)],
            "modified": iso(_meeting_modified(api, m)),
        }
    )


def minutes_file(api: Api, m: Meeting) -> dict:
    url = api.url("public_minutes_pdf", pk=m.pk)
    return clean(
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
            "created": iso(m.signed_at),
            "modified": iso(latest(m.signed_at, api.body_since(m.body_id))),
        }
    )


def _agenda_files(api: Api) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(api.public_agendas_q())
        .select_related("body")
        .annotate(**_contents_modified())
    )


def _minutes_files(api: Api) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body_id__in=api.body_ids)
        .filter(meeting_rules.public_minutes_q())
        .select_related("body")
    )


def file_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    papers = papers_with_file(api).filter(item__meeting__body_id=b.pk).order_by("pk")
    agendas = _agenda_files(api).filter(body_id=b.pk).order_by("date", "pk")
    minutes = _minutes_files(api).filter(body_id=b.pk).order_by("date", "pk")
    if window.bounded:
        papers = papers.filter(paper_window_q(api, window))
        agendas = agendas.filter(_meeting_window_q(api, window))
    if window.since:
        minutes = minutes.filter(
            changed_q(window, "signed_at") | api.bodies_published_since_q(window, "body_id")
        )
    if window.until:
        minutes = minutes.filter(
            unchanged_q(window, "signed_at") & api.bodies_public_by_q(window, "body_id")
        )
    return [
        Segment(papers, lambda rows: [paper_file(api, p, p.item, p.item.meeting) for p in rows]),
        Segment(agendas, lambda rows: [agenda_file(api, m) for m in rows]),
        Segment(minutes, lambda rows: [minutes_file(api, m) for m in rows]),
        *gone.gone_segments(api, gone.Kind.FILE, b.pk, window),
    ]


def get_file(api: Api, key: str) -> dict:
    kind, _, number = key.partition("-")
    if not number.isdigit():
        raise NotFound
    pk = int(number)
    if kind == "paper":
        return one(papers_with_file(api), pk, lambda p: paper_file(api, p, p.item, p.item.meeting))
    if kind == "agenda":
        return one(_agenda_files(api), pk, lambda m: agenda_file(api, m))
    if kind == "minutes":
        return one(_minutes_files(api), pk, lambda m: minutes_file(api, m))
    raise NotFound
