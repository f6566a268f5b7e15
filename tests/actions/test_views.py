import csv
import datetime as dt
import io

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from actions import tokens
from actions.models import Action, ActionOwner, ActionUpdate
from partners.models import Membership
from partners.templatetags.minutebook import ukdate
from tests.factories import (
    ActionOwnerFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
from tests.html import by_class, texts

pytestmark = pytest.mark.django_db


def descriptions(response):
    return [a.description for a in response.context["actions"]]


def test_my_actions_orders_overdue_then_due_soon_then_later_then_no_date(
    client, member, make_action
):
    make_action(member, days=None, description="No date")
    make_action(member, days=30, description="Later")
    make_action(member, days=3, description="Soon")
    make_action(member, days=-2, description="Late")
    make_action(member, days=-9, description="Very late")
    make_action(member, days=-1, status="done", description="Finished")
    client.force_login(member.user)

    response = client.get(reverse("my_actions"))

    assert response.status_code == 200
    assert descriptions(response) == ["Very late", "Late", "Soon", "Later", "No date"]
    groups = [(g.label, len(g.actions)) for g in response.context["groups"]]
    assert groups == [("Overdue", 2), ("Due soon", 1), ("Later", 1), ("No due date", 1)]


def test_my_actions_includes_group_and_organisation_ownership_in_my_bodies_only(
    client, body, member, past_meeting, today
):
    team = TeamFactory(body=body, name="LSP working group")
    team.members.add(member)
    everyone = TeamFactory(body=body, name="All", everyone=True)
    via_team = ActionOwnerFactory(
        action__meeting=past_meeting, action__description="Team's", person=None, team=team
    ).action
    ActionOwnerFactory(
        action__meeting=past_meeting, action__description="Everyone's", person=None, team=everyone
    )
    ActionOwnerFactory(
        action__meeting=past_meeting,
        action__description="My organisation's",
        person=None,
        organisation=member.organisation,
    )
    elsewhere = MeetingFactory(body=BodyFactory(), date=today, status="circulated")
    ActionOwnerFactory(
        action__meeting=elsewhere,
        action__description="Organisation elsewhere",
        person=None,
        organisation=member.organisation,
    )
    ActionOwnerFactory(action=via_team, person=member)  # owned twice: listed once
    client.force_login(member.user)

    response = client.get(reverse("my_actions"))

    assert sorted(descriptions(response)) == ["Everyone's", "My organisation's", "Team's"]


def test_my_actions_filters_by_body_and_status_in_query_string(
    client, body, member, make_action, today
):
    other = BodyFactory(name="Executive Advisory Group", short_name="EAG")
    MembershipFactory(person=member, body=other)
    other_meeting = MeetingFactory(
        body=other, date=today - dt.timedelta(days=5), status="circulated"
    )
    make_action(member, days=2, description="SIIG open")
    make_action(member, days=2, description="SIIG in progress", status="in_progress")
    make_action(member, days=2, description="EAG open", meeting=other_meeting)
    client.force_login(member.user)

    by_body = client.get(reverse("my_actions"), {"body": other.pk})
    by_status = client.get(reverse("my_actions"), {"status": "in_progress"})

    assert descriptions(by_body) == ["EAG open"]
    assert descriptions(by_status) == ["SIIG in progress"]


def test_my_actions_done_list_shows_closed_newest_first(client, member, make_action):
    make_action(member, days=1, description="Still open")
    first = make_action(member, days=1, status="done", description="Done first")
    second = make_action(member, days=1, status="dropped", description="Dropped later")
    Action.objects.filter(pk=first.pk).update(closed_on=dt.date(2026, 1, 5))
    Action.objects.filter(pk=second.pk).update(closed_on=dt.date(2026, 2, 5))
    client.force_login(member.user)

    response = client.get(reverse("my_actions"), {"show": "done"})

    assert descriptions(response) == ["Dropped later", "Done first"]


def test_my_actions_query_count_is_fixed_with_5_or_60_actions(client, member, make_action):
    client.force_login(member.user)

    def count(n):
        for i in range(n):
            action = make_action(member, days=i - 3)
            ActionUpdate.objects.create(
                action=action,
                author=member,
                note="Going",
                status_before="open",
                status_after="open",
            )
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("my_actions"), {"per_page": 50})
        assert response.status_code == 200
        return len(ctx.captured_queries), len(texts(response, by_class("action-card", "article")))

    small_count, small_cards = count(5)
    Action.objects.all().delete()
    large_count, large_cards = count(60)

    assert (small_count, small_cards, large_cards) == (large_count, 5, 50)


