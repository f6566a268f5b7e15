"""actions/rules.py: who owns and who may see an action.

``owner_row_includes`` (the reminder sweep's rule for one owner row) is held equal to
``owned_actions_q`` (the query every page asks) over every kind of owner, membership and item;
the pages and ``visible_actions`` are checked for members, owners outside the body, outsiders
and administrators.
"""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from actions.models import Action, ActionOwner
from actions.rules import owned_actions_q, owner_row_includes, visible_actions
from meetings.models import Meeting
from partners.models import Membership
from partners.rules import person_body_ids
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- owner_row_includes agrees with owned_actions_q -------------------------------------------


def _team(body, *, everyone=False, members=()):
    team = TeamFactory(body=body, everyone=everyone)
    team.members.add(*members)
    return {"person": None, "team": team}


# Each builds the one owner row of the action from (person, action's body, another body the
# person sits on). Organisation and team owners pass person=None: an owner is exactly one thing.
OWNERS = {
    "the person": lambda person, here, elsewhere: {"person": person},
    "an organisation colleague": lambda person, here, elsewhere: {
        "person": PersonFactory(organisation=person.organisation)
    },
    "their organisation": lambda person, here, elsewhere: {
        "person": None,
        "organisation": person.organisation,
    },
    "another organisation": lambda person, here, elsewhere: {
        "person": None,
        "organisation": OrganisationFactory(),
    },
    "a team of the body they are in": lambda person, here, elsewhere: _team(here, members=[person]),
    "a team of another body they are in": lambda person, here, elsewhere: _team(
        elsewhere, members=[person]
    ),
    "a team they are not in": lambda person, here, elsewhere: _team(
        here, members=[PersonFactory()]
    ),
    "everyone of the action's body": lambda person, here, elsewhere: _team(here, everyone=True),
    "everyone of another body they sit on": lambda person, here, elsewhere: _team(
        elsewhere, everyone=True
    ),
    "everyone of a body they do not sit on": lambda person, here, elsewhere: _team(
        BodyFactory(), everyone=True
    ),
}
MEMBERSHIP = ["member of the action's body", "not a member of the action's body"]
ITEMS = ["no item", "open item", "confidential item"]
PERSON_ORGANISATION = ["with an organisation", "without an organisation"]
MINUTES = ["circulated", "draft"]

CASES = [
    pytest.param(*case, id=" / ".join(case))
    for case in itertools.product(OWNERS, MEMBERSHIP, ITEMS, PERSON_ORGANISATION, MINUTES)
    # "Their organisation" needs the person to have one.
    if not (case[0] == "their organisation" and case[3] == "without an organisation")
]


def _row_includes(person, owner: ActionOwner, body_ids: set[int]) -> bool:
    """Ask ``owner_row_includes`` from the stored rows, the way the reminder sweep does."""
    action, team = owner.action, owner.team
    return owner_row_includes(
        person_id=person.pk,
        person_org_id=person.organisation_id,
        person_bodies=body_ids,
        action_body_id=action.meeting.body_id,
        owner_person_id=owner.person_id,
        owner_org_id=owner.organisation_id,
        team_members=set(team.members.values_list("pk", flat=True)) if team else None,
        team_everyone_body_id=team.body_id if team and team.everyone else None,
        action_issued=action.meeting.status != Meeting.Status.DRAFT,
    )


def _query_includes(person, action: Action, body_ids: set[int]) -> bool:
    return Action.objects.filter(owned_actions_q(person, body_ids), pk=action.pk).exists()


@pytest.mark.parametrize(("owner_kind", "membership", "item", "organisation", "minutes"), CASES)
def test_owner_row_includes_agrees_with_owned_actions_q(
    owner_kind, membership, item, organisation, minutes
):
    here, elsewhere = BodyFactory(), BodyFactory()
    person = PersonFactory(
        organisation=OrganisationFactory() if organisation == "with an organisation" else None
    )
    MembershipFactory(person=person, body=elsewhere)
    if membership == "member of the action's body":
        MembershipFactory(person=person, body=here)
    meeting = MeetingFactory(body=here, status=minutes)
    action = ActionFactory(
        meeting=meeting,
        item=None
        if item == "no item"
        else AgendaItemFactory(meeting=meeting, confidential=item == "confidential item"),
    )
    owner = ActionOwnerFactory(action=action, **OWNERS[owner_kind](person, here, elsewhere))
    body_ids = person_body_ids(person)

    by_row = _row_includes(person, owner, body_ids)
    by_query = _query_includes(person, action, body_ids)

    assert by_row == by_query


