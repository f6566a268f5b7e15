"""Importing a membership list: reading CSV and Excel, the preview's matches and errors, and
the confirmation that imports everything or nothing."""

import datetime as dt

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners import services
from partners.imports import organisation_score, plan_import, read_rows
from partners.models import Membership, Organisation, Person
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CSV = (
    "Name,Organisation,Role,E-mail,Notes\n"
    "Cllr Ashley Green,Sunderland CC,Vice Chair,ashley@example.org,keen\n"
    ",,,,\n"
    "Valerie Haylor,Sunderland City Council,member,,\n"
    "Sarah Reed,Job Centre Plus,Chief,sarah@,\n"
)


def upload(text=CSV, name="members.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def directory():
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    valerie = PersonFactory(name="Valerie Hayllor", organisation=council, email="vh@example.org")
    return council, valerie


def test_read_rows_maps_headings_skips_blank_lines_and_names_unused_columns():
    rows, ignored = read_rows(upload())

    assert rows == [
        {
            "line": 2,
            "name": "Cllr Ashley Green",
            "organisation": "Sunderland CC",
            "role": "Vice Chair",
            "email": "ashley@example.org",
        },
        {
            "line": 4,
            "name": "Valerie Haylor",
            "organisation": "Sunderland City Council",
            "role": "member",
            "email": "",
        },
        {
            "line": 5,
            "name": "Sarah Reed",
            "organisation": "Job Centre Plus",
            "role": "Chief",
            "email": "sarah@",
        },
    ]
    assert ignored == ["Notes"]


def test_read_rows_reads_excel_with_real_dates():
    dataset = tablib.Dataset(headers=["Full name", "Organisation", "Start date"])
    dataset.append(["Jessica May", "Sunderland Partnership", dt.datetime(2010, 4, 1)])
    file = SimpleUploadedFile("list.xlsx", dataset.export("xlsx"))

    rows, ignored = read_rows(file)

    assert (rows, ignored) == (
        [
            {
                "line": 2,
                "name": "Jessica May",
                "organisation": "Sunderland Partnership",
                "start_date": "2010-04-01",
            }
        ],
        [],
    )


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("Organisation\nSCC\n"), "The list needs a column headed “Name”, one person a row."),
        (
            upload(name="list.pdf"),
            "Upload the list as a CSV file (.csv) or an Excel workbook (.xlsx).",
        ),
        (
            SimpleUploadedFile("list.xlsx", b"not a workbook"),
            "This file could not be read. Save it as CSV or Excel (.xlsx) and try again.",
        ),
        (upload("Name\n"), "The list has a heading row but no people under it."),
        (
            upload("Name\n" + "Someone\n" * 501),
            "The list has 501 rows; import at most 500 at a time.",
        ),
    ],
    ids=["no-name-column", "pdf", "broken-xlsx", "empty", "too-long"],
)
def test_read_rows_refuses_what_it_cannot_use(file, message):
    with pytest.raises(ValidationError) as exc_info:
        read_rows(file)

    assert exc_info.value.message_dict == {"file": [message]}


@pytest.mark.parametrize(
    ("query", "candidate", "score"),
    [
        ("sunderland cc", "sunderland city council", 95),
        ("jcp", "job centre plus", 95),
        ("jobcentre plus", "job centre plus", 97),
        ("sunderland city council", "sunderland city council", 100),
        ("sunderland college", "sunderland city council", 68),
    ],
)
def test_organisation_score(query, candidate, score):
    assert round(organisation_score(query, candidate)) == score


def test_plan_matches_exactly_fuzzily_and_says_what_is_wrong(body, directory):
    council, valerie = directory
    rows, ignored = read_rows(upload())

    plan = plan_import(body=body, rows=rows, ignored_columns=ignored)

    ashley, val, sarah = plan.rows
    assert (ashley.values["honorific"], ashley.values["name"], ashley.role) == (
        "Cllr",
        "Ashley Green",
        "vice_chair",
    )
    assert (ashley.organisation.label, ashley.organisation.score, ashley.organisation.exact) == (
        "Sunderland City Council",
        95,
        False,
    )
    assert (ashley.new_person, ashley.existing_organisation_pk) == (True, council.pk)
    assert (val.person.pk, val.person.score, val.person.exact, val.new_person) == (
        valerie.pk,
        99,
        False,
        False,
    )
    assert sarah.errors == [
        "“sarah@” is not an e-mail address.",
        "Unknown role “Chief” (use one of: Chair, Vice-chair, Member, Executive member, "
        "Non-executive member, Advisor, Lead member, Officer, Secretariat).",
    ]
    # Counted over the rows without errors: what importing would create once they are fixed.
    assert (plan.new_people, plan.new_organisations, plan.new_memberships) == (1, 0, 2)


