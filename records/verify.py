"""Is a signed record still what was signed? Recomputed, never just looked up.

For one signed meeting: the SHA-256 of its stored snapshot against the hash stored with it and
the fingerprint on the meeting; the SHA-256 of each stored PDF's bytes against the hash taken
at signing, and each PDF's digital signature. The verify page and ``manage.py verify_signed``
both ask ``signed_record_check``.

When the snapshot no longer matches, the members' PDF (if it is itself intact) still carries the
JSON as signed, attached; comparing the two says which parts were changed.

A PDF whose file was lost and made again from the intact snapshot (``records.rerender``) is
checked against the hash its ``Rerender`` row holds, and reported as re-rendered.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field

from django.utils import timezone

from meetings.models import Meeting
from partners.templatetags.minutebook import ukdate

from . import pades
from .models import RenderJob, Rerender, SignedRecord
from .pdf import RECORD_ATTACHMENT

# More than this many changed places are summarised ("and 12 more").
MAX_DIFFERENCES = 8
SNAPSHOT_PART = "frozen record"


@dataclass
class Finding:
    part: str
    intact: bool
    detail: str


@dataclass
class SignedCheck:
    meeting: Meeting
    frozen: SignedRecord | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return all(f.intact for f in self.findings)

    @property
    def verdict(self) -> str:
        return "intact" if self.intact else "altered"


def _read(field_file) -> bytes | None:
    if not field_file:
        return None
    try:
        with field_file.open("rb") as fh:
            return fh.read()
    except OSError:
        return None


def _differences(signed, stored, path: str = "") -> list[str]:
    """Where ``stored`` differs from ``signed``, as paths like ``items[2].minutes``."""
    if isinstance(signed, dict) and isinstance(stored, dict):
        out = []
        for key in sorted(set(signed) | set(stored)):
            out += _differences(signed.get(key), stored.get(key), f"{path}.{key}" if path else key)
        return out
    if isinstance(signed, list) and isinstance(stored, list):
        out = [] if len(signed) == len(stored) else [f"{path} (number of entries)"]
        for n, (a, b) in enumerate(zip(signed, stored, strict=False)):
            out += _differences(a, b, f"{path}[{n}]")
        return out
    return [] if signed == stored else [path]


def _attached_record(data: bytes | None) -> str | None:
    """The record JSON attached to a signed members' PDF (the text as signed), if readable."""
    if not data:
        return None
    from pypdf import PdfReader

    try:
        attached = PdfReader(io.BytesIO(data)).attachments.get(RECORD_ATTACHMENT)
        return attached[0].decode("utf-8") if attached else None
    except Exception:  # noqa: BLE001  (a damaged PDF simply cannot help)
        return None


def _changed(signed_text: str, stored_text: str) -> str:
    try:
        changed = _differences(json.loads(signed_text), json.loads(stored_text))
    except ValueError:
        changed = ["(the stored text is no longer JSON)"]
    if not changed:
        return ""
    more = len(changed) - MAX_DIFFERENCES
    shown = ", ".join(changed[:MAX_DIFFERENCES])
    return f"; changed: {shown}" + (f" and {more} more" if more > 0 else "")


def _snapshot_finding(meeting: Meeting, frozen: SignedRecord | None, members_pdf) -> Finding:
    """The snapshot's hash, recomputed, against the hash stored beside it, the fingerprint on
    the meeting and the record attached to the signed PDF (which its signature vouches for)."""
    if frozen is None:
        return Finding(SNAPSHOT_PART, False, "missing: no frozen record is stored")
    computed = frozen.computed_sha256()
    attached = _attached_record(members_pdf)
    signed_as = hashlib.sha256(attached.encode()).hexdigest() if attached else meeting.fingerprint
    if computed == frozen.sha256 == meeting.fingerprint == signed_as:
        return Finding(SNAPSHOT_PART, True, f"intact: SHA-256 {computed}")
    if computed == frozen.sha256 == signed_as:
        detail = f"altered: the meeting's fingerprint is now {meeting.fingerprint}"
        return Finding(SNAPSHOT_PART, False, f"{detail}, signed as {signed_as}")
    detail = f"altered: its SHA-256 is now {computed}, signed as {signed_as}"
    if attached:
        detail += _changed(attached, frozen.canonical)
    return Finding(SNAPSHOT_PART, False, detail)


def _pdf_finding(part: str, data: bytes | None, expected: str, remade: list[Rerender]) -> Finding:
    """``remade``: the file's re-renderings (``records.rerender``); one whose hash the file has
    stands in for the lost original, and the finding says so."""
    if data is None:
        return Finding(part, False, "missing: the stored file cannot be read")
    computed = hashlib.sha256(data).hexdigest()
    again = next((r for r in remade if r.sha256 == computed), None)
    if computed != expected and again is None:
        return Finding(part, False, f"altered: its SHA-256 is now {computed}, stored as {expected}")
    valid, account = pades.signature_check(data)
    if not valid:
        return Finding(part, False, f"altered: {account}")
    if again is not None:
        on = ukdate(timezone.localdate(again.created_at))
        return Finding(
            part,
            True,
            f"intact: re-rendered from the signed record on {on} (the file signed was lost); "
            f"SHA-256 {computed}, {account}",
        )
    return Finding(part, True, f"intact: SHA-256 {computed}, {account}")


def signed_record_check(meeting: Meeting) -> SignedCheck:
    """Recompute every hash of a signed meeting's record and files."""
    frozen = SignedRecord.objects.filter(meeting_id=meeting.pk).first()
    members = _read(meeting.signed_pdf)
    public_copy = RenderJob.objects.filter(
        meeting_id=meeting.pk, kind=RenderJob.Kind.MINUTES_PUBLIC, signed_copy=True
    ).first()
    remade: dict[str, list[Rerender]] = {}
    for row in Rerender.objects.filter(meeting_id=meeting.pk):
        remade.setdefault(row.part, []).append(row)
    check = SignedCheck(meeting=meeting, frozen=frozen)
    check.findings = [
        _snapshot_finding(meeting, frozen, members if members else None),
        _pdf_finding(
            Rerender.Part.MEMBERS.label,
            members,
            meeting.signed_pdf_sha256,
            remade.get(Rerender.Part.MEMBERS, []),
        ),
        _pdf_finding(
            Rerender.Part.PUBLIC.label,
            _read(public_copy.file) if public_copy else None,
            public_copy.sha256 if public_copy else "",
            remade.get(Rerender.Part.PUBLIC, []),
        ),
    ]
    return check
