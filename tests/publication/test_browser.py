"""The public portal in a real browser, at the 1366 px the product promises and on a 375 px phone:
every page passes axe-core (no serious or critical finding) and nothing is wider than the screen.
Screenshots go to var/screenshots/ to look at by eye."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def public_urls(record, body) -> list[tuple[str, str]]:
    return [
        ("home", reverse("public_home")),
        ("body", reverse("public_body", args=[body.slug])),
        ("decisions", reverse("public_decisions", args=[body.slug])),
        ("attendance", reverse("public_attendance", args=[body.slug])),
        ("meeting-agenda", reverse("public_meeting", args=[record.upcoming.pk])),
        ("meeting-minutes", reverse("public_meeting", args=[record.signed.pk])),
        ("meeting-not-yet", reverse("public_meeting", args=[record.later.pk])),
        ("search", reverse("public_search") + "?q=framework"),
    ]


@pytest.mark.parametrize("width", [1366, 375])
def test_public_pages_pass_axe_and_fit_the_screen(page, live_server, record, public_body, width):
    page.set_viewport_size({"width": width, "height": 900})
    results = []
    for name, url in public_urls(record, public_body):
        response = page.goto(live_server.url + url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        results.append((name, response.status, serious_violations(page), scroll_width <= width))
        screenshot(page, f"public-{name}-{width}")

    assert results == [(name, 200, [], True) for name, _ in public_urls(record, public_body)]


def test_a_reader_finds_a_decision_from_the_home_page(page, live_server, record, public_body):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + reverse("public_home"))

    page.get_by_role("link", name="Sunderland Innovation and Improvement Group").click()
    page.get_by_role("link", name="Decisions register").click()
    page.get_by_role("link", name="item 1 Strategy refresh").click()

    assert page.get_by_role("heading", name="Minutes (public version)").is_visible()
    decision = " ".join(page.locator(".decision").first.inner_text().split())
    assert decision == "AGREED: The outcomes framework was agreed."
