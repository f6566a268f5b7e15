"""Merging two records of one person (directory.services.person_merge)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions.models import ActionOwner
from directory import services
from meetings.models import Attendance, Declaration, Meeting
from partners.models import Membership, Person
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    ActionUpdateFactory,
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(body):
    council = OrganisationFactory(name="Sunderland City Council")
    keep = PersonFactory(name="Valerie Hayllor", organisation=council, email="vh@example.org")
    duplicate = PersonFactory(
        name="V Hayllor", organisation=None, job_title="Head of Policy", email="", honorific="Cllr"
    )
    return keep, duplicate


def test_merge_moves_everything_and_removes_the_duplicate(body, pair):
    keep, duplicate = pair
    meeting = MeetingFactory(body=body)
    item = AgendaItemFactory(meeting=meeting, presenter=duplicate)
    AttendanceFactory(meeting=meeting, person=duplicate)
    Declaration.objects.create(meeting=meeting, person=duplicate, interest="Trustee")
    action = ActionFactory(meeting=meeting, item=item)
    ActionOwnerFactory(action=action, person=duplicate)
    ActionUpdateFactory(action=action, author=duplicate)
    team = TeamFactory(body=body)
    team.members.add(duplicate)
    MembershipFactory(body=body, person=duplicate, role=Membership.Role.ADVISOR)

    moved = services.person_merge(keep=keep, duplicate=duplicate)

    assert moved == {
        "memberships": 1,
        "teams": 1,
        "actions": 1,
        "agenda items": 1,
        "attendances": 1,
        "declarations": 1,
        "action updates": 1,
    }
    assert Person.objects.filter(pk=duplicate.pk).exists() is False
    assert list(Attendance.objects.filter(meeting=meeting).values_list("person", flat=True)) == [
        keep.pk
    ]
    assert list(team.members.all()) == [keep]
    assert [o.person for o in ActionOwner.objects.filter(action=action)] == [keep]
    item.refresh_from_db()
    keep.refresh_from_db()
    assert (item.presenter, keep.job_title, keep.honorific, keep.email) == (
        keep,
        "Head of Policy",
        "Cllr",
        "vh@example.org",
    )


def test_merge_folds_a_repeated_role_into_one_from_the_earlier_start(body, pair):
    keep, duplicate = pair
    MembershipFactory(body=body, person=keep, role="member", start_date=dt.date(2011, 1, 1))
    MembershipFactory(body=body, person=duplicate, role="member", start_date=dt.date(2010, 4, 1))

    services.person_merge(keep=keep, duplicate=duplicate)

    assert list(Membership.objects.filter(body=body, person=keep).values_list("start_date")) == [
        (dt.date(2010, 4, 1),)
    ]


def test_merge_keeps_one_owner_row_when_both_own_an_action(body, pair):
    keep, duplicate = pair
    action = ActionFactory(meeting__body=body)
    ActionOwnerFactory(action=action, person=keep)
    ActionOwnerFactory(action=action, person=duplicate)

    services.person_merge(keep=keep, duplicate=duplicate)

    assert list(ActionOwner.objects.filter(action=action).values_list("person", flat=True)) == [
        keep.pk
    ]


def test_merge_makes_a_deputy_of_oneself_no_deputy(body, pair):
    keep, duplicate = pair
    membership = MembershipFactory(body=body, person=keep, deputy=duplicate)

    services.person_merge(keep=keep, duplicate=duplicate)

    membership.refresh_from_db()
    assert membership.deputy is None


def test_merge_moves_the_login_when_only_the_duplicate_has_one(pair):
    keep, duplicate = pair
    user = UserFactory()
    duplicate.user = user
    duplicate.save()

    services.person_merge(keep=keep, duplicate=duplicate)

    keep.refresh_from_db()
    assert keep.user == user


def test_merge_is_refused_when_the_duplicate_is_in_signed_minutes(body, pair):
    keep, duplicate = pair
    meeting = MeetingFactory(body=body, date=dt.date(2011, 11, 9))
    AttendanceFactory(meeting=meeting, person=duplicate)
    meeting.status = Meeting.Status.SIGNED
    meeting.signed_at = timezone.now()
    meeting.fingerprint = "ab" * 32
    meeting.save()

    with pytest.raises(ValidationError) as exc_info:
        services.person_merge(keep=keep, duplicate=duplicate)

    assert exc_info.value.messages == [
        "Cllr V Hayllor is named in signed minutes (SIIG, 9 November 2011). Signed minutes never "
        "change, so this record stays; merge the other way round if that record is not."
    ]
    assert Person.objects.filter(pk=duplicate.pk).exists() is True


def test_merge_is_refused_when_both_are_on_one_register(body, pair):
    keep, duplicate = pair
    meeting = MeetingFactory(body=body, date=dt.date(2026, 11, 9))
    AttendanceFactory(meeting=meeting, person=keep)
    AttendanceFactory(meeting=meeting, person=duplicate)

    assert services.person_merge_blockers(keep=keep, duplicate=duplicate) == [
        "Both are on the register of SIIG, 9 November 2026: remove one of them from that "
        "register first."
    ]


def test_merge_is_refused_when_both_log_in(pair):
    keep, duplicate = pair
    for person in pair:
        person.user = UserFactory()
        person.save()

    assert services.person_merge_blockers(keep=keep, duplicate=duplicate) == [
        "Both records have a login. Only one person can be behind them: ask an administrator "
        "to close one of the logins first."
    ]


def test_every_relation_to_a_person_is_known_to_the_merge():
    """A new foreign key to Person must be thought about: moved plainly or specially."""
    relations = {(m._meta.label_lower, name) for m, name in services.person_relations()}

    assert relations == {
        ("partners.membership", "person"),
        ("partners.membership", "deputy"),
        ("partners.team_members", "person"),
        ("meetings.meeting", "signed_by"),
        ("meetings.agendaitem", "presenter"),
        ("meetings.attendance", "person"),
        ("meetings.attendance", "substitute_for"),
        ("meetings.declaration", "person"),
        ("actions.actionowner", "person"),
        ("actions.actionupdate", "author"),
        ("actions.reminderdelivery", "person"),
        ("actions.overduesummarydelivery", "person"),
        ("records.accuracycomment", "author"),
        ("records.accuracycomment", "resolved_by"),
        ("records.chairapproval", "approved_by"),
        ("records.addendum", "author"),
        ("records.renderjob", "requested_by"),
        ("notices.agendadispatch", "requested_by"),
        ("notices.noticedelivery", "person"),
        ("notices.minutesopen", "person"),
    }


def test_merge_page_compares_then_merges(client, body, pair, admin_user):
    keep, duplicate = pair
    client.force_login(admin_user)
    url = reverse("directory_person_merge", args=[keep.pk])

    compare = client.get(url, {"duplicate": duplicate.pk})
    response = client.post(url, {"duplicate": duplicate.pk}, follow=True)

    assert compare.status_code == 200
    assert "Merge Cllr V Hayllor into Valerie Hayllor" in compare.content.decode()
    assert [str(m) for m in response.context["messages"]] == [
        "Cllr V Hayllor merged into Valerie Hayllor (nothing to move)."
    ]
    assert response.redirect_chain == [(reverse("directory_person", args=[keep.pk]), 302)]
