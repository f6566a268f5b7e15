"""The strict Content-Security-Policy holds on every kind of page: no inline script or style
is refused (Chromium reports each refusal on the console), and the policy is really sent."""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from partners.models import Membership
from tests.browser.conftest import login
from tests.conftest import make_login
from tests.factories import AgendaItemFactory, BodyFactory, DecisionFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages(body, meeting):
    draft = reverse("draft_agenda", args=[meeting.pk])
    return [
        reverse("home"),
        reverse("body_detail", args=[body.slug]),
        reverse("body_detail", args=[body.slug]) + "?tab=decisions",
        reverse("meeting_detail", args=[meeting.pk]) + "?tab=minutes",
        reverse("meeting_detail", args=[meeting.pk]) + "?tab=attendance",
        draft,
        reverse("draft_register", args=[meeting.pk]),
        reverse("draft_minutes", args=[meeting.pk]),
        reverse("draft_preview", args=[meeting.pk]),
        reverse("my_actions"),
        reverse("search") + "?q=budget",
    ]


def test_pages_load_under_the_csp_without_a_single_refusal(page, live_server):
    body = BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")
    meeting = MeetingFactory(body=body, status=Meeting.Status.DRAFT)
    item = AgendaItemFactory(meeting=meeting, title="Budget", minutes="<p>The budget.</p>")
    DecisionFactory(item=item, text="<p>The budget was agreed.</p>")
    user = make_login(body, Membership.Role.SECRETARIAT)
    refusals = []
    page.on(
        "console",
        lambda m: refusals.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page, live_server, user)

    headers = []
    for path in _pages(body, meeting):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        headers.append(response.headers.get("content-security-policy", ""))
        page.wait_for_load_state("networkidle")

    assert refusals == []
    assert all("script-src 'self'" in h and "unsafe-inline" not in h for h in headers)
