"""Signing runs in the background with progress; files are written only after the commit and
nothing is left behind when it fails; the password goes through django-axes; minutes follow
their meeting in time and order."""

import datetime as dt
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, MinutesApproval
from meetings.services import meeting_create
from records import services as lifecycle
from records.models import RenderJob, SignedRecord
from records.signing import signing_run
from tests.factories import PASSWORD

from .conftest import move, sign_request

WRONG = {"password": ["That password is not right. Enter your own password."]}


@pytest.fixture
def approved(draft):
    return move(draft, "approved")


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_signing_is_queued_then_done_by_the_job_with_its_stages(approved, chair_user, media_root):
    job = lifecycle.minutes_sign(
        meeting=approved, user=chair_user, password=PASSWORD, request=sign_request(chair_user)
    )
    queued = (job.kind, job.state, job.stage, Meeting.objects.get(pk=approved.pk).status)
    seen = []
    from records import signing

    original = signing._report
    signing._report = lambda job_id, stage: (seen.append(stage), original(job_id, stage))
    try:
        with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
            signing_run(job_id=job.pk)
        written_before_commit = files_under(media_root)
        for callback in callbacks:
            callback()
    finally:
        signing._report = original
    job.refresh_from_db()
    approved.refresh_from_db()

    assert queued == ("signing", "queued", "Waiting to start", "approved")
    assert seen == ["members", "public", "signing", "storing"]
    assert written_before_commit == []
    assert (job.state, job.progress, job.stage, approved.status) == ("done", 100, "Done", "signed")
    assert files_under(media_root) == sorted(
        [approved.signed_pdf.name, RenderJob.objects.get(signed_copy=True).file.name]
    )


def test_a_failed_signing_leaves_nothing_behind(approved, chair_user, media_root, settings):
    settings.SIGNING_P12_PATH = "/nonexistent/minutebook.p12"
    job = lifecycle.minutes_sign(
        meeting=approved, user=chair_user, password=PASSWORD, request=sign_request(chair_user)
    )

    with pytest.raises(FileNotFoundError):
        signing_run(job_id=job.pk)
    job.refresh_from_db()
    approved.refresh_from_db()

    assert (job.state, approved.status, approved.fingerprint) == ("failed", "approved", "")
    assert job.error.startswith("Signing failed: ")
    assert (SignedRecord.objects.count(), RenderJob.objects.filter(signed_copy=True).count()) == (
        0,
        0,
    )
    assert files_under(media_root) == []


def test_signing_stops_when_the_minutes_changed_state_meanwhile(approved, chair_user, media_root):
    job = lifecycle.minutes_sign(
        meeting=approved, user=chair_user, password=PASSWORD, request=sign_request(chair_user)
    )
    move(approved, "circulated")

    signing_run(job_id=job.pk)
    job.refresh_from_db()

    assert (job.state, job.error) == (
        "failed",
        "The minutes are no longer approved, so they were not signed.",
    )
    assert (SignedRecord.objects.count(), files_under(media_root)) == (0, [])


def test_a_second_signing_while_one_runs_is_refused(approved, chair_user):
    lifecycle.minutes_sign(
        meeting=approved, user=chair_user, password=PASSWORD, request=sign_request(chair_user)
    )
    with pytest.raises(lifecycle.TransitionRefused) as exc:
        lifecycle.minutes_sign(
            meeting=approved, user=chair_user, password=PASSWORD, request=sign_request(chair_user)
        )
    assert exc.value.messages == ["These minutes are already being signed."]


