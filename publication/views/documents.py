"""Public downloads: a public paper, the public agenda (tagged PDF) and the public version of
signed minutes. No login; each asks the public rules, and answers 404 for anything else."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from meetings import rules as meeting_rules
from meetings.downloads import paper_response
from meetings.models import Paper
from partners.rules import get_or_404
from records.models import RenderJob
from records.pdf import minutes_pdf
from records.selectors import signed_document

from .. import pdf, selectors


def _filename(meeting, suffix: str) -> str:
    body = meeting.body
    return f"{slugify(body.short_name or body.name)}-{meeting.date:%Y-%m-%d}-{suffix}"


def _may_download(_user, paper) -> bool:
    return meeting_rules.public_may_download_paper(paper)


@require_GET
def paper_download(request, pk):
    paper = get_or_404(
        Paper.objects.select_related("item__meeting__body"), user=None, check=_may_download, pk=pk
    )
    return paper_response(paper)


@require_GET
def agenda_pdf(request, pk):
    meeting = selectors.public_meeting(pk)
    if not meeting_rules.public_may_see_agenda(meeting):
        raise Http404
    response = HttpResponse(pdf.agenda_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(meeting, "agenda.pdf")}"'
    return response


@require_GET
def minutes_pdf_public(request, pk):
    """The public copy frozen at signing; for minutes signed before copies were kept, the
    public version rendered now from the signed record (confidential business left out)."""
    meeting = selectors.public_meeting(pk)
    if not meeting_rules.public_may_read_minutes(meeting):
        raise Http404
    name = _filename(meeting, "minutes-public.pdf")
    frozen = signed_document(meeting=meeting, kind=RenderJob.Kind.MINUTES_PUBLIC)
    if frozen is not None:
        return FileResponse(
            frozen.open("rb"), content_type="application/pdf", as_attachment=False, filename=name
        )
    response = HttpResponse(minutes_pdf(meeting, public=True), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
