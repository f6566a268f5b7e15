"""Search in a real browser: from the top-bar box to the results, filters, and a result's place;
axe-core on each state and screenshots (var/screenshots/) to look at."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings.models import Meeting
from partners.models import Membership
from tests.browser.conftest import login, screenshot, serious_violations
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    BodyFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def build_record():
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    partnership = OrganisationFactory(name="Sunderland Partnership", acronym="SP")
    body = BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")
    board = BodyFactory(name="Sunderland Partnership Board", short_name="SPB")

    def person(name, org, role, body=body, **kw):
        p = PersonFactory(name=name, organisation=org, **kw)
        MembershipFactory(person=p, body=body, role=role, start_date=dt.date(2010, 4, 1))
        return p

    member = person("Valerie Hayllor", council, Membership.Role.MEMBER, user=UserFactory())
    MembershipFactory(person=member, body=board)
    vince = person("Vince Taylor", council, Membership.Role.ADVISOR, job_title="Head of Strategy")
    person("Jessica May", partnership, Membership.Role.CHAIR, job_title="Strategy Manager")

    meeting = MeetingFactory(
        body=body,
        date=dt.date(2011, 11, 9),
        start_time=dt.time(13),
        venue="Corporate Training Centre, Elm Bank",
        kind=Meeting.Kind.WORKSHOP,
        status=Meeting.Status.CIRCULATED,  # members search minutes once circulated
    )
    refresh = AgendaItemFactory(
        meeting=meeting,
        position=1,
        number="1.0",
        title="Sunderland Strategy Co-ordination Group",
        minutes="<p>Jessica May (JM) noted that this session would review the whole day event "
        "held in October as part of the Sunderland Strategy Refresh. JM handed over to Vince "
        "Taylor (VT) who reminded the group that the intention of the refresh was to look below "
        "the existing vision.</p>",
    )
    DecisionFactory(
        item=refresh,
        text="<p>The guiding principles of the strategy refresh were agreed subject to the "
        "above notes.</p>",
    )
    action = ActionFactory(
        meeting=meeting,
        item=refresh,
        number=1,
        description="Feed back comments on the Sunderland Strategy refresh to Vince Taylor "
        "before the next meeting.",
        due_date=dt.date(2011, 12, 7),
    )
    ActionOwnerFactory(action=action, person=vince)
    ActionOwnerFactory(action=action, person=member)
    exempt = AgendaItemFactory(
        meeting=meeting,
        position=2,
        number="2.0",
        title="Procurement strategy for the Bridges site",
        confidential=True,
        minutes="<p>Members considered the draft procurement strategy. <script>alert(1)</script>"
        "The commercial terms are exempt.</p>",
    )
    DecisionFactory(item=exempt, verb="noted", text="<p>The procurement strategy was noted.</p>")
    board_meeting = MeetingFactory(
        body=board,
        date=dt.date(2011, 12, 14),
        venue="Civic Centre",
        status=Meeting.Status.CIRCULATED,
    )
    AgendaItemFactory(
        meeting=board_meeting,
        position=1,
        number="1",
        title="Sunderland Strategy 2012-2025",
        minutes="<p>The Board welcomed the draft strategy and asked SIIG to lead the "
        "consultation.</p>",
    )
    # Another body's record the member must not find.
    AgendaItemFactory(
        meeting=MeetingFactory(body=BodyFactory(name="Health and Well Being Board")),
        title="Health strategy",
    )
    return member.user, refresh, exempt


def test_search_from_the_top_bar_to_a_result(page, live_server):
    user, refresh, exempt = build_record()
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    login(page, live_server, user)

    box = page.get_by_role(
        "searchbox", name="Search decisions, minutes, actions, meetings and people"
    )
    box.fill("strategy")
    box.press("Enter")
    page.wait_for_url(lambda url: "/search/?q=strategy" in url)

    assert page.locator(".search-summary").inner_text() == "8 results for “strategy”."
    assert page.locator(".search-kinds .nav-link").all_inner_texts() == [
        "All 8",
        "Decisions 2",
        "Items 3",
        "Actions 1",
        "Meetings 0",
        "People 2",
    ]
    assert page.locator(".status-confidential").count() == 2
    assert alerts == []
    assert serious_violations(page) == []
    screenshot(page, "search-results")

    page.get_by_role("link", name="Items 3").click()
    page.wait_for_url(lambda url: "kind=items" in url)
    assert page.locator(".search-hit").count() == 3
    screenshot(page, "search-items")

    page.get_by_label("Body").select_option(label="Sunderland Partnership Board")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_url(lambda url: "body=" in url)
    assert page.locator(".search-hit h3").all_inner_texts() == ["1 Sunderland Strategy 2012-2025"]
    assert serious_violations(page) == []

    page.get_by_role("link", name="All 1").click()
    page.get_by_label("Body").select_option(value="")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.get_by_role("link", name="Item 1.0 Sunderland Strategy Co-ordination Group").click()
    page.wait_for_url(lambda url: f"/meetings/{refresh.meeting_id}/?tab=minutes" in url)
    assert page.url.endswith(f"#item-{refresh.pk}")


def test_search_empty_and_no_result_pages(page, live_server):
    user, _, _ = build_record()
    login(page, live_server, user)

    response = page.goto(live_server.url + reverse("search"))
    assert response.status == 200
    assert page.get_by_role("heading", name="What you can search").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "search-empty")

    response = page.goto(live_server.url + reverse("search") + "?q=zeppelin&kind=items")
    assert response.status == 200
    assert page.locator(".search-empty").inner_text() == (
        "Nothing found for “zeppelin”.\n\nTry removing the filters, or fewer or different words."
    )
    assert serious_violations(page) == []
    screenshot(page, "search-nothing")
