"""When a meeting's public agenda is published, and whether the secretariat is late with it.

A body that publishes its record (``Body.publishes``) puts each meeting's agenda and papers before
the public ``Body.agenda_notice_days`` clear days before the meeting (5 unless the body says
otherwise). Clear days leave out both the day of publication and the day of the meeting, so with
5 the agenda of a Wednesday meeting is public from the start of the Thursday before (Europe/London).

Publication is automatic at that moment: nobody has to remember to press a button, and nothing is
public earlier. What the secretariat controls is whether the agenda is ready by then, so the
meeting page warns them when it is not (``agenda_notice``).

Calendar days are counted. Weekends and bank holidays are not left out: a body bound by the access
to information rules of the Local Government Act 1972, which count working days, sets a larger
notice to cover them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from partners.templatetags.minutebook import ukdate

from .models import AgendaItem, Paper

LONDON = ZoneInfo("Europe/London")


def agenda_publication_date(meeting) -> dt.date:
    """The day the public agenda is published: the notice in clear days, plus one."""
    return meeting.date - dt.timedelta(days=meeting.body.agenda_notice_days + 1)


def agenda_public_from(meeting) -> dt.datetime:
    return dt.datetime.combine(agenda_publication_date(meeting), dt.time.min, tzinfo=LONDON)


def agenda_is_published(meeting, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= agenda_public_from(meeting)


def last_published_meeting_date(notice_days: int, now: dt.datetime | None = None) -> dt.date:
    """The latest meeting date whose agenda is public at ``now`` for a body with this notice:
    ``agenda_is_published`` as a bound a query can use (``date__lte``)."""
    today = (now or timezone.now()).astimezone(LONDON).date()
    return today + dt.timedelta(days=notice_days + 1)


def first_meeting_date_published_since(notice_days: int, since: dt.datetime) -> dt.date:
    """The earliest meeting date whose agenda was published at or after ``since``."""
    local = since.astimezone(LONDON)
    first_day = local.date() if local.time() == dt.time.min else local.date() + dt.timedelta(1)
    return first_day + dt.timedelta(days=notice_days + 1)


@dataclass(frozen=True)
class AgendaNotice:
    """What the secretariat is told about the public agenda on the meeting page."""

    publish_on: dt.date
    published: bool
    late: bool
    problems: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        when = ukdate(self.publish_on, "day")
        if self.late:
            return f"The public agenda was due to be published on {when}."
        if self.published:
            return f"The public agenda and papers were published on {when}."
        return f"The public agenda and papers are published on {when}."


def agenda_notice(meeting, now: dt.datetime | None = None) -> AgendaNotice | None:
    """For an upcoming meeting of a body that publishes: when its agenda goes public and whether
    it is late (no items by then, the meeting arranged after that day, or items and papers added
    since). None for a body that does not publish or a meeting already held. Three queries."""
    now = now or timezone.now()
    if not meeting.body.publishes or meeting.date < now.astimezone(LONDON).date():
        return None
    public_from = agenda_public_from(meeting)
    publish_on = public_from.date()
    notice = meeting.body.agenda_notice_days
    has_items = AgendaItem.objects.filter(meeting_id=meeting.pk).exists()
    if now < public_from:
        problems = [] if has_items else ["The agenda has no items yet."]
        return AgendaNotice(publish_on=publish_on, published=False, late=False, problems=problems)
    problems = []
    if not has_items:
        problems.append(f"The agenda has no items, {notice} clear days before the meeting.")
    if meeting.created_at and meeting.created_at > public_from:
        problems.append(
            f"The meeting was arranged on {ukdate(meeting.created_at)}, after the agenda was due."
        )
    # Added after publication: items still on the agenda whose first history row is later.
    late_items = (
        AgendaItem.history.filter(meeting_id=meeting.pk, history_type="+")
        .filter(history_date__gt=public_from)
        .filter(id__in=AgendaItem.objects.filter(meeting_id=meeting.pk).values("pk"))
        .values("id")
        .distinct()
        .count()
    )
    if late_items and meeting.created_at and meeting.created_at <= public_from:
        problems.append(_count(late_items, "item was", "items were") + " added after that day.")
    late_papers = Paper.objects.filter(
        item__meeting_id=meeting.pk, uploaded_at__gt=public_from
    ).count()
    if late_papers:
        problems.append(_count(late_papers, "paper was", "papers were") + " added after that day.")
    return AgendaNotice(
        publish_on=publish_on, published=True, late=bool(problems), problems=problems
    )


def _count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"
