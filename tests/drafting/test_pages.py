"""Drafting pages: set up, agenda, register, minutes, history, preview (Django test client)."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, Paper
from partners.models import Membership
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def valerie(body):
    org = OrganisationFactory(name="Job Centre Plus", acronym="JCP")
    person = PersonFactory(name="Valerie Hayllor", organisation=org)
    MembershipFactory(person=person, body=body, role=Membership.Role.MEMBER)
    return person


@pytest.fixture
def draft(body, valerie):
    return services.meeting_create(body=body, date=dt.date(2026, 11, 9), start_time=dt.time(13))


def test_drafts_lists_draft_meetings_of_my_bodies(officer, draft):
    response = officer.get(reverse("drafts"))
    assert response.status_code == 200
    assert [m.pk for m in response.context["meetings"]] == [draft.pk]


def test_drafts_is_404_for_a_member(client, member_user, draft):
    client.force_login(member_user)
    assert client.get(reverse("drafts")).status_code == 404


def test_meeting_create_sets_up_register_and_standing_items(officer, body, valerie):
    response = officer.post(
        reverse("meeting_create", kwargs={"slug": body.slug}),
        {"date": "2027-01-12", "start_time": "13:00", "end_time": "15:00", "kind": "ordinary"},
    )
    meeting = Meeting.objects.get(body=body)
    assert response.status_code == 302
    assert response["Location"] == reverse("draft_agenda", kwargs={"pk": meeting.pk})
    assert [i.title for i in meeting.items.order_by("position")] == [
        "Welcome and apologies",
        "Declarations of interest",
        "Minutes of the previous meeting and matters arising",
        "Any other business",
        "Date and time of next meeting",
    ]
    assert [a.person.name for a in meeting.attendances.all()] == ["Valerie Hayllor"]


def test_meeting_create_without_date_or_with_end_before_start_saves_nothing(officer, body):
    response = officer.post(
        reverse("meeting_create", kwargs={"slug": body.slug}),
        {"date": "", "start_time": "15:00", "end_time": "13:00", "kind": "ordinary"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "date": ["Give the date of the meeting."],
        "end_time": ["The meeting must end after it starts."],
    }
    assert Meeting.objects.count() == 0


def test_meeting_create_form_starts_at_the_body_usual_time_and_venue(officer, body):
    body.default_start_time, body.default_end_time = dt.time(13), dt.time(15, 30)
    body.default_venue = "Corporate Training Centre, Elm Bank"
    body.standing_items = ["apologies", "aob"]
    body.save()

    response = officer.get(reverse("meeting_create", kwargs={"slug": body.slug}))

    form = response.context["form"]
    assert {name: form[name].value() for name in ("start_time", "end_time", "venue")} == {
        "start_time": dt.time(13),
        "end_time": dt.time(15, 30),
        "venue": "Corporate Training Centre, Elm Bank",
    }
    assert response.context["standing_items"] == ["Welcome and apologies", "Any other business"]
    assert 'value="13:00"' in response.content.decode()


def test_meeting_create_gives_the_meeting_the_body_standing_items_only(officer, body):
    body.standing_items = ["previous_minutes", "next_meeting"]
    body.save()

    officer.post(
        reverse("meeting_create", kwargs={"slug": body.slug}),
        {"date": "2027-01-12", "kind": "ordinary"},
    )

    meeting = Meeting.objects.get(body=body)
    assert [(i.kind, i.number) for i in meeting.items.order_by("position")] == [
        ("previous_minutes", "1"),
        ("next_meeting", "2"),
    ]


def test_meeting_create_for_a_body_without_standing_items_starts_an_empty_agenda(officer, body):
    body.standing_items = []
    body.save()

    response = officer.post(
        reverse("meeting_create", kwargs={"slug": body.slug}),
        {"date": "2027-01-12", "kind": "ordinary"},
        follow=True,
    )

    assert Meeting.objects.get(body=body).items.count() == 0
    assert [str(m) for m in response.context["messages"]] == [
        "Meeting of 12 January 2027 set up with the register and no standing items."
    ]


def test_meeting_schedule_form_starts_at_the_body_usual_time_when_there_is_no_meeting(
    officer, body
):
    body.default_start_time, body.default_venue = dt.time(10), "Civic Centre"
    body.save()

    response = officer.get(reverse("meeting_schedule", kwargs={"slug": body.slug}))

    form = response.context["form"]
    assert (form["start_time"].value(), form["end_time"].value(), form["venue"].value()) == (
        dt.time(10),
        None,
        "Civic Centre",
    )


def test_meeting_schedule_creates_a_series(officer, body):
    response = officer.post(
        reverse("meeting_schedule", kwargs={"slug": body.slug}),
        {"first_date": "2027-01-12", "every_weeks": "6", "count": "3", "kind": "ordinary"},
    )
    assert response.status_code == 302
    assert list(
        Meeting.objects.filter(body=body).order_by("date").values_list("date", flat=True)
    ) == [
        dt.date(2027, 1, 12),
        dt.date(2027, 2, 23),
        dt.date(2027, 4, 6),
    ]


def test_meeting_schedule_refuses_a_date_already_taken(officer, body, draft):
    response = officer.post(
        reverse("meeting_schedule", kwargs={"slug": body.slug}),
        {"dates": "9 November 2026\n7 December 2026", "kind": "ordinary"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"dates": ["SIIG already meets on 9 November 2026."]}
    assert Meeting.objects.filter(body=body).count() == 1


def test_agenda_add_item_goes_before_aob_and_renumbers(officer, draft):
    response = officer.post(
        reverse("draft_item_add", kwargs={"pk": draft.pk}),
        {"title": "Innovation fund", "purpose": "decision"},
    )
    assert response.status_code == 302
    assert [(i.number, i.title) for i in draft.items.filter(parent=None).order_by("position")][
        3:
    ] == [
        ("4", "Innovation fund"),
        ("5", "Any other business"),
        ("6", "Date and time of next meeting"),
    ]


def test_agenda_move_and_indent(officer, draft):
    fund = services.item_add(meeting=draft, title="Innovation fund")
    criteria = services.item_add(meeting=draft, title="Criteria")
    url = reverse("draft_item_move", kwargs={"pk": draft.pk, "item_pk": criteria.pk})
    officer.post(url, {"direction": "in"})
    officer.post(
        reverse("draft_item_move", kwargs={"pk": draft.pk, "item_pk": fund.pk}), {"direction": "up"}
    )
    numbers = {i.title: i.number for i in draft.items.all()}
    assert numbers["Innovation fund"] == "3"
    assert numbers["Criteria"] == "3.1"
    assert numbers["Minutes of the previous meeting and matters arising"] == "4"


def test_agenda_reorder_by_drag(officer, draft):
    top = list(draft.items.filter(parent=None).order_by("position"))
    order = [top[1].pk, top[0].pk] + [i.pk for i in top[2:]]
    response = officer.post(
        reverse("draft_items_reorder", kwargs={"pk": draft.pk}),
        {"parent": "", "order": order},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert list(draft.items.order_by("position").values_list("title", flat=True))[:2] == [
        "Declarations of interest",
        "Welcome and apologies",
    ]


def _docx_bytes(
    main=b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", b'<Types><Override ContentType="' + main + b'"/></Types>'
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        (
            "setup.pdf",
            b"MZ\x90\x00 windows program",
            "“setup.pdf” is not a real PDF (its content is something else).",
        ),
        (
            "paper.exe",
            b"MZ",
            "Upload a PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx) file.",
        ),
        (
            "paper.xlsx",
            _docx_bytes(),
            "“paper.xlsx” is not a real Excel workbook (its content is something else).",
        ),
    ],
)
def test_paper_upload_refuses_files_that_are_not_what_they_claim(
    officer, draft, name, content, error
):
    item = draft.items.first()
    response = officer.post(
        reverse("draft_paper_add", kwargs={"pk": draft.pk, "item_pk": item.pk}),
        {"reference": "Paper 1", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert response.context["paper_form"].errors == {"file": [error]}
    assert Paper.objects.count() == 0


def test_paper_upload_refuses_a_file_over_the_limit(officer, draft, settings):
    settings.PAPER_MAX_BYTES = 1024
    item = draft.items.first()
    response = officer.post(
        reverse("draft_paper_add", kwargs={"pk": draft.pk, "item_pk": item.pk}),
        {"file": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 4096)},
    )
    assert response.context["paper_form"].errors == {
        "file": ["This file is 4.0\xa0KB; papers can be at most 1.0\xa0KB."]
    }
    assert Paper.objects.count() == 0


def test_paper_upload_accepts_real_pdf_docx_and_a_reference(officer, draft, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    item = draft.items.first()
    url = reverse("draft_paper_add", kwargs={"pk": draft.pk, "item_pk": item.pk})
    officer.post(
        url, {"reference": "Paper 1", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.7 ...")}
    )
    officer.post(url, {"file": SimpleUploadedFile("b.docx", _docx_bytes())})
    officer.post(url, {"reference": "Paper 3a"})
    assert list(item.papers.values_list("reference", "original_name")) == [
        ("Paper 1", "a.pdf"),
        ("", "b.docx"),
        ("Paper 3a", ""),
    ]


def test_register_sets_categories_chair_and_movements(officer, draft, valerie):
    row = draft.attendances.get()
    item2 = draft.items.get(number="2")
    response = officer.post(
        reverse("draft_register", kwargs={"pk": draft.pk}),
        {
            "rows": [row.pk],
            f"category-{row.pk}": "present",
            f"arrived-{row.pk}": item2.pk,
            f"left-{row.pk}": "",
            "chaired": row.pk,
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.category, row.chaired, row.arrived_during_id, row.left_after_id) == (
        "present",
        True,
        item2.pk,
        None,
    )


def test_register_autosave_answers_json(officer, draft):
    row = draft.attendances.get()
    response = officer.post(
        reverse("draft_register", kwargs={"pk": draft.pk}),
        {"rows": [row.pk], f"category-{row.pk}": "apologies"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert draft.attendances.get().category == "apologies"


def test_register_add_substitute_creates_person_and_organisation(officer, draft, valerie):
    response = officer.post(
        reverse("draft_attendance_add", kwargs={"pk": draft.pk}),
        {
            "name": "Neil Hayes",
            "organisation": "EEDA",
            "category": "present",
            "substitute_for": valerie.pk,
        },
    )
    assert response.status_code == 302
    guest = draft.attendances.get(person__name="Neil Hayes")
    assert (guest.organisation.name, guest.substitute_for, guest.category) == (
        "EEDA",
        valerie,
        "present",
    )


def test_register_second_entry_for_same_person_is_refused(officer, draft, valerie):
    response = officer.post(
        reverse("draft_attendance_add", kwargs={"pk": draft.pk}),
        {"name": "Valerie Hayllor", "organisation": "Job Centre Plus", "category": "present"},
    )
    assert response.status_code == 400
    assert response.context["guest_form"].non_field_errors() == [
        "Valerie Hayllor is already on the register as “Expected”. Change that entry instead."
    ]
    assert draft.attendances.count() == 1
