"""The sign-off steps: the chair's home lists minutes awaiting her approval and signature, and
each step has one name, shown only to those who may act on it."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings.models import Meeting
from partners.models import Membership, Person
from tests.conftest import make_login
from tests.factories import AttendanceFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db
STEPS = ("Sign-off", "Check the draft", "Review and sign")


def _meeting_links(response, heading_id):
    html = response.content.decode()
    section = html.split(f'aria-labelledby="{heading_id}"', 1)
    if len(section) == 1:
        return None
    block = section[1].split("</section>", 1)[0]
    return [
        int(part.split("/", 1)[0])
        for part in block.split('href="/meetings/')[1:]
        if part.split("/", 1)[0].isdigit()
    ]


@pytest.fixture
def lifecycle(body):
    circulated = MeetingFactory(
        body=body, date=dt.date(2026, 10, 1), status=Meeting.Status.CIRCULATED
    )
    approved = MeetingFactory(body=body, date=dt.date(2026, 9, 1), status=Meeting.Status.APPROVED)
    elsewhere = MeetingFactory(date=dt.date(2026, 9, 2), status=Meeting.Status.APPROVED)
    return circulated, approved, elsewhere


def test_chair_home_lists_minutes_awaiting_approval_and_signature(client, chair_user, lifecycle):
    circulated, approved, _ = lifecycle
    client.force_login(chair_user)
    response = client.get(reverse("home"))
    assert (
        _meeting_links(response, "drafts-heading"),
        _meeting_links(response, "approval-heading"),
        _meeting_links(response, "signature-heading"),
    ) == (None, [circulated.pk], [approved.pk])


def test_whoever_chaired_sees_the_minutes_awaiting_their_signature(client, body, lifecycle):
    _, approved, elsewhere = lifecycle
    user = make_login(body, Membership.Role.MEMBER, name="Ashley Green")
    AttendanceFactory(meeting=approved, person=Person.objects.get(user=user), chaired=True)
    AttendanceFactory(meeting=elsewhere, person=PersonFactory(), chaired=True)
    client.force_login(user)
    response = client.get(reverse("home"))
    assert (
        _meeting_links(response, "approval-heading"),
        _meeting_links(response, "signature-heading"),
    ) == (None, [approved.pk])


def test_member_home_shows_neither(client, member_user, lifecycle):
    client.force_login(member_user)
    response = client.get(reverse("home"))
    assert (
        _meeting_links(response, "approval-heading"),
        _meeting_links(response, "signature-heading"),
    ) == (None, None)


def _steps_shown(client, user, meeting):
    client.force_login(user)
    html = client.get(reverse("meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    toolbar = html.split('class="meeting-toolbar', 1)[1].split("</div>\n", 1)[0]
    return [step for step in STEPS if f">{step}</a>" in toolbar]


@pytest.mark.parametrize(
    ("who", "circulated_steps", "approved_steps"),
    [
        ("member_user", ["Check the draft"], []),
        ("secretariat_user", ["Check the draft"], []),
        ("chair_user", ["Check the draft"], ["Review and sign"]),
    ],
)
def test_each_step_has_one_name_shown_to_those_who_may_act(
    client, lifecycle, request, who, circulated_steps, approved_steps
):
    circulated, approved, _ = lifecycle
    user = request.getfixturevalue(who)
    assert (
        _steps_shown(client, user, circulated),
        _steps_shown(client, user, approved),
    ) == (circulated_steps, approved_steps)


def test_no_step_on_a_draft(client, body, chair_user):
    draft = MeetingFactory(body=body, date=dt.date(2026, 10, 1))
    assert _steps_shown(client, chair_user, draft) == []
