"""`manage.py load_demo`: three real sets of minutes, loaded through the services, and logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from meetings.models import Decision
from portal.demo import (
    DEMO_PASSWORD,
    LOGINS,
    DemoAlreadyLoaded,
    DemoConflict,
    demo_is_loaded,
    demo_load,
    demo_remove,
)


class Command(BaseCommand):
    help = (
        "Load the demo: the Sunderland, Gloucester and IEWM minutes from shared/seeds, with "
        "demo logins. Refuses to load twice unless --reset is given."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--once",
            action="store_true",
            help="Load only if the demo is not there yet; otherwise just print the logins.",
        )
        group.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo bodies, their meetings, people and logins, then load again.",
        )

    def handle(self, *args, once=False, reset=False, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "The demo cannot be loaded with these settings (production): it creates logins "
                "with a published password."
            )
        if once and demo_is_loaded():
            self.stdout.write("The demo is already loaded.")
            self._print_logins()
            return
        if demo_is_loaded() and not reset:
            raise CommandError(
                "The demo is already loaded. Run `manage.py load_demo --reset` to delete it and "
                "load it again, or `--once` to leave it as it is."
            )
        try:
            with transaction.atomic():
                if reset:
                    demo_remove()
                result = demo_load()
        except ProtectedError as exc:
            raise CommandError(
                "The demo cannot be reset: other records now refer to demo people or meetings "
                f"({exc.args[0]}). Nothing was changed."
            ) from exc
        except (DemoAlreadyLoaded, DemoConflict) as exc:
            raise CommandError(f"{exc} Nothing was changed.") from exc
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
        for meeting in result.meetings.values():
            counts = {
                "on the register": meeting.attendances.count(),
                "items": meeting.items.count(),
                "decisions": Decision.objects.filter(item__meeting=meeting).count(),
                "actions": meeting.actions.count(),
            }
            summary = ", ".join(f"{label}: {n}" for label, n in counts.items())
            self.stdout.write(f"  {meeting} ({summary})")
        upcoming = [m for meetings in result.upcoming.values() for m in meetings]
        if upcoming:
            self.stdout.write("To prepare (drafts dated from today):")
            for meeting in upcoming:
                self.stdout.write(f"  {meeting}, {meeting.attendances.count()} on the register")
        self._print_logins()

    def _print_logins(self):
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for row in LOGINS:
            self.stdout.write(f"  {row['username']:<8} {row['does']}")
        self.stdout.write("")
        self.stdout.write(f"Open {settings.SITE_URL}{reverse('login')}")
