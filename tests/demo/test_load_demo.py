"""The demo holds each of the three seed minutes completely, loaded through the services.

The demo is loaded once for the module (it takes a few seconds) and removed afterwards; each
test still runs in its own rolled-back transaction, so tests that reload or remove the demo
leave it as it was for the others.
"""

import datetime as dt
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.utils import timezone

from actions.models import Action
from drafting.selectors import drafts_for_user, minutes_editor_data
from meetings.models import AgendaItem, Attendance, Decision, Meeting, MinutesApproval
from partners.models import Body, Membership, Organisation, Person, Team
from portal.demo import demo_remove
from portal.demo.loader import upcoming_date

SIIG = "Sunderland Innovation and Improvement Group"
GLOUCESTER = "Gloucester Partnership Executive"
IEWM = "Improvement and Efficiency West Midlands Board"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        demo_remove()


def meeting_of(body_name, date):
    return Meeting.objects.select_related("body").get(body__name=body_name, date=date)


def names(meeting, category, group_label=None):
    rows = Attendance.objects.filter(meeting=meeting, category=category).order_by("position")
    if group_label is not None:
        rows = rows.filter(group_label=group_label)
    return [a.person.display_name for a in rows.select_related("person")]


def category_counts(meeting):
    counts = {}
    for category in Attendance.objects.filter(meeting=meeting).values_list("category", flat=True):
        counts[category] = counts.get(category, 0) + 1
    return counts


def outline(meeting):
    return [
        (i.number, i.title, i.parent.number if i.parent else None)
        for i in AgendaItem.objects.filter(meeting=meeting)
        .select_related("parent")
        # The loader adds items in source order, so creation order is document order.
        .order_by("id")
    ]


def actions_of(meeting):
    rows = []
    for action in Action.objects.filter(meeting=meeting).order_by("number"):
        rows.append(
            (
                action.number,
                action.item.number if action.item else None,
                [o.label for o in action.owners.order_by("position")],
                action.due_date,
                action.due_note,
            )
        )
    return rows


# --- Sunderland Innovation and Improvement Group, 9 November 2011 ---------------------------


@pytest.fixture
def siig(demo, db):
    return meeting_of(SIIG, dt.date(2011, 11, 9))


def test_sunderland_register_counts_per_category(siig):
    assert category_counts(siig) == {
        "present": 15,
        "also_present": 1,
        "in_attendance": 4,
        "apologies": 3,
    }


def test_sunderland_register_names_per_category(siig):
    assert names(siig, "present") == [
        "Jessica May",
        "Gillian Gibson",
        "Bernadette Topham",
        "Sarah Reed",
        "June Robinson",
        "Keith Carruthers",
        "Gillian McDonough",
        "David Donkin",
        "Julie Smith",
        "Nigel Harrett",
        "Carol Harries",
        "Dean T. Huggins",
        "Neil Revely",
        "Beverley Scanlon",
        "Andrew Perkin",
    ]
    assert names(siig, "also_present") == ["Andrew Copland"]
    assert names(siig, "in_attendance") == [
        "Vince Taylor",
        "Stuart Cuthberston",
        "Jon Beaney",
        "Dawn Rugman",
    ]
    assert names(siig, "apologies") == ["John Walker", "Nonnie Crawford", "Keith Moore"]


def test_sunderland_neil_revely_present_with_note(siig):
    row = Attendance.objects.get(meeting=siig, person__name="Neil Revely")
    assert (row.category, row.note) == (
        "present",
        "Also listed under apologies in the source minutes",
    )


def test_sunderland_chair_substitutes_and_minute_taker(siig):
    chaired = Attendance.objects.filter(meeting=siig, chaired=True)
    assert [(a.person.name, a.role_label) for a in chaired] == [("Jessica May", "Chair")]
    assert list(Attendance.objects.filter(meeting=siig, took_minutes=True)) == []
    assert list(Attendance.objects.filter(meeting=siig, substitute_for__isnull=False)) == []


