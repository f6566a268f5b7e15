from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from meetings.models import AgendaItem, Meeting
from meetings.querysets import guarded_manager
from partners.models import Organisation, Person, Team


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    CLOSED = (Status.DONE, Status.DROPPED)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    number = models.PositiveIntegerField(help_text="Reference number, kept across meetings")
    description = models.TextField()
    due_date = models.DateField(null=True, blank=True)
    due_note = models.CharField(
        max_length=120, blank=True, help_text='As minuted, e.g. "before the next meeting"'
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="closed_actions"
    )
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=0)
    # Part of the signed record: meeting, item, number, description, due_date, due_note and the
    # owners. Progress is not: an action carries forward and is updated at later meetings, so
    # these fields may still change after its meeting is signed.
    PROGRESS_FIELDS = frozenset(
        {"status", "closed_at_meeting", "closed_on", "updated_at", "revision"}
    )
    objects = guarded_manager("meeting__status", free_fields=PROGRESS_FIELDS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="action_number_unique_per_meeting",
                violation_error_message="That action number is already used in this meeting.",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"Action {self.number}: {self.description[:60]}"

    @property
    def is_closed(self):
        return self.status in self.CLOSED


class ActionOwner(models.Model):
    """One owner of an action: a person, an organisation or a named group, exactly one."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="owners")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="owned_actions"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="owned_actions"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="owned_actions"
    )
    position = models.PositiveIntegerField(default=0)
    objects = guarded_manager("action__meeting__status")

    class Meta:
        ordering = ["action", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organisation__isnull=True, team__isnull=True)
                    | Q(person__isnull=True, organisation__isnull=False, team__isnull=True)
                    | Q(person__isnull=True, organisation__isnull=True, team__isnull=False)
                ),
                name="action_owner_exactly_one",
                violation_error_message="An owner is one person, one organisation or one group.",
            ),
            models.UniqueConstraint(
                fields=["action", "person"],
                condition=Q(person__isnull=False),
                name="owner_person_once",
            ),
            models.UniqueConstraint(
                fields=["action", "organisation"],
                condition=Q(organisation__isnull=False),
                name="owner_org_once",
            ),
            models.UniqueConstraint(
                fields=["action", "team"], condition=Q(team__isnull=False), name="owner_team_once"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def owner(self):
        return self.person or self.organisation or self.team

    @property
    def label(self):
        return str(self.owner)

    @property
    def initials(self):
        if self.person_id:
            return self.person.initials
        if self.organisation_id:
            return self.organisation.short_name
        return self.team.name


class ActionUpdate(models.Model):
    """Progress on an action: a note and/or a status change, by whom, when, where."""

    class Via(models.TextChoices):
        WEB = "web", "Web"
        LINK = "link", "Reminder link"
        MEETING = "meeting", "Reviewed at meeting"
        IMPORT = "import", "Imported"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_updates"
    )
    created_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    status_before = models.CharField(max_length=12, choices=Action.Status.choices)
    status_after = models.CharField(max_length=12, choices=Action.Status.choices)
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_reviews",
        help_text="The meeting at which this was reported",
    )
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.WEB)

    class Meta:
        ordering = ["action", "-created_at", "-id"]

    def __str__(self):
        return f"{self.action}: {self.get_status_after_display()}"


class ReminderDelivery(models.Model):
    """One reminder line claimed for one person: the sweep's record of what was sent.

    The unique row is the claim. The sweep inserts the rows and sends the e-mail in one
    transaction, so a crash before the commit releases the claim (the next sweep sends it) and
    a second sweep running at the same time waits on the unique index and then skips it.
    ``period`` names the occasion: the due date for "due soon" and "due today", the first day
    of the current week-long overdue period for "overdue" (so overdue repeats weekly).
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        DUE_TODAY = "due_today", "Due today"
        OVERDUE = "overdue", "Overdue"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    period = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "action", "kind", "period"], name="reminder_once_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.action} ({self.get_kind_display()}, {self.period})"


class OverdueSummaryDelivery(models.Model):
    """The weekly overdue summary of a body, claimed per recipient and week (see above)."""

    body = models.ForeignKey(
        "partners.Body", on_delete=models.CASCADE, related_name="overdue_summaries"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="overdue_summaries")
    week = models.DateField(help_text="The Monday of the week the summary is for")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-week", "body"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "person", "week"], name="overdue_summary_once_per_week"
            ),
        ]

    def __str__(self):
        return f"{self.body} overdue summary to {self.person}, week of {self.week}"
