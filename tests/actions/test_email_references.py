"""Reminders and the weekly overdue summary name each action by its body-wide reference
("SIIG 2026/7"), and the summary lists actions nobody owns yet as "To be confirmed"."""

import datetime as dt

import lxml.html
import pytest
from django.core import mail

from actions.models import Action
from actions.reminders import send_overdue_summaries, send_reminders
from partners.templatetags.minutebook import ukdate
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def _referenced(action, reference):
    Action.objects.filter(pk=action.pk).update(reference=reference)
    return action


def test_reminder_names_the_action_by_its_reference(member, make_action, today):
    action = _referenced(make_action(member, days=-3, description="Late one"), "SIIG 2026/7")

    send_reminders(today=today)

    [message] = mail.outbox
    html = lxml.html.fromstring(message.alternatives[0].content)
    assert [line for line in message.body.splitlines() if "Late one" in line] == [
        "* Action SIIG 2026/7: Late one"
    ]
    assert [" ".join(e.text_content().split()) for e in html.xpath("//div[strong]")] == [
        "Action SIIG 2026/7: Late one",
        f"Due {ukdate(action.due_date)} · 3 days overdue",
    ]


def test_overdue_summary_names_references_and_actions_to_be_confirmed(
    body, secretariat_user, member, make_action, past_meeting, today
):
    owned = _referenced(make_action(member, days=-2, description="Late"), "SIIG 2026/3")
    due = today - dt.timedelta(days=5)
    for number, description in ((21, "Book the hall"), (22, "Find a chair")):
        _referenced(
            ActionFactory(
                meeting=past_meeting, number=number, description=description, due_date=due
            ),
            f"SIIG 2026/{number}",
        )

    send_overdue_summaries(today=today)

    [message] = mail.outbox
    short = ukdate(past_meeting.date, "short")
    by_owner = message.body.split("BY OWNER\n")[1].split("\n\nBY ORGANISATION")[0]
    assert by_owner.splitlines() == [
        f"* Gillian Gibson ({member.organisation.name}): 1",
        f"    - Action SIIG 2026/3 ({short}): Late. Due {ukdate(owned.due_date)}, 2 days overdue.",
        "* To be confirmed (no owner named yet)",
        f"    - Action SIIG 2026/21 ({short}): Book the hall. Due {ukdate(due)}, 5 days overdue.",
        f"    - Action SIIG 2026/22 ({short}): Find a chair. Due {ukdate(due)}, 5 days overdue.",
    ]
    html = lxml.html.fromstring(message.alternatives[0].content)
    rows = html.xpath("//h2[text()='By owner']/following-sibling::table[1]//tr")
    assert [
        [" ".join(" ".join(td.itertext()).split()) for td in row.xpath("td")] for row in rows
    ] == [
        [
            f"Gillian Gibson {member.organisation.name}",
            f"Action SIIG 2026/3 ({short}): Late 2 days overdue",
        ],
        [
            "To be confirmed no owner named yet",
            f"Action SIIG 2026/21 ({short}): Book the hall 5 days overdue",
        ],
        ["", f"Action SIIG 2026/22 ({short}): Find a chair 5 days overdue"],
    ]
