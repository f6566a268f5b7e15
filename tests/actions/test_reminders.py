import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import OverdueSummaryDelivery, ReminderDelivery
from actions.reminders import (
    overdue_period,
    reminder_batch_send,
    reminder_sweep_plan,
    send_overdue_summaries,
    send_reminders,
)
from partners.models import Membership, Person
from tests.factories import (
    ActionOwnerFactory,
    AgendaItemFactory,
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 9)
TUESDAY = MONDAY + dt.timedelta(days=1)


def kinds(person):
    return sorted(
        ReminderDelivery.objects.filter(person=person).values_list("action__description", "kind")
    )


def test_one_message_lists_overdue_due_today_and_due_soon(member, make_action, today):
    make_action(member, days=-3, description="Late one")
    make_action(member, days=0, description="Today one")
    make_action(member, days=5, description="Soon one")
    make_action(member, days=30, description="Far off")
    make_action(member, days=-3, status="done", description="Finished")

    result = send_reminders(today=today)

    assert (result.messages, result.lines) == (1, 3)
    [message] = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "Your actions: 1 overdue, 1 due today, 1 due soon"
    text = message.body
    assert text.index("OVERDUE") < text.index("Late one") < text.index("DUE TODAY")
    assert text.index("Today one") < text.index("DUE SOON") < text.index("Soon one")
    assert "Far off" not in text
    assert f"Due {today + dt.timedelta(days=5):%-d %B %Y} (due in 5 days)" in text
    assert "/actions/link/" in text
    html = message.alternatives[0].content
    assert "Update this action" in html


def test_running_twice_sends_nothing_new(member, make_action, today):
    make_action(member, days=-3)
    make_action(member, days=2)

    first = send_reminders(today=today)
    second = send_reminders(today=today)

    assert (first.messages, second.messages) == (1, 0)
    assert len(mail.outbox) == 1


def test_overdue_repeats_weekly_not_daily(member, make_action):
    action = make_action(member, days=None)
    action.due_date = MONDAY
    action.save()

    sent = []
    for offset in range(0, 16):
        day = MONDAY + dt.timedelta(days=offset)
        sent.append((offset, send_reminders(today=day).messages))

    assert [offset for offset, n in sent if n] == [0, 1, 8, 15]
    assert overdue_period(MONDAY, MONDAY + dt.timedelta(days=9)) == MONDAY + dt.timedelta(days=8)


def test_due_soon_is_sent_once_within_the_bodys_notice_period(body, member, make_action, today):
    body.reminder_notice_days = 3
    body.save()
    make_action(member, days=3, description="Three days")
    make_action(member, days=4, description="Four days")

    send_reminders(today=today)
    send_reminders(today=today + dt.timedelta(days=1))

    assert kinds(member) == [("Four days", "due_soon"), ("Three days", "due_soon")]
    assert len(mail.outbox) == 2


def test_opting_out_of_before_due_keeps_overdue_only(member, make_action, today):
    member.remind_before_due = False
    member.save()
    make_action(member, days=-1, description="Late")
    make_action(member, days=0, description="Today")
    make_action(member, days=2, description="Soon")

    send_reminders(today=today)

    assert kinds(member) == [("Late", "overdue")]


def test_weekly_digest_goes_on_mondays_only_and_covers_the_week(member, make_action):
    member.reminder_timing = Person.ReminderTiming.WEEKLY
    member.save()
    action = make_action(member, days=None, description="Due Sunday")
    action.due_date = MONDAY + dt.timedelta(days=13)
    action.save()
    action.meeting.body.reminder_notice_days = 1
    action.meeting.body.save()

    tuesday = send_reminders(today=MONDAY + dt.timedelta(days=8))
    monday = send_reminders(today=MONDAY + dt.timedelta(days=7))

    assert (tuesday.messages, monday.messages) == (0, 1)
    assert kinds(member) == [("Due Sunday", "due_soon")]


def test_group_and_organisation_owners_are_reminded(body, member, past_meeting, today):
    colleague = PersonFactory(organisation=member.organisation)
    MembershipFactory(person=colleague, body=body)
    team = TeamFactory(body=body)
    team.members.add(member)
    ActionOwnerFactory(
        action__meeting=past_meeting,
        action__due_date=today,
        action__description="Team's",
        person=None,
        team=team,
    )
    ActionOwnerFactory(
        action__meeting=past_meeting,
        action__due_date=today,
        action__description="Organisation's",
        person=None,
        organisation=member.organisation,
    )

    send_reminders(today=today)

    assert kinds(member) == [("Organisation's", "due_today"), ("Team's", "due_today")]
    assert kinds(colleague) == [("Organisation's", "due_today")]


def test_confidential_items_actions_reach_only_members_and_named_owners(body, past_meeting, today):
    # Policy: a confidential item's action reaches the body's members and the people named on
    # it; an organisation colleague outside the body is never told of it.
    council = OrganisationFactory(name="Sunderland City Council")
    guest = PersonFactory(name="Guest Officer", organisation=council)  # named, not a member
    colleague = PersonFactory(name="Council Colleague", organisation=council)
    MembershipFactory(person=colleague, body=BodyFactory(), role=Membership.Role.MEMBER)
    secret = AgendaItemFactory(meeting=past_meeting, confidential=True)
    ActionOwnerFactory(
        action__meeting=past_meeting,
        action__item=secret,
        action__due_date=today,
        action__description="Confidential",
        person=guest,
    )
    ActionOwnerFactory(
        action__meeting=past_meeting,
        action__item=secret,
        action__due_date=today,
        action__description="Council's confidential",
        person=None,
        organisation=council,
    )

    send_reminders(today=today)

    assert (kinds(guest), kinds(colleague)) == ([("Confidential", "due_today")], [])


