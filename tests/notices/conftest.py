"""A body with a person in every role a notice can reach, a real SMTP server on loopback
(aiosmtpd) the notices are sent through, and helpers to read what each person received.

``MARKER`` is written into confidential business only (an item's title and minutes, a paper's
title): a message that contains it went to someone entitled to confidential business."""

from __future__ import annotations

import datetime as dt
import email.message
import re
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import Attendance, Meeting, Paper
from notices.delivery import notice_batch_send
from notices.models import NoticeBatch
from partners.models import Membership, Person
from tests.actions.smtp import RecordingHandler, SMTPServer
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

MARKER = "KESTREL-4471"


@dataclass
class Cast:
    body: object
    chair: Person
    secretariat: Person
    member: Person  # logs in
    quiet: Person  # a member who never logs in
    digest: Person  # a member who takes draft and signed minutes in the morning digest
    no_email: Person  # a member with no address
    officer: Person  # on the register, not a member
    outsider: Person  # a member of another body

    def emails(self, *names: str) -> list[str]:
        return sorted(getattr(self, name).email for name in names)


def person(slug: str, *, login: bool = True, **fields) -> Person:
    fields.setdefault("email", f"{slug}@example.org")
    return PersonFactory(user=UserFactory(username=slug) if login else None, **fields)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def cast(body) -> Cast:
    people = {
        "chair": person("jessica", name="Jessica May"),
        "secretariat": person("sonia", name="Sonia Thomson"),
        "member": person("valerie", name="Valerie Hayllor"),
        "quiet": person("quentin", name="Quentin Quiet", login=False),
        "digest": person("dora", name="Dora Digest", notice_timing=Person.NoticeTiming.DIGEST),
        "no_email": person("nemo", name="Nemo Noaddress", email=""),
        "officer": person("olive", name="Olive Officer"),
        "outsider": person("otto", name="Otto Outsider"),
    }
    roles = {
        "chair": Membership.Role.CHAIR,
        "secretariat": Membership.Role.SECRETARIAT,
        "member": Membership.Role.MEMBER,
        "quiet": Membership.Role.MEMBER,
        "digest": Membership.Role.MEMBER,
        "no_email": Membership.Role.MEMBER,
    }
    for name, role in roles.items():
        MembershipFactory(person=people[name], body=body, role=role)
    MembershipFactory(person=people["outsider"], body=BodyFactory(name="Elsewhere Board"))
    return Cast(body=body, **people)


def agenda_meeting(cast: Cast, date: dt.date) -> Meeting:
    """A meeting with an open item and a confidential one, each with a paper, and the officer
    on the register as in attendance."""
    meeting = MeetingFactory(
        body=cast.body, date=date, start_time=dt.time(13), end_time=dt.time(15)
    )
    open_item = AgendaItemFactory(
        meeting=meeting, position=1, number="1", title="Innovation fund", purpose="decision"
    )
    secret = AgendaItemFactory(
        meeting=meeting,
        position=2,
        number="2",
        title=f"Staffing restructure {MARKER}",
        confidential=True,
        minutes=f"<p>Severance of {MARKER} was discussed.</p>",
    )
    for item, reference, title in (
        (open_item, "Paper 1", "Innovation fund criteria"),
        (secret, "Paper 2", f"Severance costs {MARKER}"),
    ):
        paper = Paper(item=item, reference=reference, title=title, original_name="paper.pdf")
        paper.file.save("paper.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        paper.save()
    AttendanceFactory(
        meeting=meeting, person=cast.officer, category=Attendance.Category.IN_ATTENDANCE
    )
    return meeting


@pytest.fixture
def upcoming(cast) -> Meeting:
    return agenda_meeting(cast, timezone.localdate() + dt.timedelta(days=14))


@pytest.fixture
def smtp(settings):
    """A real SMTP server the notices go through; yields its handler (what it accepted)."""
    handler = RefusingHandler()
    with SMTPServer(handler) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield handler


class RefusingHandler(RecordingHandler):
    """Also answers the next messages with the replies queued in ``replies`` ("451 ..."), and
    refuses the addresses in ``refused`` for good ("550 ...")."""

    def __init__(self):
        super().__init__()
        self.replies: list[str] = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.replies:
            return self.replies.pop(0)
        return await super().handle_DATA(server, session, envelope)


def send_all() -> list:
    """Send every unfinished batch in this process, as the worker would."""
    pending = NoticeBatch.objects.filter(done_at__isnull=True, gave_up_at__isnull=True)
    ids = pending.order_by("pk").values_list("pk", flat=True)
    return [notice_batch_send(batch_id=pk) for pk in ids]


def inbox(handler) -> dict[str, list[email.message.Message]]:
    """What each address received, in order."""
    received: dict[str, list] = {}
    for message in handler.messages:
        received.setdefault(message["To"], []).append(message)
    return received


def subject(message) -> str:
    """The subject as the reader sees it (a long one is folded over lines in transit)."""
    return re.sub(r"\r?\n", "", message["Subject"])


def part(message: email.message.Message, content_type: str) -> str:
    for piece in message.walk():
        if piece.get_content_type() == content_type and not piece.get_filename():
            data = piece.get_payload(decode=True).decode(piece.get_content_charset() or "utf-8")
            return data.replace("\r\n", "\n")
    return ""


def text_of(message) -> str:
    return part(message, "text/plain")


def html_of(message) -> str:
    return part(message, "text/html")


def attachments(message) -> list[tuple[str, str]]:
    return [(p.get_filename(), p.get_content_type()) for p in message.walk() if p.get_filename()]


def everything(message) -> str:
    """The whole message as its parts decode, attachments left out: what a reader can see."""
    return "\n".join((subject(message), text_of(message), html_of(message)))


def day_month(day: dt.date) -> str:
    today = timezone.localdate()
    return f"{day.day} {day:%B}" + ("" if day.year == today.year else f" {day.year}")
