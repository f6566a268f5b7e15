"""A person's calendar feed (ICS): their actions' due dates and their bodies' meetings; and the
pieces every feed of the product shares (the public body calendar uses them too): a calendar with
a Europe/London VTIMEZONE, and one meeting as an event with a link back to its page."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from meetings.models import Meeting
from partners import rules as partner_rules
from partners.models import Person

from .selectors import OUTSTANDING, person_actions, person_meetings_q

LONDON = ZoneInfo("Europe/London")
# Past meetings stay in the feed for a while so a calendar does not lose last month.
PAST_MEETINGS_DAYS = 180
DEFAULT_MEETING_HOURS = 2


def _uid(kind: str, pk: int) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"{kind}-{pk}@{host or 'minutebook'}"


def new_calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Minutebook//Actions and meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    return cal


def add_london_timezone(cal: Calendar, dates: list[dt.date]) -> None:
    """The Europe/London VTIMEZONE, with its GMT/BST changes over the years the events span, so
    a calendar places meeting times right without knowing the zone itself."""
    today = timezone.localdate()
    first = min([*dates, today]) - dt.timedelta(days=366)
    last = max([*dates, today]) + dt.timedelta(days=366)
    cal.add_component(
        Timezone.from_tzinfo(LONDON, tzid="Europe/London", first_date=first, last_date=last)
    )


def meeting_event(meeting: Meeting, *, url: str, stamp: dt.datetime, description: str) -> Event:
    """One meeting: timed in Europe/London when it has a start time, else all day."""
    event = Event()
    event.add("uid", _uid("meeting", meeting.pk))
    event.add("dtstamp", stamp)
    event.add("summary", f"{meeting.body.short_name or meeting.body.name}: {meeting.heading}")
    if meeting.start_time:
        start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
        if meeting.end_time:
            end = dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=LONDON)
        else:
            end = start + dt.timedelta(hours=DEFAULT_MEETING_HOURS)
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("description", f"{description}\n\n{url}")
    event.add("url", url)
    return event


def person_feed(person: Person) -> bytes:
    """Open actions the person owns (all-day on the due date) and meetings of their bodies."""
    today = timezone.localdate()
    body_ids = partner_rules.person_body_ids(person, today)
    cal = new_calendar(f"Minutebook: {person.display_name}")
    stamp = timezone.now()
    dates: list[dt.date] = []

    actions = (
        person_actions(person, body_ids)
        .filter(status__in=OUTSTANDING, due_date__isnull=False)
        .order_by("due_date", "pk")
    )
    for action in actions:
        dates.append(action.due_date)
        body = action.meeting.body
        event = Event()
        event.add("uid", _uid("action", action.pk))
        event.add("dtstamp", stamp)
        event.add("summary", f"Action due: {action.description[:120]}")
        event.add("dtstart", action.due_date)
        event.add("dtend", action.due_date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        origin = f"{body.name}, meeting of {action.meeting.date:%-d %B %Y}"
        if action.item_id:
            origin += f", item {action.item.number} {action.item.title}"
        event.add("description", f"Action {action.number}: {action.description}\n\n{origin}")
        event.add("url", settings.SITE_URL + reverse("action_detail", args=[action.pk]))
        event.add("categories", ["Action"])
        cal.add_component(event)

    meetings = (
        Meeting.objects.filter(person_meetings_q(body_ids))
        .filter(date__gte=today - dt.timedelta(days=PAST_MEETINGS_DAYS))
        .select_related("body")
        .order_by("date", "start_time", "pk")
    )
    for meeting in meetings:
        dates.append(meeting.date)
        url = settings.SITE_URL + reverse("meeting_detail", args=[meeting.pk])
        cal.add_component(
            meeting_event(meeting, url=url, stamp=stamp, description=meeting.body.name)
        )
    add_london_timezone(cal, dates)
    return cal.to_ical()
