"""Papers of an agenda item: add one (checked by content as well as by name), remove one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from meetings import services
from meetings.models import Paper

from ..forms import PaperForm
from ._shared import apply_errors, drafting_view, item_or_404
from .agenda import item_edit_form, item_page


@drafting_view
@require_POST
def paper_add(request, meeting, item_pk):
    item = item_or_404(meeting, item_pk)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            paper = services.paper_add(
                item=item, reference=data["reference"], title=data["title"], upload=data["file"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Paper “{paper}” added to item {item.number}.")
            return redirect("draft_item", pk=meeting.pk, item_pk=item.pk)
    return item_page(request, meeting, item, item_edit_form(meeting, item), form, status=400)


@drafting_view
@require_POST
def paper_delete(request, meeting, paper_pk):
    paper = Paper.objects.filter(pk=paper_pk, item__meeting=meeting).select_related("item").first()
    if paper is None:
        raise Http404
    paper.item.meeting = meeting
    services.paper_delete(paper=paper)
    messages.success(request, f"Paper “{paper}” removed.")
    return redirect("draft_item", pk=meeting.pk, item_pk=paper.item_id)
