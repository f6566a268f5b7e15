"""Delivery you can trust: each notice claimed before it goes, kept with its reason when the
mail server fails, tried again without repeating what was accepted, stopped when the server
refuses an address for good, and all of it in the outbox."""

import pytest

from notices import services
from notices.delivery import notice_batch_send
from notices.models import Kind, NoticeBatch, NoticeDelivery, NoticeFailure
from tests.actions.smtp import free_port

from .conftest import inbox, send_all

pytestmark = pytest.mark.django_db

AT_ONCE = ("chair", "secretariat", "member", "quiet", "digest", "officer")


@pytest.fixture
def sent_agenda(cast, upcoming):
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
    return NoticeBatch.objects.get(kind=Kind.AGENDA)


def test_a_temporary_failure_is_kept_with_its_reason_and_the_retry_sends_only_the_rest(
    cast, sent_agenda, smtp
):
    smtp.replies = ["451 4.3.0 Mailbox busy, try later"]  # the first message

    first = notice_batch_send(batch_id=sent_agenda.pk)
    second = notice_batch_send(batch_id=sent_agenda.pk)
    third = notice_batch_send(batch_id=sent_agenda.pk)  # done: sends nothing

    assert (first.messages, first.failures, first.retry) == (len(AT_ONCE) - 1, 1, True)
    assert (second.messages, second.failures, second.retry) == (1, 0, False)
    assert third.messages == 0
    assert sorted(inbox(smtp)) == cast.emails(*AT_ONCE)
    assert len(smtp.messages) == len(AT_ONCE)
    failure = NoticeFailure.objects.get()
    assert (failure.delivery.person, failure.reason) == (
        cast.chair,
        "451 4.3.0 Mailbox busy, try later",
    )
    chair = NoticeDelivery.objects.get(person=cast.chair)
    assert (chair.attempts, chair.sent_at is not None, chair.error) == (
        2,
        True,
        "451 4.3.0 Mailbox busy, try later",
    )
    sent_agenda.refresh_from_db()
    assert (sent_agenda.attempts, sent_agenda.done_at is not None) == (2, True)


def test_an_address_refused_for_good_is_stopped_not_retried_until_asked(cast, sent_agenda, smtp):
    smtp.refused = {cast.officer.email}

    first = notice_batch_send(batch_id=sent_agenda.pk)
    officer = NoticeDelivery.objects.get(person=cast.officer)
    stopped = (officer.stopped, officer.error)
    smtp.refused = set()
    again = notice_batch_send(batch_id=sent_agenda.pk)  # done already: nothing
    retried = services.failed_notices_retry(body=cast.body, user=cast.secretariat.user)
    send_all()

    assert (first.failures, first.retry) == (1, False)
    assert stopped == (True, "550 5.1.1 No such mailbox here")
    assert (again.messages, retried) == (0, 2)  # the officer, and Nemo with no address
    assert sorted(inbox(smtp)) == cast.emails(*AT_ONCE)
    assert len(smtp.messages) == len(AT_ONCE)


def test_a_mail_server_that_cannot_be_reached_fails_every_notice_with_the_reason(
    cast, sent_agenda, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    result = notice_batch_send(batch_id=sent_agenda.pk)

    rows = NoticeDelivery.objects.filter(stopped=False)
    assert (result.failures, result.retry, result.messages) == (len(AT_ONCE), True, 0)
    assert {r.error.split(":")[0] for r in rows} == {"ConnectionRefusedError"}
    assert NoticeFailure.objects.count() == len(AT_ONCE)


def test_a_notice_claimed_by_another_live_batch_is_not_sent_by_this_one(cast, upcoming, smtp):
    """Two plans of one notice (two sweeps, a double click that got through): one claim."""
    services.batches_plan(
        kind=Kind.AGENDA, meeting=upcoming, occasion=1, person_ids=[cast.member.pk]
    )
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)

    send_all()

    assert [m["To"] for m in smtp.messages].count(cast.member.email) == 1
    assert NoticeDelivery.objects.filter(person=cast.member).count() == 1


def test_a_batch_given_up_is_shown_failed_and_sent_when_the_secretariat_asks(
    cast, sent_agenda, smtp
):
    smtp.replies = ["421 4.7.0 Too many connections"] * len(AT_ONCE)
    notice_batch_send(batch_id=sent_agenda.pk)
    from notices.delivery import notice_batch_give_up

    notice_batch_give_up(batch_id=sent_agenda.pk)
    after_giving_up = send_all()

    count = services.failed_notices_retry(body=cast.body, user=cast.secretariat.user)
    send_all()

    assert after_giving_up == []
    assert count == len(AT_ONCE) + 1  # with Nemo, who has no address
    assert sorted(inbox(smtp)) == cast.emails(*AT_ONCE)


def test_merging_a_duplicate_person_keeps_one_notice_each(cast, sent_agenda, smtp):
    from directory.services import person_merge
    from tests.factories import MembershipFactory, PersonFactory

    duplicate = PersonFactory(name="Valerie Hayllor", email="v.hayllor@example.org")
    MembershipFactory(person=duplicate, body=cast.body)
    services.batches_plan(
        kind=Kind.AGENDA, meeting=sent_agenda.meeting, occasion=1, person_ids=[duplicate.pk]
    )
    send_all()

    person_merge(keep=cast.member, duplicate=duplicate)

    assert list(
        NoticeDelivery.objects.filter(person=cast.member).values_list("kind", "occasion")
    ) == [(Kind.AGENDA, 1)]
