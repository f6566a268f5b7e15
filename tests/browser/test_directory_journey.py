"""An administrator sets a partnership up through the directory pages, no Django admin: an
organisation, a body, its secretariat and members (one by one and from a spreadsheet), a group
that owns actions, and an invitation to log in. axe-core checks every page on the way."""

import os
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from partners.models import Body, Membership, Person, Team
from tests.browser.conftest import login, screenshot, serious_violations
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("MB_SCREENSHOTS", "/tmp/minutebook-screenshots/directory"))

MEMBERS_CSV = (
    "Name,Organisation,Role,E-mail\n"
    "Cllr Ashley Green,Sunderland CC,Vice chair,ashley@example.org\n"
    "Sarah Reed,Job Centre Plus,Member,sarah@example.org\n"
)


def test_administrator_sets_up_a_body_through_the_pages(page, live_server):
    OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    sonia = PersonFactory(name="Sonia Thomson", organisation=None, email="sonia@example.org")
    admin = UserFactory()
    PersonFactory(name="Adele Administrator", user=admin, is_administrator=True)
    findings = {}

    def check(name):
        screenshot(page, name, SHOTS)
        found = serious_violations(page)
        if found:
            findings[name] = found

    login(page, live_server, admin)
    page.get_by_role("link", name="Directory").click()
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()
    check("people")

    # An organisation.
    page.get_by_role("navigation", name="Directory").get_by_role(
        "link", name="Organisations"
    ).click()
    page.get_by_role("link", name="Add an organisation").click()
    check("organisation-form")
    page.get_by_label("Name").fill("Sunderland Partnership")
    page.get_by_label("Acronym").fill("SP")
    page.get_by_label("Kind").select_option("partnership")
    page.get_by_role("button", name="Add organisation").click()
    expect(page.get_by_text("Sunderland Partnership added.")).to_be_visible()
    check("organisations")

    # A body.
    page.get_by_role("navigation", name="Directory").get_by_role("link", name="Bodies").click()
    check("bodies-empty")
    page.get_by_role("link", name="New body").click()
    check("body-form")
    page.get_by_label("Name*", exact=True).fill("Sunderland Innovation and Improvement Group")
    page.get_by_label("Acronym").fill("SIIG")
    page.get_by_label("Usual venue").fill("Corporate Training Centre, Elm Bank")
    page.get_by_label("Usually starts").fill("13:00")
    page.get_by_label("1.0, 2.0, 3.0 (sub-items 1.1)").check()
    page.get_by_role("button", name="Set up body").click()
    expect(page.get_by_text("Add its members next.")).to_be_visible()
    check("members-empty")

    # Its secretariat (already in the directory) and a new member, one by one.
    page.get_by_role("link", name="Add a member").first.click()
    check("member-form")
    page.get_by_label("Person").select_option(label="Sonia Thomson")
    page.get_by_label("Role").select_option("secretariat")
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_text("Sonia Thomson added as secretariat.")).to_be_visible()
    page.get_by_role("link", name="Add a member").first.click()
    # "Someone new" is open from the start: the organisation is typed (and matched).
    page.get_by_label("Name", exact=True).fill("Jessica May")
    page.get_by_label("Organisation", exact=True).fill("Sunderland Partnership")
    page.get_by_label("Role").select_option("chair")
    page.get_by_label("Member since").fill("2010-04-01")
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_text("Jessica May added as chair.")).to_be_visible()

    # The rest from a spreadsheet: preview with the fuzzy match, then import.
    page.get_by_role("link", name="Import a list").click()
    check("import-upload")
    page.get_by_label("Membership list").set_input_files(
        files=[{"name": "siig.csv", "mimeType": "text/csv", "buffer": MEMBERS_CSV.encode()}]
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_text("match 95%")).to_be_visible()
    check("import-preview")
    page.get_by_role("button", name="Import 2 rows").click()
    expect(
        page.get_by_text("Imported: 2 memberships, 2 new people and 1 new organisation.")
    ).to_be_visible()
    check("members")

    # A group that owns actions, chosen with the keyboard.
    page.get_by_role("link", name="Groups").click()
    check("groups")
    page.get_by_label("Name").fill("Secretariat")
    page.get_by_label("Sonia Thomson").check()
    page.get_by_label("Name").press("Enter")
    expect(page.get_by_text("Group “Secretariat” added.")).to_be_visible()

    page.get_by_role("link", name="Settings").click()
    check("settings")

    # Sonia is invited to log in.
    page.goto(live_server.url + reverse("directory_person", args=[sonia.pk]))
    check("person")
    page.get_by_role("button", name="Invite to log in").click()
    expect(page.get_by_text("Invitation sent to sonia@example.org.")).to_be_visible()

    body = Body.objects.get(slug="siig")
    assert (body.numbering, body.default_venue) == (
        "decimal",
        "Corporate Training Centre, Elm Bank",
    )
    assert sorted(Membership.objects.filter(body=body).values_list("person__name", "role")) == [
        ("Ashley Green", "vice_chair"),
        ("Jessica May", "chair"),
        ("Sarah Reed", "member"),
        ("Sonia Thomson", "secretariat"),
    ]
    assert Person.objects.get(name="Ashley Green").organisation.name == "Sunderland City Council"
    assert list(Team.objects.get(body=body).members.values_list("name", flat=True)) == [
        "Sonia Thomson"
    ]
    assert [m.to for m in mail.outbox] == [["sonia@example.org"]]
    assert findings == {}
