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

Where each part lives: ``planning`` (who hears about what today: ``due_lines``), ``writing``
(the e-mails: ``ReminderWriter``), ``sending`` (the sweep, its batches, claims and receipts,
and the weekly overdue summary); ``lines`` holds the line all three share, so the writer
need not import the sender that calls it.
"""

from .lines import LINE_FIELDS, Kind, Line, LineAction
from .planning import WEEKLY_WINDOW_DAYS, Plan, due_lines, line_kind, monday_between, overdue_period
from .sending import (
    ADVISORY_LOCK_CLASS,
    CLAIM_SQL,
    RECEIPT_SQL,
    RELEASE_SQL,
    TAKE_OVER_SQL,
    SweepResult,
    batch_lock,
    last_completed_day,
    monday_of,
    receipts_without_flush,
    reminder_batch_send,
    reminder_sweep_plan,
    send_overdue_summaries,
    send_reminders,
)
from .writing import SECTION_ORDER, ReminderWriter, Row

__all__ = [
    "ADVISORY_LOCK_CLASS",
    "CLAIM_SQL",
    "LINE_FIELDS",
    "RECEIPT_SQL",
    "RELEASE_SQL",
    "SECTION_ORDER",
    "TAKE_OVER_SQL",
    "WEEKLY_WINDOW_DAYS",
    "Kind",
    "Line",
    "LineAction",
    "Plan",
    "ReminderWriter",
    "Row",
    "SweepResult",
    "batch_lock",
    "due_lines",
    "last_completed_day",
    "line_kind",
    "monday_between",
    "monday_of",
    "overdue_period",
    "receipts_without_flush",
    "reminder_batch_send",
    "reminder_sweep_plan",
    "send_overdue_summaries",
    "send_reminders",
]
