"""The pages of one action and its card read a fixed number of queries however many owners,
updates and other actions there are (My actions and the action log: tests/actions/test_views.py;
home and the body page: tests/portal/test_views.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import ActionUpdate
from tests.factories import ActionOwnerFactory, MembershipFactory, PersonFactory, TeamFactory
from tests.html import texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def grown(body, member, make_action):
    """An action of the member's with ``size`` owners and updates, among ``size`` * 10 others."""

    def grow(size: int):
        action = make_action(member, days=-2, description=f"Action of size {size}")
        team = TeamFactory(body=body)
        team.members.add(member)
        for _ in range(size):
            colleague = PersonFactory()
            MembershipFactory(person=colleague, body=body)
            ActionOwnerFactory(action=action, person=colleague)
            ActionUpdate.objects.create(
                action=action, author=colleague, note="Progress", status_before="open",
                status_after="in_progress",
            )  # fmt: skip
        for n in range(size * 10):
            make_action(PersonFactory(), days=n % 9 - 4)
            ActionOwnerFactory(action__meeting=action.meeting, person=None, team=team)
        return action

    return grow


def _queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(texts(response, "//li[@class='action-history-entry']"))


@pytest.mark.parametrize("name", ["action_detail", "action_card_details"])
def test_action_page_and_card_query_count_is_fixed_with_1_or_12_owners_and_updates(
    client, member, grown, name
):
    small, big = grown(1), grown(12)
    client.force_login(member.user)

    counts = [_queries(client, reverse(name, args=[a.pk])) for a in (small, big)]

    assert counts == [(counts[0][0], 1), (counts[0][0], 12)]
