"""Benchmark data: a meeting with many items and actions, built through the services."""

from __future__ import annotations

import datetime as dt

from actions.services import action_create
from meetings.models import Attendance, Meeting
from meetings.services import attendance_record, decision_add, item_add, meeting_create
from partners.models import Body, Organisation, Person

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
