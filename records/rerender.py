"""Signed PDFs made again from the frozen record, when their stored files are lost (a restore
without the media volume, a disk fault): ``manage.py rerender_signed <meeting id>``.

The snapshot is the record; the PDFs are renderings of it. So a lost PDF can be rendered again,
signed again (PAdES, with the organisation's certificate) and stored under the name its row
holds, as long as the snapshot itself is intact. The rows of a signed meeting never change, so
the hash taken at signing stays as it was; a ``Rerender`` row holds the new file's hash, and
``verify`` reports the file as re-rendered rather than altered. A file that is there but
altered is evidence: it is left alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from meetings.models import Meeting
from meetings.selectors import meetings_base
from partners.templatetags.minutebook import ukdate

from . import pades, pdf
from .frozen import record_from_snapshot
from .models import RenderJob, Rerender, SignedRecord
from .verify import SNAPSHOT_PART, signed_record_check


@dataclass
class _Target:
    part: str
    name: str
    signed_sha256: str


def _targets(meeting: Meeting) -> list[_Target]:
    """Where each signed PDF is stored and the hash taken at signing."""
    public = RenderJob.objects.filter(
        meeting_id=meeting.pk, kind=RenderJob.Kind.MINUTES_PUBLIC, signed_copy=True
    ).first()
    if not meeting.signed_pdf.name or public is None or not public.file.name:
        raise ValidationError(
            "No file name is recorded for a signed PDF of this meeting, so there is nowhere to "
            "put it again."
        )
    return [
        _Target(Rerender.Part.MEMBERS, meeting.signed_pdf.name, meeting.signed_pdf_sha256),
        _Target(Rerender.Part.PUBLIC, public.file.name, public.sha256),
    ]


def _lost(targets: list[_Target]) -> list[_Target]:
    lost = []
    for target in targets:
        if not default_storage.exists(target.name):
            lost.append(target)
            continue
        try:
            with default_storage.open(target.name, "rb") as fh:
                fh.read(1)
        except OSError as exc:
            raise ValidationError(
                f"The {Rerender.Part(target.part).label} ({target.name}) is there but cannot be "
                "read; it is not replaced. Check its permissions."
            ) from exc
    return lost


def _render(frozen: SignedRecord, meeting: Meeting, part: str) -> bytes:
    """The PDF as signing made it: the members' version with the record attached, or the
    public version; signed again, saying when and why."""
    live = meetings_base().get(pk=meeting.pk)
    public = part == Rerender.Part.PUBLIC
    record = record_from_snapshot(frozen, live_meeting=live, include_confidential=not public)
    data = pdf.minutes_pdf_from_record(
        record, public=public, record_json="" if public else frozen.canonical
    )
    reason = (
        f"Signed minutes of {record.meeting.body.name}, {live.date:%-d %B %Y}; fingerprint "
        f"{frozen.sha256}; re-rendered from the signed record on {ukdate(timezone.localdate())}"
    )
    return pades.sign_pdf(data, name=frozen.signed_by_name, reason=reason)


def signed_pdfs_rerender(*, meeting: Meeting) -> list[Rerender]:
    """Render again, from the snapshot, each signed PDF of ``meeting`` whose file is missing, and
    store it under the name its row holds. Returns the ``Rerender`` rows made (none when no file
    is missing).

    Refused (``ValidationError``) when the meeting is not signed, when its snapshot is not
    intact (what would be printed is not what was signed), and when a file is there but
    unreadable. Side effects: writes the files; a failure part-way leaves neither rows nor files.
    """
    if not meeting.is_signed:
        raise ValidationError("These minutes are not signed.")
    check = signed_record_check(meeting)
    snapshot = next(f for f in check.findings if f.part == SNAPSHOT_PART)
    if not snapshot.intact:
        raise ValidationError(
            f"The signed record itself is not intact ({snapshot.detail}), so its PDFs are not "
            "made again from it."
        )
    lost = _lost(_targets(meeting))
    documents = {t.part: _render(check.frozen, meeting, t.part) for t in lost}
    written: list[str] = []
    try:
        with transaction.atomic():
            rows = [
                Rerender.objects.create(
                    meeting=meeting,
                    part=t.part,
                    file_name=t.name,
                    lost_sha256=t.signed_sha256,
                    sha256=hashlib.sha256(documents[t.part]).hexdigest(),
                )
                for t in lost
            ]
            for target in lost:
                saved = default_storage.save(target.name, ContentFile(documents[target.part]))
                written.append(saved)
                if saved != target.name:
                    raise FileExistsError(f"{target.name} was stored as {saved}")
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    return rows