def test_everyone_team_of_another_body_is_reminded_as_my_actions_lists_it(
    body, member, past_meeting, today
):
    # The member sits on the body and on a board whose "everyone" team owns the body's action:
    # My actions lists it (actions.rules.owned_actions_q), so the sweep reminds them of it.
    board = BodyFactory(name="Health and Well Being Board")
    MembershipFactory(person=member, body=board, role=Membership.Role.MEMBER)
    everyone = TeamFactory(body=board, name="All board members", everyone=True)
    ActionOwnerFactory(
        action__meeting=past_meeting,
        action__due_date=today,
        action__description="Board's",
        person=None,
        team=everyone,
    )

    send_reminders(today=today)

    assert kinds(member) == [("Board's", "due_today")]


def test_people_without_email_are_skipped_and_not_claimed(member, make_action, today):
    member.email = ""
    member.save()
    make_action(member, days=-1)

    result = send_reminders(today=today)

    assert (result.messages, result.skipped_no_email) == (0, 1)
    assert ReminderDelivery.objects.count() == 0


def test_sweep_query_count_grows_with_people_not_actions(body, past_meeting, today):
    people = []
    for _ in range(3):
        person = PersonFactory()
        MembershipFactory(person=person, body=body, role=Membership.Role.MEMBER)
        people.append(person)

    def sweep_queries(actions_each, day):
        for person in people:
            for i in range(actions_each):
                ActionOwnerFactory(
                    action__meeting=past_meeting,
                    action__due_date=day - dt.timedelta(days=i + 1),
                    person=person,
                )
        with CaptureQueriesContext(connection) as ctx:
            result = send_reminders(today=day)
        assert result.messages == 3
        return len(ctx.captured_queries)

    few = sweep_queries(2, today)
    many = sweep_queries(25, today + dt.timedelta(days=60))

    assert few == many


def test_send_reminders_command_runs_the_same_sweep(member, make_action, today):
    make_action(member, days=-1)

    call_command("send_reminders", date=today.isoformat())
    call_command("send_reminders", date=today.isoformat())

    assert len(mail.outbox) == 1


def test_weekly_overdue_summary_goes_to_secretariat_once_a_week(
    body, secretariat_user, member, make_action, today
):
    make_action(member, days=-2, description="Late")

    send_overdue_summaries(today=today)
    send_overdue_summaries(today=today)

    [message] = mail.outbox
    assert message.to == [secretariat_user.person.email]
    assert message.subject == "SIIG: 1 overdue actions"
    assert "Gillian Gibson" in message.body
    assert OverdueSummaryDelivery.objects.count() == 1


def test_a_batch_runs_a_fixed_number_of_queries_and_one_receipt_per_message(
    body, past_meeting, today
):
    def batch_queries(people):
        for _ in range(people):
            person = PersonFactory()
            MembershipFactory(person=person, body=body)
            for days in (-3, 0, 2):
                ActionOwnerFactory(
                    action__meeting=past_meeting,
                    action__due_date=today + dt.timedelta(days=days),
                    person=person,
                )
        sweep, _ = reminder_sweep_plan(today=today, batch_size=100)
        [batch] = sweep.batch_set.all()
        with CaptureQueriesContext(connection) as ctx:
            result = reminder_batch_send(batch_id=batch.pk)
        receipts = [q for q in ctx.captured_queries if "SET sent_at" in q["sql"]]
        return result.messages, len(ctx.captured_queries) - result.messages, len(receipts)

    few = batch_queries(2)
    many = batch_queries(8)

    # The second sweep's batch holds all ten people; the first two have nothing new.
    assert (few, many) == ((2, 11, 2), (8, 11, 8))


def test_weekly_digest_missed_on_monday_goes_on_tuesday(member, make_action):
    member.reminder_timing = Person.ReminderTiming.WEEKLY
    member.save()
    action = make_action(member, days=None, description="Due Thursday")
    action.due_date = MONDAY + dt.timedelta(days=3)
    action.save()
    send_reminders(today=MONDAY - dt.timedelta(days=1))  # Sunday's sweep completes
    reminder_sweep_plan(today=MONDAY)  # Monday's is planned, then the worker is lost

    tuesday = send_reminders(today=TUESDAY)
    wednesday = send_reminders(today=TUESDAY + dt.timedelta(days=1))

    assert (tuesday.messages, wednesday.messages) == (1, 0)
    assert kinds(member) == [("Due Thursday", "due_soon")]


def test_message_is_built_once_per_line_and_reads_the_same_as_one_rendered_whole(
    member, make_action, today
):
    make_action(member, days=-3, description="Tom & Jerry <b>report</b>")
    make_action(member, days=2, description="Second")
    member.honorific = "Dr & Co"
    member.save()

    send_reminders(today=today)

    [message] = mail.outbox
    html = message.alternatives[0].content
    assert "Dear Dr &amp; Co Gillian Gibson," in html
    assert "Tom &amp; Jerry &lt;b&gt;report&lt;/b&gt;" in html
    assert "Dear Dr & Co Gillian Gibson," in message.body
    assert "Tom & Jerry <b>report</b>" in message.body
    assert "link-" not in message.body + html  # every marker was replaced
