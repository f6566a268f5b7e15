"""Each directory list page reads in a fixed number of queries, however much it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Membership
from tests.factories import BodyFactory, MembershipFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def grow(body, n):
    """n more members (each with a deputy and a login), n more groups, n more bodies."""
    for _ in range(n):
        person = PersonFactory(user=UserFactory())
        MembershipFactory(body=body, person=person, deputy=PersonFactory())
        MembershipFactory(body=BodyFactory(), person=person, role=Membership.Role.CHAIR)
        team = TeamFactory(body=body)
        team.members.add(person)


@pytest.mark.parametrize(
    ("name", "with_body", "expected"),
    [
        ("directory_people", False, 9),
        ("directory_organisations", False, 8),
        ("directory_bodies", False, 8),
        ("directory_body_members", True, 8),
        ("directory_teams", True, 10),
    ],
)
def test_list_pages_read_in_fixed_queries(client, body, admin_user, name, with_body, expected):
    client.force_login(admin_user)
    url = reverse(name, args=[body.slug] if with_body else None)
    grow(body, 2)
    small = queries(client, url)
    grow(body, 10)

    large = queries(client, url)

    assert (small, large) == (expected, expected)
