"""Exactly once under real conditions: real Celery workers on real Redis, a real SMTP server
(aiosmtpd), workers and senders killed half-way (SIGKILL), two sweeps at once, and a Redis
server of the test's own stopped and frozen. Data is committed (transactional_db) so the other
processes see it. Each test counts the messages the SMTP server accepted: every person once.

These start processes and wait on them (about a minute in all): marked ``processes``, and run
by plain ``make test``.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actions.models import ReminderBatch, ReminderDelivery, ReminderSweep
from partners.models import Membership
from tests.actions.smtp import RecordingHandler, SMTPServer, free_port
from tests.factories import (
    ActionOwnerFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = [pytest.mark.celery, pytest.mark.processes, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 6
BATCH = 3  # people per batch in the workers below: two batches, two SMTP connections


def child_env(smtp: SMTPServer | None = None, *, broker: str | None = None, **extra) -> dict:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        CELERY_BROKER_URL=broker or settings.CELERY_BROKER_URL,
        CELERY_RESULT_BACKEND=broker or settings.CELERY_RESULT_BACKEND,
        REMINDER_BATCH_SIZE=str(BATCH),
        **({"EMAIL_URL": smtp.url} if smtp else {}),
        **extra,
    )
    return env


@pytest.fixture
def reminded_people():
    """Six members, each with one overdue and one due-soon action."""
    today = timezone.localdate()
    body = BodyFactory()
    meeting = MeetingFactory(body=body, date=today - dt.timedelta(days=30), status="circulated")
    people = []
    for i in range(PEOPLE):
        person = PersonFactory(email=f"member{i}@example.org")
        MembershipFactory(person=person, body=body, role=Membership.Role.MEMBER)
        for days in (-2, 3):
            ActionOwnerFactory(
                action__meeting=meeting,
                action__due_date=today + dt.timedelta(days=days),
                person=person,
            )
        people.append(person)
    return people


def command(env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def expected_recipients(people):
    return sorted(p.email for p in people)


def unsent() -> list[bool]:
    """For each claim, whether it is still waiting for its receipt."""
    return [sent is None for sent in ReminderDelivery.objects.values_list("sent_at", flat=True)]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"Waited {seconds:.0f} s for {what}")


def test_sender_killed_half_way_then_rerun_sends_no_duplicate_and_misses_nobody(
    reminded_people,
):
    handler = RecordingHandler(hold_after=2)
    with SMTPServer(handler) as smtp:
        env = child_env(smtp)
        first = command(env)
        assert handler.holding.wait(60), first.stdout.read().decode()
        first.send_signal(signal.SIGKILL)  # dies with person 3's message unaccepted
        first.wait(10)
        handler.hold_after = None
        handler.release.set()

        second = command(env)
        second.wait(60)

    assert second.returncode == 0, second.stdout.read().decode()
    assert handler.recipients() == expected_recipients(reminded_people)
    assert unsent() == [False] * PEOPLE * 2


def test_two_sweeps_at_once_send_each_person_one_message(reminded_people):
    handler = RecordingHandler(delay=0.2)
    with SMTPServer(handler) as smtp:
        env = child_env(smtp)
        runs = [command(env), command(env)]
        for run in runs:
            run.wait(60)

    assert [r.returncode for r in runs] == [0, 0]
    assert handler.recipients() == expected_recipients(reminded_people)


# Real Celery workers --------------------------------------------------------------------------


class Worker:
    """A Celery worker process on ``env``'s broker; ``pool`` "solo" runs tasks in the worker
    process itself, "prefork" in a child process (what ``reject_on_worker_lost`` is about)."""

    def __init__(self, env: dict, tmp_path: Path, pool: str = "solo"):
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "config",
                "worker",
                "--pool",
                pool,
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=open(tmp_path / f"worker-{time.monotonic_ns()}.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, app):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if app.control.inspect(timeout=1).ping():
                return
            assert self.process.poll() is None, "the Celery worker exited"
        pytest.fail("The Celery worker did not start")

    def children(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in out.stdout.split()]

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@pytest.fixture
def workers(tmp_path):
    """Start workers with ``start(env, pool=...)``; all are stopped at the end."""
    from config.celery import app

    app.control.purge()  # tasks queued by other tests (no worker ran them) are not ours
    started: list[Worker] = []

    def start(env, pool="solo", wait=True) -> Worker:
        worker = Worker(env, tmp_path, pool)
        started.append(worker)
        if wait:
            worker.wait_ready(app)
        return worker

    yield start
    for worker in started:
        worker.stop()


def sweeps_completed() -> int:
    return ReminderSweep.objects.filter(completed_at__isnull=False).count()


def test_celery_sends_reminders_in_batches_one_smtp_connection_each(reminded_people, workers):
    from actions.tasks import send_reminders

    handler = RecordingHandler()
    with SMTPServer(handler) as smtp:
        workers(child_env(smtp))
        planned = send_reminders.delay().get(timeout=60)
        wait_for(lambda: sweeps_completed() == 1, 60, "the sweep to complete")
        send_reminders.delay().get(timeout=60)
        wait_for(lambda: sweeps_completed() == 2, 60, "the second sweep to complete")

    assert planned["batches"] == PEOPLE // BATCH
    assert handler.recipients() == expected_recipients(reminded_people)
    assert handler.connections() == PEOPLE // BATCH
    message = handler.messages[0]
    assert message["Subject"] == "Your actions: 1 overdue, 1 due soon"
    assert [part.get_content_type() for part in message.get_payload()] == [
        "text/plain",
        "text/html",
    ]


def test_worker_killed_mid_batch_its_batch_is_finished_by_a_restarted_worker(
    reminded_people, workers
):
    from actions.tasks import send_reminders

    # The second batch's second message is held unanswered while the worker is killed: the
    # first batch is done, the second half sent.
    handler = RecordingHandler(hold_after=BATCH + 1)
    with SMTPServer(handler) as smtp:
        env = child_env(smtp, CELERY_VISIBILITY_TIMEOUT="3")
        first = workers(env)
        send_reminders.delay()
        assert handler.holding.wait(60)
        first.kill()
        handler.hold_after = None
        handler.release.set()

        workers(env)  # Redis hands it the dead worker's unacknowledged batch
        wait_for(lambda: len(handler.messages) >= PEOPLE, 60, "every person's message")
        wait_for(lambda: sweeps_completed() == 1, 30, "the sweep to complete")
        time.sleep(1)  # anything sent twice would arrive now

    assert handler.recipients() == expected_recipients(reminded_people)
    assert unsent() == [False] * PEOPLE * 2


def test_pool_process_killed_mid_batch_the_task_is_requeued_and_finished(reminded_people, workers):
    from actions.tasks import send_reminders

    handler = RecordingHandler(hold_after=BATCH + 1)
    with SMTPServer(handler) as smtp:
        worker = workers(child_env(smtp), pool="prefork")
        send_reminders.delay()
        assert handler.holding.wait(60)
        [child] = worker.children()
        os.kill(child, signal.SIGKILL)  # acks_late + reject_on_worker_lost: back on the queue
        handler.hold_after = None
        handler.release.set()
        wait_for(lambda: sweeps_completed() == 1, 60, "the sweep to complete")
        time.sleep(1)

    assert handler.recipients() == expected_recipients(reminded_people)
    assert unsent() == [False] * PEOPLE * 2


# A Redis of the test's own, stopped and frozen -------------------------------------------------


class Redis:
    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.dir = tmp_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.ping, 10, "redis-server to start")

    def ping(self) -> bool:
        out = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
        )
        return out.stdout.strip() == "PONG"

    def queued(self) -> int:
        out = subprocess.run(
            ["redis-cli", "-p", str(self.port), "llen", "celery"], capture_output=True, text=True
        )
        return int(out.stdout.strip())

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(5)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(5)


@pytest.fixture
def redis(tmp_path):
    server = Redis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_on(redis):
    """Point this process's Celery app (the web request's publisher) at the test's Redis."""
    from config.celery import app

    def use(url):
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    before = app.conf.broker_url
    use(redis.url)
    yield app
    use(before)


