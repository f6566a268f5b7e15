"""From an empty database to a drafted meeting, through the pages only (issue #11, part 5).

One administrator login (made as ``createsuperuser`` makes it) sets up a partnership of 30
people from 20 organisations: half typed in the pages, half imported from a CSV list. The chair
is invited by e-mail and chooses a password from the link. Then a meeting: its register of 33
(30 members, a guest, a substitute and an officer) taken with the keyboard, and three items each
with a decision and an action. No admin URL is ever opened.

Every click and key is counted (``Tally``) and printed, phase by phase, with ``-s``; the figures
also go to var/bench/setup-journey.txt. The targets are the issue's: setting up takes at most
150 clicks and keys beyond the typed data, the register of 33 at most 60.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from actions.models import Action
from meetings.models import AgendaItem, Meeting
from partners.models import Body, Membership, Organisation, Person
from tests.browser.conftest import screenshot, serious_violations
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIGURES = Path(__file__).resolve().parent.parent.parent / "var" / "bench" / "setup-journey.txt"
SETUP_TARGET = 150
REGISTER_TARGET = 60

BODY_NAME = "Sunderland Innovation and Improvement Group"
# Typed in the pages: 15 people from 10 organisations, each organisation new when first typed.
TYPED = [
    # name, organisation, e-mail, role
    ("Jessica May", "Sunderland City Council", "jessica.may@example.org", "Chair"),
    ("Valerie Hayllor", "Sunderland City Council", "valerie.hayllor@example.org", "Member"),
    ("Sarah Reed", "Jobcentre Plus", "sarah.reed@example.org", "Member"),
    ("Neil Hayes", "Northumbria Police", "neil.hayes@example.org", "Member"),
    ("Karen Lowe", "Tyne and Wear Fire and Rescue Service", "karen.lowe@example.org", "Member"),
    ("Peter Graham", "University of Sunderland", "peter.graham@example.org", "Member"),
    ("Amanda Scott", "Sunderland College", "amanda.scott@example.org", "Member"),
    ("David Bell", "NHS Sunderland", "david.bell@example.org", "Member"),
    ("Rachel Young", "Gentoo Group", "rachel.young@example.org", "Member"),
    ("Michael Ward", "Sunderland Business Partnership", "michael.ward@example.org", "Member"),
    ("Helen Carr", "Age UK Sunderland", "helen.carr@example.org", "Member"),
    ("Tom Fisher", "Northumbria Police", "tom.fisher@example.org", "Member"),
    ("Joanne Moore", "University of Sunderland", "joanne.moore@example.org", "Member"),
    ("Graham King", "Jobcentre Plus", "graham.king@example.org", "Member"),
    ("Owen Price", "Sunderland College", "owen.price@example.org", "Member"),
]
# Imported: 15 people, 10 organisations new to the directory, two already there (one written
# as people write it: "Sunderland CC" is offered as Sunderland City Council, with its score).
MEMBERS_CSV = """Name,Organisation,Role,E-mail,Job title
Cllr Ashley Green,Sunderland CC,Vice chair,ashley.green@example.org,Portfolio holder
Mark Dobson,Sunderland Voluntary Sector Alliance,Member,mark.dobson@example.org,Director
Lisa Hunter,Sunderland Voluntary Sector Alliance,Member,lisa.hunter@example.org,
Paul Atkinson,North East Chamber of Commerce,Member,paul.atkinson@example.org,
Claire Robson,Sunderland Carers Centre,Member,claire.robson@example.org,
Stephen Wilkinson,Nexus,Member,stephen.wilkinson@example.org,
Emma Turnbull,Sunderland Software Centre,Member,emma.turnbull@example.org,
Ian Stoker,Port of Sunderland,Member,ian.stoker@example.org,Harbour master
Julie Craig,Sunderland Live,Member,julie.craig@example.org,
Gary Marshall,Together for Children,Member,gary.marshall@example.org,
Nicola Hall,Together for Children,Member,nicola.hall@example.org,
Alan Pearson,Groundwork North East,Member,alan.pearson@example.org,
Deborah Lynch,Citizens Advice Sunderland,Member,deborah.lynch@example.org,
Susan Blake,Citizens Advice Sunderland,Member,susan.blake@example.org,
Farid Hussain,Northumbria Police,Member,farid.hussain@example.org,Inspector
"""
MEETING_DATE = dt.date(2027, 1, 13)
# The register's exceptions (everyone else is present) and the three added to it.
APOLOGIES = ["Rachel Young", "Helen Carr"]
ABSENT = ["Ian Stoker"]
ITEMS = [
    {
        "title": "Digital inclusion strategy",
        "minutes": "The group discussed the draft strategy and the gaps in broadband coverage.",
        "decision": "The draft strategy was approved for consultation.",
        "action": "Circulate the draft strategy to all partners",
        "owners": "Jessica May, VH",
        "due": "12/02/2027",
    },
    {
        "title": "Innovation fund bids",
        "minutes": "Fiona Grant presented the eleven bids received.",
        "decision": "Four bids were shortlisted for full appraisal.",
        "action": "Appraise the shortlisted bids",
        "owners": "Peter Graham",
        "due": "by the next meeting",
    },
    {
        "title": "Skills for growth",
        "minutes": "Partners reported on apprenticeship starts.",
        "decision": "The skills plan was endorsed.",
        "action": "Find a lead for the skills plan",
        "owners": "to be confirmed",
        "due": "",
    },
]


@dataclass
class Counts:
    clicks: int = 0  # on links, buttons and boxes, and into a field to type in it
    keys: int = 0  # keys that are not data: Tab, Enter, shortcuts, a letter picking a list entry
    typed: int = 0  # characters of data typed: names, addresses, titles, minutes

    @property
    def beyond_typed(self) -> int:
        return self.clicks + self.keys

    def line(self, phase: str, target: int | None = None) -> str:
        goal = f" (target <= {target})" if target is not None else ""
        return (
            f"{phase}: clicks={self.clicks}, keys={self.keys + self.typed} "
            f"({self.typed} of them typed data); clicks and keys beyond the typed data: "
            f"{self.beyond_typed}{goal}"
        )


@dataclass
class Tally:
    """The person's hands on the page, counted by phase. A fill of N characters is N keys of
    typed data, plus a click into the field unless the page has already put the focus there."""

    page: object
    phases: dict[str, Counts] = field(default_factory=dict)
    current: Counts | None = None

    def phase(self, name: str) -> None:
        self.current = self.phases.setdefault(name, Counts())

    def click(self, locator) -> None:
        locator.click()
        self.current.clicks += 1

    def _reach(self, locator) -> None:
        if not locator.evaluate("el => el === document.activeElement"):
            self.current.clicks += 1

    def fill(self, locator, text: str) -> None:
        self._reach(locator)
        locator.fill(text)
        self.current.typed += len(text)

    def select(self, locator, label: str) -> None:
        """Open a list and choose from it: two clicks (one if the list has the focus)."""
        self._reach(locator)
        locator.select_option(label=label)
        self.current.clicks += 1

    def upload(self, locator, files) -> None:
        """Open the file chooser and pick the file."""
        locator.set_input_files(files=files)
        self.current.clicks += 2

    def follow(self, url: str) -> None:
        """A link followed from outside the page (an e-mail): one click."""
        response = self.page.goto(url)
        assert response.status == 200
        self.current.clicks += 1

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
        self.current.keys += times

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.current.typed += len(text)


def wait_for(read, expected, timeout=15.0):
    """What ``read()`` returns once it equals ``expected`` (autosaves land after the keys), or
    what it returns at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if value == expected or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def test_a_partnership_set_up_and_run_from_an_empty_database(page, browser, live_server, settings):
    # The invitation's link points at this server, as SITE_URL points at the real one.
    settings.SITE_URL = live_server.url
    get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    assert (Person.objects.count(), Organisation.objects.count(), Body.objects.count()) == (0, 0, 0)

    opened = []
    page.context.on("request", lambda request: opened.append(request.url))
    findings = {}

    def check(name):
        screenshot(page, f"setup-journey-{name}")
        found = serious_violations(page)
        if found:
            findings[name] = found

    tally = Tally(page)

    # --- Setting up ---------------------------------------------------------------------------
    tally.phase("setup")
    page.goto(live_server.url)
    tally.fill(page.get_by_label("Username"), "admin")
    tally.fill(page.get_by_label("Password"), PASSWORD)
    tally.press("Enter")
    expect(page.get_by_role("link", name="Directory")).to_be_visible()

    # The body, with its usual time and place and the standing items its agendas carry.
    tally.click(page.get_by_role("link", name="Directory"))
    tally.click(page.get_by_role("navigation", name="Directory").get_by_role("link", name="Bodies"))
    tally.click(page.get_by_role("link", name="New body"))
    tally.fill(page.get_by_label("Name*", exact=True), BODY_NAME)
    tally.fill(page.get_by_label("Acronym"), "SIIG")
    tally.fill(page.get_by_label("Usual venue"), "Corporate Training Centre, Elm Bank")
    tally.fill(page.get_by_label("Usually starts"), "13:00")
    tally.fill(page.get_by_label("Usually ends"), "15:00")
    # This group has never taken declarations of interest.
    tally.click(page.get_by_label("Declarations of interest"))
    check("body-form")
    tally.click(page.get_by_role("button", name="Set up body"))
    expect(page.get_by_text(f"{BODY_NAME} set up. Add its members next.")).to_be_visible()

    # Fifteen people typed in, one after another; each new organisation is typed as it comes.
    tally.click(page.get_by_role("link", name="Add a member").first)
    seen_organisations = set()
    for n, (name, organisation, email, role) in enumerate(TYPED):
        tally.fill(page.get_by_label("Name", exact=True), name)
        tally.fill(page.get_by_label("Organisation", exact=True), organisation)
        tally.fill(page.get_by_label("E-mail"), email)
        if role != "Member":
            tally.select(page.get_by_label("Role"), role)
        if n == 1:
            check("member-form")
        last = n == len(TYPED) - 1
        tally.click(
            page.get_by_role("button", name="Add member" if last else "Add and add another")
        )
        added = f"{name} added as {role.lower()}."
        if organisation not in seen_organisations:
            added += f" {organisation} is new to the directory."
            seen_organisations.add(organisation)
        expect(page.get_by_text(added)).to_be_visible()
        if not last:
            expect(page.get_by_label("Name", exact=True)).to_be_focused()
    expect(page.get_by_role("heading", name="Members", exact=True)).to_be_visible()

    # Fifteen more from a list: the preview offers "Sunderland CC" as Sunderland City Council.
    tally.click(page.get_by_role("link", name="Import a list"))
    tally.upload(
        page.get_by_label("Membership list"),
        [{"name": "siig-members.csv", "mimeType": "text/csv", "buffer": MEMBERS_CSV.encode()}],
    )
    tally.click(page.get_by_role("button", name="Preview the import"))
    expect(page.get_by_text("Same as Sunderland City Council")).to_be_visible()
    check("import-preview")
    tally.click(page.get_by_role("button", name="Import 15 rows"))
    expect(
        page.get_by_text("Imported: 15 memberships, 15 new people and 10 new organisations.")
    ).to_be_visible()
    check("members")

    # The chair is invited, from her page.
    tally.click(page.get_by_role("link", name="Jessica May", exact=True))
    tally.click(page.get_by_role("button", name="Invite to log in"))
    expect(page.get_by_text("Invitation sent to jessica.may@example.org.")).to_be_visible()
    check("chair-invited")

    # The e-mail arrives; she follows its link, chooses a password and is in.
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["jessica.may@example.org"], "Your invitation to Minutebook")
    ]
    link = re.search(r"http://\S+/accounts/invitation/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url)
    chair_context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    chair_context.on("request", lambda request: opened.append(request.url))
    chair_page = chair_context.new_page()
    chair = Tally(chair_page, phases=tally.phases, current=tally.current)
    chair.follow(link)
    expect(chair_page.get_by_role("heading", name="Welcome to Minutebook")).to_be_visible()
    chair.fill(chair_page.locator("#id_new_password1"), "Sunderland-board-2027")
    chair.fill(chair_page.locator("#id_new_password2"), "Sunderland-board-2027")
    chair.press("Enter")
    expect(chair_page.get_by_text("Welcome to Minutebook: your password is set.")).to_be_visible()
    expect(chair_page.get_by_role("link", name=BODY_NAME).first).to_be_visible()
    screenshot(chair_page, "setup-journey-chair-home")
    assert serious_violations(chair_page) == []
    chair_context.close()

    body = Body.objects.get()
    assert (Person.objects.count(), Organisation.objects.count()) == (30, 20)
    assert Membership.objects.filter(body=body).count() == 30
    assert Person.objects.get(name="Ashley Green").organisation.name == "Sunderland City Council"
    assert Person.objects.get(name="Jessica May").user.has_usable_password() is True
    assert (body.default_start_time, body.default_venue, body.standing_items) == (
        dt.time(13),
        "Corporate Training Centre, Elm Bank",
        ["apologies", "previous_minutes", "aob", "next_meeting"],
    )

    # --- The meeting: at the body's usual time and place, with its standing items ------------
    tally.phase("meeting")
    tally.click(page.get_by_role("link", name="Meetings to draft"))
    tally.click(page.get_by_role("link", name=f"New meeting of {BODY_NAME}"))
    expect(page.get_by_label("Starts")).to_have_value("13:00")
    expect(page.get_by_label("Ends")).to_have_value("15:00")
    expect(page.get_by_label("Venue")).to_have_value("Corporate Training Centre, Elm Bank")
    tally.fill(page.get_by_label("Date"), MEETING_DATE.isoformat())
    check("meeting-form")
    tally.click(page.get_by_role("button", name="Set up meeting"))
    expect(
        page.get_by_text("Meeting of 13 January 2027 set up with the register and standing items.")
    ).to_be_visible()
    meeting = Meeting.objects.get()
    assert list(meeting.items.order_by("position").values_list("kind", flat=True)) == [
        "apologies",
        "previous_minutes",
        "aob",
        "next_meeting",
    ]

    # --- The register of 33, by keyboard ------------------------------------------------------
    tally.phase("register")
    tally.click(page.get_by_role("link", name="Register", exact=True))
    rows = page.locator(".register-row")
    expect(rows).to_have_count(30)
    # The page opens on the first person not yet marked.
    expect(rows.first.locator("input.btn-check").first).to_be_focused()
    names = [n.strip() for n in rows.locator(".register-name > .fw-semibold").all_inner_texts()]
    # Back to "Mark everyone present" (the first row's Labels and Remove, then the button).
    tally.press("Shift+Tab", 3)
    expect(page.get_by_role("button", name="Mark everyone present")).to_be_focused()
    tally.press("Enter")
    expect(page.locator("#register-state")).to_have_text("30 people marked “Present”.")
    expect(rows.first.locator("input.btn-check:checked")).to_be_focused()
    # Then the exceptions, in the register's order: j moves on, a or x marks and moves on.
    exceptions = {names.index(n): "a" for n in APOLOGIES} | {names.index(n): "x" for n in ABSENT}
    at = 0
    for index in sorted(exceptions):
        tally.press("j", index - at)
        tally.press(exceptions[index])
        at = index + 1
    expect(rows.nth(at).locator("input.btn-check:checked")).to_be_focused()

    def add_to_register(name, organisation, category_key=None, deputising_for=None):
        """n jumps to the add form; Name, Tab, organisation, [Tab, category, Tab, for], Enter."""
        tally.press("n")
        expect(page.locator("#id_name")).to_be_focused()
        tally.type(name)
        tally.press("Tab")
        tally.type(organisation)
        if category_key:
            tally.press("Tab")
            tally.press(category_key)  # the first entry starting with the letter
        if deputising_for:
            tally.press("Tab")
            # Typing the start of a name picks it from the list; those keys are counted as keys.
            for letter in deputising_for:
                tally.press(letter)
            tally.press("Tab")
        tally.press("Enter")
        added = page.locator(".register-row", has_text=name)
        expect(added).to_have_count(1)
        expect(added.locator("input.btn-check:checked")).to_be_focused()

    add_to_register("Fiona Grant", "Sunderland Software Centre")
    add_to_register("Chris Hall", "Gentoo Group", category_key="p", deputising_for="R")
    add_to_register("Liam Price", "Sunderland City Council")
    expect(rows).to_have_count(33)
    expect(page.locator(".register-row", has_text="Chris Hall")).to_contain_text(
        "deputising for Rachel Young"
    )
    check("register")

    expected = {name: "present" for name, *_ in TYPED}
    expected |= {line.split(",")[0]: "present" for line in MEMBERS_CSV.splitlines()[1:]}
    expected = {n.removeprefix("Cllr "): c for n, c in expected.items()}
    expected |= {n: "apologies" for n in APOLOGIES} | {n: "absent" for n in ABSENT}
    expected |= {"Fiona Grant": "in_attendance", "Chris Hall": "present"}
    expected |= {"Liam Price": "in_attendance"}

    def register():
        return dict(meeting.attendances.values_list("person__name", "category"))

    assert wait_for(register, expected) == expected

    # --- Three items, each with a decision and an action --------------------------------------
    tally.phase("items")
    tally.click(page.get_by_role("link", name="Agenda", exact=True))
    title = page.get_by_label("Title")
    for n, item in enumerate(ITEMS):
        tally.fill(title, item["title"])
        if n == 1:
            tally.select(page.get_by_label("Presenter"), "Fiona Grant")
        tally.press("Enter")
        expect(page.locator(".agenda-row", has_text=item["title"])).to_be_visible()
        expect(title).to_be_focused()
    check("agenda")

    tally.click(page.get_by_role("link", name="Minutes", exact=True))
    items = {i.title: i for i in meeting.items.filter(kind=AgendaItem.Kind.STANDARD)}
    for n, item in enumerate(ITEMS):
        pk = items[item["title"]].pk
        editor = page.locator(f"#item-{pk} .minutes-editor")
        if n == 0:
            tally.click(editor)
        else:
            tally.press("Alt+PageDown")
        expect(editor).to_be_focused()
        tally.type(item["minutes"])
        tally.press("Alt+Shift+D")
        decision = page.locator(f"#item-{pk} .decision-form textarea")
        expect(decision).to_be_focused()
        tally.type(item["decision"])
        tally.press("Tab")
        tally.press("Enter")  # Record decision
        expect(page.locator(f"#item-{pk} .decision")).to_contain_text(item["decision"])
        expect(page.locator(f"#item-{pk} .decision-form textarea")).to_be_focused()
        tally.press("Alt+Shift+A")
        action = page.locator(f"#item-{pk} .action-form textarea")
        expect(action).to_be_focused()
        tally.type(item["action"])
        tally.press("Tab")
        tally.type(item["owners"])
        if item["due"]:
            tally.press("Tab")
            tally.type(item["due"])
        tally.press("Enter")  # Record action
        expect(page.locator(f"#item-{pk} .actions-table")).to_contain_text(item["action"])
        expect(page.locator(f"#item-{pk} .action-form textarea")).to_be_focused()
    check("minutes")

    # --- What was recorded --------------------------------------------------------------------
    actions = {
        a.description: (
            sorted(str(o) for o in a.owners.all()),
            a.due_date,
            a.due_note,
            a.item.title,
        )
        for a in Action.objects.filter(meeting=meeting)
    }
    assert actions == {
        "Circulate the draft strategy to all partners": (
            ["Jessica May", "Valerie Hayllor"],
            dt.date(2027, 2, 12),
            "",
            "Digital inclusion strategy",
        ),
        "Appraise the shortlisted bids": (
            ["Peter Graham"],
            None,
            "by the next meeting",
            "Innovation fund bids",
        ),
        "Find a lead for the skills plan": ([], None, "", "Skills for growth"),
    }
    assert {
        i.title: list(i.decisions.values_list("text", flat=True))
        for i in meeting.items.filter(kind=AgendaItem.Kind.STANDARD)
    } == {item["title"]: [f"<p>{item['decision']}</p>"] for item in ITEMS}
    assert meeting.items.get(title="Innovation fund bids").presenter.name == "Fiona Grant"
    assert [url for url in opened if "/admin" in url] == []
    assert findings == {}

    # --- The figures --------------------------------------------------------------------------
    phases = tally.phases
    lines = [
        phases["setup"].line("setup", SETUP_TARGET),
        phases["meeting"].line("meeting"),
        phases["register"].line("register of 33", REGISTER_TARGET),
        phases["items"].line("three items"),
    ]
    report = "\n".join(lines)
    print("\n" + report)
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    FIGURES.write_text(report + "\n")
    assert phases["setup"].beyond_typed <= SETUP_TARGET, report
    assert phases["register"].beyond_typed <= REGISTER_TARGET, report
