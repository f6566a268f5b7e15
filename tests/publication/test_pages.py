"""The public portal's pages: what each shows, to anyone, and in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Meeting
from meetings.publication import agenda_notice, agenda_publication_date
from meetings.services import (
    attendance_record,
    decision_add,
    item_add,
    meeting_create,
    paper_add,
)
from partners.models import Membership
from partners.rules import person_for
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

from .conftest import mark_signed, pdf_upload


def lines(response, key):
    return [
        (line.meeting.date, line.agenda_public, line.minutes_public)
        for line in response.context[key]
    ]


def test_home_lists_only_bodies_that_publish(client, record, public_body, today):
    BodyFactory(name="Another Public Board", publishes=True)

    response = client.get(reverse("public_home"))

    assert [(b.name, b.next_meeting_date) for b in response.context["bodies"]] == [
        ("Another Public Board", None),
        ("Sunderland Innovation and Improvement Group", today + dt.timedelta(days=3)),
    ]


def test_body_page_shows_what_of_each_meeting_is_public(client, record, public_body, today):
    response = client.get(reverse("public_body", args=[public_body.slug]))

    assert lines(response, "upcoming") == [
        (today + dt.timedelta(days=3), True, False),
        (today + dt.timedelta(days=20), False, False),
    ]
    assert lines(response, "past") == [
        (today - dt.timedelta(days=2), True, False),
        (today - dt.timedelta(days=9), True, False),
        (today - dt.timedelta(days=30), True, True),
    ]
    assert [(m.person.name, m.get_role_display()) for m in response.context["members"]] == [
        ("Jessica May", "Chair"),
        ("Gillian Gibson", "Member"),
        ("Neil Revely", "Member"),
        ("Sam Secretary", "Secretariat"),
    ]
    assert (
        response.context["webcal_url"]
        == "webcal://"
        + (f"127.0.0.1:8000/public/bodies/{public_body.slug}/calendar.ics").split("://")[-1]
    )
    publish_on = agenda_publication_date(record.later).strftime("%-d %b %Y")
    text = response.content.decode()
    assert (text.count(f"Agenda from {publish_on}"), text.count("Minutes to follow")) == (1, 2)


def test_upcoming_meeting_shows_its_agenda_with_the_exempt_item_by_heading(client, record):
    response = client.get(reverse("public_meeting", args=[record.upcoming.pk]))
    page = response.context["page"]

    assert (response.context["tab"], page.agenda_public, page.minutes_public) == (
        "agenda",
        True,
        False,
    )
    assert [(n.item.number, n.item.title, n.item.confidential) for n in page.items] == [
        ("1", "Digital inclusion", False),
        ("2", "Contract award", True),
    ]
    assert [(item.title, paper.reference) for item, paper in page.papers] == [
        ("Digital inclusion", "Paper A")
    ]
    text = response.content.decode()
    assert ("Exempt" in text, "Considered in private" in text) == (True, True)


def test_exempt_item_shows_its_schedule_12a_paragraph(client, record):
    item = record.upcoming.items.get(title="Contract award")
    AgendaItem.objects.filter(pk=item.pk).update(exempt_paragraph=3)

    response = client.get(reverse("public_meeting", args=[record.upcoming.pk]))

    assert "Exempt: paragraph 3 of Schedule 12A" in response.content.decode()


def test_signed_meeting_opens_on_its_public_minutes(client, record):
    response = client.get(reverse("public_meeting", args=[record.signed.pk]))
    document = response.context["minutes_document"]

    assert (response.context["tab"], "Public version" in document) == ("minutes", True)
    assert [
        ("The outcomes framework was agreed." in document),
        ("Staffing restructure" in document),
        ("This item was considered in private." in document),
        ("Consultation timetable" in document),
    ] == [True, True, True, True]


def test_decisions_register_has_signed_open_decisions_only(client, record, public_body):
    response = client.get(reverse("public_decisions", args=[public_body.slug]))

    assert [d.text for d in response.context["page"]] == [
        "<p>The outcomes framework was agreed.</p>"
    ]


def test_decisions_register_search_matches_every_word(client, record, public_body):
    url = reverse("public_decisions", args=[public_body.slug])

    found = client.get(url, {"q": "outcomes agreed"}).context["page"]
    missing = client.get(url, {"q": "outcomes rejected"}).context["page"]

    assert ([d.item.title for d in found], list(missing)) == (["Strategy refresh"], [])


def test_attendance_counts_meetings_with_signed_minutes_only(
    client, record, people, public_body, today
):
    deputy = PersonFactory(name="Dee Deputy")
    later = meeting_create(
        body=public_body,
        date=today - dt.timedelta(days=20),
        with_register=False,
        with_standing_items=False,
    )
    attendance_record(meeting=later, person=person_for(people.chair), category="present")
    attendance_record(meeting=later, person=person_for(people.member), category="apologies")
    attendance_record(
        meeting=later, person=deputy, category="present", substitute_for=person_for(people.member)
    )
    item_add(meeting=later, title="Anything")
    mark_signed(later)
    # Unsigned minutes do not count: the member is on the drafted meeting's register too.

    response = client.get(reverse("public_attendance", args=[public_body.slug]))

    assert response.context["meeting_count"] == 2
    assert [
        (line.person.name, line.roles, line.due, line.attended, line.deputised)
        for line in response.context["lines"]
    ] == [
        ("Gillian Gibson", ["Member"], 2, 1, 1),
        ("Jessica May", ["Chair"], 2, 2, 0),
        ("Neil Revely", ["Member"], 1, 0, 0),
        ("Sam Secretary", ["Secretariat"], 0, 0, 0),
    ]
    assert "1 of 2" in response.content.decode()


def test_search_finds_the_public_record_by_kind(client, record):
    response = client.get(reverse("public_search"), {"q": "framework"})

    groups = {g.key: [h.title for h in g.hits] for g in response.context["results"].groups}
    assert groups == {
        "meetings": [],
        "items": [],
        "papers": ["Paper 1"],
        "decisions": ["Agreed: item 1 Strategy refresh"],
        "minutes": ["1 Strategy refresh"],
    }


def test_search_can_be_narrowed_to_one_body(client, record, today):
    other = BodyFactory(name="Gloucester Partnership", publishes=True)
    meeting = meeting_create(
        body=other, date=today - dt.timedelta(days=1), with_standing_items=False
    )
    item_add(meeting=meeting, title="Digital inclusion in Gloucester")

    everywhere = client.get(reverse("public_search"), {"q": "digital inclusion"})
    narrowed = client.get(reverse("public_search"), {"q": "digital inclusion", "body": other.slug})

    def titles(response):
        return [h.title for g in response.context["results"].groups for h in g.hits]

    assert titles(everywhere) == [
        "1 Digital inclusion",
        "1 Digital inclusion in Gloucester",
        "Paper A",
    ]
    assert titles(narrowed) == ["1 Digital inclusion in Gloucester"]


# The secretariat's warning on the meeting page --------------------------------------------------


def _notice_text(client, user, meeting):
    client.force_login(user)
    response = client.get(reverse("meeting_detail", args=[meeting.pk]))
    notice = response.context.get("agenda_notice")
    return notice


def test_secretariat_is_told_when_the_agenda_goes_public(client, record, people):
    notice = _notice_text(client, people.secretariat, record.later)

    assert (notice.published, notice.late, notice.problems) == (False, False, [])
    assert notice.publish_on == agenda_publication_date(record.later)


def test_secretariat_is_warned_when_the_agenda_is_late(client, people, public_body, today):
    meeting = meeting_create(
        body=public_body, date=today + dt.timedelta(days=2), with_standing_items=False
    )

    notice = _notice_text(client, people.secretariat, meeting)
    response = client.get(reverse("meeting_detail", args=[meeting.pk]))

    assert (notice.published, notice.late) == (True, True)
    assert notice.problems == [
        "The agenda has no items, 5 clear days before the meeting.",
        f"The meeting was arranged on {timezone.localdate():%-d %B %Y}, after the agenda was due.",
    ]
    assert "Agenda late." in response.content.decode()


def test_papers_added_after_publication_make_the_agenda_late(people, public_body, today):
    meeting = meeting_create(
        body=public_body, date=today + dt.timedelta(days=2), with_standing_items=False
    )
    item = item_add(meeting=meeting, title="Budget")
    Meeting.objects.filter(pk=meeting.pk).update(created_at=timezone.now() - dt.timedelta(days=20))
    from meetings.models import AgendaItem

    AgendaItem.history.filter(meeting_id=meeting.pk).update(
        history_date=timezone.now() - dt.timedelta(days=20)
    )
    paper_add(item=item, reference="Paper 1", upload=pdf_upload("late.pdf", "Late"))
    meeting.refresh_from_db()

    notice = agenda_notice(meeting)

    assert (notice.late, notice.problems) == (True, ["1 paper was added after that day."])


def test_members_and_bodies_that_do_not_publish_get_no_notice(client, record, people, db):
    assert _notice_text(client, people.member, record.later) is None
    private = BodyFactory(name="Private Board")
    user = people.secretariat
    MembershipFactory(person=person_for(user), body=private, role=Membership.Role.SECRETARIAT)
    meeting = meeting_create(body=private, date=timezone.localdate() + dt.timedelta(days=2))
    assert _notice_text(client, user, meeting) is None


# Query counts ----------------------------------------------------------------------------------


def _grow(body, today, n, chair):
    for i in range(n):
        person = PersonFactory()
        MembershipFactory(person=person, body=body)
        meeting = meeting_create(
            body=body,
            date=today - dt.timedelta(days=40 + i),
            start_time=dt.time(10),
            with_register=False,
            with_standing_items=False,
        )
        attendance_record(meeting=meeting, person=chair, category=Attendance.Category.PRESENT)
        attendance_record(meeting=meeting, person=person, category=Attendance.Category.APOLOGIES)
        item = item_add(meeting=meeting, title=f"Outcomes {i}", minutes="<p>Outcomes noted.</p>")
        decision_add(item=item, text=f"<p>Outcomes agreed {i}.</p>")
        paper_add(item=item, reference=f"Paper {i}", title="Outcomes")
        item_add(meeting=meeting, title="Exempt", confidential=True)
        mark_signed(meeting)
        upcoming = meeting_create(
            body=body, date=today + dt.timedelta(days=2 + i), with_standing_items=False
        )
        item_add(meeting=upcoming, title=f"Outcomes ahead {i}")


@pytest.mark.parametrize(
    ("name", "args", "params"),
    [
        ("public_home", False, {}),
        ("public_body", True, {}),
        ("public_decisions", True, {}),
        ("public_decisions", True, {"q": "outcomes"}),
        ("public_attendance", True, {}),
        ("public_search", False, {"q": "outcomes"}),
        ("public_body_calendar", True, {}),
    ],
)
def test_page_query_count_is_fixed_with_3_or_30_meetings(
    client, people, public_body, today, name, args, params
):
    chair = person_for(people.chair)
    url = reverse(name, args=[public_body.slug] if args else None)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    _grow(public_body, today, 3, chair)
    small = count()
    _grow(public_body, today, 27, chair)
    large = count()

    assert small == large


@pytest.mark.parametrize("tab", ["agenda", "minutes"])
def test_meeting_page_query_count_is_fixed_with_2_or_20_items(
    client, people, public_body, today, tab
):
    def count(n):
        meeting = meeting_create(
            body=public_body,
            date=today - dt.timedelta(days=n),
            with_register=False,
            with_standing_items=False,
        )
        for i in range(n):
            item = item_add(meeting=meeting, title=f"Item {i}", minutes="<p>Noted.</p>")
            decision_add(item=item, text="<p>Agreed.</p>")
            paper_add(item=item, reference=f"Paper {i}")
            item_add(meeting=meeting, title=f"Exempt {i}", confidential=True)
            attendance_record(meeting=meeting, person=PersonFactory(), category="present")
        mark_signed(meeting)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("public_meeting", args=[meeting.pk]), {"tab": tab})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    assert count(2) == count(20)
