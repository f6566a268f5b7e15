"""The preview tab: the minutes as they will print, from the draft."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from records.documents import minutes_context

from ._shared import base_context, drafting_view


@drafting_view
@require_GET
def preview(request, meeting):
    """The preview tab: the printed minutes in a frame, so the document's own print styles
    apply untouched by the application's."""
    return render(request, "drafting/preview.html", base_context(meeting, "preview"))


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})  # framed by the preview page, and only there
@drafting_view
@require_GET
def preview_document(request, meeting):
    """The minutes as they will print, from the draft, in the same template as the PDF."""

    return render(request, "pdf/minutes.html", minutes_context(meeting))
