"""Approval of the previous meeting's minutes, recorded under this meeting's item for it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from meetings.models import AgendaItem
from records import services as lifecycle

from .. import selectors as drafting
from ..forms import ApprovalForm
from ._shared import apply_errors, drafting_view, minutes_anchor
from .minutes import minutes_context


@drafting_view
@require_POST
def approval_record(request, meeting):
    previous = drafting.previous_meeting_before(meeting)
    if previous is None:
        raise Http404
    form = ApprovalForm(request.POST, auto_id="appr-%s")
    if form.is_valid():
        item = AgendaItem.objects.filter(
            meeting=meeting, kind=AgendaItem.Kind.PREVIOUS_MINUTES
        ).first()
        try:
            approval = lifecycle.minutes_approval_record(
                meeting=meeting,
                previous_meeting=previous,
                outcome=form.cleaned_data["outcome"],
                corrections=form.cleaned_data["corrections"],
                item=item,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                f"Minutes of {previous.date:%-d %B %Y}: {approval.get_outcome_display().lower()}.",
            )
            return redirect(minutes_anchor(meeting, AgendaItem.Kind.PREVIOUS_MINUTES))
    return render(
        request,
        "drafting/minutes.html",
        minutes_context(meeting, bound=(None, "approval_form", form)),
        status=400,
    )
