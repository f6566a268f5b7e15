"""What the directory pages share: who may open them, the crumbs and tabs, and a service's
complaint put where the person sees it.

Every page answers 404 to anyone it is not for (not "forbidden"), so ids cannot be probed."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse

from partners import rules, selectors

PAGE_SIZE = 25
SECTIONS = [
    ("people", "People", "directory_people"),
    ("organisations", "Organisations", "directory_organisations"),
    ("bodies", "Bodies", "directory_bodies"),
]
BODY_TABS = [
    ("members", "Members", "directory_body_members"),
    ("teams", "Groups", "directory_teams"),
    ("settings", "Settings", "directory_body_edit"),
]


def directory_view(view):
    """Logged in, and the secretariat of some body or an administrator (404 otherwise)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not rules.can_use_directory(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def body_view(view):
    """The body by slug, for someone who manages it: its secretariat or an administrator."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        body = selectors.managed_body_for_user(request.user, slug)
        return view(request, body, *args, **kwargs)

    return wrapper


def require(allowed: bool) -> None:
    if not allowed:
        raise Http404


def page_of(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def search_term(request) -> str:
    return request.GET.get("q", "").strip()[:200]


def section_context(section: str, *crumbs, **extra) -> dict:
    """A directory list or form: crumbs start at the section's list."""
    label, url_name = {key: (label, url) for key, label, url in SECTIONS}[section]
    trail = [(label, reverse(url_name)), *crumbs]
    trail[-1] = (trail[-1][0], "")
    return {
        "nav_section": "directory",
        "section": section,
        "sections": SECTIONS,
        "crumbs": trail,
        **extra,
    }


def body_context(body, tab: str, *crumbs, **extra) -> dict:
    """A page of one body's set-up: Bodies > SIIG > Members (tabs Members | Groups | Settings);
    ``crumbs`` go on after the tab for pages below it."""
    label, url_name = {key: (label, url) for key, label, url in BODY_TABS}[tab]
    trail = [
        ("Bodies", reverse("directory_bodies")),
        (body.short_name or body.name, reverse("directory_body_members", args=[body.slug])),
        (label, reverse(url_name, args=[body.slug])),
        *crumbs,
    ]
    trail[-1] = (trail[-1][0], "")
    return {
        "nav_section": "directory",
        "body": body,
        "tab": tab,
        "body_tabs": BODY_TABS,
        "crumbs": trail,
        **extra,
    }


def message_errors(request, exc: ValidationError) -> None:
    """A service's complaint as a page message, for buttons without a form of their own."""
    messages.error(request, " ".join(exc.messages))
