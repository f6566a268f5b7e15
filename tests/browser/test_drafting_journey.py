"""The officer's whole drafting journey in a real browser: set up a meeting, build the agenda,
take the register, write minutes with a decision and an action, autosave through a dropped
connection and a reload, two officers clashing on one item, and the preview."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actions.models import Action
from meetings import services
from meetings.models import AgendaItem, Meeting
from partners.models import Membership
from tests.browser.conftest import login, serious_violations
from tests.browser.conftest import screenshot as shared_screenshot
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Outside test-results/: pytest-playwright empties that folder at the start of every session,
# and other suites may run at the same time.
SHOTS = Path(os.environ.get("MB_SCREENSHOTS", "/tmp/minutebook-screenshots/drafting"))


def screenshot(page, name):
    shared_screenshot(page, name, SHOTS)


def build_body():
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    jcp = OrganisationFactory(name="Job Centre Plus", acronym="JCP")
    body = BodyFactory(
        name="Sunderland Innovation and Improvement Group", short_name="SIIG", numbering="plain"
    )
    officer = PersonFactory(name="Sonia Thomson", organisation=council, user=UserFactory())
    MembershipFactory(person=officer, body=body, role=Membership.Role.SECRETARIAT)
    second = PersonFactory(name="Sam Secretary", organisation=council, user=UserFactory())
    MembershipFactory(person=second, body=body, role=Membership.Role.SECRETARIAT)
    for name, org, role in [
        ("Jessica May", council, Membership.Role.CHAIR),
        ("Valerie Hayllor", council, Membership.Role.MEMBER),
        ("Sarah Reed", jcp, Membership.Role.MEMBER),
        ("Ashley Green", council, Membership.Role.MEMBER),
    ]:
        MembershipFactory(person=PersonFactory(name=name, organisation=org), body=body, role=role)
    TeamFactory(body=body, name="Secretariat")
    return body, officer.user, second.user


def draft_meeting(body):
    meeting = services.meeting_create(
        body=body, date=dt.date(2026, 11, 9), start_time=dt.time(13), venue="St Thomas St"
    )
    item = services.item_add(meeting=meeting, title="Innovation fund", purpose="decision")
    return meeting, item


def editor_of(page, item):
    return page.locator(f"#item-{item.pk} .minutes-editor")


def state_of(page, item):
    return page.locator(f'[data-state-for="{item.pk}"]')


def test_officer_sets_up_a_meeting_and_drafts_it_end_to_end(page, live_server):
    body, officer, _ = build_body()
    login(page, live_server, officer)

    # Set up the meeting from "Meetings to draft".
    page.get_by_role("link", name="Meetings to draft").click()
    screenshot(page, "drafting-drafts-empty")
    assert serious_violations(page) == []
    page.get_by_role("link", name=f"New meeting of {body.name}").click()
    page.get_by_label("Date").fill("2026-11-09")
    page.get_by_label("Starts").fill("13:00")
    page.get_by_label("Ends").fill("15:00")
    page.get_by_label("Venue").fill("St Thomas St, Sunderland")
    page.get_by_role("button", name="Set up meeting").click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    meeting = Meeting.objects.get(body=body)

    # Build the agenda: two items, the second made a sub-item with the keyboard.
    page.get_by_label("Title").fill("Innovation fund")
    page.get_by_label("Purpose").select_option("decision")
    page.get_by_role("button", name="Add item").click()
    expect(page.locator(".agenda-row", has_text="Innovation fund")).to_be_visible()
    expect(page.get_by_label("Title")).to_be_focused()
    page.get_by_label("Title").fill("Criteria for bids")
    page.get_by_role("button", name="Add item").click()
    # The page puts the focus back in Title once the new row is drawn; wait for that before
    # moving to the row, or the page's refocus lands after ours and takes the key press.
    expect(page.locator(".agenda-row", has_text="Criteria for bids")).to_be_visible()
    expect(page.get_by_label("Title")).to_be_focused()
    row = page.locator(".agenda-row", has_text="Criteria for bids")
    row.focus()
    page.keyboard.press("Alt+ArrowRight")
    expect(
        page.locator(".agenda-row", has_text="Criteria for bids").locator(".item-number")
    ).to_have_text("4.1")
    page.locator(".agenda-row", has_text="Criteria for bids").focus()
    page.keyboard.press("Alt+ArrowLeft")
    expect(
        page.locator(".agenda-row", has_text="Criteria for bids").locator(".item-number")
    ).to_have_text("5")
    page.locator(".agenda-row", has_text="Criteria for bids").focus()
    page.keyboard.press("Alt+ArrowUp")
    expect(
        page.locator(".agenda-row", has_text="Criteria for bids").locator(".item-number")
    ).to_have_text("4")
    expect(
        page.locator(".agenda-row", has_text="Innovation fund").locator(".item-number")
    ).to_have_text("5")
    screenshot(page, "drafting-agenda")
    assert serious_violations(page) == []

    # A paper for the fund item: a real PDF goes on, an .exe renamed .pdf is refused.
    page.locator(".agenda-row", has_text="Innovation fund").get_by_role(
        "link", name="Innovation fund"
    ).click()
    page.get_by_label("Reference").fill("Paper 3a")
    page.get_by_label("File").set_input_files(
        files=[{"name": "fund.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7 fund"}]
    )
    page.get_by_role("button", name="Add paper").click()
    expect(page.get_by_role("link", name="Paper 3a")).to_be_visible()
    page.get_by_label("File").set_input_files(
        files=[{"name": "setup.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00"}]
    )
    page.get_by_role("button", name="Add paper").click()
    expect(page.get_by_text("“setup.pdf” is not a real PDF")).to_be_visible()
    screenshot(page, "drafting-item")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Agenda", exact=True).click()

    # Take the register with keys: p, a, and the next row follows.
    page.get_by_role("link", name="Register", exact=True).click()
    first = page.locator(".register-row").first
    first.locator("input.btn-check").first.focus()
    page.keyboard.press("p")
    page.keyboard.press("a")
    expect(page.locator("#register-state")).to_have_text(re.compile(r"Saved \d\d:\d\d"))
    page.locator("#id_name").fill("Neil Hayes")
    page.get_by_label("Organisation").fill("EEDA")
    page.get_by_label("Deputising for").select_option(label="Ashley Green")
    page.get_by_role("button", name="Add to register").click()
    expect(page.get_by_text("deputising for Ashley Green")).to_be_visible()
    screenshot(page, "drafting-register")
    assert serious_violations(page) == []
    categories = dict(meeting.attendances.values_list("person__name", "category"))
    assert (categories["Jessica May"], categories["Ashley Green"], categories["Neil Hayes"]) == (
        "present",
        "apologies",
        "in_attendance",
    )

    # Write the minutes of the fund item, with a decision and an action.
    page.get_by_role("link", name="Minutes", exact=True).click()
    fund = meeting.items.get(title="Innovation fund")
    editor = editor_of(page, fund)
    editor.click()
    page.keyboard.type("The group discussed the fund. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Bids close in March.")
    expect(state_of(page, fund)).to_have_text(re.compile(r"Saved \d\d:\d\d"))
    page.keyboard.press("Alt+Shift+D")
    decision = page.locator(f"#item-{fund.pk} .decision-form textarea")
    expect(decision).to_be_focused()
    decision.fill("The criteria for bids were agreed.")
    page.locator(f"#item-{fund.pk} .decision-form").get_by_role(
        "button", name="Record decision"
    ).click()
    expect(page.locator(f"#item-{fund.pk} .decision")).to_contain_text(
        "Agreed: The criteria for bids were agreed."
    )
    # The decision form stays open and focused for the next one; the shortcut jumps to actions.
    expect(page.locator(f"#item-{fund.pk} .decision-form textarea")).to_be_focused()
    page.keyboard.press("Alt+Shift+A")
    action_form = page.locator(f"#item-{fund.pk} .action-form")
    expect(action_form.get_by_label("Action")).to_be_focused()
    action_form.get_by_label("Action").fill("Circulate the criteria to partners")
    action_form.get_by_label("Who").fill("VH, Secretariat")
    action_form.get_by_label("By when").fill("by the next meeting")
    action_form.get_by_role("button", name="Record action").click()
    expect(page.locator(f"#item-{fund.pk} .actions-table")).to_contain_text(
        "Circulate the criteria to partners"
    )
    # Correct the action in place: the row becomes a form, Save swaps it back.
    extras = page.locator(f"#item-{fund.pk} .item-extras")
    extras.get_by_role("link", name="Edit action 1").click()
    edit_form = extras.locator(".action-edit-form")
    expect(edit_form.get_by_label("Action")).to_be_focused()
    edit_form.get_by_label("Action").fill("Circulate the criteria to all partners")
    screenshot(page, "drafting-action-edit")
    assert serious_violations(page) == []
    edit_form.get_by_role("button", name="Save action 1").click()
    expect(extras.locator(".actions-table")).to_contain_text(
        "Circulate the criteria to all partners"
    )
    expect(extras.get_by_role("link", name="Edit action 1")).to_be_focused()
    # Escape gives up an edit and leaves the decision as it was.
    extras.get_by_role("link", name="Edit decision 1 of item").click()
    expect(extras.locator(".decision-edit-form textarea")).to_be_focused()
    page.keyboard.press("Escape")
    expect(extras.locator(".decision-edit-form")).to_have_count(0)
    page.locator(f"#item-{fund.pk}").scroll_into_view_if_needed()
    screenshot(page, "drafting-minutes")
    assert serious_violations(page) == []

    fund.refresh_from_db()
    assert fund.minutes == "<p>The group discussed the fund. <b>Bids close in March.</b></p>"
    action = Action.objects.get()
    assert ([str(o.owner) for o in action.owners.all()], action.due_note) == (
        ["Valerie Hayllor", "Secretariat"],
        "by the next meeting",
    )

    # Preview: the same document the PDF prints, from the draft.
    page.get_by_role("link", name="Preview", exact=True).click()
    frame = page.frame_locator("iframe.preview-frame")
    expect(frame.get_by_text("The criteria for bids were agreed.")).to_be_visible()
    screenshot(page, "drafting-preview")
    assert serious_violations(page) == []


def test_autosave_survives_a_dropped_connection_and_a_reload(page, live_server):
    body, officer, _ = build_body()
    meeting, item = draft_meeting(body)
    login(page, live_server, officer)
    page.on("dialog", lambda dialog: dialog.accept())
    response = page.goto(live_server.url + reverse("draft_minutes", kwargs={"pk": meeting.pk}))
    assert response.status == 200

    editor_of(page, item).click()
    page.keyboard.type("Saved while online.")
    expect(state_of(page, item)).to_have_text(re.compile(r"Saved \d\d:\d\d"))

    # The server stops answering saves (a dropped connection): the words stay in the page.
    def is_save(url):
        return "/items/" in url and url.endswith("/minutes/")

    page.route(is_save, lambda route: route.abort("internetdisconnected"))
    page.keyboard.type(" Typed on the train.")
    expect(state_of(page, item)).to_have_text("Not saved: retrying", timeout=10_000)
    screenshot(page, "drafting-offline")
    # A reload while it is still down: the words come back from the browser's storage...
    page.reload()
    expect(editor_of(page, item)).to_have_text("Saved while online. Typed on the train.")
    expect(state_of(page, item)).to_have_text("Not saved: retrying")
    # ...and are sent as soon as the server answers again.
    page.unroute(is_save)
    expect(state_of(page, item)).to_have_text(re.compile(r"Saved \d\d:\d\d"), timeout=15_000)
    item.refresh_from_db()
    assert item.minutes == "<p>Saved while online. Typed on the train.</p>"


def test_two_officers_clash_and_the_second_chooses(browser, live_server):
    body, officer, second = build_body()
    meeting, item = draft_meeting(body)
    url = live_server.url + reverse("draft_minutes", kwargs={"pk": meeting.pk})
    pages = []
    for user in (officer, second):
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
        page = context.new_page()
        login(page, live_server, user)
        response = page.goto(url)
        assert response.status == 200
        pages.append(page)
    first, other = pages

    editor_of(first, item).click()
    first.keyboard.type("Sonia's account of the item.")
    expect(state_of(first, item)).to_have_text(re.compile(r"Saved \d\d:\d\d"))

    editor_of(other, item).click()
    other.keyboard.type("Sam's account of the item.")
    panel = other.locator(f"#item-{item.pk} .conflict-panel")
    expect(panel).to_contain_text("Someone else saved this item while you were editing.")
    expect(panel.locator(".conflict-theirs")).to_have_text("Sonia's account of the item.")
    expect(panel.locator(".conflict-mine")).to_have_text("Sam's account of the item.")
    screenshot(other, "drafting-conflict")
    assert serious_violations(other) == []
    item.refresh_from_db()
    assert item.minutes == "<p>Sonia's account of the item.</p>"

    panel.get_by_role("button", name="Keep mine").click()
    expect(state_of(other, item)).to_have_text(re.compile(r"Saved \d\d:\d\d"))
    item.refresh_from_db()
    assert (item.minutes, item.revision) == ("<p>Sam's account of the item.</p>", 2)
    for page in pages:
        page.context.close()


def test_history_shows_versions_and_restores_one(page, live_server):
    body, officer, _ = build_body()
    meeting, item = draft_meeting(body)
    services.item_minutes_save(item=item, minutes="<p>First draft.</p>", base_revision=0)
    services.item_minutes_save(
        item=AgendaItem.objects.get(pk=item.pk), minutes="<p>Second draft.</p>", base_revision=1
    )
    login(page, live_server, officer)
    response = page.goto(
        live_server.url
        + reverse("draft_item_history", kwargs={"pk": meeting.pk, "item_pk": item.pk})
    )
    assert response.status == 200
    screenshot(page, "drafting-history")
    assert serious_violations(page) == []
    page.locator(".version-list li", has_text="First draft.").get_by_role("button").click()
    expect(editor_of(page, item)).to_have_text("First draft.")
    item.refresh_from_db()
    assert (item.minutes, item.revision) == ("<p>First draft.</p>", 3)


# --- The register by keyboard, for speed ---------------------------------------------------


class Keys:
    """The officer's keyboard, counting every key pressed."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)
            self.count += 1

    def type(self, text):
        # A quick typist: keys arrive while the previous field is still being saved.
        self.page.keyboard.type(text, delay=15)
        self.count += len(text)


