"""The frozen record: a signed meeting's whole record as one canonical JSON text.

At signing, the live record (``selectors.live_meeting_record``) is turned into plain data:
the meeting, attendance with names, organisations and roles as they stood and every arrival and
departure, items with their minutes, decisions, papers and why an exempt one is exempt, actions
with reference, wording, owners (none: to be confirmed) and due dates, declarations,
approvals given and received, the next meeting as then arranged, and the signature. Its
SHA-256 is the fingerprint printed on the signed PDFs.

Canonical means: keys sorted, no insignificant whitespace, UTF-8, lists in the record's own
order (positions, numbers). Database ids are kept beside names (anchors, paper downloads and
the actions' live progress need them); a restored copy of the database has the same ids, so it
gives the same fingerprint. Action progress (status, closing) and addenda are not part of it:
they go on after signing.

Versions: 3 added each person's arrivals and departures (``movements``), an exempt item's
paragraph of Schedule 12A or reason, and each action's reference. ``records.frozen`` still
reads version 2 (which has the first arrival and final departure only).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from meetings.models import Meeting
from partners.models import Person

from .selectors import MeetingRecord, live_meeting_record

VERSION = 3


def _iso(value: dt.date | dt.time | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _organisation(org) -> dict | None:
    return None if org is None else {"name": org.name, "short_name": org.short_name}


def _person(person) -> dict | None:
    if person is None:
        return None
    return {
        "id": person.pk,
        "name": person.display_name,
        "plain_name": person.name,
        "initials": person.initials,
        "organisation": _organisation(person.organisation),
    }


def _file_sha256(field_file) -> str:
    """SHA-256 of an uploaded paper's bytes, so a swapped file shows; "" when unreadable."""
    if not field_file:
        return ""
    try:
        with field_file.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return ""


def _meeting(meeting: Meeting) -> dict:
    body = meeting.body
    joint = meeting.joint_body
    return {
        "id": meeting.pk,
        "body": {
            "id": body.pk,
            "name": body.name,
            "short_name": body.short_name,
            "minutes_title": body.minutes_title,
        },
        "joint_body": None if joint is None else {"id": joint.pk, "name": joint.name},
        "kind": meeting.kind,
        "kind_label": meeting.get_kind_display(),
        "title": meeting.title,
        "date": _iso(meeting.date),
        "start_time": _iso(meeting.start_time),
        "end_time": _iso(meeting.end_time),
        "venue": meeting.venue,
        "no_interests_declared": meeting.no_interests_declared,
        "circulated_at": _iso(meeting.circulated_at),
        "approved_at": _iso(meeting.approved_at),
    }


def _attendance(a) -> dict:
    return {
        "person": _person(a.person),
        # The organisation printed beside the name: the row's own, else the person's, as it was.
        "organisation": _organisation(a.organisation or a.person.organisation),
        "category": a.category,
        "group": a.group_label,
        "role": a.role_label,
        "substitute_for": _person(a.substitute_for),
        "chaired": a.chaired,
        "took_minutes": a.took_minutes,
        "arrived_during": a.arrived_during_id,
        "left_after": a.left_after_id,
        # In agenda order: "joined during 2, left after 4, joined during 6".
        "movements": [{"kind": m.kind, "item": m.item_id} for m in a.movements_in_order],
        "note": a.note,
    }


def _item(item) -> dict:
    return {
        "id": item.pk,
        "parent": item.parent_id,
        "number": item.number,
        "title": item.title,
        "kind": item.kind,
        "purpose": item.purpose,
        "purpose_label": item.get_purpose_display() if item.purpose else "",
        "presenter": _person(item.presenter),
        "confidential": item.confidential,
        "exempt_paragraph": item.exempt_paragraph,
        "exempt_reason": item.exempt_reason,
        "minutes": item.minutes,
        "decisions": [
            {"verb": d.verb, "verb_label": d.get_verb_display(), "text": d.text}
            for d in item.decisions.all()
        ],
        "papers": [
            {
                "id": p.pk,
                "reference": p.reference,
                "title": p.title,
                "original_name": p.original_name,
                "size": p.size,
                "file": p.file.name or "",
                "sha256": _file_sha256(p.file),
            }
            for p in item.papers.all()
        ],
    }


def _owner(owner) -> dict:
    if owner.person_id:
        kind, thing = "person", owner.person
        name, short, initials = thing.display_name, thing.display_name, thing.initials or thing.name
    elif owner.organisation_id:
        kind, thing = "organisation", owner.organisation
        name, short, initials = thing.name, thing.short_name, thing.short_name
    else:
        kind, thing = "team", owner.team
        name, short, initials = thing.name, thing.name, thing.name
    return {"kind": kind, "id": thing.pk, "name": name, "short_name": short, "initials": initials}


def _action(action) -> dict:
    return {
        "id": action.pk,
        "number": action.number,
        "reference": action.reference,
        "item": action.item_id,
        "description": action.description,
        "due_date": _iso(action.due_date),
        "due_note": action.due_note,
        "owners": [_owner(o) for o in action.owners.all()],
    }


def _approval_given(ap) -> dict:
    return {
        "previous_meeting": {"id": ap.previous_meeting_id, "date": _iso(ap.previous_meeting.date)},
        "item": ap.item_id,
        "outcome": ap.outcome,
        "outcome_label": ap.get_outcome_display(),
        "corrections": ap.corrections,
    }


def _signer_role(record: MeetingRecord, signer: Person) -> str:
    row = next((a for a in record.attendances if a.person_id == signer.pk), None)
    return (row.role_label if row else "") or "Chair"


def snapshot_data(record: MeetingRecord, *, signer: Person, signed_at: dt.datetime) -> dict:
    """The record (loaded with confidential business) as plain data, ready to be frozen."""
    note, upcoming = record.approval, record.next_meeting
    return {
        "version": VERSION,
        "meeting": _meeting(record.meeting),
        "attendance": [_attendance(a) for a in record.attendances],
        "items": [_item(i) for i in record.items],
        "actions": [_action(a) for a in record.actions],
        "declarations": [
            {"person": _person(d.person), "item": d.item_id, "interest": d.interest}
            for d in record.declarations
        ],
        "approvals_given": [_approval_given(ap) for ap in record.approvals_given],
        "approval": None
        if note is None
        else {
            "meeting_date": _iso(note.meeting_date),
            "on": _iso(note.on),
            "outside_meeting": note.outside_meeting,
            "corrections": note.corrections,
        },
        "next_meeting": None
        if upcoming is None
        else {
            "date": _iso(upcoming.date),
            "start_time": _iso(upcoming.start_time),
            "end_time": _iso(upcoming.end_time),
            "venue": upcoming.venue,
        },
        "signature": {
            "by": _person(signer),
            "role": _signer_role(record, signer),
            "at": _iso(signed_at),
        },
    }


def canonical_text(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def meeting_snapshot(meeting: Meeting, *, signer: Person, signed_at: dt.datetime) -> str:
    """The canonical text of ``meeting``'s record as its rows hold it now, signed as given."""
    record = live_meeting_record(meeting=meeting, include_confidential=True)
    return canonical_text(snapshot_data(record, signer=signer, signed_at=signed_at))
