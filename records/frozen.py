"""A signed meeting's record rebuilt from its snapshot, as plain objects.

The objects answer the same attribute names the templates and ``documents`` read on the live
models (``item.decisions.all``, ``a.person.display_name``, ``owner.initials``...), so one set
of templates serves drafts and signed minutes alike, and nothing of a signed meeting is read
from rows that may since have been renamed. Links (ids, the body's slug) and the actions' live
progress come from the database: they are not part of what was signed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from actions.models import Action
from meetings.models import AgendaItem, Attendance, Meeting

from .models import SignedRecord
from .selectors import ApprovalNote, MeetingRecord, NextMeeting, item_tree


class Rows(list):
    """A list that also answers ``.all()``, like a related manager does."""

    def all(self):
        return self


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


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


def _org(data: dict | None) -> FrozenOrganisation | None:
    return None if data is None else FrozenOrganisation(data["name"], data["short_name"])


def _person(data: dict | None) -> FrozenPerson | None:
    if data is None:
        return None
    return FrozenPerson(
        pk=data["id"],
        display_name=data["name"],
        name=data["plain_name"],
        initials=data["initials"],
        organisation=_org(data["organisation"]),
    )


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
    """An action's wording, owners and due date as signed, with its live progress."""

    pk: int
    number: int
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


def _meeting(data: dict, frozen: SignedRecord, live_meeting: Meeting) -> FrozenMeeting:
    m = data["meeting"]
    joint = m["joint_body"]
    return FrozenMeeting(
        pk=m["id"],
        body=FrozenBody(
            live=live_meeting.body,
            name=m["body"]["name"],
            short_name=m["body"]["short_name"],
            minutes_title=m["body"]["minutes_title"],
        ),
        joint_body=None
        if joint is None
        else FrozenJointBody(
            pk=joint["id"],
            name=joint["name"],
            slug=live_meeting.joint_body.slug if live_meeting.joint_body_id else "",
        ),
        kind=m["kind"],
        kind_label=m["kind_label"],
        title=m["title"],
        date=_date(m["date"]),
        start_time=_time(m["start_time"]),
        end_time=_time(m["end_time"]),
        venue=m["venue"],
        no_interests_declared=m["no_interests_declared"],
        circulated_at=_datetime(m["circulated_at"]),
        approved_at=_datetime(m["approved_at"]),
        signed_by=_person(data["signature"]["by"]),
        signed_at=_datetime(data["signature"]["at"]),
        fingerprint=frozen.sha256,
    )


def _item(row: dict) -> FrozenItem:
    return FrozenItem(
        pk=row["id"],
        parent_id=row["parent"],
        number=row["number"],
        title=row["title"],
        kind=row["kind"],
        purpose=row["purpose"],
        purpose_label=row["purpose_label"],
        presenter=_person(row["presenter"]),
        confidential=row["confidential"],
        minutes=row["minutes"],
        decisions=Rows(FrozenDecision(**d) for d in row["decisions"]),
        papers=Rows(FrozenPaper(pk=p.pop("id"), **p) for p in map(dict, row["papers"])),
    )


def _attendance(row: dict, items: dict[int, FrozenItem]) -> FrozenAttendance:
    return FrozenAttendance(
        person=_person(row["person"]),
        organisation=_org(row["organisation"]),
        category=row["category"],
        group_label=row["group"],
        role_label=row["role"],
        substitute_for=_person(row["substitute_for"]),
        chaired=row["chaired"],
        took_minutes=row["took_minutes"],
        arrived_during=items.get(row["arrived_during"]),
        left_after=items.get(row["left_after"]),
        note=row["note"],
    )


def _action(row: dict, items: dict, meeting: FrozenMeeting, status: dict) -> FrozenAction:
    return FrozenAction(
        pk=row["id"],
        number=row["number"],
        description=row["description"],
        due_date=_date(row["due_date"]),
        due_note=row["due_note"],
        item=items.get(row["item"]),
        owners=Rows(
            FrozenOwner(o["kind"], o["id"], o["name"], o["short_name"], o["initials"])
            for o in row["owners"]
        ),
        meeting=meeting,
        status=status.get(row["id"], Action.Status.OPEN),
    )


def _approval(data: dict | None) -> ApprovalNote | None:
    if data is None:
        return None
    return ApprovalNote(
        meeting_date=_date(data["meeting_date"]),
        on=_date(data["on"]),
        outside_meeting=data["outside_meeting"],
        corrections=data["corrections"],
    )


def _next_meeting(data: dict | None) -> NextMeeting | None:
    if data is None:
        return None
    return NextMeeting(
        date=_date(data["date"]),
        start_time=_time(data["start_time"]),
        end_time=_time(data["end_time"]),
        venue=data["venue"],
    )


def _hide_confidential(items: list[FrozenItem], actions: list[FrozenAction]) -> list:
    """What the public may see: a confidential item keeps its number and title only."""
    hidden = {i.pk for i in items if i.confidential}
    for item in items:
        if item.confidential:
            item.minutes, item.decisions, item.papers = "", Rows(), Rows()
    return [a for a in actions if a.item_id not in hidden]


def record_from_snapshot(
    frozen: SignedRecord, *, live_meeting: Meeting, include_confidential: bool = True
) -> MeetingRecord:
    """The signed record as a ``MeetingRecord``. One query besides the snapshot itself: the
    live status of the meeting's actions."""
    data = frozen.data
    meeting = _meeting(data, frozen, live_meeting)
    items = [_item(row) for row in data["items"]]
    by_pk = {i.pk: i for i in items}
    status = dict(Action.objects.filter(meeting_id=meeting.pk).values_list("pk", "status"))
    actions = [_action(row, by_pk, meeting, status) for row in data["actions"]]
    if not include_confidential:
        actions = _hide_confidential(items, actions)
    return MeetingRecord(
        meeting=meeting,
        attendances=[_attendance(row, by_pk) for row in data["attendance"]],
        items=items,
        tree=item_tree(items, actions),
        actions=actions,
        declarations=[
            FrozenDeclaration(_person(d["person"]), by_pk.get(d["item"]), d["interest"])
            for d in data["declarations"]
        ],
        approvals_given=[
            FrozenApproval(
                previous_meeting=FrozenPreviousMeeting(
                    a["previous_meeting"]["id"], _date(a["previous_meeting"]["date"])
                ),
                item_id=a["item"],
                outcome=a["outcome"],
                outcome_label=a["outcome_label"],
                corrections=a["corrections"],
            )
            for a in data["approvals_given"]
        ],
        approval=_approval(data["approval"]),
        next_meeting=_next_meeting(data["next_meeting"]),
        frozen=frozen,
    )
