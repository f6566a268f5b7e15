"""The directory's writes: partners.services (organisations, people, bodies, memberships,
groups) and their checks, with history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partners import rules, services
from partners.models import Body, Membership, Person, Team
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def errors(exc_info):
    return exc_info.value.message_dict


# Organisations


def test_organisation_create_tidies_the_name_and_keeps_history():
    organisation = services.organisation_create(
        name="  Sunderland   City Council ", acronym=" SCC ", sector="local_government"
    )

    assert (organisation.name, organisation.acronym, organisation.sector) == (
        "Sunderland City Council",
        "SCC",
        "local_government",
    )
    assert organisation.history.count() == 1


def test_organisation_create_refuses_a_name_already_there_whatever_its_case():
    OrganisationFactory(name="Job Centre Plus")

    with pytest.raises(ValidationError) as exc_info:
        services.organisation_create(name="job centre plus")

    assert errors(exc_info) == {
        "name": ["There is already an organisation called “Job Centre Plus”."]
    }


def test_organisation_update_may_keep_its_own_name():
    organisation = OrganisationFactory(name="IDeA", acronym="")

    services.organisation_update(
        organisation=organisation, name="IDeA", acronym="IDEA", sector="central_government"
    )

    organisation.refresh_from_db()
    assert (organisation.acronym, organisation.sector, organisation.history.count()) == (
        "IDEA",
        "central_government",
        2,
    )


# People


def test_person_create_works_out_initials_and_has_no_login():
    person = services.person_create(name="Jessica May", honorific="Cllr", email="jm@example.org")

    assert (person.display_name, person.initials, person.user, person.history.count()) == (
        "Cllr Jessica May",
        "JM",
        None,
        1,
    )


def test_person_create_refuses_an_email_someone_else_has():
    PersonFactory(name="Valerie Hayllor", email="valerie@example.org")

    with pytest.raises(ValidationError) as exc_info:
        services.person_create(name="V Hayllor", email="Valerie@Example.org")

    assert errors(exc_info) == {
        "email": [
            "Valerie Hayllor already has this e-mail address. If they are the same person, "
            "merge the two records."
        ]
    }


def test_person_update_moves_the_login_email_with_the_person():
    person = PersonFactory(user=UserFactory(email="old@example.org"), email="old@example.org")

    services.person_update(person=person, email="new@example.org", initials="")

    person.user.refresh_from_db()
    assert (person.user.email, person.initials) == ("new@example.org", "PN")


def test_person_set_administrator_is_what_the_rule_asks():
    user = UserFactory()
    person = PersonFactory(user=user)

    services.person_set_administrator(person=person, value=True)

    fresh = type(user).objects.get(pk=user.pk)
    assert rules.is_directory_admin(fresh) is True


def test_person_login_prepare_refuses_someone_who_logs_in_already():
    person = PersonFactory(name="Sam Secretary", user=UserFactory(username="sam"))

    with pytest.raises(ValidationError) as exc_info:
        services.person_login_prepare(person=person)

    assert exc_info.value.messages == [
        "Sam Secretary already logs in as “sam”. If they have forgotten the password, "
        "“Forgotten your password?” on the log-in page sends a new one."
    ]


def test_person_login_prepare_needs_an_email():
    person = PersonFactory(email="")

    with pytest.raises(ValidationError) as exc_info:
        services.person_login_prepare(person=person)

    assert errors(exc_info) == {
        "email": ["Add an e-mail address first: the invitation goes there."]
    }


def test_person_login_prepare_uses_the_email_as_username_unless_taken():
    UserFactory(username="jo@example.org")
    person = PersonFactory(email="Jo@example.org")

    user = services.person_login_prepare(person=person)

    person.refresh_from_db()
    assert (user.username, user.has_usable_password(), person.user_id) == (
        "jo@example.org-2",
        False,
        user.pk,
    )


# Bodies


def test_body_create_gives_a_unique_address_and_keeps_standing_items_in_agenda_order():
    BodyFactory(name="Something else", short_name="SIIG")

    body = services.body_create(
        name="Sunderland Innovation and Improvement Group",
        short_name="SIIG",
        standing_items=["aob", "apologies"],
        default_start_time=dt.time(13),
        default_end_time=dt.time(15, 30),
    )

    assert (body.slug, body.standing_items, body.history.count()) == (
        "siig-2",
        ["apologies", "aob"],
        1,
    )


def test_body_update_keeps_the_address_when_renamed():
    body = BodyFactory(name="Old name", short_name="OLD", slug="old")

    services.body_update(body=body, name="New name", short_name="NEW")

    body.refresh_from_db()
    assert (body.name, body.slug) == ("New name", "old")


def test_body_update_refuses_a_body_below_its_own_group():
    board = BodyFactory()
    group = BodyFactory(parent=board)

    with pytest.raises(ValidationError) as exc_info:
        services.body_update(body=board, parent=group)

    assert errors(exc_info) == {
        "parent": ["A body cannot sit below itself or one of the groups below it."]
    }


def test_body_update_refuses_a_usual_end_before_the_start():
    body = BodyFactory()

    with pytest.raises(ValidationError) as exc_info:
        services.body_update(
            body=body, default_start_time=dt.time(15), default_end_time=dt.time(13)
        )

    assert errors(exc_info) == {"default_end_time": ["Meetings must end after they start."]}


def test_body_defaults_to_every_standing_item():
    assert BodyFactory().standing_items == [v for v, _ in Body.StandingItem.choices]


# Memberships


def test_membership_create_with_deputy_and_organisation_represented(body):
    person, deputy = PersonFactory(), PersonFactory()
    council = OrganisationFactory(name="Sunderland City Council")

    membership = services.membership_create(
        body=body,
        person=person,
        role=Membership.Role.VICE_CHAIR,
        organisation=council,
        start_date=dt.date(2011, 4, 1),
        deputy=deputy,
    )

    assert (membership.role, membership.organisation, membership.deputy) == (
        "vice_chair",
        council,
        deputy,
    )
    assert membership.history.get().history_type == "+"


def test_membership_create_refuses_the_same_current_role_twice(body):
    membership = MembershipFactory(body=body, role=Membership.Role.CHAIR)

    with pytest.raises(ValidationError) as exc_info:
        services.membership_create(body=body, person=membership.person, role="chair")

    assert errors(exc_info) == {
        "role": ["This person already holds that role on this body (with no end date)."]
    }


def test_membership_create_refuses_a_member_as_own_deputy(body):
    person = PersonFactory()

    with pytest.raises(ValidationError) as exc_info:
        services.membership_create(body=body, person=person, deputy=person)

    assert errors(exc_info) == {"deputy": ["A member cannot be their own deputy."]}


def test_membership_end_refuses_a_date_before_the_start(body):
    membership = MembershipFactory(body=body, start_date=dt.date(2012, 1, 1))

    with pytest.raises(ValidationError) as exc_info:
        services.membership_end(membership=membership, end_date=dt.date(2011, 12, 31))

    assert errors(exc_info) == {"end_date": ["A membership cannot end before it starts."]}


def test_membership_end_keeps_the_member_as_former(body):
    membership = MembershipFactory(body=body, start_date=dt.date(2010, 1, 1))

    services.membership_end(membership=membership, end_date=dt.date(2011, 3, 31))

    membership.refresh_from_db()
    assert (membership.end_date, membership.history.count()) == (dt.date(2011, 3, 31), 2)


# Groups


def test_team_create_and_update_keep_members_and_history(body):
    first, second = PersonFactory(), PersonFactory()

    team = services.team_create(body=body, name=" LSP  working group ", members=[first])
    services.team_update(team=team, name="LSP working group", everyone=False, members=[second])

    team.refresh_from_db()
    assert (team.name, list(team.members.all()), team.history.count() >= 2) == (
        "LSP working group",
        [second],
        True,
    )


def test_team_create_refuses_a_name_the_body_has(body):
    TeamFactory(body=body, name="Secretariat")

    with pytest.raises(ValidationError) as exc_info:
        services.team_create(body=body, name="secretariat")

    assert errors(exc_info) == {"name": ["This body already has a group with this name."]}


def test_team_delete_refuses_a_group_that_owns_actions(body):
    team = TeamFactory(body=body, name="Secretariat")
    action = ActionFactory(meeting__body=body)
    ActionOwnerFactory(action=action, person=None, team=team)

    with pytest.raises(ValidationError) as exc_info:
        services.team_delete(team=team)

    assert exc_info.value.messages == [
        "“Secretariat” owns 1 action; a group that owns actions stays so the record keeps its owners."
    ]
    assert Team.objects.filter(pk=team.pk).exists()


def test_team_delete_removes_an_unused_group(body):
    team = TeamFactory(body=body)

    services.team_delete(team=team)

    assert Team.objects.filter(body=body).count() == 0


# Rules


def test_secretariat_edits_its_members_and_the_unplaced_but_not_others(body, secretariat_user):
    own = MembershipFactory(body=body).person
    unplaced = PersonFactory()
    elsewhere = MembershipFactory().person

    answers = [rules.can_edit_person(secretariat_user, p) for p in (own, unplaced, elsewhere)]

    assert answers == [True, True, False]


def test_administrator_manages_every_body_without_reading_its_record(body, admin_user):
    answers = (
        rules.can_manage_body(admin_user, body),
        rules.can_view_body(admin_user, body),
        rules.can_create_body(admin_user),
        rules.can_merge_people(admin_user),
    )

    assert answers == (True, False, True, True)


def test_organisation_and_person_history_rows_name_the_change():
    person = services.person_create(name="Neil Revely")
    services.person_update(person=person, job_title="Executive Director")

    assert [h.history_type for h in Person.history.filter(id=person.pk).order_by("history_id")] == [
        "+",
        "~",
    ]
