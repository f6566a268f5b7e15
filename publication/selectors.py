"""Reads for the public portal: only what the public may see (``meetings.rules.public_*``), each
shaped so a page's query count stays the same however much the record holds.

The public sees, of a body that publishes: that its meetings take place; each agenda and its
papers from the set number of clear days before the meeting; signed minutes in their public
version (never a draft); the decisions of signed minutes; and the attendance the signed minutes
record. Of a confidential (exempt) item, only its number and heading."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from meetings import rules as meeting_rules
from meetings.models import Attendance, Decision, Meeting
from meetings.publication import agenda_publication_date
from meetings.selectors import meetings_base
from partners import rules as partner_rules
from partners.models import Body, Membership, Person
from records.documents import minutes_context
from records.selectors import ItemNode, meeting_record

# Who was due at a meeting: the members on the register. Officers in attendance and guests
# ("also present") were not, and a deputy attends in someone else's place.
DUE = (
    Attendance.Category.PRESENT,
    Attendance.Category.APOLOGIES,
    Attendance.Category.ABSENT,
    Attendance.Category.EXPECTED,
)


def public_bodies() -> QuerySet[Body]:
    return Body.objects.filter(publishes=True).order_by("name")


def public_bodies_with_next_meeting(today: dt.date) -> QuerySet[Body]:
    return public_bodies().annotate(
        next_meeting_date=Min("meetings__date", filter=Q(meetings__date__gte=today))
    )


def _publishes(_user, body) -> bool:
    return partner_rules.body_publishes(body)


def _meeting_is_public(_user, meeting) -> bool:
    return meeting_rules.public_may_see_meeting(meeting)


def public_body(slug: str) -> Body:
    """The body by slug; 404 both when it does not exist and when it does not publish."""
    return partner_rules.get_or_404(
        Body.objects.select_related("parent"), user=None, check=_publishes, slug=slug
    )


def public_meeting(pk: int) -> Meeting:
    return partner_rules.get_or_404(meetings_base(), user=None, check=_meeting_is_public, pk=pk)


# A body's meetings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingLine:
    """A meeting in a public list, with what of it is public yet."""

    meeting: Meeting
    agenda_public: bool
    publish_on: dt.date
    minutes_public: bool


def meeting_lines(meetings, now: dt.datetime | None = None) -> list[MeetingLine]:
    now = now or timezone.now()
    return [
        MeetingLine(
            meeting=m,
            agenda_public=meeting_rules.public_may_see_agenda(m, now),
            publish_on=agenda_publication_date(m),
            minutes_public=meeting_rules.public_may_read_minutes(m),
        )
        for m in meetings
    ]


def body_upcoming_meetings(body: Body, today: dt.date) -> QuerySet[Meeting]:
    return (
        body.meetings.filter(date__gte=today)
        .select_related("body")
        .order_by("date", "start_time", "pk")
    )


def body_past_meetings(body: Body, today: dt.date) -> QuerySet[Meeting]:
    return (
        body.meetings.filter(date__lt=today)
        .select_related("body")
        .order_by("-date", "-start_time", "-pk")
    )


def body_current_members(body: Body) -> list[Membership]:
    today = timezone.localdate()
    return list(
        Membership.objects.filter(partner_rules.current_memberships_q(today), body=body)
        .select_related("person__organisation", "organisation")
        .order_by("role", "person__name", "pk")
    )


# One meeting ---------------------------------------------------------------------------------


@dataclass
class PublicMeeting:
    meeting: Meeting
    agenda_public: bool
    publish_on: dt.date
    minutes_public: bool
    items: list[ItemNode] = field(default_factory=list)
    minutes: dict | None = None

    @property
    def papers(self) -> list:
        """(item, paper) for every paper of a non-confidential item, in agenda order."""
        return [
            (node.item, paper)
            for node in self.items
            if not node.item.confidential
            for paper in node.item.papers.all()
        ]


def public_meeting_page(
    meeting: Meeting, *, with_minutes: bool, now: dt.datetime | None = None
) -> PublicMeeting:
    """What the public meeting page shows. The agenda comes from ``meeting_record`` without
    confidential business (a signed meeting's from its frozen record); the minutes are the public
    version of signed minutes (``records.documents.minutes_context(public=True)``), only when
    asked for and only once signed."""
    page = PublicMeeting(
        meeting=meeting,
        agenda_public=meeting_rules.public_may_see_agenda(meeting, now),
        publish_on=agenda_publication_date(meeting),
        minutes_public=meeting_rules.public_may_read_minutes(meeting),
    )
    if not page.agenda_public:
        return page
    record = meeting_record(meeting_id=meeting.pk, include_confidential=False)
    page.items = record.flat_items()
    if with_minutes and page.minutes_public:
        page.minutes = minutes_context(meeting, public=True, record=record)
    return page


# Decisions and attendance --------------------------------------------------------------------


def public_decisions(body: Body, search: str = "") -> QuerySet[Decision]:
    """The decisions register: decisions of the body's signed minutes, confidential items left
    out, newest meeting first."""
    decisions = (
        Decision.objects.filter(item__meeting__body=body)
        .filter(meeting_rules.public_minutes_q("item__meeting"))
        .filter(meeting_rules.public_items_q("item"))
    )
    for word in search.split()[:8]:
        decisions = decisions.filter(Q(text__icontains=word) | Q(item__title__icontains=word))
    return decisions.select_related("item__meeting").order_by(
        "-item__meeting__date", "-item__meeting__start_time", "item__position", "position", "id"
    )


@dataclass
class AttendanceLine:
    person: Person
    current: bool
    roles: list[str]
    organisation: str
    due: int = 0
    attended: int = 0
    deputised: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.attended / self.due) if self.due else None


def body_attendance(body: Body) -> tuple[list[AttendanceLine], int]:
    """Each member's attendance at the body's meetings with signed minutes: meetings attended of
    those they were due at, and how many times a deputy came in their place. The register is
    part of the minutes, so meetings whose minutes are not signed do not count yet. Current
    members first, then former members and anyone else on a signed register; five queries."""
    signed = Meeting.objects.filter(body=body).filter(meeting_rules.public_minutes_q())
    meeting_count = signed.count()
    own = Attendance.objects.filter(meeting__in=signed, substitute_for__isnull=True)
    tallies = {
        row["person_id"]: row
        for row in own.values("person_id").annotate(
            due=Count("pk", filter=Q(category__in=DUE)),
            attended=Count("pk", filter=Q(category=Attendance.Category.PRESENT)),
        )
    }
    deputies = dict(
        Attendance.objects.filter(meeting__in=signed, substitute_for__isnull=False)
        .values("substitute_for_id")
        .annotate(n=Count("meeting_id", distinct=True))
        .values_list("substitute_for_id", "n")
    )
    today = timezone.localdate()
    lines: dict[int, AttendanceLine] = {}
    memberships = (
        Membership.objects.filter(body=body)
        .select_related("person__organisation", "organisation")
        .order_by("person__name", "pk")
    )
    for m in memberships:
        line = lines.get(m.person_id)
        if line is None:
            org = m.organisation or m.person.organisation
            line = lines[m.person_id] = AttendanceLine(
                person=m.person, current=False, roles=[], organisation=org.name if org else ""
            )
        if _current(m, today):
            line.current = True
            line.roles.append(m.get_role_display())
    due_ids = [pk for pk, row in tallies.items() if row["due"] and pk not in lines]
    for person in Person.objects.filter(pk__in=due_ids).select_related("organisation"):
        org = person.organisation
        lines[person.pk] = AttendanceLine(
            person=person, current=False, roles=[], organisation=org.name if org else ""
        )
    for pk, line in lines.items():
        row = tallies.get(pk)
        if row:
            line.due, line.attended = row["due"], row["attended"]
        line.deputised = deputies.get(pk, 0)
    ordered = sorted(
        (line for line in lines.values() if line.current or line.due),
        key=lambda line: (not line.current, line.person.name.lower(), line.person.pk),
    )
    return ordered, meeting_count


def _current(membership: Membership, today: dt.date) -> bool:
    started = membership.start_date is None or membership.start_date <= today
    return started and (membership.end_date is None or membership.end_date >= today)
