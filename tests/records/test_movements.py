"""Several arrivals and departures per person: the minutes print "(A joined the meeting)" before
each item someone joined during and "(B left the meeting)" after each item someone left after,
as a draft and as signed; the snapshot holds every movement; an older snapshot (the first
arrival and final departure only) still rebuilds; the database refuses movements of a signed
meeting like the rest of its register."""

import io
import json

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from docx import Document

from meetings.errors import RecordLocked
from meetings.models import Attendance, Movement
from meetings.services import attendance_record, attendance_update
from records.documents import minutes_context
from records.models import SignedRecord
from records.selectors import meeting_record
from records.snapshot import canonical_text
from records.triggers import signed_guard_lifted
from tests.factories import PersonFactory

from .conftest import move, pdf_text, sign

REFUSED = (
    "These minutes are signed and can no longer be changed ({op} on meetings_movement). Add an "
    "addendum for a correction."
)
JOINED = "(Carol Harries joined the meeting)"
BOTH_LEFT = "(Carol Harries and Bob Brown left the meeting)"


@pytest.fixture
def comings_and_goings(draft):
    """Carol joins during item 2, leaves after item 4 and is back during item 6; Bob is there
    from the start and leaves after item 4."""
    items = {i.number: i for i in draft.items.all()}
    carol = attendance_record(
        meeting=draft, person=PersonFactory(name="Carol Harries"), category="present"
    )
    bob = attendance_record(
        meeting=draft, person=PersonFactory(name="Bob Brown"), category="present"
    )
    attendance_update(attendance=carol, arrivals=[items["6"], items["2"]], departures=[items["4"]])
    attendance_update(attendance=bob, departures=[items["4"]])
    return draft


@pytest.fixture
def signed(comings_and_goings, chair_user):
    move(comings_and_goings, "approved")
    return sign(comings_and_goings, chair_user)


def _notes(meeting, **kwargs):
    return [
        (i.number, i.notes_before, i.notes_after)
        for i in minutes_context(meeting, **kwargs)["items"]
        if i.notes_before or i.notes_after
    ]


EXPECTED_NOTES = [
    ("2", [JOINED], []),
    ("4", [], [BOTH_LEFT]),
    ("6", [JOINED], []),
]


def test_draft_minutes_print_every_arrival_and_departure(comings_and_goings):
    assert _notes(comings_and_goings) == EXPECTED_NOTES


def test_register_keeps_the_first_arrival_and_the_final_departure(comings_and_goings):
    rows = Attendance.objects.filter(person__name__in=["Carol Harries", "Bob Brown"])

    assert sorted(
        (
            a.person.name,
            a.arrived_during.number if a.arrived_during else None,
            a.left_after.number if a.left_after else None,
        )
        for a in rows
    ) == [("Bob Brown", None, "4"), ("Carol Harries", "2", None)]


def test_snapshot_holds_every_movement_in_agenda_order(signed):
    data = SignedRecord.objects.get(meeting=signed).data
    number = {i["id"]: i["number"] for i in data["items"]}

    assert data["version"] == 3
    assert [
        (a["person"]["name"], [(m["kind"], number[m["item"]]) for m in a["movements"]])
        for a in data["attendance"]
    ] == [
        ("Jessica May", []),
        ("Gillian Gibson", []),
        ("Carol Harries", [("joined", "2"), ("left", "4"), ("joined", "6")]),
        ("Bob Brown", [("left", "4")]),
    ]


def test_signed_minutes_print_the_movements_from_the_snapshot(signed, client, chair_user):
    # Gone from the rows (as a tamperer with the guard off might do): the record shows them still.
    with signed_guard_lifted():
        Movement.objects.filter(attendance__meeting=signed).delete()
    client.force_login(chair_user)
    docx = Document(io.BytesIO(client.get(reverse("minutes_docx", args=[signed.pk])).content))
    docx_lines = [p.text for t in docx.tables for r in t.rows for p in r.cells[1].paragraphs]
    pdf = pdf_text(signed.signed_pdf.open("rb").read())

    assert _notes(signed) == EXPECTED_NOTES
    assert [line for line in docx_lines if line.startswith("(")] == [JOINED, BOTH_LEFT, JOINED]
    assert (pdf.count(JOINED), pdf.count(BOTH_LEFT)) == (2, 1)


