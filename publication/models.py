"""What left the public record, kept so an open data client learns of it (``publication.oparl.gone``).

A ``Tombstone`` is one object of the OParl API (a meeting, an agenda item, a paper, a file, a
person...) that was public and is no longer: deleted, or taken out of the public record (its
body stopped publishing, its item was made exempt, its meeting moved to a day whose agenda is
not out yet). It holds what OParl keeps of a deleted object (type, id, created, the moment it
went as ``modified``) and the body whose lists it was in. The ids are plain numbers, not foreign
keys: the rows they named are usually gone.
"""

from django.db import models
from django.utils import timezone


class Tombstone(models.Model):
    class Kind(models.TextChoices):
        """OParl's object types (the ``type`` after ``https://schema.oparl.org/1.1/``)."""

        BODY = "Body"
        ORGANIZATION = "Organization"
        PERSON = "Person"
        MEMBERSHIP = "Membership"
        MEETING = "Meeting"
        LOCATION = "Location"
        AGENDA_ITEM = "AgendaItem"
        PAPER = "Paper"
        FILE = "File"

    body_id = models.PositiveIntegerField(help_text="The body whose lists the object was in")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(
        max_length=40, help_text='The object\'s key in its URL: "12", "b3-o5", "paper-12"'
    )
    meeting_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The meeting it belonged to: its modified moves on"
    )
    item_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The agenda item it belonged to: its modified moves on"
    )
    created = models.DateTimeField(null=True, blank=True, help_text="As the API gave it")
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deleted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body_id", "kind", "key"], name="tombstone_once"),
        ]
        indexes = [
            models.Index(fields=["body_id", "kind", "deleted_at"], name="tombstone_list"),
            models.Index(fields=["meeting_id", "deleted_at"], name="tombstone_meeting"),
            models.Index(fields=["item_id", "deleted_at"], name="tombstone_item"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key} (body {self.body_id}), gone {self.deleted_at:%Y-%m-%d}"
