"""The open data API: walked from the System object as a client would, every object checked
against the JSON Schemas in ``oparl_schema/`` (written from the OParl 1.1 specification)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from referencing import Registry, Resource

from meetings.models import AgendaItem, Meeting
from meetings.services import item_add, item_update, meeting_create
from partners.models import Membership
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

SCHEMAS = Path(__file__).parent / "oparl_schema"
OPARL = "https://schema.oparl.org/1.1/"
BASE = "http://testserver"

pytestmark = pytest.mark.django_db


def _registry() -> tuple[Registry, dict[str, dict]]:
    schemas = {p.stem: json.loads(p.read_text()) for p in SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return registry, schemas


REGISTRY, SCHEMA = _registry()


def validate(data: dict, name: str) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA[name], registry=REGISTRY)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == [], data.get("id")


def validate_object(data: dict) -> str:
    kind = data["type"].removeprefix(OPARL)
    validate(data, kind)
    return kind


def get_json(client, url: str, **params) -> dict:
    response = client.get(url.removeprefix(BASE), params)
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/json; charset=utf-8",
    ), url
    return response.json()


def api_urls(value) -> list[str]:
    """Every URL of the API inside a JSON value."""
    if isinstance(value, dict):
        return [u for v in value.values() for u in api_urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in api_urls(v)]
    if isinstance(value, str) and value.startswith(BASE + "/api/oparl/"):
        return [value.split("?")[0]] if "?" not in value else [value]
    return []


def embedded_objects(value) -> list[dict]:
    """Every object inside ``value`` (itself included) that has an OParl type."""
    found = []
    if isinstance(value, dict):
        if str(value.get("type", "")).startswith(OPARL):
            found.append(value)
        for v in value.values():
            found.extend(embedded_objects(v))
    elif isinstance(value, list):
        for v in value:
            found.extend(embedded_objects(v))
    return found


def walk(client) -> dict[str, dict]:
    """Fetch everything reachable from the System object, as a client crawling the API would:
    each list page by page (following ``links.next``), each object by its ``id``. Every list
    and object is validated on the way. Returns the objects fetched by id."""
    start = BASE + reverse("oparl_system")
    todo, seen, objects = [start], set(), {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        data = get_json(client, url)
        if "data" in data and "pagination" in data:
            validate(data, "ObjectList")
            if "next" in data["links"]:
                todo.append(data["links"]["next"])
            found = [o for item in data["data"] for o in embedded_objects(item)]
        else:
            objects[url] = data
            found = embedded_objects(data)
        for obj in found:
            validate_object(obj)
        todo.extend(u for u in api_urls(data) if "?" not in u and u not in seen)
    return objects


def test_walk_from_system_reaches_every_public_object_and_each_is_valid(client, record):
    objects = walk(client)

    kinds = sorted({o["type"].removeprefix(OPARL) for o in objects.values()})
    assert kinds == [
        "AgendaItem",
        "Body",
        "File",
        "Location",
        "Meeting",
        "Membership",
        "Organization",
        "Paper",
        "Person",
        "System",
    ]
    # One body publishes; its five meetings; the agenda items of the four public agendas
    # (the signed meeting's three, one each of the held ones, two of the upcoming one); papers
    # of public items only (the confidential items' papers are not there).
    by_kind = {}
    for obj in objects.values():
        by_kind.setdefault(obj["type"].removeprefix(OPARL), []).append(obj)
    assert [b["name"] for b in by_kind["Body"]] == ["Sunderland Innovation and Improvement Group"]
    assert len(by_kind["Meeting"]) == 5
    assert sorted(i["name"] for i in by_kind["AgendaItem"]) == [
        "Budget monitoring",
        "Consultation timetable",
        "Contract award",
        "Digital inclusion",
        "Housing plan",
        "Staffing restructure",
        "Strategy refresh",
    ]
    assert sorted(p["name"] for p in by_kind["Paper"]) == [
        "Digital inclusion strategy",
        "Outcomes framework",
    ]
    assert sorted(f["name"] for f in by_kind["File"]) == [
        "Agenda",
        "Agenda",
        "Agenda",
        "Agenda",
        "Digital inclusion strategy",
        "Minutes (public version)",
        "Outcomes framework",
    ]


def test_each_id_answers_with_the_object_the_list_embeds(client, record, public_body):
    meetings = get_json(client, reverse("oparl_body_meetings", args=[public_body.pk]))["data"]
    for meeting in meetings:
        assert get_json(client, meeting["id"]) == meeting
        for item in meeting.get("agendaItem", []):
            # Embedded in its meeting, an item leaves out the link back to it.
            assert get_json(client, item["id"]) == {**item, "meeting": meeting["id"]}


def test_exempt_item_shows_number_and_heading_only(client, record):
    data = get_json(client, reverse("oparl_agenda_item", args=[record.secret.pk]))

    assert data == {
        "id": f"{BASE}/api/oparl/v1/agenda-item/{record.secret.pk}/",
        "type": OPARL + "AgendaItem",
        "meeting": f"{BASE}/api/oparl/v1/meeting/{record.signed.pk}/",
        "number": "2",
        "order": 2,
        "name": "Staffing restructure",
        "public": False,
        "keyword": ["exempt"],
        "web": f"{BASE}/public/meetings/{record.signed.pk}/#item-{record.secret.pk}",
        "created": data["created"],
        "modified": data["modified"],
    }


def test_open_item_of_signed_minutes_carries_its_decision_and_paper(client, record):
    data = get_json(client, reverse("oparl_agenda_item", args=[record.open_item.pk]))

    assert (data["public"], data["result"], data["resolutionText"]) == (
        True,
        "Agreed",
        "Agreed: The outcomes framework was agreed.",
    )
    assert [f["name"] for f in data["auxiliaryFile"]] == ["Outcomes framework"]


def test_agenda_items_of_unsigned_minutes_carry_no_decisions(client, record):
    item = AgendaItem.objects.get(meeting=record.drafted)

    data = get_json(client, reverse("oparl_agenda_item", args=[item.pk]))

    assert sorted(data) == sorted(
        ["id", "type", "meeting", "number", "order", "name", "public", "web", "created", "modified"]
    )


@pytest.mark.parametrize(
    "name",
    ["oparl_agenda_item", "oparl_paper"],
)
def test_objects_of_unpublished_agendas_and_bodies_are_not_found(client, record, name):
    later_item = AgendaItem.objects.get(meeting=record.later)
    private_item = AgendaItem.objects.get(meeting=record.private_meeting)
    # Each view is asked for ids of its own kind: a paper's id read as an agenda item's could
    # name any item (the sequences differ), which once made this pass or fail by chance.
    if name == "oparl_agenda_item":
        ids = [later_item.pk, private_item.pk]
    else:
        ids = [p.pk for p in later_item.papers.all()] + [p.pk for p in record.secret.papers.all()]
    statuses = [client.get(reverse(name, args=[pk])).status_code for pk in ids]
    assert len(ids) == 2 and statuses == [404] * len(ids)


def test_unpublished_body_and_its_meetings_are_not_found(client, record):
    responses = [
        client.get(reverse("oparl_body", args=[record.private_body.pk])),
        client.get(reverse("oparl_body_meetings", args=[record.private_body.pk])),
        client.get(reverse("oparl_meeting", args=[record.private_meeting.pk])),
        client.get(reverse("oparl_organization", args=[f"b{record.private_body.pk}"])),
    ]
    assert [(r.status_code, r.json()["status"]) for r in responses] == [(404, 404)] * 4


def test_file_of_a_confidential_paper_is_not_found(client, record):
    paper = record.secret.papers.get()
    assert client.get(reverse("oparl_file", args=[f"paper-{paper.pk}"])).status_code == 404
    assert client.get(reverse("public_paper_download", args=[paper.pk])).status_code == 404


def test_lists_page_by_at_most_100_and_link_the_pages(client, public_body):
    people = PersonFactory.create_batch(103)
    for person in people:
        MembershipFactory(person=person, body=public_body)
    url = reverse("oparl_body_memberships", args=[public_body.pk])

    first = get_json(client, url)
    last = get_json(client, first["links"]["last"])
    small = get_json(client, url, limit=50, page=2)

    assert (len(first["data"]), first["pagination"]) == (
        100,
        {"totalElements": 103, "elementsPerPage": 100, "currentPage": 1, "totalPages": 2},
    )
    assert first["links"] == {
        "first": f"{BASE}{url}?page=1",
        "last": f"{BASE}{url}?page=2",
        "self": f"{BASE}{url}?page=1",
        "next": f"{BASE}{url}?page=2",
    }
    assert (len(last["data"]), sorted(last["links"])) == (3, ["first", "last", "prev", "self"])
    assert (len(small["data"]), small["pagination"]["elementsPerPage"]) == (50, 50)
    assert get_json(client, url, limit=500)["pagination"]["elementsPerPage"] == 100
    ids = [m["id"] for m in first["data"] + last["data"]]
    assert len(set(ids)) == 103


@pytest.mark.parametrize(
    "params",
    [{"page": "0"}, {"page": "two"}, {"limit": "-1"}, {"modified_since": "last week"}],
)
def test_bad_list_parameters_answer_400(client, public_body, params):
    response = client.get(reverse("oparl_body_meetings", args=[public_body.pk]), params)
    assert (response.status_code, response.json()["status"]) == (400, 400)


def test_page_past_the_last_answers_404(client, public_body):
    response = client.get(reverse("oparl_body_meetings", args=[public_body.pk]), {"page": 2})
    assert response.status_code == 404


def test_modified_since_lists_only_what_changed_or_became_public(client, record, public_body):
    since = timezone.now()
    item_update(item=record.agenda_item, title="Digital inclusion and skills", purpose="decision")
    added = item_add(meeting=record.upcoming, title="Broadband roll-out")
    params = {"modified_since": since.isoformat()}

    items = get_json(client, reverse("oparl_body_agenda_items", args=[public_body.pk]), **params)
    meetings = get_json(client, reverse("oparl_body_meetings", args=[public_body.pk]), **params)
    people = get_json(client, reverse("oparl_body_people", args=[public_body.pk]), **params)

    assert [i["name"] for i in items["data"]] == [
        "Digital inclusion and skills",
        "Broadband roll-out",
    ]
    assert [m["id"] for m in meetings["data"]] == [
        f"{BASE}/api/oparl/v1/meeting/{record.upcoming.pk}/"
    ]
    assert all(i["modified"] >= since.isoformat(timespec="seconds")[:19] for i in items["data"])
    assert people["data"] == []
    assert added.pk in [int(i["id"].rstrip("/").rsplit("/", 1)[1]) for i in items["data"]]


def test_a_body_that_starts_publishing_appears_to_modified_since(client, today):
    body = BodyFactory(name="Gloucester Partnership", short_name="GP")
    person = PersonFactory(name="Pat Partner")
    MembershipFactory(person=person, body=body, role=Membership.Role.CHAIR)
    meeting_create(body=body, date=today + dt.timedelta(days=30), with_standing_items=False)
    since = timezone.now()

    body.publishes = True  # as the body's settings page saves it (a history row records it)
    body.save()

    bodies = get_json(client, reverse("oparl_body_list"), modified_since=since.isoformat())
    people = get_json(
        client, reverse("oparl_body_people", args=[body.pk]), modified_since=since.isoformat()
    )
    meetings = get_json(
        client, reverse("oparl_body_meetings", args=[body.pk]), modified_since=since.isoformat()
    )
    assert [b["name"] for b in bodies["data"]] == ["Gloucester Partnership"]
    assert [p["name"] for p in people["data"]] == ["Pat Partner"]
    assert len(meetings["data"]) == 1
    assert bodies["data"][0]["oparlSince"] >= since.isoformat(timespec="seconds")[:19]


def _backdate(body, days: int) -> None:
    """Make everything of the body look written ``days`` ago."""
    then = timezone.now() - dt.timedelta(days=days)
    body.history.update(history_date=then)
    Meeting.objects.filter(body=body).update(updated_at=then, created_at=then)
    AgendaItem.history.filter(meeting__body=body).update(history_date=then)


def test_an_agenda_published_since_appears_to_modified_since(client, today):
    """An agenda goes public at the start of its publication day with no write at all: a
    client asking what changed since this time yesterday learns of the agenda out today."""
    body = BodyFactory(name="Gloucester Partnership", publishes=True, agenda_notice_days=5)
    out_today = meeting_create(
        body=body, date=today + dt.timedelta(days=6), with_standing_items=False
    )
    item_add(meeting=out_today, title="Youth offer")
    out_earlier = meeting_create(
        body=body, date=today + dt.timedelta(days=3), with_standing_items=False
    )
    item_add(meeting=out_earlier, title="Older business")
    not_yet = meeting_create(
        body=body, date=today + dt.timedelta(days=7), with_standing_items=False
    )
    item_add(meeting=not_yet, title="Not out yet")
    _backdate(body, days=3)
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()

    items = get_json(
        client, reverse("oparl_body_agenda_items", args=[body.pk]), modified_since=since
    )
    meetings = get_json(
        client, reverse("oparl_body_meetings", args=[body.pk]), modified_since=since
    )

    assert [i["name"] for i in items["data"]] == ["Youth offer"]
    assert [m["id"] for m in meetings["data"]] == [f"{BASE}/api/oparl/v1/meeting/{out_today.pk}/"]


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name",
    [
        "oparl_body_meetings",
        "oparl_body_agenda_items",
        "oparl_body_people",
        "oparl_body_memberships",
        "oparl_body_organizations",
        "oparl_body_papers",
        "oparl_body_files",
    ],
)
def test_list_query_count_is_fixed_with_2_or_12_meetings(client, public_body, today, name):
    from tests.factories import OrganisationFactory

    from .conftest import pdf_upload

    def grow(n):
        for i in range(n):
            person = PersonFactory(organisation=OrganisationFactory())
            MembershipFactory(person=person, body=public_body)
            meeting = meeting_create(
                body=public_body,
                date=today - dt.timedelta(days=40 + i),
                venue="Civic Centre",
                with_standing_items=False,
            )
            item = item_add(meeting=meeting, title=f"Item {i}")
            from meetings.services import paper_add

            paper_add(item=item, reference=f"P{i}", upload=pdf_upload(f"p{i}.pdf", f"Paper {i}"))
            item_add(meeting=meeting, title="Exempt", confidential=True)
        return _count_queries(client, reverse(name, args=[public_body.pk]))

    small = grow(2)
    large = grow(10)

    assert small == large
