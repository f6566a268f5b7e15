"""The reminder sweep at 100x: plan and send every batch in this process, mail in memory.

Reported: people reminded, messages, batches; wall and CPU seconds (the target, 10 s, is our
own CPU time: PostgreSQL works in its own process and the machine is shared); the queries of
the plan, of each batch and the receipts (one per message sent); connections opened (one per
batch); the process's peak resident memory. A second sweep the same day follows, which must
send nothing. Earlier runs' claims are deleted first, so every run sends the same messages.
"""

from __future__ import annotations

import resource
import time

TARGET_CPU_SECONDS = 10.0
TARGET_MEGABYTES = 300


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def sweep_main(args) -> int:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from actions import reminders
    from actions.models import Action, ActionOwner, ReminderBatch
    from bench.mail import CountingBackend

    settings.EMAIL_BACKEND = "bench.mail.CountingBackend"
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE actions_reminderdelivery, actions_reminderbatch, actions_remindersweep"
        )
    owners = ActionOwner.objects.exclude(person=None).values("person").distinct().count()
    print(
        f"{args.scale}: {Action.objects.count():,} actions, {owners:,} people named as owners; "
        f"targets: < {TARGET_CPU_SECONDS:.0f} s CPU, < {TARGET_MEGABYTES} MB, fixed queries a batch"
    )
    today = timezone.localdate()
    for run in ("first sweep", "same day again"):
        counter = QueryCounter()
        CountingBackend.messages = CountingBackend.connections = 0
        wall, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(counter):
            plan_start = counter.count
            sweep, plan = reminders.reminder_sweep_plan(today=today)
            plan_queries = counter.count - plan_start
            plan_seconds = time.process_time() - cpu
            result = reminders.SweepResult()
            batch_queries = []
            for batch_id in sweep.batch_set.values_list("pk", flat=True):
                before, sent = counter.count, result.messages
                result.add(reminders.reminder_batch_send(batch_id=batch_id))
                batch_queries.append(counter.count - before - (result.messages - sent))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        batches = ReminderBatch.objects.filter(sweep=sweep).count()
        fixed = sorted(set(batch_queries))
        print(
            f"{run}: {result.messages:,} messages ({result.lines:,} lines) to "
            f"{result.people:,} people in {batches} batches; {CountingBackend.connections} "
            f"mail connections; {result.failures} failures"
        )
        print(
            f"  {wall:.1f} s wall, {cpu:.1f} s CPU (plan {plan_seconds:.1f} s CPU); "
            f"queries: plan {plan_queries}, each batch {'/'.join(map(str, fixed)) or '-'} "
            f"+ 1 receipt per message = {counter.count:,} in all; peak memory {peak_mb:.0f} MB"
        )
        if run == "first sweep":
            verdict = cpu < TARGET_CPU_SECONDS and peak_mb < TARGET_MEGABYTES
            print(f"  {'PASS' if verdict else 'FAIL'} (CPU and memory targets)")
    return 0
