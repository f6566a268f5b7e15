"""`manage.py verify_signed [meeting id ...]`: recompute the hashes of signed records and their
PDFs and say, meeting by meeting, "intact" or "altered" and what differs. Exits non-zero when
any is altered, so it can run from cron or a monitoring check."""

from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting
from records.verify import signed_record_check


class Command(BaseCommand):
    help = "Check that signed minutes (all, or the meetings given) are still what was signed."

    def add_arguments(self, parser):
        parser.add_argument("meeting_ids", nargs="*", type=int, metavar="meeting id")

    def handle(self, *args, meeting_ids=(), **options):
        meetings = Meeting.objects.select_related("body").filter(status=Meeting.Status.SIGNED)
        if meeting_ids:
            meetings = meetings.filter(pk__in=meeting_ids)
            missing = sorted(set(meeting_ids) - set(meetings.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No signed minutes with id {', '.join(map(str, missing))}.")
        altered = 0
        for meeting in meetings.order_by("date", "pk"):
            check = signed_record_check(meeting)
            altered += not check.intact
            style = self.style.SUCCESS if check.intact else self.style.ERROR
            self.stdout.write(style(f"Meeting {meeting.pk} ({meeting}): {check.verdict}"))
            for finding in check.findings:
                self.stdout.write(f"  {finding.part}: {finding.detail}")
        if altered:
            raise CommandError(f"{altered} signed record(s) altered.")
