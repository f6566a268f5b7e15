import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from actions.models import Action, ActionUpdate
from actions.tokens import make_token
from partners.models import Membership
from tests.browser.conftest import login, screenshot, serious_violations
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def journey():
    today = timezone.localdate()
    body = BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")
    person = PersonFactory(name="Valerie Hayllor", user=UserFactory())
    MembershipFactory(person=person, body=body, role=Membership.Role.MEMBER)
    meeting = MeetingFactory(body=body, date=today - dt.timedelta(days=30), status="circulated")
    item = AgendaItemFactory(meeting=meeting, title="Innovation fund", number="4", position=4)

    def action(number, description, days):
        a = ActionFactory(
            meeting=meeting,
            item=item,
            number=number,
            description=description,
            due_date=today + dt.timedelta(days=days),
        )
        ActionOwnerFactory(action=a, person=person)
        return a

    later = action(1, "Draft the annual report for the partnership board", 40)
    soon = action(2, "Book the venue for the spring workshop", 3)
    late = action(3, "Circulate the innovation fund criteria to all partners", -4)
    return {"person": person, "late": late, "soon": soon, "later": later}


def test_member_sees_overdue_first_marks_done_with_note_and_finds_it_in_done_list(
    page, live_server, journey
):
    login(page, live_server, journey["person"].user)
    response = page.goto(live_server.url + reverse("my_actions"))

    assert response.status == 200
    headings = page.locator("h2.action-group-heading").all_inner_texts()
    assert [h.split()[0] for h in headings] == ["Overdue", "Due", "Later"]
    first = page.locator("article.action-card").first
    expect(first).to_contain_text("Circulate the innovation fund criteria")
    expect(first).to_contain_text("4 days overdue")
    assert serious_violations(page) == []
    screenshot(page, "actions-my-actions")

    late = journey["late"]
    card = page.locator(f"#action-{late.pk}")
    card.get_by_text("Update or see history").click()
    card.get_by_label("Status").select_option("done")
    card.get_by_label("Progress note").fill("Sent to all partners on Monday")
    card.get_by_role("button", name="Save update").click()
    expect(page.locator(f"#action-{late.pk}")).to_contain_text(
        f"Action {late.number} marked “done”. Your note was recorded."
    )
    screenshot(page, "actions-my-actions-updated")

    page.get_by_role("link", name="Done").click()
    done = page.locator(f"#action-{late.pk}")
    expect(done).to_contain_text("Done")
    done.get_by_text("Update or see history").click()
    expect(done).to_contain_text("Sent to all partners on Monday")
    assert Action.objects.get(pk=late.pk).status == "done"


def test_my_actions_on_a_phone(browser, live_server, journey):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    login(page, live_server, journey["person"].user)
    response = page.goto(live_server.url + reverse("my_actions"))
    assert response.status == 200
    card = page.locator(f"#action-{journey['soon'].pk}")
    card.get_by_text("Update or see history").click()

    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "actions-my-actions-phone")
    context.close()

    assert width <= 390


def test_signed_link_updates_one_action_without_login(page, live_server, journey):
    late, person = journey["late"], journey["person"]
    url = live_server.url + reverse(
        "action_link", args=[make_token(action=late, person_id=person.pk)]
    )

    response = page.goto(url)
    assert response.status == 200
    expect(page.get_by_role("heading", name=f"Update action {late.number}")).to_be_visible()
    assert serious_violations(page) == []
    screenshot(page, "actions-signed-link")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Progress note").fill("Waiting for the final figures")
    page.get_by_role("button", name="Save update").click()

    expect(page.get_by_role("status")).to_contain_text(f"Action {late.number} marked “in progress”")
    update = ActionUpdate.objects.get(action=late)
    assert (update.author, update.via, update.note) == (
        person,
        "link",
        "Waiting for the final figures",
    )
    # Used up: the link page says so with 410 Gone.
    response = page.goto(url)
    assert response.status == 410
    expect(page.get_by_role("heading", name="This link cannot be used")).to_be_visible()


def test_action_log_and_overdue_summary_pages(page, live_server, journey):
    body = journey["late"].meeting.body
    secretary = PersonFactory(name="Sonia Thomson", user=UserFactory())
    MembershipFactory(person=secretary, body=body, role=Membership.Role.SECRETARIAT)
    login(page, live_server, secretary.user)

    response = page.goto(live_server.url + reverse("body_actions", args=[body.slug]))
    assert response.status == 200
    expect(page.locator("table.action-log tbody tr")).to_have_count(3)
    assert serious_violations(page) == []
    screenshot(page, "actions-body-log")

    response = page.goto(live_server.url + reverse("body_overdue", args=[body.slug]))
    assert response.status == 200
    assert serious_violations(page) == []
    screenshot(page, "actions-overdue-summary")

    response = page.goto(live_server.url + reverse("action_detail", args=[journey["late"].pk]))
    assert response.status == 200
    assert serious_violations(page) == []
    screenshot(page, "actions-detail")

    response = page.goto(live_server.url + reverse("profile"))
    assert response.status == 200
    assert serious_violations(page) == []
    screenshot(page, "actions-profile")
