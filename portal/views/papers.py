"""Paper downloads. Files are never served from /media/: every download asks the rules, so a
confidential paper reaches nobody outside the body, whoever holds the link."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from meetings import rules as meeting_rules
from meetings.models import Paper
from partners import rules as partner_rules


@require_GET
@login_required
def paper_download(request, pk):
    paper = partner_rules.get_or_404(
        Paper.objects.select_related("item__meeting__body").exclude(file=""),
        user=request.user,
        check=meeting_rules.can_download_paper,
        pk=pk,
    )
    try:
        handle = paper.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = paper.original_name or Path(paper.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    # FileResponse writes a safe Content-Disposition (RFC 6266 filename*) from the name.
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
