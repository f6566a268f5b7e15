"""Celery tasks: thin wrappers over the sweeps in ``actions.reminders`` (safe to run twice).

The reminder tasks acknowledge late and are re-queued when the worker running them dies
(``acks_late``, ``reject_on_worker_lost``): a killed worker's batch is sent by the next
worker, and the claims in PostgreSQL keep that from repeating a message.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from . import reminders

log = logging.getLogger(__name__)

SURVIVES_WORKER_DEATH = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(name="actions.send_reminders", **SURVIVES_WORKER_DEATH)
def send_reminders() -> dict:
    """Plan today's sweep and queue one task per batch (when the plan is committed)."""
    sweep, _ = reminders.reminder_sweep_plan()
    batch_ids = list(sweep.batch_set.values_list("pk", flat=True))
    transaction.on_commit(
        lambda: [send_reminder_batch.apply_async(kwargs={"batch_id": pk}) for pk in batch_ids]
    )
    return {"sweep": sweep.pk, "batches": len(batch_ids)}


@shared_task(name="actions.send_reminder_batch", **SURVIVES_WORKER_DEATH)
def send_reminder_batch(*, batch_id: int) -> dict:
    result = reminders.reminder_batch_send(batch_id=batch_id)
    return {"messages": result.messages, "lines": result.lines, "failures": result.failures}


@shared_task(name="actions.send_overdue_summaries", **SURVIVES_WORKER_DEATH)
def send_overdue_summaries() -> dict:
    result = reminders.send_overdue_summaries()
    return {"messages": result.messages, "failures": result.failures}


def publish_now(task) -> bool:
    """Queue ``task``; False (never an exception) when the broker cannot be reached.

    Redis being down must not take a web request with it: the scheduled sweep catches up,
    because it works from the database, not from the queue. The broker's short timeouts
    (``CELERY_BROKER_TRANSPORT_OPTIONS`` in settings) bound the wait to about two seconds.
    """
    try:
        task.apply_async(retry=False)
    except Exception:
        log.warning("Could not queue %s; the next scheduled sweep will catch up", task.name)
        return False
    return True
