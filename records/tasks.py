"""Background work with progress the page can poll: rendering large documents, and signing."""

from __future__ import annotations

import hashlib

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from meetings.models import Meeting, Paper

from . import docx_export, pdf
from .models import RenderJob
from .signing import signing_run

# Above this many items plus actions a document renders in the worker, not in the request.
QUEUE_THRESHOLD = 40
# An agenda pack with this many uploaded papers is merged in the worker too.
QUEUE_PAPERS = 3


def document_should_queue(meeting: Meeting, kind: str) -> bool:
    if kind == RenderJob.Kind.AGENDA:
        return Paper.objects.filter(item__meeting=meeting).exclude(file="").count() >= QUEUE_PAPERS
    size = meeting.items.count() + meeting.actions.count()
    return size > QUEUE_THRESHOLD


def render_job_start(*, meeting: Meeting, kind: str, person=None) -> RenderJob:
    """Queue a render. Side effect: the Celery task starts after the transaction commits."""
    job = RenderJob.objects.create(meeting=meeting, kind=kind, requested_by=person)
    transaction.on_commit(lambda: render_document.delay(job_id=job.pk))
    return job


def _progress(job_id: int):
    def report(percent: int, stage: str) -> None:
        RenderJob.objects.filter(pk=job_id).update(progress=percent, stage=stage[:80])

    return report


@shared_task(name="meetings.render_document")
def render_document(*, job_id: int) -> None:
    """Render one queued document. Safe to run twice: only a queued job is claimed."""

    claimed = RenderJob.objects.filter(pk=job_id, state=RenderJob.State.QUEUED).update(
        state=RenderJob.State.RUNNING, progress=5, stage="Starting"
    )
    if not claimed:
        return
    job = RenderJob.objects.select_related("meeting__body").get(pk=job_id)
    report = _progress(job_id)
    try:
        if job.kind == RenderJob.Kind.MINUTES:
            data, ext = pdf.minutes_pdf(job.meeting, progress=report), "pdf"
        elif job.kind == RenderJob.Kind.MINUTES_PUBLIC:
            data, ext = pdf.minutes_pdf(job.meeting, public=True, progress=report), "pdf"
        elif job.kind == RenderJob.Kind.DOCX:
            report(30, "Writing the Word document")
            data, ext = docx_export.minutes_docx(job.meeting), "docx"
        else:
            data, ext = pdf.agenda_pdf(job.meeting, progress=report), "pdf"
    except Exception as exc:  # noqa: BLE001  (the page must say it failed, whatever the cause)
        RenderJob.objects.filter(pk=job_id).update(
            state=RenderJob.State.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    job.file.save(
        f"{job.meeting.body.slug}-{job.kind}-{job.pk}.{ext}", ContentFile(data), save=False
    )
    RenderJob.objects.filter(pk=job_id).update(
        file=job.file.name,
        sha256=hashlib.sha256(data).hexdigest(),
        state=RenderJob.State.DONE,
        progress=100,
        stage="Ready",
        finished_at=timezone.now(),
    )


@shared_task(name="records.sign_minutes")
def sign_minutes(*, job_id: int) -> None:
    """Freeze, render, sign and store approved minutes (``signing.signing_run``). Safe to run
    twice: only a queued job is claimed."""
    signing_run(job_id=job_id)
