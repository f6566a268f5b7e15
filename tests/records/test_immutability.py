import datetime as dt

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from actions.models import Action, ActionOwner
from meetings.errors import RecordLocked
from meetings.models import AgendaItem, Attendance, Decision, Meeting
from meetings.services import decision_add, item_add, item_minutes_save
from partners.models import Membership
from records import services as lifecycle
from records.models import Addendum
from records.verify import signed_record_check
from tests.conftest import make_login
from tests.factories import PersonFactory

from .conftest import move, sign

LOCKED = ["These minutes are signed and can no longer be changed."]


@pytest.fixture
def signed(draft, chair_user):
    move(draft, "approved")
    return sign(draft, chair_user)


def test_services_refuse_changes_to_signed_minutes(signed):
    item = signed.items.get(title="Strategy refresh")
    for attempt in (
        lambda: item_add(meeting=signed, title="Sneaked in"),
        lambda: item_minutes_save(
            item=item, minutes="<p>Rewritten</p>", base_revision=item.revision
        ),
        lambda: decision_add(item=item, text="<p>Something else</p>"),
    ):
        with pytest.raises(RecordLocked) as exc:
            attempt()
        assert exc.value.messages == LOCKED


def test_model_save_and_delete_refused(signed):
    item = signed.items.get(title="Strategy refresh")
    item.minutes = "<p>Rewritten</p>"
    rows = [
        item,
        signed,
        Attendance.objects.filter(meeting=signed).first(),
        Decision.objects.filter(item=item).first(),
    ]
    for row in rows:
        with pytest.raises(RecordLocked), transaction.atomic():
            row.save()
        # Django deletes inside its own atomic block: a refusal there spoils the surrounding
        # transaction, so each attempt gets a savepoint as a request would roll back.
        refused = (RecordLocked, ProtectedError) if row is signed else RecordLocked
        with pytest.raises(refused), transaction.atomic():
            row.delete()
    with pytest.raises(RecordLocked), transaction.atomic():
        AgendaItem.objects.create(meeting=signed, title="New", position=99)
    assert AgendaItem.objects.get(pk=item.pk).minutes == "<p>Open discussion.</p>"


def test_bulk_update_and_delete_refused(signed):
    for attempt in (
        lambda: Meeting.objects.filter(pk=signed.pk).update(venue="Elsewhere"),
        lambda: AgendaItem.objects.filter(meeting=signed).update(title="x"),
        lambda: Decision.objects.filter(item__meeting=signed).delete(),
        lambda: Attendance.objects.filter(meeting=signed).update(category="absent"),
        lambda: Action.objects.filter(meeting=signed).update(description="changed"),
        lambda: ActionOwner.objects.filter(action__meeting=signed).delete(),
        lambda: AgendaItem.objects.bulk_update(list(signed.items.all()), ["title"]),
    ):
        with pytest.raises(RecordLocked), transaction.atomic():
            attempt()
    assert Meeting.objects.get(pk=signed.pk).venue == "Civic Centre"


def test_bulk_update_of_open_meetings_still_works(draft, body):
    assert AgendaItem.objects.filter(meeting=draft).update(purpose="discussion") == 7


def test_action_progress_may_change_after_signing_but_not_its_record(signed):
    action = Action.objects.get(meeting=signed, number=1)
    action.status = Action.Status.DONE
    action.closed_on = dt.date(2027, 1, 5)
    action.save()
    assert Action.objects.filter(meeting=signed).update(status="in_progress") == 2
    action.refresh_from_db()
    action.description = "Something else"
    with pytest.raises(RecordLocked):
        action.save()
    action.refresh_from_db()
    action.due_date = dt.date(2030, 1, 1)
    with pytest.raises(RecordLocked):
        action.save()
    with pytest.raises(RecordLocked):
        ActionOwner.objects.create(action=action, person=PersonFactory())


