"""Who may open each directory page: anonymous, an outsider (member of another body), a member,
the body's secretariat and a directory administrator (a person flagged, member of nothing)."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "member", "secretariat", "administrator")
SECRETARIAT = dict(zip(ROLES, (302, 404, 404, 200, 200), strict=True))
ADMINISTRATORS = dict(zip(ROLES, (302, 404, 404, 404, 200), strict=True))


def body_kwargs(body, users):
    return {"slug": body.slug}


def member_kwargs(body, users):
    return {"pk": users["member"].person.pk}


PAGES = [
    ("directory_people", None, SECRETARIAT),
    ("directory_person_create", None, SECRETARIAT),
    ("directory_person", member_kwargs, SECRETARIAT),
    ("directory_person_edit", member_kwargs, SECRETARIAT),
    # A member of another body only: not the secretariat's to edit.
    ("directory_person", lambda b, u: {"pk": u["outsider"].person.pk}, ADMINISTRATORS),
    ("directory_person_merge", member_kwargs, ADMINISTRATORS),
    ("directory_organisations", None, SECRETARIAT),
    ("directory_organisation_create", None, SECRETARIAT),
    (
        "directory_organisation_edit",
        lambda b, u: {"pk": u["member"].person.organisation_id},
        ADMINISTRATORS,
    ),
    ("directory_bodies", None, SECRETARIAT),
    ("directory_body_create", None, ADMINISTRATORS),
    ("directory_body_edit", body_kwargs, SECRETARIAT),
    ("directory_body_members", body_kwargs, SECRETARIAT),
    ("directory_membership_add", body_kwargs, SECRETARIAT),
    (
        "directory_membership_edit",
        lambda b, u: {"slug": b.slug, "pk": u["member"].person.memberships.get().pk},
        SECRETARIAT,
    ),
    (
        "directory_membership_end",
        lambda b, u: {"slug": b.slug, "pk": u["member"].person.memberships.get().pk},
        SECRETARIAT,
    ),
    ("directory_import", body_kwargs, SECRETARIAT),
    (
        "directory_import_preview",
        body_kwargs,
        {**SECRETARIAT, "secretariat": 302, "administrator": 302},
    ),
    ("directory_teams", body_kwargs, SECRETARIAT),
    (
        "directory_team_edit",
        lambda b, u: {"slug": b.slug, "pk": TeamFactory(body=b).pk},
        SECRETARIAT,
    ),
    (
        "directory_team_delete",
        lambda b, u: {"slug": b.slug, "pk": TeamFactory(body=b).pk},
        SECRETARIAT,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_directory_page_access(client, body, users, role, name, kwargs, expected):
    url = reverse(name, kwargs=kwargs(body, users) if kwargs else None)
    if users[role] is not None:
        client.force_login(users[role])

    response = client.get(url)

    assert response.status_code == expected[role]
    if role == "anonymous":
        assert response["Location"] == f"{reverse('login')}?next={url}"


def test_membership_of_another_body_is_404_for_the_secretariat(client, body, secretariat_user):
    other = MembershipFactory()
    client.force_login(secretariat_user)

    response = client.get(reverse("directory_membership_edit", args=[body.slug, other.pk]))

    assert response.status_code == 404


def test_team_of_another_body_is_404_for_the_secretariat(client, body, secretariat_user):
    other = TeamFactory()
    client.force_login(secretariat_user)

    response = client.get(reverse("directory_team_edit", args=[body.slug, other.pk]))

    assert response.status_code == 404


def test_superuser_is_an_administrator(client, body, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)

    responses = [
        client.get(reverse("directory_body_create")).status_code,
        client.get(reverse("directory_body_members", args=[body.slug])).status_code,
    ]

    assert responses == [200, 200]


@pytest.mark.parametrize(
    ("role", "shown"),
    [("member", False), ("secretariat", True), ("administrator", True)],
)
def test_navigation_links_the_directory_for_those_allowed(client, users, role, shown):
    client.force_login(users[role])

    response = client.get(reverse("home"))

    assert (reverse("directory_people") in response.content.decode()) is shown


def test_body_page_links_members_and_settings_for_the_secretariat(
    client, body, secretariat_user, member_user
):
    link = reverse("directory_body_members", args=[body.slug])
    seen = {}
    for who, user in (("secretariat", secretariat_user), ("member", member_user)):
        client.force_login(user)
        seen[who] = link in client.get(reverse("body_detail", args=[body.slug])).content.decode()

    assert seen == {"secretariat": True, "member": False}
