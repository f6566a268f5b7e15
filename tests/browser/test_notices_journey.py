"""The secretariat sends a meeting's agenda in a real browser: from the meeting page to the
preview of who gets what, sends it now, and finds each message on the body's outbox (the one
member without an address listed as not sent, with the reason). The messages go through a real
SMTP server in the web process (no worker here). axe-core runs on the preview and the outbox;
screenshots go to var/screenshots/."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from notices.models import NoticeDelivery
from tests.browser.conftest import login, screenshot, serious_violations
from tests.notices import conftest as notices
from tests.notices.conftest import cast, media_root, smtp  # noqa: F401  (the fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


RECIPIENTS = ("chair", "secretariat", "member", "quiet", "digest", "officer")


def _who(person, organisation: bool = False) -> str:
    """How a table's first cell names a person: name (organisation), then address."""
    name = person.display_name
    if organisation and person.organisation:
        name += f", {person.organisation.short_name}"
    return f"{name} {person.email}"


def _cells(page, selector: str) -> list[list[str]]:
    """The rows of a table's body, each as its cells' text with whitespace made single."""
    return page.locator(selector).evaluate(
        """t => [...t.tBodies[0].rows].map(r => [...r.cells].map(
            c => c.innerText.replace(/\\s+/g, ' ').trim()))"""
    )


def test_secretariat_previews_sends_and_follows_the_agenda_to_the_outbox(
    page, live_server, settings, request
):
    people = request.getfixturevalue("cast")
    server = request.getfixturevalue("smtp")
    settings.SITE_URL = live_server.url
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the batch is sent in the web process
    meeting = notices.agenda_meeting(people, timezone.localdate() + dt.timedelta(days=14))
    login(page, live_server, people.secretariat.user)

    page.goto(live_server.url + reverse("meeting_detail", kwargs={"pk": meeting.pk}))
    page.get_by_role("link", name="Send agenda").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Send the agenda and papers")
    expect(page.get_by_role("button", name="Send to 6 people")).to_be_visible()
    whole = "The whole agenda: 2 items (1 confidential), 2 papers with links"
    assert _cells(page, "section[aria-labelledby=preview-heading] table") == [
        [_who(people.digest, organisation=True), "Member", whole],
        [_who(people.chair, organisation=True), "Chair", whole],
        [
            _who(people.officer, organisation=True),
            "Not a member, in attendance",
            "Open items only: 1 item, 1 paper, 1 with a link of their own",
        ],
        [_who(people.quiet, organisation=True), "Member", whole],
        [_who(people.secretariat, organisation=True), "Secretariat", whole],
        [_who(people.member, organisation=True), "Member", whole],
    ]
    expect(page.get_by_role("heading", name="Not sent: no e-mail address")).to_be_visible()
    assert serious_violations(page) == []
    screenshot(page, "notices-agenda-preview")

    page.get_by_label("Send it now").check()
    page.get_by_role("button", name="Send to 6 people").click()

    expect(page.locator(".alert").first).to_contain_text(
        "The agenda is on its way. The outbox shows each message as it goes."
    )
    sent = _cells(page, "section[aria-labelledby=sent-heading] table")
    assert [[row[0], *row[2:]] for row in sent] == [
        ["1", "Sent to 6 people, 1 not sent", "Sonia Thomson", ""]
    ]
    assert serious_violations(page) == []
    screenshot(page, "notices-agenda-sent")
    assert sorted(notices.inbox(server)) == people.emails(*RECIPIENTS)

    page.get_by_role("link", name="The outbox").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Outbox")
    rows = _cells(page, "table.outbox")
    subject = f"SIIG {meeting.date.day} {meeting.date:%B}: agenda and papers"
    on = f"{meeting.date.day} {meeting.date:%B %Y}"
    assert sorted(row[0] for row in rows) == sorted(
        [_who(getattr(people, name)) for name in RECIPIENTS]
        + [f"{people.no_email.display_name} no e-mail address"]
    )
    assert sorted({row[1] for row in rows}) == [
        f"Agenda and papers {on}",  # Nemo's: no message, so no subject
        f"Agenda and papers {on} · {subject}",
    ]
    assert sorted(row[2] for row in rows) == ["Not sent No e-mail address."] + ["Sent"] * 6
    assert serious_violations(page) == []
    screenshot(page, "notices-outbox")

    page.get_by_label("State").select_option(label="Failed or not sent (1)")
    page.get_by_role("button", name="Show").click()

    outbox = reverse("notices_outbox", args=[people.body.slug])
    expect(page).to_have_url(f"{live_server.url}{outbox}?state=failed&kind=")
    assert [row[:3] for row in _cells(page, "table.outbox")] == [
        [
            f"{people.no_email.display_name} no e-mail address",
            f"Agenda and papers {on}",
            "Not sent No e-mail address.",
        ]
    ]
    assert NoticeDelivery.objects.filter(sent_at__isnull=False).count() == 6
