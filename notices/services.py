"""Writes for notices: sending and scheduling agendas, and planning who is told what when the
minutes move on (``receivers`` calls these on records' lifecycle events).

Planning only writes ``NoticeBatch`` rows (who is to be told what); the batches are sent by
``notices.tasks.send_batch`` once the plan has committed, each notice claimed before it goes
(``notices.delivery``). So planning twice, or a beat that runs twice, sends nobody anything
twice; and a batch whose task was lost (Redis down) is queued again by the sweep.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from meetings.models import Meeting
from partners import rules as partner_rules
from partners.templatetags.minutebook import ukdate

from . import rules, selectors
from .models import AgendaDispatch, Circulation, Kind, MinutesOpen, NoticeBatch, NoticeDelivery

LONDON = ZoneInfo("Europe/London")


# Planning and queueing -------------------------------------------------------------------


def batches_plan(
    *, kind: str, meeting: Meeting | None, occasion: int = 0, person_ids
) -> list[NoticeBatch]:
    """Store the people to tell as batches and queue each once committed. Side effects:
    ``NoticeBatch`` rows; ``notices.send_batch`` tasks after the commit."""
    ids = sorted(set(person_ids))
    size = settings.NOTICE_BATCH_SIZE
    batches = [
        NoticeBatch.objects.create(
            kind=kind, meeting=meeting, occasion=occasion, people=ids[i : i + size]
        )
        for i in range(0, len(ids), size)
    ]
    for batch in batches:
        batch_queue(batch_id=batch.pk)
    return batches


def batch_queue(*, batch_id: int) -> None:
    """Queue the batch's task once the current transaction commits; a broker that cannot be
    reached is no error (the sweep queues unfinished batches again)."""
    from .tasks import publish

    transaction.on_commit(lambda: publish(batch_id))


# Agenda dispatch -------------------------------------------------------------------------


def agenda_send_time(meeting: Meeting, notice_days: int) -> dt.datetime:
    """The morning ``notice_days`` clear days before the meeting (neither the day it is sent
    nor the meeting's day counts), at the notices' hour, Europe/London."""
    day = meeting.date - dt.timedelta(days=notice_days + 1)
    at = dt.time(settings.NOTICE_HOUR, settings.NOTICE_MINUTE)
    return dt.datetime.combine(day, at, tzinfo=LONDON)


@transaction.atomic
def agenda_dispatch(
    *,
    meeting: Meeting,
    user: AbstractBaseUser,
    number: int,
    notice_days: int | None = None,
) -> AgendaDispatch:
    """Send the agenda and papers now (``notice_days`` None), or schedule them for that many
    clear days before the meeting. ``number`` is the sending the page previewed (1, then 2 for
    a revised agenda...): a second press of the same button is refused, not sent twice.

    Side effects: an ``AgendaDispatch``; sent now, its batches (queued after the commit);
    scheduled, the sweep plans them on the day (``agendas_due_queue``)."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if not rules.can_dispatch_agenda(user, meeting):
        raise PermissionDenied
    if number != selectors.next_dispatch_number(meeting):
        raise ValidationError("This agenda has been sent or scheduled already: see below.")
    if not meeting.items.exists():
        raise ValidationError("The agenda has no items yet: add them before sending it.")
    now = timezone.now()
    send_at = now
    if notice_days is not None:
        send_at = agenda_send_time(meeting, notice_days)
        if send_at <= now:
            raise ValidationError(
                {
                    "notice_days": f"{notice_days} clear days before the meeting is "
                    f"{ukdate(send_at.date(), 'day')}, which has passed. Send it now instead."
                }
            )
    waiting = AgendaDispatch.objects.filter(
        meeting=meeting, queued_at__isnull=True, cancelled_at__isnull=True
    )
    waiting.update(cancelled_at=now)  # one sending waits at a time: the latest choice counts
    try:
        with transaction.atomic():
            dispatch = AgendaDispatch.objects.create(
                meeting=meeting,
                number=number,
                send_at=send_at,
                notice_days=notice_days,
                requested_by=partner_rules.person_for(user),
            )
    except IntegrityError as exc:
        raise ValidationError("This agenda has been sent or scheduled already.") from exc
    if notice_days is None:
        _agenda_plan(dispatch, now)
    return dispatch


def _agenda_plan(dispatch: AgendaDispatch, now: dt.datetime) -> None:
    AgendaDispatch.objects.filter(pk=dispatch.pk).update(queued_at=now)
    people = [r.person.pk for r in selectors.agenda_audience(dispatch.meeting)]
    batches_plan(
        kind=Kind.AGENDA, meeting=dispatch.meeting, occasion=dispatch.number, person_ids=people
    )


@transaction.atomic
def agenda_dispatch_cancel(*, dispatch: AgendaDispatch, user: AbstractBaseUser) -> AgendaDispatch:
    """Cancel a scheduled sending that has not gone yet."""
    if not rules.can_dispatch_agenda(user, dispatch.meeting):
        raise PermissionDenied
    cancelled = AgendaDispatch.objects.filter(
        pk=dispatch.pk, queued_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=timezone.now())
    if not cancelled:
        raise ValidationError("That agenda has gone out already, or was cancelled.")
    dispatch.refresh_from_db()
    return dispatch


def agendas_due_queue(*, now: dt.datetime | None = None) -> int:
    """Plan every scheduled agenda whose time has come (the sweep). Each dispatch is claimed
    by a conditional update first, so two sweeps at once plan it once."""
    now = now or timezone.now()
    planned = 0
    due = AgendaDispatch.objects.filter(
        send_at__lte=now, queued_at__isnull=True, cancelled_at__isnull=True
    )
    for dispatch in due.select_related("meeting__body"):
        with transaction.atomic():
            claimed = AgendaDispatch.objects.filter(pk=dispatch.pk, queued_at__isnull=True)
            if claimed.filter(cancelled_at__isnull=True).update(queued_at=now):
                _agenda_plan(dispatch, now)
                planned += 1
    return planned


# The minutes' lifecycle ------------------------------------------------------------------


@transaction.atomic
def circulation_notices_plan(*, meeting: Meeting) -> Circulation | None:
    """Minutes were circulated: record the circulation with the day the secretariat chose for
    comments (kept on the meeting) and tell each member. Safe to call twice for one
    circulation."""
    if meeting.status != Meeting.Status.CIRCULATED or meeting.circulated_at is None:
        return None
    # Minutes circulated before the day could be chosen carry none: the fixed period.
    due = meeting.comments_due or timezone.localdate(meeting.circulated_at) + dt.timedelta(
        days=settings.NOTICE_COMMENT_DAYS
    )
    circulation, created = Circulation.objects.get_or_create(
        meeting=meeting, circulated_at=meeting.circulated_at, defaults={"comments_due": due}
    )
    if created:
        people = [r.person.pk for r in selectors.members_audience(meeting)]
        batches_plan(
            kind=Kind.CIRCULATION, meeting=meeting, occasion=circulation.pk, person_ids=people
        )
    return circulation


@transaction.atomic  # a savepoint: the review page goes on whatever happens here
def minutes_open_record(*, meeting: Meeting, user: AbstractBaseUser) -> None:
    """A logged-in person read circulated minutes: they are not reminded to. One query when
    the minutes are not circulated, two when they are."""
    person = partner_rules.person_for(user)
    if person is None or meeting.status != Meeting.Status.CIRCULATED:
        return
    circulation = Circulation.objects.filter(meeting=meeting).order_by("-circulated_at").first()
    if circulation is not None:
        MinutesOpen.objects.bulk_create(
            [MinutesOpen(circulation=circulation, person=person)], ignore_conflicts=True
        )


@transaction.atomic
def signature_request_plan(*, meeting: Meeting) -> list[NoticeBatch]:
    """Minutes were approved: the chair is told they await her signature."""
    if meeting.status != Meeting.Status.APPROVED:
        return []
    people = [r.person.pk for r in selectors.chair_audience(meeting)]
    return batches_plan(kind=Kind.SIGNATURE_REQUEST, meeting=meeting, person_ids=people)


@transaction.atomic
def signed_notices_plan(*, meeting: Meeting) -> list[NoticeBatch]:
    """Minutes were signed: members get them, and everyone their actions, in one message."""
    if meeting.status != Meeting.Status.SIGNED:
        return []
    people = [r.person.pk for r in selectors.signed_audience(meeting)]
    return batches_plan(kind=Kind.SIGNED, meeting=meeting, person_ids=people)


def _current_circulations(today: dt.date):
    """The latest circulation of each meeting still circulated."""
    later = Circulation.objects.filter(
        meeting_id=OuterRef("meeting_id"), circulated_at__gt=OuterRef("circulated_at")
    )
    return (
        Circulation.objects.filter(meeting__status=Meeting.Status.CIRCULATED)
        .filter(~Exists(later))
        .select_related("meeting__body")
    )


@transaction.atomic
def comment_reminders_plan(*, today: dt.date | None = None) -> int:
    """The daily sweep: a reminder, ``NOTICE_COMMENT_REMINDER_DAYS`` before comments are due,
    to each member who has not opened the draft yet (each once per circulation: the claims)."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=settings.NOTICE_COMMENT_REMINDER_DAYS)
    planned = 0
    circulations = _current_circulations(today).filter(
        comments_due__gte=today, comments_due__lte=soon, circulated_at__date__lt=today
    )
    for circulation in circulations:
        if _planned(Kind.COMMENT_REMINDER, circulation):
            continue
        opened = set(circulation.opens.values_list("person_id", flat=True))
        people = [
            r.person.pk
            for r in selectors.members_audience(circulation.meeting)
            if r.person.pk not in opened
        ]
        batches_plan(
            kind=Kind.COMMENT_REMINDER,
            meeting=circulation.meeting,
            occasion=circulation.pk,
            person_ids=people,
        )
        planned += 1
    return planned


def _planned(kind: str, circulation: Circulation) -> bool:
    """Whether this circulation's notice of ``kind`` has been planned already (once each)."""
    return NoticeBatch.objects.filter(
        kind=kind, meeting_id=circulation.meeting_id, occasion=circulation.pk
    ).exists()


@transaction.atomic
def circulations_ended_plan(*, today: dt.date | None = None) -> int:
    """The daily sweep: when the comments date has passed with comments unresolved, the chair
    is told (once per circulation)."""
    today = today or timezone.localdate()
    open_comments = Q(meeting__accuracy_comments__resolved_at__isnull=True) & Q(
        meeting__accuracy_comments__isnull=False
    )
    planned = 0
    for circulation in (
        _current_circulations(today).filter(comments_due__lt=today).filter(open_comments).distinct()
    ):
        if _planned(Kind.COMMENTS_TO_RESOLVE, circulation):
            continue
        people = [r.person.pk for r in selectors.chair_audience(circulation.meeting)]
        batches_plan(
            kind=Kind.COMMENTS_TO_RESOLVE,
            meeting=circulation.meeting,
            occasion=circulation.pk,
            person_ids=people,
        )
        planned += 1
    return planned


@transaction.atomic
def digests_plan() -> list[NoticeBatch]:
    """The morning digest: everyone with held notices, in batches (one message each)."""
    waiting = NoticeDelivery.objects.filter(sent_at__isnull=True, digest=True, stopped=False)
    people = waiting.values_list("person_id", flat=True).distinct()
    return batches_plan(kind=Kind.DIGEST, meeting=None, person_ids=list(people))


# Keeping it moving -----------------------------------------------------------------------


def stalled_batches_queue(*, now: dt.datetime | None = None) -> int:
    """Queue again every unfinished batch whose task should have run by now (lost with a
    Redis that went down, say). A batch already being sent is not sent twice: its lock."""
    now = now or timezone.now()
    grace = now - dt.timedelta(minutes=settings.NOTICE_STALLED_MINUTES)
    stalled = NoticeBatch.objects.filter(
        done_at__isnull=True, gave_up_at__isnull=True, created_at__lt=grace
    ).filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=grace))
    ids = list(stalled.values_list("pk", flat=True))
    for pk in ids:
        batch_queue(batch_id=pk)
    return len(ids)


@transaction.atomic
def failed_notices_retry(*, body, user: AbstractBaseUser) -> int:
    """The secretariat asks for another try of the body's failed notices (after correcting an
    address, say). Side effects: their stop is lifted and their batches queued again (held
    digest notices go in a digest batch now). Returns how many notices will be tried."""
    if not rules.can_view_outbox(user, body):
        raise PermissionDenied
    failed = NoticeDelivery.objects.filter(
        selectors.STATES["failed"], meeting__body=body
    ).select_for_update()
    rows = list(failed.values_list("pk", "batch_id", "digest", "person_id"))
    NoticeDelivery.objects.filter(pk__in=[r[0] for r in rows]).update(stopped=False)
    batch_ids = {b for _, b, digest, _ in rows if b and not digest}
    NoticeBatch.objects.filter(pk__in=batch_ids).update(
        done_at=None, gave_up_at=None, next_attempt_at=None
    )
    for pk in sorted(batch_ids):
        batch_queue(batch_id=pk)
    held = {p for _, _, digest, p in rows if digest}
    if held:
        batches_plan(kind=Kind.DIGEST, meeting=None, person_ids=held)
    return len(rows)
