"""Editing a decision or an action in place in the minutes editor, and what history keeps."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import Action, ActionUpdate
from actions.services import action_create, action_edit
from drafting.text import html_to_text, text_keeps_html, text_to_html
from meetings import services
from meetings.errors import RecordLocked
from meetings.models import Decision, Meeting
from partners.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, TeamFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def officer(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def people(body):
    jcp = OrganisationFactory(name="Job Centre Plus", acronym="JCP")
    valerie = PersonFactory(name="Valerie Hayllor", initials="VH", organisation=jcp)
    john = PersonFactory(name="John Campbell", initials="JC", organisation=jcp)
    for person in (valerie, john):
        MembershipFactory(person=person, body=body, role=Membership.Role.MEMBER)
    return {"valerie": valerie, "john": john, "jcp": jcp}


@pytest.fixture
def draft(body, people):
    return services.meeting_create(body=body, date=dt.date(2026, 11, 9), start_time=dt.time(13))


@pytest.fixture
def fund(draft):
    return services.item_add(meeting=draft, title="Innovation fund")


@pytest.fixture
def decision(fund):
    return services.decision_add(item=fund, text="<p>The criteria were agreed.</p>")


@pytest.fixture
def action(draft, fund, people):
    return action_create(
        meeting=draft,
        item=fund,
        description="Circulate the criteria",
        owners=[people["valerie"]],
        due_note="by the next meeting",
    )


def _circulate(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CIRCULATED)


# --- Services ---------------------------------------------------------------------------------


def test_decision_update_changes_text_and_verb_and_keeps_the_old_wording(decision):
    services.decision_update(
        decision=decision, text="<p>Criteria <b>resolved</b></p>", verb="resolved"
    )
    decision.refresh_from_db()
    assert (decision.verb, decision.text) == ("resolved", "<p>Criteria <b>resolved</b></p>")
    assert [(h.verb, h.text) for h in decision.history.order_by("history_id")] == [
        ("agreed", "<p>The criteria were agreed.</p>"),
        ("resolved", "<p>Criteria <b>resolved</b></p>"),
    ]


def test_decision_update_refuses_empty_text_and_unknown_verb(decision):
    with pytest.raises(ValidationError) as exc:
        services.decision_update(decision=decision, text="<p> </p><script>x</script>", verb="moved")
    assert exc.value.message_dict == {
        "text": ["Write what was decided."],
        "verb": ["Choose how the decision is introduced."],
    }
    decision.refresh_from_db()
    assert decision.text == "<p>The criteria were agreed.</p>"


def test_decision_update_and_delete_are_refused_once_circulated(draft, decision):
    _circulate(draft)
    decision = Decision.objects.select_related("item__meeting").get(pk=decision.pk)
    with pytest.raises(RecordLocked) as exc:
        services.decision_update(decision=decision, text="Late change", verb="agreed")
    assert exc.value.messages == [
        "These minutes have been circulated; return them to draft before changing them."
    ]
    with pytest.raises(RecordLocked):
        services.decision_delete(decision=decision)


def test_decision_delete_closes_the_gap_in_the_order(fund, decision):
    second = services.decision_add(item=fund, text="Second")
    deleted_pk = decision.pk
    services.decision_delete(decision=decision)
    third = services.decision_add(item=fund, text="Third")
    assert list(fund.decisions.order_by("position").values_list("pk", "position")) == [
        (second.pk, 1),
        (third.pk, 2),
    ]
    assert Decision.history.filter(id=deleted_pk).latest().history_type == "-"


def test_action_edit_changes_wording_owners_and_due_with_history(action, people, body):
    team = TeamFactory(body=body, name="Secretariat")
    action_edit(
        action=action,
        description="Circulate the criteria to all partners",
        owners=[people["john"], team],
        due_date=dt.date(2026, 12, 7),
        due_note="",
    )
    action.refresh_from_db()
    assert (
        action.description,
        [str(o.owner) for o in action.owners.all()],
        action.due_date,
        action.due_note,
    ) == (
        "Circulate the criteria to all partners",
        ["John Campbell", "Secretariat"],
        dt.date(2026, 12, 7),
        "",
    )
    assert [h.description for h in action.history.order_by("history_id")] == [
        "Circulate the criteria",
        "Circulate the criteria to all partners",
    ]
    assert sorted(ActionUpdate.objects.filter(action=action).values_list("note", flat=True)) == [
        "Due date changed from no date to 7 December 2026.",
        "Owners changed from Valerie Hayllor to John Campbell, Secretariat.",
    ]


def test_action_edit_of_the_wording_is_refused_once_circulated(draft, action, people):
    _circulate(draft)
    action = Action.objects.select_related("meeting").get(pk=action.pk)
    with pytest.raises(RecordLocked):
        action_edit(action=action, description="Changed", owners=[people["valerie"]], due_date=None)
    action.refresh_from_db()
    assert action.description == "Circulate the criteria"


def test_plain_text_and_html_round_trip_for_decisions():
    html = '<p>Agreed that:</p><ul><li>the fund opens</li><li><strong>bids</strong> close in May</li></ul><ol type="a"><li>one</li></ol>'
    text = html_to_text(html)
    assert text == "Agreed that:\n\n- the fund opens\n- **bids** close in May\n\na) one"
    assert text_to_html(text) == html
    # Formatting the box cannot write is dropped in the box, its words kept, and said so.
    roman = '<ol type="i"><li>kept as words</li></ol><p><em>slanted</em></p>'
    assert (html_to_text(roman), text_keeps_html(roman), text_keeps_html(html)) == (
        "1. kept as words\n\nslanted",
        False,
        True,
    )


# --- Views ------------------------------------------------------------------------------------


def test_decision_edit_htmx_swaps_the_row_into_a_form_and_back(officer, draft, fund, decision):
    url = reverse("draft_decision_edit", kwargs={"pk": draft.pk, "decision_pk": decision.pk})
    response = officer.get(url, **HTMX)
    html = response.content.decode()
    assert (response.status_code, html.count('class="extra-edit-form decision-edit-form"')) == (
        200,
        1,
    )
    assert response.context["item"].edit_form.initial == {
        "verb": "agreed",
        "text": "The criteria were agreed.",
    }
    response = officer.post(
        url, {"verb": "resolved", "text": "Criteria resolved.\n\n- bids open"}, **HTMX
    )
    decision.refresh_from_db()
    assert (response.status_code, decision.verb, decision.text) == (
        200,
        "resolved",
        "<p>Criteria resolved.</p><ul><li>bids open</li></ul>",
    )
    assert response.content.decode().count("extra-edit-form") == 0


def test_decision_edit_without_js_is_a_page_then_a_redirect(officer, draft, fund, decision):
    url = reverse("draft_decision_edit", kwargs={"pk": draft.pk, "decision_pk": decision.pk})
    page = officer.get(url)
    assert [t.name for t in page.templates][0] == "drafting/extra_edit.html"
    response = officer.post(url, {"verb": "noted", "text": "The report was noted."})
    assert (response.status_code, response.url) == (
        302,
        reverse("draft_minutes", kwargs={"pk": draft.pk}) + f"#item-{fund.pk}",
    )
    refused = officer.post(url, {"verb": "noted", "text": ""})
    assert (refused.status_code, refused.context["form"].errors) == (
        400,
        {"text": ["Write what was decided."]},
    )
    decision.refresh_from_db()
    assert decision.text == "<p>The report was noted.</p>"


def test_action_edit_htmx_keeps_unchanged_fields_and_parses_changed_ones(
    officer, draft, fund, action, people
):
    url = reverse("draft_action_edit", kwargs={"pk": draft.pk, "action_pk": action.pk})
    form = officer.get(url, **HTMX).context["item"].edit_form
    assert form.initial == {
        "description": "Circulate the criteria",
        "owners": "Valerie Hayllor (VH)",
        "due": "by the next meeting",
    }
    response = officer.post(
        url,
        {"description": "Circulate the criteria", "owners": "VH, JC", "due": "by the next meeting"},
        **HTMX,
    )
    action.refresh_from_db()
    assert (response.status_code, [o.label for o in action.owners.all()], action.due_note) == (
        200,
        ["Valerie Hayllor", "John Campbell"],
        "by the next meeting",
    )


def test_action_edit_refuses_unknown_owner_and_past_date_beside_the_field(
    officer, draft, fund, action
):
    url = reverse("draft_action_edit", kwargs={"pk": draft.pk, "action_pk": action.pk})
    response = officer.post(
        url, {"description": "Circulate", "owners": "Nobody Known", "due": "01/01/2020"}
    )
    assert (response.status_code, response.context["form"].errors) == (
        400,
        {
            "owners": ["Nobody called “Nobody Known” is on this body or the register."],
        },
    )
    response = officer.post(url, {"description": "Circulate", "owners": "JC", "due": "01/01/2020"})
    assert response.context["form"].errors == {
        "due": ["The due date cannot be before the meeting the action came from (9 November 2026)."]
    }
    action.refresh_from_db()
    assert action.description == "Circulate the criteria"


def test_edit_of_another_meetings_decision_or_action_is_404(officer, body, draft, people):
    other = services.meeting_create(body=body, date=dt.date(2027, 1, 12))
    item = services.item_add(meeting=other, title="Other business")
    decision = services.decision_add(item=item, text="Elsewhere")
    action = action_create(meeting=other, item=item, description="x", owners=[people["john"]])
    assert (
        officer.get(
            reverse("draft_decision_edit", kwargs={"pk": draft.pk, "decision_pk": decision.pk})
        ).status_code
        == 404
    )
    assert (
        officer.get(
            reverse("draft_action_edit", kwargs={"pk": draft.pk, "action_pk": action.pk})
        ).status_code
        == 404
    )


def test_edit_once_circulated_sends_the_officer_away_with_the_reason(
    officer, draft, fund, decision
):
    _circulate(draft)
    url = reverse("draft_decision_edit", kwargs={"pk": draft.pk, "decision_pk": decision.pk})
    response = officer.post(url, {"verb": "agreed", "text": "Late"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "These minutes have been circulated; return them to draft before changing them."
    ]
    decision.refresh_from_db()
    assert decision.text == "<p>The criteria were agreed.</p>"


def test_cancel_returns_the_item_extras_without_a_form(officer, draft, fund, decision):
    url = reverse("draft_item_extras", kwargs={"pk": draft.pk, "item_pk": fund.pk})
    response = officer.get(url, **HTMX)
    html = response.content.decode()
    assert (response.status_code, html.count("extra-edit-form"), html.count("link-edit")) == (
        200,
        0,
        1,
    )
