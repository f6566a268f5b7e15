"""The minutes lifecycle: draft -> circulated -> approved -> signed, and addenda after signing.

Every transition is a service here. Each checks the order (the status in the database, locked
for the transaction) and the person's right through ``records.rules``; a refusal raises
``TransitionRefused`` with a sentence the page shows as it is.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, MinutesApproval
from meetings.services import meeting_assert_editable
from partners import rules as partner_rules
from partners.models import Person
from partners.templatetags.minutebook import ukdate

from . import events, rules, tasks
from .models import AccuracyComment, Addendum, ChairApproval, RenderJob
from .selectors import comments_window
from .signing import signing_run

COMMENT_MAX_CHARS = 4000


class TransitionRefused(ValidationError):
    """A lifecycle step asked for in the wrong state or by the wrong person."""


def _locked(meeting: Meeting) -> Meeting:
    """The meeting's row, locked until the transaction ends: two clicks cannot both move it."""
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _status_text(meeting: Meeting) -> str:
    return {
        Meeting.Status.DRAFT: "still a draft",
        Meeting.Status.CIRCULATED: "circulated for accuracy",
        Meeting.Status.APPROVED: "already approved",
        Meeting.Status.SIGNED: "signed",
    }[meeting.status]


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise TransitionRefused(message)


def minutes_circulate_refusal(*, meeting: Meeting, user: AbstractBaseUser) -> str:
    """Why ``minutes_circulate`` would refuse this person now, or "" when it is open: the
    confirmation page says so before it asks for the day comments are due."""
    if meeting.status != Meeting.Status.DRAFT:
        return f"Only draft minutes can be circulated; these are {_status_text(meeting)}."
    if not rules.meeting_has_taken_place(meeting):
        return (
            "Minutes are circulated once the meeting has taken place; this one is on "
            f"{ukdate(meeting.date, 'full')}."
        )
    if not rules.can_circulate_minutes(user, meeting):
        return "Only the secretariat can circulate."
    if not meeting.items.exists():
        return "There is nothing to circulate yet: this meeting has no agenda items or minutes."
    return ""


@transaction.atomic
def minutes_circulate(
    *, meeting: Meeting, user: AbstractBaseUser, comments_due: dt.date | None = None
) -> Meeting:
    """Send the draft minutes to the body's members for accuracy, with comments due by
    ``comments_due`` (``None``: ``NOTICE_COMMENT_DAYS`` on, or the next meeting if sooner). The
    day may not have passed, nor come after the body's next meeting (which approves them).

    Side effects: status becomes "circulated" (editing stops until returned to draft) and the
    day is kept on the meeting; once committed, ``events.minutes_circulated`` is sent
    (``notices`` sends each member a link to the draft and that day, and reminds those who have
    not opened it before then).
    """
    meeting = _locked(meeting)
    refusal = minutes_circulate_refusal(meeting=meeting, user=user)
    _require(not refusal, refusal)
    window = comments_window(meeting)
    if comments_due is None:
        comments_due = window.default
    if comments_due < window.earliest:
        raise ValidationError(
            {
                "comments_due": "That day has passed: comments can be due today, "
                f"{ukdate(window.earliest, 'full')}, or later."
            }
        )
    if window.latest is not None and comments_due > window.latest:
        raise ValidationError(
            {
                "comments_due": "Comments must be in by the next meeting, on "
                f"{ukdate(window.latest, 'full')}, which approves the minutes."
            }
        )
    meeting.status = Meeting.Status.CIRCULATED
    meeting.circulated_at = timezone.now()
    meeting.comments_due = comments_due
    meeting.save(update_fields=["status", "circulated_at", "comments_due", "updated_at"])
    events.announce(events.minutes_circulated, meeting=meeting)
    return meeting


@transaction.atomic
def minutes_return_to_draft(*, meeting: Meeting, user: AbstractBaseUser) -> Meeting:
    """Take circulated minutes back to draft so the secretariat can make corrections.

    Side effect: accuracy comments stay as they are, resolved or not, for the secretariat.
    """
    meeting = _locked(meeting)
    _require(
        meeting.status == Meeting.Status.CIRCULATED,
        f"Only circulated minutes can go back to draft; these are {_status_text(meeting)}.",
    )
    _require(rules.can_return_to_draft(user, meeting), "Only the secretariat can do that.")
    meeting.status = Meeting.Status.DRAFT
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


@transaction.atomic
def accuracy_comment_add(
    *, meeting: Meeting, user: AbstractBaseUser, text: str, item: AgendaItem | None = None
) -> AccuracyComment:
    """A member's accuracy comment on circulated minutes (on one item, or on the whole)."""
    meeting = _locked(meeting)
    _require(
        meeting.status == Meeting.Status.CIRCULATED,
        "Comments are taken while the minutes are circulated for accuracy.",
    )
    if not rules.can_comment_on_minutes(user, meeting):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what should be corrected."})
    if len(text) > COMMENT_MAX_CHARS:
        raise ValidationError({"text": f"Keep it under {COMMENT_MAX_CHARS} characters."})
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "That item belongs to another meeting."})
    return AccuracyComment.objects.create(
        meeting=meeting, item=item, author=partner_rules.person_for(user), text=text
    )


