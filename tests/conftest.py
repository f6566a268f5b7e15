import pytest

from partners.models import Membership
from tests.factories import (
    PASSWORD,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)


def make_login(body, role, **person_kwargs):
    """A user with a person who holds ``role`` on ``body`` (None: no membership at all)."""
    user = UserFactory()
    person = PersonFactory(user=user, **person_kwargs)
    if role is not None:
        MembershipFactory(person=person, body=body, role=role)
    return user


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def body(db):
    return BodyFactory(name="Sunderland Innovation and Improvement Group", short_name="SIIG")


@pytest.fixture
def meeting(body):
    return MeetingFactory(body=body)


@pytest.fixture
def secretariat_user(body):
    return make_login(body, Membership.Role.SECRETARIAT, name="Sam Secretary")


@pytest.fixture
def chair_user(body):
    return make_login(body, Membership.Role.CHAIR, name="Jessica May")


@pytest.fixture
def member_user(body):
    return make_login(body, Membership.Role.MEMBER, name="Gillian Gibson")


@pytest.fixture
def outsider_user(db):
    return make_login(BodyFactory(), Membership.Role.MEMBER, name="Otto Outsider")
