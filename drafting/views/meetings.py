"""Meetings to draft, a new meeting, a series of meetings, and a meeting's details tab."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from meetings import services
from meetings.models import Meeting

from .. import selectors as drafting
from ..forms import MeetingForm, ScheduleForm
from ._shared import apply_errors, base_context, body_url, drafting_view, editable_body


@login_required
@require_GET
def drafts(request):
    bodies = list(drafting.editable_bodies(request.user))
    if not bodies:
        raise Http404
    return render(
        request,
        "drafting/drafts.html",
        {
            "meetings": list(drafting.drafts_for_user(request.user)),
            "awaiting_owner": list(drafting.actions_awaiting_owner(request.user)),
            "bodies": bodies,
            "nav_section": "drafts",
            "crumbs": [("Meetings to draft", "")],
        },
    )


@login_required
def meeting_create(request, slug):
    body = editable_body(request, slug)
    # The body's usual time and place, ready to keep or change.
    initial = {
        "start_time": body.default_start_time,
        "end_time": body.default_end_time,
        "venue": body.default_venue,
    }
    form = MeetingForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(body=body, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            standing = "standing items" if body.standing_items else "no standing items"
            messages.success(
                request,
                f"Meeting of {meeting.date:%-d %B %Y} set up with the register and {standing}.",
            )
            return redirect("draft_agenda", pk=meeting.pk)
    crumbs = [(body.short_name or body.name, body_url(body)), ("New meeting", "")]
    return render(
        request,
        "drafting/meeting_form.html",
        {
            "form": form,
            "body": body,
            "crumbs": crumbs,
            "nav_section": "drafts",
            "creating": True,
            "standing_items": [title for _, title in services.body_standing_items(body)],
        },
    )


@login_required
def meeting_schedule(request, slug):
    body = editable_body(request, slug)
    last = drafting.latest_meeting(body)
    # As the last meeting was held, or else at the body's usual time and place.
    initial = {
        "start_time": body.default_start_time,
        "end_time": body.default_end_time,
        "venue": body.default_venue,
    }
    if last is not None:
        initial = {
            "start_time": last.start_time,
            "end_time": last.end_time,
            "venue": last.venue,
            "kind": Meeting.Kind.ORDINARY,
        }
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.meetings_schedule(
                body=body,
                dates=data["all_dates"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                venue=data["venue"],
                kind=data["kind"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            listed = ", ".join(f"{m.date:%-d %B %Y}" for m in created)
            noun = "meeting" if len(created) == 1 else "meetings"
            messages.success(request, f"{len(created)} {noun} scheduled: {listed}.")
            return redirect("drafts")
    crumbs = [(body.short_name or body.name, body_url(body)), ("Schedule meetings", "")]
    return render(
        request,
        "drafting/schedule_form.html",
        {"form": form, "body": body, "crumbs": crumbs, "nav_section": "drafts", "last": last},
    )


@drafting_view
def meeting_edit(request, meeting):
    initial = {
        "date": meeting.date,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "venue": meeting.venue,
        "kind": meeting.kind,
        "title": meeting.title,
        "joint_body": meeting.joint_body,
    }
    form = MeetingForm(request.POST or None, body=meeting.body, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Meeting details saved.")
            return redirect("draft_details", pk=meeting.pk)
    return render(
        request,
        "drafting/details.html",
        base_context(meeting, "details", form=form, body=meeting.body),
    )
