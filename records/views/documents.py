"""Downloads: the minutes (members' and public PDF, Word) and the agenda pack. A signed
meeting's frozen files are served as they are; a large document renders in the background and
the person waits on its render job's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from meetings import rules as meeting_rules
from meetings.models import Meeting
from partners.rules import person_for

from .. import docx_export, pdf, rules
from ..models import RenderJob
from ..selectors import get_render_job_for_user, signed_document
from ..tasks import document_should_queue, render_job_start
from .common import meeting_for_user

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Kind = RenderJob.Kind
SUFFIX = {
    Kind.MINUTES: "minutes.pdf",
    Kind.MINUTES_PUBLIC: "minutes-public.pdf",
    Kind.AGENDA: "agenda.pdf",
    Kind.DOCX: "minutes.docx",
}
SIGNED_SUFFIX = {
    Kind.MINUTES: "minutes-signed.pdf",
    Kind.MINUTES_PUBLIC: "minutes-signed-public.pdf",
}


def _filename(meeting: Meeting, suffix: str) -> str:
    return (
        f"{slugify(meeting.body.short_name or meeting.body.name)}-{meeting.date:%Y-%m-%d}-{suffix}"
    )


def _content_type(kind: str) -> str:
    return DOCX if kind == Kind.DOCX else PDF


def _bytes_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stored_response(field_file, content_type: str, filename: str) -> FileResponse:
    return FileResponse(
        field_file.open("rb"), content_type=content_type, as_attachment=True, filename=filename
    )


def _kind_for(user, meeting: Meeting, kind: str) -> str:
    """Whoever may not read confidential items gets the public version of the minutes."""
    if kind == Kind.MINUTES and not meeting_rules.can_view_confidential(user, meeting):
        return Kind.MINUTES_PUBLIC
    return kind


def _render_now(meeting: Meeting, kind: str) -> bytes:
    if kind == Kind.MINUTES:
        return pdf.minutes_pdf(meeting)
    if kind == Kind.MINUTES_PUBLIC:
        return pdf.minutes_pdf(meeting, public=True)
    if kind == Kind.DOCX:
        return docx_export.minutes_docx(meeting)
    return pdf.agenda_pdf(meeting)


def _download(request, pk, kind: str):
    meeting = meeting_for_user(
        request, pk, lambda user, m: rules.can_download_document(user, m, kind)
    )
    kind = _kind_for(request.user, meeting, kind)
    frozen = signed_document(meeting=meeting, kind=kind)
    if frozen is not None:
        return _stored_response(frozen, PDF, _filename(meeting, SIGNED_SUFFIX[kind]))
    if document_should_queue(meeting, kind):
        job = render_job_start(meeting=meeting, kind=kind, person=person_for(request.user))
        return redirect("render_job", pk=job.pk)
    data = _render_now(meeting, kind)
    return _bytes_response(data, _content_type(kind), _filename(meeting, SUFFIX[kind]))


@login_required
@require_GET
def minutes_pdf(request, pk):
    return _download(request, pk, Kind.MINUTES)


@login_required
@require_GET
def minutes_pdf_public(request, pk):
    return _download(request, pk, Kind.MINUTES_PUBLIC)


@login_required
@require_GET
def minutes_docx(request, pk):
    return _download(request, pk, Kind.DOCX)


@login_required
@require_GET
def agenda_pdf(request, pk):
    return _download(request, pk, Kind.AGENDA)


@login_required
@require_GET
def render_job(request, pk):
    """Progress of a background render; htmx polls the status partial until it is ready."""
    job = get_render_job_for_user(user=request.user, pk=pk)
    template = "records/render_job.html"
    if request.htmx:
        template += "#job-status"
    return render(request, template, {"job": job, "meeting": job.meeting})


@login_required
@require_GET
def render_job_download(request, pk):
    job = get_render_job_for_user(user=request.user, pk=pk)
    if job.state != RenderJob.State.DONE or not job.file:
        raise Http404
    return _stored_response(
        job.file, _content_type(job.kind), _filename(job.meeting, SUFFIX[job.kind])
    )
