"""A person's calendar feed (ICS): their actions' due dates and their bodies' meetings."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

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


def person_feed(person: Person) -> bytes:
    """Open actions the person owns (all-day on the due date) and meetings of their bodies."""
    today = timezone.localdate()
    body_ids = partner_rules.person_body_ids(person, today)
    cal = Calendar()
    cal.add("prodid", "-//Minutebook//Actions and meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Minutebook: {person.display_name}")
    cal.add("x-wr-timezone", "Europe/London")
    stamp = timezone.now()

    actions = (
        person_actions(person, body_ids)
        .filter(status__in=OUTSTANDING, due_date__isnull=False)
        .order_by("due_date", "pk")
    )
    for action in actions:
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
        event.add("description", meeting.body.name)
        event.add("url", settings.SITE_URL + reverse("meeting_detail", args=[meeting.pk]))
        cal.add_component(event)
    return cal.to_ical()
