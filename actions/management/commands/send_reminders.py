"""Run the reminder sweep by hand: the same sweep Celery beat runs each morning."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from actions import reminders


class Command(BaseCommand):
    help = "Send action reminders (and, with --summaries, the weekly overdue summaries) now."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Sweep as if today were this date (YYYY-MM-DD); for catching up."
        )
        parser.add_argument(
            "--summaries", action="store_true", help="Also send the weekly overdue summaries."
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("Give the date as YYYY-MM-DD, e.g. 2026-11-09.") from exc
        result = reminders.send_reminders(today=today)
        self.stdout.write(
            f"Reminders: {result.messages} messages ({result.lines} lines) to "
            f"{result.people} people; {result.failures} failed, will retry next sweep."
        )
        if options["summaries"]:
            summary = reminders.send_overdue_summaries(today=today)
            self.stdout.write(
                f"Overdue summaries: {summary.messages} sent; {summary.failures} failed."
            )
