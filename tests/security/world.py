"""The seeded world of the leak matrix: one body whose meetings hold confidential business, each
piece carrying a marker word of its own, and one login per role.

Three meetings of the body, each with a confidential item (and a sub-item of it) holding every
kind of content: ``C`` circulated (members read its minutes), ``S`` signed (the frozen record,
the verify page, the signed PDFs) and ``D`` still in draft (the drafting pages; members see its
agenda and papers only). The markers are lower-case letter runs (``zqcminutes``) so PDF text
extraction and full-text search keep them whole; every piece of marked text also holds the
word "quokka", the word the search channel looks for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, TestCase
from django.utils import timezone

from actions import tokens
from actions.models import Action
from actions.reminders import send_overdue_summaries, send_reminders
from actions.services import action_create
from meetings.models import AgendaItem, Attendance, Meeting, Paper
from meetings.services import (
    attendance_record,
    decision_add,
    declaration_add,
    item_add,
    meeting_create,
    paper_add,
)
from partners.models import Body, Membership, Organisation
from partners.rules import person_for
from records import services as lifecycle
from records.signing import signing_run
from tests.factories import (
    PASSWORD,
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

SEARCH_WORD = "quokka"
LINK = re.compile(r"https?://[^\s\"'<>]+/actions/link/[^\s\"'<>/]+/")

ROLES = (
    "anonymous",
    "outsider",
    "org_colleague",
    "member",
    "former_member",
    "named_owner",
    "secretariat",
    "chair",
)
MEMBERS = frozenset({"member", "secretariat", "chair"})
DRAFT_READERS = frozenset({"secretariat", "chair"})
# Owners of the marked actions: the named officer directly, the member through the owning
# organisation (the rule counts an organisation only inside bodies where one is a member).
OWNERS = frozenset({"named_owner", "member"})


def marker(meeting: str, kind: str) -> str:
    return f"zq{meeting}{kind}"


@dataclass
class MeetingWorld:
    meeting: Meeting
    secret: AgendaItem  # the confidential item
    sub: AgendaItem  # its sub-item
    paper: Paper
    actions: dict[str, Action] = field(default_factory=dict)  # marker kind -> action


@dataclass
class World:
    today: dt.date
    body: Body
    other_body: Body
    owner_org: Organisation
    users: dict  # role -> User (no entry for anonymous)
    people: dict  # role -> Person
    meetings: dict[str, MeetingWorld]  # "c", "s", "d"
    reminder_mail: dict[str, str] = field(default_factory=dict)  # role -> text of its e-mails
    overdue_mail: dict[str, str] = field(default_factory=dict)
    reminder_links: dict[str, str] = field(default_factory=dict)  # role -> link path, due today


# Every marker, by meeting: "open" is the minutes of the item that is not confidential (a
# control: the public reads it once signed); the circulated meeting also has an overdue
# action and an accuracy comment.
MARKER_KINDS = {
    "c": (
        "open",
        "minutes",
        "subitem",
        "decision",
        "action",
        "overdue",
        "papertitle",
        "paperfile",
        "declaration",
        "comment",
    ),
    "s": (
        "open",
        "minutes",
        "subitem",
        "decision",
        "action",
        "papertitle",
        "paperfile",
        "declaration",
    ),
    "d": (
        "open",
        "minutes",
        "subitem",
        "decision",
        "action",
        "papertitle",
        "paperfile",
        "declaration",
    ),
}
MARKERS = frozenset(marker(m, k) for m, kinds in MARKER_KINDS.items() for k in kinds)


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text``: a real paper, so the agenda pack can append it."""
    stream = f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _login(*, name: str, organisation, body=None, role=None, **membership):
    user = UserFactory()
    person = PersonFactory(user=user, name=name, organisation=organisation)
    if body is not None:
        MembershipFactory(person=person, body=body, role=role, **membership)
    return user


def _marked(meeting_key: str, kind: str, words: str = "") -> str:
    return f"The {SEARCH_WORD} {marker(meeting_key, kind)} {words}".strip()


def _confidential_business(
    meeting: Meeting, key: str, *, people: dict, owner_org: Organisation, due: dict
) -> MeetingWorld:
    """An open item, then a confidential one with a sub-item, a decision, a paper, a
    declaration and actions; each marked."""
    attendance_record(
        meeting=meeting,
        person=people["chair"],
        category=Attendance.Category.PRESENT,
        chaired=True,
        role_label="Chair",
    )
    attendance_record(
        meeting=meeting, person=people["member"], category=Attendance.Category.PRESENT
    )
    attendance_record(
        meeting=meeting,
        person=people["secretariat"],
        category=Attendance.Category.IN_ATTENDANCE,
        took_minutes=True,
    )
    attendance_record(
        meeting=meeting, person=people["named_owner"], category=Attendance.Category.IN_ATTENDANCE
    )
    item_add(
        meeting=meeting,
        title="Open business",
        minutes=f"<p>{_marked(key, 'open', 'was noted in open session.')}</p>",
    )
    secret = item_add(
        meeting=meeting,
        title="Staffing restructure",
        confidential=True,
        minutes=f"<p>{_marked(key, 'minutes', 'were discussed.')}</p>",
    )
    sub = item_add(
        meeting=meeting,
        title="Consultation",
        parent=secret,
        minutes=f"<p>{_marked(key, 'subitem', 'was reported.')}</p>",
    )
    decision_add(item=secret, text=f"<p>{_marked(key, 'decision', 'was agreed.')}</p>")
    paper = paper_add(
        item=secret,
        title=f"{marker(key, 'papertitle')} report",
        upload=SimpleUploadedFile(
            f"{marker(key, 'paperfile')}.pdf",
            tiny_pdf(marker(key, "paperfile")),
            content_type="application/pdf",
        ),
    )
    declaration_add(
        meeting=meeting,
        person=people["member"],
        interest=f"{marker(key, 'declaration')} shareholding",
        item=secret,
    )
    world = MeetingWorld(meeting=meeting, secret=secret, sub=sub, paper=paper)
    for kind, due_date in due.items():
        world.actions[kind] = action_create(
            meeting=meeting,
            item=secret,
            description=_marked(key, kind, "to be done."),
            owners=[people["named_owner"], owner_org],
            due_date=due_date,
        )
    return world


