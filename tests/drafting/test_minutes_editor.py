"""The minutes editor: autosave, conflicts, history, decisions, actions, matters arising."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action
from meetings import services
from meetings.models import AgendaItem, Meeting, MinutesApproval
from partners.models import Membership
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
)
from tests.html import by_class, texts

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def officer(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def people(body):
    jcp = OrganisationFactory(name="Job Centre Plus", acronym="JCP")
    valerie = PersonFactory(name="Valerie Hayllor", organisation=jcp)
    john = PersonFactory(name="John Campbell", organisation=jcp)
    for person in (valerie, john):
        MembershipFactory(person=person, body=body, role=Membership.Role.MEMBER)
    return {"valerie": valerie, "john": john, "jcp": jcp}


@pytest.fixture
def draft(body, people):
    return services.meeting_create(body=body, date=dt.date(2026, 11, 9), start_time=dt.time(13))


@pytest.fixture
def fund(draft):
    return services.item_add(meeting=draft, title="Innovation fund")


def _save(client, meeting, item, text, base):
    return client.post(
        reverse("draft_item_minutes", kwargs={"pk": meeting.pk, "item_pk": item.pk}),
        {"minutes": text, "base_revision": base},
        **JSON,
    )


def test_minutes_editor_renders_every_item(officer, draft, fund):
    response = officer.get(reverse("draft_minutes", kwargs={"pk": draft.pk}))
    assert response.status_code == 200
    assert [n.item.title for n in response.context["flat"]] == [
        "Welcome and apologies",
        "Declarations of interest",
        "Minutes of the previous meeting and matters arising",
        "Innovation fund",
        "Any other business",
        "Date and time of next meeting",
    ]


def test_autosave_saves_sanitised_text_and_bumps_revision(officer, draft, fund):
    response = _save(officer, draft, fund, "<p>Fund <b>agreed</b><script>alert(1)</script></p>", 0)
    assert response.status_code == 200
    assert response.json()["revision"] == 1
    fund.refresh_from_db()
    assert fund.minutes == "<p>Fund <b>agreed</b></p>"


def test_autosave_conflict_returns_both_versions(officer, draft, fund):
    _save(officer, draft, fund, "<p>First officer</p>", 0)
    response = _save(officer, draft, fund, "<p>Second officer</p>", 0)
    assert response.status_code == 409
    assert response.json() == {
        "conflict": True,
        "message": "Someone else saved this item while you were editing.",
        "theirs": "<p>First officer</p>",
        "mine": "<p>Second officer</p>",
        "revision": 1,
    }
    fund.refresh_from_db()
    assert fund.minutes == "<p>First officer</p>"


def test_plain_post_conflict_shows_both_versions_page(officer, draft, fund):
    _save(officer, draft, fund, "<p>First officer</p>", 0)
    response = officer.post(
        reverse("draft_item_minutes", kwargs={"pk": draft.pk, "item_pk": fund.pk}),
        {"minutes": "Typed without the editor", "base_revision": 0},
    )
    assert response.status_code == 409
    assert (response.context["theirs"], response.context["mine"]) == (
        "<p>First officer</p>",
        "<p>Typed without the editor</p>",
    )


def test_history_lists_versions_and_restore_is_a_new_save(officer, draft, fund):
    _save(officer, draft, fund, "<p>One</p>", 0)
    _save(officer, draft, fund, "<p>Two</p>", 1)
    response = officer.get(
        reverse("draft_item_history", kwargs={"pk": draft.pk, "item_pk": fund.pk})
    )
    versions = response.context["versions"]
    assert [v.minutes for v in versions] == ["<p>Two</p>", "<p>One</p>", ""]
    officer.post(
        reverse(
            "draft_item_restore",
            kwargs={"pk": draft.pk, "item_pk": fund.pk, "history_id": versions[1].history_id},
        )
    )
    fund.refresh_from_db()
    assert (fund.minutes, fund.revision) == ("<p>One</p>", 3)


def test_decision_add_with_htmx_returns_the_item_extras(officer, draft, fund):
    response = officer.post(
        reverse("draft_decision_add", kwargs={"pk": draft.pk, "item_pk": fund.pk}),
        {"verb": "agreed", "text": "The criteria were agreed."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert list(fund.decisions.values_list("verb", "text")) == [
        ("agreed", "<p>The criteria were agreed.</p>")
    ]
    assert b'id="extras-' in response.content


def test_action_add_understands_initials_organisations_and_groups(
    officer, draft, fund, body, people
):
    TeamFactory(body=body, name="Secretariat")
    response = officer.post(
        reverse("draft_action_add", kwargs={"pk": draft.pk, "item_pk": fund.pk}),
        {
            "description": "Circulate the criteria",
            "owners": "VH / JCP, Secretariat",
            "due": "7th December 2026",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    owners = [str(o.owner) for o in action.owners.all()]
    assert (action.description, owners, action.due_date, action.due_note) == (
        "Circulate the criteria",
        ["Valerie Hayllor", "Job Centre Plus", "Secretariat"],
        dt.date(2026, 12, 7),
        "",
    )


def test_action_due_by_next_meeting_resolves_to_its_date(officer, draft, fund, body):
    MeetingFactory(body=body, date=dt.date(2027, 1, 12))
    officer.post(
        reverse("draft_action_add", kwargs={"pk": draft.pk, "item_pk": fund.pk}),
        {"description": "Report back", "owners": "John Campbell", "due": "by the next meeting"},
    )
    action = Action.objects.get()
    assert (action.due_date, action.due_note) == (dt.date(2027, 1, 12), "by the next meeting")


def _field_errors(response, field_id):
    """The messages shown beside one field (crispy renders them as invalid-feedback)."""
    import re

    html = response.content.decode()
    return re.findall(rf'<[^>]+id="error_\d+_{field_id}"[^>]*><strong>(.*?)</strong>', html)


def test_action_with_empty_owner_or_past_due_date_is_refused(officer, draft, fund):
    url = reverse("draft_action_add", kwargs={"pk": draft.pk, "item_pk": fund.pk})
    prefix = f"a{fund.pk}-"
    response = officer.post(
        url, {"description": "Report back", "owners": "", "due": ""}, HTTP_HX_REQUEST="true"
    )
    assert _field_errors(response, prefix + "owners") == [
        "Name at least one owner: a person, an organisation or a group, or write “to be confirmed”."
    ]
    response = officer.post(
        url,
        {"description": "Report back", "owners": "JC", "due": "01/01/2026"},
        HTTP_HX_REQUEST="true",
    )
    assert _field_errors(response, prefix + "due") == [
        "The due date cannot be before the meeting the action came from."
    ]
    response = officer.post(
        url, {"description": "Report back", "owners": "Nobody Known", "due": ""}
    )
    assert response.status_code == 400
    assert _field_errors(response, prefix + "owners") == [
        "Nobody called “Nobody Known” is on this body or the register."
    ]
    assert Action.objects.count() == 0


def test_owner_search_offers_people_by_initials_and_organisations(officer, draft, people):
    response = officer.get(
        reverse("draft_owner_search", kwargs={"pk": draft.pk}), {"owners": "VH, j"}
    )
    values = [o.value for o in response.context["options"]]
    assert values == [
        "VH, John Campbell (JC)",
        "VH, Job Centre Plus (organisation)",
    ]


def test_previous_minutes_approval_and_matters_arising(officer, draft, fund, body, people):
    earlier = MeetingFactory(body=body, date=dt.date(2026, 9, 1), status=Meeting.Status.CIRCULATED)
    open_action = ActionFactory(meeting=earlier, number=4, description="Draft the bid")
    ActionOwnerFactory(action=open_action, person=people["valerie"])
    ActionFactory(meeting=earlier, number=5, status=Action.Status.DONE)
    response = officer.get(reverse("draft_minutes", kwargs={"pk": draft.pk}))
    assert [a.pk for a in response.context["data"].open_actions] == [open_action.pk]

    officer.post(
        reverse("draft_approval", kwargs={"pk": draft.pk}),
        {"outcome": "corrected", "corrections": "Add Sarah Reed to those present."},
    )
    approval = MinutesApproval.objects.get()
    assert (approval.previous_meeting, approval.outcome, approval.corrections) == (
        earlier,
        "corrected",
        "Add Sarah Reed to those present.",
    )

    officer.post(
        reverse("draft_action_progress", kwargs={"pk": draft.pk, "action_pk": open_action.pk}),
        {"status": "done", "note": "Bid submitted."},
    )
    open_action.refresh_from_db()
    update = open_action.updates.get()
    assert (open_action.status, open_action.closed_at_meeting, update.via, update.meeting) == (
        "done",
        draft,
        "meeting",
        draft,
    )


def test_approval_with_corrected_but_no_corrections_is_refused(officer, draft, body):
    MeetingFactory(body=body, date=dt.date(2026, 9, 1))
    response = officer.post(
        reverse("draft_approval", kwargs={"pk": draft.pk}), {"outcome": "corrected"}
    )
    assert response.status_code == 400
    assert response.context["approval_form"].errors == {
        "corrections": ["Record the corrections made."]
    }
    assert MinutesApproval.objects.count() == 0


def test_declarations_and_none_declared(officer, draft, people):
    officer.post(reverse("draft_no_interests", kwargs={"pk": draft.pk}), {"value": "1"})
    draft.refresh_from_db()
    assert draft.no_interests_declared is True
    officer.post(
        reverse("draft_declaration_add", kwargs={"pk": draft.pk}),
        {"person": people["valerie"].pk, "interest": "Trustee of the applicant charity"},
    )
    draft.refresh_from_db()
    assert (
        draft.no_interests_declared,
        list(draft.declarations.values_list("interest", flat=True)),
    ) == (
        False,
        ["Trustee of the applicant charity"],
    )


def test_circulated_meeting_sends_the_officer_to_the_meeting_page_with_the_reason(
    officer, draft, fund
):
    Meeting.objects.filter(pk=draft.pk).update(status=Meeting.Status.CIRCULATED)
    response = officer.get(reverse("draft_minutes", kwargs={"pk": draft.pk}), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "These minutes have been circulated; return them to draft before changing them."
    ]
    response = _save(officer, draft, fund, "<p>Late change</p>", 0)
    assert (response.status_code, response.json()["locked"]) == (423, True)


@pytest.mark.parametrize("role_user", ["member_user", "chair_user", "outsider_user"])
def test_drafting_pages_are_404_for_everyone_but_the_secretariat(client, request, draft, role_user):
    client.force_login(request.getfixturevalue(role_user))
    for name in ("draft_agenda", "draft_register", "draft_minutes", "draft_preview"):
        assert client.get(reverse(name, kwargs={"pk": draft.pk})).status_code == 404


def _big_meeting(body, items, actions):
    meeting = MeetingFactory(body=body, date=dt.date(2026, 11, 9))
    earlier = MeetingFactory(body=body, date=dt.date(2026, 9, 1))
    made = [
        AgendaItemFactory(meeting=meeting, position=n, number=str(n), kind=kind)
        for n, kind in enumerate(
            [
                AgendaItem.Kind.DECLARATIONS,
                AgendaItem.Kind.PREVIOUS_MINUTES,
                AgendaItem.Kind.APOLOGIES,
            ]
            + [AgendaItem.Kind.STANDARD] * (items - 3),
            start=1,
        )
    ]
    for n in range(actions):
        action = ActionFactory(meeting=meeting, item=made[n % items], number=n + 1)
        ActionOwnerFactory(action=action)
        DecisionFactory(item=made[n % items])
        old = ActionFactory(meeting=earlier, item=None, number=n + 1)
        ActionOwnerFactory(action=old)
    for _ in range(items):
        AttendanceFactory(meeting=meeting)
    return meeting


def _page(client, url, shown):
    """The query count of a page, and how many elements matching ``shown`` it displays."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), len(texts(response, shown))


