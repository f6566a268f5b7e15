"""PostgreSQL itself refuses changes to a signed record, whatever the path: the ORM's save and
delete, bulk_create and upserts, _base_manager updates that skip our querysets, raw SQL, the
admin. Action progress stays free; addenda stay the way to add to signed minutes."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from actions.models import Action, ActionOwner
from meetings.errors import RecordLocked
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MinutesApproval,
    Paper,
)
from meetings.services import meeting_create
from records import services as lifecycle
from records.models import RenderJob, SignedRecord
from tests.factories import PersonFactory

from .conftest import move, sign

REFUSED = "These minutes are signed and can no longer be changed ({op} on {table}). Add an addendum for a correction."


@pytest.fixture
def signed(draft, chair_user):
    move(draft, "approved")
    return sign(draft, chair_user)


def refusal(attempt) -> str:
    """The database's refusal of ``attempt``: the first line of its error."""
    with pytest.raises(IntegrityError) as exc, transaction.atomic():
        attempt()
    return str(exc.value).splitlines()[0]


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_raw_sql_is_refused_on_every_table_of_the_record(signed):
    item = signed.items.get(title="Strategy refresh")
    action = Action.objects.get(meeting=signed, number=1)
    attempts = {
        ("UPDATE", "meetings_meeting"): (
            "UPDATE meetings_meeting SET venue = 'x' WHERE id = %s",
            signed.pk,
        ),
        ("DELETE", "meetings_meeting"): ("DELETE FROM meetings_meeting WHERE id = %s", signed.pk),
        ("UPDATE", "meetings_agendaitem"): (
            "UPDATE meetings_agendaitem SET title = 'x' WHERE id = %s",
            item.pk,
        ),
        ("DELETE", "meetings_agendaitem"): (
            "DELETE FROM meetings_agendaitem WHERE id = %s",
            item.pk,
        ),
        ("UPDATE", "meetings_attendance"): (
            "UPDATE meetings_attendance SET note = 'x' WHERE meeting_id = %s",
            signed.pk,
        ),
        ("DELETE", "meetings_decision"): (
            "DELETE FROM meetings_decision WHERE item_id = %s",
            item.pk,
        ),
        ("UPDATE", "actions_action"): (
            "UPDATE actions_action SET description = 'x' WHERE id = %s",
            action.pk,
        ),
        ("UPDATE", "actions_actionowner"): (
            "UPDATE actions_actionowner SET position = 9 WHERE action_id = %s",
            action.pk,
        ),
        ("UPDATE", "records_signedrecord"): (
            "UPDATE records_signedrecord SET canonical = '{}' WHERE meeting_id = %s",
            signed.pk,
        ),
        ("DELETE", "records_signedrecord"): (
            "DELETE FROM records_signedrecord WHERE meeting_id = %s",
            signed.pk,
        ),
        ("UPDATE", "records_renderjob"): (
            "UPDATE records_renderjob SET sha256 = 'x' WHERE signed_copy AND meeting_id = %s",
            signed.pk,
        ),
    }

    refused = {
        key: refusal(lambda s=statement, p=pk: sql(s, [p]))
        for key, (statement, pk) in attempts.items()
    }

    assert refused == {(op, table): REFUSED.format(op=op, table=table) for op, table in attempts}
    assert Meeting.objects.get(pk=signed.pk).venue == "Civic Centre"


def test_bulk_create_upsert_and_base_manager_are_refused(signed):
    item = signed.items.get(title="Strategy refresh")
    person = PersonFactory()
    attendance = Attendance.objects.filter(meeting=signed).first()

    refused = [
        refusal(lambda: AgendaItem.objects.bulk_create([AgendaItem(meeting=signed, title="New")])),
        refusal(lambda: Decision.objects.bulk_create([Decision(item=item, text="<p>x</p>")])),
        refusal(lambda: Paper.objects.bulk_create([Paper(item=item, reference="Paper 9")])),
        refusal(
            lambda: Declaration.objects.bulk_create(
                [Declaration(meeting=signed, person=person, interest="x")]
            )
        ),
        refusal(
            lambda: Attendance.objects.bulk_create(
                [Attendance(pk=attendance.pk, meeting=signed, person=attendance.person, note="x")],
                update_conflicts=True,
                unique_fields=["id"],
                update_fields=["note"],
            )
        ),
        refusal(lambda: Meeting._base_manager.filter(pk=signed.pk).update(venue="Elsewhere")),
        refusal(lambda: AgendaItem._base_manager.filter(meeting=signed).update(title="x")),
        refusal(
            lambda: Action._base_manager.filter(meeting=signed).update(due_date=dt.date(2030, 1, 1))
        ),
        # A raw delete skips the pre_delete signals as well.
        refusal(
            lambda: ActionOwner._base_manager.filter(action__meeting=signed)._raw_delete("default")
        ),
        refusal(
            lambda: Action.objects.bulk_create(
                [Action(meeting=signed, number=3, description="Sneaked in")]
            )
        ),
    ]

    assert [r.split(" (")[0] for r in refused] == [REFUSED.split(" (")[0]] * 10
    assert AgendaItem.objects.filter(meeting=signed, title="New").exists() is False


