"""A member who has left keeps the meetings of their time: confidential items are for members of
the body, current or members on the meeting's date (issue #9). The body's page, its lists and
later meetings are for current members only; the draft of a meeting is not theirs to read."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actions.services import action_create
from meetings.models import Meeting
from meetings.services import item_add, paper_add
from partners.models import Membership
from tests.factories import MeetingFactory, MembershipFactory, PersonFactory, UserFactory
from tests.security.world import tiny_pdf

pytestmark = pytest.mark.django_db


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def _meeting(body, *, when, status=Meeting.Status.CIRCULATED, secret_title="Estates disposal"):
    """A meeting with an exempt item (minutes, paper and action) and an open one. Written as a
    draft, then given ``status`` (the services refuse writes to a circulated meeting)."""
    meeting = MeetingFactory(body=body, date=when)
    secret = item_add(
        meeting=meeting,
        title=secret_title,
        confidential=True,
        exempt_paragraph=3,
        minutes="<p>Offers from two bidders were considered.</p>",
    )
    item_add(meeting=meeting, title="Annual report", minutes="<p>The report was noted.</p>")
    paper = paper_add(
        item=secret,
        title="Valuation",
        upload=SimpleUploadedFile("valuation.pdf", tiny_pdf("valuation"), "application/pdf"),
    )
    action = action_create(
        meeting=meeting,
        item=secret,
        description="Instruct the agents",
        owners=[],
        owner_to_be_confirmed=True,
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    return meeting, paper, action


@pytest.fixture
def former(body, client):
    """Left the body 60 days ago, having joined a year before."""
    person = PersonFactory(name="Fran Former", user=UserFactory())
    MembershipFactory(
        person=person,
        body=body,
        role=Membership.Role.MEMBER,
        start_date=days_ago(425),
        end_date=days_ago(60),
    )
    client.force_login(person.user)
    return person


def _get(client, name, pk, **params):
    return client.get(reverse(name, args=[pk]), params)


def test_former_member_reads_the_exempt_item_of_a_meeting_of_their_time(client, body, former):
    meeting, paper, action = _meeting(body, when=days_ago(120))

    page = _get(client, "meeting_detail", meeting.pk, tab="minutes")
    download = _get(client, "paper_download", paper.pk)
    action_page = _get(client, "action_detail", action.pk)

    text = page.content.decode()
    assert (page.status_code, download.status_code, action_page.status_code) == (200, 200, 200)
    assert [
        "Offers from two bidders were considered." in text,
        "Exempt: paragraph 3 of Schedule 12A" in text,
    ] == [True, True]


def test_former_member_does_not_see_a_meeting_after_they_left(client, body, former):
    meeting, paper, action = _meeting(body, when=days_ago(10))

    answers = [
        _get(client, "meeting_detail", meeting.pk).status_code,
        _get(client, "paper_download", paper.pk).status_code,
        _get(client, "action_detail", action.pk).status_code,
    ]

    assert answers == [404, 404, 404]


def test_former_member_does_not_see_a_meeting_before_they_joined(client, body, former):
    meeting, _, _ = _meeting(body, when=days_ago(500))

    assert _get(client, "meeting_detail", meeting.pk).status_code == 404


def test_former_member_no_longer_has_the_body_page(client, body, former):
    _meeting(body, when=days_ago(120))

    response = client.get(reverse("body_detail", args=[body.slug]))

    assert response.status_code == 404


def test_former_member_sees_the_agenda_but_not_the_draft_of_a_meeting_of_their_time(
    client, body, former
):
    meeting, _, action = _meeting(body, when=days_ago(90), status=Meeting.Status.DRAFT)

    agenda = _get(client, "meeting_detail", meeting.pk, tab="agenda")
    minutes = _get(client, "meeting_detail", meeting.pk, tab="minutes")

    assert (agenda.status_code, minutes.status_code) == (200, 200)
    assert [
        "Estates disposal" in agenda.content.decode(),
        "Offers from two bidders were considered." in minutes.content.decode(),
        _get(client, "action_detail", action.pk).status_code,
    ] == [True, False, 404]


def test_members_meeting_page_gives_the_reason_an_item_is_exempt(client, body, member_user):
    meeting, _, _ = _meeting(body, when=days_ago(20))
    client.force_login(member_user)

    agenda = _get(client, "meeting_detail", meeting.pk, tab="agenda").content.decode()

    assert "Exempt: paragraph 3 of Schedule 12A" in agenda


def test_former_member_finds_the_meetings_of_their_time_on_the_home_page(client, body, former):
    theirs, _, _ = _meeting(body, when=days_ago(120))
    _meeting(body, when=days_ago(20))  # after they left
    _meeting(body, when=days_ago(500))  # before they joined

    response = client.get(reverse("home"))

    assert [m.pk for m in response.context["data"].of_their_time] == [theirs.pk]
    assert reverse("meeting_detail", args=[theirs.pk]) in response.content.decode()
    assert "You are not a member of any body now." in response.content.decode()


def test_a_current_member_has_no_meetings_of_their_time_on_the_home_page(client, body, member_user):
    _meeting(body, when=days_ago(120))
    client.force_login(member_user)

    assert client.get(reverse("home")).context["data"].of_their_time == []
