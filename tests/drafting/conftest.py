"""Shared fixtures for the drafting pages: a logged-in officer and a draft meeting of SIIG with
a few members on its register."""

import datetime as dt

import pytest

from meetings import services
from partners.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def officer(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def members(body):
    council = OrganisationFactory(name="Sunderland City Council", acronym="SCC")
    people = {}
    for name, role in [
        ("Jessica May", Membership.Role.CHAIR),
        ("Valerie Hayllor", Membership.Role.MEMBER),
        ("Sarah Reed", Membership.Role.MEMBER),
    ]:
        people[name] = PersonFactory(name=name, organisation=council)
        MembershipFactory(person=people[name], body=body, role=role)
    return people


@pytest.fixture
def draft(body, members):
    return services.meeting_create(body=body, date=dt.date(2027, 1, 15), start_time=dt.time(13))


@pytest.fixture
def fund(draft):
    return services.item_add(meeting=draft, title="Innovation fund")


@pytest.fixture
def bids(draft):
    return services.item_add(meeting=draft, title="Criteria for bids")
