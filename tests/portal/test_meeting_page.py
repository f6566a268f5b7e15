import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Attendance, Declaration, Meeting, MinutesApproval, Paper
from partners.templatetags.minutebook import due_hint
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
from tests.html import by_class, texts

pytestmark = pytest.mark.django_db

Cat = Attendance.Category


def circulate(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CIRCULATED)


@pytest.fixture
def siig(body):
    """A meeting shaped like SIIG, 9 November 2011 (seeds/sunderland-siig-2011-11-09.txt)."""
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    partnership = OrganisationFactory(name="Sunderland Partnership", acronym="")
    meeting = MeetingFactory(
        body=body,
        date=dt.date(2011, 11, 9),
        start_time=dt.time(13),
        venue="St Thomas St, Sunderland",
        kind=Meeting.Kind.WORKSHOP,
    )
    first = AgendaItemFactory(
        meeting=meeting, position=1, number="1.0", title="Sunderland Strategy Co-ordination Group"
    )
    second = AgendaItemFactory(meeting=meeting, position=2, number="2.0", title="Outcomes")
    AgendaItemFactory(
        meeting=meeting, position=3, number="2.1", title="Health", parent=second, confidential=True
    )

    def person(name, org=council, **kw):
        return PersonFactory(name=name, organisation=org, **kw)

    jessica = person("Jessica May", partnership)
    ashley = person("Ashley Green")
    vince = person("Vince Taylor", initials="VT")
    rows = [
        dict(person=jessica, category=Cat.PRESENT, role_label="Chair", chaired=True),
        dict(person=person("Valerie Hayllor"), category=Cat.PRESENT, substitute_for=ashley),
        dict(person=person("Carol Harries"), category=Cat.PRESENT, arrived_during=second),
        dict(person=vince, category=Cat.IN_ATTENDANCE, left_after=first),
        dict(
            person=person("Sonia Thomson", partnership),
            category=Cat.IN_ATTENDANCE,
            took_minutes=True,
        ),
        dict(person=person("Andrew Copland", partnership), category=Cat.ALSO_PRESENT),
        dict(
            person=person("John Walker", OrganisationFactory(name="Gentoo")),
            category=Cat.APOLOGIES,
            note="Sent comments in writing",
        ),
    ]
    for position, row in enumerate(rows):
        AttendanceFactory(meeting=meeting, position=position, **row)
    first.minutes = "<p>JM noted that this session would review the event.</p>"
    first.save()
    DecisionFactory(item=first, text="<p>The guiding principles were agreed.</p>")
    action = ActionFactory(
        meeting=meeting,
        item=first,
        number=1,
        description="Circulate the outcomes framework",
        due_date=dt.date(2011, 12, 7),
    )
    ActionOwnerFactory(action=action, person=vince)
    ActionOwnerFactory(action=action, person=None, team=TeamFactory(body=body, name="Secretariat"))
    Paper.objects.create(item=second, reference="Paper 2", title="Outcomes framework")
    return meeting


def get(client, user, meeting, tab):
    client.force_login(user)
    return client.get(reverse("meeting_detail", args=[meeting.pk]), {"tab": tab})


def test_meeting_heading_shows_body_date_time_venue_and_status(client, member_user, siig):
    response = get(client, member_user, siig, "minutes")

    assert texts(response, "//main//header//h1") == ["Meeting and Workshop"]
    assert texts(response, by_class("meeting-when")) == [
        "Wed 9 November 2011, 1pm · St Thomas St, Sunderland"
    ]
    assert texts(response, by_class("status-next")) == [
        "Draft The secretariat is drafting these minutes; next they are circulated to members "
        "to check for accuracy."
    ]
    assert texts(response, "//nav[@aria-label='Breadcrumb']//li") == ["SIIG", "9 November 2011"]