def test_sunderland_organisations_on_register(siig):
    rows = Attendance.objects.filter(meeting=siig).select_related("person", "organisation")
    by_name = {a.person.name: a.organisation.name for a in rows}
    assert by_name["Jessica May"] == "Sunderland Partnership"
    assert by_name["Keith Carruthers"] == "Tyne and Wear Fire and Rescue"
    assert by_name["Gillian McDonough"] == "Voluntary and Community Action"
    assert by_name["David Donkin"] == "University of Sunderland"
    assert by_name["John Walker"] == "Gentoo"


def test_sunderland_arrivals_and_departures(siig):
    rows = Attendance.objects.filter(meeting=siig).select_related(
        "person", "arrived_during", "left_after"
    )
    arrivals = {a.person.name: a.arrived_during.number for a in rows if a.arrived_during}
    departures = {a.person.name: a.left_after.number for a in rows if a.left_after}
    assert arrivals == {"Carol Harries": "2.0", "Beverley Scanlon": "2.0"}
    assert departures == {"Vince Taylor": "1.0", "Stuart Cuthberston": "1.0", "Jon Beaney": "1.0"}


def test_sunderland_items_in_source_order(siig):
    assert outline(siig) == [
        ("1.0", "Sunderland Strategy Co-ordination Group", None),
        ("2.0", "Welcome and Introductions", None),
        ("3.0", "Minutes of the Previous Meeting and Matters Arising", None),
        ("4.0", "Cohesion Update", None),
        ("5.0", "Report on Welfare Changes and The Work Programme", None),
        ("6.0", "Joint Strategic Needs Assessment", None),
        ("7.0", "Network Update", None),
        ("8.0", "Community Budget Bids", None),
        ("9.0", "AOB and Close", None),
        ("10.0", "Date and Time of Next Meeting", None),
    ]


def test_sunderland_minutes_text_is_clean_html(siig):
    cohesion = AgendaItem.objects.get(meeting=siig, number="4.0")
    assert cohesion.minutes.count("<li>") == 4
    assert "·" not in cohesion.minutes
    next_item = AgendaItem.objects.get(meeting=siig, number="10.0")
    assert next_item.minutes == "<p>Wednesday 11th January 2012 at 1pm at St. Thomas Street.</p>"


def test_sunderland_decisions_and_interests(siig):
    assert Decision.objects.filter(item__meeting=siig).count() == 0
    assert siig.no_interests_declared is True


def test_sunderland_previous_minutes_approved_with_corrections(siig):
    approval = MinutesApproval.objects.get(meeting=siig)
    assert (
        approval.previous_meeting.date,
        approval.previous_meeting.status,
        approval.outcome,
        approval.corrections,
        approval.item.number,
    ) == (
        dt.date(2011, 9, 14),
        "approved",
        "corrected",
        "Attendance list corrected to show that Gillian Gibson was present and "
        "June Robinson was not.",
        "3.0",
    )


def test_sunderland_actions_with_owners_and_dates(siig):
    assert actions_of(siig) == [
        (1, "1.0", ["All"], dt.date(2011, 12, 7), "by 7 December"),
        (
            2,
            "1.0",
            ["Jon Beaney", "Andrew Copland"],
            dt.date(2011, 12, 14),
            "ahead of the SIIG on 14 December",
        ),
        (3, "4.0", ["Dawn Rugman"], None, ""),
        (4, "4.0", ["Dawn Rugman"], None, ""),
        (5, "4.0", ["Jessica May"], None, ""),
        (6, "5.0", ["Bernadette Topham"], None, ""),
        (7, "9.0", ["Jessica May"], None, ""),
    ]
    assert Team.objects.get(body=siig.body, name="All").everyone is True


def test_sunderland_body_status_and_next_meeting(siig):
    body = siig.body
    assert (body.short_name, body.numbering, body.parent.name) == (
        "SIIG",
        "decimal",
        "Sunderland Partnership Board",
    )
    assert (siig.status, siig.start_time, siig.venue) == (
        "approved",
        dt.time(13, 0),
        "St Thomas St, Sunderland",
    )
    # The next meeting the minutes give (11 January 2012) is past: it stays in the item's text.
    later = Meeting.objects.filter(body=body, date__gt=siig.date)
    assert [m.date >= timezone.localdate() for m in later] == [True]
    assert siig.approved_at == timezone.make_aware(dt.datetime(2012, 1, 11, 13, 0))


