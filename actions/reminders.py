"""The reminder sweep: one message per person, each reminder line sent exactly once.

How "exactly once" holds (the sweep works from the database, never from the queue):
- What is due is computed afresh from the actions each time; nothing is remembered in Redis.
- Each line (person, action, kind, period) is claimed by inserting a ``ReminderDelivery`` row
  (unique) with ``ON CONFLICT DO NOTHING RETURNING``; only lines this sweep inserted go in the
  message. Claim, send and commit happen in one transaction per person:
  - a worker killed before the commit leaves no claim, so the next sweep sends it (nobody is
    missed); people committed before the crash are not sent again (no duplicate);
  - a second sweep running at the same time blocks on the unique index until the first commits,
    then finds the rows taken and sends nothing for them;
  - an SMTP failure rolls the claim back; the next sweep tries again.
  The one window left is a crash after the SMTP server accepted the message and before the
  commit (milliseconds); closing it would need the mail server to take part in the transaction.
- Cost: a fixed number of queries to find what is due (however many actions there are), then
  a fixed number per person reminded.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partners import rules as partner_rules
from partners.models import Membership, Person, Team

from . import rules
from .models import Action, ActionOwner, OverdueSummaryDelivery, ReminderDelivery
from .selectors import OUTSTANDING, body_overdue_summary, remind_from
from .tokens import link_url

log = logging.getLogger(__name__)

# A weekly digest covers everything falling due before the next one.
WEEKLY_WINDOW_DAYS = 7
Kind = ReminderDelivery.Kind


@dataclass
class Line:
    action: Action
    kind: str
    period: dt.date
    link: str = ""


@dataclass
class SweepResult:
    people: int = 0
    messages: int = 0
    lines: int = 0
    failures: int = 0
    skipped_no_email: int = 0
    recipients: list[int] = field(default_factory=list)


def overdue_period(due: dt.date, today: dt.date) -> dt.date:
    """Overdue reminders repeat every seven days from the day after the due date."""
    days_late = (today - due).days - 1
    return due + dt.timedelta(days=1 + 7 * (days_late // 7))


def line_for(action: Action, person: Person, today: dt.date) -> Line | None:
    """What, if anything, to tell this person about this action today."""
    weekly = person.reminder_timing == Person.ReminderTiming.WEEKLY
    days = (action.due_date - today).days
    if days < 0:
        return Line(action, Kind.OVERDUE, overdue_period(action.due_date, today))
    if not person.remind_before_due:
        return None
    if days == 0:
        return Line(action, Kind.DUE_TODAY, action.due_date)
    notice = action.meeting.body.reminder_notice_days
    if days <= notice or (weekly and days <= WEEKLY_WINDOW_DAYS):
        return Line(action, Kind.DUE_SOON, action.due_date)
    return None


def due_lines(today: dt.date) -> tuple[dict[int, Person], dict[int, list[Line]]]:
    """Everyone with something to hear about today, and the candidate lines for each.

    Five queries whatever the number of actions or people: candidate actions, their owners,
    group members, current memberships of the bodies concerned, and the people.
    """
    horizon = today + dt.timedelta(days=WEEKLY_WINDOW_DAYS)
    actions = {
        a.pk: a
        for a in Action.objects.filter(status__in=OUTSTANDING, due_date__isnull=False)
        .annotate(notice_from=remind_from())
        .filter(Q(notice_from__lte=today) | Q(due_date__lte=horizon))
        .select_related("meeting__body", "item")
    }
    if not actions:
        return {}, {}
    owners = list(
        ActionOwner.objects.filter(action_id__in=actions).values_list(
            "action_id", "person_id", "organisation_id", "team_id"
        )
    )
    team_ids = {t for _, _, _, t in owners if t}
    team_rows = Team.objects.filter(pk__in=team_ids).values_list(
        "pk", "everyone", "body_id", "members"
    )
    teams: dict[int, tuple[bool, int, set[int]]] = {}
    for team_id, everyone, body_id, member_id in team_rows:
        entry = teams.setdefault(team_id, (everyone, body_id, set()))
        if member_id:
            entry[2].add(member_id)
    body_ids = {a.meeting.body_id for a in actions.values()}
    members_of: dict[int, set[int]] = defaultdict(set)
    bodies_of: dict[int, set[int]] = defaultdict(set)
    org_of: dict[int, int | None] = {}
    for body_id, person_id, org_id in Membership.objects.filter(
        partner_rules.current_memberships_q(today), body_id__in=body_ids
    ).values_list("body_id", "person_id", "person__organisation_id"):
        members_of[body_id].add(person_id)
        bodies_of[person_id].add(body_id)
        org_of[person_id] = org_id

    # Who owns what: the rule of My actions (``rules.owned_actions_q``), one owner row at a time.
    candidates: dict[int, set[int]] = defaultdict(set)  # action id -> people who might own it
    for action_id, person_id, org_id, team_id in owners:
        body_id = actions[action_id].meeting.body_id
        if person_id:
            candidates[action_id].add(person_id)
        elif org_id:
            candidates[action_id] |= {m for m in members_of[body_id] if org_of.get(m) == org_id}
        elif team_id in teams:
            everyone, team_body, team_members = teams[team_id]
            candidates[action_id] |= team_members | (members_of[team_body] if everyone else set())
    owned: dict[int, set[int]] = defaultdict(set)
    for action_id, person_id, org_id, team_id in owners:
        action = actions[action_id]
        team = teams.get(team_id) if team_id else None
        for member in candidates[action_id]:
            if rules.owner_row_includes(
                person_id=member,
                person_org_id=org_of.get(member),
                person_bodies=bodies_of[member],
                action_body_id=action.meeting.body_id,
                confidential=action.item_id is not None and action.item.confidential,
                owner_person_id=person_id,
                owner_org_id=org_id,
                team_members=team[2] if team else None,
                team_everyone_body_id=team[1] if team and team[0] else None,
            ):
                owned[member].add(action_id)

    people = {p.pk: p for p in Person.objects.filter(pk__in=owned).order_by("pk")}
    lines: dict[int, list[Line]] = {}
    for person_id, action_ids in owned.items():
        person = people.get(person_id)
        if person is None:
            continue
        found = []
        for action_id in sorted(action_ids):
            line = line_for(actions[action_id], person, today)
            if line is not None:
                found.append(line)
        if found:
            lines[person_id] = found
    return people, lines


CLAIM_SQL = """
    INSERT INTO actions_reminderdelivery (person_id, action_id, kind, period, sent_at)
    VALUES {values}
    ON CONFLICT (person_id, action_id, kind, period) DO NOTHING
    RETURNING action_id, kind
