"""The register: groups as the minutes print them, labels per row, adding and removing in place."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import Attendance
from partners.models import Membership
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
R = Membership.Role


@pytest.fixture
def officer(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def _members(body, *rows):
    for name, role in rows:
        MembershipFactory(person=PersonFactory(name=name), body=body, role=role)


def _register(meeting):
    return list(
        Attendance.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("person__name", "group_label", "role_label")
    )


def test_new_meeting_groups_executive_and_non_executive_members(body):
    _members(
        body,
        ("Amanda Wadsley", R.NON_EXECUTIVE),
        ("Paul James", R.EXECUTIVE),
        ("Bill Crowther", R.MEMBER),
        ("Jessica May", R.CHAIR),
        ("Julian Wain", R.EXECUTIVE),
        ("Sonia Thomson", R.SECRETARIAT),
    )
    meeting = services.meeting_create(body=body, date=dt.date(2027, 1, 15))
    assert _register(meeting) == [
        ("Jessica May", "", "Chair"),
        ("Julian Wain", "Executive Members", ""),
        ("Paul James", "Executive Members", ""),
        ("Amanda Wadsley", "Non-Executive Members", ""),
        ("Bill Crowther", "", ""),
    ]


def test_new_meeting_of_a_body_without_those_roles_has_no_groups(body):
    _members(body, ("Gillian Gibson", R.MEMBER), ("Steve Winterflood", R.VICE_CHAIR))
    meeting = services.meeting_create(body=body, date=dt.date(2027, 1, 15))
    assert _register(meeting) == [
        ("Steve Winterflood", "", "Vice Chair"),
        ("Gillian Gibson", "", ""),
    ]


@pytest.fixture
def draft(body):
    _members(body, ("Paul James", R.EXECUTIVE), ("Amanda Wadsley", R.NON_EXECUTIVE))
    return services.meeting_create(body=body, date=dt.date(2027, 1, 15))


def test_register_page_groups_rows_in_order_of_their_first_row(officer, draft):
    response = officer.get(reverse("draft_register", kwargs={"pk": draft.pk}))
    groups = [(label, [a.person.name for a in rows]) for label, rows in response.context["groups"]]
    assert groups == [
        ("Executive Members", ["Paul James"]),
        ("Non-Executive Members", ["Amanda Wadsley"]),
    ]
    assert response.content.decode().count('class="register-group-head"') == 2


def test_register_sets_group_role_and_note_of_a_row(officer, draft):
    row = draft.attendances.get(person__name="Amanda Wadsley")
    response = officer.post(
        reverse("draft_register", kwargs={"pk": draft.pk}),
        {
            "rows": [row.pk],
            f"category-{row.pk}": "present",
            f"group-{row.pk}": "  Executive   Members ",
            f"role-{row.pk}": "Vice Chair",
            f"note-{row.pk}": "Joined by phone",
        },
        HTTP_ACCEPT="application/json",
    )
    row.refresh_from_db()
    assert (response.status_code, row.group_label, row.role_label, row.note) == (
        200,
        "Executive Members",
        "Vice Chair",
        "Joined by phone",
    )
    assert [h.group_label for h in row.history.order_by("history_id")] == [
        "Non-Executive Members",
        "Executive Members",
    ]


def test_register_post_without_label_fields_leaves_them_alone(officer, draft):
    row = draft.attendances.get(person__name="Paul James")
    officer.post(
        reverse("draft_register", kwargs={"pk": draft.pk}),
        {"rows": [row.pk], f"category-{row.pk}": "apologies"},
    )
    row.refresh_from_db()
    assert (row.category, row.group_label) == ("apologies", "Executive Members")


def test_register_refuses_an_overlong_note_beside_the_row(officer, draft):
    row = draft.attendances.get(person__name="Paul James")
    response = officer.post(
        reverse("draft_register", kwargs={"pk": draft.pk}),
        {"rows": [row.pk], f"category-{row.pk}": "present", f"note-{row.pk}": "x" * 201},
    )
    row.refresh_from_db()
    assert (response.status_code, response.context["row_errors"], row.category) == (
        400,
        {row.pk: "Keep the note under 200 characters."},
        "expected",
    )


def test_attendance_update_service_refuses_long_labels(draft):
    row = draft.attendances.first()
    with pytest.raises(ValidationError) as exc:
        services.attendance_update(attendance=row, group_label="g" * 81, role_label="r" * 81)
    assert exc.value.message_dict == {
        "group_label": ["Keep this under 80 characters."],
        "role_label": ["Keep this under 80 characters."],
    }


def test_add_person_with_htmx_swaps_the_register_area_with_a_notice(officer, draft):
    response = officer.post(
        reverse("draft_attendance_add", kwargs={"pk": draft.pk}),
        {
            "name": "Neil Hayes",
            "organisation": "EEDA",
            "category": "in_attendance",
            "group_label": "IEWM",
        },
        **HTMX,
    )
    html = response.content.decode()
    guest = draft.attendances.get(person__name="Neil Hayes")
    assert (response.status_code, guest.group_label, guest.category) == (
        200,
        "IEWM",
        "in_attendance",
    )
    assert html.startswith('\n<div id="register-area"') or html.lstrip().startswith(
        '<div id="register-area"'
    )
    assert "Neil Hayes added as “In attendance”." in html
    assert f'data-focus="row-{guest.pk}"' in html
    assert "<html" not in html


def test_add_person_refused_with_htmx_returns_the_form_with_its_message(officer, draft):
    response = officer.post(
        reverse("draft_attendance_add", kwargs={"pk": draft.pk}),
        {"name": "", "category": "present"},
        **HTMX,
    )
    html = response.content.decode()
    assert (response.status_code, html.count("Give the person&#x27;s name.")) == (200, 1)
    assert 'data-focus="add-person"' in html


def test_remove_person_with_htmx_and_without(officer, draft):
    james, wadsley = draft.attendances.order_by("position")
    response = officer.post(
        reverse("draft_attendance_remove", kwargs={"pk": draft.pk, "attendance_pk": james.pk}),
        **HTMX,
    )
    assert (
        response.status_code,
        "Paul James taken off the register." in response.content.decode(),
    ) == (
        200,
        True,
    )
    response = officer.post(
        reverse("draft_attendance_remove", kwargs={"pk": draft.pk, "attendance_pk": wadsley.pk})
    )
    assert (response.status_code, draft.attendances.count()) == (302, 0)
