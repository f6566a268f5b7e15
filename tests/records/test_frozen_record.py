"""Signed minutes show their frozen record: renaming or removing what they name afterwards
changes nothing on the meeting page, the review page, the verify page, the PDFs or the DOCX."""

import hashlib
import io
import json

import lxml.html
import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from meetings.models import Attendance
from partners.models import Organisation
from partners.rules import person_for
from records.models import SignedRecord
from records.pdf import RECORD_ATTACHMENT
from records.selectors import meeting_record
from records.snapshot import canonical_text

from .conftest import move, sign


@pytest.fixture
def council(draft, member_user):
    """The member sits for "Sunderland City Council" on the register."""
    council = Organisation.objects.create(name="Sunderland City Council", acronym="SCC")
    Attendance.objects.filter(meeting=draft, person=person_for(member_user)).update(
        organisation=council
    )
    return council


@pytest.fixture
def signed(draft, chair_user, council):
    move(draft, "approved")
    return sign(draft, chair_user)


def _text(response, xpath: str) -> list[str]:
    page = lxml.html.fromstring(response.content.decode())
    return [" ".join(e.text_content().split()) for e in page.xpath(xpath)]


def _rename_everything(signed, chair_user, member_user, council):
    chair = person_for(chair_user)
    chair.name = "Jessica Renamed"
    chair.save()
    member = person_for(member_user)
    member.name = "Gillian Renamed"
    member.save()
    council.name = "Renamed Council"
    council.save()
    body = signed.body
    body.name = "Renamed Board"
    body.save()


def test_snapshot_holds_the_record_with_its_hash_signer_and_time(signed, chair_user):
    frozen = SignedRecord.objects.get(meeting=signed)
    chair_org = person_for(chair_user).organisation
    data = frozen.data

    assert (frozen.sha256, frozen.computed_sha256(), frozen.signed_by_name) == (
        signed.fingerprint,
        signed.fingerprint,
        "Jessica May",
    )
    assert frozen.canonical == canonical_text(data)
    assert frozen.signed_at == signed.signed_at
    assert data["attendance"][1]["person"]["name"] == "Gillian Gibson"
    assert data["attendance"][1]["organisation"] == {
        "name": "Sunderland City Council",
        "short_name": "SCC",
    }
    assert [(i["title"], i["confidential"]) for i in data["items"] if i["kind"] == "standard"] == [
        ("Strategy refresh", False),
        ("Staffing restructure", True),
    ]
    assert [
        (a["number"], a["description"], [o["name"] for o in a["owners"]]) for a in data["actions"]
    ] == [
        (1, "Circulate framework", ["Jessica May"]),
        (2, "Consult unions on severance", ["Una Unison"]),
    ]
    assert data["signature"] == {
        "by": {
            "id": signed.signed_by_id,
            "name": "Jessica May",
            "plain_name": "Jessica May",
            "initials": "JM",
            "organisation": {"name": chair_org.name, "short_name": chair_org.short_name},
        },
        "role": "Chair",
        "at": signed.signed_at.isoformat(),
    }


def test_renames_after_signing_change_nothing_shown(
    client, signed, chair_user, member_user, council
):
    pdf_before = hashlib.sha256(signed.signed_pdf.open("rb").read()).hexdigest()
    chair_org = person_for(chair_user).organisation.name
    _rename_everything(signed, chair_user, member_user, council)
    client.force_login(member_user)

    attendance = client.get(reverse("meeting_detail", args=[signed.pk]), {"tab": "attendance"})
    minutes = client.get(reverse("meeting_detail", args=[signed.pk]), {"tab": "minutes"})
    verify = client.get(reverse("verify_short", args=[signed.fingerprint[:16]]))
    review = client.get(reverse("minutes_review", args=[signed.pk]))
    client.force_login(chair_user)
    docx = Document(io.BytesIO(client.get(reverse("minutes_docx", args=[signed.pk])).content))

    assert _text(attendance, "//li[contains(@class, 'attendance-line')]") == [
        f"Jessica May (Chair) {chair_org} chaired the meeting",
        "Gillian Gibson Sunderland City Council",
    ]
    assert _text(minutes, "//p[contains(@class, 'meeting-body')]") == [
        "Sunderland Innovation and Improvement Group"
    ]
    assert _text(minutes, "//div[contains(@class, 'status-next')]") == [
        "Signed Signed by Jessica May on 25 November 2026. These minutes are the record and can "
        "no longer change.".replace(
            "25 November 2026", f"{signed.signed_at.astimezone():%-d %B %Y}"
        )
    ]
    assert _text(verify, "//div[@role='status']/p[1]") == [
        "Minutes of Sunderland Innovation and Improvement Group, meeting of Monday 9 November 2026."
    ]
    assert "Signed by <strong>Jessica May</strong>" in verify.content.decode()
    assert _text(review, "//td[@class='att-name']") == ["Jessica May (Chair)", "Gillian Gibson"]
    cells = [c.text for t in docx.tables for r in t.rows for c in r.cells]
    assert (cells[2], cells[3]) == ("Gillian Gibson", "Sunderland City Council")
    assert hashlib.sha256(signed.signed_pdf.open("rb").read()).hexdigest() == pdf_before


def test_a_draft_still_shows_names_as_they_are_now(client, draft, member_user, council):
    council.name = "Renamed Council"
    council.save()
    client.force_login(member_user)

    page = client.get(reverse("meeting_detail", args=[draft.pk]), {"tab": "attendance"})

    assert _text(page, "//li[contains(@class, 'attendance-line')]")[1] == (
        "Gillian Gibson Renamed Council"
    )


def test_deleting_an_organisation_on_a_signed_register_is_refused(signed, council):
    with pytest.raises(ProtectedError), transaction.atomic():
        council.delete()

    assert Attendance.objects.get(meeting=signed, organisation=council).organisation == council


def test_public_view_of_the_frozen_record_leaves_confidential_business_out(signed):
    members = meeting_record(meeting_id=signed.pk, include_confidential=True)
    public = meeting_record(meeting_id=signed.pk, include_confidential=False)
    secret = next(i for i in public.items if i.title == "Staffing restructure")

    assert [a.description for a in members.actions] == [
        "Circulate framework",
        "Consult unions on severance",
    ]
    assert [a.description for a in public.actions] == ["Circulate framework"]
    assert (secret.minutes, list(secret.decisions.all()), secret.item_actions) == ("", [], [])


def test_members_pdf_is_pdf_a_3b_with_the_record_attached(signed):
    reader = PdfReader(io.BytesIO(signed.signed_pdf.open("rb").read()))
    attached = reader.attachments[RECORD_ATTACHMENT][0]
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()

    assert json.loads(attached) == SignedRecord.objects.get(meeting=signed).data
    assert hashlib.sha256(attached).hexdigest() == signed.fingerprint
    # pyHanko rewrites the XMP packet when it signs and keeps the PDF/A identification.
    assert ('pdfaid:part="3"' in xmp, 'pdfaid:conformance="B"' in xmp) == (True, True)


def test_agenda_pack_of_a_signed_meeting_prints_from_the_frozen_record(
    client, signed, member_user, chair_user
):
    from .conftest import pdf_text

    person = person_for(chair_user)
    person.name = "Jessica Renamed"
    person.save()
    client.force_login(member_user)

    response = client.get(reverse("agenda_pdf", args=[signed.pk]))

    assert (response.status_code, "Strategy refresh" in pdf_text(response.content)) == (200, True)
    assert "Jessica Renamed" not in pdf_text(response.content)
