import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


def _new_token():
    return secrets.token_urlsafe(24)


class Organisation(models.Model):
    class Sector(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", "Local government"
        HEALTH = "health", "Health"
        POLICE = "police", "Police and community safety"
        FIRE = "fire", "Fire and rescue"
        EDUCATION = "education", "Education and skills"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        BUSINESS = "business", "Business"
        HOUSING = "housing", "Housing"
        CENTRAL_GOVERNMENT = "central_government", "Central government and agencies"
        PARTNERSHIP = "partnership", "Partnership body"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    sector = models.CharField(max_length=30, choices=Sector.choices, default=Sector.OTHER)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        return self.acronym or self.name


class Person(models.Model):
    honorific = models.CharField(max_length=30, blank=True, help_text="For example Cllr, Dr")
    name = models.CharField(max_length=200, help_text="Full name as it appears in minutes")
    initials = models.CharField(
        max_length=10, blank=True, help_text="As used in the minutes, e.g. JM"
    )
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    # Reminders: people may opt out of "due soon" reminders; overdue reminders always go.
    class ReminderTiming(models.TextChoices):
        DAILY = "daily", "Each morning something is due"
        WEEKLY = "weekly", "One digest on Mondays"

    remind_before_due = models.BooleanField(
        default=True, help_text="Untick to be reminded only of overdue actions"
    )
    reminder_timing = models.CharField(
        max_length=10, choices=ReminderTiming.choices, default=ReminderTiming.DAILY
    )

    # Meeting notices (the ``notices`` app): draft and signed minutes may wait for one digest
    # each morning; agendas and the chair's requests are always sent at once.
    class NoticeTiming(models.TextChoices):
        IMMEDIATE = "immediate", "As soon as they are sent"
        DIGEST = "digest", "Together in one digest each morning"

    notice_timing = models.CharField(
        max_length=10, choices=NoticeTiming.choices, default=NoticeTiming.IMMEDIATE
    )
    notice_attach_pdf = models.BooleanField(
        default=False, help_text="Attach the PDF of signed minutes to the message"
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=_new_token)
    # Administrators manage organisations, people and bodies across the whole directory
    # (partners.rules.is_directory_admin); granted on the person's page by another administrator.
    is_administrator = models.BooleanField(
        "administrator",
        default=False,
        help_text="Manages organisations, people and bodies across every partnership",
    )
    invited_at = models.DateTimeField(
        null=True, blank=True, help_text="When the latest invitation to log in was sent"
    )
    # The calendar token is a secret: history keeps who changed what, not copies of secrets.
    history = HistoricalRecords(excluded_fields=["calendar_token"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.honorific} {self.name}".strip()

    def save(self, *args, **kwargs):
        if not self.initials and self.name:
            self.initials = "".join(
                part[0] for part in self.name.replace("-", " ").split() if part[0].isalpha()
            ).upper()[:10]
        super().save(*args, **kwargs)


def _all_standing_items():
    return [value for value, _ in Body.StandingItem.choices]


class Body(models.Model):
    """A board or group that meets. Bodies nest: a board above groups above themed boards."""

    class Numbering(models.TextChoices):
        PLAIN = "plain", "1, 2, 3 (sub-items 1.1)"
        DECIMAL = "decimal", "1.0, 2.0, 3.0 (sub-items 1.1)"

    class StandingItem(models.TextChoices):
        """The standing items a new meeting's agenda starts with. The values are the agenda
        item kinds of ``meetings.models.AgendaItem.Kind`` (partners cannot import meetings)."""

        APOLOGIES = "apologies", "Welcome and apologies"
        DECLARATIONS = "declarations", "Declarations of interest"
        PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting and matters arising"
        AOB = "aob", "Any other business"
        NEXT_MEETING = "next_meeting", "Date and time of next meeting"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True, help_text="For example SIIG")
    slug = models.SlugField(max_length=60, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField(blank=True)
    numbering = models.CharField(max_length=10, choices=Numbering.choices, default=Numbering.PLAIN)
    minutes_title = models.CharField(
        max_length=60,
        default="Minutes",
        help_text='What this body calls its record ("Minutes", "Notes")',
    )
    default_venue = models.CharField("usual venue", max_length=200, blank=True)
    default_start_time = models.TimeField("usual start time", null=True, blank=True)
    default_end_time = models.TimeField("usual end time", null=True, blank=True)
    standing_items = models.JSONField(
        default=_all_standing_items,
        blank=True,
        help_text="Kinds of standing item (Body.StandingItem) a new meeting's agenda starts with",
    )
    reminder_notice_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days before an action falls due that its owners are reminded"
    )
    logo = models.ImageField(upload_to="logos/", blank=True)
    # Open by default: a body that publishes has a public portal, open data and a calendar.
    publishes = models.BooleanField(
        "publishes its record",
        default=False,
        help_text="Public agendas and papers, signed minutes, decisions and attendance on the "
        "public portal, the open data API and a public calendar. Confidential items never are.",
    )
    agenda_notice_days = models.PositiveSmallIntegerField(
        "agenda notice (clear days)",
        default=5,
        help_text="Clear days before a meeting that its public agenda and papers are published",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.CheckConstraint(
                condition=Q(default_end_time__isnull=True)
                | Q(default_start_time__isnull=True)
                | Q(default_end_time__gt=models.F("default_start_time")),
                name="body_usual_end_after_start",
                violation_error_message="Meetings must end after they start.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.short_name or self.name)[:60]
        super().save(*args, **kwargs)

    @property
    def label(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        EXECUTIVE = "executive", "Executive member"
        NON_EXECUTIVE = "non_executive", "Non-executive member"
        ADVISOR = "advisor", "Advisor"
        LEAD_MEMBER = "lead_member", "Lead member"
        OFFICER = "officer", "Officer"
        SECRETARIAT = "secretariat", "Secretariat"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        help_text="The organisation this person represents on the body",
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    deputy = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputy_for",
        help_text="Who usually attends in this member's place",
    )
    note = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
                violation_error_message="A membership cannot end before it starts.",
            ),
            models.UniqueConstraint(
                fields=["person", "body", "role"],
                condition=Q(end_date__isnull=True),
                name="membership_one_current_per_role",
                violation_error_message="This person already holds that role on this body.",
            ),
            models.CheckConstraint(
                condition=~Q(deputy=models.F("person")),
                name="membership_not_own_deputy",
                violation_error_message="A member cannot be their own deputy.",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.body}"


class Team(models.Model):
    """A named group that can own actions: "Secretariat", "LSP working group", "All".

    ``everyone`` teams stand for every current member of the body.
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=120)
    everyone = models.BooleanField(default=False, help_text="Stands for all current members")
    members = models.ManyToManyField(Person, blank=True, related_name="teams")
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["body", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="team_unique_name_per_body")
        ]

    def __str__(self):
        return self.name
