"""Benchmarks anyone can run: `make bench` (PostgreSQL; starts it like `make test` does).

    make bench                                   # everything below, in this order
    make bench BENCH_ARGS="data --scale 10x"     # make (or reuse) one size's database
    make bench BENCH_ARGS="pages --scale 10x"    # p50/p95 of each page against the floor
    make bench BENCH_ARGS="sweep --scale 100x"   # the reminder sweep
    make bench BENCH_ARGS="load --scale 10x"     # My actions under wrk, 16 connections
    make bench BENCH_ARGS="pdf"                  # the minutes PDF, stage by stage
    make bench BENCH_ARGS="search --scale 10x"   # search's kinds of query beside the floor
    make bench BENCH_ARGS="import"               # a 40-page Word document imported, by stage
    make bench BENCH_ARGS="button"               # "Send due reminders now" with Redis down

Each size has its own database (BENCH_DATABASE_URL with _1x, _10x or _100x appended), made once
in bulk and reused while its generator version matches (``--fresh`` makes it again). Each
measurement runs in a child process of its own with config.settings.bench (DEBUG off).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/minutebook_bench"
COMMANDS = ("data", "pages", "sweep", "load", "pdf", "search", "import", "button")


def database_url(scale: str) -> str:
    base = urlsplit(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    return urlunsplit(base._replace(path=f"{base.path}_{scale}"))


def _admin_connection(url: str):
    import psycopg2

    parts = urlsplit(url)
    conn = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
    )
    conn.autocommit = True
    return conn, parts.path.lstrip("/")


def database_prepare(url: str, *, fresh: bool) -> None:
    """Create the database if it is missing (drop it first with ``fresh``)."""
    conn, name = _admin_connection(url)
    with conn.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def child(command: str, scale: str, extra: list[str]) -> int:
    """Run one measurement in a fresh process against the scale's database."""
    env = dict(
        os.environ,
        DATABASE_URL=database_url(scale),
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        PYTHONHASHSEED="0",
    )
    args = [sys.executable, str(Path(__file__).resolve()), "_child", command, "--scale", scale]
    return subprocess.call(args + extra, cwd=ROOT, env=env)


def data_main(args) -> int:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.data import MARKER, SCALES, dataset_create, dataset_marker

    call_command("migrate", verbosity=0)
    marker = dataset_marker()
    if marker is not None:
        print(f"{args.scale}: database ready ({MARKER}, made {marker.acronym.split()[-1]})")
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM actions_action")
        if cursor.fetchone()[0]:
            print(f"{args.scale}: the database holds other data; run with --fresh", file=sys.stderr)
            return 1
    scale = SCALES[args.scale]
    start = time.perf_counter()
    with transaction.atomic():  # all or nothing: a failed run leaves no half a dataset
        dataset_create(scale, today=timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = time.perf_counter() - start
    print(
        f"{scale.name}: made {scale.bodies:,} bodies, {scale.people:,} people, "
        f"{scale.meetings:,} meetings, {scale.actions:,} actions in {seconds:.0f} s"
    )
    return 0


def child_main(argv: list[str]) -> int:
    import django

    django.setup()
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("--scale", default="1x")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args(argv)
    if args.command == "data":
        return data_main(args)
    if args.command == "pages":
        from bench.pages import pages_main

        return pages_main(args)
    if args.command == "sweep":
        from bench.sweep import sweep_main

        return sweep_main(args)
    if args.command == "search":
        from bench.search import search_main

        return search_main(args)
    if args.command == "load":
        from bench.load import load_main

        return load_main(args)
    if args.command == "import":
        from bench.import_speed import import_main

        return import_main(args)
    if args.command == "button":
        from bench.reminder_button import button_main

        return button_main(args)
    from bench.pdf import pdf_main

    return pdf_main(args)


PLAN = [
    ("data", "1x"),
    ("data", "10x"),
    ("data", "100x"),
    ("pages", "1x"),
    ("pages", "10x"),
    ("load", "10x"),
    ("sweep", "100x"),
    ("pdf", "1x"),
    ("import", "1x"),
    ("button", "1x"),
]


def main() -> int:
    if sys.argv[1:2] == ["_child"]:
        return child_main(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=("all", *COMMANDS), default="all")
    parser.add_argument("--scale", choices=("1x", "10x", "100x"))
    parser.add_argument("--fresh", action="store_true", help="make the data again")
    args, extra = parser.parse_known_args()
    if args.command == "all":
        plan = PLAN
    else:
        scale = args.scale or {"sweep": "100x", "load": "10x"}.get(args.command, "1x")
        plan = [("data", scale)] + ([(args.command, scale)] if args.command != "data" else [])
    failures = 0
    for command, scale in plan:
        if command == "data":
            database_prepare(database_url(scale), fresh=args.fresh)
        print(f"\n== {command} {scale} ==", flush=True)
        failures += child(command, scale, extra) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
