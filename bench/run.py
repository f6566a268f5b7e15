"""Render a 40-item meeting with 60 actions to PDF and print the seconds (target: under 3 s).

Run with `make bench`. Uses DATABASE_URL (SQLite under var/ by default); the data is made in a
transaction that is rolled back, so nothing is left behind.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

TARGET_SECONDS = 3.0


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    import weasyprint  # noqa: F401  (imported once, as a worker would have it already)

    from bench.data import bench_meeting_create
    from meetings import pdf

    class Rollback(Exception):
        pass

    results = {}
    try:
        with transaction.atomic():
            meeting = bench_meeting_create(tag=str(os.getpid()))
            pdf.minutes_pdf(meeting)  # warm fonts and templates
            for label, public in (("members", False), ("public", True)):
                start = time.perf_counter()
                data = pdf.minutes_pdf(meeting, public=public)
                results[label] = (time.perf_counter() - start, len(data))
            raise Rollback
    except Rollback:
        pass

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} cores (other work slows WeasyPrint in step)")
    worst = max(seconds for seconds, _ in results.values())
    for label, (seconds, size) in results.items():
        print(f"minutes_pdf[{label}] 40 items, 60 actions: {seconds:.2f} s, {size / 1024:.0f} KiB")
    print(
        f"worst {worst:.2f} s; target < {TARGET_SECONDS:.0f} s: {'PASS' if worst < TARGET_SECONDS else 'FAIL'}"
    )
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
