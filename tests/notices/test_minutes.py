"""The minutes' lifecycle tells people: circulation to members with the date comments are due,
a reminder to those who have not opened the draft, the chair when there is something to sign or
resolve, and the signed minutes with each person's actions. Read per role from a real SMTP
server; every send is run twice and nobody gets anything twice."""

import datetime as dt

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from meetings.models import Attendance, Meeting
from notices import services
from notices.models import Circulation, Kind, MinutesOpen, NoticeDelivery
from records import services as lifecycle
from tests.factories import ActionFactory, ActionOwnerFactory, AttendanceFactory
from tests.records.conftest import move, sign

from .conftest import (
    MARKER,
    agenda_meeting,
    attachments,
    day_month,
    everything,
    inbox,
    send_all,
    subject,
    text_of,
)

pytestmark = pytest.mark.django_db

MEMBERS = ("chair", "secretariat", "member", "quiet", "digest")
AT_ONCE = ("chair", "secretariat", "member", "quiet")  # Dora takes minutes in the digest


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def held(cast):
    """A meeting held 16 days ago, chaired by the chair, with an action on each item: the
    member's on the open item, the officer's (not a member) on the confidential one."""
    meeting = agenda_meeting(cast, timezone.localdate() - dt.timedelta(days=16))
    AttendanceFactory(meeting=meeting, person=cast.chair, chaired=True)
    open_item, secret = meeting.items.order_by("position")
    for item, number, owner, text in (
        (open_item, 1, cast.member, "Publish the fund criteria"),
        (secret, 2, cast.officer, "Consult the unions"),
    ):
        action = ActionFactory(
            meeting=meeting,
            item=item,
            number=number,
            description=text,
            due_date=timezone.localdate() + dt.timedelta(days=30),
        )
        ActionOwnerFactory(action=action, person=owner)
    return meeting


def circulate(meeting, cast) -> Circulation:
    with TestCase.captureOnCommitCallbacks(execute=True):
        lifecycle.minutes_circulate(meeting=meeting, user=cast.secretariat.user)
    return Circulation.objects.get(meeting=meeting)


def test_circulation_tells_each_member_once_with_the_link_and_the_date_comments_are_due(
    cast, held, smtp
):
    circulation = circulate(held, cast)
    send_all()
    services.circulation_notices_plan(meeting=Meeting.objects.get(pk=held.pk))  # once more
    send_all()

    due = timezone.localdate() + dt.timedelta(days=14)
    received = inbox(smtp)
    assert circulation.comments_due == due
    assert sorted(received) == cast.emails(*AT_ONCE)
    assert [len(m) for m in received.values()] == [1] * len(AT_ONCE)
    [message] = received[cast.quiet.email]
    assert subject(message) == (
        f"SIIG {day_month(held.date)}: draft minutes for your comments by {day_month(due)}"
    )
    text = text_of(message)
    assert f"by {due:%A} {due.day} {due:%B %Y}." in text
    assert "http://testserver" + reverse("minutes_review", args=[held.pk]) in text
    assert MARKER not in everything(message)  # a link, never the draft's text
    held_row = NoticeDelivery.objects.get(person=cast.digest, kind=Kind.CIRCULATION)
    assert (held_row.digest, held_row.sent_at) == (True, None)


def test_reminder_goes_before_the_date_to_members_who_have_not_opened_the_draft(
    cast, held, smtp, client
):
    circulation = circulate(held, cast)
    send_all()
    client.force_login(cast.member.user)
    client.get(reverse("minutes_review", args=[held.pk]))  # Valerie reads it
    client.get(reverse("minutes_review", args=[held.pk]))
    smtp.messages.clear()

    day = circulation.comments_due - dt.timedelta(days=3)
    too_early = services.comment_reminders_plan(today=day - dt.timedelta(days=1))
    planned = [services.comment_reminders_plan(today=day) for _ in range(2)]
    send_all()
    send_all()

    assert list(MinutesOpen.objects.values_list("person__name", flat=True)) == ["Valerie Hayllor"]
    assert (too_early, planned) == (0, [1, 0])
    assert sorted(inbox(smtp)) == cast.emails("chair", "secretariat", "quiet")
    [message] = inbox(smtp)[cast.quiet.email]
    due = circulation.comments_due
    assert subject(message) == (
        f"SIIG {day_month(held.date)}: reminder, comments on the draft minutes are due by "
        f"{day_month(due)}"
    )


def test_the_day_chosen_on_the_page_is_in_the_message_and_times_the_reminder(
    cast, held, smtp, client
):
    due = timezone.localdate() + dt.timedelta(days=6)
    client.force_login(cast.secretariat.user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("minutes_circulate", args=[held.pk]), {"comments_due": due.isoformat()})
    send_all()
    [circulated] = inbox(smtp)[cast.quiet.email]
    client.force_login(cast.member.user)
    client.get(reverse("minutes_review", args=[held.pk]))  # Valerie reads it
    smtp.messages.clear()

    early = services.comment_reminders_plan(today=due - dt.timedelta(days=4))
    on_time = services.comment_reminders_plan(today=due - dt.timedelta(days=3))
    send_all()

    assert subject(circulated) == (
        f"SIIG {day_month(held.date)}: draft minutes for your comments by {day_month(due)}"
    )
    assert f"by {due:%A} {due.day} {due:%B %Y}." in text_of(circulated)
    assert (early, on_time) == (0, 1)
    assert sorted(inbox(smtp)) == cast.emails("chair", "secretariat", "quiet")
    [reminder] = inbox(smtp)[cast.quiet.email]
    assert subject(reminder) == (
        f"SIIG {day_month(held.date)}: reminder, comments on the draft minutes are due by "
        f"{day_month(due)}"
    )
    heading = f"Reminder: comments on the draft minutes are due by {due:%A} {due.day} {due:%B %Y}"
    assert text_of(reminder).splitlines()[2] == heading.upper()


