"""Circulating draft minutes with the day accuracy comments are due: chosen by the secretariat
(14 days on unless the next meeting comes sooner), never past, never after the next meeting,
kept on the meeting and shown on the review page. A refused day leaves the draft as it was."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from notices.models import Circulation, NoticeBatch
from records import services as lifecycle
from tests.factories import MeetingFactory
from tests.html import by_class, texts

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def untouched(meeting: Meeting) -> tuple:
    meeting.refresh_from_db()
    return (
        meeting.status,
        meeting.circulated_at,
        meeting.comments_due,
        Circulation.objects.count(),
        NoticeBatch.objects.count(),
    )


def test_circulating_keeps_the_chosen_day_on_the_meeting_and_the_circulation(
    draft, secretariat_user
):
    due = today() + dt.timedelta(days=10)

    with TestCase.captureOnCommitCallbacks(execute=True):
        lifecycle.minutes_circulate(meeting=draft, user=secretariat_user, comments_due=due)

    draft.refresh_from_db()
    assert (draft.status, draft.comments_due) == (Meeting.Status.CIRCULATED, due)
    assert list(Circulation.objects.values_list("meeting_id", "comments_due")) == [(draft.pk, due)]


def test_without_a_day_comments_are_due_14_days_on(draft, secretariat_user):
    lifecycle.minutes_circulate(meeting=draft, user=secretariat_user)

    draft.refresh_from_db()
    assert draft.comments_due == today() + dt.timedelta(days=14)


def test_without_a_day_comments_are_due_by_a_next_meeting_that_comes_sooner(
    draft, secretariat_user
):
    MeetingFactory(body=draft.body, date=today() + dt.timedelta(days=6))

    lifecycle.minutes_circulate(meeting=draft, user=secretariat_user)

    draft.refresh_from_db()
    assert draft.comments_due == today() + dt.timedelta(days=6)


def test_a_day_that_has_passed_is_refused_beside_the_field_and_nothing_is_saved(
    draft, secretariat_user
):
    before = untouched(draft)

    with pytest.raises(ValidationError) as exc, TestCase.captureOnCommitCallbacks(execute=True):
        lifecycle.minutes_circulate(
            meeting=draft, user=secretariat_user, comments_due=today() - dt.timedelta(days=1)
        )

    assert exc.value.message_dict == {
        "comments_due": [
            f"That day has passed: comments can be due today, {long(today())}, or later."
        ]
    }
    assert untouched(draft) == before == (Meeting.Status.DRAFT, None, None, 0, 0)


def test_a_day_after_the_next_meeting_is_refused_and_its_day_is_accepted(draft, secretariat_user):
    next_day = today() + dt.timedelta(days=8)
    MeetingFactory(body=draft.body, date=next_day)
    MeetingFactory(date=today() + dt.timedelta(days=2))  # another body's meeting: no limit

    with pytest.raises(ValidationError) as exc:
        lifecycle.minutes_circulate(
            meeting=draft, user=secretariat_user, comments_due=next_day + dt.timedelta(days=1)
        )
    refused = untouched(draft)
    lifecycle.minutes_circulate(meeting=draft, user=secretariat_user, comments_due=next_day)

    assert exc.value.message_dict == {
        "comments_due": [
            f"Comments must be in by the next meeting, on {long(next_day)}, "
            "which approves the minutes."
        ]
    }
    assert refused == (Meeting.Status.DRAFT, None, None, 0, 0)
    draft.refresh_from_db()
    assert (draft.status, draft.comments_due) == (Meeting.Status.CIRCULATED, next_day)


def test_a_next_meeting_already_held_is_no_limit(draft, secretariat_user):
    MeetingFactory(body=draft.body, date=today() - dt.timedelta(days=1))
    due = today() + dt.timedelta(days=20)

    lifecycle.minutes_circulate(meeting=draft, user=secretariat_user, comments_due=due)

    draft.refresh_from_db()
    assert draft.comments_due == due


# The pages ---------------------------------------------------------------------------------


def test_review_page_offers_the_day_beside_the_circulate_button(client, draft, secretariat_user):
    next_day = today() + dt.timedelta(days=9)
    MeetingFactory(body=draft.body, date=next_day)
    client.force_login(secretariat_user)

    response = client.get(reverse("minutes_review", args=[draft.pk]))

    form = response.content.decode()
    assert response.status_code == 200
    assert texts(response, "//form[contains(@class, 'signoff-circulate')]") == [
        "Comments due by Circulate to members"
    ]
    assert (
        f'<input type="date" name="comments_due" value="{next_day.isoformat()}" '
        f'class="form-control form-control-sm" min="{today().isoformat()}" '
        f'max="{next_day.isoformat()}" required id="id_comments_due">'
    ) in form


def test_circulate_page_asks_for_the_day_with_14_days_on_filled_in(client, draft, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("minutes_circulate", args=[draft.pk]))

    assert response.status_code == 200
    assert response.context["form"]["comments_due"].value() == today() + dt.timedelta(days=14)
    assert texts(response, "//h1") == ["Circulate the draft minutes"]
    assert texts(response, "//main//p[not(@data-busy-status)]")[-1] == (
        "No next meeting is arranged yet: comments can be due on any day from today."
    )


def test_circulating_from_the_page_shows_the_day_on_the_review_page(
    client, draft, secretariat_user
):
    due = today() + dt.timedelta(days=12)
    client.force_login(secretariat_user)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("minutes_circulate", args=[draft.pk]),
            {"comments_due": due.isoformat()},
            follow=True,
        )

    assert response.redirect_chain == [(reverse("minutes_review", args=[draft.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"The draft minutes have been circulated to members, with accuracy comments due by "
        f"{long(due)}."
    ]
    [panel] = texts(response, "//section[contains(@class, 'signoff-panel')]//p[1]")
    assert panel == (
        f"Circulated {today().day} {today():%B %Y}. Accuracy comments are due by {long(due)}. "
        "Members can send accuracy comments item by item; the minutes are then approved, "
        "normally at the next meeting."
    )
    assert Circulation.objects.get(meeting=draft).comments_due == due


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Enter the day accuracy comments are due by."),
        ("next week", "Enter a date, such as 9 November 2026."),
        ("past", "That day has passed: comments can be due today, {today}, or later."),
        (
            "after",
            "Comments must be in by the next meeting, on {next}, which approves the minutes.",
        ),
    ],
)
def test_a_bad_day_is_shown_beside_the_field_and_nothing_is_circulated(
    client, draft, secretariat_user, typed, error
):
    next_day = today() + dt.timedelta(days=5)
    MeetingFactory(body=draft.body, date=next_day)
    days = {
        "past": today() - dt.timedelta(days=1),
        "after": next_day + dt.timedelta(days=1),
    }
    value = days[typed].isoformat() if typed in days else typed
    client.force_login(secretariat_user)

    response = client.post(reverse("minutes_circulate", args=[draft.pk]), {"comments_due": value})

    assert response.status_code == 200
    assert texts(response, by_class("invalid-feedback")) == [
        error.format(today=long(today()), next=long(next_day))
    ]
    assert texts(response, "//*[@id='id_comments_due']/following-sibling::*[1]") == [
        error.format(today=long(today()), next=long(next_day))
    ]
    assert untouched(draft) == (Meeting.Status.DRAFT, None, None, 0, 0)


def test_the_circulate_page_is_the_secretariats(client, draft, member_user, chair_user):
    statuses = []
    for user in (member_user, chair_user):
        client.force_login(user)
        statuses.append(client.get(reverse("minutes_circulate", args=[draft.pk])).status_code)

    assert statuses == [404, 404]


def test_the_circulate_page_says_why_when_the_minutes_are_out_already(
    client, draft, secretariat_user
):
    lifecycle.minutes_circulate(meeting=draft, user=secretariat_user)
    client.force_login(secretariat_user)

    response = client.get(reverse("minutes_circulate", args=[draft.pk]), follow=True)

    assert response.redirect_chain == [(reverse("minutes_review", args=[draft.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Only draft minutes can be circulated; these are circulated for accuracy."
    ]
