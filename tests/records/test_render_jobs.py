"""Large documents render through a Celery task with a progress page; `make run` runs that task
in-process (CELERY_TASK_ALWAYS_EAGER), so the same path must work without a worker."""

import hashlib

import pytest

from bench.data import bench_meeting_create
from meetings.models import Meeting
from partners.models import Membership
from records.models import RenderJob
from records.tasks import QUEUE_THRESHOLD, render_document
from tests.factories import MembershipFactory, PersonFactory, UserFactory


@pytest.fixture
def large(db):
    """Just over the queueing threshold: 30 items (five standing ones included) and 15 actions."""
    meeting = bench_meeting_create(items=30, actions=15, tag="jobs")
    assert meeting.items.count() + meeting.actions.count() > QUEUE_THRESHOLD
    # Circulated, so members may read (and download) the minutes.
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CIRCULATED)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def reader(large):
    user = UserFactory()
    person = PersonFactory(name="Rita Reader", user=user)
    MembershipFactory(person=person, body=large.body, role=Membership.Role.MEMBER)
    return user


def test_large_minutes_render_in_process_when_tasks_run_eagerly(
    client, settings, large, reader, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/meetings/{large.pk}/minutes.pdf")
    job = RenderJob.objects.get(meeting=large)
    assert (response.status_code, response["Location"]) == (302, f"/documents/{job.pk}/")
    assert (job.kind, job.state, job.progress, job.stage) == ("minutes", "done", 100, "Ready")
    page = client.get(f"/documents/{job.pk}/").content.decode()
    assert "The document is ready." in page
    assert 'hx-trigger="every 1s"' not in page
    download = client.get(f"/documents/{job.pk}/download/")
    data = b"".join(download.streaming_content)
    assert (data[:5], hashlib.sha256(data).hexdigest()) == (b"%PDF-", job.sha256)
    assert download["Content-Disposition"] == (
        'attachment; filename="bpb-jobs-2026-11-09-minutes.pdf"'
    )


def test_queued_render_shows_progress_and_polls_until_ready(client, large, reader):
    client.force_login(reader)
    response = client.get(f"/meetings/{large.pk}/minutes.pdf")
    job = RenderJob.objects.get(meeting=large)
    assert (response.status_code, job.state) == (302, "queued")

    page = client.get(f"/documents/{job.pk}/").content.decode()
    assert "being prepared in the background" in page
    assert f'hx-get="/documents/{job.pk}/"' in page
    assert '<progress class="w-100" id="job-progress" value="0" max="100">' in page
    partial = client.get(f"/documents/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="job-status"')
    assert client.get(f"/documents/{job.pk}/download/").status_code == 404

    render_document(job_id=job.pk)  # what the worker runs
    partial = client.get(f"/documents/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "The document is ready." in partial
    assert "hx-trigger" not in partial
    assert client.get(f"/documents/{job.pk}/download/").status_code == 200


def test_render_job_of_someone_else_is_not_found(client, large, reader):
    client.force_login(reader)
    client.get(f"/meetings/{large.pk}/minutes.pdf")
    job = RenderJob.objects.get(meeting=large)
    other = UserFactory()
    MembershipFactory(
        person=PersonFactory(name="Otto Other", user=other),
        body=large.body,
        role=Membership.Role.MEMBER,
    )
    client.force_login(other)
    statuses = (
        client.get(f"/documents/{job.pk}/").status_code,
        client.get(f"/documents/{job.pk}/download/").status_code,
    )
    assert statuses == (404, 404)