def test_sunderland_initials_as_minuted(siig):
    initials = dict(
        Attendance.objects.filter(meeting=siig).values_list("person__name", "person__initials")
    )
    assert {
        n: initials[n]
        for n in [
            "Jessica May",
            "Vince Taylor",
            "Stuart Cuthberston",
            "Jon Beaney",
            "Andrew Copland",
            "Dawn Rugman",
            "Bernadette Topham",
            "Neil Revely",
            "Sarah Reed",
            "Gillian Gibson",
            "Andrew Perkin",
            "Carol Harries",
            "Dean T. Huggins",
            "Julie Smith",
            "Nigel Harrett",
            "Keith Carruthers",
            "June Robinson",
        ]
    } == {
        "Jessica May": "JM",
        "Vince Taylor": "VT",
        "Stuart Cuthberston": "SC",
        "Jon Beaney": "JB",
        "Andrew Copland": "AC",
        "Dawn Rugman": "DR",
        "Bernadette Topham": "BT",
        "Neil Revely": "NR",
        "Sarah Reed": "SR",
        "Gillian Gibson": "GG",
        "Andrew Perkin": "AP",
        "Carol Harries": "CH",
        "Dean T. Huggins": "DTH",
        "Julie Smith": "JS",
        "Nigel Harrett": "NH",
        "Keith Carruthers": "KC",
        "June Robinson": "JR",
    }


# --- Gloucester Partnership Executive, 22 January 2010 --------------------------------------


@pytest.fixture
def gpe(demo, db):
    return meeting_of(GLOUCESTER, dt.date(2010, 1, 22))


def test_gloucester_register_counts_per_category(gpe):
    assert category_counts(gpe) == {"present": 14, "apologies": 7}


def test_gloucester_register_names_by_group(gpe):
    assert names(gpe, "present", "Executive Members") == [
        "Paul James",
        "Julian Wain",
        "Melanie Dafforn",
        "Valerie Hayllor",
        "Martin Wallace",
        "Shona Arora",
        "John Henry Looney",
        "Penny Liddicot",
        "Jerry Foster-Turner",
    ]
    assert names(gpe, "present", "Non-Executive Members") == [
        "Amanda Wadsley",
        "Sylvia Webster",
        "Lorna Robinson",
        "Mary Little",
        "Camilla Hale",
    ]
    assert names(gpe, "apologies") == [
        "Bill Crowther",
        "Pauline Reynolds",
        "Sally Middleton",
        "Paul Gray",
        "Ashley Green",
        "Nigel Avron",
        "Linda Osment",
    ]


def test_gloucester_substitutes_chair_and_minute_taker(gpe):
    subs = Attendance.objects.filter(meeting=gpe, substitute_for__isnull=False)
    assert {a.person.name: a.substitute_for.name for a in subs} == {
        "Valerie Hayllor": "Ashley Green",
        "Jerry Foster-Turner": "Nigel Avron",
    }
    assert list(Attendance.objects.filter(meeting=gpe, chaired=True)) == []
    assert list(Attendance.objects.filter(meeting=gpe, took_minutes=True)) == []
    assert list(Attendance.objects.filter(meeting=gpe, arrived_during__isnull=False)) == []
    assert list(Attendance.objects.filter(meeting=gpe, left_after__isnull=False)) == []


def test_gloucester_resignation_ends_membership(gpe):
    row = Attendance.objects.get(meeting=gpe, person__name="Linda Osment")
    membership = Membership.objects.get(body=gpe.body, person__name="Linda Osment")
    assert (row.note, membership.end_date) == ("Apology and Resignation", dt.date(2010, 1, 22))


