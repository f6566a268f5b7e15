"""Celery tasks: thin wrappers over ``notices.delivery`` and ``notices.services``.

``send_batch`` acknowledges late and is re-queued when its worker dies (``acks_late``,
``reject_on_worker_lost``), like the reminder batches; the claims in PostgreSQL keep a re-run
from repeating a message. When the mail server fails for a while (unreachable, or a 4xx
answer), the task retries with a growing delay (``NOTICE_RETRY_SECONDS`` doubled each time, at
most ``NOTICE_MAX_RETRIES`` times); then it gives up, and the outbox shows the failures and
offers to try again. Beat runs ``sweep`` every few minutes (scheduled agendas, and batches whose
task was lost) and ``daily`` each morning (reminders to comment, the chair told of comments to
resolve, the digests).
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import delivery, services
from .models import NoticeBatch

log = logging.getLogger(__name__)

SURVIVES_WORKER_DEATH = {"acks_late": True, "reject_on_worker_lost": True}


def retry_delay(retries: int) -> int:
    """Seconds before the next attempt: the base, doubled for each attempt made."""
    return settings.NOTICE_RETRY_SECONDS * 2**retries


@shared_task(bind=True, name="notices.send_batch", max_retries=None, **SURVIVES_WORKER_DEATH)
def send_batch(self, *, batch_id: int) -> dict:
    result = delivery.notice_batch_send(batch_id=batch_id)
    if result.retry:
        if self.request.retries < settings.NOTICE_MAX_RETRIES:
            delay = retry_delay(self.request.retries)
            NoticeBatch.objects.filter(pk=batch_id).update(
                next_attempt_at=timezone.now() + dt.timedelta(seconds=delay)
            )
            raise self.retry(countdown=delay)
        delivery.notice_batch_give_up(batch_id=batch_id)
    return {"messages": result.messages, "failures": result.failures, "stopped": result.stopped}


def publish(batch_id: int) -> bool:
    """Queue a batch's task; False (never an exception) when the broker cannot be reached:
    the sweep queues unfinished batches again."""
    try:
        send_batch.apply_async(kwargs={"batch_id": batch_id}, retry=False)
    except Exception:  # noqa: BLE001  (Redis down must not take a page with it)
        log.warning("Could not queue notice batch %s; the sweep will", batch_id)
        return False
    return True


@shared_task(name="notices.sweep", **SURVIVES_WORKER_DEATH)
def sweep() -> dict:
    return {
        "agendas": services.agendas_due_queue(),
        "requeued": services.stalled_batches_queue(),
    }


@shared_task(name="notices.daily", **SURVIVES_WORKER_DEATH)
def daily() -> dict:
    return {
        "reminders": services.comment_reminders_plan(),
        "chairs": services.circulations_ended_plan(),
        "digests": len(services.digests_plan()),
    }
