"""The fingerprint of a meeting's record: SHA-256 of a canonical JSON form of all of it.

Canonical means: keys sorted, no insignificant whitespace, UTF-8, lists in the record's own
order (positions, numbers), people and organisations by name rather than by database id, so the
same record gives the same fingerprint on any copy of the database. Papers count by reference,
title, name and size; the signatory and the moment of signing are part of what is fingerprinted,
so the fingerprint printed on a signed PDF also vouches for who signed and when.
"""

from __future__ import annotations

import hashlib
import json

from meetings.models import Declaration, Meeting, MinutesApproval

from .selectors import meeting_record

VERSION = 1


def _person(p) -> str:
    return p.display_name if p is not None else ""


def canonical_record(meeting: Meeting) -> dict:
    record = meeting_record(meeting_id=meeting.pk, include_confidential=True)
    m = record.meeting
    number = {i.pk: i.number for i in record.items}
    return {
        "version": VERSION,
        "meeting": {
            "body": m.body.name,
            "joint_body": m.joint_body.name if m.joint_body_id else "",
            "kind": m.kind,
            "title": m.title,
            "date": m.date.isoformat(),
            "start_time": m.start_time.isoformat() if m.start_time else "",
            "end_time": m.end_time.isoformat() if m.end_time else "",
            "venue": m.venue,
            "no_interests_declared": m.no_interests_declared,
        },
        "attendance": [
            {
                "person": _person(a.person),
                "category": a.category,
                "group": a.group_label,
                "role": a.role_label,
                "organisation": a.organisation.name if a.organisation_id else "",
                "substitute_for": _person(a.substitute_for),
                "chaired": a.chaired,
                "took_minutes": a.took_minutes,
                "arrived_during": number.get(a.arrived_during_id, ""),
                "left_after": number.get(a.left_after_id, ""),
                "note": a.note,
            }
            for a in record.attendances
        ],
        "items": [
            {
                "number": node.item.number,
                "parent": number.get(node.item.parent_id, ""),
                "title": node.item.title,
                "kind": node.item.kind,
                "purpose": node.item.purpose,
                "presenter": _person(node.item.presenter),
                "confidential": node.item.confidential,
                "minutes": node.item.minutes,
                "decisions": [[d.verb, d.text] for d in node.item.decisions.all()],
                "papers": [
                    [p.reference, p.title, p.original_name, p.size] for p in node.item.papers.all()
                ],
            }
            for node in record.flat_items()
        ],
        "declarations": [
            [_person(d.person), number.get(d.item_id, ""), d.interest]
            for d in Declaration.objects.filter(meeting=m).select_related("person").order_by("id")
        ],
        "approvals_given": [
            [a.previous_meeting.date.isoformat(), a.outcome, a.corrections]
            for a in MinutesApproval.objects.filter(meeting=m)
            .select_related("previous_meeting")
            .order_by("previous_meeting__date", "id")
        ],
        "approvals_received": [
            [a.meeting.date.isoformat(), a.outcome, a.corrections]
            for a in MinutesApproval.objects.filter(previous_meeting=m)
            .select_related("meeting")
            .order_by("meeting__date", "id")
        ],
        "actions": [
            {
                "number": a.number,
                "item": number.get(a.item_id, ""),
                "description": a.description,
                "due_date": a.due_date.isoformat() if a.due_date else "",
                "due_note": a.due_note,
                "owners": [_owner(o) for o in a.owners.all()],
            }
            for a in record.actions
        ],
        "signed_by": _person(m.signed_by),
        "signed_at": m.signed_at.isoformat() if m.signed_at else "",
    }


def _owner(o) -> str:
    if o.person_id:
        return "person:" + o.person.display_name
    if o.organisation_id:
        return "organisation:" + o.organisation.name
    return "group:" + o.team.name


def canonical_json(meeting: Meeting) -> bytes:
    return json.dumps(
        canonical_record(meeting), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def record_fingerprint(meeting: Meeting) -> str:
    return hashlib.sha256(canonical_json(meeting)).hexdigest()
