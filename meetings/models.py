from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partners.models import Body, Organisation, Person

from .querysets import guarded_manager


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", "Meeting"
        WORKSHOP = "workshop", "Meeting and Workshop"
        EXTRAORDINARY = "extraordinary", "Extraordinary meeting"
        ANNUAL = "annual", "Annual meeting"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CIRCULATED = "circulated", "Circulated"
        APPROVED = "approved", "Approved"
        SIGNED = "signed", "Signed"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    joint_body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="joint_meetings",
        help_text="The other body, for a joint meeting",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    title = models.CharField(
        max_length=200, blank=True, help_text='Heading override, e.g. "Notes of Board Meeting"'
    )
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    no_interests_declared = models.BooleanField(
        default=False, help_text="There were no conflicts of interest to declare"
    )
    circulated_at = models.DateTimeField(null=True, blank=True)
    comments_due = models.DateField(
        null=True,
        blank=True,
        help_text="The day accuracy comments on the circulated draft are due by",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="signed_meetings"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    signed_pdf = models.FileField(upload_to="signed/", blank=True)
    signed_pdf_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    objects = guarded_manager("status")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message="The meeting must end after it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | (Q(signed_at__isnull=False) & ~Q(fingerprint="")),
                name="meeting_signed_has_fingerprint",
            ),
        ]

    def __str__(self):
        return f"{self.body.short_name or self.body.name}, {self.date:%-d %B %Y}"

    @property
    def heading(self):
        return self.title or self.get_kind_display()

    @property
    def is_signed(self):
        return self.status == self.Status.SIGNED

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard", "Item"
        APOLOGIES = "apologies", "Welcome and apologies"
        DECLARATIONS = "declarations", "Declarations of interest"
        PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting and matters arising"
        AOB = "aob", "Any other business"
        NEXT_MEETING = "next_meeting", "Date and time of next meeting"

    class Purpose(models.TextChoices):
        NONE = "", "—"
        DECISION = "decision", "For decision"
        DISCUSSION = "discussion", "For discussion"
        INFORMATION = "information", "For information"

    class ExemptParagraph(models.IntegerChoices):
        """Why a council's item is exempt: the paragraphs of Part 1 of Schedule 12A to the Local
        Government Act 1972 (section 100A excludes the public for such information)."""

        INDIVIDUAL = 1, "1: Information relating to any individual"
        IDENTITY = 2, "2: Information likely to reveal the identity of an individual"
        FINANCIAL = 3, "3: Financial or business affairs of any particular person"
        LABOUR = 4, "4: Consultations or negotiations on labour relations"
        LEGAL = 5, "5: Legal professional privilege"
        NOTICES = 6, "6: Notices, orders or directions the authority proposes to give or make"
        CRIME = 7, "7: Prevention, investigation or prosecution of crime"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    number = models.CharField(
        max_length=12,
        blank=True,
        help_text="In the body's style (1, 2 / 1.0, 2.0; sub-items 1.1) unless typed",
    )
    number_typed = models.BooleanField(
        default=False,
        help_text='The number is as the officer typed it ("45/11", "3a"); renumbering keeps it',
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    purpose = models.CharField(max_length=12, choices=Purpose.choices, blank=True, default="")
    presenter = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="presented_items"
    )
    confidential = models.BooleanField(
        default=False, help_text="Exempt business: left out of the public version"
    )
    # Why it is exempt: a council's paragraph of Schedule 12A, or (any other body) a reason.
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=ExemptParagraph.choices, verbose_name="Schedule 12A"
    )
    exempt_reason = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True, help_text="Sanitised HTML")
    revision = models.PositiveIntegerField(default=0, help_text="Bumped on every minutes save")
    objects = guarded_manager("meeting__status")
    history = HistoricalRecords(excluded_fields=["position", "number", "number_typed"])

    class Meta:
        ordering = ["meeting", "position"]
        indexes = [models.Index(fields=["meeting", "parent", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidential=True)
                | (Q(exempt_paragraph__isnull=True) & Q(exempt_reason="")),
                name="item_exemption_only_when_confidential",
                violation_error_message="Only a confidential item is exempt.",
            ),
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True) | Q(exempt_reason=""),
                name="item_exempt_by_paragraph_or_reason",
                violation_error_message="Give a paragraph of Schedule 12A or a reason, not both.",
            ),
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True)
                | Q(exempt_paragraph__gte=1, exempt_paragraph__lte=7),
                name="item_exempt_paragraph_of_schedule_12a",
                violation_error_message="Schedule 12A has paragraphs 1 to 7.",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()


