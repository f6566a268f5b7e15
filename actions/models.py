from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from meetings.models import AgendaItem, Meeting
from meetings.querysets import guarded_manager
from partners.models import Body, Organisation, Person, Team


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
    number = models.PositiveIntegerField(help_text="The action's number in its meeting's minutes")
    # The meeting's body, held here too so the database can keep references unique within it.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(
        max_length=60,
        help_text='Unique within the body and never reused: "SIIG 2011/7" is its 7th action of '
        "2011 (the body's short name, the meeting's year, the count)",
    )
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
            models.UniqueConstraint(
                fields=["body", "reference"],
                name="action_reference_unique_in_body",
                violation_error_message="That action reference is already used in this body.",
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


class ReminderSweep(models.Model):
    """One run of the reminder sweep: planned in one go, sent as batches (``ReminderBatch``).

    ``completed_at`` is set when the last batch is done. The next sweep reminds weekly-digest
    people when a Monday has passed since the last completed sweep, so a Monday lost to a
    crash or an outage is caught up the next day.
    """

    day = models.DateField(help_text="The day the sweep reminds for")
    since = models.DateField(null=True, blank=True, help_text="Day of the last completed sweep")
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    batches = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["completed_at", "day"])]

    def __str__(self):
        state = "completed" if self.completed_at else "running"
        return f"Reminder sweep for {self.day} ({state})"


class ReminderBatch(models.Model):
    """Up to a few hundred people of one sweep, sent over one SMTP connection by one task.

    ``lines`` is the plan: ``{person_id: [[action_id, kind, period], ...]}``. A batch whose
    worker died is sent again by the re-queued task; the claims make that safe."""

    sweep = models.ForeignKey(ReminderSweep, on_delete=models.CASCADE, related_name="batch_set")
    lines = models.JSONField()
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sweep", "id"]

    def __str__(self):
        return f"Reminder batch {self.pk} of sweep {self.sweep_id}"


class ReminderDelivery(models.Model):
    """One reminder line claimed for one person: the sweep's record of what was sent.

    The unique row is the claim: a batch inserts its rows in one statement before sending
    (``sent_at`` empty), and marks each person's rows sent as soon as the mail server has
    accepted that person's message. A second sweep running at the same time finds the rows
    taken and skips them; the rows of a batch whose worker died are sent by that batch's next
    attempt (see ``actions.reminders``). ``period`` names the occasion: the due date for "due
    soon" and "due today", the first day of the current week-long overdue period for
    "overdue" (so overdue repeats weekly).
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        DUE_TODAY = "due_today", "Due today"
        OVERDUE = "overdue", "Overdue"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    period = models.DateField()
    batch = models.ForeignKey(
        ReminderBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="Empty while sending")

    class Meta:
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "action", "kind", "period"], name="reminder_once_per_period"
            ),
        ]
        indexes = [
            # Unsent claims are few (a batch's, while it sends): found by person, cheaply.
            models.Index(
                fields=["person"], condition=Q(sent_at__isnull=True), name="reminder_claim_unsent"
            )
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
