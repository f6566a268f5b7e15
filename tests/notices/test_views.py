"""The secretariat's pages: the agenda's preview and sending, the outbox (who was sent what,
every failure with its reason), the buttons that lead there, and the profile's preference."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notices import services
from notices.delivery import notice_batch_send
from notices.models import AgendaDispatch, Kind, NoticeBatch, NoticeDelivery, NoticeFailure
from partners.models import Person
from tests.factories import MembershipFactory, PersonFactory
from tests.html import texts

from .conftest import agenda_meeting

pytestmark = pytest.mark.django_db


def test_agenda_page_shows_who_gets_what_before_sending(client, cast, upcoming):
    client.force_login(cast.secretariat.user)

    response = client.get(reverse("notices_agenda_dispatch", args=[upcoming.pk]))

    preview = response.context["preview"]
    rows = [
        (r.recipient.person.name, r.recipient.label, r.items, r.confidential, r.papers, r.links)
        for r in preview.rows
    ]
    assert response.status_code == 200
    assert rows == [
        ("Dora Digest", "Member", 2, 1, 2, 2),
        ("Jessica May", "Chair", 2, 1, 2, 2),
        ("Olive Officer", "Not a member, in attendance", 1, 0, 1, 1),  # a link of her own
        ("Quentin Quiet", "Member", 2, 1, 2, 2),
        ("Sonia Thomson", "Secretariat", 2, 1, 2, 2),
        ("Valerie Hayllor", "Member", 2, 1, 2, 2),
    ]
    assert [r.person.name for r in preview.without_email] == ["Nemo Noaddress"]
    assert "Send to 6 people" in response.content.decode()


def test_agenda_page_shows_the_registers_own_paper_links(client, cast, upcoming):
    client.force_login(cast.secretariat.user)

    response = client.get(reverse("notices_agenda_dispatch", args=[upcoming.pk]))

    officer = [r for r in response.context["preview"].rows if r.recipient.person == cast.officer]
    assert [(r.items, r.papers, r.links) for r in officer] == [(1, 1, 1)]
    assert texts(response, "//tr[th[contains(., 'Olive Officer')]]/td[2]") == [
        "Open items only: 1 item, 1 paper, 1 with a link of their own"
    ]


def test_agenda_page_sends_and_says_so(client, cast, upcoming):
    client.force_login(cast.secretariat.user)

    response = client.post(
        reverse("notices_agenda_dispatch", args=[upcoming.pk]),
        {"when": "now", "number": 1},
        follow=True,
    )

    batch = NoticeBatch.objects.get()
    assert [str(m) for m in response.context["messages"]] == [
        "The agenda is on its way. The outbox shows each message as it goes."
    ]
    assert (batch.kind, batch.meeting, batch.occasion) == (Kind.AGENDA, upcoming, 1)
    assert len(batch.people) == 7  # Nemo too: the outbox will say why he was not sent it


def test_agenda_page_schedules_and_says_when(client, cast, upcoming):
    client.force_login(cast.secretariat.user)

    response = client.post(
        reverse("notices_agenda_dispatch", args=[upcoming.pk]),
        {"when": "schedule", "notice_days": 5, "number": 1},
        follow=True,
    )

    day = upcoming.date - dt.timedelta(days=6)
    assert [str(m) for m in response.context["messages"]] == [
        f"The agenda will be sent on {day:%a} {day.day} {day:%B %Y} at 07:00, "
        "5 clear days before the meeting."
    ]
    assert (AgendaDispatch.objects.get().queued_at, NoticeBatch.objects.count()) == (None, 0)


def test_agenda_page_asks_for_the_days_when_scheduling(client, cast, upcoming):
    client.force_login(cast.secretariat.user)

    response = client.post(
        reverse("notices_agenda_dispatch", args=[upcoming.pk]), {"when": "schedule", "number": 1}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "notice_days": ["Say how many clear days before the meeting."]
    }


def test_agenda_page_of_a_past_meeting_offers_nothing_to_send(client, cast):
    held = agenda_meeting(cast, timezone.localdate() - dt.timedelta(days=3))
    client.force_login(cast.secretariat.user)

    response = client.get(reverse("notices_agenda_dispatch", args=[held.pk]))

    assert response.context["can_dispatch"] is False
    assert "This meeting has taken place" in response.content.decode()


def test_meeting_page_offers_send_agenda_to_the_secretariat_only(client, cast, upcoming):
    url = reverse("notices_agenda_dispatch", args=[upcoming.pk])
    seen = {}
    for who in ("secretariat", "chair", "member"):
        client.force_login(getattr(cast, who).user)
        seen[who] = (
            url in client.get(reverse("meeting_detail", args=[upcoming.pk])).content.decode()
        )
    assert seen == {"secretariat": True, "chair": False, "member": False}


def _notices(cast, meeting, count: int) -> None:
    """``count`` people sent the agenda, one of them after a failure."""
    people = [PersonFactory() for _ in range(count)]
    for p in people:
        MembershipFactory(person=p, body=cast.body)
    batch = services.batches_plan(
        kind=Kind.AGENDA, meeting=meeting, occasion=1, person_ids=[p.pk for p in people]
    )[0]
    AgendaDispatch.objects.create(meeting=meeting, number=1, send_at=timezone.now())
    notice_batch_send(batch_id=batch.pk)
    failed = NoticeDelivery.objects.filter(person=people[0]).get()
    NoticeFailure.objects.create(delivery=failed, reason="451 4.3.0 Mailbox busy")


def test_outbox_lists_who_was_sent_what_with_every_failure(client, cast, upcoming, mailoutbox):
    _notices(cast, upcoming, 2)
    NoticeDelivery.objects.filter(pk=NoticeDelivery.objects.first().pk).update(
        sent_at=None, error="451 4.3.0 Mailbox busy"
    )
    client.force_login(cast.secretariat.user)

    page = client.get(reverse("notices_outbox", args=[cast.body.slug]))
    failed = client.get(reverse("notices_outbox", args=[cast.body.slug]), {"state": "failed"})

    html = page.content.decode()
    assert page.context["counts"] == {"sent": 1, "failed": 1, "waiting": 0}
    assert "451 4.3.0 Mailbox busy" in html and "Try the 1 failed notice again" in html
    assert [n.error for n in failed.context["page"].object_list] == ["451 4.3.0 Mailbox busy"]


def test_outbox_reads_in_the_same_number_of_queries_however_many_notices(
    client, cast, upcoming, mailoutbox
):
    client.force_login(cast.secretariat.user)
    url = reverse("notices_outbox", args=[cast.body.slug])
    counts = []
    for size in (2, 12):
        NoticeDelivery.objects.all().delete()
        AgendaDispatch.objects.all().delete()
        _notices(cast, upcoming, size)
        client.get(url)  # warm the session and the user's rules
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_profile_saves_how_notices_come(client, cast):
    client.force_login(cast.member.user)

    client.post(
        reverse("profile"),
        {
            "reminder_timing": "daily",
            "remind_before_due": "on",
            "notice_timing": "digest",
            "notice_attach_pdf": "on",
        },
    )

    cast.member.refresh_from_db()
    assert (cast.member.notice_timing, cast.member.notice_attach_pdf) == (
        Person.NoticeTiming.DIGEST,
        True,
    )


def test_review_page_records_an_open_only_while_the_minutes_are_circulated(client, cast):
    from notices.models import Circulation, MinutesOpen
    from tests.records.conftest import move

    held = agenda_meeting(cast, timezone.localdate() - dt.timedelta(days=3))
    client.force_login(cast.member.user)
    url = reverse("minutes_review", args=[held.pk])
    move(held, "circulated", circulated_at=timezone.now())
    circulation = Circulation.objects.create(
        meeting=held, circulated_at=held.circulated_at, comments_due=timezone.localdate()
    )

    client.get(url)
    client.get(url)
    move(held, "approved")
    client.force_login(cast.chair.user)
    client.get(url)

    assert list(MinutesOpen.objects.values_list("circulation", "person")) == [
        (circulation.pk, cast.member.pk)
    ]


def test_agenda_page_reads_in_the_same_number_of_queries_however_many_people(
    client, cast, upcoming
):
    from tests.factories import AgendaItemFactory

    client.force_login(cast.secretariat.user)
    url = reverse("notices_agenda_dispatch", args=[upcoming.pk])
    counts = []
    for extra in (0, 10):
        for n in range(extra):
            MembershipFactory(body=cast.body)
            AgendaItemFactory(meeting=upcoming, position=100 + n + len(counts) * 10)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append((len(queries), len(response.context["preview"].rows)))
    assert counts[0][0] == counts[1][0]
    assert (counts[0][1], counts[1][1]) == (6, 16)
