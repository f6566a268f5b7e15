"""Meeting notices: what was (or will be) sent to whom, claimed so each goes exactly once.

- ``AgendaDispatch``: one sending of a meeting's agenda and papers, now or on a set day.
- ``Circulation``: one circulation of draft minutes, with the day comments are due by;
  ``MinutesOpen``: who has read the draft since (they are not reminded).
- ``NoticeBatch``: up to a few hundred people to tell one thing, sent by one task over one
  SMTP connection (a ``digest`` batch gathers people's held notices of every kind).
- ``NoticeDelivery``: the claim, one row per person and notice (unique), inserted before the
  message goes and marked sent once the mail server has accepted it; ``NoticeFailure``: each
  refusal, with the server's reason. See ``notices.delivery``.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from meetings.models import Meeting
from partners.models import Person


class Kind(models.TextChoices):
    AGENDA = "agenda", "Agenda and papers"
    CIRCULATION = "circulation", "Draft minutes for comments"
    COMMENT_REMINDER = "comment_reminder", "Reminder: comments due"
    SIGNATURE_REQUEST = "signature_request", "Minutes ready to sign"
    COMMENTS_TO_RESOLVE = "comments_to_resolve", "Comments to resolve"
    SIGNED = "signed", "Signed minutes and actions"
    DIGEST = "digest", "Daily digest"


class AgendaDispatch(models.Model):
    """The agenda and papers sent to members and expected attendees: ``number`` 1 is the
    agenda, 2 and on are revised agendas (each its own notice). A scheduled one waits until
    ``send_at``; the sweep then plans its batches (``queued_at``)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_dispatches")
    number = models.PositiveSmallIntegerField()
    send_at = models.DateTimeField()
    notice_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Clear days before the meeting, when scheduled"
    )
    requested_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_dispatch_once"),
        ]
        indexes = [
            models.Index(
                fields=["send_at"],
                condition=Q(queued_at__isnull=True, cancelled_at__isnull=True),
                name="agenda_dispatch_waiting",
            )
        ]

    def __str__(self):
        return f"Agenda {self.number} of {self.meeting}"


class Circulation(models.Model):
    """Draft minutes sent out for accuracy comments, due by ``comments_due``."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="circulations")
    circulated_at = models.DateTimeField()
    comments_due = models.DateField()

    class Meta:
        ordering = ["meeting", "-circulated_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "circulated_at"], name="circulation_once"),
        ]

    def __str__(self):
        return f"Circulation of {self.meeting}, comments by {self.comments_due}"


class MinutesOpen(models.Model):
    """A logged-in person read the circulated draft (the review page) during this circulation."""

    circulation = models.ForeignKey(Circulation, on_delete=models.CASCADE, related_name="opens")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circulation", "person"], name="minutes_open_once"),
        ]

    def __str__(self):
        return f"{self.person} opened {self.circulation}"


class NoticeBatch(models.Model):
    """People to tell one thing (``kind``, ``meeting``, ``occasion``), or, for a digest, the
    people whose held notices go out together. Done when none of its claims is left unsent;
    given up after the last retry (the outbox offers to try again)."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="notice_batches"
    )
    occasion = models.PositiveIntegerField(default=0)
    people = models.JSONField(help_text="Person ids, as planned")
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    gave_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(done_at__isnull=True), name="notice_batch_open"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} batch {self.pk}"


class NoticeDelivery(models.Model):
    """One notice claimed for one person: the unique row is the claim (see ``delivery``).

    ``occasion`` tells notices of one kind and meeting apart: the agenda dispatch's number, the
    circulation's id; 0 where a meeting has only one. ``digest``: held for the person's morning
    digest. ``stopped``: not to be sent (the mail server refused the address for good, or the
    notice stopped applying), ``error`` says why."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notices")
    occasion = models.PositiveIntegerField(default=0)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notices")
    batch = models.ForeignKey(
        NoticeBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    digest = models.BooleanField(default=False)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=254, blank=True, help_text="The address it went to")
    subject = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the last attempt failed")
    failed_at = models.DateTimeField(null=True, blank=True)
    stopped = models.BooleanField(default=False)

    class Meta:
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "meeting", "kind", "occasion"], name="notice_once_per_person"
            ),
        ]
        indexes = [
            models.Index(
                fields=["person"],
                condition=Q(sent_at__isnull=True, digest=True, stopped=False),
                name="notice_digest_waiting",
            ),
            models.Index(fields=["meeting", "-claimed_at"], name="notice_by_meeting"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.person} ({self.meeting})"


class NoticeFailure(models.Model):
    """One attempt that failed, and the reason the mail server (or the connection) gave."""

    delivery = models.ForeignKey(NoticeDelivery, on_delete=models.CASCADE, related_name="failures")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()

    class Meta:
        ordering = ["delivery", "at", "id"]

    def __str__(self):
        return f"{self.delivery}: {self.reason[:60]}"
