"""Who may see, own and update an action. One predicate per question; the action page, My
actions, reminders, the calendar feed, search and the CSV export all ask these.

- **Owns** (``owned_actions_q``): named as an owner directly, always (an officer in attendance
  may own an action without being a member); through their organisation or a group only in
  bodies where they are a current member, so a whole council is not handed every action its
  name appears on. So an action of a confidential (exempt) item reaches, outside the body's
  members, only the people named on it: they must know what they are to do. An organisation
  colleague or team member who is not a member of the body does not own it, and is not
  reminded of it.
- **Held elsewhere** (``held_elsewhere_q``): such a colleague or team member still learns that
  their organisation or group has an action from that body: which body and meeting, its
  reference, owners, due date and status, on My actions. Its wording is shown only where the
  body's confidentiality allows it (``shows_wording_held_elsewhere``): never for an action of
  a confidential (exempt) item, whose wording stays with the body's members and the people
  named on it. They may not open or update it; the body's members do that.
- **Issued** (``issued_q``): an action is issued when the minutes that record it are
  circulated. Before that it is part of the secretariat's and the chair's draft, like the rest
  of the minutes (``meetings.rules.can_read_minutes``): nobody owns it yet, so it is on no one's
  My actions, home page or calendar, and no reminder goes out for it.
- **May see** (``visible_actions_q``): every action of a body the user reads whose minutes they
  may read (members: once circulated; the secretariat and the chair: from the draft), plus the
  actions they own.
- **May update**: the body's secretariat, and the owners.

The reminder sweep works out ownership for thousands of people at once from preloaded rows;
``owner_row_includes`` is the same rule for one owner row, kept beside the query form and held
equal to it by ``tests/actions/test_rules.py``.

Speed: ``owned_actions_q`` is an OR across the person, their groups, "everyone" groups and their
organisation, which no index answers, so PostgreSQL would read every action and owner row to
ask it. ``owned_action_candidates`` first finds, through the owner table's indexes, the few
actions that have an owner row naming the person, one of their groups or their organisation
(a superset: every branch of the rule needs such a row); the rule is then asked of those only.
"""

from __future__ import annotations

from django.db.models import Q

from meetings.models import Meeting
from meetings.rules import can_read_minutes, readable_minutes_q
from partners.models import Person, Team
from partners.rules import (
    CHASER_ROLES,
    body_roles,
    can_edit_body,
    is_admin,
    person_body_ids,
    person_for,
)

from .models import Action, ActionOwner


def issued_q() -> Q:
    """Actions whose minutes have been circulated (see the module's docstring)."""
    return ~Q(meeting__status=Meeting.Status.DRAFT)


def is_issued(action) -> bool:
    return action.meeting.status != Meeting.Status.DRAFT


def owned_actions_q(person: Person, body_ids: set[int]) -> Q:
    """Issued actions the person owns. ``body_ids``: the bodies where they are a current
    member."""
    group = Q(owners__team__members=person) | Q(
        owners__team__everyone=True, owners__team__body_id__in=body_ids
    )
    if person.organisation_id:
        group |= Q(owners__organisation_id=person.organisation_id)
    named = Q(owners__person=person) | (group & Q(meeting__body_id__in=body_ids))
    return named & issued_q()


def owner_row_includes(
    *,
    person_id: int,
    person_org_id: int | None,
    person_bodies: set[int],
    action_body_id: int,
    owner_person_id: int | None,
    owner_org_id: int | None,
    team_members: set[int] | None,
    team_everyone_body_id: int | None,
    action_issued: bool,
) -> bool:
    """``owned_actions_q`` for one owner row, for callers that hold the rows already.

    ``team_members`` is the set of the team's named members (None when the owner is not a
    team); ``team_everyone_body_id`` is the team's body when the team means "every member";
    ``action_issued``: whether the action's minutes have been circulated (``issued_q``)."""
    if not action_issued:
        return False
    member_here = action_body_id in person_bodies
    if owner_person_id is not None:
        return owner_person_id == person_id
    if not member_here:
        return False
    if owner_org_id is not None:
        return person_org_id is not None and owner_org_id == person_org_id
    if team_members is not None:
        if person_id in team_members:
            return True
        return team_everyone_body_id is not None and team_everyone_body_id in person_bodies
    return False


