"""Reads about bodies and their members, shaped so query counts stay fixed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from . import rules
from .models import Body, Membership

ROLE_ORDER = [
    Membership.Role.CHAIR,
    Membership.Role.VICE_CHAIR,
    Membership.Role.LEAD_MEMBER,
    Membership.Role.EXECUTIVE,
    Membership.Role.NON_EXECUTIVE,
    Membership.Role.MEMBER,
    Membership.Role.ADVISOR,
    Membership.Role.OFFICER,
    Membership.Role.SECRETARIAT,
]
ROLE_PLURALS = {
    Membership.Role.CHAIR: "Chair",
    Membership.Role.VICE_CHAIR: "Vice-chair",
    Membership.Role.LEAD_MEMBER: "Lead members",
    Membership.Role.EXECUTIVE: "Executive members",
    Membership.Role.NON_EXECUTIVE: "Non-executive members",
    Membership.Role.MEMBER: "Members",
    Membership.Role.ADVISOR: "Advisors",
    Membership.Role.OFFICER: "Officers",
    Membership.Role.SECRETARIAT: "Secretariat",
}


def visible_bodies(user) -> QuerySet[Body]:
    ids = rules.visible_body_ids(user)
    return Body.objects.all() if ids is None else Body.objects.filter(pk__in=ids)


def body_for_user(user, slug: str) -> Body:
    """The body by slug, or 404 both when it does not exist and when the user is not inside."""
    return rules.get_or_404(
        Body.objects.select_related("parent"), user=user, check=rules.can_view_body, slug=slug
    )


@dataclass
class RoleGroup:
    role: str
    label: str
    memberships: list[Membership]


def body_members(body: Body) -> tuple[list[RoleGroup], list[Membership]]:
    """Current members grouped by role (in ROLE_ORDER), and former members newest first."""
    today = timezone.localdate()
    rows = list(
        Membership.objects.filter(body=body)
        .select_related("person__organisation", "organisation")
        .order_by("person__name", "-start_date")
    )
    current = [m for m in rows if _is_current(m, today)]
    former = sorted(
        (m for m in rows if m.end_date and m.end_date < today),
        key=lambda m: m.end_date,
        reverse=True,
    )
    groups = []
    for role in ROLE_ORDER:
        members = [m for m in current if m.role == role]
        if members:
            groups.append(RoleGroup(role=role, label=ROLE_PLURALS[role], memberships=members))
    return groups, former


def _is_current(membership: Membership, today) -> bool:
    started = membership.start_date is None or membership.start_date <= today
    not_ended = membership.end_date is None or membership.end_date >= today
    return started and not_ended


def body_children(body: Body) -> list[Body]:
    return list(body.children.order_by("name"))
