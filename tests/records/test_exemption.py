"""The public version of the minutes prints an exempt item's number and heading and why it is
exempt ("Exempt: paragraph 3 of Schedule 12A", "Exempt: <reason>") in place of its content; the
members' version says why beside the content; the snapshot keeps the reason."""

import io

import pytest
from docx import Document

from meetings import services
from meetings.rules import exemption_text
from records import pdf
from records.documents import PRIVATE_LINE, minutes_context
from records.docx_export import minutes_docx
from records.models import SignedRecord
from records.selectors import meeting_record

from .conftest import move, pdf_text, sign


@pytest.fixture
def exempt(draft):
    """Item 5 exempt under paragraph 3 (with a sub-item that inherits it), item 6 for a reason,
    item 7 confidential with no reason recorded (as imported minutes are)."""
    secret = draft.items.get(title="Staffing restructure")
    services.item_update(item=secret, title=secret.title, confidential=True, exempt_paragraph=3)
    services.item_add(
        meeting=draft, title="Severance terms", parent=secret, minutes="<p>Terms.</p>"
    )
    services.item_add(
        meeting=draft,
        title="Land sale",
        confidential=True,
        exempt_reason="Commercially sensitive",
        minutes="<p>Offer of 2.1m.</p>",
    )
    services.item_add(
        meeting=draft, title="Legal claim", confidential=True, minutes="<p>Claim.</p>"
    )
    return draft


def _confidential(context):
    return [
        (i.number, i.title, i.private, i.exemption, i.minutes)
        for i in context["items"]
        if i.confidential
    ]


def test_public_version_prints_why_in_place_of_the_content(exempt):
    assert _confidential(minutes_context(exempt, public=True)) == [
        ("5", "Staffing restructure", True, "Exempt: paragraph 3 of Schedule 12A", ""),
        ("5.1", "Severance terms", True, "Exempt: paragraph 3 of Schedule 12A", ""),
        ("6", "Land sale", True, "Exempt: Commercially sensitive", ""),
        ("7", "Legal claim", True, PRIVATE_LINE, ""),
    ]


def test_members_version_says_why_beside_the_content(exempt):
    assert _confidential(minutes_context(exempt)) == [
        (
            "5",
            "Staffing restructure",
            False,
            "Exempt: paragraph 3 of Schedule 12A",
            "<p>Redundancy costs of 420000 pounds were discussed.</p>",
        ),
        ("5.1", "Severance terms", False, "Exempt: paragraph 3 of Schedule 12A", "<p>Terms.</p>"),
        ("6", "Land sale", False, "Exempt: Commercially sensitive", "<p>Offer of 2.1m.</p>"),
        ("7", "Legal claim", False, "", "<p>Claim.</p>"),
    ]


def test_public_pdf_and_docx_print_number_heading_and_exemption_only(exempt):
    text = pdf_text(pdf.minutes_pdf(exempt, public=True))
    doc = Document(io.BytesIO(minutes_docx(exempt, public=True)))
    cells = {
        row.cells[0].text: [p.text for p in row.cells[1].paragraphs] for row in doc.tables[-2].rows
    }

    assert [
        "5 Staffing restructure Exempt: paragraph 3 of Schedule 12A" in text,
        "6 Land sale Exempt: Commercially sensitive" in text,
        "7 Legal claim This item was considered in private." in text,
    ] == [True, True, True]
    assert [s in text for s in ("420000", "Terms.", "2.1m", "Claim.", "severance")] == [False] * 5
    assert [cells["5"], cells["5.1"], cells["6"], cells["7"]] == [
        ["Staffing restructure", "Exempt: paragraph 3 of Schedule 12A"],
        ["Severance terms", "Exempt: paragraph 3 of Schedule 12A"],
        ["Land sale", "Exempt: Commercially sensitive"],
        ["Legal claim", PRIVATE_LINE],
    ]


@pytest.fixture
def signed(exempt, chair_user):
    move(exempt, "approved")
    return sign(exempt, chair_user)


def test_snapshot_keeps_why_each_item_is_exempt(signed):
    data = SignedRecord.objects.get(meeting=signed).data
    record = meeting_record(meeting_id=signed.pk, include_confidential=False)

    assert sorted(
        (i["number"], i["exempt_paragraph"], i["exempt_reason"])
        for i in data["items"]
        if i["confidential"]
    ) == [("5", 3, ""), ("5.1", 3, ""), ("6", None, "Commercially sensitive"), ("7", None, "")]
    assert [(n.item.number, exemption_text(n.item)) for n in record.flat_items()][4:8] == [
        ("5", "Exempt: paragraph 3 of Schedule 12A"),
        ("5.1", "Exempt: paragraph 3 of Schedule 12A"),
        ("6", "Exempt: Commercially sensitive"),
        ("7", "Exempt"),
    ]


def test_signed_public_pdf_prints_the_exemption(signed):
    public = signed.render_jobs.get(signed_copy=True)
    text = pdf_text(public.file.open("rb").read())

    assert (
        "5 Staffing restructure Exempt: paragraph 3 of Schedule 12A" in text,
        "420000" in text,
    ) == (True, False)
