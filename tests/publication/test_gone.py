"""What leaves the public record reaches a client that syncs: a list asked with modified_since
(or modified_until) carries each object that went as a tombstone ({"id", "type", "created",
"modified", "deleted": true}, OParl 1.1 "Gelöschte Objekte"), its URL answers the same instead
of 404, and ``modified_until`` keeps out what changed later. Every list and object is checked
against the JSON Schemas in ``oparl_schema/``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.agenda import item_delete, item_update
from meetings.errors import RecordLocked
from meetings.models import AgendaItem, Meeting, Paper
from meetings.services import item_add, meeting_create, meeting_update, paper_add, paper_delete
from partners.models import Membership
from partners.services import body_update
from publication.models import Tombstone
from tests.factories import MembershipFactory, PersonFactory

from .conftest import pdf_upload
from .test_oparl import BASE, OPARL, get_json, validate, validate_object

pytestmark = pytest.mark.django_db


def api(name: str, *args) -> str:
    return BASE + reverse(name, args=args)


def iso(value: dt.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def listed(client, name: str, body, **params) -> list[dict]:
    """A body's list as a syncing client reads it, every object checked against its schema."""
    data = get_json(client, reverse(name, args=[body.pk]), **params)
    validate(data, "ObjectList")
    for obj in data["data"]:
        validate_object(obj)
    return data["data"]


def gone(objects: list[dict]) -> list[tuple[str, str]]:
    return [(o["type"].removeprefix(OPARL), o["id"]) for o in objects if o.get("deleted")]


def since(moment: dt.datetime) -> dict:
    return {"modified_since": moment.isoformat()}


def test_a_deleted_meeting_is_a_tombstone_in_each_list_it_was_in(client, record, public_body):
    meeting = record.upcoming
    paper = Paper.objects.get(reference="Paper A")
    exempt_paper = Paper.objects.get(reference="Paper B")
    created = iso(meeting.created_at)
    start = timezone.now()

    Meeting.objects.get(pk=meeting.pk).delete()

    meetings = listed(client, "oparl_body_meetings", public_body, **since(start))
    [tombstone] = meetings
    assert tombstone == {
        "id": api("oparl_meeting", meeting.pk),
        "type": OPARL + "Meeting",
        "created": created,
        "modified": tombstone["modified"],
        "deleted": True,
    }
    assert tombstone["modified"] >= iso(start)
    items = listed(client, "oparl_body_agenda_items", public_body, **since(start))
    assert sorted(gone(items)) == [
        ("AgendaItem", api("oparl_agenda_item", record.agenda_item.pk)),
        ("AgendaItem", api("oparl_agenda_item", record.upcoming_secret.pk)),
    ]
    # The exempt item's paper was never public: no tombstone tells of it.
    assert gone(listed(client, "oparl_body_papers", public_body, **since(start))) == [
        ("Paper", api("oparl_paper", paper.pk))
    ]
    assert sorted(gone(listed(client, "oparl_body_files", public_body, **since(start)))) == [
        ("File", api("oparl_file", f"agenda-{meeting.pk}")),
        ("File", api("oparl_file", f"paper-{paper.pk}")),
    ]
    assert get_json(client, api("oparl_meeting", meeting.pk)) == tombstone
    assert client.get(reverse("oparl_paper", args=[exempt_paper.pk])).status_code == 404


def test_a_whole_list_is_the_record_as_it_is_now_without_tombstones(client, record, public_body):
    Meeting.objects.get(pk=record.upcoming.pk).delete()

    meetings = listed(client, "oparl_body_meetings", public_body)

    assert len(meetings) == 4
    assert gone(meetings) == []


