"""What every drafting page shares: the meeting looked up for its secretariat, the tabs and
crumbs, and a service's complaint put where the officer sees it.

Every page answers 404 to anyone who is not the body's secretariat (members read the record on
the meeting page instead). Once a meeting has left draft, the services raise RecordLocked and
the officer is sent to the meeting page with its message.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from common.forms import errors_to_form
from meetings import rules as meeting_rules
from meetings import services
from meetings.errors import RecordLocked
from meetings.models import AgendaItem, Meeting
from meetings.selectors import meetings_base
from partners import rules as partner_rules
from partners.models import Body

TABS = [
    ("details", "Details", "draft_details"),
    ("agenda", "Agenda", "draft_agenda"),
    ("register", "Register", "draft_register"),
    ("minutes", "Minutes", "draft_minutes"),
    ("preview", "Preview", "draft_preview"),
]


def meeting_page_url(meeting: Meeting) -> str:
    """The read-only meeting page, where a meeting that has left draft is looked at."""
    try:
        return reverse("meeting_detail", kwargs={"pk": meeting.pk})
    except NoReverseMatch:  # the record pages may not be installed in a trimmed deployment
        return reverse("drafts")


def body_url(body: Body) -> str:
    try:
        return reverse("body_detail", kwargs={"slug": body.slug})
    except NoReverseMatch:
        return reverse("drafts")


def drafting_view(view):
    """Look the meeting up for its secretariat (404 for anyone else) and turn a locked record
    into a message on the meeting page, never an error page."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        meeting = partner_rules.get_or_404(
            meetings_base(), user=request.user, check=meeting_rules.can_manage_meeting, pk=pk
        )
        try:
            if not meeting.is_editable:
                services.meeting_assert_editable(meeting)
            return view(request, meeting, *args, **kwargs)
        except RecordLocked as exc:
            message = " ".join(exc.messages)
            if wants_json(request):
                return JsonResponse({"locked": True, "message": message}, status=423)
            messages.error(request, message)
            return redirect(meeting_page_url(meeting))

    return wrapper


def editable_body(request, slug) -> Body:
    """The body, for a user who may set up its meetings (404 for anyone else)."""
    return partner_rules.get_or_404(
        Body.objects.all(), user=request.user, check=partner_rules.can_edit_body, slug=slug
    )


def item_or_404(meeting: Meeting, item_pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_pk).select_related("meeting").first()
    if item is None:
        raise Http404
    item.meeting = meeting
    return item


def int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def base_context(meeting: Meeting, tab: str, **extra) -> dict:
    crumbs = [
        (meeting.body.short_name or meeting.body.name, body_url(meeting.body)),
        (f"{meeting.heading}, {meeting.date:%-d %B %Y}", meeting_page_url(meeting)),
        (dict((t[0], t[1]) for t in TABS)[tab], ""),
    ]
    return {
        "meeting": meeting,
        "tab": tab,
        "tabs": TABS,
        "crumbs": crumbs,
        "nav_section": "drafts",
        **extra,
    }


def minutes_url(meeting: Meeting, item: AgendaItem | None = None) -> str:
    """The minutes editor, at the item when there is one."""
    url = reverse("draft_minutes", kwargs={"pk": meeting.pk})
    return url + (f"#item-{item.pk}" if item else "")


def minutes_anchor(meeting: Meeting, kind: str) -> str:
    """The minutes editor at the meeting's standing item of this kind (declarations, ...)."""
    return minutes_url(meeting, AgendaItem.objects.filter(meeting=meeting, kind=kind).first())


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def now_text() -> str:
    return timezone.localtime().strftime("%H:%M")


def apply_errors(form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a service's complaint beside the field it concerns (or on top of the form);
    ``rename`` maps the service's names for fields to the form's.

    RecordLocked is not a form error: it goes on up to ``drafting_view``, which sends the
    officer to the meeting page with the reason."""
    if isinstance(exc, RecordLocked):
        raise exc
    errors_to_form(form, exc, rename)


def message_errors(request, exc: ValidationError) -> None:
    """A service's complaint as a page message, for actions without a form of their own."""
    if isinstance(exc, RecordLocked):
        raise exc
    messages.error(request, " ".join(exc.messages))
