"""Each page's p50 and p95 beside the floor, in the same process and the same rounds.

The floor (``bench.urls.floor``) is a logged-in page with one query of its own: every request
pays the same session, login, CSRF and CSP work, so a page's cost is read as a multiple of it
("3.0x" = three floors). Each round asks for the floor and the pages in a shuffled order, so
noise from the shared machine falls on both. The query count of each page is taken once, with
the same requests, outside the timed rounds.
"""

from __future__ import annotations

import random
import statistics
import time

LIGHT_PAGES = ("home", "my actions", "action page", "action log", "body page")
TARGET_RATIO = 3.0


def bench_urls() -> dict[str, str]:
    from django.urls import reverse
    from django.utils import timezone

    from actions.models import Action
    from actions.rules import owned_actions
    from bench.data import BENCH_USERNAME
    from meetings.models import Meeting
    from partners.models import Body, Person
    from partners.rules import person_body_ids

    person = Person.objects.get(user__username=BENCH_USERNAME)
    body = Body.objects.filter(pk__in=person_body_ids(person)).order_by("pk").first()
    action = (
        owned_actions(person)
        .filter(status__in=(Action.Status.OPEN, Action.Status.IN_PROGRESS))
        .order_by("due_date", "pk")
        .first()
    )
    meeting = (
        Meeting.objects.filter(body=body, date__lt=timezone.localdate()).order_by("-date").first()
    )
    return {
        "home": reverse("home"),
        "my actions": reverse("my_actions"),
        "action page": reverse("action_detail", args=[action.pk]),
        "action log": reverse("body_actions", args=[body.slug]),
        "body page": reverse("body_detail", args=[body.slug]),
        "meeting page": reverse("meeting_detail", args=[meeting.pk]),
        "search": reverse("search") + "?q=follow-up",
    }


def logged_in_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.data import BENCH_USERNAME

    client = Client(raise_request_exception=True)
    client.force_login(get_user_model().objects.get(username=BENCH_USERNAME))
    return client


def _get(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return seconds


def query_counts(client, urls: dict[str, str]) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts[name] = len(ctx.captured_queries)
    return counts


def pct(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1] if q < 100 else max(values)
    )


FLOOR_URL = "/bench/floor/"


def sample_against_floor(client, urls: dict[str, str], rounds: int):
    """Warm up, count each page's queries, then time every page beside the floor view in the
    same rounds (a floor request before each page request, pages in a shuffled order), so a
    page's time is read against the floor measured under the same load. Returns
    ``(samples, counts)``, each keyed by page name and ``"floor"``."""
    for url in [FLOOR_URL, *urls.values()] * 3:  # warm templates, caches and connections
        _get(client, url)
    counts = query_counts(client, {"floor": FLOOR_URL, **urls})
    samples: dict[str, list[float]] = {name: [] for name in ["floor", *urls]}
    rng = random.Random(1)
    for _ in range(rounds):
        order = list(urls)
        rng.shuffle(order)
        for name in order:
            samples["floor"].append(_get(client, FLOOR_URL))
            samples[name].append(_get(client, urls[name]))
    return samples, counts


def pages_main(args) -> int:
    from django.db import connection

    urls = bench_urls()
    client = logged_in_client()
    broken = {}
    for name, url in urls.items():
        try:
            _get(client, url)
        except Exception as exc:  # another change in progress: say so, measure the rest
            broken[name] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:80]}"
    urls = {name: url for name, url in urls.items() if name not in broken}
    samples, counts = sample_against_floor(client, urls, args.rounds)

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM actions_action")
        actions = cursor.fetchone()[0]
    floor50, floor95 = pct(samples["floor"], 50), pct(samples["floor"], 95)
    print(
        f"{args.scale}: {actions:,} actions; {args.rounds} rounds; milliseconds; "
        f"ratio = page p95 / floor p95 (target for light pages <= {TARGET_RATIO:.0f}x)"
    )
    print(f"{'page':<14}{'p50':>8}{'p95':>8}{'ratio':>8}{'queries':>9}")
    print(f"{'floor':<14}{floor50 * 1e3:>8.1f}{floor95 * 1e3:>8.1f}{'1.0x':>8}{counts['floor']:>9}")
    failed = []
    for name in urls:
        p50, p95 = pct(samples[name], 50), pct(samples[name], 95)
        ratio = p95 / floor95
        light = name in LIGHT_PAGES
        mark = (" FAIL" if ratio > TARGET_RATIO else "") if light else " (not a light page)"
        if light and ratio > TARGET_RATIO:
            failed.append(name)
        print(f"{name:<14}{p50 * 1e3:>8.1f}{p95 * 1e3:>8.1f}{ratio:>7.1f}x{counts[name]:>9}{mark}")
    for name, error in broken.items():
        print(f"{name:<14}not measured: {error}")
    print("light pages within target" if not failed else f"over target: {', '.join(failed)}")
    return 0