def test_an_item_deleted_through_the_agenda_builder_is_gone_and_its_meeting_modified(
    client, record, public_body
):
    added = item_add(meeting=record.upcoming, title="Broadband roll-out")
    url = api("oparl_agenda_item", added.pk)
    start = timezone.now()

    item_delete(item=added)

    items = listed(client, "oparl_body_agenda_items", public_body, **since(start))
    meetings = listed(client, "oparl_body_meetings", public_body, **since(start))
    assert gone(items) == [("AgendaItem", url)]
    assert [m["id"] for m in meetings] == [api("oparl_meeting", record.upcoming.pk)]
    assert get_json(client, url) == items[0]


def test_a_paper_removed_is_gone_with_its_file_and_its_item_and_meeting_move_on(
    client, record, public_body
):
    paper = Paper.objects.get(reference="Paper A")
    pk = paper.pk
    start = timezone.now()

    paper_delete(paper=paper)

    assert gone(listed(client, "oparl_body_papers", public_body, **since(start))) == [
        ("Paper", api("oparl_paper", pk))
    ]
    assert gone(listed(client, "oparl_body_files", public_body, **since(start))) == [
        ("File", api("oparl_file", f"paper-{pk}"))
    ]
    items = listed(client, "oparl_body_agenda_items", public_body, **since(start))
    assert [(i["id"], i.get("auxiliaryFile", [])) for i in items] == [
        (api("oparl_agenda_item", record.agenda_item.pk), [])
    ]
    meetings = listed(client, "oparl_body_meetings", public_body, **since(start))
    assert [m["id"] for m in meetings] == [api("oparl_meeting", record.upcoming.pk)]
    assert get_json(client, api("oparl_file", f"paper-{pk}"))["deleted"] is True


def test_an_item_made_exempt_takes_its_papers_and_its_sub_items_papers_out(
    client, record, public_body
):
    sub = item_add(meeting=record.upcoming, title="Pilot sites", parent=record.agenda_item)
    sub_paper = paper_add(
        item=sub, reference="Paper A2", upload=pdf_upload("sites.pdf", "Pilot sites")
    )
    paper = Paper.objects.get(reference="Paper A")
    start = timezone.now()

    item_update(
        item=AgendaItem.objects.get(pk=record.agenda_item.pk),
        title="Digital inclusion",
        confidential=True,
        exempt_paragraph=3,
    )

    papers = listed(client, "oparl_body_papers", public_body, **since(start))
    items = listed(client, "oparl_body_agenda_items", public_body, **since(start))
    assert gone(papers) == [
        ("Paper", api("oparl_paper", paper.pk)),
        ("Paper", api("oparl_paper", sub_paper.pk)),
    ]
    # The items stay on the agenda, exempt: number and heading, not deleted.
    assert [(i["name"], i["public"], i.get("deleted")) for i in items] == [
        ("Digital inclusion", False, None),
        ("Pilot sites", False, None),
    ]


def test_a_meeting_moved_to_a_day_whose_agenda_is_not_out_takes_its_agenda_back(
    client, record, public_body, today
):
    meeting = Meeting.objects.get(pk=record.upcoming.pk)
    start = timezone.now()

    meeting_update(
        meeting=meeting,
        date=today + dt.timedelta(days=30),
        start_time=meeting.start_time,
        venue=meeting.venue,
    )

    meetings = listed(client, "oparl_body_meetings", public_body, **since(start))
    items = listed(client, "oparl_body_agenda_items", public_body, **since(start))
    files = listed(client, "oparl_body_files", public_body, **since(start))
    assert [(m["id"], m["meetingState"], "agendaItem" in m) for m in meetings] == [
        (api("oparl_meeting", meeting.pk), "scheduled", False)
    ]
    assert gone(items) == [
        ("AgendaItem", api("oparl_agenda_item", record.agenda_item.pk)),
        ("AgendaItem", api("oparl_agenda_item", record.upcoming_secret.pk)),
    ]
    assert sorted(gone(files)) == [
        ("File", api("oparl_file", f"agenda-{meeting.pk}")),
        ("File", api("oparl_file", f"paper-{Paper.objects.get(reference='Paper A').pk}")),
    ]


