"""Sending: the sweep stored as batches, each batch claimed, sent over one SMTP connection
and receipted message by message; and the weekly overdue summary. Why it is done this way:
the package's docstring (``actions.reminders``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from common.locks import batch_lock as common_batch_lock
from partners import rules as partner_rules
from partners.models import Body, Membership, Person

from ..models import (
    Action,
    OverdueSummaryDelivery,
    ReminderBatch,
    ReminderSweep,
)
from ..selectors import OUTSTANDING, body_overdue_summary
from .lines import LINE_FIELDS, Line, LineAction
from .planning import Plan, due_lines
from .writing import ReminderWriter

log = logging.getLogger("actions.reminders")  # the name it logged under as one module

ADVISORY_LOCK_CLASS = 0x4D42  # "MB": the advisory-lock namespace of reminder batches


@dataclass
class SweepResult:
    people: int = 0
    messages: int = 0
    lines: int = 0
    failures: int = 0
    skipped_no_email: int = 0
    recipients: list[int] = field(default_factory=list)

    def add(self, other: SweepResult) -> None:
        self.people += other.people
        self.messages += other.messages
        self.lines += other.lines
        self.failures += other.failures
        self.skipped_no_email += other.skipped_no_email
        self.recipients += other.recipients


def last_completed_day(today: dt.date) -> dt.date | None:
    return (
        ReminderSweep.objects.filter(completed_at__isnull=False, day__lt=today)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )


@transaction.atomic
def reminder_sweep_plan(
    *, today: dt.date | None = None, batch_size: int | None = None
) -> tuple[ReminderSweep, Plan]:
    """Work out today's reminders and store them as batches; send nothing.

    Side effects: a ``ReminderSweep`` and its ``ReminderBatch`` rows (a sweep with nothing to
    send is completed at once)."""
    today = today or timezone.localdate()
    batch_size = batch_size or settings.REMINDER_BATCH_SIZE
    since = last_completed_day(today)
    plan = due_lines(today, since=since)
    person_ids = sorted(plan.lines)
    chunks = [person_ids[i : i + batch_size] for i in range(0, len(person_ids), batch_size)]
    sweep = ReminderSweep.objects.create(
        day=today,
        since=since,
        batches=len(chunks),
        completed_at=None if chunks else timezone.now(),
    )
    ReminderBatch.objects.bulk_create(
        [
            ReminderBatch(
                sweep=sweep,
                lines={
                    str(pid): [[a, kind, period.isoformat()] for a, kind, period in plan.lines[pid]]
                    for pid in chunk
                },
            )
            for chunk in chunks
        ],
        batch_size=500,
    )
    return sweep, plan


# Sending one batch ----------------------------------------------------------------------------

# The batch and the time are given once, not once a row: a batch claims a thousand lines.
CLAIM_SQL = """
    INSERT INTO actions_reminderdelivery
        (person_id, action_id, kind, period, batch_id, claimed_at, sent_at)
    SELECT column1, column2, column3, column4, %s, %s, NULL FROM (VALUES {values}) AS claim
    WHERE true
    ON CONFLICT (person_id, action_id, kind, period) DO NOTHING
    RETURNING person_id, action_id, kind, period
"""
# Unsent claims of this batch's people whose attempt is gone, taken over by this one: claims
# of a batch whose advisory lock nobody else holds (its worker died, or it is this batch's
# own earlier attempt), and orphans. Without PostgreSQL, only this batch's own and orphans.
TAKE_OVER_SQL = {
    "postgresql": """
    UPDATE actions_reminderdelivery AS d SET batch_id = %s, claimed_at = %s
    WHERE d.sent_at IS NULL AND d.person_id IN ({people})
      AND (d.batch_id IS NULL OR NOT EXISTS (
          SELECT 1 FROM pg_locks AS l
          WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
            AND l.classid::bigint = %s AND l.objid::bigint = d.batch_id %% 2147483648
            AND l.objsubid = 2))
    RETURNING person_id, action_id, kind, period
