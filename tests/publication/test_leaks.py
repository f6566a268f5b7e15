"""Nothing confidential, unsigned, unpublished or of a body that does not publish reaches the
public: every page, feed, file and API response anyone can reach without logging in is fetched
(by following links from the public home page and the API's System object) and searched for the
marker words the record hides (see conftest)."""

from __future__ import annotations

import io
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

from django.urls import reverse
from pypdf import PdfReader

from meetings.models import AgendaItem

from .conftest import DRAFT, EARLY, HIDDEN, MARKERS, SECRET

PUBLIC_PREFIXES = ("/public/", "/api/oparl/")
HREF = re.compile(r'href="([^"]+)"')


def body_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(content))
        return " ".join(page.extract_text() or "" for page in reader.pages)
    return content.decode("utf-8", errors="replace")


def links(url: str, text: str, content_type: str) -> list[str]:
    if content_type.startswith("text/html"):
        found = [unescape(h) for h in HREF.findall(text)]
    elif content_type.startswith("application/json"):
        found = re.findall(r'"(http://testserver/[^"]+)"', text)
    elif content_type.startswith("text/calendar"):
        found = re.findall(r"http://testserver/[^\s\r\n]+", text.replace("\r\n ", ""))
    else:
        found = []
    out = []
    for href in found:
        parts = urlsplit(urljoin("http://testserver" + url, href))
        if parts.netloc in ("testserver", "127.0.0.1:8000") and parts.path.startswith(
            PUBLIC_PREFIXES
        ):
            out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def crawl(client) -> dict[str, str]:
    """Path -> text of everything reachable from the two public entry points."""
    todo = [reverse("public_home"), reverse("oparl_system")]
    pages: dict[str, str] = {}
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        text = body_text(response)
        pages[url] = text
        todo.extend(u for u in links(url, text, response["Content-Type"]) if u not in pages)
    return pages


def test_no_public_page_feed_file_or_api_response_holds_hidden_content(client, record):
    pages = crawl(client)

    leaks = sorted(
        (url, marker) for url, text in pages.items() for marker in MARKERS if marker in text
    )
    assert leaks == []
    # The crawl did reach every kind of public response, including the signed minutes (their
    # HTML, the PDF frozen at signing), the agenda PDF, papers, the calendar and the API.
    signed, upcoming = record.signed.pk, record.upcoming.pk
    paper = record.open_item.papers.get()
    reached = {
        reverse("public_meeting", args=[signed]) + "?tab=minutes",
        reverse("public_minutes_pdf", args=[signed]),
        reverse("public_agenda_pdf", args=[upcoming]),
        reverse("public_paper_download", args=[paper.pk]),
        reverse("public_body_calendar", args=["siig"]),
        reverse("public_attendance", args=["siig"]),
        reverse("public_decisions", args=["siig"]),
        reverse("oparl_body_files", args=[record.signed.body_id]),
    }
    assert reached - set(pages) == set()
    # And what it read is the real record: the open parts are there.
    minutes = pages[reverse("public_meeting", args=[signed]) + "?tab=minutes"]
    assert ("The outcomes framework was agreed." in minutes, "Staffing restructure" in minutes) == (
        True,
        True,
    )
    assert (
        "The outcomes framework was agreed." in pages[reverse("public_minutes_pdf", args=[signed])]
    )


def test_search_finds_nothing_hidden(client, record):
    for marker in MARKERS:
        response = client.get(reverse("public_search"), {"q": marker})
        assert (marker, response.context["results"].total) == (marker, 0)


def test_decisions_register_search_finds_nothing_hidden(client, record):
    for marker in (SECRET, DRAFT):
        response = client.get(reverse("public_decisions", args=["siig"]), {"q": marker})
        assert (marker, list(response.context["page"].object_list)) == (marker, [])


def test_hidden_things_answer_404_by_their_own_addresses(client, record):
    secret_paper = record.secret.papers.get()
    tender = record.upcoming_secret.papers.get()
    early_paper = AgendaItem.objects.get(meeting=record.later).papers.get()
    urls = [
        reverse("public_paper_download", args=[secret_paper.pk]),
        reverse("public_paper_download", args=[tender.pk]),
        reverse("public_paper_download", args=[early_paper.pk]),
        reverse("public_agenda_pdf", args=[record.later.pk]),
        reverse("public_minutes_pdf", args=[record.drafted.pk]),
        reverse("public_minutes_pdf", args=[record.circulated.pk]),
        reverse("public_minutes_pdf", args=[record.upcoming.pk]),
        reverse("public_meeting", args=[record.private_meeting.pk]),
        reverse("public_body", args=[record.private_body.slug]),
        reverse("public_body_calendar", args=[record.private_body.slug]),
        reverse("public_decisions", args=[record.private_body.slug]),
        reverse("public_attendance", args=[record.private_body.slug]),
        reverse("oparl_file", args=[f"paper-{secret_paper.pk}"]),
        reverse("oparl_file", args=[f"minutes-{record.drafted.pk}"]),
        reverse("oparl_file", args=[f"agenda-{record.later.pk}"]),
    ]
    assert [(u, client.get(u).status_code) for u in urls] == [(u, 404) for u in urls]


def test_unsigned_minutes_are_never_shown_even_when_asked_for(client, record):
    for meeting in (record.drafted, record.circulated):
        response = client.get(reverse("public_meeting", args=[meeting.pk]), {"tab": "minutes"})
        text = response.content.decode()
        assert (response.status_code, DRAFT in text, response.context["minutes_document"]) == (
            200,
            False,
            "",
        )


def test_agenda_not_yet_published_shows_only_when_it_will_be(client, record):
    response = client.get(reverse("public_meeting", args=[record.later.pk]))
    text = response.content.decode()
    assert (EARLY in text, HIDDEN in text, response.context["page"].items) == (False, False, [])
    assert "The agenda and papers for this meeting are published on" in text