def big_register_meeting():
    body = BodyFactory(name="Gloucester Local Strategic Partnership", short_name="GLSP")
    officer = PersonFactory(name="Sonia Thomson", user=UserFactory())
    MembershipFactory(person=officer, body=body, role=Membership.Role.SECRETARIAT)
    MembershipFactory(person=PersonFactory(name="Aaron Chair"), body=body, role="chair")
    for n in range(29):
        MembershipFactory(person=PersonFactory(name=f"Member {n:02d}"), body=body, role="member")
    meeting = services.meeting_create(body=body, date=dt.date(2026, 11, 9))
    return meeting, officer.user


def wait_for_categories(meeting, expected, timeout=15.0):
    """The register as saved, once every autosave has landed (or as it stands at the timeout)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        saved = list(meeting.attendances.order_by("position").values_list("category", flat=True))
        if saved == expected or time.monotonic() > deadline:
            return saved
        time.sleep(0.1)


def test_register_of_thirty_taken_by_keyboard_one_key_each(page, live_server):
    meeting, officer = big_register_meeting()
    login(page, live_server, officer)
    page.goto(live_server.url + reverse("draft_register", kwargs={"pk": meeting.pk}))
    rows = page.locator(".register-row")
    expect(rows).to_have_count(30)
    # The page opens on the first person not yet marked: no key spent getting there.
    expect(rows.first.locator("input.btn-check").first).to_be_focused()

    keys = Keys(page)
    plan = ["p"] * 30
    plan[4], plan[11], plan[19], plan[25] = "a", "a", "x", "i"
    for key in plan:
        keys.press(key)

    names = {"p": "present", "a": "apologies", "x": "absent", "i": "in_attendance"}
    assert wait_for_categories(meeting, [names[k] for k in plan]) == [names[k] for k in plan]
    assert keys.count == 30
    # The last key leaves the officer on the last row, marked.
    expect(rows.last.locator("input.btn-check:checked")).to_be_focused()
    expect(page.locator(".register-row.is-unmarked")).to_have_count(0)
    assert serious_violations(page) == []


def test_register_mark_everyone_then_the_exceptions_by_keyboard(page, live_server):
    meeting, officer = big_register_meeting()
    login(page, live_server, officer)
    page.goto(live_server.url + reverse("draft_register", kwargs={"pk": meeting.pk}))
    keys = Keys(page)
    # From the first row back to "Mark everyone present": its labels, Remove, then the button.
    keys.press("Shift+Tab", 3)
    expect(page.get_by_role("button", name="Mark everyone present")).to_be_focused()
    keys.press("Enter")
    expect(page.locator("#register-state")).to_have_text("30 people marked “Present”.")
    first = page.locator(".register-row").first
    expect(first.locator("input.btn-check:checked")).to_be_focused()
    # Apologies from rows 5 and 12, row 20 absent: j moves on without marking.
    keys.press("j", 4)
    keys.press("a")
    keys.press("j", 6)
    keys.press("a")
    keys.press("j", 7)
    keys.press("x")

    expected = ["present"] * 30
    expected[4], expected[11], expected[19] = "apologies", "apologies", "absent"
    assert wait_for_categories(meeting, expected) == expected
    assert keys.count == 24


def test_typing_ahead_through_label_fields_keeps_every_keystroke(page, live_server):
    """A changed label used to redraw the register and put the focus back on the field just
    left, so words typed ahead went into the wrong label."""
    meeting, officer = big_register_meeting()
    login(page, live_server, officer)
    page.goto(live_server.url + reverse("draft_register", kwargs={"pk": meeting.pk}))
    row = page.locator(".register-row").nth(3)
    row.locator("summary").focus()
    keys = Keys(page)
    keys.press("Enter")  # open the labels
    keys.press("Tab")
    keys.type("Executive Members")
    keys.press("Tab")
    keys.type("Vice Chair")
    keys.press("Tab")
    keys.type("Joined by phone")
    keys.press("Tab")

    attendance = meeting.attendances.order_by("position")[3]

    def labels():
        attendance.refresh_from_db()
        return (attendance.group_label, attendance.role_label, attendance.note)

    expect(page.locator("#register-state")).to_have_text(re.compile(r"Saved \d\d:\d\d"))
    deadline = dt.datetime.now() + dt.timedelta(seconds=10)
    while labels() != ("Executive Members", "Vice Chair", "Joined by phone"):
        assert dt.datetime.now() < deadline, labels()
        page.wait_for_timeout(100)
    # The row moved to its group, showing its new labels, and the officer's place is kept.
    moved = page.locator(".register-group", has_text="Executive Members").locator(".register-row")
    expect(moved).to_have_count(1)
    expect(moved.locator(".role-label")).to_have_text("(Vice Chair)")
    expect(moved.locator(".register-note")).to_have_text("Joined by phone")
    expect(moved.locator("button.link-remove")).to_be_focused()
    screenshot(page, "drafting-register-labels")
    assert serious_violations(page) == []
