import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from partners.models import Membership
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
from tests.html import by_class, links, texts

pytestmark = pytest.mark.django_db
CIRCULATED = Meeting.Status.CIRCULATED

TODAY = timezone.localdate()


def days(n):
    return TODAY + dt.timedelta(days=n)


def meeting_url(meeting):
    return reverse("meeting_detail", args=[meeting.pk])


def owned_action(meeting, person, **kwargs):
    action = ActionFactory(meeting=meeting, item=AgendaItemFactory(meeting=meeting), **kwargs)
    ActionOwnerFactory(action=action, person=person)
    return action


# Home -----------------------------------------------------------------------------------------


def test_home_member_sees_bodies_meetings_and_actions_most_urgent_first(client, body, member_user):
    person = member_user.person
    later = MeetingFactory(body=body, date=days(30))
    sooner = MeetingFactory(body=body, date=days(7))
    last = MeetingFactory(body=body, date=days(-10))
    earlier = MeetingFactory(body=body, date=days(-40), status="circulated")
    MeetingFactory(body=BodyFactory(), date=days(3))  # not mine
    owned_action(earlier, person, number=1, description="No date given", due_date=None)
    owned_action(earlier, person, number=2, description="Due later", due_date=days(40))
    owned_action(earlier, person, number=3, description="Overdue report", due_date=days(-2))
    owned_action(earlier, person, number=4, description="Done already", status="done")
    client.force_login(member_user)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert texts(response, "//main//h2") == [
        "My open actions 3",
        "Next meetings",
        "Recent meetings",
        "My bodies",
    ]
    assert links(response, "//section[@aria-labelledby='next-heading']//a") == [
        meeting_url(sooner),
        meeting_url(later),
    ]
    assert links(response, "//section[@aria-labelledby='recent-heading']//a") == [
        meeting_url(last),
        meeting_url(earlier),
    ]
    assert texts(response, by_class("action-link", "a")) == [
        "Overdue report",
        "Due later",
        "No date given",
    ]
    assert texts(response, by_class("status-overdue")) == ["Overdue"]
    assert texts(response, "//aside//li") == ["Sunderland Innovation and Improvement Group Member"]


def test_home_secretariat_sees_drafts_and_minutes_awaiting_approval(client, body, secretariat_user):
    draft = MeetingFactory(body=body, date=days(-3))
    MeetingFactory(body=body, date=days(10))  # a draft still to happen: not minutes yet
    circulated = MeetingFactory(body=body, date=days(-50), status=Meeting.Status.CIRCULATED)
    client.force_login(secretariat_user)

    response = client.get(reverse("home"))

    assert texts(response, "//main//h2") == [
        "Minutes in draft",
        "Circulated, awaiting approval",
        "My open actions",
        "Next meetings",
        "Recent meetings",
        "My bodies",
    ]
    assert links(response, "//section[@aria-labelledby='drafts-heading']//a") == [
        meeting_url(draft)
    ]
    assert links(response, "//section[@aria-labelledby='approval-heading']//a") == [
        meeting_url(circulated)
    ]


def test_home_chair_sees_minutes_awaiting_signature(client, body, chair_user):
    approved = MeetingFactory(body=body, date=days(-50), status=Meeting.Status.APPROVED)
    MeetingFactory(body=BodyFactory(), date=days(-50), status=Meeting.Status.APPROVED)
    client.force_login(chair_user)

    response = client.get(reverse("home"))

    assert links(response, "//section[@aria-labelledby='signature-heading']//a") == [
        meeting_url(approved)
    ]


def test_home_without_memberships_says_what_to_do(client):
    client.force_login(PersonFactory(user=UserFactory()).user)

    response = client.get(reverse("home"))

    assert texts(response, "//aside//p") == [
        "You are not a member of any body yet. Ask the secretariat of your board to add you"
        " to its membership."
    ]