@transaction.atomic
def accuracy_comment_resolve(
    *, comment: AccuracyComment, user: AbstractBaseUser, response: str = ""
) -> AccuracyComment:
    """The secretariat marks a comment dealt with, saying what was done."""
    comment = (
        AccuracyComment.objects.select_for_update()
        .select_related("meeting__body")
        .get(pk=comment.pk)
    )
    if not rules.can_resolve_comments(user, comment.meeting):
        raise PermissionDenied
    _require(not comment.is_resolved, "This comment has already been resolved.")
    comment.resolved_at = timezone.now()
    comment.resolved_by = partner_rules.person_for(user)
    comment.response = (response or "").strip()
    comment.save(update_fields=["resolved_at", "resolved_by", "response"])
    return comment


def _approval_check(previous: Meeting, outcome: str) -> None:
    """The one rule for approving minutes, wherever it is recorded: only circulated minutes are
    approved; signed minutes stay as signed (a later meeting may note their approval, never
    correct or reject them: a correction after signing is an addendum)."""
    if previous.status == Meeting.Status.SIGNED:
        _require(
            outcome == MinutesApproval.Outcome.APPROVED,
            "These minutes are already signed: they cannot be rejected or corrected now. "
            "Add an addendum to the signed minutes instead.",
        )
        return
    _require(
        previous.status in (Meeting.Status.CIRCULATED, Meeting.Status.APPROVED),
        "Minutes are approved after they have been circulated; "
        f"these are {_status_text(previous)}.",
    )


def _mark_approved(previous: Meeting, *, announce: bool = True) -> None:
    """Side effect: once committed, ``events.minutes_approved`` (the chair is told)."""
    if previous.status == Meeting.Status.CIRCULATED:
        previous.status = Meeting.Status.APPROVED
        previous.approved_at = timezone.now()
        previous.save(update_fields=["status", "approved_at", "updated_at"])
        if announce:
            events.announce(events.minutes_approved, meeting=previous)


@transaction.atomic
def minutes_approval_record(
    *,
    meeting: Meeting,
    previous_meeting: Meeting,
    outcome: str = MinutesApproval.Outcome.APPROVED,
    corrections: str = "",
    item: AgendaItem | None = None,
    announce: bool = True,
) -> MinutesApproval:
    """Record at ``meeting`` (a later meeting, still a draft) what it decided about
    ``previous_meeting``'s minutes: approved, approved with corrections, or not approved.

    The drafting pages ask ``meetings.rules.can_edit_meeting`` before calling. Side effect: the
    previous meeting moves to "approved" unless the outcome is "not approved", and the chair is
    told (``announce=False``: history loaded as it stood, the demo, tells nobody).
    """
    meeting_assert_editable(meeting)
    previous = _locked(previous_meeting)
    if previous.pk == meeting.pk:
        raise ValidationError({"previous_meeting": "A meeting cannot approve its own minutes."})
    if previous.body_id != meeting.body_id:
        raise ValidationError({"previous_meeting": "Choose a meeting of the same body."})
    if previous.date > meeting.date:
        raise ValidationError(
            {"previous_meeting": "Only an earlier meeting's minutes can be approved."}
        )
    corrections = (corrections or "").strip()
    if outcome == MinutesApproval.Outcome.CORRECTED and not corrections:
        raise ValidationError({"corrections": "Record the corrections made."})
    _approval_check(previous, outcome)
    approval, _ = MinutesApproval.objects.update_or_create(
        meeting=meeting,
        previous_meeting=previous,
        defaults={"outcome": outcome, "corrections": corrections, "item": item},
    )
    if outcome != MinutesApproval.Outcome.NOT_APPROVED:
        _mark_approved(previous, announce=announce)
    return approval


