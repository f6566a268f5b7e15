"""`manage.py rerender_signed <meeting id>`: make a signed meeting's PDFs again from its frozen
record when their files are missing (``verify_signed`` says "missing"), as after restoring the
database without the media volume. Refused when the frozen record itself is not intact; a file
that is there, even altered, is left as it is."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting
from records.rerender import signed_pdfs_rerender


class Command(BaseCommand):
    help = "Render a signed meeting's missing PDFs again from its signed record."

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int, metavar="meeting id")

    def handle(self, *args, meeting_id, **options):
        meeting = Meeting.objects.select_related("body").filter(pk=meeting_id).first()
        if meeting is None or not meeting.is_signed:
            raise CommandError(f"No signed minutes with id {meeting_id}.")
        try:
            rows = signed_pdfs_rerender(meeting=meeting)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not rows:
            self.stdout.write(f"Meeting {meeting.pk} ({meeting}): no signed PDF is missing.")
            return
        self.stdout.write(f"Meeting {meeting.pk} ({meeting}):")
        for row in rows:
            self.stdout.write(
                self.style.SUCCESS(
                    f"  {row.get_part_display()}: re-rendered from the signed record as "
                    f"{row.file_name}, SHA-256 {row.sha256}"
                )
            )
