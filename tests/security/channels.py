"""How the leak matrix reads each channel as one role: the text a person in that role gets from
it (a page's HTML, a PDF's text, a Word file's paragraphs, a CSV, a calendar feed, an e-mail),
with whether they got it at all."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from actions.tokens import link_url

from .world import SEARCH_WORD, World

MEETING_TABS = ("agenda", "attendance", "minutes", "actions", "papers")


@dataclass(frozen=True)
class Output:
    status: int
    text: str

    @property
    def served(self) -> bool:
        return self.status == 200


def pdf_text(data: bytes) -> str:
    """The text of every page, and of every file attached (the signed members' PDF carries
    the snapshot JSON: whoever downloads the PDF has it too)."""
    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    for name, contents in reader.attachments.items():
        parts.append(name)
        parts.extend(c.decode("utf-8", errors="replace") for c in contents)
    return " ".join(parts)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def response_text(response) -> str:
    """Everything a person receives: the body in readable form, and the download's file name."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if response.status_code == 200 and kind.startswith("application/pdf"):
        body = pdf_text(content)
    elif response.status_code == 200 and "wordprocessingml" in kind:
        body = docx_text(content)
    else:
        body = content.decode("utf-8", errors="replace")
        if kind.startswith("text/calendar"):
            body = body.replace("\r\n ", "")  # unfold long lines
        if kind.startswith("text/html"):
            body = html.unescape(body)
    return f"{response.get('Content-Disposition', '')}\n{body}"


def fetch(client, world: World, role: str, url: str, **params) -> Output:
    if role == "anonymous":
        client.logout()
    else:
        client.force_login(world.users[role])
    response = client.get(url, params)
    return Output(response.status_code, response_text(response))


def found(text: str, markers) -> frozenset[str]:
    lowered = re.sub(r"\s+", "", text.lower())
    return frozenset(m for m in markers if m in lowered)


# --- The channels ----------------------------------------------------------------------------


def meeting_tab(key: str, tab: str):
    def read(client, world, role):
        url = reverse("meeting_detail", args=[world.meetings[key].meeting.pk])
        return fetch(client, world, role, url, tab=tab)

    return read


def meeting_url(name: str, key: str, **params):
    def read(client, world, role):
        return fetch(
            client, world, role, reverse(name, args=[world.meetings[key].meeting.pk]), **params
        )

    return read


def drafting_item(key: str):
    def read(client, world, role):
        meeting = world.meetings[key]
        url = reverse("draft_item", args=[meeting.meeting.pk, meeting.secret.pk])
        return fetch(client, world, role, url)

    return read


def paper(key: str, name: str = "paper_download"):
    def read(client, world, role):
        return fetch(client, world, role, reverse(name, args=[world.meetings[key].paper.pk]))

    return read


def action_page(key: str, kind: str, name: str = "action_detail"):
    def read(client, world, role):
        action = world.meetings[key].actions[kind]
        return fetch(client, world, role, reverse(name, args=[action.pk]))

    return read


def body_url(name: str):
    def read(client, world, role):
        return fetch(client, world, role, reverse(name, args=[world.body.slug]))

    return read


def plain_url(name: str, **params):
    def read(client, world, role):
        return fetch(client, world, role, reverse(name), **params)

    return read


def calendar(client, world, role):
    """The person's own feed, fetched by its secret address (no login)."""
    person = world.people.get(role)
    token = person.calendar_token if person else "no-such-token"
    return fetch(client, world, "anonymous", reverse("calendar_feed", args=[token]))


def mail(box: str):
    def read(client, world, role):
        text = getattr(world, box).get(role)
        return Output(404, "") if text is None else Output(200, text)

    return read


def update_link(client, world, role):
    """The update link of the reminder for the action due today, for whoever received one; for
    everyone else a link made out to them as if they had (the page must still ask whether they
    own the action)."""
    path = world.reminder_links.get(role)
    if path is None:
        person = world.people.get(role)
        if person is None:
            return Output(404, "")
        path = urlsplit(
            link_url(action=world.meetings["c"].actions["action"], person_id=person.pk)
        ).path
    return fetch(client, world, "anonymous", path)


def verify(client, world, role):
    code = world.meetings["s"].meeting.fingerprint[:16]
    return fetch(client, world, role, reverse("verify_short", args=[code]))


def search(name: str = "search", kinds=("decisions", "items", "actions")):
    """The results for the word every marked text holds, one kind at a time (the overview
    shows only the first few of each)."""

    def read(client, world, role):
        outputs = [
            fetch(client, world, role, reverse(name), q=SEARCH_WORD, kind=kind) for kind in kinds
        ]
        return Output(outputs[0].status, "\n".join(o.text for o in outputs))

    return read


def body_tab(name: str, tab: str = ""):
    def read(client, world, role):
        params = {"tab": tab} if tab else {}
        return fetch(client, world, role, reverse(name, args=[world.body.slug]), **params)

    return read


def oparl(name: str):
    def read(client, world, role):
        return fetch(client, world, role, reverse(name, args=[world.body.pk]))

    return read
