"""The minutes lifecycle's own rows: accuracy comments, direct approvals, addenda, rendered
documents and the frozen record of signed minutes. The meeting's record itself lives in
``meetings``; these sit beside it."""

import hashlib
import json

from django.db import models
from django.db.models import Q

from meetings.models import AgendaItem, Meeting
from partners.models import Person


class AccuracyComment(models.Model):
    """A member's note on the accuracy of circulated draft minutes, optionally on one item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="accuracy_comments")
    item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accuracy_comments",
    )
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="accuracy_comments")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    response = models.TextField(blank=True, help_text="What the secretariat did about it")

    class Meta:
        ordering = ["meeting", "created_at", "id"]

    def __str__(self):
        return f"{self.author}: {self.text[:60]}"

    @property
    def is_resolved(self):
        return self.resolved_at is not None


class ChairApproval(models.Model):
    """Approval recorded directly by the chair or secretariat, outside a later meeting."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="chair_approval")
    approved_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)
    corrections = models.TextField(blank=True)

    def __str__(self):
        return f"{self.meeting}: approved by {self.approved_by}"


class Addendum(models.Model):
    """A correction made after signing: a separate, dated record, never an edit of the minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "id"]
        verbose_name_plural = "addenda"

    def __str__(self):
        return f"Addendum to {self.meeting}, {self.created_at:%-d %B %Y}"


class SignedRecord(models.Model):
    """The whole record of a meeting as it stood when its minutes were signed: one canonical
    JSON text (``records.snapshot``), its SHA-256 (the fingerprint printed on the signed PDFs)
    and who signed when. Everything shown of a signed meeting is rendered from it, so a later
    rename or deletion elsewhere changes none of it. Never updated or deleted: on PostgreSQL a
    trigger refuses it (``records.triggers``)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="signed_record")
    version = models.PositiveSmallIntegerField()
    # Text, not JSONField: jsonb would reorder keys and respace, and the hash is of these bytes.
    canonical = models.TextField(help_text="Canonical JSON of the record (UTF-8, sorted keys)")
    sha256 = models.CharField(max_length=64, unique=True)
    signed_by_name = models.CharField(max_length=240)
    signed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Signed record of {self.meeting_id} ({self.sha256[:16]})"

    @property
    def data(self) -> dict:
        return json.loads(self.canonical)

    def computed_sha256(self) -> str:
        return hashlib.sha256(self.canonical.encode("utf-8")).hexdigest()


class RenderJob(models.Model):
    """A document rendered in the background (large minutes, agenda packs) or kept for good
    (the public copy of signed minutes, made once at signing)."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", "Minutes (members’ version)"
        MINUTES_PUBLIC = "minutes_public", "Minutes (public version)"
        AGENDA = "agenda", "Agenda pack"
        DOCX = "docx", "Minutes (Word)"
        SIGNING = "signing", "Signing the minutes"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Rendering"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="render_jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=80, blank=True)
    file = models.FileField(upload_to="renders/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    signed_copy = models.BooleanField(default=False, help_text="Made at signing; never replaced")
    requested_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=Q(signed_copy=True),
                name="render_one_signed_copy_per_kind",
            ),
            # Two clicks on "Sign" (or two signers) cannot start two signings of one meeting.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(kind="signing", state__in=["queued", "running"]),
                name="render_one_signing_at_a_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.meeting} ({self.get_state_display()})"


class Rerender(models.Model):
    """A signed PDF made again from the frozen record because the stored file was lost
    (``manage.py rerender_signed``). The meeting's row and the signed copy keep the hash taken at
    signing, which can no longer change; this row holds the hash of the file made in its place,
    so verification can tell the replacement from an altered file and says it was re-rendered.
    Never updated or deleted."""

    class Part(models.TextChoices):
        MEMBERS = "members", "members’ PDF"
        PUBLIC = "public", "public PDF"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="rerenders")
    part = models.CharField(max_length=10, choices=Part.choices)
    file_name = models.CharField(max_length=255, help_text="Where the signed PDF is stored")
    lost_sha256 = models.CharField(max_length=64, help_text="The hash of the file that was lost")
    sha256 = models.CharField(max_length=64, help_text="The hash of the file made in its place")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "id"]

    def __str__(self):
        return (
            f"{self.get_part_display()} of {self.meeting_id} re-rendered {self.created_at:%Y-%m-%d}"
        )
