"""The button "Send due reminders now" with Redis up, stopped and frozen: how long a press
takes before the page says what happened (targets: under 2 s stopped, 2.5 s frozen).

    make bench BENCH_ARGS="button --runs 5"

A redis-server of its own on a free port (the machine's Redis is left alone) takes this
process's Celery broker; each run presses the button (the POST and the page it leads to,
through the test client, as the secretariat of a new body) with that Redis up, then killed
(connection refused), then started again and frozen with SIGSTOP (it accepts connections and
answers nothing). The broker's short timeouts (``CELERY_BROKER_TRANSPORT_OPTIONS``, see
``actions.tasks.publish_now``) bound the wait when it is down. Each press's message is checked
("sent" or "down"), so no figure is of the wrong page. The rows are made in a transaction
rolled back at the end, so the 1x database is left as it was; the task queued while Redis is
up goes nowhere (nothing consumes that Redis, which is killed at the end).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time

TARGET_SECONDS = {"stopped": 2.0, "frozen": 2.5}
STATES = ("up", "stopped", "frozen")
SENT = "Reminders are on their way to everyone with something due."
DOWN = "The reminder service cannot be reached just now."


class Redis:
    """A redis-server of the benchmark's own, started, killed and frozen at will."""

    def __init__(self, directory: str):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", self.directory],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = ["redis-cli", "-p", str(self.port), "ping"]
            if subprocess.run(ping, capture_output=True, text=True).stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise SystemExit("redis-server did not start within 10 s")

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(5)


def _press(client, url: str) -> tuple[float, str]:
    started = time.perf_counter()
    response = client.post(url, follow=True)
    seconds = time.perf_counter() - started
    page = response.content.decode()
    said = "sent" if SENT in page else "down" if DOWN in page else "neither"
    if response.status_code != 200:
        said = f"HTTP {response.status_code}"
    return seconds, said


def _presses(client, url: str, redis: Redis, runs: int) -> dict[str, list[tuple[float, str]]]:
    presses: dict[str, list[tuple[float, str]]] = {state: [] for state in STATES}
    for _ in range(runs):
        redis.start()
        presses["up"].append(_press(client, url))
        redis.kill()
        presses["stopped"].append(_press(client, url))
        redis.start()  # same port, empty
        redis.signal(signal.SIGSTOP)
        presses["frozen"].append(_press(client, url))
        redis.kill()
    return presses


class _Rollback(Exception):
    pass


def button_main(args) -> int:
    """The button in each state, ``args.runs`` times (targets: 2 s stopped, 2.5 s frozen)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from config.celery import app
    from partners.models import Body, Membership, Person

    tag = str(os.getpid())
    # Each press with Redis down logs a warning (actions.tasks.publish_now); the table says it.
    logging.getLogger("actions.tasks").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as directory:
        redis = Redis(directory)
        app.conf.task_always_eager = False  # the bench settings run tasks in process
        app.conf.broker_url = redis.url
        app._pool = None  # connections made from the old URL, if any, are not reused
        app.amqp._producer_pool = None
        try:
            with transaction.atomic():
                body = Body.objects.create(name=f"Bench Button Board {tag}", short_name=f"BB{tag}")
                user = get_user_model().objects.create_user(f"bench-button-{tag}")
                person = Person.objects.create(name=f"Bench Chaser {tag}", user=user)
                Membership.objects.create(
                    person=person, body=body, role=Membership.Role.SECRETARIAT
                )
                client = Client()
                client.force_login(user)
                url = reverse("body_send_reminders", args=[body.slug])
                _press(client, url)  # warm templates and the view (Redis not started: "down")
                presses = _presses(client, url, redis, args.runs)
                raise _Rollback
        except _Rollback:
            pass
        finally:
            redis.kill()
    return _report(presses, args.runs)


def _report(presses: dict[str, list[tuple[float, str]]], runs: int) -> int:
    expected = {"up": "sent", "stopped": "down", "frozen": "down"}
    print(f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{runs} presses in each state; seconds, the POST and the page it leads to")
    print(f"{'redis':<9}{'median':>8}{'max':>8}{'target':>8}  page says")
    failed = []
    for state in STATES:
        seconds = [s for s, _ in presses[state]]
        said = sorted({s for _, s in presses[state]})
        target = TARGET_SECONDS.get(state)
        worst = max(seconds)
        if said != [expected[state]] or (target is not None and worst >= target):
            failed.append(state)
        print(
            f"{state:<9}{statistics.median(seconds):>8.2f}{worst:>8.2f}"
            f"{f'< {target:g}' if target else '-':>8}  {', '.join(said)}"
        )
    print("PASS (every press within target, each saying so)" if not failed else f"FAIL: {failed}")
    return 1 if failed else 0
