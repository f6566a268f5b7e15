"""The plain objects a signed meeting's record is rebuilt as (``records.frozen`` reads the
snapshot into them).

They answer the same attribute names the templates and ``documents`` read on the live models
(``item.decisions.all``, ``a.person.display_name``, ``owner.initials``...), so one set of
templates serves drafts and signed minutes alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from actions.models import Action
from meetings.models import AgendaItem, Attendance, Meeting, Movement


class Rows(list):
    """A list that also answers ``.all()``, like a related manager does."""

    def all(self):
        return self


@dataclass
class FrozenOrganisation:
    name: str
    short_name: str

    def __str__(self):
        return self.name


@dataclass
class FrozenPerson:
    pk: int
    display_name: str
    name: str
    initials: str
    organisation: FrozenOrganisation | None

    def __str__(self):
        return self.display_name


@dataclass
class FrozenBody:
    """The body's names as signed; its slug, logo and reminder setting are the live body's
    (links and presentation, not record)."""

    live: object
    name: str
    short_name: str
    minutes_title: str

    def __getattr__(self, attr):
        return getattr(self.live, attr)

    def __str__(self):
        return self.name

    @property
    def label(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


@dataclass
class FrozenMeeting:
    pk: int
    body: FrozenBody
    joint_body: object | None
    kind: str
    kind_label: str
    title: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    venue: str
    no_interests_declared: bool
    circulated_at: dt.datetime | None
    approved_at: dt.datetime | None
    signed_by: FrozenPerson
    signed_at: dt.datetime
    fingerprint: str
    status: str = Meeting.Status.SIGNED
    Status = Meeting.Status

    @property
    def id(self):
        return self.pk

    @property
    def body_id(self):
        return self.body.pk

    @property
    def joint_body_id(self):
        return self.joint_body.pk if self.joint_body else None

    @property
    def signed_by_id(self):
        return self.signed_by.pk

    @property
    def heading(self):
        return self.title or self.kind_label

    is_signed = True
    is_editable = False

    def get_kind_display(self):
        return self.kind_label

    def get_status_display(self):
        return Meeting.Status(self.status).label

    def __str__(self):
        return f"{self.body.short_name or self.body.name}, {self.date:%-d %B %Y}"


@dataclass
class FrozenJointBody:
    pk: int
    name: str
    slug: str


@dataclass
class FrozenDecision:
    verb: str
    verb_label: str
    text: str

    def get_verb_display(self):
        return self.verb_label


@dataclass
class FrozenPaper:
    pk: int
    reference: str
    title: str
    original_name: str
    size: int
    file: str
    sha256: str


@dataclass
class FrozenItem:
    pk: int
    parent_id: int | None
    number: str
    title: str
    kind: str
    purpose: str
    purpose_label: str
    presenter: FrozenPerson | None
    confidential: bool
    minutes: str
    decisions: Rows
    papers: Rows
    exempt_paragraph: int | None = None
    exempt_reason: str = ""
    item_actions: list = field(default_factory=list)
    Kind = AgendaItem.Kind

    @property
    def id(self):
        return self.pk

    @property
    def presenter_id(self):
        return self.presenter.pk if self.presenter else None

    def get_purpose_display(self):
        return self.purpose_label

    def get_kind_display(self):
        return AgendaItem.Kind(self.kind).label

    def __str__(self):
        return f"{self.number} {self.title}".strip()


@dataclass
class FrozenMovement:
    """Joined during, or left after, an item of the signed record."""

    kind: str
    item: FrozenItem

    @property
    def item_id(self):
        return self.item.pk

    def get_kind_display(self):
        return Movement.Kind(self.kind).label


@dataclass
class FrozenAttendance:
    person: FrozenPerson
    organisation: FrozenOrganisation | None
    category: str
    group_label: str
    role_label: str
    substitute_for: FrozenPerson | None
    chaired: bool
    took_minutes: bool
    arrived_during: FrozenItem | None
    left_after: FrozenItem | None
    note: str
    movements_in_order: list[FrozenMovement] = field(default_factory=list)

    @property
    def person_id(self):
        return self.person.pk

    @property
    def substitute_for_id(self):
        return self.substitute_for.pk if self.substitute_for else None

    @property
    def arrived_during_id(self):
        return self.arrived_during.pk if self.arrived_during else None

    @property
    def left_after_id(self):
        return self.left_after.pk if self.left_after else None

    def get_category_display(self):
        return Attendance.Category(self.category).label


@dataclass
class FrozenOwner:
    """One owner as signed: ``person_id``/``organisation_id``/``team_id`` say which kind."""

    kind: str
    pk: int
    label: str
    short_name: str
    initials: str

    @property
    def person_id(self):
        return self.pk if self.kind == "person" else None

    @property
    def organisation_id(self):
        return self.pk if self.kind == "organisation" else None

    @property
    def team_id(self):
        return self.pk if self.kind == "team" else None

    @property
    def person(self):
        return FrozenPerson(self.pk, self.label, self.label, self.initials, None)

    @property
    def organisation(self):
        return FrozenOrganisation(self.label, self.short_name)

    @property
    def team(self):
        return FrozenOrganisation(self.label, self.label)

    def __str__(self):
        return self.label


@dataclass
class FrozenAction:
    """An action's reference, wording, owners and due date as signed, with its live progress."""

    pk: int
    number: int
    reference: str
    description: str
    due_date: dt.date | None
    due_note: str
    item: FrozenItem | None
    owners: Rows
    meeting: FrozenMeeting
    status: str = Action.Status.OPEN

    @property
    def id(self):
        return self.pk

    @property
    def item_id(self):
        return self.item.pk if self.item else None

    @property
    def is_closed(self):
        return self.status in Action.CLOSED

    def get_status_display(self):
        return Action.Status(self.status).label


@dataclass
class FrozenDeclaration:
    person: FrozenPerson
    item: FrozenItem | None
    interest: str

    @property
    def item_id(self):
        return self.item.pk if self.item else None


@dataclass
class FrozenPreviousMeeting:
    pk: int
    date: dt.date


@dataclass
class FrozenApproval:
    previous_meeting: FrozenPreviousMeeting
    item_id: int | None
    outcome: str
    outcome_label: str
    corrections: str

    def get_outcome_display(self):
        return self.outcome_label