@pytest.fixture
def chaser(client, reminded_people):
    from tests.conftest import make_login

    body = reminded_people[0].memberships.get().body
    client.force_login(make_login(body, Membership.Role.SECRETARIAT))
    return body


def press_send_reminders(client, body):
    response = client.post(reverse("body_send_reminders", args=[body.slug]), follow=True)
    return response.status_code, [str(m) for m in response.context["messages"]]


SENT = (
    "Reminders are on their way to everyone with something due. "
    "Nobody is sent the same reminder twice."
)
DOWN = (
    "The reminder service cannot be reached just now. Nothing is lost: the daily sweep at "
    "07:30 sends everything that is due."
)


def test_send_reminders_button_with_redis_stopped_or_frozen_says_so(client, chaser, redis, app_on):
    """How long the page takes to say so is measured by ``make bench BENCH_ARGS="button"``
    (targets: under 2 s stopped, 2.5 s frozen)."""
    up = press_send_reminders(client, chaser)
    queued = redis.queued()
    redis.kill()
    stopped = press_send_reminders(client, chaser)
    redis.start()  # same port, empty
    redis.process.send_signal(signal.SIGSTOP)  # accepts connections, answers nothing
    frozen = press_send_reminders(client, chaser)
    redis.process.send_signal(signal.SIGCONT)
    again = press_send_reminders(client, chaser)

    assert (up, queued) == ((200, [SENT]), 1)
    assert stopped == (200, [DOWN])
    assert frozen == (200, [DOWN])
    assert again == (200, [SENT])


def test_redis_killed_mid_sweep_the_next_sweep_catches_up_without_duplicates(
    reminded_people, workers, redis, app_on
):
    from actions.tasks import send_reminders

    handler = RecordingHandler(hold_after=1)
    with SMTPServer(handler) as smtp:
        env = child_env(smtp, broker=redis.url)
        workers(env)
        send_reminders.delay()
        assert handler.holding.wait(60)
        redis.kill()  # the second batch's task is lost with it (Redis keeps nothing)
        handler.hold_after = None
        handler.release.set()  # the held message is refused: its claim is released
        batches_done = ReminderBatch.objects.filter(done_at__isnull=False).count
        wait_for(lambda: batches_done() == 1, 30, "the first batch to finish")
        redis.start()
        # The next scheduled sweep (run here at once) finds the rest from the database.
        wait_for(lambda: _publish(send_reminders), 60, "the worker's broker to come back")
        wait_for(lambda: sweeps_completed() == 1, 60, "a sweep to complete")
        time.sleep(1)

    assert handler.recipients() == expected_recipients(reminded_people)
    assert unsent() == [False] * PEOPLE * 2


def _publish(task) -> bool:
    from actions.tasks import publish_now

    return publish_now(task)