def test_a_body_that_stops_publishing_is_gone_and_so_is_everything_of_it(
    client, record, public_body
):
    people = [p["id"] for p in listed(client, "oparl_body_people", public_body)]
    meetings = Meeting.objects.filter(body=public_body).order_by("pk")
    start = timezone.now()

    body_update(body=public_body, publishes=False)

    bodies = get_json(client, reverse("oparl_body_list"), **since(start))
    assert gone(bodies["data"]) == [("Body", api("oparl_body", public_body.pk))]
    assert get_json(client, api("oparl_body", public_body.pk)) == bodies["data"][0]
    assert sorted(gone(listed(client, "oparl_body_meetings", public_body, **since(start)))) == [
        ("Meeting", api("oparl_meeting", m.pk)) for m in meetings
    ]
    assert sorted(
        o[1] for o in gone(listed(client, "oparl_body_people", public_body, **since(start)))
    ) == sorted(people)
    # Asked for the whole list, a body that no longer publishes has nothing to show.
    assert listed(client, "oparl_body_meetings", public_body) == []
    assert get_json(client, api("oparl_meeting", record.signed.pk))["deleted"] is True
    assert get_json(client, api("oparl_organization", f"b{public_body.pk}"))["deleted"] is True


def test_a_body_that_publishes_again_is_listed_again_and_its_tombstones_are_not(
    client, record, public_body
):
    body_update(body=public_body, publishes=False)
    start = timezone.now()

    body_update(body=public_body, publishes=True)

    bodies = get_json(client, reverse("oparl_body_list"), **since(start))
    meetings = listed(client, "oparl_body_meetings", public_body, **since(start))
    assert [(b["name"], b.get("deleted")) for b in bodies["data"]] == [
        ("Sunderland Innovation and Improvement Group", None)
    ]
    assert (len(meetings), gone(meetings)) == (5, [])
    assert get_json(client, api("oparl_meeting", record.signed.pk)).get("deleted") is None


def test_a_membership_deleted_takes_out_a_person_who_is_listed_for_nothing_else(
    client, record, public_body
):
    newcomer = PersonFactory(name="Nina Newcomer")
    membership = MembershipFactory(person=newcomer, body=public_body)
    start = timezone.now()

    Membership.objects.get(pk=membership.pk).delete()

    assert gone(listed(client, "oparl_body_memberships", public_body, **since(start))) == [
        ("Membership", api("oparl_membership", membership.pk))
    ]
    assert gone(listed(client, "oparl_body_people", public_body, **since(start))) == [
        ("Person", api("oparl_person", newcomer.pk))
    ]


def test_a_person_merged_into_another_is_gone_and_the_one_kept_moves_on(
    client, record, public_body, people
):
    from directory.services import person_merge
    from partners.rules import person_for

    keep = person_for(people.member)
    duplicate = PersonFactory(name="G. Gibson")
    MembershipFactory(person=duplicate, body=public_body, role=Membership.Role.ADVISOR)
    duplicate_url = api("oparl_person", duplicate.pk)
    start = timezone.now()

    person_merge(keep=keep, duplicate=duplicate)

    listed_people = listed(client, "oparl_body_people", public_body, **since(start))
    assert [(p["id"], p.get("deleted")) for p in listed_people] == [
        (api("oparl_person", keep.pk), None),
        (duplicate_url, True),
    ]


def test_a_refused_delete_leaves_no_tombstone(record):
    # The signed minutes' items cannot go: the guard refuses and the transaction rolls back.
    # (Counted from before: another module's teardown may have left its own in the database.)
    before = Tombstone.objects.count()
    with pytest.raises(RecordLocked), transaction.atomic():
        AgendaItem.objects.get(pk=record.open_item.pk).delete()

    assert Tombstone.objects.count() == before


