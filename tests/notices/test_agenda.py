"""Agenda dispatch: members and the people on the register get the agenda through a real SMTP
server, each with what they may see; nobody gets it twice; a scheduled one goes on its day."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.models import Paper
from notices import services
from notices.models import AgendaDispatch, Kind, NoticeDelivery

from .conftest import (
    MARKER,
    agenda_meeting,
    day_month,
    everything,
    html_of,
    inbox,
    send_all,
    subject,
    text_of,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
RECIPIENTS = ("chair", "secretariat", "member", "quiet", "digest", "officer")


def paper_url(reference: str) -> str:
    paper = Paper.objects.get(reference=reference)
    return "http://testserver" + reverse("paper_download", args=[paper.pk])


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def test_agenda_goes_once_to_members_and_the_register_each_seeing_what_they_may(
    cast, upcoming, smtp
):
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
    first = send_all()
    again = send_all()  # a batch sent twice sends nothing twice

    received = inbox(smtp)
    assert sorted(received) == cast.emails(*RECIPIENTS)
    assert [len(messages) for messages in received.values()] == [1] * len(RECIPIENTS)
    assert (first[0].messages, again) == (len(RECIPIENTS), [])
    assert smtp.connections() == 1  # one batch, one SMTP connection
    [member] = received[cast.member.email]
    [officer] = received[cast.officer.email]
    expected = f"SIIG {day_month(upcoming.date)}: agenda and papers"
    assert (subject(member), subject(officer)) == (expected, expected)
    # Members: every item, links to both papers and the agenda pack.
    member_text = text_of(member)
    assert MARKER in member_text
    assert paper_url("Paper 1") in member_text and paper_url("Paper 2") in member_text
    assert f'href="{paper_url("Paper 2")}"' in html_of(member)
    assert "http://testserver" + reverse("agenda_pdf", args=[upcoming.pk]) in member_text
    # The officer in attendance: the open item with a link of their own to its paper; nothing
    # confidential, none of the members' links (they would refuse them).
    officer_text = everything(officer)
    assert MARKER not in officer_text
    assert "Severance" not in officer_text
    assert paper_url("Paper 1") not in officer_text and "agenda.pdf" not in officer_text
    assert "1 Innovation fund" in text_of(officer)
    [own] = LINK.findall(text_of(officer))
    assert f"   - Paper 1 Innovation fund criteria: {own}" in text_of(officer)
    assert "One confidential item is for members of SIIG only" in text_of(officer)


LINK = re.compile(r"http://testserver/papers/for/[^\s/]+/")


@pytest.mark.parametrize("publishes", [True, False])
def test_the_register_gets_links_of_their_own_that_open_open_papers_without_a_login(
    client, cast, smtp, publishes
):
    cast.body.publishes = publishes
    cast.body.save()
    meeting = agenda_meeting(cast, timezone.localdate() + dt.timedelta(days=14))

    services.agenda_dispatch(meeting=meeting, user=cast.secretariat.user, number=1)
    send_all()

    [officer] = inbox(smtp)[cast.officer.email]
    text = text_of(officer)
    [link] = LINK.findall(text)
    assert f'href="{link}"' in html_of(officer)
    assert "/public/" not in everything(officer)
    closing = text.split("\n\n")[-2].replace("\n", " ")
    assert closing == (
        "You are sent the open items because you are expected at this meeting. The links to "
        "papers are yours: they open without logging in, so please do not forward them."
    )
    download = client.get(link.removeprefix("http://testserver"))
    assert (download.status_code, download["Content-Type"]) == (200, "application/pdf")
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n"


def test_a_registers_paper_link_stops_when_they_leave_the_register_or_the_item_turns_confidential(
    client, cast, upcoming, smtp
):
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
    send_all()
    [link] = LINK.findall(text_of(inbox(smtp)[cast.officer.email][0]))
    path = link.removeprefix("http://testserver")
    item = Paper.objects.get(reference="Paper 1").item

    item.confidential, item.exempt_reason = True, "Commercial terms"
    item.save()
    turned = client.get(path)
    item.confidential, item.exempt_reason = False, ""
    item.save()
    reopened = client.get(path)
    upcoming.attendances.filter(person=cast.officer).delete()
    left = client.get(path)
    tampered = client.get(path[:-3] + "xx/")

    assert [r.status_code for r in (turned, reopened, left, tampered)] == [404, 200, 404, 404]
    assert "no longer available through this link" in left.content.decode()
    assert "not valid" in tampered.content.decode()


def test_agenda_text_reads_in_plain_english_with_uk_dates(cast, upcoming, smtp):
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
    send_all()

    [message] = inbox(smtp)[cast.quiet.email]
    text = text_of(message)
    when = f"{upcoming.date:%A} {upcoming.date.day} {upcoming.date:%B %Y}, 1pm to 3pm, Civic Centre"
    assert text.startswith(
        f"Dear {cast.quiet.display_name},\n\n"
        f"AGENDA: Sunderland Innovation and Improvement Group, Meeting\n{when}\n"
    )
    html = html_of(message)
    assert html.startswith('<!doctype html>\n<html lang="en-GB">')
    assert f"<title>SIIG {day_month(upcoming.date)}: agenda and papers</title>" in html
    assert "Download Paper 1 Innovation fund criteria" in html


def test_person_without_an_address_is_shown_not_sent_with_the_reason(cast, upcoming, smtp):
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
    send_all()

    row = NoticeDelivery.objects.get(person=cast.no_email)
    assert (row.sent_at, row.stopped, row.error) == (None, True, "No e-mail address.")


def test_the_same_sending_pressed_twice_is_refused(cast, upcoming):
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)

    with pytest.raises(ValidationError) as exc:
        services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)

    assert exc.value.messages == ["This agenda has been sent or scheduled already: see below."]
    assert AgendaDispatch.objects.count() == 1


def test_a_revised_agenda_is_a_new_notice_and_says_so(cast, upcoming, smtp):
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
    send_all()
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=2)
    send_all()

    subjects = [subject(m) for m in inbox(smtp)[cast.member.email]]
    tag = f"SIIG {day_month(upcoming.date)}"
    assert subjects == [f"{tag}: agenda and papers", f"{tag}: revised agenda and papers"]
    assert "This agenda replaces the one sent before." in text_of(inbox(smtp)[cast.member.email][1])


@pytest.mark.parametrize("who", ["member", "chair", "outsider"])
def test_only_the_secretariat_sends_the_agenda(cast, upcoming, who):
    with pytest.raises(PermissionDenied):
        services.agenda_dispatch(meeting=upcoming, user=getattr(cast, who).user, number=1)


def test_scheduled_agenda_goes_on_the_morning_of_its_clear_days_and_only_once(cast, upcoming, smtp):
    dispatch = services.agenda_dispatch(
        meeting=upcoming, user=cast.secretariat.user, number=1, notice_days=5
    )
    send_on = upcoming.date - dt.timedelta(days=6)
    day_before = dt.datetime.combine(send_on, dt.time(6, 59), tzinfo=LONDON)
    on_time = dt.datetime.combine(send_on, dt.time(7, 0), tzinfo=LONDON)

    early = services.agendas_due_queue(now=day_before)
    sent_early = send_all()
    planned = [services.agendas_due_queue(now=on_time), services.agendas_due_queue(now=on_time)]
    send_all()
    send_all()

    assert dispatch.send_at == on_time
    assert (early, sent_early, planned) == (0, [], [1, 0])
    assert sorted(inbox(smtp)) == cast.emails(*RECIPIENTS)
    assert len(smtp.messages) == len(RECIPIENTS)


def test_scheduling_for_a_day_that_has_passed_is_refused(cast, cast_meeting_soon):
    with pytest.raises(ValidationError) as exc:
        services.agenda_dispatch(
            meeting=cast_meeting_soon, user=cast.secretariat.user, number=1, notice_days=5
        )
    assert exc.value.message_dict["notice_days"][0].endswith(
        "which has passed. Send it now instead."
    )


@pytest.fixture
def cast_meeting_soon(cast):
    from .conftest import agenda_meeting

    return agenda_meeting(cast, timezone.localdate() + dt.timedelta(days=2))


def test_cancelled_schedule_sends_nothing(cast, upcoming, smtp):
    dispatch = services.agenda_dispatch(
        meeting=upcoming, user=cast.secretariat.user, number=1, notice_days=5
    )
    services.agenda_dispatch_cancel(dispatch=dispatch, user=cast.secretariat.user)

    planned = services.agendas_due_queue(now=dispatch.send_at + dt.timedelta(days=1))
    send_all()

    assert (planned, smtp.messages) == (0, [])


def test_digest_people_get_the_agenda_at_once_all_the_same(cast, upcoming, smtp):
    services.agenda_dispatch(meeting=upcoming, user=cast.secretariat.user, number=1)
    send_all()

    row = NoticeDelivery.objects.get(person=cast.digest, kind=Kind.AGENDA)
    assert (row.digest, row.sent_at is not None, len(inbox(smtp)[cast.digest.email])) == (
        False,
        True,
        1,
    )