class Paper(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    reference = models.CharField(max_length=40, blank=True, help_text='For example "Paper 3a"')
    title = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to="papers/%Y/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    objects = guarded_manager("item__meeting__status")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reference="") | ~Q(file=""),
                name="paper_has_reference_or_file",
                violation_error_message="A paper needs a reference or a file.",
            )
        ]

    def __str__(self):
        return self.reference or self.title or self.original_name


class Attendance(models.Model):
    class Category(models.TextChoices):
        EXPECTED = "expected", "Expected"
        PRESENT = "present", "Present"
        ALSO_PRESENT = "also_present", "Also present"
        IN_ATTENDANCE = "in_attendance", "In attendance"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.EXPECTED)
    group_label = models.CharField(
        max_length=80, blank=True, help_text='Grouping within a category, e.g. "Executive Members"'
    )
    role_label = models.CharField(
        max_length=80, blank=True, help_text='Shown after the name, e.g. "Chair", "Vice Chair"'
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    substitute_for = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substituted_by",
        help_text="The member this person deputised for",
    )
    chaired = models.BooleanField(default=False)
    took_minutes = models.BooleanField(default=False)
    # The first arrival and the final departure, kept in step with ``movements`` (the whole
    # story: someone may leave and come back) by ``meetings.register.attendance_update``, for
    # the readers that know only one of each.
    arrived_during = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="arrivals"
    )
    left_after = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="departures"
    )
    note = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    objects = guarded_manager("meeting__status")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_meeting",
                violation_error_message="This person is already on the register for this meeting.",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(chaired=True),
                name="attendance_one_chair",
                violation_error_message="Someone else is already recorded as chairing this meeting.",
            ),
            models.CheckConstraint(
                condition=~Q(substitute_for=models.F("person")),
                name="attendance_not_own_substitute",
                violation_error_message="A person cannot deputise for themselves.",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_category_display()}"


class Movement(models.Model):
    """Someone joining during an item or leaving after one; a person may do each several times.
    In agenda order a person's movements alternate (nobody joins twice without leaving)."""

    class Kind(models.TextChoices):
        JOINED = "joined", "Joined during"
        LEFT = "left", "Left after"

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="movements")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="movements")
    objects = guarded_manager("attendance__meeting__status")
    history = HistoricalRecords()

    class Meta:
        ordering = ["attendance", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["attendance", "kind", "item"],
                name="movement_once_per_item",
                violation_error_message="That movement is already recorded.",
            ),
        ]

    def __str__(self):
        return f"{self.attendance.person} – {self.get_kind_display().lower()} {self.item.number}"


class Decision(models.Model):
    class Verb(models.TextChoices):
        AGREED = "agreed", "Agreed"
        RESOLVED = "resolved", "Resolved"
        APPROVED = "approved", "Approved"
        NOTED = "noted", "Noted"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField(default=0)
    verb = models.CharField(max_length=10, choices=Verb.choices, default=Verb.AGREED)
    text = models.TextField(help_text="Sanitised HTML")
    objects = guarded_manager("item__meeting__status")
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position", "id"]

    def __str__(self):
        return f"{self.get_verb_display()}: {self.text[:60]}"


class Declaration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="declarations"
    )
    interest = models.TextField()
    objects = guarded_manager("meeting__status")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self):
        return f"{self.person}: {self.interest[:60]}"


class MinutesApproval(models.Model):
    """A meeting's record of approving an earlier meeting's minutes, with any corrections."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved as a correct record"
        CORRECTED = "corrected", "Approved subject to corrections"
        NOT_APPROVED = "not_approved", "Not approved"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="approvals_given")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="approvals"
    )
    previous_meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="approvals_received"
    )
    outcome = models.CharField(max_length=15, choices=Outcome.choices, default=Outcome.APPROVED)
    corrections = models.TextField(blank=True)
    objects = guarded_manager("meeting__status")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "previous_meeting"], name="approval_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=~Q(meeting=models.F("previous_meeting")),
                name="approval_not_self",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="corrected") | ~Q(corrections=""),
                name="approval_corrections_recorded",
                violation_error_message="Record the corrections made.",
            ),
        ]

    def __str__(self):
        return f"{self.previous_meeting}: {self.get_outcome_display()}"
