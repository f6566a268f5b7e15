"""Who may see, own and update an action. One predicate per question; the action page, My
actions, reminders, the calendar feed, search and the CSV export all ask these.

- **Owns** (``owned_actions_q``): named as an owner directly, always (an officer in attendance
  may own an action without being a member); through their organisation or a group only in
  bodies where they are a current member, so a whole council is not handed every action its
  name appears on. An action of a confidential item is owned only by members of its body:
  nobody outside the body is shown it or reminded of it.
- **May see** (``visible_actions_q``): every action of a body the user reads, plus the actions
  they own.
- **May update**: the body's secretariat, and the owners.

The reminder sweep works out ownership for thousands of people at once from preloaded rows;
``owner_row_includes`` is the same rule for one owner row, kept beside the query form and held
equal to it by ``tests/actions/test_rules.py``.
"""

from __future__ import annotations

from django.db.models import Q

from partners.models import Person
from partners.rules import (
    CHASER_ROLES,
    body_roles,
    can_edit_body,
    is_admin,
    person_body_ids,
    person_for,
)

from .models import Action


def confidential_q() -> Q:
    return Q(item__isnull=False, item__confidential=True)


def owned_actions_q(person: Person, body_ids: set[int]) -> Q:
    """Actions the person owns. ``body_ids``: the bodies where they are a current member."""
    group = Q(owners__team__members=person) | Q(
        owners__team__everyone=True, owners__team__body_id__in=body_ids
    )
    if person.organisation_id:
        group |= Q(owners__organisation_id=person.organisation_id)
    q = Q(owners__person=person) | (group & Q(meeting__body_id__in=body_ids))
    return q & (~confidential_q() | Q(meeting__body_id__in=body_ids))


def owner_row_includes(
    *,
    person_id: int,
    person_org_id: int | None,
    person_bodies: set[int],
    action_body_id: int,
    confidential: bool,
    owner_person_id: int | None,
    owner_org_id: int | None,
    team_members: set[int] | None,
    team_everyone_body_id: int | None,
) -> bool:
    """``owned_actions_q`` for one owner row, for callers that hold the rows already.

    ``team_members`` is the set of the team's named members (None when the owner is not a
    team); ``team_everyone_body_id`` is the team's body when the team means "every member"."""
    member_here = action_body_id in person_bodies
    if confidential and not member_here:
        return False
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


def visible_actions_q(user) -> Q | None:
    """Actions the user may see; None means every action (administrators)."""
    if is_admin(user):
        return None
    person = person_for(user)
    q = Q(meeting__body_id__in=set(body_roles(user)))
    if person is not None:
        q |= owned_actions_q(person, set(body_roles(user)))
    return q


def visible_actions(user):
    """The actions the user may see, once each (ownership joins would repeat rows)."""
    q = visible_actions_q(user)
    if q is None:
        return Action.objects.all()
    return Action.objects.filter(pk__in=Action.objects.filter(q).values("pk"))


def owned_actions(person: Person, body_ids: set[int] | None = None):
    """The actions the person owns, once each."""
    if body_ids is None:
        body_ids = person_body_ids(person)
    ids = Action.objects.filter(owned_actions_q(person, body_ids)).values("pk")
    return Action.objects.filter(pk__in=ids)


def can_view_action(user, action) -> bool:
    if is_admin(user):
        return True
    if action.meeting.body_id in body_roles(user):
        return True
    return owns_action(user, action)


def owns_action(user, action) -> bool:
    person = person_for(user)
    if person is None:
        return False
    return owned_actions(person, set(body_roles(user))).filter(pk=action.pk).exists()


def can_update_action(user, action) -> bool:
    return can_edit_body(user, action.meeting.body) or owns_action(user, action)


def can_chase_actions(user, body) -> bool:
    """Secretariat, chair and vice-chair see who is late and send the overdue summary."""
    return is_admin(user) or bool(body_roles(user).get(body.pk, set()) & CHASER_ROLES)
