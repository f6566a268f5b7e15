"""Signing in the background: the second half of ``services.minutes_sign``.

The request checks the signer and their password and queues a signing job; the worker (or the
web process itself when tasks run eagerly, as under ``make run``) then:

1. freezes the record: the canonical JSON of the meeting as its rows hold it, signed by the
   person who confirmed, at the moment they confirmed (the job's creation);
2. renders the members' and the public PDF from that frozen record, without holding any lock;
3. adds a PAdES signature to each (``pades``);
4. in one short transaction, locks the meeting, checks it is still approved and its record is
   still what was rendered, and stores the snapshot, the status and the files' names and hashes;
5. writes the two files only once that transaction has committed (``transaction.on_commit``),
   so a failure anywhere before leaves no file and no signed row behind.

Each stage is reported on the job (``RenderJob.stage``), which the signer's page polls.
"""

from __future__ import annotations

import hashlib
import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from meetings.models import Meeting
from meetings.selectors import meetings_base

from . import events, pades, pdf
from .frozen import record_from_snapshot
from .models import RenderJob, SignedRecord
from .snapshot import VERSION, meeting_snapshot, sha256_of

logger = logging.getLogger(__name__)

STAGES = {
    "members": (15, "Rendering the members’ version"),
    "public": (45, "Rendering the public version"),
    "signing": (75, "Signing"),
    "storing": (90, "Storing the signed PDFs"),
    "done": (100, "Done"),
}


class SigningStopped(Exception):
    """The meeting changed under the job (no longer approved, or its record was edited)."""


def _report(job_id: int, stage: str) -> None:
    percent, text = STAGES[stage]
    RenderJob.objects.filter(pk=job_id).update(progress=percent, stage=text)


def _fail(job_id: int, message: str) -> None:
    RenderJob.objects.filter(pk=job_id).update(
        state=RenderJob.State.FAILED, error=message[:2000], finished_at=timezone.now()
    )


def signing_run(*, job_id: int, announce: bool = True) -> None:
    """Do the signing job ``job_id``. Safe to run twice: only a queued job is claimed.

    ``announce``: send ``events.minutes_signed`` once stored (members are sent the signed
    minutes); off for minutes already signed on paper (``services.minutes_sign_as``)."""
    claimed = RenderJob.objects.filter(
        pk=job_id, kind=RenderJob.Kind.SIGNING, state=RenderJob.State.QUEUED
    ).update(state=RenderJob.State.RUNNING, progress=5, stage="Freezing the record")
    if not claimed:
        return
    job = RenderJob.objects.select_related("meeting", "requested_by").get(pk=job_id)
    try:
        frozen, documents = _prepare(job)
        _store(job, frozen, documents, announce=announce)
    except SigningStopped as exc:
        _fail(job_id, str(exc))
    except Exception as exc:
        _fail(job_id, f"Signing failed: {exc}")
        raise


def _prepare(job: RenderJob) -> tuple[SignedRecord, dict[str, bytes]]:
    """The frozen record (unsaved) and the two signed PDFs rendered from it."""
    signer = job.requested_by
    signed_at = job.created_at.replace(microsecond=0)
    text = meeting_snapshot(job.meeting, signer=signer, signed_at=signed_at)
    frozen = SignedRecord(
        meeting=job.meeting,
        version=VERSION,
        canonical=text,
        sha256=sha256_of(text),
        signed_by_name=signer.display_name,
        signed_at=signed_at,
    )
    live = meetings_base().get(pk=job.meeting_id)
    documents = {}
    for version, public in (("members", False), ("public", True)):
        _report(job.pk, version)
        record = record_from_snapshot(frozen, live_meeting=live, include_confidential=not public)
        # Only the members' copy carries the JSON: it holds the confidential business too.
        documents[version] = pdf.minutes_pdf_from_record(
            record, public=public, record_json="" if public else text
        )
    _report(job.pk, "signing")
    reason = (
        f"Signed minutes of {live.body.name}, {live.date:%-d %B %Y}; fingerprint {frozen.sha256}"
    )
    for version, data in documents.items():
        documents[version] = pades.sign_pdf(data, name=signer.display_name, reason=reason)
    return frozen, documents


def _file_names(meeting: Meeting, fingerprint: str) -> dict[str, str]:
    """Names fixed before the commit (the rows hold them); the random part means no name is
    ever taken already, so the write after the commit cannot be diverted to another name."""
    stem = f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-{fingerprint[:12]}-{secrets.token_hex(4)}"
    return {
        "members": f"signed/{stem}.pdf",
        "public": f"renders/{timezone.now():%Y}/{stem}-public.pdf",
    }


@transaction.atomic
def _store(
    job: RenderJob, frozen: SignedRecord, documents: dict[str, bytes], *, announce: bool
) -> None:
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=job.meeting_id)
    if meeting.status != Meeting.Status.APPROVED:
        raise SigningStopped("The minutes are no longer approved, so they were not signed.")
    now = meeting_snapshot(meeting, signer=job.requested_by, signed_at=frozen.signed_at)
    if now != frozen.canonical:
        raise SigningStopped("The record changed while it was being signed. Sign it again.")
    frozen.save()
    names = _file_names(meeting, frozen.sha256)
    digests = {k: hashlib.sha256(v).hexdigest() for k, v in documents.items()}
    RenderJob.objects.create(
        meeting=meeting,
        kind=RenderJob.Kind.MINUTES_PUBLIC,
        state=RenderJob.State.DONE,
        progress=100,
        stage="Ready",
        signed_copy=True,
        requested_by=job.requested_by,
        file=names["public"],
        sha256=digests["public"],
        finished_at=timezone.now(),
    )
    meeting.status = Meeting.Status.SIGNED
    meeting.signed_by = job.requested_by
    meeting.signed_at = frozen.signed_at
    meeting.fingerprint = frozen.sha256
    meeting.signed_pdf = names["members"]
    meeting.signed_pdf_sha256 = digests["members"]
    meeting.save()
    _report(job.pk, "storing")
    files = {names[k]: documents[k] for k in documents}
    transaction.on_commit(lambda: _files_write(job.pk, files))
    if announce:  # after the files are written: the notice may attach the signed PDF
        events.announce(events.minutes_signed, meeting=meeting)


def _files_write(job_id: int, files: dict[str, bytes]) -> None:
    """After the commit: write the signed PDFs under the names the rows already hold."""
    try:
        for name, data in files.items():
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as fh:
                    if fh.read() == data:  # a retried write of the same bytes
                        continue
                raise FileExistsError(f"{name} already exists with other contents")
            saved = default_storage.save(name, ContentFile(data))
            if saved != name:
                raise FileExistsError(f"{name} was stored as {saved}")
    except Exception as exc:
        logger.exception("Signed PDFs of job %s could not be written", job_id)
        _fail(job_id, f"The minutes are signed but their PDFs could not be stored: {exc}")
        raise
    RenderJob.objects.filter(pk=job_id).update(
        state=RenderJob.State.DONE,
        progress=100,
        stage=STAGES["done"][1],
        finished_at=timezone.now(),
    )