def test_plan_finds_people_by_email_and_members_already_there(body, directory):
    _, valerie = directory
    MembershipFactory(body=body, person=valerie, role=Membership.Role.MEMBER)
    rows = [{"line": 2, "name": "V. Hayllor", "email": "VH@example.org", "role": "Member"}]

    (row,) = plan_import(body=body, rows=rows).rows

    assert (row.person.pk, row.person.exact, row.already_member) == (valerie.pk, True, True)


def test_plan_flags_a_repeated_row(body):
    rows = [
        {"line": 2, "name": "Carol Harries", "role": "member"},
        {"line": 3, "name": "carol harries", "role": "Member"},
    ]

    plan = plan_import(body=body, rows=rows)

    assert [r.errors for r in plan.rows] == [[], ["Repeats line 2 (same person and role)."]]


def test_plan_with_a_declined_match_creates_anew(body, directory):
    rows = [{"line": 2, "name": "Ashley Green", "organisation": "Sunderland CC"}]

    (row,) = plan_import(body=body, rows=rows, declined=frozenset({"organisation-2"})).rows

    assert (row.organisation.score, row.new_organisation) == (95, True)


def test_import_service_is_all_or_nothing(body, directory):
    gone = PersonFactory(name="Neil Revely")
    rows = [
        {"line": 2, "name": "New Person", "organisation": "Gentoo Group"},
        {"line": 3, "name": "Neil Revely"},
    ]
    plan = plan_import(body=body, rows=rows)
    gone.delete()
    before = (Person.objects.count(), Organisation.objects.count(), Membership.objects.count())

    with pytest.raises(ValidationError) as exc_info:
        services.memberships_import(body=body, plan=plan)

    assert exc_info.value.messages == [
        "Line 3: the matching record was removed meanwhile. Nothing was imported; upload the "
        "list again."
    ]
    after = (Person.objects.count(), Organisation.objects.count(), Membership.objects.count())
    assert after == before


# The pages


def test_upload_preview_confirm(client, body, secretariat_user, directory):
    council, valerie = directory
    client.force_login(secretariat_user)
    text = CSV.replace("sarah@", "sarah@example.org").replace("Chief", "Advisor")

    sent = client.post(reverse("directory_import", args=[body.slug]), {"file": upload(text)})
    preview = client.get(sent["Location"])
    digest = preview.context["plan"].digest()
    done = client.post(
        reverse("directory_import_confirm", args=[body.slug]),
        {"digest": digest, "use": ["organisation-2", "person-4"]},
        follow=True,
    )

    assert sent["Location"] == reverse("directory_import_preview", args=[body.slug])
    assert "match 95%" in preview.content.decode()
    assert [str(m) for m in done.context["messages"]] == [
        "Imported: 3 memberships, 2 new people and 1 new organisation."
    ]
    memberships = Membership.objects.filter(body=body).exclude(person=secretariat_user.person)
    assert sorted((m.person.name, m.role, m.organisation.name) for m in memberships) == [
        ("Ashley Green", "vice_chair", "Sunderland City Council"),
        ("Sarah Reed", "advisor", "Job Centre Plus"),
        ("Valerie Hayllor", "member", "Sunderland City Council"),
    ]


def test_confirm_with_errors_imports_nothing(client, body, secretariat_user):
    client.force_login(secretariat_user)
    client.post(reverse("directory_import", args=[body.slug]), {"file": upload()})
    preview = client.get(reverse("directory_import_preview", args=[body.slug]))
    before = (Person.objects.count(), Membership.objects.count())

    response = client.post(
        reverse("directory_import_confirm", args=[body.slug]),
        {"digest": preview.context["plan"].digest()},
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Some rows have errors: correct the list first. Nothing was imported."
    ]
    assert "Import 3 rows" not in preview.content.decode()
    assert (Person.objects.count(), Membership.objects.count()) == before


def test_confirm_shows_the_preview_again_when_it_changed(client, body, secretariat_user):
    client.force_login(secretariat_user)
    client.post(
        reverse("directory_import", args=[body.slug]),
        {"file": upload("Name,Organisation\nCarol Harries,City Hospitals Sunderland\n")},
    )
    preview = client.get(reverse("directory_import_preview", args=[body.slug]))
    OrganisationFactory(name="City Hospitals Sunderland")  # added meanwhile

    response = client.post(
        reverse("directory_import_confirm", args=[body.slug]),
        {"digest": preview.context["plan"].digest()},
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Here is the preview as it now stands: check it, then import."
    ]
    assert Person.objects.filter(name="Carol Harries").exists() is False
