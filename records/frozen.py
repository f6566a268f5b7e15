"""A signed meeting's record rebuilt from its snapshot, as plain objects (``frozen_objects``).

The objects answer the same attribute names the templates and ``documents`` read on the live
models, so one set of templates serves drafts and signed minutes alike, and nothing of a signed
meeting is read from rows that may since have been renamed. Links (ids, the body's slug) and
the actions' live progress come from the database: they are not part of what was signed.

Every snapshot version still reads: what a key added later says is worked out from what the
older ones hold (see ``snapshot.VERSION``).
"""

from __future__ import annotations

import datetime as dt

from actions.models import Action
from meetings.models import Meeting, Movement

from .frozen_objects import (
    FrozenAction,
    FrozenApproval,
    FrozenAttendance,
    FrozenBody,
    FrozenDecision,
    FrozenDeclaration,
    FrozenItem,
    FrozenJointBody,
    FrozenMeeting,
    FrozenMovement,
    FrozenOrganisation,
    FrozenOwner,
    FrozenPaper,
    FrozenPerson,
    FrozenPreviousMeeting,
    Rows,
)
from .models import SignedRecord
from .selectors import ApprovalNote, MeetingRecord, NextMeeting, item_tree


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


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
        exempt_paragraph=row.get("exempt_paragraph"),
        exempt_reason=row.get("exempt_reason", ""),
    )


def _movements(row: dict, items: dict[int, FrozenItem]) -> list[FrozenMovement]:
    """Version 3 lists every arrival and departure; version 2 had the first arrival and the
    final departure only, which are then the whole story."""
    if "movements" in row:
        pairs = [(m["kind"], m["item"]) for m in row["movements"]]
    else:
        pairs = [
            (Movement.Kind.JOINED, row["arrived_during"]),
            (Movement.Kind.LEFT, row["left_after"]),
        ]
    return [FrozenMovement(kind, items[pk]) for kind, pk in pairs if pk in items]


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
        movements_in_order=_movements(row, items),
    )


def _action(row: dict, items: dict, meeting: FrozenMeeting, live: dict) -> FrozenAction:
    """``live``: action id -> (status, reference) as the rows hold them now. The reference is
    frozen from version 3; an older snapshot shows the row's, which never changes either (it is
    never reused, and the guard holds it once its meeting is signed)."""
    status, reference = live.get(row["id"], (Action.Status.OPEN, ""))
    return FrozenAction(
        pk=row["id"],
        number=row["number"],
        reference=row.get("reference", reference),
        description=row["description"],
        due_date=_date(row["due_date"]),
        due_note=row["due_note"],
        item=items.get(row["item"]),
        owners=Rows(
            FrozenOwner(o["kind"], o["id"], o["name"], o["short_name"], o["initials"])
            for o in row["owners"]
        ),
        meeting=meeting,
        status=status,
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
    live status (and, for older snapshots, the reference) of the meeting's actions."""
    data = frozen.data
    meeting = _meeting(data, frozen, live_meeting)
    items = [_item(row) for row in data["items"]]
    by_pk = {i.pk: i for i in items}
    live = {
        pk: (status, reference)
        for pk, status, reference in Action.objects.filter(meeting_id=meeting.pk).values_list(
            "pk", "status", "reference"
        )
    }
    actions = [_action(row, by_pk, meeting, live) for row in data["actions"]]
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
