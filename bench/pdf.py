"""Render a 40-item meeting with 60 actions to PDF and print the seconds (target: under 3 s).

Run with `make bench BENCH_ARGS="pdf --runs 5"` (part of plain `make bench`). Uses the 1x bench
database; the data is made in a transaction that is rolled back, so nothing is left behind.

Each stage is timed on its own: importing WeasyPrint (once per process, so a worker pays it at
start, not per document), building the context from the database, rendering the HTML, and
WeasyPrint's layout and PDF writing. The number judged against the target is the total of the
per-document stages, without the import. Wall time suffers when other work shares the CPUs, so
CPU time is printed beside it along with the load average; compare runs made on a quiet machine.
"""

from __future__ import annotations

import os
import statistics
import time

TARGET_SECONDS = 3.0
STAGES = ("context", "html", "layout", "write")


class _Timer:
    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def __call__(self, stage: str):
        timer = self

        class _Stage:
            def __enter__(self):
                self.wall = time.perf_counter()
                self.cpu = time.process_time()

            def __exit__(self, *exc):
                timer.wall[stage] = time.perf_counter() - self.wall
                timer.cpu[stage] = time.process_time() - self.cpu

        return _Stage()


def _render_once(meeting, *, public: bool):
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from records import pdf
    from records.documents import minutes_context

    t = _Timer()
    with t("context"):
        context = minutes_context(meeting, public=public, for_pdf=True)
    with t("html"):
        html = render_to_string("pdf/minutes.html", context)
    with t("layout"):
        document = HTML(string=html, base_url="/").render(stylesheets=pdf._stylesheets())
    with t("write"):
        data = document.write_pdf()
    return t, len(document.pages), len(data)


def pdf_main(args) -> int:
    """A 40-item meeting with 60 actions to PDF, stage by stage (target: under 3 s)."""
    from django.db import transaction

    start = time.perf_counter()
    import weasyprint  # noqa: F401

    import_seconds = time.perf_counter() - start

    from bench.data import bench_meeting_create

    class Rollback(Exception):
        pass

    results: dict[str, list] = {"members": [], "public": []}
    try:
        with transaction.atomic():
            meeting = bench_meeting_create(tag=str(os.getpid()))
            _render_once(meeting, public=False)  # warm fonts, templates and CSS parsing
            for _ in range(args.runs):
                for label, public in (("members", False), ("public", True)):
                    results[label].append(_render_once(meeting, public=public))
            raise Rollback
    except Rollback:
        pass

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} cores (busy CPUs slow WeasyPrint in step)")
    print(f"import weasyprint: {import_seconds:.2f} s (once per process, not counted below)")
    print("40 items, 60 actions; median of", args.runs, "runs; seconds wall (cpu)")
    header = f"{'version':<9}" + "".join(f"{s:>15}" for s in STAGES)
    print(header + f"{'total':>15}{'pages':>7}{'KiB':>6}")
    worst = 0.0
    for label, runs in results.items():
        cells = []
        for stage in STAGES:
            wall = statistics.median(t.wall[stage] for t, _, _ in runs)
            cpu = statistics.median(t.cpu[stage] for t, _, _ in runs)
            cells.append(f"{wall:>7.2f} ({cpu:.2f})")
        totals = [sum(t.wall.values()) for t, _, _ in runs]
        cpu_totals = [sum(t.cpu.values()) for t, _, _ in runs]
        total = statistics.median(totals)
        worst = max(worst, total)
        _, pages, size = runs[-1]
        print(
            f"{label:<9}"
            + "".join(f"{c:>15}" for c in cells)
            + f"{total:>7.2f} ({statistics.median(cpu_totals):.2f})"
            + f"{pages:>7}{size / 1024:>6.0f}"
        )
    verdict = "PASS" if worst < TARGET_SECONDS else "FAIL"
    print(f"worst median total {worst:.2f} s; target < {TARGET_SECONDS:.0f} s: {verdict}")
    return 0 if worst < TARGET_SECONDS else 1
