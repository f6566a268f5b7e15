"""Actions in the minutes carry their body-wide reference ("SIIG 2026/7") and, with nobody
named yet, say "To be confirmed": in the actions table of the PDF and the DOCX, in the item's
Action / Who column ("TBC"), and in the snapshot; once signed, the reference cannot change."""

import io

import pytest
from django.db import IntegrityError, connection, transaction
from docx import Document

from actions.models import Action
from records import pdf
from records.documents import minutes_context
from records.docx_export import minutes_docx
from records.models import SignedRecord
from tests.factories import ActionFactory

from .conftest import move, pdf_text, sign

REFERENCES = {1: "SIIG 2026/7", 2: "SIIG 2026/8", 3: "SIIG 2026/9"}


@pytest.fixture
def referenced(draft):
    """The draft's two actions and a third nobody owns yet, on the public item."""
    item = draft.items.get(title="Strategy refresh")
    ActionFactory(meeting=draft, item=item, number=3, description="Find a venue for June")
    for number, reference in REFERENCES.items():
        Action.objects.filter(meeting=draft, number=number).update(reference=reference)
    return draft


def _table(context):
    return [(a.number, a.reference, a.owners_text, a.who) for a in context["actions"]]


def test_actions_table_has_references_and_to_be_confirmed(referenced):
    members = minutes_context(referenced)
    public = minutes_context(referenced, public=True)
    strategy = next(i for i in members["items"] if i.title == "Strategy refresh")

    assert _table(members) == [
        (1, "SIIG 2026/7", "Jessica May", "JM"),
        (2, "SIIG 2026/8", "Una Unison", "UU"),
        (3, "SIIG 2026/9", "To be confirmed", "TBC"),
    ]
    assert _table(public) == [
        (1, "SIIG 2026/7", "Jessica May", "JM"),
        (3, "SIIG 2026/9", "To be confirmed", "TBC"),
    ]
    assert [(a.number, a.who) for a in strategy.actions] == [(1, "JM"), (3, "TBC")]


def test_pdf_prints_the_references_and_to_be_confirmed(referenced):
    text = pdf_text(pdf.minutes_pdf(referenced))

    assert [ref in text for ref in REFERENCES.values()] == [True, True, True]
    assert (
        "SIIG 2026/9 Find a venue for June (item 4) To be confirmed" in text,
        "A3 TBC" in text,
    ) == (
        True,
        True,
    )


def test_docx_actions_table_has_a_reference_column(referenced):
    doc = Document(io.BytesIO(minutes_docx(referenced)))
    table = doc.tables[-1]

    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["No.", "Reference", "Action", "Owner", "Due"],
        ["1", "SIIG 2026/7", "Circulate framework", "Jessica May", "—"],
        ["2", "SIIG 2026/8", "Consult unions on severance", "Una Unison", "—"],
        ["3", "SIIG 2026/9", "Find a venue for June", "To be confirmed", "—"],
    ]


@pytest.fixture
def signed(referenced, chair_user):
    move(referenced, "approved")
    return sign(referenced, chair_user)


def test_snapshot_holds_references_and_no_owner(signed):
    data = SignedRecord.objects.get(meeting=signed).data

    assert [
        (a["number"], a["reference"], [o["name"] for o in a["owners"]]) for a in data["actions"]
    ] == [
        (1, "SIIG 2026/7", ["Jessica May"]),
        (2, "SIIG 2026/8", ["Una Unison"]),
        (3, "SIIG 2026/9", []),
    ]
    assert _table(minutes_context(signed))[2] == (3, "SIIG 2026/9", "To be confirmed", "TBC")
    assert "SIIG 2026/9 Find a venue for June (item 4) To be confirmed" in pdf_text(
        signed.signed_pdf.open("rb").read()
    )


def test_reference_of_a_signed_action_cannot_change(signed):
    action = Action.objects.get(meeting=signed, number=1)

    with pytest.raises(IntegrityError) as exc, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE actions_action SET reference = 'SIIG 2026/99' WHERE id = %s", [action.pk]
        )

    assert str(exc.value).splitlines()[0] == (
        "These minutes are signed and can no longer be changed (UPDATE on actions_action). Add "
        "an addendum for a correction."
    )
