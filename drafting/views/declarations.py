"""Declarations of interest, under the minutes' declarations item: record one, remove one, or
record that there were none."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from meetings import services
from meetings.models import AgendaItem, Declaration

from .. import selectors as drafting
from ..forms import DeclarationForm
from ._shared import apply_errors, drafting_view, message_errors, minutes_anchor
from .minutes import minutes_context


def _declarations_url(meeting) -> str:
    return minutes_anchor(meeting, AgendaItem.Kind.DECLARATIONS)


@drafting_view
@require_POST
def declaration_add(request, meeting):
    record_items = drafting.meeting_items(meeting)
    attendances = drafting.register_rows(meeting)
    form = DeclarationForm(
        request.POST, attendances=attendances, items=record_items, auto_id="decl-%s"
    )
    if form.is_valid():
        person = next(a.person for a in attendances if a.person_id == form.cleaned_data["person"])
        item = next((i for i in record_items if i.pk == form.cleaned_data["item"]), None)
        try:
            services.declaration_add(
                meeting=meeting, person=person, interest=form.cleaned_data["interest"], item=item
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Declaration by {person.display_name} recorded.")
            return redirect(_declarations_url(meeting))
    return render(
        request,
        "drafting/minutes.html",
        minutes_context(meeting, bound=(None, "declaration_form", form)),
        status=400,
    )


@drafting_view
@require_POST
def declaration_delete(request, meeting, declaration_pk):
    declaration = Declaration.objects.filter(meeting=meeting, pk=declaration_pk).first()
    if declaration is None:
        raise Http404
    declaration.meeting = meeting
    services.declaration_delete(declaration=declaration)
    messages.success(request, "Declaration removed.")
    return redirect(_declarations_url(meeting))


@drafting_view
@require_POST
def no_interests(request, meeting):
    value = request.POST.get("value") == "1"
    try:
        services.meeting_no_interests_set(meeting=meeting, value=value)
    except ValidationError as exc:
        message_errors(request, exc)
    else:
        messages.success(
            request,
            "Recorded: there were no interests to declare."
            if value
            else "“None declared” cleared.",
        )
    return redirect(_declarations_url(meeting))
