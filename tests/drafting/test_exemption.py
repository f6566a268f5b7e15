"""Why a confidential item is exempt: a council's paragraph of Schedule 12A or another body's
reason, asked by the item forms while "Confidential" is ticked, held by the services (sub-items
carry their parent's) and by the database."""

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem
from meetings.rules import exemption_text

from .conftest import HTMX

pytestmark = pytest.mark.django_db

NEEDS_ONE = "Say why this item is exempt: choose a paragraph of Schedule 12A or give a reason."
NOT_BOTH = "Give a paragraph of Schedule 12A or a reason, not both."


def _exemption(item):
    item.refresh_from_db()
    return (item.confidential, item.exempt_paragraph, item.exempt_reason)


def _item_url(draft, item):
    return reverse("draft_item", kwargs={"pk": draft.pk, "item_pk": item.pk})


# --- The forms ---------------------------------------------------------------------------------


def test_item_page_offers_the_paragraphs_and_a_reason_inside_a_fieldset(officer, draft, fund):
    page = lxml.html.fromstring(officer.get(_item_url(draft, fund)).content.decode())
    fieldset = page.xpath("//fieldset[@class='exemption-fields']")[0]

    assert [o.text for o in fieldset.xpath(".//select[@name='exempt_paragraph']/option")] == [
        "Not a council item",
        "1: Information relating to any individual",
        "2: Information likely to reveal the identity of an individual",
        "3: Financial or business affairs of any particular person",
        "4: Consultations or negotiations on labour relations",
        "5: Legal professional privilege",
        "6: Notices, orders or directions the authority proposes to give or make",
        "7: Prevention, investigation or prosecution of crime",
    ]
    assert fieldset.xpath(".//input[@name='exempt_reason']/@id") == ["item-exempt_reason"]


def test_confidential_item_saved_with_a_paragraph(officer, draft, fund):
    response = officer.post(
        _item_url(draft, fund),
        {"title": "Innovation fund", "confidential": "on", "exempt_paragraph": "3"},
    )

    assert (response.status_code, _exemption(fund)) == (302, (True, 3, ""))
    assert officer.get(_item_url(draft, fund)).context["form"].initial["exempt_paragraph"] == 3


def test_confidential_item_saved_with_a_reason(officer, draft, fund):
    response = officer.post(
        _item_url(draft, fund),
        {
            "title": "Innovation fund",
            "confidential": "on",
            "exempt_reason": " Commercially  sensitive ",
        },
    )

    assert (response.status_code, _exemption(fund)) == (302, (True, None, "Commercially sensitive"))


def test_confidential_item_without_a_reason_is_refused_beside_the_field(officer, draft, fund):
    response = officer.post(
        _item_url(draft, fund), {"title": "Innovation fund", "confidential": "on"}
    )

    assert response.context["form"].errors == {"exempt_paragraph": [NEEDS_ONE]}
    assert _exemption(fund) == (False, None, "")


def test_paragraph_and_reason_together_are_refused(officer, draft, fund):
    response = officer.post(
        _item_url(draft, fund),
        {
            "title": "Innovation fund",
            "confidential": "on",
            "exempt_paragraph": "1",
            "exempt_reason": "Personal",
        },
    )

    assert response.context["form"].errors == {"exempt_reason": [NOT_BOTH]}
    assert _exemption(fund) == (False, None, "")


def test_a_public_item_keeps_no_reason_whatever_was_left_in_the_fields(officer, draft, fund):
    response = officer.post(
        _item_url(draft, fund),
        {"title": "Innovation fund", "exempt_paragraph": "5", "exempt_reason": "Left over"},
    )

    assert (response.status_code, _exemption(fund)) == (302, (False, None, ""))


def test_add_form_refuses_a_confidential_item_without_a_reason(officer, draft):
    response = officer.post(
        reverse("draft_item_add", kwargs={"pk": draft.pk}),
        {"title": "Staffing restructure", "confidential": "on"},
        **HTMX,
    )

    assert response.context["add_form"].errors == {"exempt_paragraph": [NEEDS_ONE]}
    assert AgendaItem.objects.filter(title="Staffing restructure").exists() is False


def test_add_form_sub_item_of_a_confidential_item_inherits_its_reason(officer, draft, fund):
    services.item_update(item=fund, title=fund.title, confidential=True, exempt_paragraph=4)

    response = officer.post(
        reverse("draft_item_add", kwargs={"pk": draft.pk}),
        {"title": "Union consultation", "parent": str(fund.pk)},
    )
    sub = AgendaItem.objects.get(title="Union consultation")

    assert (response.status_code, _exemption(sub)) == (302, (True, 4, ""))