@pytest.mark.parametrize("member_here", [True, False])
def test_action_with_several_owner_rows_is_owned_when_any_row_includes(member_here):
    here = BodyFactory()
    person = PersonFactory()
    if member_here:
        MembershipFactory(person=person, body=here)
    action = ActionFactory(meeting=MeetingFactory(body=here, status="circulated"))
    rows = [
        ActionOwnerFactory(action=action, person=PersonFactory()),
        ActionOwnerFactory(action=action, person=None, organisation=person.organisation),
        ActionOwnerFactory(action=action, **_team(here, members=[person])),
    ]
    body_ids = person_body_ids(person)

    by_rows = any(_row_includes(person, ActionOwner.objects.get(pk=r.pk), body_ids) for r in rows)
    by_query = _query_includes(person, action, body_ids)

    assert (by_rows, by_query) == (member_here, member_here)


# --- Through the pages ------------------------------------------------------------------------


def _login(client, person):
    person.user = UserFactory()
    person.save()
    client.force_login(person.user)


@pytest.fixture
def secret_action(body, meeting):
    """An action on a confidential item, owned directly by an officer who is not a member."""
    action = ActionFactory(
        meeting=meeting,
        item=AgendaItemFactory(meeting=meeting, confidential=True),
        description="Consult unions on severance",
    )
    ActionOwnerFactory(action=action, person=PersonFactory(name="Una Unison"))
    return action


def test_named_owner_outside_the_body_may_open_their_action_of_a_confidential_item(
    client, secret_action
):
    # The policy: a confidential item's actions reach the body's members and the people named
    # on them, who must know what they are to do; nobody else outside the body.
    _login(client, secret_action.owners.get().person)

    response = client.get(reverse("action_detail", args=[secret_action.pk]))

    assert (response.status_code, response.context["can_update"]) == (200, True)


def test_named_owner_outside_the_body_may_update_their_action_of_a_confidential_item(
    client, secret_action
):
    _login(client, secret_action.owners.get().person)

    response = client.post(
        reverse("action_update", args=[secret_action.pk]),
        {"status": "done", "note": "Unions consulted"},
    )

    assert response.status_code == 302
    assert Action.objects.get(pk=secret_action.pk).status == Action.Status.DONE


def test_another_person_outside_the_body_cannot_open_a_confidential_action(client, secret_action):
    _login(
        client,
        PersonFactory(
            name="Nosy Parker", organisation=secret_action.owners.get().person.organisation
        ),
    )

    response = client.get(reverse("action_detail", args=[secret_action.pk]))

    assert response.status_code == 404


def test_owner_outside_the_body_may_open_an_action_of_an_open_item(client, body, meeting):
    officer = PersonFactory(name="Vince Taylor")
    action = ActionFactory(
        meeting=meeting, item=AgendaItemFactory(meeting=meeting), description="Circulate framework"
    )
    ActionOwnerFactory(action=action, person=officer)
    _login(client, officer)

    response = client.get(reverse("action_detail", args=[action.pk]))

    assert (response.status_code, response.context["action"], response.context["can_update"]) == (
        200,
        action,
        True,
    )


def test_member_of_the_body_may_open_an_action_of_a_confidential_item(
    client, member_user, secret_action
):
    client.force_login(member_user)

    response = client.get(reverse("action_detail", args=[secret_action.pk]))

    assert (response.status_code, response.context["action"], response.context["can_update"]) == (
        200,
        secret_action,
        False,
    )


def test_organisation_colleague_on_another_body_cannot_open_the_organisations_action(
    client, meeting
):
    council = OrganisationFactory(name="Sunderland City Council")
    colleague = PersonFactory(name="Ashley Green", organisation=council)
    MembershipFactory(person=colleague, body=BodyFactory(), role=Membership.Role.MEMBER)
    action = ActionFactory(meeting=meeting, item=AgendaItemFactory(meeting=meeting))
    ActionOwnerFactory(action=action, person=None, organisation=council)
    _login(client, colleague)

    opened = client.get(reverse("action_detail", args=[action.pk]))
    updated = client.post(reverse("action_update", args=[action.pk]), {"status": "done"})

    assert (opened.status_code, updated.status_code) == (404, 404)
    assert Action.objects.get(pk=action.pk).status == Action.Status.OPEN


# --- held elsewhere: an organisation's or group's action from a body one does not sit on -----


@pytest.fixture
def held(meeting):
    """A council colleague and a team member who sit on another body, and three of this body's
    actions: one for the council on an open item, one for the team on a confidential item, one
    for the council in draft minutes."""
    council = OrganisationFactory(name="Sunderland City Council")
    colleague = PersonFactory(name="Ashley Green", organisation=council, user=UserFactory())
    teammate = PersonFactory(name="Toni Reed", user=UserFactory())
    for person in (colleague, teammate):
        MembershipFactory(person=person, body=BodyFactory(), role=Membership.Role.MEMBER)
    team = _team(meeting.body, members=[teammate])["team"]

    def action(description, *, confidential=False, on=meeting, **owner):
        made = ActionFactory(
            meeting=on,
            item=AgendaItemFactory(
                meeting=on, title=f"Item about {description}", confidential=confidential
            ),
            description=description,
        )
        ActionOwnerFactory(action=made, person=None, **owner)
        return made

    draft = MeetingFactory(body=meeting.body, status=Meeting.Status.DRAFT)
    return {
        "colleague": colleague,
        "teammate": teammate,
        "open": action("Circulate the bus timetable", organisation=council),
        "secret": action("Consult zqunions on severance", confidential=True, team=team),
        "draft": action("Draft zqdraftwording", on=draft, organisation=council),
    }


