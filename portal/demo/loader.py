"""Load the demo through the services, and remove it again.

Reference data (organisations, people, bodies, memberships, teams, logins) has no write services
of its own yet, so it is created here with the model managers; everything on a meeting's record
goes through meetings.services and actions.services exactly as the drafting pages do.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from actions.models import Action
from actions.services import action_create, action_update
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting, MinutesApproval
from partners.models import Body, Membership, Organisation, Person, Team
from records import services as record_services
from records.models import SignedRecord
from records.triggers import signed_guard_lifted

from . import gloucester, iewm, sunderland

MEETING_MODULES = [sunderland, gloucester, iewm]
DEMO_PASSWORD = "minutebook-demo"
# Demo logins belong to this group; removing the demo deletes these accounts and no others, so
# a real account that happens to be called "admin" or "sonia" is never touched.
DEMO_GROUP = "Demo accounts"
EMAIL_DOMAIN = "example.org"

LOGINS = [
    {
        "username": "admin",
        "person": None,
        "superuser": True,
        "email": f"admin@{EMAIL_DOMAIN}",
        "does": "Administrator: sees and changes everything, including the admin site",
    },
    {
        "username": "sonia",
        "person": "Sonia Thomson",
        # IEWM's minute-taker; secretariat of the other two bodies as well so that one login
        # shows the whole drafting side.
        "memberships": [
            (sunderland.BODY["name"], Membership.Role.SECRETARIAT),
            (gloucester.BODY["name"], Membership.Role.SECRETARIAT),
        ],
        "does": "Secretariat of all three bodies: drafts minutes, records actions",
    },
    {
        "username": "jessica",
        "person": "Jessica May",
        "does": "Chair of the Sunderland Innovation and Improvement Group: approves and signs",
    },
    {
        "username": "valerie",
        "person": "Valerie Hayllor",
        "does": "Executive member of the Gloucester Partnership Executive who owns actions",
    },
]


class DemoAlreadyLoaded(Exception):
    """The demo bodies already exist."""


class DemoConflict(Exception):
    """Something the demo would create already exists outside the demo (a username, say)."""


@dataclass
class DemoResult:
    meetings: dict[str, Meeting] = field(default_factory=dict)
    earlier: dict[str, Meeting] = field(default_factory=dict)
    # Draft meetings still ahead on the load date: the current cycle the secretariat prepares.
    upcoming: dict[str, list[Meeting]] = field(default_factory=dict)


def upcoming_date(
    today: dt.date, *, weekday: int, min_days_ahead: int, week_of_month: int | None = None
) -> dt.date:
    """The first ``weekday`` (Monday 0) at least ``min_days_ahead`` days after ``today``; with
    ``week_of_month``, the first that is also the month's first, second... such weekday.
    Nobody meets between Christmas and New Year, so those days are passed over."""
    day = today + dt.timedelta(days=min_days_ahead)
    while (
        day.weekday() != weekday
        or (week_of_month is not None and (day.day - 1) // 7 + 1 != week_of_month)
        or _holiday(day)
    ):
        day += dt.timedelta(days=1)
    return day


def _holiday(day: dt.date) -> bool:
    return (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 2)


def _module_key(module) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def demo_body_names() -> list[str]:
    names = []
    for module in MEETING_MODULES:
        names += [b["name"] for b in module.PARENT_BODIES]
        names.append(module.BODY["name"])
    return names


def demo_is_loaded() -> bool:
    return Body.objects.filter(name__in=demo_body_names()).exists()


def demo_email(name: str) -> str:
    """jessica.may@example.org: letters only, so "Dean T. Huggins" is dean.huggins."""
    parts = [re.sub(r"[^a-z]", "", p.lower()) for p in name.split()]
    parts = [p for p in parts if len(p) > 1]
    return f"{parts[0]}.{''.join(parts[1:])}@{EMAIL_DOMAIN}"


def _all_people() -> dict[str, dict]:
    people: dict[str, dict] = {}
    for module in MEETING_MODULES:
        for row in module.PEOPLE:
            if row["name"] in people and people[row["name"]] != row:
                raise ValueError(f"{row['name']} is described differently in two demo modules")
            people[row["name"]] = row
    return people


def _all_organisations() -> dict[str, dict]:
    orgs: dict[str, dict] = {}
    for module in MEETING_MODULES:
        for row in module.ORGANISATIONS:
            orgs[row["name"]] = row
    return orgs


@transaction.atomic
def demo_load(*, today: dt.date | None = None) -> DemoResult:
    """Create the three bodies, their people and meetings, and the demo logins.

    Besides the historical meetings, each body gets one upcoming draft meeting dated from
    ``today`` (the load date unless given), set up as the secretariat would: register from the
    current membership, standing items. Past "next meeting" dates of the seed minutes stay in
    the text of that item only (see DECISIONS.md).
    Refuses (DemoAlreadyLoaded) when any demo body exists. Side effects: creates users with the
    demo password; no e-mail is sent and no task is queued by the services used.
    """
    today = today or timezone.localdate()
    if demo_is_loaded():
        raise DemoAlreadyLoaded("The demo is already loaded.")
    taken = sorted(
        get_user_model()
        .objects.filter(username__in=[row["username"] for row in LOGINS])
        .values_list("username", flat=True)
    )
    if taken:
        raise DemoConflict(
            f"These usernames already exist and the demo needs them: {', '.join(taken)}."
        )
    orgs = {
        name: Organisation.objects.get_or_create(
            name=name, defaults={"acronym": row["acronym"], "sector": row["sector"]}
        )[0]
        for name, row in _all_organisations().items()
    }
    people = {}
    for name, row in _all_people().items():
        people[name] = Person.objects.create(
            name=name,
            honorific=row.get("honorific", ""),
            initials=row.get("initials", ""),
            job_title=row.get("job_title", ""),
            organisation=orgs[row["organisation"]] if row.get("organisation") else None,
            email=demo_email(name),
        )
    result = DemoResult()
    bodies: dict[str, Body] = {}
    for module in MEETING_MODULES:
        for row in [*module.PARENT_BODIES, module.BODY]:
            bodies[row["name"]] = _body_create(row, bodies)
        body = bodies[module.BODY["name"]]
        _memberships_create(body, module.MEMBERSHIPS, people)
        teams = _teams_create(body, module.TEAMS, people)
        key = _module_key(module)
        earlier = _earlier_meetings_load(module, body, people, teams)
        result.earlier.update({f"{key}.{k}": m for k, m in earlier.items()})
        meeting = _meeting_load(module, body, people, teams, earlier)
        following = module.NEXT_MEETINGS[0] if module.NEXT_MEETINGS else None
        approved_at = (
            _approval_time(following["date"], following.get("start_time")) if following else None
        )
        meeting_services.meeting_mark_historical(
            meeting=meeting, status=Meeting.Status.APPROVED, approved_at=approved_at
        )
        for earlier_meeting in earlier.values():
            meeting_services.meeting_mark_historical(
                meeting=earlier_meeting,
                status=Meeting.Status.APPROVED,
                approved_at=_approval_time(meeting.date, meeting.start_time),
            )
        result.meetings[key] = meeting
        result.upcoming[key] = _upcoming_meetings_create(module, body, today)
    _logins_create(people, bodies)
    # One record signed, so a new user finds a signed meeting, its verify link and signed PDF.
    chair = next(row["person"] for row in iewm.MEETING["attendance"] if row.get("chaired"))
    result.meetings["iewm"] = record_services.minutes_sign_as(
        meeting=result.meetings["iewm"], signer=people[chair]
    )
    return result


def _approval_time(date: dt.date, start_time: dt.time | None) -> dt.datetime:
    """Minutes are approved at the following meeting: stamp its date and start time."""
    return timezone.make_aware(dt.datetime.combine(date, start_time or dt.time(12, 0)))


def _upcoming_meetings_create(module, body: Body, today: dt.date) -> list[Meeting]:
    """The meetings the secretariat prepares next, set up as the drafting pages set them up.

    A "next meeting" of the minutes that is still ahead is created; past ones are not, since an
    empty draft for a date long gone would sit among the drafts in progress as work nobody can
    do (their dates stay in the minutes' next-meeting item). Without a date still ahead, the
    body gets one meeting of its usual pattern dated from the load date. No minutes text and
    no attendance outcome is invented: everyone on the register is "expected".
    """
    rows = [row for row in module.NEXT_MEETINGS if row["date"] > today]
    if not rows:
        pattern = module.CURRENT_MEETING
        rows = [
            {
                **pattern,
                "date": upcoming_date(
                    today,
                    weekday=pattern["weekday"],
                    min_days_ahead=pattern["min_days_ahead"],
                    week_of_month=pattern.get("week_of_month"),
                ),
            }
        ]
    return [
        meeting_services.meeting_create(
            body=body,
            date=row["date"],
            start_time=row.get("start_time"),
            end_time=row.get("end_time"),
            venue=row.get("venue", ""),
            title=row.get("title", ""),
        )
        for row in rows
    ]


def _body_create(row: dict, bodies: dict[str, Body]) -> Body:
    parent = bodies.get(row["parent"]) if row.get("parent") else None
    return Body.objects.create(
        name=row["name"],
        short_name=row.get("short_name", ""),
        parent=parent,
        numbering=row.get("numbering", Body.Numbering.PLAIN),
        minutes_title=row.get("minutes_title", "Minutes"),
        default_venue=row.get("default_venue", ""),
        description=row.get("description", ""),
        publishes=row.get("publishes", False),
    )


def _memberships_create(body: Body, rows: list, people: dict[str, Person]) -> None:
    for row in rows:
        if isinstance(row, tuple):
            row = {"person": row[0], "role": row[1]}
        person = people[row["person"]]
        Membership.objects.create(
            person=person,
            body=body,
            role=row["role"],
            organisation=person.organisation,
            start_date=row.get("start_date"),
            end_date=row.get("end_date"),
            note=row.get("note", ""),
        )


def _teams_create(body: Body, rows: list[dict], people: dict[str, Person]) -> dict[str, Team]:
    teams = {}
    for row in rows:
        team = Team.objects.create(body=body, name=row["name"], everyone=row["everyone"])
        team.members.set([people[name] for name in row["members"]])
        teams[row["name"]] = team
    return teams


def _owners(specs: list, people: dict[str, Person], teams: dict[str, Team]) -> list:
    owners = []
    for spec in specs:
        if isinstance(spec, str):
            owners.append(people[spec])
        elif "team" in spec:
            owners.append(teams[spec["team"]])
        else:
            owners.append(Organisation.objects.get(name=spec["organisation"]))
    return owners


def _earlier_meetings_load(module, body, people, teams) -> dict[str, Meeting]:
    """Minimal records of meetings the main meeting refers to: date, and any actions it reviews."""
    earlier = {}
    for row in module.EARLIER_MEETINGS:
        meeting = meeting_services.meeting_create(
            body=body,
            date=row["date"],
            start_time=row.get("start_time"),
            end_time=row.get("end_time"),
            title=row.get("title", ""),
            with_register=False,
            with_standing_items=False,
        )
        for action in row["actions"]:
            action_create(
                meeting=meeting,
                number=action["number"],
                description=action["description"],
                owners=_owners(action["owners"], people, teams),
            )
        # Earlier minutes were circulated before the meeting that approves them (the one
        # approval rule refuses to approve a draft); their approval is recorded there.
        meeting_services.meeting_mark_historical(meeting=meeting, status=Meeting.Status.CIRCULATED)
        earlier[row["key"]] = meeting
    return earlier


def _items_add(meeting, rows, people, parent, items) -> None:
    for row in rows:
        item = meeting_services.item_add(
            meeting=meeting,
            parent=parent,
            title=row["title"],
            kind=row.get("kind", AgendaItem.Kind.STANDARD),
            purpose=row.get("purpose", ""),
            presenter=people[row["presenter"]] if row.get("presenter") else None,
            minutes=row.get("minutes", ""),
            before_closing_items=False,
        )
        items[row["key"]] = item
        for paper in row.get("papers", []):
            meeting_services.paper_add(
                item=item, reference=paper["reference"], title=paper.get("title", "")
            )
        for decision in row.get("decisions", []):
            meeting_services.decision_add(item=item, text=decision["text"], verb=decision["verb"])
        _items_add(meeting, row.get("children", []), people, item, items)


def _meeting_load(module, body, people, teams, earlier) -> Meeting:
    data = module.MEETING
    meeting = meeting_services.meeting_create(
        body=body,
        date=data["date"],
        start_time=data.get("start_time"),
        end_time=data.get("end_time"),
        venue=data.get("venue", ""),
        kind=data.get("kind", Meeting.Kind.ORDINARY),
        title=data.get("title", ""),
        with_register=False,
        with_standing_items=False,
    )
    items: dict[str, AgendaItem] = {}
    _items_add(meeting, data["items"], people, None, items)
    for row in data["attendance"]:
        attendance = meeting_services.attendance_record(
            meeting=meeting,
            person=people[row["person"]],
            category=row["category"],
            organisation=(
                Organisation.objects.get(name=row["organisation"])
                if row.get("organisation")
                else None
            ),
            group_label=row.get("group_label", ""),
            role_label=row.get("role_label", ""),
            substitute_for=people[row["substitute_for"]] if row.get("substitute_for") else None,
            chaired=row.get("chaired", False),
            took_minutes=row.get("took_minutes", False),
            note=row.get("note", ""),
        )
        if row.get("arrived_during") or row.get("left_after"):
            meeting_services.attendance_update(
                attendance=attendance,
                arrivals=[items[row["arrived_during"]]] if row.get("arrived_during") else [],
                departures=[items[row["left_after"]]] if row.get("left_after") else [],
            )
    if data.get("no_interests_declared"):
        meeting_services.meeting_no_interests_set(meeting=meeting, value=True)
    for row in data["approvals"]:
        record_services.minutes_approval_record(
            meeting=meeting,
            previous_meeting=earlier[row["previous"]],
            outcome=row.get("outcome", MinutesApproval.Outcome.APPROVED),
            corrections=row.get("corrections", ""),
            item=items[row["item"]],
            announce=False,  # history: nobody is told of approvals made years ago
        )
    for row in data["actions"]:
        action_create(
            meeting=meeting,
            item=items[row["item"]],
            number=row.get("number"),
            description=row["description"],
            owners=_owners(row["owners"], people, teams),
            due_date=row.get("due_date"),
            due_note=row.get("due_note", ""),
        )
    for row in data["reviews"]:
        action = Action.objects.get(meeting=earlier[row["earlier"]], number=row["number"])
        action_update(
            action=action,
            status=action.status,
            note=row["note"],
            meeting=meeting,
            via="meeting",
        )
    return meeting


def _logins_create(people: dict[str, Person], bodies: dict[str, Body]) -> None:
    User = get_user_model()
    demo_group, _ = Group.objects.get_or_create(name=DEMO_GROUP)
    for row in LOGINS:
        person = people[row["person"]] if row["person"] else None
        email = row.get("email") or person.email
        if row.get("superuser"):
            user = User.objects.create_superuser(
                username=row["username"], email=email, password=DEMO_PASSWORD
            )
        else:
            user = User.objects.create_user(
                username=row["username"], email=email, password=DEMO_PASSWORD
            )
        user.groups.add(demo_group)
        if person is not None:
            first, _, last = person.name.partition(" ")
            user.first_name, user.last_name = first, last
            user.save(update_fields=["first_name", "last_name"])
            person.user = user
            person.save(update_fields=["user"])
        for body_name, role in row.get("memberships", []):
            Membership.objects.create(
                person=person, body=bodies[body_name], role=role, organisation=person.organisation
            )


@transaction.atomic
def demo_remove() -> None:
    """Delete the demo bodies with everything recorded in them, the demo people and logins.

    Anything else that has come to refer to a demo person (a meeting of another body, say) stops
    the removal with ProtectedError and nothing is deleted.
    """
    bodies = Body.objects.filter(name__in=demo_body_names())
    meetings = Meeting.objects.filter(body__in=bodies)
    # The demo's signed record goes too: the one place the signed-record guard is lifted
    # (load_demo refuses to run in production). Its stored PDFs stay in the media folder.
    with signed_guard_lifted():
        SignedRecord.objects.filter(meeting__in=meetings).delete()
        Action.objects.filter(meeting__in=meetings).delete()
        MinutesApproval.objects.filter(
            Q(meeting__in=meetings) | Q(previous_meeting__in=meetings)
        ).delete()
        meetings.delete()
    bodies.delete()
    people = _all_people()
    Person.objects.filter(name__in=list(people), email__in=[demo_email(n) for n in people]).delete()
    get_user_model().objects.filter(groups__name=DEMO_GROUP).delete()
    unused = Organisation.objects.filter(name__in=list(_all_organisations())).filter(
        people__isnull=True, memberships__isnull=True, owned_actions__isnull=True
    )
    Organisation.objects.filter(pk__in=list(unused.values_list("pk", flat=True))).delete()