def test_item_page_of_a_sub_item_may_leave_the_reason_to_its_parent(officer, draft, fund):
    services.item_update(item=fund, title=fund.title, confidential=True, exempt_reason="Tender")
    sub = services.item_add(meeting=draft, title="Bids received", parent=fund)

    response = officer.post(_item_url(draft, sub), {"title": "Bids received", "confidential": "on"})

    assert (response.status_code, _exemption(sub)) == (302, (True, None, "Tender"))


# --- The services and the database ------------------------------------------------------------


def test_sub_items_take_a_new_reason_unless_they_have_their_own(draft, fund):
    services.item_update(item=fund, title=fund.title, confidential=True, exempt_paragraph=3)
    inherited = services.item_add(meeting=draft, title="Prices", parent=fund)
    own = services.item_add(meeting=draft, title="Staff", parent=fund, exempt_paragraph=1)

    services.item_update(item=fund, title=fund.title, confidential=True, exempt_reason="Tender")

    assert [_exemption(i) for i in (fund, inherited, own)] == [
        (True, None, "Tender"),
        (True, None, "Tender"),
        (True, 1, ""),
    ]


def test_marking_an_item_confidential_gives_its_sub_items_its_reason(draft, fund):
    sub = services.item_add(meeting=draft, title="Prices", parent=fund)

    services.item_update(item=fund, title=fund.title, confidential=True, exempt_paragraph=3)

    assert (_exemption(sub), exemption_text(sub)) == (
        (True, 3, ""),
        "Exempt: paragraph 3 of Schedule 12A",
    )


def test_moving_an_item_under_a_confidential_one_gives_it_the_reason(draft, fund, bids):
    services.item_update(item=fund, title=fund.title, confidential=True, exempt_reason="Tender")

    services.item_move(item=AgendaItem.objects.get(pk=bids.pk), direction="in")

    assert (_exemption(bids), bids.parent_id) == ((True, None, "Tender"), fund.pk)


def test_making_an_item_public_clears_its_reason(draft, fund):
    services.item_update(item=fund, title=fund.title, confidential=True, exempt_paragraph=2)

    services.item_update(item=fund, title=fund.title, confidential=False)

    assert (_exemption(fund), exemption_text(fund)) == ((False, None, ""), "")


def test_services_refuse_a_paragraph_outside_schedule_12a_and_both_at_once(draft):
    with pytest.raises(ValidationError) as paragraph:
        services.item_add(meeting=draft, title="X", confidential=True, exempt_paragraph=8)
    with pytest.raises(ValidationError) as both:
        services.item_add(
            meeting=draft, title="X", confidential=True, exempt_paragraph=1, exempt_reason="Y"
        )

    assert (paragraph.value.message_dict, both.value.message_dict) == (
        {"exempt_paragraph": ["Choose a paragraph of Schedule 12A (1 to 7)."]},
        {"exempt_reason": [NOT_BOTH]},
    )


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"exempt_reason": "Tender"}, "item_exemption_only_when_confidential"),
        (
            {"confidential": True, "exempt_paragraph": 1, "exempt_reason": "Tender"},
            "item_exempt_by_paragraph_or_reason",
        ),
        ({"confidential": True, "exempt_paragraph": 9}, "item_exempt_paragraph_of_schedule_12a"),
    ],
)
def test_database_holds_the_exemption_rules(fund, fields, constraint):
    with pytest.raises(IntegrityError) as exc, transaction.atomic():
        AgendaItem.objects.filter(pk=fund.pk).update(**fields)

    assert f'violates check constraint "{constraint}"' in str(exc.value)


def test_exemption_text_says_paragraph_reason_or_just_exempt(draft):
    items = [
        services.item_add(meeting=draft, title="A", confidential=True, exempt_paragraph=7),
        services.item_add(meeting=draft, title="B", confidential=True, exempt_reason="Tender"),
        services.item_add(meeting=draft, title="C", confidential=True),
        services.item_add(meeting=draft, title="D"),
    ]

    assert [exemption_text(i) for i in items] == [
        "Exempt: paragraph 7 of Schedule 12A",
        "Exempt: Tender",
        "Exempt",
        "",
    ]