def test_minutes_editor_query_count_does_not_grow_with_the_meeting(officer, body):
    small = _big_meeting(body, items=3, actions=2)
    large = _big_meeting(body, items=40, actions=60)
    shown = by_class("minutes-item", "section")

    pages = [
        _page(officer, reverse("draft_minutes", kwargs={"pk": m.pk}), shown) for m in (small, large)
    ]

    (small_count, small_items), (large_count, large_items) = pages
    assert (small_count, small_items, large_items) == (large_count, 3, 40)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("draft_agenda", by_class("agenda-node", "li")),
        ("draft_register", by_class("register-row", "tr")),
    ],
)
def test_agenda_and_register_query_count_does_not_grow(officer, body, name, shown):
    # _big_meeting puts one item and one person on the register per item.
    small = _big_meeting(body, items=3, actions=2)
    large = _big_meeting(body, items=40, actions=60)

    pages = [_page(officer, reverse(name, kwargs={"pk": m.pk}), shown) for m in (small, large)]

    (small_count, small_rows), (large_count, large_rows) = pages
    assert (small_count, small_rows, large_rows) == (large_count, 3, 40)


def test_drafts_query_count_does_not_grow(officer, body):
    pages = []
    for n in (1, 12):
        for _ in range(n):
            _big_meeting(body, items=3, actions=1)
        pages.append(_page(officer, reverse("drafts"), by_class("draft-row", "div")))

    # Each _big_meeting is two draft meetings: 2, then 2 + 24.
    (small_count, small_rows), (large_count, large_rows) = pages
    assert (small_count, small_rows, large_rows) == (large_count, 2, 26)


def test_preview_renders_the_draft_in_the_print_template(officer, draft, fund):
    _save(officer, draft, fund, "<p>The fund was discussed.</p>", 0)
    response = officer.get(reverse("draft_preview_document", kwargs={"pk": draft.pk}))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "pdf/minutes.html"
    assert b"The fund was discussed." in response.content
