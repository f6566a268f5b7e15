"""Benchmark data: a meeting with many items and actions, built through the services, and whole
databases at 1x, 10x and 100x, written in bulk."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from actions.models import Action
from actions.services import action_create
from meetings.models import AgendaItem, Attendance, Decision, Meeting
from meetings.services import attendance_record, decision_add, item_add, meeting_create
from partners.models import Body, Membership, Organisation, Person, Team

PARAGRAPH = (
    "<p>{name} introduced the report and reminded the group that the refresh would look below "
    "the existing strategy. Members discussed the baseline, the economic master plan and the "
    "timetable for the outcomes framework, and asked for clarity on resources.</p>"
)


def bench_meeting_create(*, items: int = 40, actions: int = 60, tag: str = "bench") -> Meeting:
    org = Organisation.objects.create(name=f"Bench Council {tag}", acronym="BC")
    body = Body.objects.create(name=f"Bench Partnership Board {tag}", short_name=f"BPB-{tag}"[:40])
    people = [
        Person.objects.create(name=f"Member {chr(65 + n % 26)}{n} Bench", organisation=org)
        for n in range(24)
    ]
    meeting = meeting_create(
        body=body,
        date=dt.date(2026, 11, 9),
        start_time=dt.time(13),
        end_time=dt.time(16),
        venue="Civic Centre, Committee Room 1",
        with_register=False,
    )
    for n, person in enumerate(people):
        attendance_record(
            meeting=meeting,
            person=person,
            category=Attendance.Category.PRESENT if n < 18 else Attendance.Category.APOLOGIES,
            chaired=n == 0,
            role_label="Chair" if n == 0 else "",
        )
    created = []
    for n in range(items - 5):  # meeting_create added the five standing items
        item = item_add(
            meeting=meeting,
            title=f"Report {n + 1}: partnership theme {n + 1}",
            minutes=PARAGRAPH.format(name=people[n % len(people)].name) * 3,
            confidential=n % 13 == 12,
        )
        decision_add(item=item, text="<p>The recommendations of the report were agreed.</p>")
        created.append(item)
    for n in range(actions):
        action_create(
            meeting=meeting,
            item=created[n % len(created)],
            description=f"Prepare the follow-up note on theme {n + 1} and circulate it",
            owners=[people[n % len(people)], people[(n + 3) % len(people)]],
            due_note="before the next meeting",
        )
    return meeting


# Bulk data at 1x, 10x and 100x -----------------------------------------------------------------
#
# Written with bulk_create, not the services: 20,000 actions through the services take many
# minutes, and nothing here needs their side effects (history rows, numbering, guards). The
# shape follows the demo: bodies of members from partner organisations, monthly meetings of
# eight items, about 33 actions a meeting, most of them owned by one person, some by two, by a
# working group, by "all members" or by an organisation; old actions mostly done.


@dataclass(frozen=True)
class Scale:
    name: str
    bodies: int
    people: int
    meetings: int
    actions: int


SCALES = {
    "1x": Scale("1x", bodies=2, people=40, meetings=60, actions=2_000),
    "10x": Scale("10x", bodies=20, people=400, meetings=600, actions=20_000),
    # The sweep's size: 200,000 actions owned by 20,000 people.
    "100x": Scale("100x", bodies=200, people=20_000, meetings=6_000, actions=200_000),
}
ITEMS_PER_MEETING = 8
ATTENDEES_PER_MEETING = 20
BENCH_USERNAME = "bench-member"
MARKER = "Bench dataset v1"


def _chunks(rows, size=5_000):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _bulk(model, rows):
    created = []
    for chunk in _chunks(rows):
        created += model.objects.bulk_create(chunk)
    return created


def dataset_marker() -> Organisation | None:
    return Organisation.objects.filter(name=MARKER).first()


def dataset_create(scale: Scale, *, today: dt.date, seed: int = 13) -> None:
    """Fill an empty database with ``scale``'s data, dated around ``today``."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from actions.models import ActionOwner, ActionUpdate
    from portal.search_index import search_index_rebuild

    if connection.vendor == "postgresql":
        # Synthetic rows, consistent by construction: skip the per-row triggers (the signed
        # record guards, and the foreign-key checks PostgreSQL runs as triggers), which would
        # make 200,000 actions take a quarter of an hour. Ends with the caller's transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    rng = random.Random(seed)
    people_per_body = scale.people // scale.bodies
    meetings_per_body = scale.meetings // scale.bodies

    orgs = _bulk(
        Organisation,
        [
            Organisation(name=f"Partner organisation {n}", acronym=f"PO{n}")
            for n in range(max(4, scale.bodies * 3))
        ],
    )
    bodies = _bulk(
        Body,
        [
            Body(name=f"Partnership Board {n}", short_name=f"PB{n}", slug=f"pb{n}")
            for n in range(scale.bodies)
        ],
    )
    people = _bulk(
        Person,
        [
            Person(
                name=f"Member {n} Bench",
                initials=f"M{n}",
                organisation=orgs[rng.randrange(len(orgs))],
                email=f"member{n}@bench.example.org",
            )
            for n in range(scale.people)
        ],
    )
    # Each body: its own block of people (the first secretariat, the second chair), and a
    # fifth of the next body's people as members here too, as people sit on several boards.
    members: dict[int, list[Person]] = {}
    memberships = []
    for b, body in enumerate(bodies):
        own = people[b * people_per_body : (b + 1) * people_per_body]
        nxt = b + 1 if b + 1 < len(bodies) else 0
        guests = people[nxt * people_per_body : nxt * people_per_body + people_per_body // 5]
        members[body.pk] = own + (guests if nxt != b else [])
        for i, person in enumerate(own):
            role = (
                Membership.Role.SECRETARIAT
                if i == 0
                else Membership.Role.CHAIR
                if i == 1
                else Membership.Role.MEMBER
            )
            memberships.append(Membership(person=person, body=body, role=role))
        if nxt != b:
            memberships += [Membership(person=p, body=body, role="member") for p in guests]
    _bulk(Membership, memberships)

    teams = []
    for body in bodies:
        teams.append(Team(body=body, name="All members", everyone=True))
        teams.append(Team(body=body, name="Working group"))
    teams = _bulk(Team, teams)
    team_members = Team.members.through
    _bulk(
        team_members,
        [
            team_members(team_id=team.pk, person_id=p.pk)
            for team in teams
            if not team.everyone
            for p in rng.sample(members[team.body_id], 5)
        ],
    )
    teams_of = {body.pk: [t for t in teams if t.body_id == body.pk] for body in bodies}

    # Monthly meetings: most in the past, the last three ahead.
    meetings = []
    for body in bodies:
        for m in range(meetings_per_body):
            months_back = meetings_per_body - 3 - m
            meetings.append(
                Meeting(
                    body=body,
                    date=today - dt.timedelta(days=30 * months_back + rng.randrange(0, 7)),
                    start_time=dt.time(10),
                    end_time=dt.time(12),
                    venue="Civic Centre",
                    status=Meeting.Status.APPROVED if months_back > 1 else Meeting.Status.DRAFT,
                )
            )
    meetings = _bulk(Meeting, meetings)
    items = []
    for meeting in meetings:
        for i in range(ITEMS_PER_MEETING):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    position=i + 1,
                    number=str(i + 1),
                    title=f"Report {i + 1}: partnership theme {rng.randrange(1, 50)}",
                    confidential=i == ITEMS_PER_MEETING - 1,
                    minutes=PARAGRAPH.format(name="The chair") if meeting.date < today else "",
                )
            )
    items = _bulk(AgendaItem, items)
    items_of: dict[int, list[AgendaItem]] = {}
    for item in items:
        items_of.setdefault(item.meeting_id, []).append(item)
    _bulk(
        Decision,
        [
            Decision(item=item, text="<p>The recommendations were agreed.</p>")
            for item in items
            if item.minutes
        ],
    )
    attendance = []
    for meeting in meetings:
        if meeting.date >= today:
            continue
        for i, person in enumerate(members[meeting.body_id][:ATTENDEES_PER_MEETING]):
            attendance.append(
                Attendance(
                    meeting=meeting,
                    person=person,
                    category=Attendance.Category.PRESENT
                    if i % 7
                    else Attendance.Category.APOLOGIES,
                    chaired=i == 1,
                    position=i,
                )
            )
    _bulk(Attendance, attendance)

    past = [m for m in meetings if m.date < today]
    short_name = {body.pk: body.short_name for body in bodies}
    references: dict[tuple[int, int], int] = {}  # (body, year) -> actions so far
    actions = []
    for index, meeting in enumerate(past):
        age = (today - meeting.date).days
        # Spread scale.actions over the past meetings exactly.
        count = scale.actions * (index + 1) // len(past) - scale.actions * index // len(past)
        for n in range(count):
            due = meeting.date + dt.timedelta(days=rng.choice((14, 28, 42, 60, 90)))
            closed = age > 150 and rng.random() < 0.85 or age > 60 and rng.random() < 0.4
            key = (meeting.body_id, meeting.date.year)
            references[key] = references.get(key, 0) + 1
            actions.append(
                Action(
                    meeting=meeting,
                    body_id=meeting.body_id,
                    reference=f"{short_name[meeting.body_id]} {key[1]}/{references[key]}",
                    item=items_of[meeting.pk][n % ITEMS_PER_MEETING],
                    number=n + 1,
                    description=f"Prepare the follow-up note on theme {n + 1} and circulate it",
                    due_date=None if rng.random() < 0.1 else due,
                    due_note="before the next meeting",
                    status=rng.choice(Action.CLOSED) if closed else rng.choice(OPEN_STATUSES),
                    closed_on=due if closed else None,
                )
            )
    actions = _bulk(Action, actions)
    meeting_body = {m.pk: m.body_id for m in meetings}
    owners, updates = [], []
    for action in actions:
        body_id = meeting_body[action.meeting_id]
        pool = members[body_id]
        draw = rng.random()
        if draw < 0.70:
            chosen = [ActionOwner(action=action, person=rng.choice(pool))]
        elif draw < 0.90:
            a, b = rng.sample(pool, 2)
            chosen = [ActionOwner(action=action, person=a), ActionOwner(action=action, person=b)]
        elif draw < 0.95:
            chosen = [ActionOwner(action=action, team=teams_of[body_id][1])]
        elif draw < 0.97:
            chosen = [ActionOwner(action=action, team=teams_of[body_id][0])]
        else:
            chosen = [ActionOwner(action=action, organisation=rng.choice(pool).organisation)]
        for position, owner in enumerate(chosen):
            owner.position = position
        owners += chosen
        if action.status != Action.Status.OPEN:
            updates.append(
                ActionUpdate(
                    action=action,
                    note="Progress reported at the meeting.",
                    status_before=Action.Status.OPEN,
                    status_after=action.status,
                )
            )
    _bulk(ActionOwner, owners)
    _bulk(ActionUpdate, updates)

    # The person the pages are measured for: a member of two bodies, like most members.
    bench_person = people[1]
    user = get_user_model().objects.create_user(BENCH_USERNAME, password="bench-password")
    Person.objects.filter(pk=bench_person.pk).update(user=user)
    Organisation.objects.create(name=MARKER, acronym=f"{scale.name} {today.isoformat()}")
    # The rows above went in with triggers off, so the stored search index did not follow them.
    search_index_rebuild()


OPEN_STATUSES = (Action.Status.OPEN, Action.Status.OPEN, Action.Status.IN_PROGRESS)
