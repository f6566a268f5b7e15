import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import Meeting
from partners.models import Membership
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def meeting(body):
    """The meeting the actions come from, its minutes circulated: an action is issued (owned,
    listed, reminded) from circulation on (``actions.rules.issued_q``)."""
    return MeetingFactory(body=body, status=Meeting.Status.CIRCULATED)


@pytest.fixture
def past_meeting(body, today):
    return MeetingFactory(
        body=body, date=today - dt.timedelta(days=40), status=Meeting.Status.CIRCULATED
    )


@pytest.fixture
def member(body):
    """A member with a login: Gillian Gibson of the body."""
    person = PersonFactory(name="Gillian Gibson", user=UserFactory())
    MembershipFactory(person=person, body=body, role=Membership.Role.MEMBER)
    return person


@pytest.fixture
def make_action(past_meeting, today):
    def make(owner, days=None, meeting=None, status="open", description=None, **kwargs):
        meeting = meeting or past_meeting
        item = kwargs.pop("item", None) or AgendaItemFactory(meeting=meeting)
        action = ActionFactory(
            meeting=meeting,
            item=item,
            due_date=None if days is None else today + dt.timedelta(days=days),
            status=status,
            **({"description": description} if description else {}),
            **kwargs,
        )
        ActionOwnerFactory(action=action, person=owner)
        return action

    return make
