"""Exactly once under real conditions: a real Celery worker on Redis sends the notices through a
real SMTP server (aiosmtpd) that fails for a while, or the worker is killed half-way. Data is
committed (transactional_db) so the worker sees it. Each test counts what the server accepted:
every person once. Marked ``processes`` like the reminders' (they start and kill processes)."""

import time

import pytest

from notices import services
from notices.models import NoticeBatch, NoticeDelivery, NoticeFailure
from tests.actions.smtp import SMTPServer
from tests.actions.test_reminders_processes import Worker, child_env, wait_for

from .conftest import RefusingHandler, inbox

pytestmark = [pytest.mark.celery, pytest.mark.processes, pytest.mark.django_db(transaction=True)]

RECIPIENTS = ("chair", "secretariat", "member", "quiet", "digest", "officer")


@pytest.fixture
def worker(tmp_path):
    """Start workers with ``worker(env)``; all are stopped at the end."""
    from config.celery import app

    app.control.purge()  # tasks queued by other tests (no worker ran them) are not ours
    started: list[Worker] = []

    def start(env) -> Worker:
        started.append(Worker(env, tmp_path))
        started[-1].wait_ready(app)
        return started[-1]

    yield start
    for w in started:
        w.stop()


def batches_done() -> bool:
    return not NoticeBatch.objects.filter(done_at__isnull=True).exists()


def test_worker_retries_a_busy_mail_server_and_sends_each_person_the_agenda_once(
    cast, upcoming, worker
):
    from notices.tasks import send_batch

    handler = RefusingHandler()
    handler.replies = ["451 4.3.0 Mailbox busy, try later"] * 2  # the first two messages
    with SMTPServer(handler) as smtp:
        worker(child_env(smtp, NOTICE_RETRY_SECONDS="1"))
        # The page's service: committed, then queued (on_commit) for the worker.
        services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
        wait_for(batches_done, 60, "the batch to be sent")
        [batch] = NoticeBatch.objects.all()
        send_batch.delay(batch_id=batch.pk).get(timeout=30)  # queued again: sends nothing
        time.sleep(1)

    assert sorted(inbox(handler)) == cast.emails(*RECIPIENTS)
    assert len(handler.messages) == len(RECIPIENTS)
    reasons = list(NoticeFailure.objects.values_list("reason", flat=True))
    assert reasons == ["451 4.3.0 Mailbox busy, try later"] * 2
    assert batch.attempts == 2  # the first try, and the retry after the failures


def test_worker_killed_mid_batch_its_batch_is_finished_by_the_next_worker(cast, upcoming, worker):
    handler = RefusingHandler()
    handler.hold_after = 2  # the third message is held unanswered while the worker dies
    with SMTPServer(handler) as smtp:
        env = child_env(smtp, CELERY_VISIBILITY_TIMEOUT="3")
        first = worker(env)
        services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
        assert handler.holding.wait(60)
        first.kill()
        handler.hold_after = None
        handler.release.set()

        worker(env)  # Redis hands it the dead worker's unacknowledged batch
        wait_for(batches_done, 60, "the batch to be finished")
        time.sleep(1)  # anything sent twice would arrive now

    assert sorted(inbox(handler)) == cast.emails(*RECIPIENTS)
    assert len(handler.messages) == len(RECIPIENTS)
    unsent = NoticeDelivery.objects.filter(sent_at__isnull=True, stopped=False)
    assert list(unsent) == []