def test_colleague_sees_the_organisations_open_action_from_another_body_with_its_wording(
    client, held
):
    client.force_login(held["colleague"].user)

    response = client.get(reverse("my_actions"))

    shown, total = response.context["held_elsewhere"]
    assert ([a.pk for a in shown], total) == ([held["open"].pk], 1)
    row = _held_row(response, held["open"])
    assert "Circulate the bus timetable" in row and held["open"].reference in row


def test_team_member_sees_that_the_team_has_a_confidential_action_but_not_its_wording(client, held):
    client.force_login(held["teammate"].user)

    response = client.get(reverse("my_actions"))

    row = _held_row(response, held["secret"])
    body = response.content.decode()
    assert held["secret"].reference in row and "Confidential" in row
    assert held["secret"].meeting.body.name in row or held["secret"].meeting.body.short_name in row
    assert "zqunions" not in body and "Item about" not in body


def test_held_elsewhere_leaves_out_draft_minutes_and_members_of_the_body(client, held, member_user):
    # A draft's actions are not issued; a member of the body owns the council's actions
    # outright (the list above), so nothing of theirs is "held elsewhere".
    client.force_login(member_user)
    member_list = client.get(reverse("my_actions")).context["held_elsewhere"]
    client.force_login(held["colleague"].user)
    colleague_body = client.get(reverse("my_actions")).content.decode()

    assert member_list == ([], 0)
    assert "zqdraftwording" not in colleague_body


def test_held_elsewhere_is_seen_but_not_opened_or_updated(client, held):
    client.force_login(held["teammate"].user)

    opened = client.get(reverse("action_detail", args=[held["secret"].pk]))
    updated = client.post(reverse("action_update", args=[held["secret"].pk]), {"status": "done"})

    assert (opened.status_code, updated.status_code) == (404, 404)


def _held_row(response, action) -> str:
    body = response.content.decode()
    start = body.index(f'id="held-{action.pk}"')
    return body[start : body.index("</tr>", start)]


# --- visible_actions --------------------------------------------------------------------------


@pytest.fixture
def visibility(body, meeting, member_user, outsider_user):
    """Actions of the body and of the outsider's body, and an officer outside both who owns two
    of the body's actions (one on a confidential item)."""
    member = member_user.person
    officer = PersonFactory(name="Vince Taylor", user=UserFactory())
    elsewhere = outsider_user.person.memberships.get().body

    def action(description, *, meeting=meeting, confidential=False, owners=()):
        made = ActionFactory(
            meeting=meeting,
            item=AgendaItemFactory(meeting=meeting, confidential=confidential),
            description=description,
        )
        for owner in owners:
            ActionOwnerFactory(action=made, **owner)
        return made

    return {
        "member": member_user,
        "officer": officer.user,
        "outsider": outsider_user,
        "open": action("Open item, officer's", owners=[{"person": officer}]),
        "secret": action(
            "Confidential item, officer's", confidential=True, owners=[{"person": officer}]
        ),
        # Owned twice over by the member: it must still be listed once.
        "twice": action(
            "The member's, twice",
            owners=[{"person": member}, _team(body, members=[member])],
        ),
        "elsewhere": action(
            "Another body's", meeting=MeetingFactory(body=elsewhere, status="circulated")
        ),
    }


def _visible(user):
    return sorted(visible_actions(user).values_list("description", flat=True))


def test_visible_actions_for_a_member_are_every_action_of_their_body_once(visibility):
    assert _visible(visibility["member"]) == [
        "Confidential item, officer's",
        "Open item, officer's",
        "The member's, twice",
    ]


def test_visible_actions_for_a_named_owner_outside_the_body_are_their_own(visibility):
    assert _visible(visibility["officer"]) == [
        "Confidential item, officer's",
        "Open item, officer's",
    ]


def test_visible_actions_for_an_outsider_are_only_their_own_body(visibility):
    assert _visible(visibility["outsider"]) == ["Another body's"]


def test_visible_actions_for_an_administrator_are_all(visibility):
    admin = UserFactory(is_superuser=True)

    assert _visible(admin) == [
        "Another body's",
        "Confidential item, officer's",
        "Open item, officer's",
        "The member's, twice",
    ]


def test_visible_actions_for_anonymous_are_none(visibility):
    assert _visible(AnonymousUser()) == []
