"""Writes of the directory that reach above partners: merging two records of one person (their
rows live in meetings, actions and records too) and inviting a person to log in (the e-mail
links to this app's page). Everything else the directory writes is in ``partners.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from actions.models import ActionOwner, OverdueSummaryDelivery, ReminderDelivery
from meetings.errors import RecordLocked
from meetings.models import Attendance, Meeting
from notices.models import MinutesOpen, NoticeDelivery
from partners import rules as partner_rules
from partners import services as partner_services
from partners.models import Membership, Person

from .tokens import INVITATION_MAX_AGE, invitation_token

# Invitations ---------------------------------------------------------------------------------


@transaction.atomic
def person_invite(*, person: Person, invited_by: Person | None = None):
    """E-mail the person a link to choose a password for their login.

    Side effects: creates the login on the first invitation (``partners.services.
    person_login_prepare``), ends any earlier invitation link, stamps ``invited_at`` and sends
    one e-mail. If the mail server refuses, nothing is kept (the transaction rolls back)."""
    user = partner_services.person_login_prepare(person=person)
    path = reverse(
        "invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token(user),
        },
    )
    bodies = (
        Membership.objects.filter(partner_rules.current_memberships_q(), person=person)
        .values_list("body__name", flat=True)
        .distinct()
        .order_by("body__name")
    )
    context = {
        "person": person,
        "username": user.get_username(),
        "invited_by": invited_by,
        "bodies": list(bodies),
        "url": settings.SITE_URL + path,
        "days": INVITATION_MAX_AGE.days,
    }
    message = EmailMultiAlternatives(
        subject="Your invitation to Minutebook",
        body=render_to_string("emails/invitation.txt", context),
        to=[person.email],
    )
    message.attach_alternative(render_to_string("emails/invitation.html", context), "text/html")
    message.send()
    return user


# Merging two records of one person -----------------------------------------------------------

# Rows the merge moves with more care than a plain re-pointing; every other reverse relation of
# Person is re-pointed row by row (so the signed-record guards and history see each change).
SPECIAL = {
    ("partners.membership", "person"),
    ("partners.membership", "deputy"),
    ("partners.team_members", "person"),
    ("actions.actionowner", "person"),
    ("actions.reminderdelivery", "person"),
    ("actions.overduesummarydelivery", "person"),
    ("notices.noticedelivery", "person"),
    ("notices.minutesopen", "person"),
}
# Fields a kept record without them takes from the duplicate.
FILLED_FROM_DUPLICATE = ("honorific", "job_title", "organisation", "initials", "email")


def person_relations() -> list[tuple[type, str]]:
    """Every (model, field) that points at a Person, history tables aside (history keeps what
    was: its rows go on naming the removed record)."""
    found = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        if rel.many_to_many or hasattr(rel.related_model, "instance_type"):
            continue
        found.append((rel.related_model, rel.field.name))
    return found


def person_merge_blockers(*, keep: Person, duplicate: Person) -> list[str]:
    """Why these two records cannot be merged (empty: they can)."""
    if keep.pk == duplicate.pk:
        return ["Choose two different records."]
    reasons = []
    signed = (
        Meeting.objects.filter(status=Meeting.Status.SIGNED)
        .filter(
            Q(attendances__person=duplicate)
            | Q(attendances__substitute_for=duplicate)
            | Q(declarations__person=duplicate)
            | Q(items__presenter=duplicate)
            | Q(actions__owners__person=duplicate)
            | Q(signed_by=duplicate)
            | Q(addenda__author=duplicate)
        )
        .select_related("body")
        .distinct()
        .order_by("date")
    )
    if signed:
        listed = "; ".join(
            f"{m.body.short_name or m.body.name}, {m.date:%-d %B %Y}" for m in signed
        )
        reasons.append(
            f"{duplicate.display_name} is named in signed minutes ({listed}). Signed minutes never "
            "change, so this record stays; merge the other way round if that record is not."
        )
    both = Meeting.objects.filter(attendances__person=duplicate).filter(attendances__person=keep)
    for meeting in both.select_related("body").order_by("date"):
        reasons.append(
            f"Both are on the register of {meeting.body.short_name or meeting.body.name}, "
            f"{meeting.date:%-d %B %Y}: remove one of them from that register first."
        )
    crossed = Attendance.objects.filter(
        Q(person=keep, substitute_for=duplicate) | Q(person=duplicate, substitute_for=keep)
    )
    if crossed.exists():
        reasons.append("One deputised for the other at a meeting: correct that register first.")
    if keep.user_id and duplicate.user_id:
        reasons.append(
            "Both records have a login. Only one person can be behind them: ask an administrator "
            "to close one of the logins first."
        )
    return reasons


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person) -> dict[str, int]:
    """Move everything of ``duplicate`` onto ``keep`` and remove ``duplicate``.

    Memberships (a repeated current role is folded into one, from the earlier start), deputies,
    groups, registers, declarations, presented items, action ownerships (an action both owned
    keeps one owner row), updates written, reminders already sent, accuracy comments and the
    login (when only the duplicate has one) all move; blank details of ``keep`` are filled from
    ``duplicate``. Refused (``ValidationError``) for the reasons ``person_merge_blockers`` gives.
    Returns counts of what moved, by kind."""
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    reasons = person_merge_blockers(keep=keep, duplicate=duplicate)
    if reasons:
        raise ValidationError(reasons)
    counts = {
        "memberships": _move_memberships(keep, duplicate),
        "teams": _move_teams(keep, duplicate),
        "actions": _move_owned_actions(keep, duplicate),
    }
    _move_deliveries(keep, duplicate)
    for model, name in person_relations():
        if (model._meta.label_lower, name) in SPECIAL:
            continue
        moved = 0
        for row in model._base_manager.filter(**{name: duplicate}):
            setattr(row, name, keep)
            row.save()
            moved += 1
        if moved:
            key = model._meta.verbose_name_plural
            counts[key] = counts.get(key, 0) + moved
    _take_over_details(keep, duplicate)
    try:
        duplicate.delete()
    except (IntegrityError, RecordLocked) as exc:  # a relation added since this was written
        raise ValidationError(f"{duplicate.display_name} could not be removed: {exc}") from exc
    return {k: v for k, v in counts.items() if v}


def _move_memberships(keep: Person, duplicate: Person) -> int:
    moved = 0
    for membership in Membership.objects.filter(person=duplicate):
        twin = None
        if membership.end_date is None:
            twin = Membership.objects.filter(
                person=keep, body_id=membership.body_id, role=membership.role, end_date__isnull=True
            ).first()
        if twin is not None:
            starts = [d for d in (twin.start_date, membership.start_date) if d]
            twin.start_date = min(starts) if starts else None
            twin.deputy = twin.deputy or membership.deputy
            twin.note = twin.note or membership.note
            twin.save()
            membership.delete()
        else:
            membership.person = keep
            if membership.deputy_id == keep.pk:
                membership.deputy = None
            membership.save()
        moved += 1
    for membership in Membership.objects.filter(deputy=duplicate):
        membership.deputy = None if membership.person_id == keep.pk else keep
        membership.save()
    return moved


def _move_teams(keep: Person, duplicate: Person) -> int:
    teams = list(duplicate.teams.all())
    for team in teams:
        team.members.add(keep)
    return len(teams)


def _move_owned_actions(keep: Person, duplicate: Person) -> int:
    owners = ActionOwner.objects.filter(person=duplicate)
    moved = 0
    for owner in owners:
        if ActionOwner.objects.filter(action_id=owner.action_id, person=keep).exists():
            owner.delete()
        else:
            owner.person = keep
            owner.save()
        moved += 1
    return moved


def _move_deliveries(keep: Person, duplicate: Person) -> None:
    """Reminders and notices already sent to either record count as sent to the one kept."""
    for delivery in ReminderDelivery.objects.filter(person=duplicate):
        if ReminderDelivery.objects.filter(
            person=keep, action_id=delivery.action_id, kind=delivery.kind, period=delivery.period
        ).exists():
            delivery.delete()
        else:
            delivery.person = keep
            delivery.save()
    for summary in OverdueSummaryDelivery.objects.filter(person=duplicate):
        if OverdueSummaryDelivery.objects.filter(
            person=keep, body_id=summary.body_id, week=summary.week
        ).exists():
            summary.delete()
        else:
            summary.person = keep
            summary.save()
    # Notices, and opened drafts, are once per person: one record's count for the one kept.
    for model, fields in (
        (NoticeDelivery, ("meeting_id", "kind", "occasion")),
        (MinutesOpen, ("circulation_id",)),
    ):
        for row in model.objects.filter(person=duplicate):
            if model.objects.filter(person=keep, **{f: getattr(row, f) for f in fields}).exists():
                row.delete()
            else:
                row.person = keep
                row.save()


def _take_over_details(keep: Person, duplicate: Person) -> None:
    for name in FILLED_FROM_DUPLICATE:
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
    keep.is_administrator = keep.is_administrator or duplicate.is_administrator
    if duplicate.user_id and not keep.user_id:
        user = duplicate.user
        duplicate.user = None
        duplicate.save(update_fields=["user"])
        keep.user = user
        keep.invited_at = duplicate.invited_at
    keep.save()
