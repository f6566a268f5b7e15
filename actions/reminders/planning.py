"""Who hears about what today: the lines due for each person, worked out afresh from the
actions in a fixed number of queries (``due_lines``), and what a line is (``line_kind``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from partners import rules as partner_rules
from partners.models import Membership, Person, Team

from .. import rules
from ..models import Action, ActionOwner
from ..selectors import OUTSTANDING, remind_from
from .lines import Kind

# A weekly digest covers everything falling due before the next one.
WEEKLY_WINDOW_DAYS = 7

# action id -> (body id, due date, notice days)
Facts = dict[int, tuple[int, dt.date, int]]
# (action id, person id, organisation id, team id): one owner row, one of the last three set
OwnerRow = tuple[int, int | None, int | None, int | None]
# team id -> (everyone, body id, named members)
Teams = dict[int, tuple[bool, int, set[int]]]


def overdue_period(due: dt.date, today: dt.date) -> dt.date:
    """Overdue reminders repeat every seven days from the day after the due date."""
    days_late = (today - due).days - 1
    return due + dt.timedelta(days=1 + 7 * (days_late // 7))


def line_kind(
    *, due: dt.date, notice_days: int, remind_before_due: bool, weekly: bool, today: dt.date
) -> tuple[str, dt.date] | None:
    """What, if anything, to tell a person about an action due on ``due``, today."""
    days = (due - today).days
    if days < 0:
        return Kind.OVERDUE, overdue_period(due, today)
    if not remind_before_due:
        return None
    if days == 0:
        return Kind.DUE_TODAY, due
    if days <= notice_days or (weekly and days <= WEEKLY_WINDOW_DAYS):
        return Kind.DUE_SOON, due
    return None


def monday_between(since: dt.date | None, today: dt.date) -> bool:
    """Whether a Monday falls after ``since`` and on or before ``today`` (with no sweep
    completed before, only today counts)."""
    first = since + dt.timedelta(days=1) if since else today
    days = min((today - first).days + 1, 7)
    return any((first + dt.timedelta(days=n)).weekday() == 0 for n in range(days))


@dataclass
class Plan:
    """Who hears about what today: ``lines[person_id] = [(action_id, kind, period), ...]``."""

    lines: dict[int, list[tuple[int, str, dt.date]]]
    skipped_no_email: int = 0


@dataclass
class Members:
    """Current memberships of the bodies concerned: each body's members, each person's bodies
    and organisation."""

    of_body: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    bodies_of: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    org_of: dict[int, int | None] = field(default_factory=dict)


def due_lines(today: dt.date, *, since: dt.date | None = None) -> Plan:
    """Everyone with something to hear about today, and the lines for each.

    Five queries whatever the number of actions or people (candidate actions, their owners,
    groups, current memberships of the bodies concerned, and the people), reading plain values
    rather than model instances, so 200,000 actions fit in a few tens of megabytes.
    """
    candidates = _candidate_actions(today)
    facts: Facts = {
        pk: (body_id, due, notice)
        for pk, body_id, due, notice in candidates.values_list(
            "pk", "meeting__body_id", "due_date", "meeting__body__reminder_notice_days"
        )
    }
    if not facts:
        return Plan({})
    owners = _owner_rows(candidates)
    teams = _owner_teams(owners)
    members = _current_members(today, facts, teams)
    owned = _owned_by_person(owners, facts, teams, members)
    return _person_lines(owned, facts, today=today, weekly_day=monday_between(since, today))


def _candidate_actions(today: dt.date) -> QuerySet[Action]:
    """Issued, outstanding actions with a due date inside their body's notice or the week."""
    horizon = today + dt.timedelta(days=WEEKLY_WINDOW_DAYS)
    return (
        Action.objects.filter(rules.issued_q(), status__in=OUTSTANDING, due_date__isnull=False)
        .annotate(notice_from=remind_from())
        .filter(Q(notice_from__lte=today) | Q(due_date__lte=horizon))
    )


def _owner_rows(candidates: QuerySet[Action]) -> list[OwnerRow]:
    return list(
        ActionOwner.objects.filter(action_id__in=candidates.values("pk")).values_list(
            "action_id", "person_id", "organisation_id", "team_id"
        )
    )


