"""Reads the directory pages need from above partners: what a person's record carries (for the
merge page) and the actions they own (for their page), as the viewer may see them."""

from __future__ import annotations

from actions import rules as action_rules
from actions.models import Action
from partners.models import Person


def record_summary(person: Person) -> dict[str, int]:
    """How much hangs off a person's record, by kind: what a merge would move."""
    return {
        "memberships": person.memberships.count(),
        "meetings on the register": person.attendances.count(),
        "actions owned": person.owned_actions.count(),
        "declarations of interest": person.declarations.count(),
        "groups": person.teams.count(),
    }


def person_open_actions(user, person: Person, limit: int = 10) -> list[Action]:
    """Open actions the person owns by name, of those the viewer may see, soonest due first."""
    return list(
        action_rules.visible_actions(user)
        .filter(owners__person=person, status__in=(Action.Status.OPEN, Action.Status.IN_PROGRESS))
        .select_related("meeting__body")
        .order_by("due_date", "pk")[:limit]
    )
