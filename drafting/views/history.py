"""An item's minutes through time: the versions saved, and an earlier one restored."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from meetings import services
from meetings.errors import EditConflict, RecordLocked

from .. import selectors as drafting
from ._shared import base_context, drafting_view, item_or_404, minutes_url


@drafting_view
def item_history(request, meeting, item_pk):
    item = item_or_404(meeting, item_pk)
    return render(
        request,
        "drafting/history.html",
        base_context(meeting, "minutes", item=item, versions=drafting.item_versions(item)),
    )


@drafting_view
@require_POST
def item_restore(request, meeting, item_pk, history_id):
    item = item_or_404(meeting, item_pk)
    try:
        services.item_minutes_restore(item=item, history_id=history_id)
    except ValidationError as exc:
        if isinstance(exc, RecordLocked):
            raise
        raise Http404 from exc
    except EditConflict:
        messages.error(
            request, "Someone saved this item just now; look at the latest version first."
        )
        return redirect("draft_item_history", pk=meeting.pk, item_pk=item.pk)
    messages.success(
        request, f"Earlier version of item {item.number} restored (saved as a new version)."
    )
    return redirect(minutes_url(meeting, item))
