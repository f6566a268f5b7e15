"""Who may do what. The one place that decides; views, exports, feeds and e-mails ask here.

Rights come from current memberships of a body:
- any current member (any role) reads the body, its meetings, minutes and actions;
- the body's secretariat edits its meetings, agenda, register, minutes and actions;
- the chair and vice-chair sign off its minutes (so does whoever chaired the meeting);
- an action's owners update it (directly, through their organisation or through a group).
Superusers are administrators and may do everything. Everyone else sees nothing.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from .models import Membership, Person

EDITOR_ROLES = {Membership.Role.SECRETARIAT}
SIGNER_ROLES = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR}


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


def can_view_meeting(user, meeting) -> bool:
    return can_view_body(user, meeting.body)


def can_edit_meeting(user, meeting) -> bool:
    """Secretariat may edit a meeting's record only while it is a draft."""
    return can_edit_body(user, meeting.body) and meeting.is_editable


def can_manage_meeting(user, meeting) -> bool:
    """Secretariat tasks that do not change the record: circulate, chase, export."""
    return can_edit_body(user, meeting.body)


def can_sign_meeting(user, meeting, chaired_person_id: int | None = None) -> bool:
    if is_admin(user):
        return True
    roles = body_roles(user).get(meeting.body_id, set())
    if roles & SIGNER_ROLES:
        return True
    person = person_for(user)
    return person is not None and chaired_person_id == person.pk


def can_view_confidential(user, meeting) -> bool:
    """Confidential (exempt) items are for the body's members only, never the public."""
    return can_view_meeting(user, meeting)


def owned_action_q(person: Person) -> Q:
    """Actions a person owns: directly, through their organisation, or through a group."""
    q = Q(owners__person=person) | Q(owners__team__members=person)
    q |= Q(owners__team__everyone=True, owners__team__body__memberships__person=person)
    if person.organisation_id:
        q |= Q(owners__organisation_id=person.organisation_id)
    return q


def can_view_action(user, action) -> bool:
    return can_view_body(user, action.meeting.body) or can_update_action(user, action)


def can_update_action(user, action) -> bool:
    if can_edit_body(user, action.meeting.body):
        return True
    person = person_for(user)
    if person is None:
        return False
    from actions.models import Action

    return Action.objects.filter(owned_action_q(person), pk=action.pk).exists()


def get_or_404(queryset, *, user, check, **lookup):
    """Fetch an object and answer 404 both for "missing" and "not yours"."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not check(user, obj):
        raise Http404
    return obj


CHASER_ROLES = {Membership.Role.SECRETARIAT, Membership.Role.CHAIR, Membership.Role.VICE_CHAIR}


def person_body_ids(person: Person, today=None) -> set[int]:
    """Bodies where the person holds a current membership (any role)."""
    return set(
        Membership.objects.filter(current_memberships_q(today), person=person).values_list(
            "body_id", flat=True
        )
    )


def person_actions_q(person: Person, body_ids: set[int]) -> Q:
    """Actions that are the person's to do and to be reminded of.

    Owned directly: always (an officer in attendance may own an action without being a member).
    Owned through an organisation or a group: only in bodies where the person is a current
    member, so a whole council is not handed every action its name appears on.
    Confidential items' actions only for members of the body (never outside it).
    """
    group = Q(owners__team__members=person) | Q(
        owners__team__everyone=True, owners__team__body_id__in=body_ids
    )
    if person.organisation_id:
        group |= Q(owners__organisation_id=person.organisation_id)
    q = Q(owners__person=person) | (group & Q(meeting__body_id__in=body_ids))
    return q & (
        Q(item__isnull=True) | Q(item__confidential=False) | Q(meeting__body_id__in=body_ids)
    )


def person_may_see_action(person_body_ids_: set[int], action) -> bool:
    """Whether an action may be shown to a person outside the product (e-mail, calendar feed):
    confidential items' actions only to the body's members."""
    confidential = action.item_id is not None and action.item.confidential
    return not confidential or action.meeting.body_id in person_body_ids_


def can_chase_actions(user, body) -> bool:
    """Secretariat, chair and vice-chair see who is late and send the overdue summary."""
    return is_admin(user) or bool(body_roles(user).get(body.pk, set()) & CHASER_ROLES)


# --- Minutes lifecycle (sign-off) --------------------------------------------------------------
# draft -> circulated -> approved -> signed. Each predicate answers for the meeting's current
# status too, so a view can show a control exactly when the transition is allowed.


def can_circulate_minutes(user, meeting) -> bool:
    return can_edit_body(user, meeting.body) and meeting.status == meeting.Status.DRAFT


def can_return_to_draft(user, meeting) -> bool:
    return can_edit_body(user, meeting.body) and meeting.status == meeting.Status.CIRCULATED


def can_comment_on_minutes(user, meeting) -> bool:
    """Members send accuracy comments while the draft is out for checking."""
    return (
        person_for(user) is not None
        and can_view_meeting(user, meeting)
        and meeting.status == meeting.Status.CIRCULATED
    )


def can_resolve_comments(user, meeting) -> bool:
    return can_manage_meeting(user, meeting)


def can_approve_minutes(user, meeting) -> bool:
    """Recording approval directly (outside a later meeting): the secretariat or a signer."""
    if meeting.status != meeting.Status.CIRCULATED:
        return False
    roles = body_roles(user).get(meeting.body_id, set())
    return is_admin(user) or bool(roles & (EDITOR_ROLES | SIGNER_ROLES))


def chaired_person_id(meeting) -> int | None:
    from meetings.models import Attendance

    return (
        Attendance.objects.filter(meeting=meeting, chaired=True)
        .values_list("person_id", flat=True)
        .first()
    )


def can_sign_minutes(user, meeting, chaired_person_id_: int | None = None) -> bool:
    """The chair, vice-chair or whoever chaired the meeting, once the minutes are approved.

    The signer must have a person record: the signature carries a name. Pass the chair's person
    id when the page has already loaded the register, to save a query."""
    if meeting.status != meeting.Status.APPROVED or person_for(user) is None:
        return False
    if chaired_person_id_ is None:
        chaired_person_id_ = chaired_person_id(meeting)
    return can_sign_meeting(user, meeting, chaired_person_id_)


def can_add_addendum(user, meeting) -> bool:
    if meeting.status != meeting.Status.SIGNED or person_for(user) is None:
        return False
    return can_manage_meeting(user, meeting) or can_sign_meeting(
        user, meeting, chaired_person_id(meeting)
    )


def can_download_minutes(user, meeting) -> bool:
    return can_view_meeting(user, meeting)
