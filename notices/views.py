"""The secretariat's pages for notices: sending a meeting's agenda (after a preview of who gets
what), and a body's outbox (who was sent what and when, and every failure with its reason)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from common.forms import errors_to_form
from meetings import rules as meeting_rules
from meetings.selectors import meetings_base
from partners.models import Body
from partners.rules import get_or_404
from partners.templatetags.minutebook import ukdate

from . import rules, selectors, services
from .forms import AgendaDispatchForm
from .models import AgendaDispatch, Kind

OUTBOX_PAGE = 50


def _meeting(request, pk):
    return get_or_404(
        meetings_base(), user=request.user, check=meeting_rules.can_manage_meeting, pk=pk
    )


def _crumbs(meeting, label):
    body = meeting.body
    return [
        (body.short_name or body.name, reverse("body_detail", args=[body.slug])),
        (ukdate(meeting.date), reverse("meeting_detail", args=[meeting.pk])),
        (label, ""),
    ]


def _dispatched(dispatch: AgendaDispatch) -> str:
    if dispatch.notice_days is None:
        return "The agenda is on its way. The outbox shows each message as it goes."
    at = timezone.localtime(dispatch.send_at)
    return (
        f"The agenda will be sent on {ukdate(at, 'day')} at {at:%H:%M}, "
        f"{dispatch.notice_days} clear days before the meeting."
    )


@login_required
def agenda_dispatch(request, pk):
    """GET: who would get the agenda and what; POST: send it now or schedule it."""
    meeting = _meeting(request, pk)
    initial = {
        "number": selectors.next_dispatch_number(meeting),
        "notice_days": meeting.body.agenda_notice_days,
    }
    form = AgendaDispatchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dispatch = services.agenda_dispatch(
                meeting=meeting,
                user=request.user,
                number=form.cleaned_data["number"],
                notice_days=form.scheduled_days,
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _dispatched(dispatch))
            return redirect("notices_agenda_dispatch", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "can_dispatch": rules.can_dispatch_agenda(request.user, meeting),
        "preview": selectors.agenda_preview(meeting),
        "dispatches": selectors.agenda_dispatches(meeting),
        "crumbs": _crumbs(meeting, "Send the agenda"),
        "nav_section": "bodies",
    }
    return render(
        request, "notices/agenda_dispatch.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def agenda_dispatch_cancel(request, pk, dispatch_pk):
    meeting = _meeting(request, pk)
    dispatch = AgendaDispatch.objects.filter(meeting=meeting, pk=dispatch_pk).first()
    if dispatch is None:
        raise Http404
    try:
        services.agenda_dispatch_cancel(dispatch=dispatch, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The scheduled agenda was cancelled: nobody was sent it.")
    return redirect("notices_agenda_dispatch", pk=meeting.pk)


def _body(request, slug) -> Body:
    return get_or_404(Body.objects.all(), user=request.user, check=rules.can_view_outbox, slug=slug)


@login_required
@require_GET
def outbox(request, slug):
    """The body's notices, newest first; filters in the query string (state, kind)."""
    body = _body(request, slug)
    state, kind = request.GET.get("state", ""), request.GET.get("kind", "")
    page = Paginator(selectors.outbox(body, state=state, kind=kind), OUTBOX_PAGE)
    context = {
        "body": body,
        "page": page.get_page(request.GET.get("page")),
        "counts": selectors.outbox_counts(body),
        "state": state if state in selectors.STATES else "",
        "kind": kind if kind in Kind.values else "",
        "kinds": [(k, label) for k, label in Kind.choices if k != Kind.DIGEST],
        "crumbs": [
            (body.short_name or body.name, reverse("body_detail", args=[body.slug])),
            ("Outbox", ""),
        ],
        "nav_section": "bodies",
    }
    return render(request, "notices/outbox.html", context)


@login_required
@require_POST
def outbox_retry(request, slug):
    body = _body(request, slug)
    count = services.failed_notices_retry(body=body, user=request.user)
    if count:
        messages.success(request, f"Trying again: {count} notice{'s' if count != 1 else ''}.")
    else:
        messages.info(request, "Nothing has failed: there is nothing to try again.")
    return redirect(reverse("notices_outbox", args=[body.slug]))
