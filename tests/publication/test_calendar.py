"""Calendar feeds, read back with a strict parser of our own (tests/publication/ics.py), not with the
library that wrote them: the public body feed and a person's own feed."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse

from meetings.services import meeting_create
from partners.rules import person_for
from tests.factories import ActionFactory, ActionOwnerFactory, BodyFactory

from . import ics

STAMP = re.compile(r"^\d{8}T\d{6}Z$")


def feed(client, url) -> ics.Component:
    response = client.get(url)
    assert (response.status_code, response["Content-Type"].split(";")[0]) == (200, "text/calendar")
    return ics.parse(response.content)


def check_feed(cal: ics.Component) -> list[ics.Component]:
    """What every feed of ours promises: a Europe/London VTIMEZONE with winter and summer time,
    and each event with a unique UID, a UTC DTSTAMP and a URL back to its page."""
    assert (cal.value("VERSION"), cal.one("PRODID").value != "") == ("2.0", True)
    zones = cal.walk("VTIMEZONE")
    assert [z.value("TZID") for z in zones] == ["Europe/London"]
    parts = sorted(c.name for c in zones[0].children)
    assert set(parts) == {"DAYLIGHT", "STANDARD"}
    events = cal.walk("VEVENT")
    uids = [e.value("UID") for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert STAMP.match(event.value("DTSTAMP")), event.value("DTSTAMP")
        assert event.value("URL").startswith(settings.SITE_URL + "/")
        start = event.one("DTSTART")
        if "T" in start.value:
            assert (start.params.get("TZID"), start.value.endswith("Z")) == ("Europe/London", False)
        else:
            assert start.params == {"VALUE": "DATE"}
    return events


def summary_line(event: ics.Component) -> tuple[str, str, str]:
    return (ics.text(event.value("SUMMARY")), event.value("DTSTART"), event.value("URL"))


def test_public_body_feed_lists_its_meetings_with_links_to_their_public_pages(
    client, record, public_body, today
):
    cal = feed(client, reverse("public_body_calendar", args=[public_body.slug]))

    events = check_feed(cal)

    def line(meeting, hour):
        day = meeting.date.strftime("%Y%m%d")
        url = settings.SITE_URL + reverse("public_meeting", args=[meeting.pk])
        return ("SIIG: Meeting", f"{day}T{hour:02d}0000", url)

    assert [summary_line(e) for e in events] == [
        line(record.signed, 13),
        line(record.circulated, 10),
        line(record.drafted, 10),
        line(record.upcoming, 14),
        line(record.later, 14),
    ]
    assert (
        ics.text(cal.value("X-WR-CALNAME"))
        == "Sunderland Innovation and Improvement Group: meetings"
    )
    signed = events[0]
    assert (signed.value("DTEND"), ics.text(signed.value("LOCATION"))) == (
        record.signed.date.strftime("%Y%m%d") + "T150000",
        "Civic Centre",
    )


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def test_summer_meetings_keep_their_local_time_and_the_zone_says_when_summer_time_runs(
    client, db, today
):
    body = BodyFactory(publishes=True, short_name="GP")
    year = today.year + 1
    meeting_create(
        body=body, date=dt.date(year, 7, 1), start_time=dt.time(13), with_standing_items=False
    )
    meeting_create(
        body=body, date=dt.date(year, 1, 14), start_time=dt.time(13), with_standing_items=False
    )

    cal = feed(client, reverse("public_body_calendar", args=[body.slug]))

    events = check_feed(cal)
    assert [e.value("DTSTART") for e in events] == [f"{year}0114T130000", f"{year}0701T130000"]
    daylight = [c for c in cal.walk("VTIMEZONE")[0].children if c.name == "DAYLIGHT"]
    onsets = set()
    for part in daylight:
        assert (part.value("TZOFFSETFROM"), part.value("TZOFFSETTO")) == ("+0000", "+0100")
        onsets.add(part.value("DTSTART")[:8])
        for rdate in part.all("RDATE"):
            onsets.update(v[:8] for v in rdate.value.split(","))
    assert _last_sunday(year, 3).strftime("%Y%m%d") in onsets


def test_person_feed_has_their_actions_and_meetings_each_linked_back(
    client, record, people, public_body, today
):
    chair = person_for(people.chair)
    action = ActionFactory(
        meeting=record.circulated,  # issued: its minutes are circulated
        number=7,
        description="Publish the digital inclusion strategy",
        due_date=today + dt.timedelta(days=10),
    )
    ActionOwnerFactory(action=action, person=chair)

    cal = feed(client, reverse("calendar_feed", args=[chair.calendar_token]))

    events = check_feed(cal)
    urls = sorted(e.value("URL") for e in events)
    meeting_urls = [
        settings.SITE_URL + reverse("meeting_detail", args=[m.pk])
        for m in (record.signed, record.drafted, record.circulated, record.upcoming, record.later)
    ]
    assert urls == sorted(
        [*meeting_urls, settings.SITE_URL + reverse("action_detail", args=[action.pk])]
    )
    due = next(e for e in events if "action" in e.value("UID"))
    assert (ics.text(due.value("SUMMARY")), due.value("DTSTART")) == (
        "Action due: Publish the digital inclusion strategy",
        (today + dt.timedelta(days=10)).strftime("%Y%m%d"),
    )


def test_feed_of_a_body_that_does_not_publish_is_not_found(client, record):
    response = client.get(reverse("public_body_calendar", args=[record.private_body.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "data",
    [b"BEGIN:VCALENDAR\nEND:VCALENDAR\n", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n"],
)
def test_the_reader_is_strict(data):
    with pytest.raises(ics.IcsError):
        ics.parse(data)
