"""Importing an action log: CSV or Excel rows onto the body's meetings, all or nothing."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import Action
from imports import action_log_services
from imports.action_log import read_action_log
from imports.reader import ReadError
from meetings.models import Meeting
from partners.models import Membership, Person
from tests.conftest import make_login
from tests.factories import BodyFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db

CSV = b"""No.,Action,Owner,Due,Status,Meeting date
1,Circulate the strategy refresh results,Jon Beaney / Andrew Copland,14 December 2011,Open,09/11/2011
2,Send CH the list of cohesion group members,Dawn Rugman,,Complete,09/11/2011
3,Check whether a 100% sanction exists,Bernadette Topham,before the next meeting,In progress,11 January 2012
"""


@pytest.fixture
def siig():
    return BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")


@pytest.fixture
def sonia(siig):
    return make_login(siig, Membership.Role.SECRETARIAT, name="Sonia Thomson")


def test_csv_rows_read():
    rows = read_action_log("log.csv", CSV, max_bytes=10**6)
    got = [(r.row, r.number, r.owners, r.due, r.status, r.meeting, r.errors) for r in rows]
    assert got == [
        (2, 1, ["Jon Beaney", "Andrew Copland"], "2011-12-14", "open", "2011-11-09", []),
        (3, 2, ["Dawn Rugman"], None, "done", "2011-11-09", []),
        (4, 3, ["Bernadette Topham"], "before the next meeting", "in_progress", "2012-01-11", []),
    ]


def test_xlsx_rows_read():
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", "Description", "Who", "By when", "Status", "Date raised"])
    sheet.append(
        [
            7,
            "Draft the risk strategy",
            "Lorna Robinson",
            dt.datetime(2010, 3, 19),
            "",
            dt.datetime(2010, 1, 22),
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_action_log("log.xlsx", buffer.getvalue(), max_bytes=10**6)
    assert [(r.number, r.text, r.owners, r.due, r.status, r.meeting) for r in rows] == [
        (7, "Draft the risk strategy", ["Lorna Robinson"], "2010-03-19", "open", "2010-01-22")
    ]


def test_missing_columns_refused():
    with pytest.raises(ReadError) as caught:
        read_action_log("log.csv", b"Action,Due\nDo it,today\n", max_bytes=10**6)
    assert str(caught.value) == (
        "The first row must name the columns: at least the action, who owns it and the date of "
        "the meeting it came from."
    )


def test_import_creates_historical_meetings_and_actions(siig, sonia):
    PersonFactory(name="Dawn Rugman")
    log = action_log_services.action_log_read(
        user=sonia, body=siig, upload=SimpleUploadedFile("log.csv", CSV)
    )
    with pytest.raises(ValidationError):
        action_log_services.action_log_commit(log_import=log, user=sonia, confirmed_new=False)
    assert Meeting.objects.count() == 0
    actions = action_log_services.action_log_commit(log_import=log, user=sonia, confirmed_new=True)
    assert [(a.meeting.date, a.number, a.status, a.due_date, a.due_note) for a in actions] == [
        (dt.date(2011, 11, 9), 1, "open", dt.date(2011, 12, 14), ""),
        (dt.date(2011, 11, 9), 2, "done", None, ""),
        (dt.date(2012, 1, 11), 3, "in_progress", None, "before the next meeting"),
    ]
    assert sorted(Meeting.objects.values_list("status", flat=True)) == ["approved", "approved"]
    assert Person.objects.filter(name="Dawn Rugman").count() == 1


def test_a_row_for_an_approved_meeting_stops_the_whole_import(siig, sonia):
    MeetingFactory(body=siig, date=dt.date(2012, 1, 11), status=Meeting.Status.APPROVED)
    log = action_log_services.action_log_read(
        user=sonia, body=siig, upload=SimpleUploadedFile("log.csv", CSV)
    )
    with pytest.raises(ValidationError) as caught:
        action_log_services.action_log_commit(log_import=log, user=sonia, confirmed_new=True)
    assert caught.value.messages == [
        "Row 4: the meeting of 11 January 2012 is approved, so actions cannot be added to it."
    ]
    assert (Action.objects.count(), Meeting.objects.count()) == (0, 1)
