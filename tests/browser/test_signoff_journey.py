"""The chair's sign-off journey in a real browser, three people in three sessions: the
secretariat circulates the draft, a member sends an accuracy comment, the secretariat resolves it
and records approval, the chair signs (after a wrong password is refused beside the field), the
signed meeting offers no edit controls, the PDF downloads as the stored signed bytes, and the
verification page answers for the fingerprint. axe-core runs on the review, sign-off and verify
pages; screenshots go to var/screenshots/."""

import datetime as dt
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting
from records.models import AccuracyComment
from tests.browser.conftest import login, screenshot, serious_violations
from tests.factories import PASSWORD
from tests.records.conftest import pdf_text, signoff_draft_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def as_user(new_context, live_server):
    """A fresh logged-in page for a user: each person keeps their own session."""

    def open_as(user):
        page = new_context().new_page()
        login(page, live_server, user)
        return page

    return open_as


def _review(page, live_server, meeting):
    response = page.goto(live_server.url + reverse("minutes_review", kwargs={"pk": meeting.pk}))
    assert response.status == 200


def _alert(page):
    return page.locator(".alert").first


def test_signoff_journey_from_circulation_to_verified_signature(
    as_user, new_context, live_server, settings, body, chair_user, secretariat_user, member_user
):
    # No worker here: the signing job runs in the web process once the request commits, as
    # under `make run`.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    meeting = signoff_draft_create(body=body, chair_user=chair_user, member_user=member_user)

    officer = as_user(secretariat_user)
    _review(officer, live_server, meeting)
    due = timezone.localdate() + dt.timedelta(days=10)
    expect(officer.get_by_label("Comments due by")).to_have_value(
        (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    )
    officer.get_by_label("Comments due by").fill(due.isoformat())
    assert serious_violations(officer) == []
    screenshot(officer, "signoff-review-circulate")
    officer.get_by_role("button", name="Circulate to members").click()
    due_text = f"{due:%A} {due.day} {due:%B %Y}"
    expect(_alert(officer)).to_contain_text(
        f"The draft minutes have been circulated to members, with accuracy comments due by "
        f"{due_text}."
    )
    expect(officer.locator(".signoff-step.is-current")).to_have_text("2. Circulated")
    expect(officer.locator(".signoff-panel")).to_contain_text(
        f"Accuracy comments are due by {due_text}."
    )

    member = as_user(member_user)
    _review(member, live_server, meeting)
    assert serious_violations(member) == []
    screenshot(member, "signoff-review-member")
    item = meeting.items.get(title="Strategy refresh")
    member.get_by_label("About").select_option(label=f"{item.number} Strategy refresh")
    member.get_by_label("Your comment on accuracy").fill(
        "Sarah Reed was present for this item, not absent."
    )
    member.get_by_role("button", name="Send comment").click()
    expect(_alert(member)).to_contain_text("your comment has been sent to the secretariat")
    expect(member.locator(".signoff-comment")).to_contain_text("Sarah Reed was present")
    assert list(AccuracyComment.objects.values_list("item__title", flat=True)) == [
        "Strategy refresh"
    ]

    _review(officer, live_server, meeting)
    comment = officer.locator("#comments .signoff-comment")
    expect(comment).to_contain_text("Open")
    expect(officer.locator("#comments-heading")).to_contain_text("1 open")
    comment.get_by_label("What was done").fill("Attendance corrected.")
    comment.get_by_role("button", name="Mark resolved").click()
    expect(_alert(officer)).to_contain_text("Comment marked as resolved.")
    expect(officer.locator("#comments-heading")).to_contain_text("0 open")
    assert list(AccuracyComment.objects.values_list("response", flat=True)) == [
        "Attendance corrected."
    ]

    officer.get_by_role("link", name="Record approval").click()
    officer.get_by_role("button", name="Record approval").click()
    expect(_alert(officer)).to_contain_text("Approval recorded.")
    expect(officer.locator(".signoff-step.is-current")).to_have_text("3. Approved")

    chair = as_user(chair_user)
    _review(chair, live_server, meeting)
    chair.locator(".signoff-panel").get_by_role("link", name="Sign the minutes").click()
    expect(chair.get_by_role("heading", level=1)).to_have_text("Sign the minutes")
    assert serious_violations(chair) == []
    chair.get_by_label("Your password").fill("not-my-password")
    chair.get_by_role("button", name="Sign the minutes").click()
    field = chair.locator("#id_password")
    expect(field).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(chair.locator("#div_id_password")).to_contain_text(
        "That password is not right. Enter your own password."
    )
    screenshot(chair, "signoff-sign-refused")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.fingerprint) == (Meeting.Status.APPROVED, "")

    chair.get_by_label("Your password").fill(PASSWORD)
    # Hold the first submission in the page to see what the chair sees while the signed PDF is
    # made: the reason, and a button that will not send the password a second time.
    form = chair.locator("form[data-busy]")
    form.evaluate("f => f.addEventListener('submit', e => e.preventDefault(), {once: true})")
    chair.get_by_role("button", name="Sign the minutes").click()
    expect(form.get_by_role("status")).to_contain_text("Signing: making the signed PDF")
    expect(chair.get_by_role("button", name="Sign the minutes")).to_have_attribute(
        "aria-disabled", "true"
    )
    posts = []
    chair.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    form.evaluate("f => f.requestSubmit()")  # a second submission, e.g. Enter pressed again
    chair.wait_for_timeout(300)
    assert posts == []
    form.evaluate("f => f.submit()")
    # Signing freezes the record and renders and signs both PDFs: allow for a busy machine.
    expect(_alert(chair)).to_contain_text("The minutes are signed.", timeout=30_000)
    assert len(posts) == 1
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SIGNED
    expect(chair.locator(".signoff-panel")).to_contain_text("Signed by Jessica May")
    screenshot(chair, "signoff-review-signed")

    # Signed: nobody is offered a control that would change the record.
    _review(officer, live_server, meeting)
    for name in ("Circulate to members", "Return to draft for corrections", "Mark resolved"):
        expect(officer.get_by_role("button", name=name)).to_have_count(0)
    for name in ("Record approval", "Sign the minutes"):
        expect(officer.get_by_role("link", name=name)).to_have_count(0)
    expect(officer.locator("textarea")).to_have_count(0)
    response = officer.goto(live_server.url + reverse("meeting_detail", kwargs={"pk": meeting.pk}))
    assert response.status == 200
    toolbar = officer.locator(".meeting-toolbar")
    expect(toolbar).to_be_visible()
    for name in ("Edit draft", "Agenda builder", "Sign"):
        expect(toolbar.get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(toolbar.get_by_role("link", name="Circulate", exact=True)).to_have_count(0)

    _review(member, live_server, meeting)
    with member.expect_download() as download:
        member.get_by_role("link", name="PDF (members)").click()
    data = download.value.path().read_bytes()
    assert hashlib.sha256(data).hexdigest() == meeting.signed_pdf_sha256
    assert download.value.suggested_filename == "siig-2026-11-09-minutes-signed.pdf"
    assert "Signed (Chair) Jessica May Date" in pdf_text(data)

    member.get_by_role("link", name="verification page").click()
    expect(member.get_by_role("heading", name="Signed minutes found")).to_be_visible()
    expect(member.locator(".alert-success")).to_contain_text("Signed by Jessica May on")
    expect(member.locator(".alert-success")).to_contain_text(meeting.fingerprint)
    assert serious_violations(member) == []
    screenshot(member, "signoff-verify-found")

    public = new_context().new_page()
    response = public.goto(live_server.url + reverse("verify"))
    assert response.status == 200
    public.get_by_label("Fingerprint").fill("0" * 16)
    public.get_by_role("button", name="Check").click()
    expect(public.get_by_role("heading", name="Not found")).to_be_visible()
    assert serious_violations(public) == []
    screenshot(public, "signoff-verify-forged")