def _home_queries(client, user):
    """The query count of the home page, and the open actions it says the user has."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return len(ctx.captured_queries), texts(response, "//h2[@id='actions-heading']")


def _fill_home(person, size):
    for n in range(size):
        body = BodyFactory()
        for role in (Membership.Role.SECRETARIAT, Membership.Role.CHAIR):
            MembershipFactory(person=person, body=body, role=role)
        for offset, status in (
            (-20, "draft"),
            (-60, "circulated"),
            (-90, "approved"),
            (9, "draft"),
        ):
            meeting = MeetingFactory(body=body, date=days(offset + n), status=status)
            if status == "circulated":  # an action is issued once its minutes are circulated
                owned_action(meeting, person, number=1, due_date=days(n - 3))


def test_home_query_count_does_not_grow_with_data(client):
    small_person = PersonFactory(user=UserFactory())
    big_person = PersonFactory(user=UserFactory())
    _fill_home(small_person, 1)
    _fill_home(big_person, 12)

    # Session, user, person, memberships, roles, 2 meeting lists, actions and their count,
    # drafts, awaiting approval and signature, memberships that have ended (none here: no list
    # of the meetings of their time), and the savepoint pair of ATOMIC_REQUESTS.
    small = _home_queries(client, small_person.user)
    big = _home_queries(client, big_person.user)

    assert (small, big) == ((15, ["My open actions 1"]), (15, ["My open actions 12"]))


def test_home_query_count_for_a_former_member_does_not_grow_with_their_time(client):
    """The meetings of their time: one query for the ended memberships, one for the list,
    however many meetings and bodies they left."""
    counts = []
    for size in (1, 12):
        person = PersonFactory(user=UserFactory())
        for _ in range(size):
            body = BodyFactory()
            MembershipFactory(person=person, body=body, start_date=days(-400), end_date=days(-10))
            MeetingFactory(body=body, date=days(-100), status="circulated")
        client.force_login(person.user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("home"))
        counts.append((len(ctx.captured_queries), len(response.context["data"].of_their_time)))

    assert counts == [(counts[0][0], 1), (counts[0][0], 5)]  # the latest five


# Bodies ---------------------------------------------------------------------------------------


def test_body_list_shows_only_my_bodies(client, body, member_user):
    BodyFactory(name="Somebody Else's Board")
    MeetingFactory(body=body, date=days(5))
    client.force_login(member_user)

    response = client.get(reverse("body_list"))

    assert texts(response, "//tbody/tr") == [
        f"Sunderland Innovation and Improvement Group (SIIG) — 1 {days(5):%a %-d %B %Y}"
    ]


def _get_queries(client, user, url, shown):
    """The query count of a page, and how many rows of ``shown`` (an XPath) it displays."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(texts(response, shown))


def test_body_list_query_count_does_not_grow_with_data(client):
    small, big = PersonFactory(user=UserFactory()), PersonFactory(user=UserFactory())
    for person, size in ((small, 1), (big, 15)):
        parent = BodyFactory()
        for _ in range(size):
            MembershipFactory(person=person, body=BodyFactory(parent=parent))

    small_count, small_rows = _get_queries(client, small.user, reverse("body_list"), "//tbody/tr")
    big_count, big_rows = _get_queries(client, big.user, reverse("body_list"), "//tbody/tr")

    assert (small_count, small_rows, big_rows) == (big_count, 1, 15)


def test_body_overview_groups_members_by_role_with_organisation(
    client, body, member_user, chair_user, secretariat_user
):
    council = OrganisationFactory(name="Sunderland City Council")
    chair = chair_user.person
    chair.organisation = council
    chair.job_title = "Chief Executive"
    chair.save()
    former = MembershipFactory(
        body=body,
        person=PersonFactory(name="Ashley Green", organisation=council),
        start_date=dt.date(2009, 4, 1),
        end_date=dt.date(2011, 3, 31),
    )
    child = BodyFactory(name="Safer Sunderland Partnership", parent=body)
    client.force_login(member_user)

    response = client.get(reverse("body_detail", args=[body.slug]))

    assert texts(response, by_class("role-heading")) == ["Chair", "Members", "Secretariat"]
    assert texts(response, f"({by_class('member-list', 'ul')})[1]/li") == [
        "Jessica May, Chief Executive · Sunderland City Council"
    ]
    assert texts(response, "//details//li") == [
        f"{former.person.name} · Member · Sunderland City Council 1 April 2009 to 31 March 2011"
    ]
    assert texts(response, "//section[@aria-labelledby='children-heading']//li") == [child.name]