def test_gloucester_items_renumbered(gpe):
    assert outline(gpe) == [
        ("1", "Minutes and Matters Arising", None),
        ("1.1", "Minutes of the meeting held on 20 November 2009", "1"),
        ("1.2", "Outstanding actions", "1"),
        ("2", "Gloucester Partnership’s Future – Planning Session", None),
        ("2.1", "Presentation of the paper ‘Focus on the Future’", "2"),
        ("2.2", "Comments on Paper", "2"),
        ("2.3", "Way Forward", "2"),
        ("2.4", "Current Activity", "2"),
        ("3", "Any Other Business", None),
        ("4", "Dates of Next Meetings", None),
    ]
    assert gpe.kind == "workshop"
    assert gpe.body.numbering == "plain"


def test_gloucester_roman_numbered_list_kept(gpe):
    item = AgendaItem.objects.get(meeting=gpe, number="2.1")
    assert item.minutes.count('<ol type="i">') == 1
    assert item.presenter.name == "Amanda Wadsley"


def test_gloucester_decision(gpe):
    decisions = Decision.objects.filter(item__meeting=gpe).select_related("item")
    assert [(d.item.number, d.verb, d.text) for d in decisions] == [
        (
            "2.2",
            "agreed",
            "<p>Executive members agreed with general principles contained in report.</p>",
        )
    ]


def test_gloucester_previous_minutes_approved(gpe):
    approval = MinutesApproval.objects.get(meeting=gpe)
    assert (
        approval.previous_meeting.date,
        approval.previous_meeting.status,
        approval.outcome,
        approval.item.number,
    ) == (dt.date(2009, 11, 20), "approved", "approved", "1.1")


def test_gloucester_new_actions_and_owners(gpe):
    assert actions_of(gpe) == [
        (1, "2.3", ["LSP working group"], None, ""),
        (2, "3", ["Valerie Hayllor"], None, ""),
    ]
    team = Team.objects.get(body=gpe.body, name="LSP working group")
    assert (team.everyone, sorted(team.members.values_list("name", flat=True))) == (
        False,
        ["John Henry Looney", "Melanie Dafforn", "Shona Arora", "Valerie Hayllor"],
    )


def test_gloucester_outstanding_actions_reviewed(gpe):
    november = meeting_of(GLOUCESTER, dt.date(2009, 11, 20))
    assert actions_of(november) == [
        (2, None, ["Dave Cullum"], None, ""),
        (4, None, ["Lorna Robinson"], None, ""),
        (6, None, ["Lorna Robinson", "Ashley Green"], None, ""),
    ]
    reviews = [
        (u.action.number, u.meeting_id, u.via, u.note, u.status_before, u.status_after)
        for a in Action.objects.filter(meeting=november).order_by("number")
        for u in a.updates.all()
    ]
    note = "Reviewed under outstanding actions; remains open"
    assert reviews == [
        (2, gpe.pk, "meeting", note, "open", "open"),
        (4, gpe.pk, "meeting", note, "open", "open"),
        (6, gpe.pk, "meeting", note, "open", "open"),
    ]
    assert (november.items.count(), november.attendances.count()) == (0, 0)


def test_gloucester_status_and_next_meetings(gpe):
    assert gpe.status == "approved"
    # 19 March, 21 May, 5 August, 17 September and 11 November 2010 are kept as the text of
    # item 4; only the demo's current-cycle meeting lies ahead.
    later = Meeting.objects.filter(body=gpe.body, date__gt=gpe.date)
    assert [m.date >= timezone.localdate() for m in later] == [True]
    assert AgendaItem.objects.get(meeting=gpe, number="4").minutes.count("<li>") == 5


# --- IEWM Board, 12 February 2013 ------------------------------------------------------------


@pytest.fixture
def iewm(demo, db):
    return meeting_of(IEWM, dt.date(2013, 2, 12))


def test_iewm_register_counts_per_category(iewm):
    assert category_counts(iewm) == {"present": 12, "in_attendance": 7, "apologies": 6}


