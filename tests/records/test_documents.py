import html
import io

import lxml.html
import pytest
from pypdf import PdfReader

from actions.models import ActionOwner
from meetings.models import AgendaItem, Attendance, Decision
from meetings.text import plain_text
from records import pdf
from records.documents import PRIVATE_LINE

from .conftest import move, pdf_text, sign, squash


def _letters(value: str) -> str:
    return "".join(c for c in value.lower() if c.isalnum())


@pytest.fixture
def seeds(db):
    loader = pytest.importorskip("portal.demo.loader")
    return loader.demo_load().meetings


def test_seed_minutes_pdf_contains_every_attendee_item_decision_and_owner(seeds):
    assert len(seeds) == 3
    for meeting in seeds.values():
        text = pdf_text(pdf.minutes_pdf(meeting))
        expected = {a.person.display_name for a in Attendance.objects.filter(meeting=meeting)}
        expected |= {squash(i.title) for i in AgendaItem.objects.filter(meeting=meeting)}
        expected |= {
            squash(html.unescape(plain_text(d.text)))
            for d in Decision.objects.filter(item__meeting=meeting)
        }
        for owner in ActionOwner.objects.filter(action__meeting=meeting):
            expected.add(
                str(owner.owner if not owner.organisation_id else owner.organisation.short_name)
            )
        # Compare letters and digits only: list markers, quotes and line breaks differ in print.
        flat = _letters(text)
        missing = sorted(e for e in expected if _letters(e) not in flat)
        assert missing == [], meeting


def test_public_version_has_no_confidential_text(draft):
    text = pdf_text(pdf.minutes_pdf(draft, public=True))
    assert ("Staffing restructure" in text, PRIVATE_LINE in text) == (True, True)
    for secret in ("420000", "severance", "Consult unions", "Una Unison"):
        assert secret not in text
    members = pdf_text(pdf.minutes_pdf(draft))
    assert ("420000" in members, "Una Unison" in members) == (True, True)


def test_draft_pdf_is_marked_draft_on_every_page_with_page_numbers(draft):
    reader = PdfReader(io.BytesIO(pdf.minutes_pdf(draft)))
    pages = [squash(p.extract_text()) for p in reader.pages]
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "Draft: not yet approved" in page


def test_signed_pdf_carries_signature_fingerprint_and_same_bytes_every_time(
    client, draft, chair_user, member_user
):
    move(draft, "approved")
    signed = sign(draft, chair_user)
    client.force_login(member_user)
    first = b"".join(client.get(f"/meetings/{signed.pk}/minutes.pdf").streaming_content)
    second = b"".join(client.get(f"/meetings/{signed.pk}/minutes.pdf").streaming_content)
    assert first == second
    assert __import__("hashlib").sha256(first).hexdigest() == signed.signed_pdf_sha256
    text = pdf_text(first)
    assert "Signed (Chair) Jessica May Date" in text
    assert signed.fingerprint[:16] in text.replace(" ", "")
    public = b"".join(client.get(f"/meetings/{signed.pk}/minutes-public.pdf").streaming_content)
    again = b"".join(client.get(f"/meetings/{signed.pk}/minutes-public.pdf").streaming_content)
    assert (public == again, "420000" in pdf_text(public)) == (True, False)


def test_verify_page_for_real_and_forged_fingerprints(client, draft, chair_user):
    move(draft, "approved")
    signed = sign(draft, chair_user)
    response = client.get(f"/v/{signed.fingerprint[:16]}/")
    assert response.status_code == 200
    assert response.context["found"] == signed
    assert "Signed by <strong>Jessica May</strong>" in response.content.decode()
    forged = ("0" if signed.fingerprint[0] != "0" else "1") + signed.fingerprint[1:]
    response = client.get("/verify/", {"code": forged})
    assert (response.status_code, response.context["found"], response.context["checked"]) == (
        200,
        None,
        True,
    )
    assert "No signed minutes have this fingerprint." in response.content.decode()


def test_docx_export_has_items_and_actions(draft, client, secretariat_user):
    from docx import Document

    client.force_login(secretariat_user)
    response = client.get(f"/meetings/{draft.pk}/minutes.docx")
    doc = Document(io.BytesIO(response.content))
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert ("Strategy refresh" in cells, "Circulate framework" in cells) == (True, True)


def test_agenda_pack_appends_pdf_papers_with_continuous_numbers(draft, client, member_user):
    from django.core.files.base import ContentFile

    from meetings.models import Paper

    one_page = pdf.minutes_pdf(draft, public=True)
    item = draft.items.get(title="Strategy refresh")
    paper = Paper(item=item, reference="Paper 2", title="Framework", original_name="p2.pdf")
    paper.file.save("p2.pdf", ContentFile(one_page), save=True)
    client.force_login(member_user)
    data = client.get(f"/meetings/{draft.pk}/agenda.pdf").content
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    paper_pages = len(PdfReader(io.BytesIO(one_page)).pages)
    last = squash(reader.pages[-1].extract_text())
    assert f"Page {total} of {total}" in last
    # The agenda's own pages count the whole pack too, not just themselves.
    assert squash(reader.pages[0].extract_text()).endswith(f"Page 1 of {total}")
    assert total > paper_pages
    assert "Paper 2: Framework" in pdf_text(data)


def test_review_page_query_count_is_fixed(client, draft, secretariat_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.services import item_add

    def review():
        """The query count of the review page, and the items its document shows."""
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/meetings/{draft.pk}/minutes/review/")
        assert response.status_code == 200
        items = lxml.html.fromstring(response.content.decode()).xpath(
            "//section[@class='doc-items']//div[starts-with(@id, 'item-')]"
        )
        return len(ctx), len(items)

    # The secretariat reads the draft (members read it once circulated).
    client.force_login(secretariat_user)
    client.get(f"/meetings/{draft.pk}/minutes/review/")
    small_count, small_items = review()
    for n in range(6):
        item_add(meeting=draft, title=f"Extra {n}", minutes="<p>More</p>")
    large_count, large_items = review()

    # The draft's seven items (five standing ones), then six more.
    assert (small_count, small_items, large_items) == (large_count, 7, 13)


def test_next_meeting_printed_is_the_one_then_arranged_and_frozen_at_signing(
    draft, body, chair_user
):
    import datetime as dt

    from meetings.models import Meeting
    from meetings.services import meeting_create
    from records.documents import minutes_context

    for day in (dt.date(2026, 12, 14), dt.date(2027, 1, 11)):
        meeting_create(body=body, date=day, start_time=dt.time(13), venue="Civic Centre")
    before = [m.date for m in minutes_context(draft)["next_meetings"]]
    move(draft, "approved")
    signed = sign(draft, chair_user)
    meeting_create(body=body, date=dt.date(2026, 12, 1))  # arranged after signing
    Meeting.objects.filter(date=dt.date(2026, 12, 14)).update(venue="Moved")

    after = minutes_context(signed)["next_meetings"]

    assert before == [dt.date(2026, 12, 14)]
    assert [(m.date, m.venue) for m in after] == [(dt.date(2026, 12, 14), "Civic Centre")]


def test_next_meeting_item_with_words_is_what_the_minutes_recorded(draft, body):
    import datetime as dt

    from meetings.models import AgendaItem
    from meetings.services import meeting_create
    from records.documents import minutes_context

    meeting_create(body=body, date=dt.date(2026, 12, 14))
    AgendaItem.objects.filter(meeting=draft, kind=AgendaItem.Kind.NEXT_MEETING).update(
        minutes="<p>Monday 11 January 2027 at 1pm.</p>"
    )

    assert minutes_context(draft)["next_meetings"] == []