@pytest.mark.django_db(transaction=True)
def test_sign_page_runs_in_process_when_tasks_run_eagerly(client, settings, approved, chair_user):
    """As under `make run`: no broker, the job runs once the request's work has committed."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(chair_user)

    response = client.post(reverse("minutes_sign", args=[approved.pk]), {"password": PASSWORD})
    approved.refresh_from_db()

    assert (response.status_code, response["Location"], approved.status) == (
        302,
        reverse("minutes_review", args=[approved.pk]),
        "signed",
    )


def test_sign_page_shows_progress_while_a_worker_signs(client, approved, chair_user):
    client.force_login(chair_user)

    response = client.post(reverse("minutes_sign", args=[approved.pk]), {"password": PASSWORD})
    job = RenderJob.objects.get(meeting=approved, kind="signing")
    page = client.get(response["Location"]).content.decode()

    assert response["Location"] == reverse("render_job", args=[job.pk])
    assert "The minutes are being signed in the background: Waiting to start." in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        signing_run(job_id=job.pk)
    assert "The minutes are signed." in client.get(response["Location"]).content.decode()


def test_wrong_signing_passwords_count_as_failed_logins_and_lock_out(
    approved, chair_user, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    errors = []
    for password in ("guess", "guess", "guess", PASSWORD):
        with pytest.raises(ValidationError) as exc:
            lifecycle.minutes_sign(
                meeting=approved,
                user=chair_user,
                password=password,
                request=sign_request(chair_user),
            )
        errors.append(exc.value.message_dict)
    attempt = AccessAttempt.objects.get(username=chair_user.username)

    assert (
        errors
        == [WRONG, WRONG]
        + [
            {
                "password": [
                    "Too many wrong passwords: this account is locked for a while. Try again later, "
                    "or ask an administrator to unlock it."
                ]
            }
        ]
        * 2
    )
    # The attempt made while locked out counts too.
    assert (attempt.failures_since_start, RenderJob.objects.count()) == (4, 0)


def test_minutes_of_a_meeting_still_ahead_cannot_be_circulated(body, secretariat_user):
    ahead = meeting_create(body=body, date=timezone.localdate() + dt.timedelta(days=3))

    with pytest.raises(lifecycle.TransitionRefused) as exc:
        lifecycle.minutes_circulate(meeting=ahead, user=secretariat_user)

    assert exc.value.messages == [
        "Minutes are circulated once the meeting has taken place; this one is on "
        f"{ahead.date:%A} {ahead.date.day} {ahead.date:%B %Y}."
    ]


def test_minutes_of_a_meeting_still_ahead_cannot_be_signed(body, chair_user, approved):
    Meeting.objects.filter(pk=approved.pk).update(date=timezone.localdate() + dt.timedelta(days=3))
    approved.refresh_from_db()

    with pytest.raises(lifecycle.TransitionRefused) as exc:
        lifecycle.minutes_sign(
            meeting=approved, user=chair_user, password=PASSWORD, request=sign_request(chair_user)
        )

    assert exc.value.messages == ["Minutes are signed after the meeting has taken place."]


def test_not_approved_at_a_later_meeting_is_not_printed_as_approved(draft, body, chair_user):
    from records.documents import minutes_context

    move(draft, "circulated")
    first = meeting_create(body=body, date=dt.date(2026, 11, 16))
    second = meeting_create(body=body, date=dt.date(2026, 11, 23))
    lifecycle.minutes_approval_record(
        meeting=first, previous_meeting=draft, outcome=MinutesApproval.Outcome.NOT_APPROVED
    )
    rejected_only = minutes_context(draft)["approved_text"]
    lifecycle.minutes_approval_record(meeting=second, previous_meeting=draft)

    assert (rejected_only, minutes_context(draft)["approved_text"]) == (
        "",
        "Approved at the meeting of 23 November 2026",
    )


def test_approval_outside_a_meeting_says_so(draft, chair_user):
    from records.documents import minutes_context

    move(draft, "circulated")
    lifecycle.minutes_approve(meeting=draft, user=chair_user, corrections="Add Cllr Smith")

    assert minutes_context(draft)["approved_text"] == (
        f"Approved on {timezone.localdate():%-d %B %Y}, outside a meeting. "
        "Corrections: Add Cllr Smith"
    )
