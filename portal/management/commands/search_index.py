"""`manage.py search_index`: rebuild the stored search index from the live rows (PostgreSQL)."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from portal.search_index import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the stored search index (PostgreSQL) from the live rows. Triggers keep it up to "
        "date on every write; run this after loading rows with triggers off, or to repair it."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Nothing to do: search on SQLite reads the live rows.")
            return
        with transaction.atomic():
            counts = search_index_rebuild()
        listed = ", ".join(f"{count:,} {kind}" for kind, count in counts.items())
        self.stdout.write(f"Search index rebuilt: {listed}.")
