"""Celery tasks: thin wrappers over the sweeps in ``actions.reminders`` (safe to run twice)."""

from __future__ import annotations

import logging

from celery import shared_task

from . import reminders

log = logging.getLogger(__name__)


@shared_task(name="actions.send_reminders")
def send_reminders() -> dict:
    result = reminders.send_reminders()
    return {"messages": result.messages, "lines": result.lines, "failures": result.failures}


@shared_task(name="actions.send_overdue_summaries")
def send_overdue_summaries() -> dict:
    result = reminders.send_overdue_summaries()
    return {"messages": result.messages, "failures": result.failures}


def publish_now(task) -> bool:
    """Queue ``task``; False (never an exception) when the broker cannot be reached.

    Redis being down must not take a web request with it: the scheduled sweep catches up,
    because it works from the database, not from the queue.
    """
    try:
        task.apply_async(retry=False)
    except Exception:
        log.warning("Could not queue %s; the next scheduled sweep will catch up", task.name)
        return False
    return True
