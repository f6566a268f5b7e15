"""The meeting page's data (``portal.selectors.meeting_page``): each item with its declarations
and approvals of earlier minutes, loose ones where the minutes put them, the papers in agenda
order, the register by category; confidential business only for those who may see it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import AgendaItem, Attendance, Declaration, MinutesApproval, Paper
from partners.rules import person_for
from portal.selectors import meeting_page
from tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(body):
    meeting = MeetingFactory(body=body, date=dt.date(2026, 11, 9))
    AgendaItemFactory(
        meeting=meeting, position=1, number="1", kind=AgendaItem.Kind.PREVIOUS_MINUTES
    )
    plan = AgendaItemFactory(meeting=meeting, position=2, number="2", title="Plan")
    secret = AgendaItemFactory(
        meeting=meeting, position=3, number="3", title="Tender", confidential=True
    )
    jo, al = PersonFactory(name="Jo Bloggs"), PersonFactory(name="Al Smith")
    AttendanceFactory(
        meeting=meeting, person=jo, category=Attendance.Category.PRESENT, chaired=True
    )
    AttendanceFactory(meeting=meeting, person=al, category=Attendance.Category.APOLOGIES)
    Declaration.objects.create(meeting=meeting, person=jo, item=plan, interest="Trustee")
    Declaration.objects.create(meeting=meeting, person=al, interest="Employee")
    Declaration.objects.create(meeting=meeting, person=al, item=secret, interest="Bidder")
    earlier = MeetingFactory(body=body, date=dt.date(2026, 10, 1))
    MinutesApproval.objects.create(meeting=meeting, previous_meeting=earlier)
    Paper.objects.create(item=plan, reference="Paper 2")
    Paper.objects.create(item=secret, reference="Paper 3")
    return meeting


def _shape(page):
    return {
        "items": [
            (
                n.item.number,
                [d.interest for d in n.item.item_declarations],
                [a.previous_meeting.date for a in n.item.item_approvals],
            )
            for n in page.items
        ],
        "loose": [d.interest for d in page.loose_declarations],
        "papers": [(item.number, paper.reference) for item, paper in page.papers],
        "sections": [(s["label"], len(s["groups"][0][1])) for s in page.attendance_sections],
        "chair": page.chair.person.name,
    }


def test_member_sees_every_item_decorated(meeting, member_user):
    assert _shape(meeting_page(meeting=meeting, user=member_user)) == {
        "items": [
            ("1", [], [dt.date(2026, 10, 1)]),
            ("2", ["Trustee"], []),
            ("3", ["Bidder"], []),
        ],
        "loose": ["Employee"],
        "papers": [("2", "Paper 2"), ("3", "Paper 3")],
        "sections": [("Present", 1), ("Apologies", 1)],
        "chair": "Jo Bloggs",
    }


def test_query_count_does_not_grow_with_items(body, meeting, member_user):
    def count(m):
        with CaptureQueriesContext(connection) as ctx:
            meeting_page(meeting=m, user=member_user)
        return len(ctx.captured_queries)

    count(meeting)  # the first asks for the user's memberships, then kept on the user
    small = count(meeting)
    for n in range(20):
        item = AgendaItemFactory(meeting=meeting, position=10 + n, number=str(10 + n))
        Paper.objects.create(item=item, reference=f"Paper {n}")
        Declaration.objects.create(
            meeting=meeting, person=person_for(member_user), item=item, interest="x"
        )

    assert count(meeting) == small
