"""What a notice may tell a person is asked of the membership facts (many members read their
mail without logging in); for people who do log in it must answer as the pages' rules do."""

import pytest

from meetings import rules as meeting_rules
from meetings.models import Paper
from notices import rules
from partners.rules import person_body_ids

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["chair", "secretariat", "member", "digest", "officer", "outsider"])
def test_notice_rules_answer_as_the_meeting_rules_for_people_who_log_in(cast, upcoming, who):
    person = getattr(cast, who)
    member = rules.is_member(person_body_ids(person), upcoming)
    items = list(upcoming.items.all())
    papers = list(Paper.objects.filter(item__meeting=upcoming))
    on_register = upcoming.attendances.filter(person=person).exists()

    by_notice = [
        [rules.may_receive_item(i, member=member) for i in items if i.confidential],
        [
            rules.may_follow_paper_links(member=member)
            or rules.may_follow_attendee_paper_link(p, member=member, on_register=on_register)
            for p in papers
        ],
        rules.may_receive_minutes(member=member),
    ]
    by_page = [
        [meeting_rules.can_view_item(person.user, i) for i in items if i.confidential],
        [meeting_rules.can_download_paper(person.user, p) for p in papers],
        meeting_rules.can_view_meeting(person.user, upcoming),
    ]

    assert by_notice == by_page


def test_open_items_go_to_the_register_too_confidential_ones_never(cast, upcoming):
    open_item, secret = upcoming.items.order_by("position")
    assert [
        rules.may_receive_item(open_item, member=False),
        rules.may_receive_item(secret, member=False),
        rules.may_receive_item(secret, member=True),
    ] == [True, False, True]


def test_only_draft_and_signed_minutes_and_their_reminder_may_wait_for_the_digest():
    from notices.models import Kind

    assert sorted(k for k in Kind.values if rules.may_have_digest(k)) == [
        "circulation",
        "comment_reminder",
        "signed",
    ]


@pytest.mark.parametrize("publishes", [True, False])
def test_public_paper_links_are_the_papers_the_public_may_download_once_the_agenda_is_out(
    cast, upcoming, publishes
):
    from meetings.publication import agenda_public_from

    cast.body.publishes = publishes
    cast.body.save()
    papers = list(
        Paper.objects.filter(item__meeting=upcoming)
        .select_related("item__meeting__body")
        .order_by("reference")
    )
    published = agenda_public_from(upcoming)

    links = [
        [rules.may_follow_public_paper_link(p, member=member) for p in papers]
        for member in (False, True)
    ]
    public = [meeting_rules.public_may_download_paper(p, now=published) for p in papers]

    assert links == [public, [False, False]]
    assert public == [publishes, False]  # the confidential paper: never
    assert [meeting_rules.public_may_download_paper(p) for p in papers] == [False, False]
