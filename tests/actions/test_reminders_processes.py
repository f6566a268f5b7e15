"""Exactly-once under real conditions: a real Celery worker on real Redis, a real SMTP server,
a sender killed half-way, two sweeps at once. Data is committed (transactional_db) so the
other processes see it."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from actions.models import ReminderDelivery
from partners.models import Membership
from tests.actions.smtp import RecordingHandler, SMTPServer
from tests.factories import (
    ActionOwnerFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 6


def child_env(smtp: SMTPServer) -> dict:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        CELERY_RESULT_BACKEND=settings.CELERY_RESULT_BACKEND,
        EMAIL_URL=smtp.url,
    )
    return env


@pytest.fixture
def reminded_people():
    """Six members, each with one overdue and one due-soon action."""
    today = timezone.localdate()
    body = BodyFactory()
    meeting = MeetingFactory(body=body, date=today - dt.timedelta(days=30))
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


def test_sender_killed_half_way_then_rerun_sends_no_duplicate_and_misses_nobody(
    reminded_people,
):
    handler = RecordingHandler(hold_after=2)
    with SMTPServer(handler) as smtp:
        env = child_env(smtp)
        first = command(env)
        assert handler.holding.wait(60), first.stdout.read().decode()
        first.send_signal(signal.SIGKILL)  # dies with person 3's claim uncommitted
        first.wait(10)
        handler.hold_after = None
        handler.release.set()

        second = command(env)
        second.wait(60)

    assert second.returncode == 0, second.stdout.read().decode()
    assert handler.recipients() == expected_recipients(reminded_people)
    assert ReminderDelivery.objects.count() == PEOPLE * 2


def test_two_sweeps_at_once_send_each_person_one_message(reminded_people):
    handler = RecordingHandler(delay=0.2)
    with SMTPServer(handler) as smtp:
        env = child_env(smtp)
        runs = [command(env), command(env)]
        for run in runs:
            run.wait(60)

    assert [r.returncode for r in runs] == [0, 0]
    assert handler.recipients() == expected_recipients(reminded_people)


@pytest.fixture
def celery_worker_process(tmp_path):
    """A real worker (solo pool) on the test Redis database, sending through a real SMTP server."""
    handler = RecordingHandler()
    with SMTPServer(handler) as smtp:
        env = child_env(smtp)
        from config.celery import app

        app.control.purge()  # tasks queued by other tests (no worker ran them) are not ours
        pidfile = tmp_path / "worker.pid"
        worker = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--pidfile",
                str(pidfile),
                "-l",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if app.control.inspect(timeout=1).ping():
                    break
                assert worker.poll() is None, worker.stdout.read().decode()
            else:
                pytest.fail("The Celery worker did not start")
            yield handler
        finally:
            worker.terminate()
            try:
                worker.wait(15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(5)


def test_celery_worker_sends_reminders_through_smtp_once(reminded_people, celery_worker_process):
    from actions.tasks import send_reminders

    first = send_reminders.delay().get(timeout=60)
    again = send_reminders.delay().get(timeout=60)

    assert first == {"messages": PEOPLE, "lines": PEOPLE * 2, "failures": 0}
    assert again == {"messages": 0, "lines": 0, "failures": 0}
    assert celery_worker_process.recipients() == expected_recipients(reminded_people)
    message = celery_worker_process.messages[0]
    assert message["Subject"] == "Your actions: 1 overdue, 1 due soon"
    assert message.is_multipart()
    assert [part.get_content_type() for part in message.get_payload()] == [
        "text/plain",
        "text/html",
    ]
