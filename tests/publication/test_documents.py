"""Public documents: the agenda as a tagged PDF (its structure tree read back with pypdf), and
the public version of signed minutes."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from .test_leaks import body_text


def structure_types(node, out: list[str]) -> list[str]:
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            structure_types(child, out)
    elif isinstance(node, DictionaryObject):
        if "/S" in node:
            out.append(str(node["/S"]))
        if "/K" in node:
            structure_types(node["/K"], out)
    return out


def test_public_agenda_is_a_tagged_pdf_with_headings_and_a_table(client, record):
    response = client.get(reverse("public_agenda_pdf", args=[record.upcoming.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]

    types = structure_types(root["/StructTreeRoot"]["/K"], [])

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert (bool(root["/MarkInfo"]["/Marked"]), str(root["/Lang"])) == (True, "en-GB")
    assert {"/H1", "/Table", "/TR", "/TH", "/TD"} <= set(types)
    assert reader.metadata.title == (
        f"Sunderland Innovation and Improvement Group: agenda, {record.upcoming.date:%-d %B %Y}"
    )


def test_public_agenda_lists_the_exempt_item_by_heading_only(client, record):
    text = " ".join(
        body_text(client.get(reverse("public_agenda_pdf", args=[record.upcoming.pk]))).split()
    )

    assert ("Digital inclusion" in text, "Paper A: Digital inclusion strategy" in text) == (
        True,
        True,
    )
    assert ("Contract award EXEMPT" in text, "Tender scores" in text) == (True, False)


def test_public_agenda_gives_the_exempt_items_paragraph_of_schedule_12a(client, record):
    from meetings.models import AgendaItem

    AgendaItem.objects.filter(meeting=record.upcoming, title="Contract award").update(
        exempt_paragraph=3
    )

    text = " ".join(
        body_text(client.get(reverse("public_agenda_pdf", args=[record.upcoming.pk]))).split()
    )

    assert "Contract award EXEMPT: PARAGRAPH 3 OF SCHEDULE 12A" in text


def test_public_minutes_pdf_is_the_copy_kept_at_signing(client, record):
    from records.models import RenderJob

    kept = RenderJob.objects.get(meeting=record.signed, kind="minutes_public", signed_copy=True)

    response = client.get(reverse("public_minutes_pdf", args=[record.signed.pk]))

    with kept.file.open("rb") as fh:
        assert b"".join(response.streaming_content) == fh.read()


def test_public_agenda_shows_an_exempt_item_as_number_heading_and_reason_only(
    client, record, people
):
    from meetings.models import AgendaItem
    from partners.rules import person_for

    AgendaItem.objects.filter(meeting=record.upcoming, title="Contract award").update(
        exempt_paragraph=3, purpose="decision", presenter=person_for(people.chair)
    )
    response = client.get(reverse("public_agenda_pdf", args=[record.upcoming.pk]))

    text = " ".join(body_text(response).split())
    rows = text.split("NO. ITEM LEAD ")[1].split(" Public agenda issued")[0]

    assert rows == (
        "1 Digital inclusion For decision Paper A: Digital inclusion strategy "
        "2 Contract award EXEMPT: PARAGRAPH 3 OF SCHEDULE 12A"
    )