def test_iewm_register_names_per_category(iewm):
    assert names(iewm, "present") == [
        "Trish Haines",
        "Cllr Paul Middlebrough",
        "Steve Winterflood",
        "Andrea Pope-Smith",
        "Kevin Dicks",
        "Jan Britton",
        "Dawn Hewins",
        "Gail Quinton",
        "Nigel Kletz",
        "John Polychronakis",
        "Howard Davis",
        "Steve Halliday",
    ]
    assert names(iewm, "in_attendance", "IEWM") == [
        "Sue Banks",
        "Pete Jackson",
        "Ged Bowles",
        "Tony Ashfield",
        "Karen Marcroft",
        "Polly Reed",
        "Sonia Thomson",
    ]
    assert names(iewm, "apologies") == [
        "John van de Laarschot",
        "Martin Reeves",
        "Mark Rogers",
        "Richard Partington",
        "Colin Williams",
        "Andrew Burns",
    ]


def test_iewm_roles_chair_substitute_and_minute_taker(iewm):
    labelled = Attendance.objects.filter(meeting=iewm).exclude(role_label="")
    assert [(a.person.name, a.role_label) for a in labelled] == [
        ("Trish Haines", "Chair"),
        ("Paul Middlebrough", "Lead Member"),
        ("Steve Winterflood", "Vice Chair"),
    ]
    assert [a.person.name for a in Attendance.objects.filter(meeting=iewm, chaired=True)] == [
        "Trish Haines"
    ]
    assert [a.person.name for a in Attendance.objects.filter(meeting=iewm, took_minutes=True)] == [
        "Sonia Thomson"
    ]
    subs = Attendance.objects.filter(meeting=iewm, substitute_for__isnull=False)
    assert {a.person.name: a.substitute_for.name for a in subs} == {"Steve Halliday": "Mark Rogers"}
    assert list(Attendance.objects.filter(meeting=iewm, arrived_during__isnull=False)) == []
    assert list(Attendance.objects.filter(meeting=iewm, left_after__isnull=False)) == []


def test_iewm_meeting_and_body(iewm):
    assert (iewm.title, iewm.venue, iewm.status) == (
        "Notes of Board Meeting",
        "The Partnership Centre, Birmingham",
        "approved",
    )
    assert (iewm.body.short_name, iewm.body.minutes_title) == ("IEWM Board", "Notes")


def test_iewm_items_and_sub_items(iewm):
    assert outline(iewm) == [
        ("1", "Welcome & Apologies", None),
        ("2", "Minutes of Board Meeting – October 2012 and Matters Arising", None),
        ("3", "Sector Led Improvement in the West Midlands", None),
        ("4", "Transcend Leadership Programme – Verbal Update", None),
        ("5", "Operational Update", None),
        ("5.1", "Financial Overview", "5"),
        ("5.2", "West Midlands Public Service Network (WMPSN)", "5"),
        ("5.3", "Social Media ‘New Ideas’ Fund", "5"),
        ("5.4", "Waste Management Programme", "5"),
        ("5.5", "WMADASS/IEWM Improvement Plan", "5"),
        ("5.6", "District Council Network", "5"),
        ("5.7", "Accommodation Update", "5"),
        ("6", "Governance – Verbal Update", None),
        ("7", "Communications/Forthcoming Events", None),
        ("8", "Any Other Business", None),
        ("9", "Dates of Future Meetings – 2013", None),
    ]


def test_iewm_paper_references(iewm):
    papers = [
        (p.item.number, p.reference, p.title, bool(p.file))
        for item in AgendaItem.objects.filter(meeting=iewm).order_by("id")
        for p in item.papers.all()
    ]
    assert papers == [
        ("3", "Paper 2", "Sector led position statement", False),
        ("5.1", "Paper 3a", "Financial overview", False),
        ("5.1", "Paper 3b", "Programme Delivery Plan", False),
    ]


