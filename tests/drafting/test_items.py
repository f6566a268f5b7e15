"""Agenda items: numbers automatic in the body's style or as typed, presenters from the register
as well as the body, and an item page whose labels each point at their own field."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from partners.models import Body

pytestmark = pytest.mark.django_db


def _numbers(meeting):
    return list(meeting.items.order_by("parent_id", "position").values_list("title", "number"))


def _top_numbers(meeting):
    return list(
        meeting.items.filter(parent=None).order_by("position").values_list("number", flat=True)
    )


def test_typed_number_is_kept_and_counted_by_the_automatic_ones(draft, fund):
    services.item_add(meeting=draft, title="Bids", number="45/11")
    services.item_add(meeting=draft, title="Budget")
    assert _top_numbers(draft) == ["1", "2", "3", "4", "45/11", "6", "7", "8"]


def test_typed_number_survives_moves_and_its_sub_items_follow_it(draft, fund):
    typed = services.item_add(meeting=draft, title="Bids", number="3a")
    sub = services.item_add(meeting=draft, title="Criteria", parent=typed)
    services.item_move(item=typed, direction="up")
    typed.refresh_from_db()
    sub.refresh_from_db()
    assert (typed.number, typed.position, sub.number) == ("3a", 4, "3a.1")
    assert _top_numbers(draft) == ["1", "2", "3", "3a", "5", "6", "7"]


def test_decimal_body_numbers_automatically_around_a_typed_number(draft, fund):
    Body.objects.filter(pk=draft.body_id).update(numbering=Body.Numbering.DECIMAL)
    draft.body.refresh_from_db()
    services.item_add(meeting=draft, title="Bids", number="45/11")
    sub = services.item_add(meeting=draft, title="Fund detail", parent=fund)
    assert (_top_numbers(draft), sub.number) == (
        ["1.0", "2.0", "3.0", "4.0", "45/11", "6.0", "7.0"],
        "4.1",
    )


def test_clearing_a_typed_number_numbers_the_item_automatically_again(draft, fund):
    services.item_update(item=fund, title=fund.title, number="45/11")
    fund.refresh_from_db()
    assert (fund.number, fund.number_typed) == ("45/11", True)
    services.item_update(item=fund, title=fund.title, number="")
    fund.refresh_from_db()
    assert (fund.number, fund.number_typed) == ("4", False)


def test_a_number_another_item_has_is_refused(draft, fund):
    with pytest.raises(ValidationError) as exc:
        services.item_add(meeting=draft, title="Bids", number="4")
    assert exc.value.message_dict == {"number": ["“Innovation fund” already has number 4."]}


def test_item_page_saves_a_typed_number(officer, draft, fund):
    url = reverse("draft_item", kwargs={"pk": draft.pk, "item_pk": fund.pk})
    response = officer.post(url, {"title": "Innovation fund", "number": " 45/11 "})
    fund.refresh_from_db()
    assert (response.status_code, fund.number, fund.number_typed) == (302, "45/11", True)
    page = officer.get(url)
    assert page.context["form"].initial["number"] == "45/11"


def test_agenda_add_form_takes_a_number(officer, draft):
    response = officer.post(
        reverse("draft_item_add", kwargs={"pk": draft.pk}),
        {"title": "Budget", "number": "3a"},
        HTTP_HX_REQUEST="true",
    )
    assert (response.status_code, _numbers(draft)[3]) == (200, ("Budget", "3a"))


def test_item_page_has_no_two_fields_with_one_id(officer, draft, fund):
    html = officer.get(reverse("draft_item", kwargs={"pk": draft.pk, "item_pk": fund.pk}))
    ids = re.findall(r'\sid="([^"]+)"', html.content.decode())
    labels = re.findall(r'<label[^>]*\sfor="([^"]+)"', html.content.decode())
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert sorted(f for f in labels if f not in ids) == []
    assert ("item-title" in ids, "paper-title" in ids) == (True, True)


def test_presenter_may_be_a_guest_or_substitute_on_the_register(officer, draft, fund, members):
    guest = services.attendance_add_guest(
        meeting=draft, name="Neil Hayes", organisation_name="EEDA", category="in_attendance"
    ).person
    deputy = services.attendance_add_guest(
        meeting=draft,
        name="Dee Puty",
        category="present",
        substitute_for=members["Sarah Reed"],
    ).person
    url = reverse("draft_item", kwargs={"pk": draft.pk, "item_pk": fund.pk})
    choices = [label for _, label in officer.get(url).context["form"].fields["presenter"].choices]
    response = officer.post(url, {"title": "Innovation fund", "presenter": guest.pk})
    fund.refresh_from_db()
    assert (response.status_code, fund.presenter) == (302, guest)
    assert choices == [
        "No presenter",
        deputy.display_name,
        "Jessica May",
        "Neil Hayes",
        "Sam Secretary",
        "Sarah Reed",
        "Valerie Hayllor",
    ]
