"""Home, body and meeting pages in a real browser: they render, pass axe-core, and get
screenshotted (var/screenshots/) so a person can look at them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance, Meeting, Paper
from partners.models import Membership
from tests.browser.conftest import login, screenshot, serious_violations
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def build_siig():
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    partnership = OrganisationFactory(name="Sunderland Partnership", acronym="SP")
    jcp = OrganisationFactory(name="Job Centre Plus", acronym="JCP")
    board = BodyFactory(name="Sunderland Partnership Board", short_name="SPB")
    body = BodyFactory(
        name="Sunderland Innovation and Improvement Group",
        short_name="SIIG",
        parent=board,
        numbering="decimal",
        description="Holds the partnership targets delegated by the Board and keeps a broad "
        "view of the themed partnership boards below it.",
    )
    BodyFactory(name="Health and Well Being Board", short_name="HWBB", parent=body)

    def person(name, org, role=None, login=False, **kw):
        p = PersonFactory(name=name, organisation=org, user=UserFactory() if login else None, **kw)
        if role:
            MembershipFactory(person=p, body=body, role=role, start_date=dt.date(2010, 4, 1))
        return p

    jessica = person("Jessica May", partnership, Membership.Role.CHAIR, login=True)
    sonia = person("Sonia Thomson", partnership, Membership.Role.SECRETARIAT, login=True)
    valerie = person("Valerie Hayllor", council, Membership.Role.MEMBER, login=True)
    sarah = person("Sarah Reed", jcp, Membership.Role.MEMBER)
    vince = person("Vince Taylor", council, Membership.Role.ADVISOR, job_title="Head of Strategy")
    ashley = person("Ashley Green", council, Membership.Role.MEMBER)
    carol = person("Carol Harries", OrganisationFactory(name="City Hospitals Sunderland"))

    past = MeetingFactory(
        body=body,
        date=TODAY - dt.timedelta(days=14),
        start_time=dt.time(13),
        end_time=dt.time(15, 30),
        venue="St Thomas St, Sunderland",
        kind=Meeting.Kind.WORKSHOP,
        status=Meeting.Status.CIRCULATED,  # members read the minutes once circulated
    )
    first = AgendaItemFactory(
        meeting=past,
        position=1,
        number="1.0",
        title="Sunderland Strategy Co-ordination Group",
        presenter=vince,
        purpose="discussion",
        minutes="<p>Jessica May (JM) noted that this session would review the whole day event "
        "held in October as part of the Sunderland Strategy Refresh. JM handed over to Vince "
        "Taylor (VT) who reminded the group that the intention of the refresh was to look below "
        'the existing vision.</p><ol type="a"><li>The Corporate Outcomes Framework would be '
        "used as a baseline.</li><li>The Economic Master Plan had set the objectives for its "
        "element of the strategy.</li></ol>",
    )
    second = AgendaItemFactory(
        meeting=past,
        position=2,
        number="2.0",
        title="Partnership structure",
        purpose="decision",
        minutes="<p>JM said that further discussions would be held at the next Board meeting.</p>",
    )
    AgendaItemFactory(
        meeting=past,
        position=3,
        number="2.1",
        title="Commissioning intentions",
        parent=second,
        confidential=True,
        minutes="<p>Members discussed the commissioning timetable.</p>",
    )
    Paper.objects.create(item=second, reference="Paper 2", title="Partnership structure")
    DecisionFactory(
        item=first, text="<p>The guiding principles were agreed subject to the above notes.</p>"
    )
    DecisionFactory(
        item=second,
        text="<p>The structure would go to the Board for approval.</p>",
        verb="resolved",
    )
    rows = [
        dict(
            person=jessica, category=Attendance.Category.PRESENT, role_label="Chair", chaired=True
        ),
        dict(person=valerie, category=Attendance.Category.PRESENT, substitute_for=ashley),
        dict(person=sarah, category=Attendance.Category.PRESENT),
        dict(person=carol, category=Attendance.Category.PRESENT, arrived_during=second),
        dict(person=vince, category=Attendance.Category.IN_ATTENDANCE, left_after=first),
        dict(person=sonia, category=Attendance.Category.IN_ATTENDANCE, took_minutes=True),
        dict(person=ashley, category=Attendance.Category.APOLOGIES),
    ]
    for position, row in enumerate(rows):
        AttendanceFactory(meeting=past, position=position, **row)
    secretariat = TeamFactory(body=body, name="Secretariat")
    for number, (text, owners, due) in enumerate(
        [
            ("Circulate the draft outcomes framework", [vince], TODAY - dt.timedelta(days=3)),
            (
                "Report back on the Board's structure decision",
                [jessica, valerie],
                TODAY + dt.timedelta(days=4),
            ),
            ("Arrange the December workshop", [secretariat], None),
        ],
        start=1,
    ):
        action = ActionFactory(
            meeting=past,
            item=first if number < 3 else second,
            number=number,
            description=text,
            due_date=due,
            due_note="" if due else "before the next meeting",
        )
        for owner in owners:
            if owner is secretariat:
                ActionOwnerFactory(action=action, person=None, team=owner)
            else:
                ActionOwnerFactory(action=action, person=owner)
    MeetingFactory(
        body=body, date=TODAY + dt.timedelta(days=20), start_time=dt.time(13), venue="Civic Centre"
    )
    older = MeetingFactory(
        body=body,
        date=TODAY - dt.timedelta(days=70),
        start_time=dt.time(10),
        venue="Civic Centre",
        status=Meeting.Status.CIRCULATED,
    )
    DecisionFactory(
        item=AgendaItemFactory(meeting=older, number="3.0", title="Budget"),
        text="<p>The 2012/13 budget was approved.</p>",
        verb="approved",
    )
    return {"body": body, "meeting": past, "jessica": jessica, "sonia": sonia, "valerie": valerie}


def check(page, name):
    screenshot(page, name)
    assert serious_violations(page) == []


def test_home_page_for_the_secretariat(page, live_server):
    data = build_siig()
    login(page, live_server, data["sonia"].user)

    response = page.goto(live_server.url + reverse("home"))

    assert response.status == 200
    assert page.get_by_role("heading", name="Minutes in draft").is_visible()
    check(page, "home-secretariat")


def test_home_page_for_a_member(page, live_server):
    data = build_siig()
    login(page, live_server, data["valerie"].user)

    response = page.goto(live_server.url + reverse("home"))

    assert response.status == 200
    assert page.locator(".action-link").all_inner_texts() == [
        "Report back on the Board's structure decision"
    ]
    check(page, "home-member")


@pytest.mark.parametrize(
    ("query", "active"),
    [
        ("", "Overview"),
        ("?tab=overview", "Overview"),
        ("?tab=meetings", "Meetings"),
        ("?tab=decisions", "Decisions register"),
    ],
)
def test_body_page(page, live_server, query, active):
    data = build_siig()
    login(page, live_server, data["valerie"].user)

    response = page.goto(live_server.url + reverse("body_detail", args=[data["body"].slug]) + query)

    assert response.status == 200
    assert page.locator(".nav-tabs .active").all_inner_texts() == [active]
    check(page, f"body-{query.removeprefix('?tab=') or 'default'}")


@pytest.mark.parametrize("tab", ["minutes", "attendance", "agenda", "actions", "papers"])
def test_meeting_page(page, live_server, tab):
    data = build_siig()
    login(page, live_server, data["jessica"].user)

    response = page.goto(
        live_server.url + reverse("meeting_detail", args=[data["meeting"].pk]) + f"?tab={tab}"
    )

    assert response.status == 200
    assert page.locator("h1").inner_text() == "Meeting and Workshop"
    check(page, f"meeting-{tab}")


def test_decision_register_links_to_the_item_in_the_minutes(page, live_server):
    data = build_siig()
    login(page, live_server, data["valerie"].user)
    response = page.goto(
        live_server.url + reverse("body_detail", args=[data["body"].slug]) + "?tab=decisions"
    )
    assert response.status == 200

    page.get_by_role("link", name="Sunderland Strategy Co-ordination Group").first.click()

    item = data["meeting"].items.get(number="1.0")
    assert page.url.endswith(f"?tab=minutes#item-{item.pk}")
    assert page.locator(f"#item-{item.pk}").is_visible()


def test_my_actions_lists_what_the_organisation_holds_elsewhere_without_confidential_wording(
    page, live_server
):
    data = build_siig()
    meeting = data["meeting"]
    council = data["valerie"].organisation
    colleague = PersonFactory(name="Colin Colleague", organisation=council, user=UserFactory())
    MembershipFactory(person=colleague, body=BodyFactory(name="Housing Board"))
    for number, confidential, description in (
        (7, False, "Publish the bus timetable"),
        (8, True, "Consult the unions on zqseverance"),
    ):
        item = AgendaItemFactory(
            meeting=meeting,
            position=10 + number,
            title=f"Item {number}",
            confidential=confidential,
            exempt_paragraph=3 if confidential else None,
        )
        action = ActionFactory(
            meeting=meeting,
            item=item,
            number=number,
            description=description,
            due_date=TODAY + dt.timedelta(days=number),
        )
        ActionOwnerFactory(action=action, person=None, organisation=council)
    login(page, live_server, colleague.user)

    response = page.goto(live_server.url + reverse("my_actions"))

    assert response.status == 200
    table = page.get_by_role("table")
    assert page.get_by_role("heading", name="For your organisation or group").is_visible()
    assert "Publish the bus timetable" in table.inner_text()
    assert "zqseverance" not in page.content()
    assert "Confidential" in table.inner_text()
    check(page, "my-actions-held-elsewhere")


def test_home_page_for_a_former_member_lists_the_meetings_of_their_time(page, live_server):
    data = build_siig()
    former = PersonFactory(name="Fran Former", user=UserFactory())
    MembershipFactory(
        person=former,
        body=data["body"],
        start_date=TODAY - dt.timedelta(days=400),
        end_date=TODAY - dt.timedelta(days=7),
    )
    login(page, live_server, former.user)

    response = page.goto(live_server.url + reverse("home"))

    assert response.status == 200
    card = page.locator("section[aria-labelledby=their-time-heading]")
    held = Meeting.objects.filter(body=data["body"], date__lte=TODAY - dt.timedelta(days=7))
    assert card.get_by_role("link").all_inner_texts() == [
        f"SIIG, {m.date.day} {m.date:%B %Y}" for m in held.order_by("-date")
    ]
    assert data["meeting"] in held
    check(page, "home-former-member")
