import datetime as dt
import io
import re

import pytest
from django.test import RequestFactory, TestCase
from pypdf import PdfReader

from meetings.models import Attendance, Meeting
from meetings.services import attendance_record, decision_add, item_add, meeting_create
from partners.rules import person_for
from records import services as lifecycle
from records.signing import signing_run
from tests.factories import PASSWORD, ActionFactory, ActionOwnerFactory, PersonFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its signed PDFs in its own folder: parallel runs never share one."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def sign_request(user, address="127.0.0.1"):
    """The request the sign page would pass on (django-axes reads its address)."""
    request = RequestFactory().post("/sign/", REMOTE_ADDR=address)
    request.user = user
    return request


def sign(meeting: Meeting, user, password: str = PASSWORD) -> Meeting:
    """Sign as the page does, then run the signing job as the worker does (its files are
    written by the on-commit callback, run here as a commit would)."""
    job = lifecycle.minutes_sign(
        meeting=meeting, user=user, password=password, request=sign_request(user)
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        signing_run(job_id=job.pk)
    meeting.refresh_from_db()
    return meeting


def pdf_text(data: bytes) -> str:
    """All the text of a PDF with whitespace made single spaces (lines wrap anywhere)."""
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


@pytest.fixture
def draft(body, chair_user, secretariat_user, member_user):
    return signoff_draft_create(body=body, chair_user=chair_user, member_user=member_user)


def signoff_draft_create(*, body, chair_user, member_user) -> Meeting:
    """A draft meeting with attendance, a normal and a confidential item, a decision, an action.

    A plain function as well as the ``draft`` fixture so the browser journeys build the same one.
    """
    meeting = meeting_create(
        body=body,
        date=dt.date(2026, 11, 9),
        start_time=dt.time(13),
        venue="Civic Centre",
        with_register=False,
    )
    chair = person_for(chair_user)
    attendance_record(
        meeting=meeting,
        person=chair,
        category=Attendance.Category.PRESENT,
        chaired=True,
        role_label="Chair",
    )
    attendance_record(
        meeting=meeting, person=person_for(member_user), category=Attendance.Category.PRESENT
    )
    item = item_add(meeting=meeting, title="Strategy refresh", minutes="<p>Open discussion.</p>")
    decision_add(item=item, text="<p>The outcomes framework was agreed.</p>")
    secret = item_add(
        meeting=meeting,
        title="Staffing restructure",
        confidential=True,
        minutes="<p>Redundancy costs of 420000 pounds were discussed.</p>",
    )
    decision_add(item=secret, text="<p>Approve the voluntary severance scheme.</p>")
    action = ActionFactory(meeting=meeting, item=item, number=1, description="Circulate framework")
    ActionOwnerFactory(action=action, person=chair)
    hidden = ActionFactory(
        meeting=meeting, item=secret, number=2, description="Consult unions on severance"
    )
    ActionOwnerFactory(action=hidden, person=PersonFactory(name="Una Unison"))
    meeting.refresh_from_db()
    return meeting


def move(meeting: Meeting, status: str, **fields) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(status=status, **fields)
    meeting.refresh_from_db()
    return meeting