@transaction.atomic
def minutes_approve(
    *,
    meeting: Meeting,
    user: AbstractBaseUser,
    corrections: str = "",
    approving_meeting: Meeting | None = None,
    item: AgendaItem | None = None,
) -> Meeting:
    """Record that circulated minutes were approved, with any corrections.

    Normally approval is recorded at a later meeting's "minutes of the previous meeting" item
    (``approving_meeting``: ``minutes_approval_record``). Without one, the chair or
    secretariat records it directly, e.g. for a body that approves by correspondence; the
    corrections are kept with the approval.
    Side effect: status becomes "approved"; the chair may now sign.
    """
    meeting = _locked(meeting)
    _require(
        meeting.status == Meeting.Status.CIRCULATED,
        f"Minutes are approved after they have been circulated; these are {_status_text(meeting)}.",
    )
    _require(
        rules.can_approve_minutes(user, meeting),
        "Only the chair, vice-chair or secretariat can record approval.",
    )
    corrections = (corrections or "").strip()
    if approving_meeting is not None:
        outcome = (
            MinutesApproval.Outcome.CORRECTED if corrections else MinutesApproval.Outcome.APPROVED
        )
        minutes_approval_record(
            meeting=approving_meeting,
            previous_meeting=meeting,
            outcome=outcome,
            corrections=corrections,
            item=item,
        )
        meeting.refresh_from_db()
        return meeting
    person = partner_rules.person_for(user)
    if person is None:
        raise TransitionRefused("Approval must be recorded by a named person.")
    ChairApproval.objects.create(meeting=meeting, approved_by=person, corrections=corrections)
    _mark_approved(meeting)
    return meeting


def _sign_check(meeting: Meeting, user: AbstractBaseUser) -> None:
    _require(
        meeting.status == Meeting.Status.APPROVED,
        f"Only approved minutes can be signed; these are {_status_text(meeting)}.",
    )
    _require(
        rules.meeting_has_taken_place(meeting),
        "Minutes are signed after the meeting has taken place.",
    )
    _require(
        rules.can_sign_minutes(user, meeting),
        "Only the chair, the vice-chair or the person who chaired the meeting can sign.",
    )


def _password_check(request: HttpRequest, user: AbstractBaseUser, password: str) -> None:
    """The signer re-enters their password. It is checked through ``authenticate`` so that
    django-axes counts a wrong one as a failed login, and refuses a locked-out account."""
    wrong = ValidationError({"password": "That password is not right. Enter your own password."})
    if not password:
        raise wrong
    confirmed = authenticate(request, username=user.get_username(), password=password)
    if getattr(request, "axes_locked_out", False):
        raise ValidationError(
            {
                "password": "Too many wrong passwords: this account is locked for a while. "
                "Try again later, or ask an administrator to unlock it."
            }
        )
    if confirmed is None or confirmed.pk != user.pk:
        raise wrong


def minutes_sign(
    *, meeting: Meeting, user: AbstractBaseUser, password: str, request: HttpRequest
) -> RenderJob:
    """The chair (or vice-chair, or whoever chaired) signs approved minutes.

    Checks the order and the signer, then the password (``request`` is the signer's, for
    django-axes). The password is checked outside any transaction of ours, so a failed attempt
    is counted even though signing is refused.
    Side effects: creates the signing job and, once committed, queues ``records.sign_minutes``
    (run in-process when tasks run eagerly). The job freezes the record, renders and signs the
    PDFs and marks the meeting signed (``records.signing``); until then it stays approved.
    """
    _sign_check(meeting, user)
    _password_check(request, user, password)
    with transaction.atomic():
        meeting = _locked(meeting)
        _sign_check(meeting, user)
        signing = RenderJob.objects.filter(
            meeting=meeting,
            kind=RenderJob.Kind.SIGNING,
            state__in=(RenderJob.State.QUEUED, RenderJob.State.RUNNING),
        )
        _require(not signing.exists(), "These minutes are already being signed.")
        job = RenderJob.objects.create(
            meeting=meeting,
            kind=RenderJob.Kind.SIGNING,
            requested_by=partner_rules.person_for(user),
            stage="Waiting to start",
        )
        transaction.on_commit(lambda: tasks.sign_minutes.delay(job_id=job.pk))
    return job


def minutes_sign_as(*, meeting: Meeting, signer: Person) -> Meeting:
    """Sign approved minutes for ``signer`` in this process, without a password: for loading
    minutes already signed on paper (the demo). No page calls it; signing from a page is
    ``minutes_sign``. Side effects as ``minutes_sign``, done before it returns (the files once
    the caller's transaction commits)."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    _require(
        meeting.status == Meeting.Status.APPROVED and rules.meeting_has_taken_place(meeting),
        f"Only approved minutes of a past meeting can be signed; these are {_status_text(meeting)}.",
    )
    job = RenderJob.objects.create(
        meeting=meeting, kind=RenderJob.Kind.SIGNING, requested_by=signer, stage="Starting"
    )
    signing_run(job_id=job.pk, announce=False)  # signed on paper: nobody is sent it now
    meeting.refresh_from_db()
    return meeting


@transaction.atomic
def addendum_add(*, meeting: Meeting, user: AbstractBaseUser, text: str) -> Addendum:
    """A correction after signing: a new, dated record beside the minutes, never an edit."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    _require(
        meeting.status == Meeting.Status.SIGNED,
        "Addenda are for signed minutes; change the draft instead.",
    )
    if not rules.can_add_addendum(user, meeting):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the correction."})
    return Addendum.objects.create(
        meeting=meeting, author=partner_rules.person_for(user), text=text
    )