def test_record_still_intact_after_action_progress(signed):
    Action.objects.filter(meeting=signed).update(status="done")

    check = signed_record_check(signed)

    assert (check.verdict, [f.intact for f in check.findings]) == ("intact", [True, True, True])


def test_addendum_cannot_be_edited_or_deleted(signed, secretariat_user):
    addendum = lifecycle.addendum_add(meeting=signed, user=secretariat_user, text="Correction")
    addendum.text = "Different"
    with pytest.raises(RecordLocked):
        addendum.save()
    with pytest.raises(RecordLocked), transaction.atomic():
        addendum.delete()
    assert Addendum.objects.get(pk=addendum.pk).text == "Correction"


def test_admin_shows_message_instead_of_error(client, signed, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-12345-x")
    client.force_login(admin)
    item = signed.items.get(title="Strategy refresh")
    response = client.post(
        f"/admin/meetings/agendaitem/{item.pk}/change/",
        {
            "title": "Changed",
            "kind": "standard",
            "position": 1,
            "minutes": "x",
            "decisions-TOTAL_FORMS": 0,
            "decisions-INITIAL_FORMS": 0,
            "papers-TOTAL_FORMS": 0,
            "papers-INITIAL_FORMS": 0,
        },
        follow=True,
    )
    assert response.status_code == 403
    assert AgendaItem.objects.get(pk=item.pk).title == "Strategy refresh"
    response = client.get(f"/admin/meetings/agendaitem/{item.pk}/change/")
    assert [str(m) for m in response.context["messages"]] == [
        "These minutes are signed and can no longer be changed. Add an addendum for a correction."
    ]
    response = client.post(f"/admin/meetings/meeting/{signed.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Meeting.objects.filter(pk=signed.pk).exists()


def _edit_controls(response) -> dict:
    """What in the page's main content could change the record: forms that post, links into
    the drafting pages, fields to type into, and the buttons of the sign-off panel."""
    main = lxml.html.fromstring(response.content.decode()).xpath("//main")[0]
    panel = "//section[contains(@class, 'signoff-panel')]"
    return {
        "posting forms": [f.get("action") for f in main.xpath(".//form[@method='post']")],
        "drafting links": [a.get("href") for a in main.xpath(".//a[contains(@href, '/draft/')]")],
        "fields": [e.tag for e in main.xpath(".//textarea | .//select | .//input[@type='text']")],
        "panel controls": [
            " ".join(e.text_content().split())
            for e in main.xpath(f"{panel}//a[contains(@class, 'btn')] | {panel}//button")
        ],
    }


def test_review_page_offers_edit_controls_while_draft(client, draft, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("minutes_review", args=[draft.pk]))

    assert response.status_code == 200
    assert _edit_controls(response)["posting forms"] == [
        reverse("minutes_circulate", args=[draft.pk])
    ]


def test_review_page_offers_no_edit_controls_once_signed(client, signed, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("minutes_review", args=[signed.pk]))

    assert response.status_code == 200
    # Corrections after signing are dated addenda, so "Add an addendum" stays.
    assert _edit_controls(response) == {
        "posting forms": [],
        "drafting links": [],
        "fields": [],
        "panel controls": [
            "Add an addendum",
            "PDF (members)",
            "PDF (public)",
            "Word",
            "Agenda PDF",
        ],
    }


def test_circulating_signed_minutes_is_refused_with_a_message(client, signed, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(reverse("minutes_circulate", args=[signed.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Only draft minutes can be circulated; these are signed."
    ]
    assert Meeting.objects.get(pk=signed.pk).status == Meeting.Status.SIGNED


def test_signing_a_meeting_with_a_stale_instance_is_still_guarded(signed):
    stale = Meeting.objects.get(pk=signed.pk)
    stale.status = Meeting.Status.DRAFT
    with pytest.raises(RecordLocked):
        stale.save()


def test_second_chair_cannot_sign_again(signed, body):
    other = make_login(body, Membership.Role.VICE_CHAIR, name="Vic Vice")
    with pytest.raises(ValidationError):
        sign(signed, other)