def test_iewm_decisions(iewm):
    rows = Decision.objects.filter(item__meeting=iewm).select_related("item")
    assert [(d.item.number, d.verb) for d in rows] == [("3", "agreed")] + [("5", "agreed")] * 9
    sli = rows[0]
    assert sli.text.count("<li>") == 8
    assert rows[4].text == (
        "<p>The proposed allocation for the West Midlands Public Services Network (£75K capital) "
        "was approved.</p>"
    )


def test_iewm_previous_minutes_approved(iewm):
    approval = MinutesApproval.objects.get(meeting=iewm)
    assert (
        approval.previous_meeting.date,
        approval.previous_meeting.status,
        approval.outcome,
        approval.item.number,
    ) == (dt.date(2012, 10, 11), "approved", "approved", "2")


def test_iewm_actions_with_owners(iewm):
    assert actions_of(iewm) == [
        (1, "3", ["Trish Haines", "Mark Rogers", "Jan Britton"], None, ""),
        (2, "5.4", ["Sue Banks"], None, ""),
        (3, "5.1", ["Sue Banks"], dt.date(2013, 6, 13), "at the next meeting in June"),
        (4, "7", ["Nigel Kletz"], None, ""),
        (5, "5.4", ["All"], None, ""),
        (6, "5.3", ["All"], None, ""),
        (7, "4", ["All"], dt.date(2013, 2, 18), "closing date 18 February"),
    ]


def test_iewm_next_meetings(iewm):
    later = Meeting.objects.filter(body=iewm.body, date__gt=iewm.date)
    assert [m.date >= timezone.localdate() for m in later] == [True]
    assert iewm.approved_at == timezone.make_aware(dt.datetime(2013, 6, 13, 14, 0))


# --- The current cycle: one upcoming meeting per body, dated from the load date --------------


def _current(body_name):
    return (
        Meeting.objects.filter(body__name=body_name, date__gte=timezone.localdate())
        .select_related("body")
        .get()
    )


@pytest.mark.parametrize(
    ("body_name", "weekday", "min_days", "start", "end", "venue", "title"),
    [
        (SIIG, 2, 14, dt.time(13), None, "St Thomas St, Sunderland", ""),
        (GLOUCESTER, 4, 21, dt.time(9), dt.time(12), "Oxstalls Indoor Tennis Centre", ""),
        (
            IEWM,
            3,
            28,
            dt.time(14),
            dt.time(16),
            "The Partnership Centre, Birmingham",
            "Notes of Board Meeting",
        ),
    ],
)
def test_current_cycle_meeting_per_body(
    demo, db, body_name, weekday, min_days, start, end, venue, title
):
    meeting = _current(body_name)
    days_ahead = (meeting.date - timezone.localdate()).days
    assert (
        meeting.date.weekday(),
        min_days <= days_ahead < min_days + 35,
        meeting.start_time,
        meeting.end_time,
        meeting.venue,
        meeting.title,
        meeting.status,
    ) == (weekday, True, start, end, venue, title, "draft")


def test_siig_current_meeting_is_on_a_second_wednesday(demo, db):
    assert (_current(SIIG).date.day - 1) // 7 + 1 == 2


def test_upcoming_date_rules():
    wednesday_14_jan_2026 = dt.date(2026, 1, 14)
    assert upcoming_date(dt.date(2025, 12, 29), weekday=2, min_days_ahead=14, week_of_month=2) == (
        wednesday_14_jan_2026
    )
    assert upcoming_date(dt.date(2026, 1, 1), weekday=2, min_days_ahead=14, week_of_month=2) == (
        dt.date(2026, 2, 11)
    )
    assert upcoming_date(dt.date(2026, 1, 1), weekday=4, min_days_ahead=21) == dt.date(2026, 1, 23)
    # Christmas Eve 2026 is a Thursday: the IEWM Board's next Thursday is 7 January 2027.
    assert upcoming_date(dt.date(2026, 11, 26), weekday=3, min_days_ahead=28) == (
        dt.date(2027, 1, 7)
    )