"""


def _claim(person: Person, lines: list[Line], now: dt.datetime) -> list[Line]:
    """Insert the claims; return the lines this sweep won (others were sent already)."""
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(lines))
    params: list = []
    for line in lines:
        params += [person.pk, line.action.pk, line.kind, line.period, now]
    with connection.cursor() as cursor:
        cursor.execute(CLAIM_SQL.format(values=values), params)
        won = set(cursor.fetchall())
    return [line for line in lines if (line.action.pk, line.kind) in won]


SECTION_ORDER = [
    (Kind.OVERDUE, "Overdue"),
    (Kind.DUE_TODAY, "Due today"),
    (Kind.DUE_SOON, "Due soon"),
]


def reminder_message(
    person: Person, lines: list[Line], today: dt.date, connection=None
) -> EmailMultiAlternatives:
    for line in lines:
        line.link = link_url(action=line.action, person_id=person.pk)
    sections = []
    for kind, label in SECTION_ORDER:
        rows = sorted(
            (ln for ln in lines if ln.kind == kind),
            key=lambda ln: (ln.action.due_date, ln.action.pk),
        )
        if rows:
            sections.append({"kind": kind, "label": label, "lines": rows})
    counts = ", ".join(f"{len(s['lines'])} {s['label'].lower()}" for s in sections)
    context = {
        "person": person,
        "sections": sections,
        "today": today,
        "site_url": settings.SITE_URL,
        "my_actions_url": settings.SITE_URL + reverse("my_actions"),
        "profile_url": settings.SITE_URL + reverse("profile"),
    }
    message = EmailMultiAlternatives(
        subject=f"Your actions: {counts}",
        body=render_to_string("emails/action_reminder.txt", context),
        to=[person.email],
        connection=connection,
    )
    message.attach_alternative(
        render_to_string("emails/action_reminder.html", context), "text/html"
    )
    return message


def send_reminders(*, today: dt.date | None = None, batch_size: int = 200) -> SweepResult:
    """Remind every person of what is due, once (see the module docstring).

    Side effects: one e-mail per person with anything new to hear; ``ReminderDelivery`` rows.
    People without an e-mail address are skipped (they see their actions on My actions).
    Weekly-digest people are reminded on Mondays only.
    """
    today = today or timezone.localdate()
    result = SweepResult()
    people, lines = due_lines(today)
    person_ids = [
        pid
        for pid in sorted(lines)
        if people[pid].reminder_timing != Person.ReminderTiming.WEEKLY or today.weekday() == 0
    ]
    mail = get_connection()
    for start in range(0, len(person_ids), batch_size):
        for person_id in person_ids[start : start + batch_size]:
            person = people[person_id]
            if not person.email:
                result.skipped_no_email += 1
                continue
            result.people += 1
            try:
                with transaction.atomic():
                    won = _claim(person, lines[person_id], timezone.now())
                    if not won:
                        continue
                    reminder_message(person, won, today, connection=mail).send()
            except Exception:
                # The claim rolled back with the transaction: the next sweep tries again.
                log.exception("Reminder to person %s failed; will retry next sweep", person_id)
                result.failures += 1
                continue
            result.messages += 1
            result.lines += len(won)
            result.recipients.append(person_id)
    return result


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def send_overdue_summaries(*, today: dt.date | None = None) -> SweepResult:
    """Each body's secretariat gets the body's overdue summary once a week (if anything is late).

    Side effects: e-mails; ``OverdueSummaryDelivery`` rows claimed as in ``send_reminders``.
    """
    today = today or timezone.localdate()
    week = monday_of(today)
    result = SweepResult()
    late_body_ids = set(
        Action.objects.filter(status__in=OUTSTANDING, due_date__lt=today).values_list(
            "meeting__body_id", flat=True
        )
    )
    recipients = (
        Membership.objects.filter(
            partner_rules.current_memberships_q(today),
            body_id__in=late_body_ids,
            role=Membership.Role.SECRETARIAT,
        )
        .exclude(person__email="")
        .select_related("person", "body")
        .order_by("body_id", "person_id")
    )
    by_body: dict[int, list[Membership]] = defaultdict(list)
    for membership in recipients:
        by_body[membership.body_id].append(membership)
    mail = get_connection()
    for memberships in by_body.values():
        body = memberships[0].body
        summary = body_overdue_summary(body=body, today=today)
        context = {
            **summary,
            "body": body,
            "week": week,
            "log_url": settings.SITE_URL + reverse("body_actions", kwargs={"slug": body.slug}),
            "summary_url": settings.SITE_URL + reverse("body_overdue", kwargs={"slug": body.slug}),
        }
        for membership in memberships:
            person = membership.person
            result.people += 1
            try:
                with transaction.atomic():
                    _, created = OverdueSummaryDelivery.objects.get_or_create(
                        body=body, person=person, week=week
                    )
                    if not created:
                        continue
                    message = EmailMultiAlternatives(
                        subject=f"{body.short_name or body.name}: "
                        f"{len(summary['actions'])} overdue actions",
                        body=render_to_string("emails/overdue_summary.txt", context),
                        to=[person.email],
                        connection=mail,
                    )
                    message.attach_alternative(
                        render_to_string("emails/overdue_summary.html", context), "text/html"
                    )
                    message.send()
            except Exception:
                log.exception("Overdue summary for body %s to %s failed", body.pk, person.pk)
                result.failures += 1
                continue
            result.messages += 1
            result.recipients.append(person.pk)
    return result