def test_digest_gathers_held_notices_into_one_morning_message(cast, held, smtp):
    circulation = circulate(held, cast)
    send_all()
    services.comment_reminders_plan(today=circulation.comments_due - dt.timedelta(days=1))
    send_all()
    before = len(inbox(smtp).get(cast.digest.email, []))

    services.digests_plan()
    services.digests_plan()  # a second morning run finds nothing new
    send_all()
    send_all()

    [message] = inbox(smtp)[cast.digest.email]
    tag = f"SIIG {day_month(held.date)}"
    assert before == 0
    assert subject(message) == (
        f"Your Minutebook digest, {timezone.localdate().day} "
        f"{timezone.localdate():%B %Y}: {tag} draft minutes; {tag} reminder to comment"
    )
    text = text_of(message)
    assert text.index("DRAFT MINUTES FOR YOUR COMMENTS") < text.index("REMINDER: COMMENTS")
    rows = NoticeDelivery.objects.filter(person=cast.digest).order_by("kind")
    assert [(r.kind, r.digest, r.sent_at is not None) for r in rows] == [
        (Kind.CIRCULATION, True, True),
        (Kind.COMMENT_REMINDER, True, True),
    ]


def test_approval_tells_the_chair_once_that_the_minutes_await_her_signature(cast, held, smtp):
    move(held, "circulated")
    with TestCase.captureOnCommitCallbacks(execute=True):
        lifecycle.minutes_approve(meeting=held, user=cast.secretariat.user)
    send_all()
    services.signature_request_plan(meeting=Meeting.objects.get(pk=held.pk))
    send_all()

    assert sorted(inbox(smtp)) == [cast.chair.email]
    [message] = inbox(smtp)[cast.chair.email]
    assert subject(message) == (
        f"SIIG {day_month(held.date)}: minutes approved and ready for your signature"
    )
    assert "http://testserver" + reverse("minutes_sign", args=[held.pk]) in text_of(message)


def test_circulation_ending_with_comments_to_resolve_tells_the_chair_once(cast, held, smtp):
    circulation = circulate(held, cast)
    lifecycle.accuracy_comment_add(
        meeting=Meeting.objects.get(pk=held.pk), user=cast.member.user, text="Spelling of my name"
    )
    send_all()
    smtp.messages.clear()

    on_the_day = services.circulations_ended_plan(today=circulation.comments_due)
    after = [
        services.circulations_ended_plan(today=circulation.comments_due + dt.timedelta(days=1))
        for _ in range(2)
    ]
    send_all()

    assert (on_the_day, after) == (0, [1, 0])
    [message] = inbox(smtp)[cast.chair.email]
    assert sorted(inbox(smtp)) == [cast.chair.email]
    assert subject(message) == (
        f"SIIG {day_month(held.date)}: comments closed, 1 comment to resolve"
    )


def test_a_vice_chair_is_told_only_when_the_body_has_no_chair(cast, held, smtp):
    from partners.models import Membership
    from tests.factories import MembershipFactory

    vice = MembershipFactory(body=cast.body, role=Membership.Role.VICE_CHAIR).person
    Attendance.objects.filter(meeting=held).update(chaired=False)
    Membership.objects.filter(person=cast.chair).delete()
    move(held, "approved")

    services.signature_request_plan(meeting=held)
    send_all()

    assert sorted(inbox(smtp)) == [vice.email]


def test_signed_minutes_reach_members_with_their_actions_and_others_only_their_own(
    cast, held, smtp
):
    cast.member.notice_attach_pdf = True
    cast.member.save()
    move(held, "approved")
    sign(held, cast.chair.user)  # the worker's commit announces it
    send_all()
    services.signed_notices_plan(meeting=Meeting.objects.get(pk=held.pk))  # and again
    send_all()

    received = inbox(smtp)
    assert sorted(received) == cast.emails(*AT_ONCE, "officer")
    assert [len(m) for m in received.values()] == [1] * (len(AT_ONCE) + 1)
    tag = f"SIIG {day_month(held.date)}"
    [member] = received[cast.member.email]
    assert subject(member) == f"{tag}: signed minutes and your 1 action"
    assert attachments(member) == [
        (f"siig-minutes-{held.date:%Y-%m-%d}-signed.pdf", "application/pdf")
    ]
    member_text = text_of(member)
    reference = Action.objects.get(description="Publish the fund criteria").reference
    assert f"Action {reference}: Publish the fund criteria" in member_text
    assert "Consult the unions" not in member_text  # not hers
    [quiet] = received[cast.quiet.email]
    assert (subject(quiet), attachments(quiet)) == (f"{tag}: signed minutes", [])
    # The officer: her own action, its confidential item unnamed; no minutes, no PDF.
    [officer] = received[cast.officer.email]
    assert subject(officer) == f"{tag}: your 1 action from the signed minutes"
    officer_text = everything(officer)
    assert "Consult the unions" in officer_text
    assert "From item 2 (confidential)." in text_of(officer)
    assert MARKER not in officer_text and "Staffing" not in officer_text
    assert "/minutes" not in officer_text and attachments(officer) == []


def test_minutes_back_to_draft_before_the_message_went_stop_it_with_the_reason(cast, held, smtp):
    circulate(held, cast)
    lifecycle.minutes_return_to_draft(
        meeting=Meeting.objects.get(pk=held.pk), user=cast.secretariat.user
    )
    send_all()

    rows = NoticeDelivery.objects.filter(kind=Kind.CIRCULATION, digest=False)
    assert smtp.messages == []
    assert set(rows.values_list("stopped", "error")) == {(True, "The minutes are draft now.")}
