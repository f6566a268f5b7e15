import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from meetings.models import Meeting, MinutesApproval
from meetings.services import meeting_create
from notices.delivery import notice_batch_send
from notices.models import NoticeBatch
from partners.models import Membership
from records import services as lifecycle
from records.models import AccuracyComment, ChairApproval
from tests.conftest import make_login
from tests.factories import PASSWORD

from .conftest import move, sign, sign_request


def draft_date():
    return dt.date(2026, 10, 7)


pytestmark = pytest.mark.django_db(transaction=False)


def test_circulate_by_secretariat_moves_to_circulated_and_emails_members(
    draft, secretariat_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.minutes_circulate(meeting=draft, user=secretariat_user)
    for batch_id in NoticeBatch.objects.values_list("pk", flat=True):  # as the worker does
        notice_batch_send(batch_id=batch_id)
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.CIRCULATED
    assert len(mail.outbox) == 3  # chair, member, secretariat: one message each
    assert f"/meetings/{draft.pk}/minutes/review/" in mail.outbox[0].body


@pytest.mark.parametrize("who", ["member_user", "chair_user", "outsider_user"])
def test_circulate_refused_for_non_secretariat(draft, who, request):
    with pytest.raises(lifecycle.TransitionRefused) as exc:
        lifecycle.minutes_circulate(meeting=draft, user=request.getfixturevalue(who))
    assert exc.value.messages == ["Only the secretariat can circulate."]
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_circulate_refused_for_a_meeting_with_no_items(body, secretariat_user):
    empty = meeting_create(
        body=body, date=draft_date(), with_register=False, with_standing_items=False
    )
    with pytest.raises(lifecycle.TransitionRefused) as exc:
        lifecycle.minutes_circulate(meeting=empty, user=secretariat_user)
    assert exc.value.messages == [
        "There is nothing to circulate yet: this meeting has no agenda items or minutes."
    ]
    empty.refresh_from_db()
    assert empty.status == Meeting.Status.DRAFT


@pytest.mark.parametrize("status", ["circulated", "approved"])
def test_circulate_refused_unless_draft(draft, secretariat_user, status):
    move(draft, status)
    with pytest.raises(lifecycle.TransitionRefused):
        lifecycle.minutes_circulate(meeting=draft, user=secretariat_user)


def test_return_to_draft_from_circulated(draft, secretariat_user):
    move(draft, "circulated")
    lifecycle.minutes_return_to_draft(meeting=draft, user=secretariat_user)
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.DRAFT


def test_return_to_draft_refused_when_approved(draft, secretariat_user):
    move(draft, "approved")
    with pytest.raises(lifecycle.TransitionRefused) as exc:
        lifecycle.minutes_return_to_draft(meeting=draft, user=secretariat_user)
    assert exc.value.messages == [
        "Only circulated minutes can go back to draft; these are already approved."
    ]


def test_member_comments_while_circulated_and_secretariat_resolves(
    draft, member_user, secretariat_user
):
    move(draft, "circulated")
    item = draft.items.get(title="Strategy refresh")
    comment = lifecycle.accuracy_comment_add(
        meeting=draft, user=member_user, item=item, text="I said July, not June."
    )
    resolved = lifecycle.accuracy_comment_resolve(
        comment=comment, user=secretariat_user, response="Corrected."
    )
    assert (resolved.item, resolved.text, resolved.response, resolved.is_resolved) == (
        item,
        "I said July, not June.",
        "Corrected.",
        True,
    )


def test_comment_refused_on_draft(draft, member_user):
    with pytest.raises(lifecycle.TransitionRefused):
        lifecycle.accuracy_comment_add(meeting=draft, user=member_user, text="Typo")
    assert AccuracyComment.objects.count() == 0


def test_comment_resolve_refused_for_member(draft, member_user):
    move(draft, "circulated")
    comment = lifecycle.accuracy_comment_add(meeting=draft, user=member_user, text="Typo")
    with pytest.raises(PermissionDenied):
        lifecycle.accuracy_comment_resolve(comment=comment, user=member_user)


def test_chair_approves_directly_with_corrections(draft, chair_user):
    move(draft, "circulated")
    lifecycle.minutes_approve(meeting=draft, user=chair_user, corrections="Add Cllr Smith")
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.APPROVED
    assert ChairApproval.objects.get(meeting=draft).corrections == "Add Cllr Smith"


def test_approval_at_later_meeting_uses_previous_minutes_item(draft, secretariat_user, body):
    import datetime as dt

    move(draft, "circulated")
    later = meeting_create(body=body, date=dt.date(2026, 11, 20))
    lifecycle.minutes_approve(
        meeting=draft, user=secretariat_user, corrections="", approving_meeting=later
    )
    draft.refresh_from_db()
    approval = MinutesApproval.objects.get(previous_meeting=draft)
    assert (draft.status, approval.meeting, approval.outcome) == ("approved", later, "approved")


def test_approve_refused_for_member(draft, member_user):
    move(draft, "circulated")
    with pytest.raises(lifecycle.TransitionRefused):
        lifecycle.minutes_approve(meeting=draft, user=member_user)


def test_approve_refused_before_circulation(draft, chair_user):
    with pytest.raises(lifecycle.TransitionRefused) as exc:
        lifecycle.minutes_approve(meeting=draft, user=chair_user)
    assert exc.value.messages == [
        "Minutes are approved after they have been circulated; these are still a draft."
    ]


def test_chair_signs_approved_minutes_with_password(draft, chair_user):
    move(draft, "approved")
    signed = sign(draft, chair_user)
    assert (signed.status, signed.signed_by.name, len(signed.fingerprint)) == (
        "signed",
        "Jessica May",
        64,
    )
    assert (
        signed.signed_pdf_sha256
        == __import__("hashlib").sha256(signed.signed_pdf.open("rb").read()).hexdigest()
    )


def test_sign_refused_with_wrong_password(draft, chair_user):
    move(draft, "approved")
    with pytest.raises(ValidationError) as exc:
        lifecycle.minutes_sign(
            meeting=draft, user=chair_user, password="guess", request=sign_request(chair_user)
        )
    assert exc.value.message_dict == {
        "password": ["That password is not right. Enter your own password."]
    }
    draft.refresh_from_db()
    assert (draft.status, draft.signed_by_id) == ("approved", None)


@pytest.mark.parametrize("who", ["secretariat_user", "member_user"])
def test_sign_refused_for_non_signers(draft, who, request):
    move(draft, "approved")
    user = request.getfixturevalue(who)
    with pytest.raises(lifecycle.TransitionRefused):
        lifecycle.minutes_sign(
            meeting=draft, user=user, password=PASSWORD, request=sign_request(user)
        )


def test_sign_refused_before_approval(draft, chair_user):
    move(draft, "circulated")
    with pytest.raises(lifecycle.TransitionRefused):
        sign(draft, chair_user)


def test_person_who_chaired_may_sign(draft, body):
    from meetings.models import Attendance
    from partners.rules import person_for

    deputy = make_login(body, Membership.Role.MEMBER, name="Dora Deputy")
    Attendance.objects.filter(meeting=draft).update(chaired=False)
    Attendance.objects.filter(meeting=draft, person=person_for(deputy)).delete()
    Attendance.objects.create(meeting=draft, person=person_for(deputy), chaired=True)
    move(draft, "approved")
    signed = sign(draft, deputy)
    assert signed.signed_by == person_for(deputy)


def test_addendum_only_after_signing(draft, chair_user, secretariat_user):
    with pytest.raises(lifecycle.TransitionRefused):
        lifecycle.addendum_add(meeting=draft, user=secretariat_user, text="Late correction")
    move(draft, "approved")
    sign(draft, chair_user)
    addendum = lifecycle.addendum_add(meeting=draft, user=secretariat_user, text="Late correction")
    assert (addendum.meeting, addendum.text) == (draft, "Late correction")