def test_meeting_attendance_groups_categories_in_minutes_order(client, member_user, siig):
    response = get(client, member_user, siig, "attendance")

    assert texts(response, by_class("attendance-category-label")) == [
        "Present",
        "Also present",
        "In attendance",
        "Apologies",
    ]
    assert texts(response, by_class("attendance-line", "li")) == [
        "Jessica May (Chair) Sunderland Partnership chaired the meeting",
        "Valerie Hayllor Sunderland City Council deputising for Ashley Green",
        "Carol Harries Sunderland City Council joined during item 2.0",
        "Andrew Copland Sunderland Partnership",
        "Vince Taylor Sunderland City Council left after item 1.0",
        "Sonia Thomson (minutes) Sunderland Partnership",
        "John Walker Gentoo Sent comments in writing",
    ]


def test_meeting_attendance_groups_by_label_within_a_category(client, member_user, body):
    meeting = MeetingFactory(body=body)
    for position, (name, label) in enumerate(
        [
            ("Ann Exec", "Executive Members"),
            ("Bob Non", "Non-Executive Members"),
            ("Cat Exec", "Executive Members"),
        ]
    ):
        AttendanceFactory(
            meeting=meeting,
            position=position,
            group_label=label,
            person=PersonFactory(name=name, organisation=None),
        )

    response = get(client, member_user, meeting, "attendance")

    assert texts(response, by_class("attendance-group-label")) == [
        "Executive Members",
        "Non-Executive Members",
    ]
    assert texts(response, by_class("attendance-line", "li")) == ["Ann Exec", "Cat Exec", "Bob Non"]


def test_meeting_minutes_show_text_decisions_and_action_owners(client, member_user, siig):
    circulate(siig)  # members read the minutes once they are circulated
    response = get(client, member_user, siig, "minutes")

    assert texts(response, by_class("minutes-item-title")) == [
        "1.0 Sunderland Strategy Co-ordination Group",
        "2.0 Outcomes",
        "2.1 Health Confidential",
    ]
    assert texts(response, by_class("decision")) == ["Agreed: The guiding principles were agreed."]
    assert texts(response, by_class("item-action")) == ["VT / Secretariat Action 1 · by 7 Dec 2011"]
    assert texts(response, "//article[1]//div[contains(@class,'col-md-9')]/div[1]") == [
        "JM noted that this session would review the event."
    ]


def test_meeting_minutes_show_declarations_and_previous_minutes(client, member_user, body):
    earlier = MeetingFactory(body=body, date=dt.date(2011, 10, 12))
    meeting = MeetingFactory(
        body=body,
        date=dt.date(2011, 11, 9),
        no_interests_declared=True,
        status=Meeting.Status.CIRCULATED,
    )
    AgendaItemFactory(meeting=meeting, kind="declarations", title="Declarations of interest")
    previous = AgendaItemFactory(
        meeting=meeting, kind="previous_minutes", title="Minutes of the previous meeting"
    )
    MinutesApproval.objects.create(
        meeting=meeting,
        item=previous,
        previous_meeting=earlier,
        outcome="corrected",
        corrections="Carol Harries was present.",
    )
    Declaration.objects.create(
        meeting=meeting,
        item=previous,
        person=PersonFactory(name="Neil Revely"),
        interest="Trustee of the charity",
    )

    response = get(client, member_user, meeting, "minutes")

    assert texts(response, "//p[@class='declaration'] | //article[1]//p") == [
        "There were no conflicts of interest to declare.",
        "Neil Revely declared an interest in this item: Trustee of the charity",
    ]
    assert texts(response, by_class("approval")) == [
        "The minutes of the meeting held on 12 October 2011: approved subject to corrections, "
        "with these corrections:"
    ]
    assert texts(response, by_class("approval-corrections")) == ["Carol Harries was present."]


def test_meeting_actions_table_lists_owners_due_and_status(client, member_user, siig):
    circulate(siig)  # members read the minutes once they are circulated
    response = get(client, member_user, siig, "actions")

    assert texts(response, "//table//tbody/tr") == [
        "1 Circulate the outcomes frameworkItem 1.0 Sunderland Strategy Co-ordination Group "
        "Vince Taylor / Secretariat 7 December 2011"
        f"{due_hint(dt.date(2011, 12, 7))} Open Overdue"
    ]


