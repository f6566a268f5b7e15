"""The directory pages as the secretariat and administrators use them."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from partners.models import Body, Membership, Organisation, Person, Team
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_people_list_searches_and_links_only_whom_one_may_edit(
    client, body, secretariat_user, outsider_user
):
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    mine = MembershipFactory(body=body, person__name="Vince Taylor", person__organisation=council)
    client.force_login(secretariat_user)

    response = client.get(reverse("directory_people"), {"q": "scc"})
    everyone = client.get(reverse("directory_people"))

    assert [p.name for p in response.context["page"]] == ["Vince Taylor"]
    page = everyone.content.decode()
    assert reverse("directory_person", args=[mine.person.pk]) in page
    assert reverse("directory_person", args=[outsider_user.person.pk]) not in page
    assert "Otto Outsider" in page


def test_people_search_with_no_match_says_what_to_do(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("directory_people"), {"q": "Nobody Atall"})

    assert "Nobody matches “Nobody Atall”." in response.content.decode()


def test_add_person_page(client, secretariat_user):
    client.force_login(secretariat_user)
    council = OrganisationFactory(name="Sunderland City Council")

    response = client.post(
        reverse("directory_person_create"),
        {
            "honorific": "Cllr",
            "name": "Ashley Green",
            "job_title": "Leader",
            "organisation": council.pk,
            "email": "ashley@example.org",
        },
        follow=True,
    )

    person = Person.objects.get(name="Ashley Green")
    assert response.redirect_chain == [(reverse("directory_person", args=[person.pk]), 302)]
    assert messages_of(response) == ["Cllr Ashley Green added."]
    assert (person.initials, person.organisation, person.user, person.is_administrator) == (
        "AG",
        council,
        None,
        False,
    )


def test_only_administrators_see_and_set_the_administrator_flag(
    client, body, secretariat_user, admin_user
):
    person = MembershipFactory(body=body).person
    url = reverse("directory_person_edit", args=[person.pk])
    client.force_login(secretariat_user)
    secretariat_form = client.get(url).context["form"]
    client.force_login(admin_user)

    client.post(url, {"name": person.name, "is_administrator": "on"})

    person.refresh_from_db()
    assert "is_administrator" not in secretariat_form.fields
    assert person.is_administrator is True


def test_person_page_shows_bodies_and_login_state(client, body, secretariat_user):
    membership = MembershipFactory(
        body=body, role="vice_chair", start_date=dt.date(2011, 11, 9), person__email=""
    )
    client.force_login(secretariat_user)

    page = client.get(reverse("directory_person", args=[membership.person.pk])).content.decode()

    assert "Sunderland Innovation and Improvement Group" in page
    assert "since 9 November 2011" in page
    assert "No login" in page
    assert "add their e-mail address" in page


def test_add_member_who_is_new_in_one_step(client, body, secretariat_user):
    council = OrganisationFactory(name="Sunderland City Council")
    deputy = PersonFactory(name="Tim Mills")
    client.force_login(secretariat_user)

    response = client.post(
        reverse("directory_membership_add", args=[body.slug]),
        {
            "new_name": "Carol Harries",
            "new_organisation": "Sunderland City Council",
            "new_email": "carol@example.org",
            "role": "lead_member",
            "start_date": "2011-11-09",
            "deputy": deputy.pk,
        },
        follow=True,
    )

    membership = Membership.objects.get(body=body, person__name="Carol Harries")
    assert messages_of(response) == ["Carol Harries added as lead member."]
    assert (
        membership.role,
        membership.start_date,
        membership.deputy,
        membership.person.organisation,
    ) == (
        "lead_member",
        dt.date(2011, 11, 9),
        deputy,
        council,
    )
    assert "Tim Mills" in response.content.decode()


def test_add_member_finds_the_organisation_typed_by_name_or_acronym(client, body, secretariat_user):
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    client.force_login(secretariat_user)
    url = reverse("directory_membership_add", args=[body.slug])
    organisations = Organisation.objects.count()

    for name, typed in [("Carol Harries", "  sunderland  city council "), ("Tim Mills", "scc")]:
        response = client.post(url, {"new_name": name, "new_organisation": typed, "role": "member"})
        assert response.status_code == 302

    assert list(
        Person.objects.filter(name__in=["Carol Harries", "Tim Mills"]).values_list(
            "organisation", flat=True
        )
    ) == [council.pk, council.pk]
    assert Organisation.objects.count() == organisations


def test_add_member_adds_a_new_organisation_typed_and_says_so(client, body, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("directory_membership_add", args=[body.slug]),
        {"new_name": "Neil Hayes", "new_organisation": "Northumbria  Police", "role": "member"},
        follow=True,
    )

    assert messages_of(response) == [
        "Neil Hayes added as member. Northumbria Police is new to the directory."
    ]
    assert Person.objects.get(name="Neil Hayes").organisation.name == "Northumbria Police"


def test_add_member_refused_adds_no_organisation_either(client, body, secretariat_user):
    MembershipFactory(body=body, person__name="Sarah Reed", person__email="sarah@example.org")
    client.force_login(secretariat_user)

    response = client.post(
        reverse("directory_membership_add", args=[body.slug]),
        {
            "new_name": "Sarah Reed",
            "new_organisation": "Jobcentre Plus",
            "new_email": "sarah@example.org",
            "role": "member",
        },
    )

    assert list(response.context["form"].errors) == ["new_email"]
    assert Organisation.objects.filter(name="Jobcentre Plus").exists() is False


def test_add_and_add_another_comes_back_to_a_fresh_form_ready_for_the_next_name(
    client, body, secretariat_user
):
    OrganisationFactory(name="Gentoo Group")
    client.force_login(secretariat_user)
    url = reverse("directory_membership_add", args=[body.slug])

    response = client.post(url, {"new_name": "Rachel Young", "role": "member", "then": "another"})
    again = client.get(response["Location"])
    fresh = client.get(url)

    assert response["Location"] == url + "?another=1"
    assert messages_of(again) == ["Rachel Young added as member."]
    page = again.content.decode()
    assert re.search(r'<input [^>]*name="new_name"[^>]* autofocus[ >]', page)
    assert '<datalist id="organisation-names"><option value="Gentoo Group"></option>' in page
    assert "autofocus" not in fresh.content.decode()


def test_add_member_refused_leaves_no_new_person_behind(client, body, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("directory_membership_add", args=[body.slug]),
        {
            "new_name": "Carol Harries",
            "role": "member",
            "start_date": "2012-01-01",
            "end_date": "2011-01-01",
        },
    )

    assert response.context["form"].errors == {
        "end_date": ["A membership cannot end before it starts."]
    }
    assert Person.objects.filter(name="Carol Harries").exists() is False


def test_add_member_needs_someone(client, body, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("directory_membership_add", args=[body.slug]), {"role": "member"}
    )

    assert response.context["form"].errors == {
        "person": ["Choose someone, or give the name of someone new."]
    }


def test_end_membership_asks_then_ends(client, body, secretariat_user):
    membership = MembershipFactory(body=body, person__name="Sarah Reed")
    url = reverse("directory_membership_end", args=[body.slug, membership.pk])
    client.force_login(secretariat_user)

    question = client.get(url)
    response = client.post(url, {"end_date": "2030-03-31"}, follow=True)

    membership.refresh_from_db()
    assert "End Sarah Reed's membership (member)?" in question.content.decode()
    assert membership.end_date == dt.date(2030, 3, 31)
    assert messages_of(response) == [
        "Sarah Reed's membership ends on 31 March 2030. Edit the membership to undo this."
    ]


def test_members_page_groups_by_role_with_deputies(client, body, secretariat_user):
    MembershipFactory(body=body, role="chair", person__name="Jessica May")
    MembershipFactory(
        body=body,
        role="member",
        person__name="Ashley Green",
        deputy=PersonFactory(name="Tim Mills"),
    )
    client.force_login(secretariat_user)

    response = client.get(reverse("directory_body_members", args=[body.slug]))

    groups = [
        (g.label, [m.person.name for m in g.memberships]) for g in response.context["member_groups"]
    ]
    assert groups == [
        ("Chair", ["Jessica May"]),
        ("Members", ["Ashley Green"]),
        ("Secretariat", ["Sam Secretary"]),
    ]
    assert "Tim Mills" in response.content.decode()


def test_an_ended_secretariat_no_longer_manages_the_body(client, secretariat_user):
    board = BodyFactory(slug="eb")
    MembershipFactory(
        body=board, person=secretariat_user.person, role="secretariat", end_date=dt.date(2020, 1, 1)
    )
    client.force_login(secretariat_user)

    response = client.get(reverse("directory_body_members", args=["eb"]))

    assert response.status_code == 404


def test_body_create_then_settings(client, admin_user):
    parent = BodyFactory(name="Sunderland Partnership Board", short_name="SPB")
    client.force_login(admin_user)

    created = client.post(
        reverse("directory_body_create"),
        {
            "name": "Health and Well Being Board",
            "short_name": "HWBB",
            "parent": parent.pk,
            "numbering": "decimal",
            "minutes_title": "Notes",
            "standing_items": ["apologies", "declarations"],
            "default_venue": "Civic Centre",
            "default_start_time": "13:00",
            "default_end_time": "15:30",
            "reminder_notice_days": 7,
            "agenda_notice_days": 5,
        },
        follow=True,
    )
    body = Body.objects.get(slug="hwbb")
    saved = client.post(
        reverse("directory_body_edit", args=["hwbb"]),
        {
            "name": "Health and Wellbeing Board",
            "short_name": "HWBB",
            "numbering": "plain",
            "minutes_title": "Minutes",
            "reminder_notice_days": 5,
            "publishes": "on",
            "agenda_notice_days": 10,
        },
        follow=True,
    )

    assert created.redirect_chain == [(reverse("directory_body_members", args=["hwbb"]), 302)]
    assert messages_of(created) == ["Health and Well Being Board set up. Add its members next."]
    assert "No current members." in created.content.decode()
    assert (body.parent, body.default_start_time, body.standing_items) == (
        parent,
        dt.time(13),
        ["apologies", "declarations"],
    )
    body.refresh_from_db()
    assert (
        body.name,
        body.parent,
        body.standing_items,
        body.publishes,
        body.agenda_notice_days,
        messages_of(saved),
    ) == ("Health and Wellbeing Board", None, [], True, 10, ["Settings saved."])


def test_settings_refusal_keeps_the_stored_name_in_the_heading(client, body, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("directory_body_edit", args=[body.slug]),
        {
            "name": "Renamed",
            "numbering": "plain",
            "minutes_title": "Minutes",
            "reminder_notice_days": 7,
            "agenda_notice_days": 5,
            "default_start_time": "15:00",
            "default_end_time": "13:00",
        },
    )

    assert response.context["form"].errors == {
        "default_end_time": ["Meetings must end after they start."]
    }
    assert response.context["body"].name == "Sunderland Innovation and Improvement Group"


def test_groups_page_adds_edits_and_refuses_removal_of_an_owner(client, body, secretariat_user):
    member = MembershipFactory(body=body, person__name="Ashley Green").person
    client.force_login(secretariat_user)

    client.post(
        reverse("directory_teams", args=[body.slug]),
        {"name": "LSP working group", "members": [member.pk]},
    )
    team = Team.objects.get(body=body)
    client.post(
        reverse("directory_team_edit", args=[body.slug, team.pk]),
        {"name": "All", "everyone": "on"},
    )
    removed = client.post(reverse("directory_team_delete", args=[body.slug, team.pk]), follow=True)

    assert messages_of(removed) == [
        "Group “LSP working group” added.",
        "Group “All” saved.",
        "Group “All” removed.",
    ]
    assert Team.objects.filter(body=body).exists() is False


def test_groups_page_empty_state(client, body, secretariat_user):
    client.force_login(secretariat_user)

    page = client.get(reverse("directory_teams", args=[body.slug])).content.decode()

    assert "No groups yet." in page


def test_team_members_offered_are_the_current_members(client, body, secretariat_user):
    current = MembershipFactory(body=body, person__name="Ashley Green").person
    MembershipFactory(body=body, person__name="Old Member", end_date=dt.date(2000, 1, 1))
    team = TeamFactory(body=body)
    client.force_login(secretariat_user)

    form = client.get(reverse("directory_team_edit", args=[body.slug, team.pk])).context["form"]

    assert list(form.fields["members"].queryset) == [current, secretariat_user.person]


def test_organisation_pages(client, secretariat_user, admin_user):
    client.force_login(secretariat_user)
    client.post(reverse("directory_organisation_create"), {"name": "Gentoo", "sector": "housing"})
    organisation = Organisation.objects.get(name="Gentoo")
    client.force_login(admin_user)

    response = client.post(
        reverse("directory_organisation_edit", args=[organisation.pk]),
        {"name": "Gentoo Group", "acronym": "", "sector": "housing"},
        follow=True,
    )

    assert messages_of(response) == ["Gentoo added.", "Gentoo Group: details saved."]
    assert Organisation.objects.get(pk=organisation.pk).name == "Gentoo Group"