def test_what_was_never_public_leaves_no_tombstone(record):
    before = Tombstone.objects.count()
    Meeting.objects.get(pk=record.private_meeting.pk).delete()
    later_item = AgendaItem.objects.get(meeting=record.later)
    paper_delete(paper=later_item.papers.get())
    item_delete(item=later_item)

    assert Tombstone.objects.count() == before


def test_modified_until_keeps_out_what_changed_or_went_after_it(client, record, public_body):
    start = timezone.now()
    budget = AgendaItem.objects.get(meeting=record.drafted)
    item_update(item=budget, title="Budget monitoring, quarter 3")
    middle = timezone.now()
    added = item_add(meeting=record.upcoming, title="Broadband roll-out")
    paper = Paper.objects.get(reference="Paper A")
    pk = paper.pk
    paper_delete(paper=paper)

    window = {"modified_since": start.isoformat(), "modified_until": middle.isoformat()}
    items_then = listed(client, "oparl_body_agenda_items", public_body, **window)
    papers_then = listed(client, "oparl_body_papers", public_body, **window)
    items_since = listed(client, "oparl_body_agenda_items", public_body, **since(middle))
    papers_since = listed(client, "oparl_body_papers", public_body, **since(middle))
    meetings_until = listed(
        client, "oparl_body_meetings", public_body, modified_until=start.isoformat()
    )

    assert [i["name"] for i in items_then] == ["Budget monitoring, quarter 3"]
    assert papers_then == []
    # The paper's item moved on when the paper went; the new item is new.
    assert [(i["id"], i.get("deleted")) for i in items_since] == [
        (api("oparl_agenda_item", record.agenda_item.pk), None),
        (api("oparl_agenda_item", added.pk), None),
    ]
    assert gone(papers_since) == [("Paper", api("oparl_paper", pk))]
    # Untouched since the start: the signed, circulated and later meetings, not the two edited.
    assert [m["id"] for m in meetings_until] == [
        api("oparl_meeting", m.pk) for m in (record.signed, record.circulated, record.later)
    ]


def test_the_schemas_hold_a_deleted_object_to_what_oparl_keeps_of_it():
    tombstone = {
        "id": f"{BASE}/api/oparl/v1/person/1/",
        "type": OPARL + "Person",
        "modified": "2026-11-25T12:00:00+00:00",
        "deleted": True,
    }

    validate(tombstone, "Person")
    with pytest.raises(AssertionError):
        validate({**tombstone, "name": "Jessica May"}, "Person")
    with pytest.raises(AssertionError):
        validate({**tombstone, "deleted": False}, "Person")


def test_a_window_that_ends_before_it_starts_answers_400(client, public_body):
    now = timezone.now()
    response = client.get(
        reverse("oparl_body_meetings", args=[public_body.pk]),
        {"modified_since": now.isoformat(), "modified_until": (now - dt.timedelta(1)).isoformat()},
    )

    assert (response.status_code, response.json()["message"]) == (
        400,
        "modified_since must not be later than modified_until",
    )


@pytest.mark.parametrize("name", ["oparl_body_meetings", "oparl_body_files", "oparl_body_papers"])
def test_list_with_tombstones_reads_in_the_same_number_of_queries(client, public_body, today, name):
    start = timezone.now() - dt.timedelta(seconds=1)

    def grow_and_remove(n):
        for i in range(n):
            meeting = meeting_create(
                body=public_body,
                date=today - dt.timedelta(days=40 + i),
                venue="Civic Centre",
                with_standing_items=False,
            )
            item = item_add(meeting=meeting, title=f"Item {i}")
            paper_add(item=item, reference=f"P{i}", upload=pdf_upload(f"p{i}.pdf", f"Paper {i}"))
            Meeting.objects.get(pk=meeting.pk).delete()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(name, args=[public_body.pk]), since(start))
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.json()["data"])

    small, small_rows = grow_and_remove(2)
    large, large_rows = grow_and_remove(10)

    assert (small, small_rows < large_rows) == (large, True)
