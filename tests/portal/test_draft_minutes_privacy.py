"""Draft minutes (before circulation) are for the secretariat and the chair; members see the
agenda and papers, and the minutes once circulated. Sub-items inherit confidentiality."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Meeting
from partners.models import Membership
from tests.conftest import make_login
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db
MARKER = "Zanzibar-draft-wording"


@pytest.fixture
def drafted(body):
    meeting = MeetingFactory(body=body, date=dt.date(2026, 11, 2), status=Meeting.Status.DRAFT)
    item = AgendaItemFactory(meeting=meeting, title="Budget", minutes=f"<p>{MARKER}</p>")
    DecisionFactory(item=item, text=f"<p>{MARKER} decided</p>")
    return meeting


def _minutes_page(client, user, meeting):
    client.force_login(user)
    return client.get(reverse("meeting_detail", args=[meeting.pk]), {"tab": "minutes"})


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Membership.Role.MEMBER, False),
        (Membership.Role.SECRETARIAT, True),
        (Membership.Role.CHAIR, True),
        (Membership.Role.VICE_CHAIR, True),
    ],
)
def test_draft_minutes_only_for_secretariat_and_chair(client, body, drafted, role, sees):
    user = make_login(body, role)

    response = _minutes_page(client, user, drafted)

    assert response.status_code == 200
    assert (MARKER in response.content.decode()) is sees
    assert ("The minutes are being drafted" in response.content.decode()) is not sees


def test_members_read_minutes_once_circulated(client, body, drafted):
    user = make_login(body, Membership.Role.MEMBER)
    Meeting.objects.filter(pk=drafted.pk).update(status=Meeting.Status.CIRCULATED)

    response = _minutes_page(client, user, drafted)

    assert response.status_code == 200
    assert MARKER in response.content.decode()


def test_members_do_not_find_draft_minutes_in_search(client, body, drafted):
    member = make_login(body, Membership.Role.MEMBER)
    secretary = make_login(body, Membership.Role.SECRETARIAT)

    client.force_login(member)
    member_page = client.get(reverse("search"), {"q": "Zanzibar"}).content.decode()
    client.force_login(secretary)
    secretary_page = client.get(reverse("search"), {"q": "Zanzibar"}).content.decode()

    # The query is echoed back on the page; the rest of the marker comes only from a result.
    assert "draft-wording" not in member_page
    assert "draft-wording" in secretary_page


def test_sub_item_of_a_confidential_item_is_confidential(body):
    meeting = MeetingFactory(body=body)
    parent = services.item_add(meeting=meeting, title="Contract award", confidential=True)

    child = services.item_add(meeting=meeting, title="Bids received", parent=parent)

    assert child.confidential is True


def test_marking_an_item_confidential_marks_its_sub_items(body):
    meeting = MeetingFactory(body=body)
    parent = services.item_add(meeting=meeting, title="Contract award")
    child = services.item_add(meeting=meeting, title="Bids received", parent=parent)

    services.item_update(item=parent, title="Contract award", confidential=True)

    assert AgendaItem.objects.get(pk=child.pk).confidential is True


def test_a_sub_item_cannot_be_made_public_under_a_confidential_item(body):
    meeting = MeetingFactory(body=body)
    parent = services.item_add(meeting=meeting, title="Contract award", confidential=True)
    child = services.item_add(meeting=meeting, title="Bids received", parent=parent)

    with pytest.raises(ValidationError) as refused:
        services.item_update(item=child, title="Bids received", confidential=False)

    assert refused.value.message_dict == {
        "confidential": ["This is a sub-item of a confidential item, so it is confidential too."]
    }
    assert AgendaItem.objects.get(pk=child.pk).confidential is True