def test_meeting_agenda_and_papers(client, member_user, siig):
    agenda = get(client, member_user, siig, "agenda")
    papers = get(client, member_user, siig, "papers")

    assert texts(agenda, by_class("agenda-item", "li")) == [
        "1.0 Sunderland Strategy Co-ordination Group",
        "2.0 Outcomes Paper 2",
        "2.1 Health Confidential",
    ]
    assert texts(papers, by_class("list-group-item")) == [
        "Paper 2 · Outcomes framework Item 2.0 Outcomes Circulated separately"
    ]


def test_meeting_signed_says_who_signed_and_when(client, member_user, chair_user, body):
    meeting = MeetingFactory(
        body=body,
        status=Meeting.Status.SIGNED,
        signed_by=chair_user.person,
        signed_at=dt.datetime(2012, 1, 11, 15, tzinfo=dt.UTC),
        fingerprint="0" * 64,
    )

    response = get(client, member_user, meeting, "minutes")

    assert texts(response, by_class("status-next")) == [
        "Signed Signed by Jessica May on 11 January 2012. These minutes are the record and can "
        "no longer change."
    ]


def _fill_meeting(meeting, items, actions):
    made = [AgendaItemFactory(meeting=meeting) for _ in range(items)]
    for n, item in enumerate(made):
        DecisionFactory(item=item)
        Paper.objects.create(item=item, reference=f"Paper {n}")
        AttendanceFactory(meeting=meeting, arrived_during=item)
    for n in range(actions):
        action = ActionFactory(meeting=meeting, item=made[n % items], number=n + 1)
        ActionOwnerFactory(action=action)
        ActionOwnerFactory(action=action, person=None, team=TeamFactory(body=meeting.body))


# What each tab lists of _fill_meeting(items, actions): one agenda entry, register line, minuted
# item and paper per item, and one row per action.
MEETING_TAB_ROWS = {
    "agenda": (by_class("agenda-item", "li"), "items"),
    "attendance": (by_class("attendance-line", "li"), "items"),
    "minutes": (by_class("minutes-item", "article"), "items"),
    "actions": (by_class("actions-table", "table") + "/tbody/tr", "actions"),
    "papers": (
        "//section[@aria-labelledby='papers-heading']" + by_class("list-group-item"),
        "items",
    ),
}


@pytest.mark.parametrize("tab", ["agenda", "attendance", "minutes", "actions", "papers"])
def test_meeting_page_query_count_does_not_grow_with_data(client, body, tab):
    user = UserFactory()
    MembershipFactory(body=body, person=PersonFactory(user=user))
    small, big = MeetingFactory(body=body), MeetingFactory(body=body)
    _fill_meeting(small, items=3, actions=2)
    _fill_meeting(big, items=40, actions=60)
    # Circulated, so a member reads the minutes and actions as well as the agenda and papers.
    Meeting.objects.filter(pk__in=[small.pk, big.pk]).update(status=Meeting.Status.CIRCULATED)
    client.force_login(user)
    shown, counted = MEETING_TAB_ROWS[tab]

    pages = []
    for meeting in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("meeting_detail", args=[meeting.pk]), {"tab": tab})
        assert response.status_code == 200
        pages.append((len(ctx.captured_queries), len(texts(response, shown))))

    (small_count, small_rows), (big_count, big_rows) = pages
    expected = {"items": (3, 40), "actions": (2, 60)}[counted]
    assert (small_count, (small_rows, big_rows)) == (big_count, expected)


def test_meeting_sign_button_only_for_those_who_can_sign(client, chair_user, body):
    """An administrator without a person record cannot sign (the signature carries a name), so
    the meeting page must not offer them the sign-off step that would only bounce back. The
    step has one name, "Review and sign", and leads to the review page, where the chair signs."""
    meeting = MeetingFactory(body=body, status=Meeting.Status.APPROVED)
    admin = UserFactory(is_superuser=True, is_staff=True)
    step = f'href="{reverse("minutes_review", args=[meeting.pk])}">Review and sign</a>'

    client.force_login(admin)
    admin_page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    client.force_login(chair_user)
    chair_page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()

    assert (step in admin_page, step in chair_page) == (False, True)