def test_orm_save_is_refused_before_the_database_and_by_it(signed):
    item = AgendaItem.objects.get(meeting=signed, title="Strategy refresh")
    item.title = "Changed"

    with pytest.raises(RecordLocked), transaction.atomic():
        item.save()
    # With the model signals out of the way (as a raw save is), PostgreSQL still says no.
    assert refusal(lambda: item.save_base(raw=True)) == REFUSED.format(
        op="UPDATE", table="meetings_agendaitem"
    )


def test_snapshot_and_signed_copy_cannot_be_replaced(signed):
    frozen = SignedRecord.objects.get(meeting=signed)

    assert refusal(
        lambda: SignedRecord.objects.bulk_create(
            [
                SignedRecord(
                    meeting=signed,
                    version=2,
                    canonical="{}",
                    sha256="0" * 64,
                    signed_by_name="x",
                    signed_at=frozen.signed_at,
                )
            ]
        )
    ) == REFUSED.format(op="INSERT", table="records_signedrecord")
    assert refusal(
        lambda: RenderJob._base_manager.filter(meeting=signed, signed_copy=True).delete()
    ) == REFUSED.format(op="DELETE", table="records_renderjob")


def test_action_progress_stays_free_in_the_database(signed):
    sql(
        "UPDATE actions_action SET status = 'done', closed_on = '2027-01-05' WHERE meeting_id = %s",
        [signed.pk],
    )

    assert sorted(Action.objects.filter(meeting=signed).values_list("status", flat=True)) == [
        "done",
        "done",
    ]


def test_addenda_still_added_to_signed_minutes(signed, secretariat_user):
    addendum = lifecycle.addendum_add(meeting=signed, user=secretariat_user, text="Late correction")

    assert refusal(
        lambda: sql("UPDATE records_addendum SET text = 'x' WHERE id = %s", [addendum.pk])
    ) == (REFUSED.format(op="UPDATE", table="records_addendum"))


def test_signed_minutes_cannot_be_rejected_or_their_approval_removed_in_the_database(signed, body):
    later = meeting_create(body=body, date=dt.date(2026, 11, 20))
    approval = lifecycle.minutes_approval_record(meeting=later, previous_meeting=signed)
    message = (
        "These minutes are signed: they cannot be rejected or corrected, and the approval they "
        "cite cannot be removed ({op} on meetings_minutesapproval). Add an addendum for a "
        "correction."
    )

    assert refusal(
        lambda: MinutesApproval._base_manager.filter(pk=approval.pk).update(outcome="not_approved")
    ) == message.format(op="UPDATE")
    assert refusal(
        lambda: MinutesApproval._base_manager.filter(pk=approval.pk)._raw_delete("default")
    ) == message.format(op="DELETE")
    with pytest.raises(lifecycle.TransitionRefused) as exc:
        lifecycle.minutes_approval_record(
            meeting=later, previous_meeting=signed, outcome=MinutesApproval.Outcome.NOT_APPROVED
        )
    assert exc.value.messages == [
        "These minutes are already signed: they cannot be rejected or corrected now. Add an "
        "addendum to the signed minutes instead."
    ]


def test_admin_cannot_change_a_signed_attendance_row(client, signed, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-12345-x")
    client.force_login(admin)
    row = Attendance.objects.filter(meeting=signed).first()

    response = client.post(f"/admin/meetings/attendance/{row.pk}/change/", {"note": "x"})

    assert (response.status_code, Attendance.objects.get(pk=row.pk).note) == (403, "")
