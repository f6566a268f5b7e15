"""The officer marks an item confidential in the browser: why it is exempt is asked only once
"Confidential" is ticked, and an item saved without a reason is sent back with the question."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings import services
from meetings.models import AgendaItem
from partners.models import Membership
from tests.browser.conftest import login, serious_violations
from tests.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_gives_the_paragraph_of_schedule_12a(page, live_server):
    body = BodyFactory(name="Sunderland City Council Cabinet", short_name="Cabinet")
    officer = PersonFactory(name="Sonia Thomson", user=UserFactory())
    MembershipFactory(person=officer, body=body, role=Membership.Role.SECRETARIAT)
    meeting = services.meeting_create(body=body, date=dt.date(2027, 1, 15), with_register=False)
    item = services.item_add(meeting=meeting, title="Land sale")
    login(page, live_server, officer.user)

    page.goto(
        live_server.url + reverse("draft_item", kwargs={"pk": meeting.pk, "item_pk": item.pk})
    )
    paragraph = page.get_by_label("Exempt under Schedule 12A, paragraph")
    expect(paragraph).to_be_hidden()
    page.get_by_label("Confidential (left out of the public version)").check()
    expect(paragraph).to_be_visible()
    page.get_by_role("button", name="Save item").click()

    expect(page.get_by_text("Say why this item is exempt")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Exempt under Schedule 12A, paragraph").select_option("3")
    page.get_by_role("button", name="Save item").click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()

    item = AgendaItem.objects.get(pk=item.pk)
    assert (item.confidential, item.exempt_paragraph, item.exempt_reason) == (True, 3, "")
