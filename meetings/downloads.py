"""A paper's file as a download, and the signed links that let someone on a meeting's register
who is not a member (and may never log in) download its open papers from the agenda they were
sent.

Files are never served from /media/: each view asks its rule first and then answers with
``paper_response``. A link carries the paper and the person, signed with a salt of its own and
a timestamp; it expires, and the rule (``meetings.rules.attendee_may_download_paper``) is asked
again when it is opened, so a person taken off the register, or an item made confidential
since, gets nothing.
"""

from __future__ import annotations

import functools
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404
from django.urls import reverse

from common.links import LinkError, read_link

from .models import Paper

__all__ = ["LinkError", "attendee_link_url", "paper_response", "read_attendee_token"]

SALT = "minutebook.meetings.attendee-paper-link"


def paper_response(paper: Paper) -> FileResponse:
    """The paper's file as an attachment, with its type and a safe file name (FileResponse
    writes RFC 6266 ``filename*``). 404 if the file has gone from storage."""
    try:
        handle = paper.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = paper.original_name or Path(paper.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


def max_age_seconds() -> int:
    return getattr(settings, "PAPER_LINK_MAX_AGE_DAYS", 90) * 24 * 3600


@functools.lru_cache(maxsize=4)
def _signer(secret_key: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(key=secret_key, salt=SALT)


def make_attendee_token(*, paper_id: int, person_id: int) -> str:
    return _signer(settings.SECRET_KEY).sign_object({"d": paper_id, "p": person_id})


def attendee_link_url(*, paper_id: int, person_id: int) -> str:
    token = make_attendee_token(paper_id=paper_id, person_id=person_id)
    return settings.SITE_URL + reverse("paper_attendee_download", kwargs={"token": token})


@dataclass(frozen=True)
class AttendeeClaim:
    paper_id: int
    person_id: int


def read_attendee_token(token: str) -> AttendeeClaim:
    paper_id, person_id = read_link(
        token,
        salt=SALT,
        max_age=max_age_seconds(),
        expired="This link has expired. Ask the secretariat for the paper, or use the link in "
        "the latest agenda you were sent.",
        keys=("d", "p"),
    )
    return AttendeeClaim(paper_id, person_id)