def test_update_in_place_with_htmx_records_status_and_note(client, member, make_action):
    action = make_action(member, days=-3, description="Circulate criteria")
    client.force_login(member.user)

    response = client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "done", "note": "Sent to all partners"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert (
        f"Action {action.number} marked “done”. Your note was recorded."
        in response.content.decode()
    )
    update = ActionUpdate.objects.get(action=action)
    assert (update.status_before, update.status_after, update.note, update.author) == (
        "open",
        "done",
        "Sent to all partners",
        member,
    )
    action.refresh_from_db()
    assert (action.status, action.revision) == ("done", 1)


def test_update_as_plain_post_redirects_back_with_message(client, member, make_action):
    action = make_action(member, days=2)
    client.force_login(member.user)
    back = reverse("my_actions") + "?status=open"

    response = client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "in_progress", "note": "Drafting", "next": back},
        follow=True,
    )

    assert response.redirect_chain == [(back, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"Action {action.number} marked “in progress”. Your note was recorded."
    ]


def test_update_refuses_a_50000_character_note_and_saves_nothing(client, member, make_action):
    action = make_action(member, days=2)
    client.force_login(member.user)

    response = client.post(
        reverse("action_update", args=[action.pk]), {"status": "done", "note": "x" * 50_000}
    )

    assert response.status_code == 400
    assert response.context["update_form"].errors == {
        "note": ["Keep the note under 5,000 characters (it has 50,000)."]
    }
    assert ActionUpdate.objects.count() == 0
    assert Action.objects.get(pk=action.pk).status == "open"


def test_update_refuses_an_unknown_status(client, member, make_action):
    action = make_action(member, days=2)
    client.force_login(member.user)

    response = client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "finished-ish", "note": "x"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "Choose a status: open, in progress, done or dropped." in response.content.decode()
    assert ActionUpdate.objects.count() == 0


def test_update_by_someone_who_does_not_own_it_is_404(client, body, member, make_action):
    other = PersonFactory(user=UserFactory())
    MembershipFactory(person=other, body=body)
    action = make_action(member, days=2)
    client.force_login(other.user)

    response = client.post(reverse("action_update", args=[action.pk]), {"status": "done"})

    assert response.status_code == 404
    assert ActionUpdate.objects.count() == 0


def test_action_detail_shows_origin_and_history(client, member, make_action):
    action = make_action(member, days=2, description="Circulate criteria")
    ActionUpdate.objects.create(
        action=action, author=member, note="Half done", status_before="open", status_after="open"
    )
    client.force_login(member.user)

    response = client.get(reverse("action_detail", args=[action.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f'href="{reverse("meeting_detail", args=[action.meeting.pk])}#item-{action.item.pk}"'
        in html
    )
    assert "Half done" in html


def test_secretariat_edit_refuses_due_date_before_the_meeting(
    client, secretariat_user, member, make_action, past_meeting
):
    action = make_action(member, days=2)
    client.force_login(secretariat_user)

    response = client.post(
        reverse("action_edit", args=[action.pk]),
        {"owners": [f"p:{member.pk}"], "due_date": str(past_meeting.date - dt.timedelta(days=1))},
    )

    assert response.status_code == 400
    assert response.context["edit_form"].errors == {
        "due_date": [
            "The due date cannot be before the meeting the action came from "
            f"({past_meeting.date:%-d %B %Y})."
        ]
    }
    assert Action.objects.get(pk=action.pk).due_date == action.due_date


def test_secretariat_edit_refuses_an_unknown_owner(client, secretariat_user, member, make_action):
    action = make_action(member, days=2)
    stranger = PersonFactory()
    client.force_login(secretariat_user)

    response = client.post(
        reverse("action_edit", args=[action.pk]), {"owners": [f"p:{stranger.pk}"]}
    )

    assert response.status_code == 400
    assert response.context["edit_form"].errors == {
        "owners": [
            f"p:{stranger.pk} is not a known owner here: choose people, groups or "
            "organisations of this body."
        ]
    }
    assert list(ActionOwner.objects.filter(action=action).values_list("person", flat=True)) == [
        member.pk
    ]


def test_secretariat_edit_moves_due_date_and_notes_it(
    client, secretariat_user, member, make_action, today
):
    action = make_action(member, days=2)
    new_due = today + dt.timedelta(days=20)
    client.force_login(secretariat_user)

    response = client.post(
        reverse("action_edit", args=[action.pk]),
        {"owners": [f"p:{member.pk}"], "due_date": new_due.isoformat()},
    )

    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).due_date == new_due
    assert ActionUpdate.objects.get(action=action).note == (
        f"Due date changed from {action.due_date:%-d %B %Y} to {new_due:%-d %B %Y}."
    )


# Signed link --------------------------------------------------------------------------------


def test_signed_link_updates_that_action_without_login(client, member, make_action):
    action = make_action(member, days=-1, description="Circulate criteria")
    url = reverse("action_link", args=[tokens.make_token(action=action, person_id=member.pk)])

    page = client.get(url)
    response = client.post(url, {"status": "done", "note": "Sent"})

    assert page.status_code == 200
    assert response.status_code == 200
    update = ActionUpdate.objects.get(action=action)
    assert (update.author, update.via, update.status_after, update.note) == (
        member,
        "link",
        "done",
        "Sent",
    )


def test_signed_link_cannot_be_replayed_after_use(client, member, make_action):
    action = make_action(member, days=-1)
    url = reverse("action_link", args=[tokens.make_token(action=action, person_id=member.pk)])
    client.post(url, {"status": "in_progress", "note": "Started"})

    replay = client.post(url, {"status": "dropped", "note": "Replayed"})

    assert replay.status_code == 410
    assert list(ActionUpdate.objects.values_list("note", flat=True)) == ["Started"]


def test_signed_link_cannot_be_pointed_at_another_action(client, member, make_action):
    action = make_action(member, days=-1)
    other = make_action(member, days=-1)
    token = tokens.make_token(action=action, person_id=member.pk)
    # Swap the signed payload for one naming the other action, keeping the old signature.
    payload, stamp, signature = token.rsplit(":", 2)
    swapped = signing.TimestampSigner(salt=tokens.SALT).sign_object(
        {"a": other.pk, "p": member.pk, "r": 0}
    )
    tampered = ":".join([swapped.rsplit(":", 2)[0], stamp, signature])

    response = client.get(reverse("action_link", args=[tampered]))

    assert payload != swapped.rsplit(":", 2)[0]
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_signed_link_expires(client, member, make_action, settings):
    action = make_action(member, days=-1)
    token = tokens.make_token(action=action, person_id=member.pk)
    settings.ACTION_LINK_MAX_AGE_DAYS = -1

    response = client.get(reverse("action_link", args=[token]))

    assert response.status_code == 404
    assert "This link has expired." in response.content.decode()


def test_signed_link_of_a_former_owner_opens_nothing(client, member, make_action):
    action = make_action(member, days=-1)
    token = tokens.make_token(action=action, person_id=member.pk)
    ActionOwner.objects.filter(action=action).delete()

    response = client.post(reverse("action_link", args=[token]), {"status": "done"})

    assert response.status_code == 403
    assert ActionUpdate.objects.count() == 0


# Body action log, CSV, overdue summary ------------------------------------------------------


def test_body_action_log_filters_sorts_and_paginates(client, body, member, make_action):
    for i in range(30):
        make_action(member, days=i - 5, description=f"Action {i:02d}")
    make_action(member, days=-5, status="done", description="Closed one")
    client.force_login(member.user)

    overdue = client.get(
        reverse("body_actions", args=[body.slug]), {"overdue": "on", "sort": "due"}
    )
    page2 = client.get(reverse("body_actions", args=[body.slug]), {"sort": "due", "page": 2})
    fifty = client.get(reverse("body_actions", args=[body.slug]), {"per_page": 50})

    assert [a.description for a in overdue.context["page"].object_list] == [
        f"Action {i:02d}" for i in range(5)
    ]
    assert [a.description for a in page2.context["page"].object_list] == [
        "Action 24",
        "Action 25",
        "Action 26",
        "Action 27",
        "Action 28",
        "Action 29",
    ]
    assert len(fifty.context["page"].object_list) == 31


def test_body_action_log_filters_by_owner_and_meeting(client, body, member, make_action, today):
    other = PersonFactory()
    MembershipFactory(person=other, body=body)
    later = MeetingFactory(body=body, date=today, status="circulated")
    make_action(member, days=1, description="Mine")
    make_action(other, days=1, description="Theirs")
    make_action(other, days=1, description="Theirs later", meeting=later)
    client.force_login(member.user)

    by_owner = client.get(reverse("body_actions", args=[body.slug]), {"owner": other.pk})
    by_meeting = client.get(reverse("body_actions", args=[body.slug]), {"meeting": later.pk})

    assert sorted(a.description for a in by_owner.context["page"].object_list) == [
        "Theirs",
        "Theirs later",
    ]
    assert [a.description for a in by_meeting.context["page"].object_list] == ["Theirs later"]


def test_body_action_log_owner_filter_takes_the_persons_organisation_and_groups(
    client, body, member, make_action
):
    other = PersonFactory()
    MembershipFactory(person=other, body=body)
    group = TeamFactory(body=body)
    group.members.add(other)
    everyone = TeamFactory(body=body, everyone=True)
    make_action(other, description="Named")
    make_action(PersonFactory(), description="Someone else's")
    for description, owner in [
        ("Their organisation's", {"organisation": other.organisation}),
        ("Their group's", {"team": group}),
        ("Everyone's", {"team": everyone}),
    ]:
        action = make_action(member, description=description)
        ActionOwner.objects.filter(action=action).delete()
        ActionOwnerFactory(action=action, person=None, **owner)
    client.force_login(member.user)

    response = client.get(reverse("body_actions", args=[body.slug]), {"owner": other.pk})

    assert sorted(a.description for a in response.context["page"].object_list) == [
        "Everyone's",
        "Named",
        "Their group's",
        "Their organisation's",
    ]


def test_body_action_log_shows_the_latest_update_only(client, body, member, make_action):
    action = make_action(member, days=3)
    for note in ("First note", "Latest note"):
        latest = ActionUpdate.objects.create(
            action=action, author=member, note=note, status_before="open", status_after="open"
        )
    client.force_login(member.user)

    response = client.get(reverse("body_actions", args=[body.slug]))

    rows = texts(response, by_class("action-log", "table") + "/tbody/tr/td[7]")
    assert rows == [f"Latest note {ukdate(latest.created_at, 'short')}"]


def test_body_action_log_query_count_is_fixed_with_5_or_60_actions(
    client, body, member, make_action
):
    client.force_login(member.user)

    def count(n):
        for i in range(n):
            make_action(member, days=i)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("body_actions", args=[body.slug]), {"per_page": 50})
        assert response.status_code == 200
        return len(ctx.captured_queries), len(
            texts(response, by_class("action-log", "table") + "/tbody/tr")
        )

    small_count, small_rows = count(5)
    Action.objects.all().delete()
    large_count, large_rows = count(60)

    assert (small_count, small_rows, large_rows) == (large_count, 5, 50)


def test_body_actions_csv_respects_filters(client, body, member, make_action):
    make_action(member, days=-3, description="=HYPERLINK(evil)")
    make_action(member, days=10, description="Not overdue")
    client.force_login(member.user)

    response = client.get(reverse("body_actions_csv", args=[body.slug]), {"overdue": "on"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [r[3] for r in rows] == ["Description", "'=HYPERLINK(evil)"]


def test_body_actions_csv_is_404_for_outsiders(client, body, outsider_user):
    client.force_login(outsider_user)

    assert client.get(reverse("body_actions_csv", args=[body.slug])).status_code == 404


def test_overdue_summary_groups_by_owner_and_organisation(
    client, body, secretariat_user, member, make_action
):
    make_action(member, days=-3)
    make_action(member, days=-1)
    make_action(member, days=4)
    client.force_login(secretariat_user)

    response = client.get(reverse("body_overdue", args=[body.slug]))

    assert [(r.label, len(r.actions)) for r in response.context["by_owner"]] == [
        ("Gillian Gibson", 2)
    ]
    assert [(name, len(a)) for name, a in response.context["by_organisation"]] == [
        (member.organisation.name, 2)
    ]


@pytest.fixture
def broker_down(settings):
    """Point the Celery app at a closed port, with fresh connection pools either side."""
    from kombu import pools as kombu_pools

    from config.celery import app

    def fresh_pools():
        # kombu keeps its pools in a global registry keyed by URL: closing one pool there would
        # leave a closed pool for the next user of the same URL, so reset the registry itself.
        app._pool = None
        app.amqp._producer_pool = None
        kombu_pools.reset()

    fresh_pools()
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    yield
    fresh_pools()
    app.conf.broker_url = settings.CELERY_BROKER_URL


def test_send_reminders_button_survives_redis_being_down(
    client, body, secretariat_user, broker_down
):
    client.force_login(secretariat_user)

    response = client.post(reverse("body_send_reminders", args=[body.slug]), follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "The reminder service cannot be reached just now. Nothing is lost: the daily sweep "
        "at 07:30 sends everything that is due."
    ]


# Calendar feed and profile ------------------------------------------------------------------


def test_calendar_feed_lists_my_due_actions_and_meetings(client, body, member, make_action, today):
    action = make_action(member, days=5, description="Circulate criteria")
    meeting = MeetingFactory(body=body, date=today + dt.timedelta(days=10), start_time=dt.time(13))

    response = client.get(reverse("calendar_feed", args=[member.calendar_token]))

    cal = Calendar.from_ical(response.content)
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert response["Content-Type"] == "text/calendar"
    assert str(events[f"action-{action.pk}"]["summary"]) == "Action due: Circulate criteria"
    assert events[f"action-{action.pk}"].decoded("dtstart") == action.due_date
    assert events[f"meeting-{meeting.pk}"].decoded("dtstart").hour == 13


def test_calendar_token_reset_retires_old_address(client, member):
    old = member.calendar_token
    client.force_login(member.user)

    client.post(reverse("profile_calendar_reset"))

    member.refresh_from_db()
    assert member.calendar_token != old
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[member.calendar_token])).status_code == 200


def test_profile_saves_reminder_preferences(client, member):
    client.force_login(member.user)

    response = client.post(
        reverse("profile"), {"reminder_timing": "weekly", "remind_before_due": ""}
    )

    member.refresh_from_db()
    assert response.status_code == 302
    assert (member.reminder_timing, member.remind_before_due) == ("weekly", False)


def test_profile_refuses_unknown_timing(client, member):
    client.force_login(member.user)

    response = client.post(reverse("profile"), {"reminder_timing": "hourly"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "reminder_timing": ["Select a valid choice. hourly is not one of the available choices."]
    }


def test_members_do_not_see_other_bodies_actions(client, member, today):
    elsewhere = MeetingFactory(body=BodyFactory(), date=today, status="circulated")
    stranger = PersonFactory()
    MembershipFactory(person=stranger, body=elsewhere.body, role=Membership.Role.MEMBER)
    action = ActionOwnerFactory(action__meeting=elsewhere, person=stranger).action
    client.force_login(member.user)

    assert client.get(reverse("action_detail", args=[action.pk])).status_code == 404
    assert descriptions(client.get(reverse("my_actions"))) == []
