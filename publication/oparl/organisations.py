"""System, Body, Organization, Membership and Person: the bodies that publish, the partner
organisations represented on them, their members and the people on the register of their
signed minutes."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet, Subquery

from meetings import rules as meeting_rules
from meetings.models import Attendance
from partners.models import Body, Membership, Organisation, Person

from . import gone
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
    within,
)

# System and Body ------------------------------------------------------------------------------


def system(api: Api) -> dict:
    return clean(
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
        h_created=history_at(Body, newest=False, id=OuterRef("pk")),
        h_modified=history_at(Body, id=OuterRef("pk")),
    )


def body_segments(api: Api, window: Window) -> list[Segment]:
    qs = _bodies(api).order_by("pk")
    if window.since:
        qs = qs.filter(changed_q(window, "h_modified") | api.bodies_published_since_q(window, "pk"))
    if window.until:
        qs = qs.filter(unchanged_q(window, "h_modified") & api.bodies_public_by_q(window, "pk"))
    return [
        Segment(qs, lambda rows: [body(api, b) for b in rows]),
        *gone.gone_bodies_segments(api, window),
    ]


def get_body(api: Api, pk: int) -> dict:
    return one(_bodies(api), pk, lambda found: body(api, found))


def body(api: Api, b: Body) -> dict:
    since = api.body_since(b.pk)
    return clean(
        {
            "id": api.url("oparl_body", pk=b.pk),
            "type": OPARL + "Body",
            "system": api.url("oparl_system"),
            "name": b.name,
            "shortName": b.short_name,
            "classification": "Partnership body",
            "oparlSince": iso(since),
            "organization": api.url("oparl_body_organizations", pk=b.pk),
            "person": api.url("oparl_body_people", pk=b.pk),
            "meeting": api.url("oparl_body_meetings", pk=b.pk),
            "paper": api.url("oparl_body_papers", pk=b.pk),
            "agendaItem": api.url("oparl_body_agenda_items", pk=b.pk),
            "file": api.url("oparl_body_files", pk=b.pk),
            "membership": api.url("oparl_body_memberships", pk=b.pk),
            "legislativeTerm": [],
            "web": api.url("public_body", slug=b.slug),
            "created": iso(b.h_created),
            "modified": iso(latest(b.h_modified, since)),
        }
    ) | {"legislativeTerm": []}


# Organization ---------------------------------------------------------------------------------


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
        h_created=history_at(Organisation, newest=False, id=OuterRef("pk")),
        h_modified=history_at(Organisation, id=OuterRef("pk")),
    )


def organization_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    boards = _bodies(api).filter(pk=b.pk)
    partners = _partners_of(b.pk).order_by("pk")
    if window.since:
        boards = boards.filter(
            changed_q(window, "h_modified") | api.bodies_published_since_q(window, "pk")
        )
        since = api.body_since(b.pk)
        if since is None or not within(since, window):
            partners = partners.filter(changed_q(window, "h_modified"))
    if window.until:
        boards = boards.filter(
            unchanged_q(window, "h_modified") & api.bodies_public_by_q(window, "pk")
        )
        since = api.body_since(b.pk)
        partners = partners.filter(unchanged_q(window, "h_modified"))
        if since is not None and since > window.until:
            partners = partners.none()
    return [
        Segment(boards, lambda rows: [board(api, x) for x in rows]),
        Segment(partners, lambda rows: _partner_objects(api, b, rows)),
        *gone.gone_segments(api, gone.Kind.ORGANIZATION, b.pk, window),
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
    return one(_partners_of(b.pk), int(org_part[1:]), lambda o: _partner_objects(api, b, [o])[0])


def board(api: Api, b: Body) -> dict:
    members = Membership.objects.filter(body_id=b.pk).order_by("pk").values_list("pk", flat=True)
    parent = b.parent_id if b.parent_id in api.body_ids else None
    return clean(
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
            "created": iso(b.h_created),
            "modified": iso(latest(b.h_modified, api.body_since(b.pk))),
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
        clean(
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
                "created": iso(o.h_created),
                "modified": iso(latest(o.h_modified, api.body_since(b.pk))),
            }
        )
        for o in organisations
    ]


# Membership and Person ------------------------------------------------------------------------


def _memberships(api: Api) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(body_id__in=api.body_ids)
        .select_related("person__organisation", "organisation")
        .annotate(
            h_created=history_at(Membership, newest=False, id=OuterRef("pk")),
            h_modified=history_at(Membership, id=OuterRef("pk")),
        )
    )


def membership_segments(api: Api, b: Body, window: Window) -> list[Segment]:
    qs = _memberships(api).filter(body_id=b.pk).order_by("pk")
    if window.since:
        qs = qs.filter(
            changed_q(window, "h_modified") | api.bodies_published_since_q(window, "body_id")
        )
    if window.until:
        qs = qs.filter(
            unchanged_q(window, "h_modified") & api.bodies_public_by_q(window, "body_id")
        )
    return [
        Segment(qs, lambda rows: [membership(api, m) for m in rows]),
        *gone.gone_segments(api, gone.Kind.MEMBERSHIP, b.pk, window),
    ]


def get_membership(api: Api, pk: int) -> dict:
    return one(_memberships(api), pk, lambda found: membership(api, found))


def membership(api: Api, m: Membership, *, embedded: bool = False) -> dict:
    org_id = m.organisation_id or m.person.organisation_id
    return clean(
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
            "created": iso(m.h_created),
            "modified": iso(latest(m.h_modified, api.body_since(m.body_id))),
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
        h_created=history_at(Person, newest=False, id=OuterRef("pk")),
        h_modified=history_at(Person, id=OuterRef("pk")),
        m_modified=history_at(Membership, person_id=OuterRef("pk"), body_id__in=list(api.body_ids)),
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
        since_bodies = [pk for pk, at in api.publishing_since.items() if at and within(at, window)]
        qs = qs.filter(
            changed_q(window, "h_modified", "m_modified", "signed")
            | Q(pk__in=Membership.objects.filter(body_id__in=since_bodies).values("person_id"))
            | Q(pk__in=_signed_attendance(since_bodies).values("person_id"))
        )
    if window.until:
        later = [pk for pk, at in api.publishing_since.items() if at and at > window.until]
        qs = qs.filter(unchanged_q(window, "h_modified", "m_modified", "signed")).exclude(
            Q(pk__in=Membership.objects.filter(body_id__in=later).values("person_id"))
            | Q(pk__in=_signed_attendance(later).values("person_id"))
        )
    return [
        Segment(qs, lambda rows: _person_objects(api, rows)),
        *gone.gone_segments(api, gone.Kind.PERSON, b.pk, window),
    ]


def get_person(api: Api, pk: int) -> dict:
    return one(_people(api, api.body_ids), pk, lambda found: _person_objects(api, [found])[0])


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
            clean(
                {
                    "id": api.url("oparl_person", pk=p.pk),
                    "type": OPARL + "Person",
                    "body": api.url("oparl_body", pk=bodies[0]),
                    "name": p.display_name,
                    "title": [p.honorific] if p.honorific else [],
                    "status": [p.job_title] if p.job_title else [],
                    "membership": [membership(api, m, embedded=True) for m in own],
                    "created": iso(p.h_created),
                    "modified": iso(latest(p.h_modified, p.m_modified, p.signed, *bodies_since)),
                }
            )
        )
    return out