@pytest.mark.parametrize("body_name", [SIIG, GLOUCESTER, IEWM])
def test_current_meeting_register_is_the_current_membership_all_expected(demo, db, body_name):
    meeting = _current(body_name)
    members = set(
        Membership.objects.filter(body=meeting.body)
        .exclude(role="secretariat")
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
        .values_list("person__name", flat=True)
    )
    rows = Attendance.objects.filter(meeting=meeting)
    assert (
        set(rows.values_list("person__name", flat=True)),
        set(rows.values_list("category", flat=True)),
        meeting.items.count(),
        Decision.objects.filter(item__meeting=meeting).count(),
        "".join(meeting.items.values_list("minutes", flat=True)),
    ) == (members, {"expected"}, 5, 0, "")


def test_gloucester_current_meeting_groups_and_leaves_out_the_resigned(demo, db):
    meeting = _current(GLOUCESTER)
    groups = {}
    for name, label in Attendance.objects.filter(meeting=meeting).values_list(
        "person__name", "group_label"
    ):
        groups.setdefault(label, set()).add(name)
    assert (len(groups["Executive Members"]), len(groups["Non-Executive Members"])) == (10, 5)
    assert "Linda Osment" not in set().union(*groups.values())


@pytest.mark.parametrize(
    ("body_name", "carried"),
    [
        (SIIG, [(dt.date(2011, 11, 9), n) for n in range(1, 8)]),
        (
            GLOUCESTER,
            [(dt.date(2009, 11, 20), n) for n in (2, 4, 6)]
            + [(dt.date(2010, 1, 22), n) for n in (1, 2)],
        ),
        (IEWM, [(dt.date(2013, 2, 12), n) for n in range(1, 8)]),
    ],
)
def test_current_meeting_shows_the_actions_carried_forward(demo, db, body_name, carried):
    data = minutes_editor_data(_current(body_name))
    assert [(a.meeting.date, a.number) for a in data.open_actions] == carried
    assert data.previous_meeting.status == "approved"


def test_secretariat_drafts_in_progress_are_the_three_current_meetings(demo, db):
    sonia = get_user_model().objects.get(username="sonia")
    drafts = [(m.body.name, m.date >= timezone.localdate()) for m in drafts_for_user(sonia)]
    assert sorted(drafts) == sorted([(SIIG, True), (GLOUCESTER, True), (IEWM, True)])


# --- People, organisations and logins --------------------------------------------------------


def test_memberships_roles(demo, db):
    def roles(body_name, *people):
        rows = Membership.objects.filter(body__name=body_name, person__name__in=people)
        return {(m.person.name, m.role) for m in rows.select_related("person")}

    assert roles(IEWM, "Trish Haines", "Paul Middlebrough", "Steve Winterflood", "Sue Banks") == {
        ("Trish Haines", "chair"),
        ("Paul Middlebrough", "lead_member"),
        ("Steve Winterflood", "vice_chair"),
        ("Sue Banks", "officer"),
    }
    assert roles(GLOUCESTER, "Paul James", "Amanda Wadsley") == {
        ("Paul James", "executive"),
        ("Amanda Wadsley", "non_executive"),
    }
    assert roles(SIIG, "Jessica May", "Gillian Gibson", "Vince Taylor") == {
        ("Jessica May", "chair"),
        ("Gillian Gibson", "member"),
        ("Vince Taylor", "officer"),
    }
    assert Person.objects.get(name="Paul Middlebrough").honorific == "Cllr"


def test_organisations_created_once_with_acronyms(demo, db):
    acronyms = dict(
        Organisation.objects.filter(
            name__in=[
                "Gloucester Heritage Urban Regeneration Company",
                "Gloucester Association for Voluntary and Community Action",
                "Local Government Association",
                "West Midlands Councils",
                "Improvement and Efficiency West Midlands",
                "Gloucestershire Primary Care Trust",
                "Tyne and Wear Fire and Rescue",
            ]
        ).values_list("name", "acronym")
    )
    assert acronyms == {
        "Gloucester Heritage Urban Regeneration Company": "GHURC",
        "Gloucester Association for Voluntary and Community Action": "GAVCA",
        "Local Government Association": "LGA",
        "West Midlands Councils": "WMC",
        "Improvement and Efficiency West Midlands": "IEWM",
        "Gloucestershire Primary Care Trust": "PCT",
        "Tyne and Wear Fire and Rescue": "TWFRS",
    }
    assert Person.objects.filter(name="Sue Banks").count() == 1


