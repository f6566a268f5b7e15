"""Actions and text in the minutes editor: owner suggestions that reach their list, owners "to be
confirmed", references unique within a body, real due dates, and text kept exactly as typed."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import Action
from actions.services import action_create, action_edit
from drafting.text import due_parse
from meetings import services
from tests.factories import MeetingFactory

from .conftest import HTMX

pytestmark = pytest.mark.django_db


def _add_action(client, meeting, item, **data):
    return client.post(
        reverse("draft_action_add", kwargs={"pk": meeting.pk, "item_pk": item.pk}),
        {"description": "Circulate the presentation with the minutes", "due": "", **data},
        **HTMX,
    )


def _field_errors(response, field_id):
    """The messages shown beside one field (crispy renders them as invalid-feedback)."""
    html = response.content.decode()
    return re.findall(rf'<[^>]+id="error_\d+_{field_id}"[^>]*><strong>(.*?)</strong>', html)


# --- Owner suggestions ------------------------------------------------------------------------


def test_every_htmx_target_on_the_minutes_page_exists(officer, draft, fund):
    html = officer.get(reverse("draft_minutes", kwargs={"pk": draft.pk})).content.decode()
    targets = set(re.findall(r'hx-target="#([^"]+)"', html))
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert (sorted(targets - ids), f"owners-list-a{fund.pk}" in targets) == ([], True)


def test_action_edit_form_targets_its_own_owner_list(officer, draft, fund, members):
    action = action_create(
        meeting=draft, item=fund, description="Report back", owners=[members["Sarah Reed"]]
    )
    url = reverse("draft_action_edit", kwargs={"pk": draft.pk, "action_pk": action.pk})
    html = officer.get(url, **HTMX).content.decode()
    assert (
        html.count(f'hx-target="#owners-list-ae{action.pk}"'),
        html.count(f'<datalist id="owners-list-ae{action.pk}">'),
    ) == (1, 1)


def test_owner_search_suggests_to_be_confirmed(officer, draft):
    response = officer.get(reverse("draft_owner_search", kwargs={"pk": draft.pk}), {"owners": "to"})
    assert response.content.decode().strip().splitlines() == [
        '<option value="to be confirmed">To be confirmed (nobody named yet)</option>'
    ]


# --- Owner to be confirmed -------------------------------------------------------------------


def test_action_with_owner_to_be_confirmed_is_recorded_and_shown_so(officer, draft, fund):
    response = _add_action(officer, draft, fund, owners="To be confirmed")
    action = Action.objects.get()
    html = response.content.decode()
    assert (response.status_code, action.owners.count()) == (200, 0)
    assert html.count('<span class="owner-tbc">To be confirmed</span>') == 1


def test_blank_owner_is_still_refused(officer, draft, fund):
    response = _add_action(officer, draft, fund, owners="  ")
    assert (response.status_code, Action.objects.count()) == (200, 0)
    assert _field_errors(response, f"a{fund.pk}-owners") == [
        "Name at least one owner: a person, an organisation or a group, or write “to be confirmed”."
    ]


def test_service_refuses_no_owners_unless_to_be_confirmed(draft, fund):
    with pytest.raises(ValidationError) as exc:
        action_create(meeting=draft, item=fund, description="Report back", owners=[])
    assert exc.value.message_dict == {
        "owners": ["Name at least one owner: a person, an organisation or a group."]
    }


def test_actions_to_be_confirmed_are_listed_for_the_secretariat_until_named(
    officer, draft, fund, members
):
    action = action_create(
        meeting=draft, item=fund, description="Circulate it", owners=[], owner_to_be_confirmed=True
    )
    page = officer.get(reverse("drafts"))
    assert [a.reference for a in page.context["awaiting_owner"]] == ["SIIG 2027/1"]

    response = officer.post(
        reverse("draft_action_edit", kwargs={"pk": draft.pk, "action_pk": action.pk}),
        {"description": "Circulate it", "owners": "Sarah Reed", "due": ""},
    )
    page = officer.get(reverse("drafts"))
    assert (response.status_code, page.context["awaiting_owner"]) == (302, [])
    assert [u.note for u in action.updates.all()] == [
        "Owners changed from to be confirmed to Sarah Reed."
    ]


def test_editing_the_wording_of_an_action_to_be_confirmed_keeps_it_so(draft, fund):
    from drafting.text import ActionText

    action = action_create(
        meeting=draft, item=fund, description="Circulate", owners=[], owner_to_be_confirmed=True
    )
    wording = ActionText(draft)
    action_edit(
        action=action,
        description="Circulate the slides",
        typed={"owners": wording.owners_text(action), "due": ""},
        wording=wording,
    )
    action.refresh_from_db()
    assert (wording.owners_text(action), action.description, action.owners.count()) == (
        "to be confirmed",
        "Circulate the slides",
        0,
    )


def test_secretariat_sees_only_their_bodies_actions_to_be_confirmed(officer, draft, fund):
    other = MeetingFactory(date=dt.date(2027, 1, 20))
    action_create(meeting=other, description="Elsewhere", owners=[], owner_to_be_confirmed=True)
    page = officer.get(reverse("drafts"))
    assert page.context["awaiting_owner"] == []


# --- References unique within a body ---------------------------------------------------------


def test_references_count_per_body_and_year_across_meetings(body, draft, fund, members):
    later = services.meeting_create(body=body, date=dt.date(2027, 3, 1))
    next_year = services.meeting_create(body=body, date=dt.date(2028, 1, 10))
    owner = [members["Sarah Reed"]]
    made = [
        action_create(meeting=m, description=f"Action {n}", owners=owner)
        for n, m in enumerate([draft, draft, later, next_year, later])
    ]
    assert [(a.number, a.reference) for a in made] == [
        (1, "SIIG 2027/1"),
        (2, "SIIG 2027/2"),
        (1, "SIIG 2027/3"),
        (1, "SIIG 2028/1"),
        (2, "SIIG 2027/4"),
    ]


def test_a_reference_cannot_be_used_twice_in_a_body(body, draft, members):
    from django.db import IntegrityError, transaction

    action = action_create(meeting=draft, description="One", owners=[members["Sarah Reed"]])
    later = MeetingFactory(body=body, date=dt.date(2027, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            meeting=later, body=body, number=1, description="Two", reference=action.reference
        )


def test_minutes_editor_shows_the_reference_beside_the_number(officer, draft, fund, members):
    action_create(meeting=draft, item=fund, description="One", owners=[members["Sarah Reed"]])
    html = officer.get(reverse("draft_minutes", kwargs={"pk": draft.pk})).content.decode()
    assert html.count('<td>1<div class="small text-org text-nowrap">SIIG 2027/1</div></td>') == 1


# --- Due dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2027", "“31/02/2027” is not a date: February 2027 has 28 days"),
        ("31/13/2027", "“31/13/2027” is not a date: there is no month 13"),
        ("2027-04-31", "“2027-04-31” is not a date: April 2027 has 30 days"),
        ("by 30th February 2028", "“30 February 2028” is not a date: February 2028 has 29 days"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(draft, typed, message):
    with pytest.raises(ValidationError) as exc:
        due_parse(draft, typed)
    assert exc.value.messages == [
        message + "; write it as 12/01/2027 (day/month/year), or in words such as “in June”."
    ]


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("28/02/2027", (dt.date(2027, 2, 28), "")),
        ("29 Feb 2028", (dt.date(2028, 2, 29), "")),
        ("in June", (None, "in June")),
        ("by the end of 2027", (None, "by the end of 2027")),
    ],
)
def test_real_dates_and_words_are_read(draft, typed, parsed):
    assert due_parse(draft, typed) == parsed


def test_impossible_due_date_is_shown_beside_the_field(officer, draft, fund, members):
    response = _add_action(officer, draft, fund, owners="Sarah Reed", due="31/02/2027")
    assert (Action.objects.count(), _field_errors(response, f"a{fund.pk}-due")) == (
        0,
        [
            "“31/02/2027” is not a date: February 2027 has 28 days; write it as 12/01/2027 "
            "(day/month/year), or in words such as “in June”."
        ],
    )


# --- Text kept exactly as typed --------------------------------------------------------------


def test_decision_keeps_angle_brackets_as_typed(officer, draft, fund):
    officer.post(
        reverse("draft_decision_add", kwargs={"pk": draft.pk, "item_pk": fund.pk}),
        {"verb": "agreed", "text": "Use <b> tags & **bold** words"},
        **HTMX,
    )
    decision = fund.decisions.get()
    assert decision.text == "<p>Use &lt;b&gt; tags &amp; <strong>bold</strong> words</p>"
    edit = officer.get(
        reverse("draft_decision_edit", kwargs={"pk": draft.pk, "decision_pk": decision.pk}),
        **HTMX,
    )
    assert edit.context["item"].edit_form.initial["text"] == "Use <b> tags & **bold** words"
    page = officer.get(reverse("meeting_detail", kwargs={"pk": draft.pk}), {"tab": "minutes"})
    page = page.content.decode()
    assert page.count("Use &lt;b&gt; tags &amp; <strong>bold</strong> words") == 1


def test_minutes_typed_without_javascript_keep_angle_brackets(officer, draft, fund):
    response = officer.post(
        reverse("draft_item_minutes", kwargs={"pk": draft.pk, "item_pk": fund.pk}),
        {"minutes": "Use <b> tags\n\n- one", "base_revision": 0, "format": "text"},
    )
    fund.refresh_from_db()
    assert (response.status_code, fund.minutes) == (
        302,
        "<p>Use &lt;b&gt; tags</p><ul><li>one</li></ul>",
    )


def test_minutes_box_without_javascript_shows_text_or_html_as_needed(officer, draft, fund):
    services.item_minutes_save(item=fund, minutes="<p>Plain &lt;b&gt;</p>", base_revision=0)
    bids = services.item_add(meeting=draft, title="Bids", minutes="<p><em>Slanted</em></p>")
    page = officer.get(reverse("draft_minutes", kwargs={"pk": draft.pk}))
    forms = {n.item.pk: n.item.minutes_form for n in page.context["flat"]}
    assert (forms[fund.pk].initial["minutes"], forms[fund.pk].initial["format"]) == (
        "Plain <b>",
        "text",
    )
    assert (forms[bids.pk].initial["minutes"], forms[bids.pk].initial["format"]) == (
        "<p><em>Slanted</em></p>",
        "html",
    )


def test_the_editor_saves_html_as_html(officer, draft, fund):
    response = officer.post(
        reverse("draft_item_minutes", kwargs={"pk": draft.pk, "item_pk": fund.pk}),
        {"minutes": "<p>Use &lt;b&gt; tags</p>", "base_revision": 0, "format": "html"},
        HTTP_ACCEPT="application/json",
    )
    fund.refresh_from_db()
    assert (response.status_code, fund.minutes) == (200, "<p>Use &lt;b&gt; tags</p>")