def _sign(meeting: Meeting, user) -> Meeting:
    """Sign as the sign page does, then run the job as the worker does (its files are written
    by the on-commit callback, run here as a commit would); as tests/records/conftest.py."""
    meeting.refresh_from_db()
    request = RequestFactory().post("/sign/", REMOTE_ADDR="127.0.0.1")
    request.user = user
    job = lifecycle.minutes_sign(meeting=meeting, user=user, password=PASSWORD, request=request)
    with TestCase.captureOnCommitCallbacks(execute=True):
        signing_run(job_id=job.pk)
    meeting.refresh_from_db()
    return meeting


def world_build() -> World:
    today = timezone.localdate()
    owner_org = OrganisationFactory(name="Northfield Borough Council", acronym="NBC")
    body = BodyFactory(
        name="Leak Matrix Board", short_name="LMB", slug="leak-matrix", publishes=True
    )
    other_body = BodyFactory(name="Other Partnership", short_name="OTH", slug="other-partnership")
    member_role = Membership.Role.MEMBER
    users = {
        "outsider": _login(
            name="Otto Outsider",
            organisation=OrganisationFactory(),
            body=other_body,
            role=member_role,
        ),
        "org_colleague": _login(
            name="Colin Colleague", organisation=owner_org, body=other_body, role=member_role
        ),
        "member": _login(name="Mary Member", organisation=owner_org, body=body, role=member_role),
        "former_member": _login(
            name="Fred Former",
            organisation=owner_org,
            body=body,
            role=member_role,
            start_date=today - dt.timedelta(days=400),
            end_date=today - dt.timedelta(days=30),
        ),
        "named_owner": _login(name="Nina Named", organisation=OrganisationFactory()),
        "secretariat": _login(
            name="Sam Secretary",
            organisation=OrganisationFactory(),
            body=body,
            role=Membership.Role.SECRETARIAT,
        ),
        "chair": _login(
            name="Carla Chair",
            organisation=OrganisationFactory(),
            body=body,
            role=Membership.Role.CHAIR,
        ),
    }
    people = {role: person_for(user) for role, user in users.items()}

    def new_meeting(days_ago: int) -> Meeting:
        return meeting_create(
            body=body,
            date=today - dt.timedelta(days=days_ago),
            start_time=dt.time(10),
            venue="Civic Centre",
            with_register=False,
            with_standing_items=False,
        )

    signed = _confidential_business(
        new_meeting(60),
        "s",
        people=people,
        owner_org=owner_org,
        due={"action": today + dt.timedelta(days=60)},
    )
    lifecycle.minutes_circulate(meeting=signed.meeting, user=users["secretariat"])
    lifecycle.minutes_approve(meeting=signed.meeting, user=users["chair"])
    _sign(signed.meeting, users["chair"])

    circulated = _confidential_business(
        new_meeting(7),
        "c",
        people=people,
        owner_org=owner_org,
        due={"action": today, "overdue": today - dt.timedelta(days=1)},
    )
    lifecycle.minutes_circulate(meeting=circulated.meeting, user=users["secretariat"])
    circulated.meeting.refresh_from_db()
    lifecycle.accuracy_comment_add(
        meeting=circulated.meeting,
        user=users["member"],
        text=f"{marker('c', 'comment')} should read otherwise",
        item=circulated.secret,
    )

    draft = _confidential_business(
        new_meeting(3),
        "d",
        people=people,
        owner_org=owner_org,
        due={"action": today + dt.timedelta(days=2)},
    )
    world = World(
        today=today,
        body=body,
        other_body=other_body,
        owner_org=owner_org,
        users=users,
        people=people,
        meetings={"c": circulated, "s": signed, "d": draft},
    )
    _sweeps_run(world)
    return world


def _mail_by_role(world: World, messages) -> dict[str, str]:
    """Role -> the subject, text and HTML of every message addressed to that role's person."""
    out = {}
    for role, person in world.people.items():
        parts = []
        for message in messages:
            if person.email in message.to:
                parts += [message.subject, message.body]
                parts += [content for content, _ in message.alternatives]
        if parts:
            out[role] = "\n".join(parts)
    return out


def _sweeps_run(world: World) -> None:
    """Today's reminder sweep and overdue summaries, as the beat runs them; the e-mails are
    kept by role, and each reminder's update link for the action due today."""
    due_today = world.meetings["c"].actions["action"]
    mail.outbox = []
    send_reminders(today=world.today)
    world.reminder_mail = _mail_by_role(world, mail.outbox)
    for role, text in world.reminder_mail.items():
        for url in LINK.findall(text):
            if tokens.read_token(urlsplit(url).path.split("/")[-2]).action_id == due_today.pk:
                world.reminder_links[role] = urlsplit(url).path
    mail.outbox = []
    send_overdue_summaries(today=world.today)
    world.overdue_mail = _mail_by_role(world, mail.outbox)
    mail.outbox = []