def held_elsewhere_q(person: Person, body_ids: set[int]) -> Q:
    """Issued actions given to the person's organisation, or to a group they are named in, by
    a body where they are not a current member (see the module's docstring). Those they own
    (named on it directly) are not held elsewhere: they are theirs."""
    group = Q(owners__team__members=person)
    if person.organisation_id:
        group |= Q(owners__organisation_id=person.organisation_id)
    return group & ~Q(meeting__body_id__in=body_ids) & issued_q() & ~Q(owners__person=person)


def held_elsewhere_ids(person: Person, body_ids: set[int]):
    """Ids of the actions held elsewhere, once each: the rule asked of the owner-table
    candidates, as ``owned_action_ids`` does."""
    return (
        Action.objects.filter(pk__in=owned_action_candidates(person, body_ids))
        .filter(held_elsewhere_q(person, body_ids))
        .order_by()
        .values_list("pk", flat=True)
        .distinct()
    )


def shows_wording_held_elsewhere(action) -> bool:
    """Whether someone whose organisation or group holds the action from a body they do not sit
    on may read what it says: not if its item is confidential (sub-items carry their parent's
    mark, see ``meetings.rules.can_view_item``)."""
    return action.item is None or not action.item.confidential


def visible_actions_q(user) -> Q | None:
    """Actions the user may see; None means every action (administrators)."""
    if is_admin(user):
        return None
    person = person_for(user)
    bodies = set(body_roles(user))
    q = Q(meeting__body_id__in=bodies)
    if (drafts := readable_minutes_q(user)) is not None:
        q &= drafts
    if person is not None:
        q |= owned_actions_q(person, bodies)
    return q


def visible_actions(user):
    """The actions the user may see, once each (ownership joins would repeat rows)."""
    q = visible_actions_q(user)
    if q is None:
        return Action.objects.all()
    return Action.objects.filter(pk__in=Action.objects.filter(q).values("pk"))


def owned_action_candidates(person: Person, body_ids: set[int]):
    """Ids of the actions with an owner row naming the person, their organisation, a group
    they are in or an "everyone" group of their bodies: a superset of what ``owned_actions_q``
    includes, as a subquery that follows the owner table's indexes (person and organisation
    in one arm, groups in the other). Never an answer on its own: ``owned_action_ids`` asks
    the rule of these."""
    direct = Q(person=person)
    if person.organisation_id:
        direct |= Q(organisation_id=person.organisation_id)
    teams = Team.objects.filter(Q(members=person) | Q(everyone=True, body_id__in=body_ids))
    via_team = ActionOwner.objects.filter(team__in=teams.order_by().values("pk"))
    return (
        ActionOwner.objects.filter(direct)
        .order_by()
        .values("action_id")
        .union(via_team.order_by().values("action_id"))
    )


def owned_action_ids(person: Person, body_ids: set[int]):
    """Ids of the actions the person owns, once each: the rule asked of the candidates."""
    return (
        Action.objects.filter(pk__in=owned_action_candidates(person, body_ids))
        .filter(owned_actions_q(person, body_ids))
        .order_by()
        .values_list("pk", flat=True)
        .distinct()
    )


def owned_actions(person: Person, body_ids: set[int] | None = None):
    """The actions the person owns, once each."""
    if body_ids is None:
        body_ids = person_body_ids(person)
    return Action.objects.filter(pk__in=owned_action_ids(person, body_ids))


def can_view_action(user, action) -> bool:
    """Whoever reads the minutes that record it (a member who has left: those of their time),
    and its owners once it is issued."""
    if is_admin(user):
        return True
    if can_read_minutes(user, action.meeting):
        return True
    return owns_action(user, action)


def owns_action(user, action) -> bool:
    person = person_for(user)
    if person is None:
        return False
    # The rule asked of one row: PostgreSQL starts from the primary key.
    q = owned_actions_q(person, set(body_roles(user)))
    return Action.objects.filter(q, pk=action.pk).exists()


def can_update_action(user, action) -> bool:
    return can_edit_body(user, action.meeting.body) or owns_action(user, action)


def can_chase_actions(user, body) -> bool:
    """Secretariat, chair and vice-chair see who is late and send the overdue summary."""
    return is_admin(user) or bool(body_roles(user).get(body.pk, set()) & CHASER_ROLES)