def _owner_teams(owners: list[OwnerRow]) -> Teams:
    """The groups among the owners, with their named members."""
    team_ids = {t for _, _, _, t in owners if t}
    team_rows = Team.objects.filter(pk__in=team_ids).values_list(
        "pk", "everyone", "body_id", "members"
    )
    teams: Teams = {}
    for team_id, everyone, body_id, member_id in team_rows:
        entry = teams.setdefault(team_id, (everyone, body_id, set()))
        if member_id:
            entry[2].add(member_id)
    return teams


def _current_members(today: dt.date, facts: Facts, teams: Teams) -> Members:
    """Memberships of the actions' bodies, and of the bodies whose "everyone" teams own them."""
    body_ids = {body_id for body_id, _, _ in facts.values()}
    body_ids |= {team_body for everyone, team_body, _ in teams.values() if everyone}
    members = Members()
    for body_id, person_id, org_id in Membership.objects.filter(
        partner_rules.current_memberships_q(today), body_id__in=body_ids
    ).values_list("body_id", "person_id", "person__organisation_id"):
        members.of_body[body_id].add(person_id)
        members.bodies_of[person_id].add(body_id)
        members.org_of[person_id] = org_id
    return members


def _possible_owners(
    owners: list[OwnerRow], facts: Facts, teams: Teams, members: Members
) -> dict[int, set[int]]:
    """action -> the people who might own it: named, of the organisation, of the group."""
    candidates_of: dict[int, set[int]] = defaultdict(set)
    for action_id, person_id, org_id, team_id in owners:
        body_id = facts[action_id][0]
        if person_id:
            candidates_of[action_id].add(person_id)
        elif org_id:
            candidates_of[action_id] |= {
                m for m in members.of_body[body_id] if members.org_of.get(m) == org_id
            }
        elif team_id in teams:
            everyone, team_body, team_members = teams[team_id]
            candidates_of[action_id] |= team_members | (
                members.of_body[team_body] if everyone else set()
            )
    return candidates_of


def _owned_by_person(
    owners: list[OwnerRow], facts: Facts, teams: Teams, members: Members
) -> dict[int, set[int]]:
    """person -> the actions they own: the rule of My actions (``rules.owned_actions_q``), one
    owner row at a time."""
    candidates_of = _possible_owners(owners, facts, teams, members)
    owned: dict[int, set[int]] = defaultdict(set)
    for action_id, person_id, org_id, team_id in owners:
        body_id = facts[action_id][0]
        team = teams.get(team_id) if team_id else None
        for member in candidates_of[action_id]:
            if rules.owner_row_includes(
                person_id=member,
                person_org_id=members.org_of.get(member),
                person_bodies=members.bodies_of[member],
                action_body_id=body_id,
                owner_person_id=person_id,
                owner_org_id=org_id,
                team_members=team[2] if team else None,
                team_everyone_body_id=team[1] if team and team[0] else None,
                action_issued=True,  # the candidates are issued actions only
            ):
                owned[member].add(action_id)
    return owned


def _person_lines(
    owned: dict[int, set[int]], facts: Facts, *, today: dt.date, weekly_day: bool
) -> Plan:
    """Each owner's lines for today, as their reminder settings have them; people without an
    e-mail address are counted, not planned."""
    plan = Plan({})
    people = Person.objects.filter(pk__in=list(owned)).values_list(
        "pk", "email", "remind_before_due", "reminder_timing"
    )
    for person_id, email, before_due, timing in people.order_by("pk"):
        weekly = timing == Person.ReminderTiming.WEEKLY
        if weekly and not weekly_day:
            continue
        found = _lines_of(
            owned[person_id], facts, before_due=before_due, weekly=weekly, today=today
        )
        if not found:
            continue
        if not email:
            plan.skipped_no_email += 1
            continue
        plan.lines[person_id] = found
    return plan


def _lines_of(
    action_ids: set[int], facts: Facts, *, before_due: bool, weekly: bool, today: dt.date
) -> list[tuple[int, str, dt.date]]:
    """One person's lines: (action, kind, period) for each action they hear about today."""
    found = []
    for action_id in sorted(action_ids):
        _, due, notice = facts[action_id]
        kind = line_kind(
            due=due,
            notice_days=notice,
            remind_before_due=before_due,
            weekly=weekly,
            today=today,
        )
        if kind is not None:
            found.append((action_id, *kind))
    return found
