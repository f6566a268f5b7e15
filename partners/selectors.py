"""Reads about bodies and their members, shaped so query counts stay fixed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from . import rules
from .models import Body, Membership, Organisation, Person, Team

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
        .select_related("person__organisation", "organisation", "deputy")
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


# The directory pages -------------------------------------------------------------------------


def _current(prefix: str = "") -> Q:
    """``rules.current_memberships_q`` seen from another model (``prefix`` like "memberships__")."""
    today = timezone.localdate()
    return (
        Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today})
    ) & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today}))


def directory_people(user, search: str = "") -> QuerySet[Person]:
    """People A to Z with organisation, login and current bodies, each marked ``may_edit`` by
    the rule (three queries per page, however many people and memberships)."""
    current = Membership.objects.filter(_current()).select_related("body").order_by("body__name")
    people = Person.objects.select_related("organisation", "user").prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    )
    if search:
        people = people.filter(
            Q(name__icontains=search)
            | Q(email__icontains=search)
            | Q(job_title__icontains=search)
            | Q(initials__iexact=search)
            | Q(organisation__name__icontains=search)
            | Q(organisation__acronym__iexact=search)
        )
    editable = rules.person_editable_q(user)
    may_edit = Value(True) if editable is None else ExpressionWrapper(editable, BooleanField())
    return people.annotate(may_edit=may_edit).order_by("name", "pk")


def editable_person_for_user(user, pk: int) -> Person:
    """A person the user may edit and invite; 404 for missing and for not theirs alike."""
    return rules.get_or_404(
        Person.objects.select_related("organisation", "user"),
        user=user,
        check=rules.can_edit_person,
        pk=pk,
    )


def person_profile(person: Person) -> dict:
    """A person's memberships (current first), the members they deputise for, and teams."""
    today = timezone.localdate()
    memberships = list(
        person.memberships.select_related("body", "organisation", "deputy").order_by(
            "body__name", "-start_date"
        )
    )
    return {
        "current": [m for m in memberships if _is_current(m, today)],
        "former": [m for m in memberships if not _is_current(m, today)],
        "deputy_for": list(
            person.deputy_for.filter(_current())
            .select_related("person", "body")
            .order_by("body__name")
        ),
        "teams": list(person.teams.select_related("body").order_by("body__name", "name")),
    }


def directory_organisations(search: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.annotate(people_count=Count("people"))
    if search:
        organisations = organisations.filter(Q(name__icontains=search) | Q(acronym__iexact=search))
    return organisations.order_by("name", "pk")


def organisation_named(name: str) -> Organisation | None:
    """The organisation a typed name stands for: its name, or else its acronym, in any case
    ("sunderland city council", "SCC"); None if there is none."""
    name = " ".join(name.split())
    if not name:
        return None
    return (
        Organisation.objects.filter(name__iexact=name).first()
        or Organisation.objects.filter(acronym__iexact=name).order_by("name", "pk").first()
    )


def organisation_names() -> list[str]:
    """Every organisation's name, for the suggestions of a field that takes a typed one."""
    return list(Organisation.objects.order_by("name").values_list("name", flat=True))


def managed_bodies(user) -> QuerySet[Body]:
    """Bodies whose settings and membership the user manages, with their counts."""
    ids = rules.managed_body_ids(user)
    bodies = Body.objects.all() if ids is None else Body.objects.filter(pk__in=ids)
    return (
        bodies.select_related("parent")
        .annotate(
            member_count=Count(
                "memberships__person", filter=_current("memberships__"), distinct=True
            ),
            team_count=Count("teams", distinct=True),
        )
        .order_by("name", "pk")
    )


def managed_body_for_user(user, slug: str) -> Body:
    """The body, for someone who manages it (404 for anyone else, as for a missing body)."""
    return rules.get_or_404(
        Body.objects.select_related("parent"), user=user, check=rules.can_manage_body, slug=slug
    )


def body_teams(body: Body) -> QuerySet[Team]:
    members = Person.objects.select_related("organisation").order_by("name")
    return (
        Team.objects.filter(body=body)
        .prefetch_related(Prefetch("members", queryset=members))
        .annotate(action_count=Count("owned_actions"))
        .order_by("name")
    )


def team_member_choices(body: Body, team: Team | None = None) -> QuerySet[Person]:
    """Who may be put in a group: the body's current members, and anyone already in it."""
    members = Q(pk__in=Membership.objects.filter(_current(), body=body).values("person_id"))
    if team is not None and team.pk:
        members |= Q(pk__in=team.members.values("pk"))
    return Person.objects.filter(members).select_related("organisation").order_by("name", "pk")


def people_choices() -> QuerySet[Person]:
    return Person.objects.select_related("organisation").order_by("name", "pk")