""",
    "other": """
    UPDATE actions_reminderdelivery SET batch_id = %s, claimed_at = %s
    WHERE sent_at IS NULL AND person_id IN ({people}) AND (batch_id IS NULL OR batch_id = %s)
    RETURNING person_id, action_id, kind, period
""",
}
RECEIPT_SQL = """
    UPDATE actions_reminderdelivery SET sent_at = %s
    WHERE batch_id = %s AND person_id = %s AND sent_at IS NULL
"""
RELEASE_SQL = """
    DELETE FROM actions_reminderdelivery
    WHERE batch_id = %s AND person_id = %s AND sent_at IS NULL
"""


def batch_lock(batch_id: int):
    """Yield True when this process holds the reminder batch (``common.locks.batch_lock``)."""
    return common_batch_lock(ADVISORY_LOCK_CLASS, batch_id)


def _claim(batch: ReminderBatch, plan: dict[int, list[list]], now: dt.datetime) -> set[tuple]:
    """Claim the batch's lines; return (person, action, kind, period) of those this attempt
    holds: the ones it inserted and the ones it took over."""
    params: list = [batch.pk, now]
    for pid, lines in plan.items():
        for action_id, kind, period in lines:
            params += (int(pid), action_id, kind, _date(period))
    values = ", ".join(["(%s, %s, %s, %s)"] * ((len(params) - 2) // 4))
    people = [int(pid) for pid in plan]
    with db.cursor() as cursor:
        cursor.execute(CLAIM_SQL.format(values=values), params)
        held = {(p, a, k, _date(d)) for p, a, k, d in cursor.fetchall()}
        postgres = db.vendor == "postgresql"
        sql = TAKE_OVER_SQL["postgresql" if postgres else "other"]
        cursor.execute(
            sql.format(people=", ".join(["%s"] * len(people))),
            [batch.pk, now, *people, ADVISORY_LOCK_CLASS if postgres else batch.pk],
        )
        held |= {(p, a, k, _date(d)) for p, a, k, d in cursor.fetchall()}
    return held


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def reminder_batch_send(*, batch_id: int) -> SweepResult:
    """Send one batch of a sweep (see the module docstring); safe to run twice or at once.

    Side effects: e-mails over one SMTP connection; ``ReminderDelivery`` rows claimed, marked
    sent or released; the batch (and, with the last batch, the sweep) marked done."""
    result = SweepResult()
    with batch_lock(batch_id) as locked:
        batch = ReminderBatch.objects.select_related("sweep").filter(pk=batch_id).first()
        if not locked or batch is None or batch.done_at is not None:
            return result
        today = batch.sweep.day
        now = timezone.now()
        held = _claim(batch, batch.lines, now)
        action_ids = {a for _, a, _, _ in held}
        actions = Action.objects.filter(pk__in=action_ids, status__in=OUTSTANDING)
        actions = {row[0]: LineAction(*row) for row in actions.values_list(*LINE_FIELDS)}
        people = Person.objects.in_bulk({p for p, _, _, _ in held})
        by_person: dict[int, list[Line]] = defaultdict(list)
        for person_id, action_id, kind, period in sorted(held):
            if action_id in actions:  # closed since the plan: its claim goes with the release
                by_person[person_id].append(Line(actions[action_id], kind, period))
        with receipts_without_flush():
            result = _send(batch, today, people, by_person)
        _batch_done(batch)
    return result


def _send(
    batch: ReminderBatch,
    today: dt.date,
    people: dict[int, Person],
    by_person: dict[int, list[Line]],
) -> SweepResult:
    """Send each person's message over one SMTP connection; write each one's receipt as the
    server accepts it, or release their claims when it refuses (the next sweep tries again)."""
    result = SweepResult()
    mail = get_connection()
    mail.open()  # one connection for the batch (send_messages would open one per message)
    writer = ReminderWriter(today, connection=mail)
    writer.prepare([line for lines in by_person.values() for line in lines])
    receipts = db.cursor()
    try:
        for person_id in sorted(set(people) | set(by_person)):
            lines, person = by_person.get(person_id), people.get(person_id)
            if not lines or person is None or not person.email:
                _release(batch, person_id)  # closed or changed since the plan
                continue
            result.people += 1
            try:
                writer.message(person, lines).send()
            except Exception:
                _release(batch, person_id)
                log.exception("Reminder to person %s failed; will retry", person_id)
                result.failures += 1
                mail.close()  # a broken connection is opened afresh for the next one
                mail.open()
                continue
            receipts.execute(RECEIPT_SQL, [timezone.now(), batch.pk, person_id])
            result.messages += 1
            result.lines += len(lines)
            result.recipients.append(person_id)
    finally:
        receipts.close()
        mail.close()
    return result


@contextlib.contextmanager
def receipts_without_flush():
    """Receipts are committed without waiting for the disk (``synchronous_commit`` off for
    this connection while the batch sends). A receipt reaches PostgreSQL before the next
    message goes, so a worker that dies loses none; only a crash of PostgreSQL itself within
    a fraction of a second could lose the last few, which sends those people one message again.
    Waiting for the disk instead costs about a millisecond a message."""
    if db.vendor != "postgresql":
        yield
        return
    with db.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with db.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _release(batch: ReminderBatch, person_id: int) -> None:
    with db.cursor() as cursor:
        cursor.execute(RELEASE_SQL, [batch.pk, person_id])


def _batch_done(batch: ReminderBatch) -> None:
    now = timezone.now()
    ReminderBatch.objects.filter(pk=batch.pk).update(done_at=now, attempts=batch.attempts + 1)
    unfinished = ReminderBatch.objects.filter(sweep_id=OuterRef("pk"), done_at__isnull=True)
    ReminderSweep.objects.filter(pk=batch.sweep_id, completed_at__isnull=True).filter(
        ~Exists(unfinished)
    ).update(completed_at=now)


def send_reminders(*, today: dt.date | None = None, batch_size: int | None = None) -> SweepResult:
    """Plan today's sweep and send every batch in this process (the management command, the
    tests and ``make run``; Celery sends the batches as tasks, see ``actions.tasks``).

    Side effects: those of ``reminder_sweep_plan`` and ``reminder_batch_send``.
    """
    sweep, plan = reminder_sweep_plan(today=today, batch_size=batch_size)
    result = SweepResult(skipped_no_email=plan.skipped_no_email)
    for batch_id in sweep.batch_set.values_list("pk", flat=True):
        result.add(reminder_batch_send(batch_id=batch_id))
    return result


# The weekly overdue summary -------------------------------------------------------------------


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def send_overdue_summaries(*, today: dt.date | None = None) -> SweepResult:
    """Each body's secretariat gets the body's overdue summary once a week (if anything is late).

    Side effects: e-mails; ``OverdueSummaryDelivery`` rows claimed as in ``send_reminders``.
    """
    today = today or timezone.localdate()
    week = monday_of(today)
    result = SweepResult()
    by_body = _late_bodies_secretariats(today)
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
                sent = _overdue_summary_send(body, person, week=week, context=context, mail=mail)
            except Exception:
                log.exception("Overdue summary for body %s to %s failed", body.pk, person.pk)
                result.failures += 1
                continue
            if sent:
                result.messages += 1
                result.recipients.append(person.pk)
    return result


def _late_bodies_secretariats(today: dt.date) -> dict[int, list[Membership]]:
    """body -> its current secretariat with an e-mail address, for bodies with a late action."""
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
    return by_body


def _overdue_summary_send(
    body: Body, person: Person, *, week: dt.date, context: dict, mail
) -> bool:
    """Claim this week's summary for the person and send it; False when it was claimed before.
    A message that fails takes its claim with it (the next run tries again)."""
    with transaction.atomic():
        _, created = OverdueSummaryDelivery.objects.get_or_create(
            body=body, person=person, week=week
        )
        if not created:
            return False
        message = EmailMultiAlternatives(
            subject=f"{body.short_name or body.name}: {len(context['actions'])} overdue actions",
            body=render_to_string("emails/overdue_summary.txt", context),
            to=[person.email],
            connection=mail,
        )
        message.attach_alternative(
            render_to_string("emails/overdue_summary.html", context), "text/html"
        )
        message.send()
    return True
