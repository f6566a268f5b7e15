"""The import review page in a real browser: upload, see an element's source lines, review by
keyboard, import; axe-core finds nothing serious."""

import pytest
from django.urls import reverse

from bench.import_quality import seed_cases
from meetings.models import Meeting
from partners.models import Membership
from tests.browser.conftest import login, screenshot, serious_violations
from tests.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = {name: source for name, source, _ in seed_cases()}


def test_secretariat_reviews_and_imports_minutes(page, live_server):
    body = BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")
    officer = UserFactory()
    MembershipFactory(
        person=PersonFactory(name="Sonia Thomson", user=officer),
        body=body,
        role=Membership.Role.SECRETARIAT,
    )
    login(page, live_server, officer)
    page.goto(live_server.url + reverse("imports_home"))
    page.get_by_label("Minutes file").set_input_files(str(SEED["sunderland-siig-2011-11-09"]))
    page.get_by_role("button", name="Read the minutes").click()
    page.wait_for_url("**/imports/*/")
    assert serious_violations(page) == []

    # Clicking an element's source link highlights its lines in the source.
    first = page.locator("#att-0")
    first.get_by_role("link", name="lines 6–9").click()
    assert page.locator("#import-source li.is-source").count() == 4
    assert page.locator("#L5").get_attribute("class") == "is-source"

    # Keyboard: j moves on, r rejects, a accepts again.
    first.focus()
    page.keyboard.press("j")
    second = page.locator("#att-1")
    assert second.evaluate("el => el === document.activeElement") is True
    page.keyboard.press("r")
    assert second.locator(".import-accept").is_checked() is False
    assert "is-rejected" in second.get_attribute("class")
    page.keyboard.press("a")
    assert second.locator(".import-accept").is_checked() is True
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.id") == "id_att-1-name"
    screenshot(page, "import-review")

    page.get_by_label("Create them").check()
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.attendances.count(), meeting.items.count()) == (
        Meeting.Status.APPROVED,
        23,
        9,
    )