def test_body_decisions_register_lists_newest_first_and_links_to_items(client, body, member_user):
    # Members read decisions once the minutes are circulated (drafts: the secretariat's).
    old = MeetingFactory(body=body, date=dt.date(2011, 11, 9), status=CIRCULATED)
    new = MeetingFactory(body=body, date=dt.date(2012, 1, 11), status=CIRCULATED)
    old_item = AgendaItemFactory(meeting=old, number="2.0", title="Strategy refresh")
    new_item = AgendaItemFactory(meeting=new, number="3", title="Budget", confidential=True)
    DecisionFactory(item=old_item, text="<p>The guiding principles were agreed.</p>")
    DecisionFactory(item=new_item, text="<p>The budget was approved.</p>", verb="approved")
    DecisionFactory(item=AgendaItemFactory(), text="<p>Another body's decision.</p>")
    client.force_login(member_user)

    response = client.get(reverse("body_detail", args=[body.slug]), {"tab": "decisions"})

    assert texts(response, by_class("decision-register-entry", "li")) == [
        "11 January 2012 · item 3 Budget Confidential Approved: The budget was approved.",
        "9 November 2011 · item 2.0 Strategy refresh Agreed: The guiding principles were agreed.",
    ]
    assert links(response, by_class("decision-register-entry", "li") + "//a") == [
        f"{meeting_url(new)}?tab=minutes#item-{new_item.pk}",
        f"{meeting_url(old)}?tab=minutes#item-{old_item.pk}",
    ]


def test_body_decisions_register_searches(client, body, member_user):
    item = AgendaItemFactory(meeting=MeetingFactory(body=body, status=CIRCULATED), title="Budget")
    DecisionFactory(item=item, text="<p>The budget was approved.</p>")
    DecisionFactory(item=item, text="<p>The risk register was noted.</p>")
    client.force_login(member_user)

    response = client.get(
        reverse("body_detail", args=[body.slug]), {"tab": "decisions", "q": "risk"}
    )

    assert texts(response, by_class("decision-text")) == ["The risk register was noted."]


def _fill_body(body, size):
    for n in range(size):
        MembershipFactory(body=body, role=Membership.Role.MEMBER)
        BodyFactory(parent=body)
        past = MeetingFactory(body=body, date=days(-30 - n), status=CIRCULATED)
        MeetingFactory(body=body, date=days(30 + n))
        DecisionFactory(item=AgendaItemFactory(meeting=past))


# What each tab shows of _fill_body(size): the members (and the user) and the child bodies; the
# upcoming and past meetings (25 past to a page); the decisions (25 to a page).
BODY_TAB_ROWS = {
    "overview": (
        by_class("member-list", "ul")
        + "[not(ancestor::details)]/li | //section[@aria-labelledby='children-heading']//li",
        lambda size: (size + 1) + size,
    ),
    "meetings": (by_class("meeting-row", "a"), lambda size: size + min(size, 25)),
    "decisions": (by_class("decision-register-entry", "li"), lambda size: min(size, 25)),
}


@pytest.mark.parametrize("tab", ["overview", "meetings", "decisions"])
def test_body_detail_query_count_does_not_grow_with_data(client, tab):
    shown, expected_rows = BODY_TAB_ROWS[tab]
    pages = []
    for size in (1, 30):
        body = BodyFactory()
        user = UserFactory()
        MembershipFactory(body=body, person=PersonFactory(user=user))
        _fill_body(body, size)
        url = reverse("body_detail", args=[body.slug]) + f"?tab={tab}"
        pages.append(_get_queries(client, user, url, shown))

    (small_count, small_rows), (big_count, big_rows) = pages
    assert (small_count, small_rows, big_rows) == (big_count, expected_rows(1), expected_rows(30))


@pytest.mark.parametrize(
    ("params", "active"),
    [
        ({}, "Overview"),
        ({"tab": "overview"}, "Overview"),
        ({"tab": "meetings"}, "Meetings"),
        ({"tab": "decisions"}, "Decisions register"),
        ({"tab": "no-such-tab"}, "Overview"),
    ],
)
def test_body_detail_marks_exactly_the_chosen_tab_active(client, body, member_user, params, active):
    client.force_login(member_user)

    response = client.get(reverse("body_detail", args=[body.slug]), params)

    tabs = by_class("nav-tabs", "ul")
    assert (
        response.status_code,
        texts(response, tabs + by_class("active", "a")),
        texts(response, tabs + "//a[@aria-current='page']"),
    ) == (200, [active], [active])
