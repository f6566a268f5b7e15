"""The reminder sweep: one message per person, each reminder line sent exactly once.

The sweep works from the database, never from the queue:
- **Plan** (``reminder_sweep_plan``): what is due is computed afresh from the actions, in a
  fixed number of queries however many actions and people there are, and split into batches
  of people (``ReminderBatch`` rows). Celery beat runs the plan; each batch is its own task.
- **Send** (``reminder_batch_send``), per batch, in a fixed number of queries plus one short
  write per message sent (its receipt, below):
  1. the batch takes a PostgreSQL advisory lock (two attempts of one batch never overlap; the
     lock dies with the worker's connection, so a re-queued attempt knows the first is gone);
  2. it claims every line of its people in one statement: ``INSERT ... ON CONFLICT DO NOTHING``
     into ``ReminderDelivery`` (unique per person, action, kind and period), committed at once,
     ``sent_at`` empty. A line another live batch has claimed is skipped; unsent claims of a
     batch whose lock nobody holds (its worker died) are taken over;
  3. it renders the messages and sends them over one SMTP connection; as the server accepts
     each person's message, that person's claims are marked sent. A message the server
     refuses releases its claims (the next sweep tries again).
- **Faults**: the tasks acknowledge late and are re-queued when their worker dies
  (``acks_late``, ``reject_on_worker_lost``). A worker killed mid-batch has marked every
  message the server accepted, so the next attempt sends the rest and nothing twice. The one
  window left is a kill after the server accepted a message and before its receipt was written
  (a millisecond): that one message goes again. Closing it would need the mail server to take
  part in our transaction. Why a receipt per message, not per batch: with one commit per batch,
  a worker killed mid-batch would send again every message of the batch already delivered.
- **Catching up**: weekly-digest people are reminded when a Monday has passed since the last
  completed sweep (not only on Mondays), so a Monday lost to an outage is made up the next day;
  "due today" and "due soon" lines missed on a lost day arrive as the next day's "due soon" or
  "overdue" lines, which are computed afresh.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from partners import rules as partner_rules
from partners.models import Membership, Person, Team
from partners.templatetags.minutebook import due_hint, ukdate

from . import rules
from .models import (
    Action,
    ActionOwner,
    OverdueSummaryDelivery,
    ReminderBatch,
    ReminderDelivery,
    ReminderSweep,
)
from .selectors import OUTSTANDING, body_overdue_summary, remind_from
from .tokens import link_url

log = logging.getLogger(__name__)

# A weekly digest covers everything falling due before the next one.
WEEKLY_WINDOW_DAYS = 7
ADVISORY_LOCK_CLASS = 0x4D42  # "MB": the advisory-lock namespace of reminder batches
Kind = ReminderDelivery.Kind


@dataclass(slots=True)
class LineAction:
    """What a reminder line shows of an action (and its signed link needs), read as plain
    values: building model instances for every line of a sweep costs more than the line."""

    pk: int
    revision: int
    number: int
    description: str
    due_date: dt.date
    meeting_date: dt.date
    body_name: str
    body_short_name: str
    item_number: str | None
    item_title: str | None
    reference: str


LINE_FIELDS = (
    "pk",
    "revision",
    "number",
    "description",
    "due_date",
    "meeting__date",
    "meeting__body__name",
    "meeting__body__short_name",
    "item__number",
    "item__title",
    "reference",
)


@dataclass
class Line:
    action: LineAction
    kind: str
    period: dt.date


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


def overdue_period(due: dt.date, today: dt.date) -> dt.date:
    """Overdue reminders repeat every seven days from the day after the due date."""
    days_late = (today - due).days - 1
    return due + dt.timedelta(days=1 + 7 * (days_late // 7))


def line_kind(
    *, due: dt.date, notice_days: int, remind_before_due: bool, weekly: bool, today: dt.date
) -> tuple[str, dt.date] | None:
    """What, if anything, to tell a person about an action due on ``due``, today."""
    days = (due - today).days
    if days < 0:
        return Kind.OVERDUE, overdue_period(due, today)
    if not remind_before_due:
        return None
    if days == 0:
        return Kind.DUE_TODAY, due
    if days <= notice_days or (weekly and days <= WEEKLY_WINDOW_DAYS):
        return Kind.DUE_SOON, due
    return None


def monday_between(since: dt.date | None, today: dt.date) -> bool:
    """Whether a Monday falls after ``since`` and on or before ``today`` (with no sweep
    completed before, only today counts)."""
    first = since + dt.timedelta(days=1) if since else today
    days = min((today - first).days + 1, 7)
    return any((first + dt.timedelta(days=n)).weekday() == 0 for n in range(days))


@dataclass
class Plan:
    """Who hears about what today: ``lines[person_id] = [(action_id, kind, period), ...]``."""

    lines: dict[int, list[tuple[int, str, dt.date]]]
    skipped_no_email: int = 0


def due_lines(today: dt.date, *, since: dt.date | None = None) -> Plan:
    """Everyone with something to hear about today, and the lines for each.

    Five queries whatever the number of actions or people (candidate actions, their owners,
    groups, current memberships of the bodies concerned, and the people), reading plain values
    rather than model instances, so 200,000 actions fit in a few tens of megabytes.
    """
    horizon = today + dt.timedelta(days=WEEKLY_WINDOW_DAYS)
    candidates = (
        Action.objects.filter(rules.issued_q(), status__in=OUTSTANDING, due_date__isnull=False)
        .annotate(notice_from=remind_from())
        .filter(Q(notice_from__lte=today) | Q(due_date__lte=horizon))
    )
    # action id -> (body id, due date, notice days)
    actions: dict[int, tuple[int, dt.date, int]] = {
        pk: (body_id, due, notice)
        for pk, body_id, due, notice in candidates.values_list(
            "pk", "meeting__body_id", "due_date", "meeting__body__reminder_notice_days"
        )
    }
    if not actions:
        return Plan({})
    owners = list(
        ActionOwner.objects.filter(action_id__in=candidates.values("pk")).values_list(
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
    # Memberships of the actions' bodies, and of the bodies whose "everyone" teams own them.
    body_ids = {body_id for body_id, _, _ in actions.values()}
    body_ids |= {team_body for everyone, team_body, _ in teams.values() if everyone}
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
    candidates_of: dict[int, set[int]] = defaultdict(set)  # action -> people who might own it
    for action_id, person_id, org_id, team_id in owners:
        body_id = actions[action_id][0]
        if person_id:
            candidates_of[action_id].add(person_id)
        elif org_id:
            candidates_of[action_id] |= {m for m in members_of[body_id] if org_of.get(m) == org_id}
        elif team_id in teams:
            everyone, team_body, team_members = teams[team_id]
            candidates_of[action_id] |= team_members | (
                members_of[team_body] if everyone else set()
            )
    owned: dict[int, set[int]] = defaultdict(set)
    for action_id, person_id, org_id, team_id in owners:
        body_id = actions[action_id][0]
        team = teams.get(team_id) if team_id else None
        for member in candidates_of[action_id]:
            if rules.owner_row_includes(
                person_id=member,
                person_org_id=org_of.get(member),
                person_bodies=bodies_of[member],
                action_body_id=body_id,
                owner_person_id=person_id,
                owner_org_id=org_id,
                team_members=team[2] if team else None,
                team_everyone_body_id=team[1] if team and team[0] else None,
                action_issued=True,  # the candidates are issued actions only
            ):
                owned[member].add(action_id)

    weekly_day = monday_between(since, today)
    plan = Plan({})
    people = Person.objects.filter(pk__in=list(owned)).values_list(
        "pk", "email", "remind_before_due", "reminder_timing"
    )
    for person_id, email, before_due, timing in people.order_by("pk"):
        weekly = timing == Person.ReminderTiming.WEEKLY
        if weekly and not weekly_day:
            continue
        found = []
        for action_id in sorted(owned[person_id]):
            _, due, notice = actions[action_id]
            kind = line_kind(
                due=due,
                notice_days=notice,
                remind_before_due=before_due,
                weekly=weekly,
                today=today,
            )
            if kind is not None:
                found.append((action_id, *kind))
        if not found:
            continue
        if not email:
            plan.skipped_no_email += 1
            continue
        plan.lines[person_id] = found
    return plan


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


@contextlib.contextmanager
def batch_lock(batch_id: int):
    """Yield True when this process holds the batch (PostgreSQL advisory lock, released when
    the block ends or the connection dies). Without PostgreSQL (``make run``) there is only
    one process, so the lock is always granted."""
    if db.vendor != "postgresql":
        yield True
        return
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", [ADVISORY_LOCK_CLASS, batch_id % 2**31]
        )
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with db.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", [ADVISORY_LOCK_CLASS, batch_id % 2**31]
                )


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


SECTION_ORDER = [
    (Kind.OVERDUE, "Overdue", "#b02a37"),
    (Kind.DUE_TODAY, "Due today", "#fd7e14"),
    (Kind.DUE_SOON, "Due soon", "#2a6f97"),
]


@dataclass
class Row:
    """One line as the e-mail prints it, worked out once so the templates print plain strings."""

    body: str
    body_short: str
    number: str
    description: str
    due: str
    hint: str
    hint_capitalised: str
    meeting_date: str
    item: str
    colour: str
    link: str
    reference: str


class ReminderWriter:
    """Writes the reminder e-mails of one batch.

    A sweep writes tens of thousands of messages, and the template engine costs a few
    microseconds per variable printed and more per render. So the pieces of the templates
    are rendered once per batch with markers where the per-person parts go (the name, the
    sections, the lines, the signed link): the frame and each section heading once, and every
    action's line in one render for the whole batch (``prepare``). Each message is then put
    together from those pieces by string replacement. Markers are random, so no text in an
    action can be mistaken for one."""

    def __init__(self, today: dt.date, connection=None):
        self.today = today
        self.connection = connection
        marker = secrets.token_hex(8)
        self.name, self.sections, self.lines_marker, self.link, self.separator = (
            f"{part}-{marker}" for part in ("name", "sections", "lines", "link", "next")
        )
        text, html = "emails/action_reminder.txt", "emails/action_reminder.html"
        frame = {
            "person_name": self.name,
            "sections": self.sections,
            "today_full": ukdate(today, "full"),
            "my_actions_url": settings.SITE_URL + reverse("my_actions"),
            "profile_url": settings.SITE_URL + reverse("profile"),
        }
        self.frame = (get_template(text).render(frame), get_template(html).render(frame))
        self.partials = {
            name: (get_template(f"{text}#{name}"), get_template(f"{html}#{name}"))
            for name in ("lines", "section")
        }
        self.rendered: dict[tuple, tuple[str, str]] = {}

    def prepare(self, lines: list[Line]) -> None:
        """Render every line not rendered yet, text and HTML, in one pass each."""
        colours = {kind: colour for kind, _, colour in SECTION_ORDER}
        todo = {}
        for line in lines:
            key = ("line", line.action.pk, line.kind)
            if key not in self.rendered and key not in todo:
                todo[key] = self._row(line, colours[line.kind])
        if not todo:
            return
        context = {"lines": list(todo.values()), "separator": self.separator}
        text, html = (partial.render(context) for partial in self.partials["lines"])
        pieces = zip(text.split(self.separator), html.split(self.separator), strict=False)
        self.rendered.update(zip(todo, pieces, strict=False))

    def _row(self, line: Line, colour: str) -> Row:
        action = line.action
        hint = due_hint(action.due_date, self.today)
        return Row(
            body=action.body_name,
            body_short=action.body_short_name or action.body_name,
            number=str(action.number),
            description=action.description,
            due=ukdate(action.due_date),
            hint=hint,
            hint_capitalised=hint[:1].upper() + hint[1:],
            meeting_date=ukdate(action.meeting_date),
            item=f"{action.item_number} {action.item_title}" if action.item_title else "",
            colour=colour,
            link=self.link,
            reference=action.reference,
        )

    def _section(self, kind: str, label: str, count: int) -> tuple[str, str]:
        key = ("section", kind, count)
        if key not in self.rendered:
            section = {"kind": kind, "label": label, "heading": label.upper(), "count": count}
            context = {"section": {**section, "lines": self.lines_marker}}
            text, html = self.partials["section"]
            self.rendered[key] = (text.render(context), html.render(context))
        return self.rendered[key]

    def message(self, person: Person, lines: list[Line]) -> EmailMultiAlternatives:
        texts, htmls, counts = [], [], []
        for kind, label, _ in SECTION_ORDER:
            rows = sorted(
                (ln for ln in lines if ln.kind == kind),
                key=lambda ln: (ln.action.due_date, ln.action.pk),
            )
            if not rows:
                continue
            self.prepare(rows)
            line_texts, line_htmls = [], []
            for line in rows:
                text, html = self.rendered[("line", line.action.pk, line.kind)]
                link = link_url(action=line.action, person_id=person.pk)
                line_texts.append(text.replace(self.link, link))
                line_htmls.append(html.replace(self.link, link))
            text, html = self._section(kind, label, len(rows))
            texts.append(text.replace(self.lines_marker, "".join(line_texts)))
            htmls.append(html.replace(self.lines_marker, "".join(line_htmls)))
            counts.append(f"{len(rows)} {label.lower()}")
        name = person.display_name
        frame_text, frame_html = self.frame
        message = EmailMultiAlternatives(
            subject=f"Your actions: {', '.join(counts)}",
            body=frame_text.replace(self.name, name).replace(self.sections, "".join(texts)),
            to=[person.email],
            connection=self.connection,
        )
        html = frame_html.replace(self.name, escape(name)).replace(self.sections, "".join(htmls))
        message.attach_alternative(html, "text/html")
        return message


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