def test_meeting_page_lists_each_persons_movements(client, signed, member_user):
    client.force_login(member_user)

    response = client.get(reverse("meeting_detail", args=[signed.pk]), {"tab": "attendance"})
    lines = {a.person.display_name: a for a in response.context["record"].attendances}

    assert [
        (m.get_kind_display(), m.item.number) for m in lines["Carol Harries"].movements_in_order
    ] == [("Joined during", "2"), ("Left after", "4"), ("Joined during", "6")]
    assert (
        "<span>joined during item 2</span><span>left after item 4</span>"
        "<span>joined during item 6</span>"
    ) in response.content.decode()


def test_version_2_snapshot_rebuilds_from_first_arrival_and_final_departure(signed):
    """Signed before movements were recorded: the snapshot has ``arrived_during`` and
    ``left_after`` only, no exemption and no action references."""
    frozen = SignedRecord.objects.get(meeting=signed)
    data = frozen.data
    data["version"] = 2
    for row in data["attendance"]:
        del row["movements"]
    for row in data["items"]:
        del row["exempt_paragraph"], row["exempt_reason"]
    for row in data["actions"]:
        del row["reference"]
    with signed_guard_lifted(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_signedrecord SET canonical = %s WHERE id = %s",
            [canonical_text(data), frozen.pk],
        )

    record = meeting_record(meeting_id=signed.pk)

    assert _notes(signed) == [
        ("2", [JOINED], []),
        ("4", [], ["(Bob Brown left the meeting)"]),
    ]
    assert [(a.number, a.reference) for a in record.actions] == [
        (1, signed.actions.get(number=1).reference),
        (2, signed.actions.get(number=2).reference),
    ]
    assert [(i.exempt_paragraph, i.exempt_reason) for i in record.items if i.confidential] == [
        (None, "")
    ]
    assert json.loads(SignedRecord.objects.get(pk=frozen.pk).canonical)["version"] == 2


def _refusal(statement: str, params) -> str:
    with pytest.raises(IntegrityError) as exc, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
    return str(exc.value).splitlines()[0]


def test_database_refuses_movements_of_a_signed_meeting(signed):
    movement = Movement.objects.filter(attendance__meeting=signed).first()
    item = signed.items.get(number="5")
    chair_row = Attendance.objects.get(meeting=signed, chaired=True)

    refused = [
        _refusal("UPDATE meetings_movement SET item_id = %s WHERE id = %s", [item.pk, movement.pk]),
        _refusal("DELETE FROM meetings_movement WHERE id = %s", [movement.pk]),
        _refusal(
            "INSERT INTO meetings_movement (attendance_id, kind, item_id) VALUES (%s, 'left', %s)",
            [chair_row.pk, item.pk],
        ),
    ]

    assert refused == [REFUSED.format(op=op) for op in ("UPDATE", "DELETE", "INSERT")]
    assert Movement.objects.filter(attendance__meeting=signed).count() == 4


def test_orm_and_bulk_writes_of_a_signed_meetings_movements_are_refused(signed):
    movement = Movement.objects.filter(attendance__meeting=signed).first()
    chair_row = Attendance.objects.get(meeting=signed, chaired=True)
    item = signed.items.get(number="5")

    with pytest.raises(RecordLocked), transaction.atomic():
        movement.delete()
    with pytest.raises(RecordLocked), transaction.atomic():
        Movement.objects.create(attendance=chair_row, kind="left", item=item)
    with pytest.raises(IntegrityError) as bulk, transaction.atomic():
        Movement.objects.bulk_create([Movement(attendance=chair_row, kind="left", item=item)])

    assert str(bulk.value).splitlines()[0] == REFUSED.format(op="INSERT")
