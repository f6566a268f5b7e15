"""The public portal: no login, bodies that publish only, their public record only. Thin: the
selectors read what the public rules allow (``meetings.rules.public_*``); templates show it."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from meetings import rules as meeting_rules
from partners import rules as partner_rules

from .. import search as public_search
from .. import selectors

PAGE_SIZE = 25
MEETING_TABS = ("agenda", "minutes")


def _crumbs(*pairs):
    return [("Public record", reverse("public_home")), *pairs]


def _feed_urls(body) -> dict:
    feed = settings.SITE_URL + reverse("public_body_calendar", args=[body.slug])
    return {"feed_url": feed, "webcal_url": "webcal://" + feed.split("://", 1)[-1]}


@require_GET
def home(request):
    today = timezone.localdate()
    context = {
        "bodies": list(selectors.public_bodies_with_next_meeting(today)),
        "today": today,
        "public_section": "home",
        "api_url": reverse("oparl_system"),
    }
    return render(request, "public/home.html", context)


@require_GET
def body(request, slug):
    body = selectors.public_body(slug)
    today = timezone.localdate()
    past_page = Paginator(selectors.body_past_meetings(body, today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "body": body,
        "upcoming": selectors.meeting_lines(selectors.body_upcoming_meetings(body, today)),
        "past_page": past_page,
        "past": selectors.meeting_lines(past_page.object_list),
        "today": today,
        "members": selectors.body_current_members(body),
        "parent_public": body.parent is not None and partner_rules.body_publishes(body.parent),
        "crumbs": _crumbs((body.short_name or body.name, "")),
        "public_section": "bodies",
        **_feed_urls(body),
    }
    return render(request, "public/body.html", context)


@require_GET
def decisions(request, slug):
    body = selectors.public_body(slug)
    search = request.GET.get("q", "").strip()[:200]
    page = Paginator(selectors.public_decisions(body, search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "body": body,
        "search": search,
        "page": page,
        "crumbs": _crumbs(
            (body.short_name or body.name, reverse("public_body", args=[body.slug])),
            ("Decisions register", ""),
        ),
        "public_section": "bodies",
    }
    return render(request, "public/decisions.html", context)


@require_GET
def attendance(request, slug):
    body = selectors.public_body(slug)
    lines, meeting_count = selectors.body_attendance(body)
    context = {
        "body": body,
        "lines": lines,
        "meeting_count": meeting_count,
        "crumbs": _crumbs(
            (body.short_name or body.name, reverse("public_body", args=[body.slug])),
            ("Attendance", ""),
        ),
        "public_section": "bodies",
    }
    return render(request, "public/attendance.html", context)


@require_GET
def meeting(request, pk):
    meeting = selectors.public_meeting(pk)
    tab = request.GET.get("tab")
    if tab not in MEETING_TABS:
        # Before a meeting people want its agenda; afterwards its minutes, once signed.
        tab = "minutes" if meeting_rules.public_may_read_minutes(meeting) else "agenda"
    page = selectors.public_meeting_page(meeting, with_minutes=tab == "minutes")
    body = meeting.body
    context = {
        "page": page,
        # The signed record as a document, from its frozen snapshot (names as signed).
        "minutes_document": render_to_string(
            "pdf/includes/minutes_document.html", page.minutes, request=request
        )
        if page.minutes
        else "",
        "meeting": meeting,
        "body": body,
        "tab": tab,
        "today": timezone.localdate(),
        "crumbs": _crumbs(
            (body.short_name or body.name, reverse("public_body", args=[body.slug])),
            (meeting.date.strftime("%-d %B %Y"), ""),
        ),
        "public_section": "bodies",
    }
    return render(request, "public/meeting.html", context)


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    bodies = list(selectors.public_bodies())
    chosen = request.GET.get("body", "")
    scope = [b for b in bodies if b.slug == chosen] or bodies
    results = public_search.search(query, scope) if query else None
    context = {
        "query": query,
        "results": results,
        "bodies": bodies,
        "chosen": chosen if len(scope) == 1 and scope[0].slug == chosen else "",
        "crumbs": _crumbs(("Search", "")),
        "public_section": "search",
    }
    return render(request, "public/search.html", context)
