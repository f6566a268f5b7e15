"""A publishing body with a record of every kind, built through the services the pages use.

Unique marker words sit in what must never be public: a confidential item's minutes, decision,
paper and action (``SECRET``), minutes not yet signed (``DRAFT``), an agenda not yet published
(``EARLY``) and a body that does not publish (``HIDDEN``). The leak test looks for them everywhere.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, TestCase
from django.utils import timezone

from meetings.models import Attendance, Meeting
from meetings.services import (
    attendance_record,
    decision_add,
    declaration_add,
    item_add,
    meeting_create,
    paper_add,
)
from partners.models import Membership
from partners.rules import person_for
from records import services as lifecycle
from records.signing import signing_run
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
from tests.conftest import make_login
from tests.factories import (
    PASSWORD,
    ActionFactory,
    ActionOwnerFactory,
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

SECRET = "Zqxconfidential7731"
DRAFT = "Zqxdraftminutes5512"
EARLY = "Zqxunpublished9034"
HIDDEN = "Zqxprivatebody4420"
MARKERS = (SECRET, DRAFT, EARLY, HIDDEN)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def pdf_upload(name: str, text: str) -> SimpleUploadedFile:
    """A small real PDF whose text is ``text``."""
    from weasyprint import HTML

    return SimpleUploadedFile(name, HTML(string=f"<p>{text}</p>").write_pdf(), "application/pdf")


def sign_request(user):
    """The request the sign page would pass on (django-axes reads its address)."""
    request = RequestFactory().post("/sign/", REMOTE_ADDR="127.0.0.1")
    request.user = user
    return request


def sign(meeting: Meeting, *, secretariat, chair) -> Meeting:
    """Circulate, approve and sign as the lifecycle pages do, then run the signing job.

    In the test's own thread, whether or not Playwright's event loop is running there (once a
    browser test has run, its session keeps one): the PDF signer steps out of a running loop by
    itself (``records.pades``), and a thread of our own would not see the test's uncommitted
    data."""
    return _sign(meeting, secretariat=secretariat, chair=chair)


def _sign(meeting: Meeting, *, secretariat, chair) -> Meeting:
    lifecycle.minutes_circulate(meeting=meeting, user=secretariat)
    lifecycle.minutes_approve(meeting=Meeting.objects.get(pk=meeting.pk), user=chair)
    job = lifecycle.minutes_sign(
        meeting=Meeting.objects.get(pk=meeting.pk),
        user=chair,
        password=PASSWORD,
        request=sign_request(chair),
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        signing_run(job_id=job.pk)
    meeting.refresh_from_db()
    return meeting


def mark_signed(meeting: Meeting) -> Meeting:
    """Signed without the signing job (no frozen record, no PDFs): for tests about lists."""
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.SIGNED,
        signed_at=timezone.now(),
        fingerprint="ab" * 32,
        signed_by=meeting.body.memberships.filter(role=Membership.Role.CHAIR).first().person,
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def public_body(db):
    return BodyFactory(
        name="Sunderland Innovation and Improvement Group",
        short_name="SIIG",
        publishes=True,
        agenda_notice_days=5,
    )


@pytest.fixture
def people(public_body):
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    chair = make_login(public_body, Membership.Role.CHAIR, name="Jessica May", organisation=council)
    secretariat = make_login(public_body, Membership.Role.SECRETARIAT, name="Sam Secretary")
    member = make_login(public_body, Membership.Role.MEMBER, name="Gillian Gibson")
    absent = PersonFactory(name="Neil Revely")
    MembershipFactory(person=absent, body=public_body, role=Membership.Role.MEMBER)
    return SimpleNamespace(
        chair=chair, secretariat=secretariat, member=member, absent=absent, council=council
    )


@pytest.fixture
def record(public_body, people, today):
    """The body's record: a signed meeting (really signed), a past meeting whose minutes are a
    draft, a circulated one, an upcoming meeting with its agenda out, one whose agenda is not
    out yet; and a body that does not publish."""
    chair, member = person_for(people.chair), person_for(people.member)

    signed = meeting_create(
        body=public_body,
        date=today - dt.timedelta(days=30),
        start_time=dt.time(13),
        end_time=dt.time(15),
        venue="Civic Centre",
        with_register=False,
        with_standing_items=False,
    )
    attendance_record(
        meeting=signed, person=chair, category=Attendance.Category.PRESENT, chaired=True
    )
    attendance_record(meeting=signed, person=member, category=Attendance.Category.PRESENT)
    attendance_record(meeting=signed, person=people.absent, category=Attendance.Category.APOLOGIES)
    open_item = item_add(
        meeting=signed,
        title="Strategy refresh",
        minutes="<p>The board discussed the outcomes framework.</p>",
    )
    decision_add(item=open_item, text="<p>The outcomes framework was agreed.</p>")
    paper_add(
        item=open_item,
        reference="Paper 1",
        title="Outcomes framework",
        upload=pdf_upload("framework.pdf", "The outcomes framework"),
    )
    secret = item_add(
        meeting=signed,
        title="Staffing restructure",
        confidential=True,
        minutes=f"<p>Severance costs {SECRET} were discussed.</p>",
    )
    sub_secret = item_add(
        meeting=signed, title="Consultation timetable", parent=secret, minutes=f"<p>{SECRET}</p>"
    )
    decision_add(item=secret, text=f"<p>Approve the severance scheme {SECRET}.</p>")
    decision_add(item=sub_secret, text=f"<p>Consult in January {SECRET}.</p>")
    paper_add(
        item=secret,
        reference="Paper 2",
        title=f"Severance {SECRET}",
        upload=pdf_upload("severance.pdf", f"Severance {SECRET}"),
    )
    declaration_add(meeting=signed, person=member, item=secret, interest=f"Trustee {SECRET}")
    action = ActionFactory(meeting=signed, item=open_item, number=1, description="Circulate plan")
    ActionOwnerFactory(action=action, person=chair)
    hidden_action = ActionFactory(
        meeting=signed, item=secret, number=2, description=f"Consult unions {SECRET}"
    )
    ActionOwnerFactory(action=hidden_action, person=member)
    signed = sign(signed, secretariat=people.secretariat, chair=people.chair)

    drafted = meeting_create(
        body=public_body,
        date=today - dt.timedelta(days=2),
        start_time=dt.time(10),
        with_register=False,
        with_standing_items=False,
    )
    attendance_record(meeting=drafted, person=member, category=Attendance.Category.PRESENT)
    drafted_item = item_add(
        meeting=drafted, title="Budget monitoring", minutes=f"<p>Draft text {DRAFT}.</p>"
    )
    decision_add(item=drafted_item, text=f"<p>Noted the overspend {DRAFT}.</p>")

    circulated = meeting_create(
        body=public_body,
        date=today - dt.timedelta(days=9),
        start_time=dt.time(10),
        with_register=False,
        with_standing_items=False,
    )
    circulated_item = item_add(
        meeting=circulated, title="Housing plan", minutes=f"<p>Circulated text {DRAFT}.</p>"
    )
    decision_add(item=circulated_item, text=f"<p>Agreed the plan {DRAFT}.</p>")
    lifecycle.minutes_circulate(meeting=circulated, user=people.secretariat)

    upcoming = meeting_create(
        body=public_body,
        date=today + dt.timedelta(days=3),
        start_time=dt.time(14),
        venue="Sunderland Software Centre",
        with_register=False,
        with_standing_items=False,
    )
    agenda_item = item_add(meeting=upcoming, title="Digital inclusion", purpose="decision")
    paper_add(
        item=agenda_item,
        reference="Paper A",
        title="Digital inclusion strategy",
        upload=pdf_upload("digital.pdf", "Digital inclusion strategy"),
    )
    upcoming_secret = item_add(meeting=upcoming, title="Contract award", confidential=True)
    paper_add(
        item=upcoming_secret,
        reference="Paper B",
        title=f"Tender scores {SECRET}",
        upload=pdf_upload("tender.pdf", f"Tender scores {SECRET}"),
    )

    later = meeting_create(
        body=public_body,
        date=today + dt.timedelta(days=20),
        start_time=dt.time(14),
        with_register=False,
        with_standing_items=False,
    )
    later_item = item_add(meeting=later, title=f"Emerging proposal {EARLY}")
    paper_add(
        item=later_item,
        reference=f"Paper {EARLY}",
        upload=pdf_upload("early.pdf", f"Early {EARLY}"),
    )

    private_body = BodyFactory(name=f"Closed Board {HIDDEN}", short_name="CB")
    MembershipFactory(person=PersonFactory(name=f"Private Person {HIDDEN}"), body=private_body)
    private_meeting = meeting_create(
        body=private_body,
        date=today + dt.timedelta(days=1),
        venue=f"Room {HIDDEN}",
        with_register=False,
        with_standing_items=False,
    )
    item_add(meeting=private_meeting, title=f"Private item {HIDDEN}")

    return SimpleNamespace(
        signed=signed,
        open_item=open_item,
        secret=secret,
        sub_secret=sub_secret,
        drafted=drafted,
        circulated=circulated,
        upcoming=upcoming,
        agenda_item=agenda_item,
        upcoming_secret=upcoming_secret,
        later=later,
        private_body=private_body,
        private_meeting=private_meeting,
    )