def test_demo_logins_authenticate_with_their_roles(demo, db):
    users = {
        name: authenticate(username=name, password="minutebook-demo")
        for name in ["admin", "sonia", "jessica", "valerie"]
    }
    assert all(users.values())
    assert users["admin"].is_superuser is True
    assert users["sonia"].email == "sonia.thomson@example.org"

    def roles(user):
        return sorted(
            (m.body.name, m.role)
            for m in Membership.objects.filter(person__user=user).select_related("body")
        )

    assert roles(users["sonia"]) == [
        (GLOUCESTER, "secretariat"),
        (IEWM, "secretariat"),
        (SIIG, "secretariat"),
    ]
    assert roles(users["jessica"]) == [(SIIG, "chair")]
    assert roles(users["valerie"]) == [(GLOUCESTER, "executive")]
    assert Action.objects.filter(owners__person__user=users["valerie"]).count() == 1


# --- The command -----------------------------------------------------------------------------


def demo_bodies():
    return Body.objects.filter(name__in=[SIIG, GLOUCESTER, IEWM]).count()


@pytest.mark.django_db
def test_load_demo_once_twice_loads_once():
    demo_remove()  # the module's demo may be loaded; this test's transaction is rolled back
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", "--once", stdout=first)
    call_command("load_demo", "--once", stdout=second)
    assert (demo_bodies(), Meeting.objects.filter(body__name=SIIG).count()) == (3, 3)
    assert first.getvalue().startswith("Demo loaded.")
    assert second.getvalue().startswith("The demo is already loaded.")
    assert "minutebook-demo" in second.getvalue()


@pytest.mark.django_db
def test_load_demo_twice_without_reset_refuses():
    demo_remove()
    call_command("load_demo", stdout=io.StringIO())
    with pytest.raises(CommandError) as exc:
        call_command("load_demo", stdout=io.StringIO())
    assert str(exc.value) == (
        "The demo is already loaded. Run `manage.py load_demo --reset` to delete it and load it "
        "again, or `--once` to leave it as it is."
    )
    assert demo_bodies() == 3


@pytest.mark.django_db
def test_load_demo_reset_replaces_the_demo():
    demo_remove()
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", "--reset", stdout=io.StringIO())
    assert (demo_bodies(), Person.objects.filter(name="Jessica May").count()) == (3, 1)
    assert Meeting.objects.filter(body__name__in=[SIIG, GLOUCESTER, IEWM]).count() == 9


def test_make_run_path_on_fresh_sqlite(tmp_path):
    """`make run` migrates a fresh SQLite file and loads the demo with --once."""
    database = Path("/tmp") / f"minutebook-demo-{os.getpid()}-{tmp_path.name}.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    manage = [sys.executable, "manage.py"]
    try:
        for args in (["migrate", "--noinput", "-v0"], ["load_demo", "--once"]):
            run = subprocess.run(
                manage + args, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
            )
            assert run.returncode == 0, run.stderr
        assert run.stdout.startswith("Demo loaded.")
        again = subprocess.run(
            [*manage, "load_demo", "--once"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        assert (again.returncode, again.stdout.splitlines()[0]) == (
            0,
            "The demo is already loaded.",
        )
        with sqlite3.connect(database) as connection:
            counts = connection.execute(
                "SELECT (SELECT COUNT(*) FROM meetings_meeting),"
                " (SELECT COUNT(*) FROM meetings_attendance),"
                " (SELECT COUNT(*) FROM actions_action)"
            ).fetchone()
        # Three registers of the seed minutes, then the current cycle's three registers
        # (every current member, "expected").
        assert counts == (9, 23 + 21 + 25 + 65, 7 + 2 + 3 + 7)
    finally:
        database.unlink(missing_ok=True)
