from django.conf import settings
from django.db import models

from meetings.models import Meeting
from partners.models import Body


class MinutesImport(models.Model):
    """One set of past minutes (or an action log) read into a proposal, waiting for review.

    The source text and the proposal are kept so the review page can show both side by side
    across requests; importing writes the meeting through the services and links it here, so
    the meeting can say which file it came from.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        IMPORTED = "imported", "Imported"
        DISCARDED = "discarded", "Discarded"

    class Kind(models.TextChoices):
        MINUTES = "minutes", "Minutes"
        ACTION_LOG = "action_log", "Action log"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MINUTES)
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="minutes_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    source_kind = models.CharField(max_length=10)
    source_text = models.TextField()
    proposal = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    meeting = models.OneToOneField(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes_import"
    )
    imported_as = models.CharField(max_length=10, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def source_lines(self) -> list[str]:
        return self.source_text.split("\n")
