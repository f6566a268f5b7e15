"""A publishing body's public calendar (ICS): its meetings, each linking to its public page.

Built from the same pieces as a person's feed (``actions.calendar``): the same event for the
same meeting (one UID), a Europe/London VTIMEZONE. Meetings are public as soon as the body
publishes, before their agenda is; the feed carries no agenda and nothing confidential.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actions.calendar import PAST_MEETINGS_DAYS, add_london_timezone, meeting_event, new_calendar
from meetings.models import Meeting
from partners.models import Body


def body_feed(body: Body) -> bytes:
    """Meetings from six months ago onwards. One query."""
    today = timezone.localdate()
    meetings = list(
        Meeting.objects.filter(body=body, date__gte=today - dt.timedelta(days=PAST_MEETINGS_DAYS))
        .select_related("body")
        .order_by("date", "start_time", "pk")
    )
    cal = new_calendar(f"{body.name}: meetings")
    stamp = timezone.now()
    for meeting in meetings:
        url = settings.SITE_URL + reverse("public_meeting", args=[meeting.pk])
        description = f"{body.name}. Agenda, papers and signed minutes on the public page:"
        cal.add_component(meeting_event(meeting, url=url, stamp=stamp, description=description))
    add_london_timezone(cal, [m.date for m in meetings])
    return cal.to_ical()
