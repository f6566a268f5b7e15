"""Who belongs where: the membership facts every other app's rules are built on.

Rights come from current memberships of a body: any current member (any role) reads the body;
the secretariat edits it; the chair and vice-chair sign its minutes. Superusers are
administrators and may do everything. Everyone else sees nothing, except that a former member
keeps the meetings held while they were a member (``was_member_on``, asked by
``meetings.rules.can_view_meeting``): the record of their time, not the body's page or lists.

The questions about meetings, actions and the minutes lifecycle are asked in
``meetings/rules.py``, ``actions/rules.py`` and ``records/rules.py``, each built on these.

Setting partnerships up (the directory pages): the secretariat of a body manages that body's
settings, membership and teams, and may add people and organisations; **directory
administrators** manage organisations, people and bodies across every partnership (create
bodies, edit any person or organisation, merge duplicates, grant the role to others). A
directory administrator is a superuser or a person with ``Person.is_administrator`` set
(granted on the person's page by another administrator; the first is a superuser). Managing the
directory does not open a body's meetings and minutes: those still need a membership.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from .models import Membership, Person

EDITOR_ROLES = {Membership.Role.SECRETARIAT}

SIGNER_ROLES = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR}

CHASER_ROLES = {Membership.Role.SECRETARIAT, Membership.Role.CHAIR, Membership.Role.VICE_CHAIR}


def person_for(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_minutebook_person"):
        user._minutebook_person = Person.objects.filter(user=user).first()
    return user._minutebook_person


def current_memberships_q(today=None) -> Q:
    today = today or timezone.localdate()
    return (Q(start_date__isnull=True) | Q(start_date__lte=today)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def body_roles(user) -> dict[int, set[str]]:
    """Body id -> the user's current roles there. Cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    if not hasattr(user, "_minutebook_roles"):
        roles: dict[int, set[str]] = {}
        rows = Membership.objects.filter(current_memberships_q(), person__user=user).values_list(
            "body_id", "role"
        )
        for body_id, role in rows:
            roles.setdefault(body_id, set()).add(role)
        user._minutebook_roles = roles
    return user._minutebook_roles


def past_membership_spans(user) -> dict[int, list[tuple]]:
    """Body id -> the (start, end) dates of the user's memberships that have ended (start may
    be None: "from the beginning"). Cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    if not hasattr(user, "_minutebook_past"):
        spans: dict[int, list[tuple]] = {}
        rows = Membership.objects.filter(
            person__user=user, end_date__lt=timezone.localdate()
        ).values_list("body_id", "start_date", "end_date")
        for body_id, start, end in rows:
            spans.setdefault(body_id, []).append((start, end))
        user._minutebook_past = spans
    return user._minutebook_past


def was_member_on(user, body_id: int, day) -> bool:
    """Whether a membership of the user's that has since ended covered ``day`` in the body."""
    return any(
        (start is None or start <= day) and day <= end
        for start, end in past_membership_spans(user).get(body_id, [])
    )


def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def visible_body_ids(user) -> set[int] | None:
    """Ids of bodies the user may read; None means all (administrators)."""
    if is_admin(user):
        return None
    return set(body_roles(user))


def editable_body_ids(user) -> set[int] | None:
    if is_admin(user):
        return None
    return {b for b, roles in body_roles(user).items() if roles & EDITOR_ROLES}


def signable_body_ids(user) -> set[int] | None:
    """Bodies whose minutes the user signs as chair or vice-chair; None means all (admins)."""
    if is_admin(user):
        return None
    return {b for b, roles in body_roles(user).items() if roles & SIGNER_ROLES}


def can_view_body(user, body) -> bool:
    return is_admin(user) or body.pk in body_roles(user)


def can_edit_body(user, body) -> bool:
    return is_admin(user) or bool(body_roles(user).get(body.pk, set()) & EDITOR_ROLES)


def is_directory_admin(user) -> bool:
    """Superusers, and people flagged as administrators (no Django admin needed)."""
    if is_admin(user):
        return True
    person = person_for(user)
    return bool(person and person.is_administrator)


def managed_body_ids(user) -> set[int] | None:
    """Bodies whose settings, membership and teams the user manages; None means all."""
    if is_directory_admin(user):
        return None
    return editable_body_ids(user)


def can_manage_body(user, body) -> bool:
    """Edit a body's settings, membership and teams, and import a membership list."""
    ids = managed_body_ids(user)
    return ids is None or body.pk in ids


def can_create_body(user) -> bool:
    return is_directory_admin(user)


def can_use_directory(user) -> bool:
    """See the lists of people and organisations and add to them: the secretariat of any body
    (to find someone before adding a duplicate) and administrators."""
    ids = managed_body_ids(user)
    return ids is None or bool(ids)


def person_editable_q(user) -> Q | None:
    """People the user may edit and invite, as a filter on Person; None means everyone.

    The secretariat edits the people who hold or held a membership of one of its bodies, and
    people with no membership anywhere yet (just added, about to be placed)."""
    ids = managed_body_ids(user)
    if ids is None:
        return None
    if not ids:
        return Q(pk__in=[])
    return Q(memberships__body_id__in=ids) | Q(memberships__isnull=True)


def can_edit_person(user, person: Person) -> bool:
    q = person_editable_q(user)
    if q is None:
        return True
    return Person.objects.filter(q, pk=person.pk).exists()


def can_edit_organisations(user) -> bool:
    """Organisations are shared by every body: only administrators rename or re-sort them."""
    return is_directory_admin(user)


def can_merge_people(user) -> bool:
    """Merging moves a person's record across every body: administrators only."""
    return is_directory_admin(user)


def can_grant_administrator(user) -> bool:
    return is_directory_admin(user)


def body_publishes(body) -> bool:
    """May the public see this body's record (its public parts, on the public portal)?"""
    return bool(body.publishes)


def person_body_ids(person: Person, today=None) -> set[int]:
    """Bodies where the person holds a current membership (any role)."""
    return set(
        Membership.objects.filter(current_memberships_q(today), person=person).values_list(
            "body_id", flat=True
        )
    )


def get_or_404(queryset, *, user, check, **lookup):
    """Fetch an object and answer 404 both for "missing" and "not yours"."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not check(user, obj):
        raise Http404
    return obj
