"""Reads for notices: who is told what (the audiences), the agenda preview and the outbox.
Each in a fixed number of queries, however many people or notices there are."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from actions.models import ActionOwner
from meetings.models import AgendaItem, Attendance, Meeting, Paper
from partners import rules as partner_rules
from partners.models import Membership, Person

from . import rules
from .models import AgendaDispatch, Kind, NoticeDelivery, NoticeFailure


@dataclass
class Recipient:
    person: Person
    member: bool
    roles: list[str] = field(default_factory=list)
    attendance: str = ""

    @property
    def label(self) -> str:
        """ "Chair", "Not a member, in attendance": roles, then how they are on the register."""
        parts = list(self.roles) or ["Not a member"]
        if self.attendance:
            parts.append(self.attendance[0].lower() + self.attendance[1:])
        return ", ".join(parts)


def member_roles(body_id: int, person_ids=None) -> dict[int, list[str]]:
    """Current members of the body: person id -> the labels of their roles. One query."""
    rows = Membership.objects.filter(partner_rules.current_memberships_q(), body_id=body_id)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    labels = dict(Membership.Role.choices)
    roles: dict[int, list[str]] = defaultdict(list)
    for person_id, role in rows.order_by("role").values_list("person_id", "role"):
        roles[person_id].append(labels[role])
    return roles


def _recipients(person_ids, roles: dict[int, list[str]], attendance=None) -> list[Recipient]:
    people = Person.objects.filter(pk__in=set(person_ids)).select_related("organisation")
    attendance = attendance or {}
    return [
        Recipient(
            person=p,
            member=p.pk in roles,
            roles=roles.get(p.pk, []),
            attendance=attendance.get(p.pk, ""),
        )
        for p in people.order_by("name", "pk")
    ]


def agenda_audience(meeting: Meeting) -> list[Recipient]:
    """The body's current members and everyone on the meeting's register. Three queries."""
    roles = member_roles(meeting.body_id)
    labels = dict(Attendance.Category.choices)
    attendance = {
        person_id: labels[category]
        for person_id, category in Attendance.objects.filter(meeting=meeting).values_list(
            "person_id", "category"
        )
    }
    return _recipients(set(roles) | set(attendance), roles, attendance)


def members_audience(meeting: Meeting) -> list[Recipient]:
    """The body's current members: draft minutes and their reminder. Two queries."""
    roles = member_roles(meeting.body_id)
    return _recipients(roles, roles)


def signed_audience(meeting: Meeting) -> list[Recipient]:
    """Members, and the people named on the meeting's actions (members or not): the signed
    minutes go to members, each person's own actions to everyone who owns one. Three queries.
    Owners through an organisation or a group are members already (``owned_actions_q``)."""
    roles = member_roles(meeting.body_id)
    named = ActionOwner.objects.filter(action__meeting=meeting, person__isnull=False)
    return _recipients(set(roles) | set(named.values_list("person_id", flat=True)), roles)


def chair_audience(meeting: Meeting) -> list[Recipient]:
    """The chair and whoever chaired the meeting; the vice-chair when the body has no chair.
    Three queries."""
    rows = Membership.objects.filter(
        partner_rules.current_memberships_q(),
        body_id=meeting.body_id,
        role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR],
    ).values_list("person_id", "role")
    chairs = {p for p, role in rows if role == Membership.Role.CHAIR}
    chairs = chairs or {p for p, _ in rows}
    chaired = Attendance.objects.filter(meeting=meeting, chaired=True)
    chairs |= set(chaired.values_list("person_id", flat=True))
    return _recipients(chairs, member_roles(meeting.body_id, chairs))


# The agenda preview ------------------------------------------------------------------------


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order, each with its papers (and its meeting and body, which the public
    rules read). Two queries."""
    papers = Paper.objects.order_by("position", "pk")
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter__organisation", "meeting__body")
        .prefetch_related(Prefetch("papers", queryset=papers))
        .order_by("position", "pk")
    )


@dataclass
class PreviewRow:
    recipient: Recipient
    items: int
    confidential: int
    papers: int
    links: int  # papers sent with a link: every one for a member, the public ones for others


@dataclass
class AgendaPreview:
    rows: list[PreviewRow]
    without_email: list[Recipient]
    items: int
    confidential: int


def agenda_preview(meeting: Meeting) -> AgendaPreview:
    """Who would be sent the agenda now, and what each would get. Five queries."""
    items = agenda_items(meeting)
    rows, without = [], []
    for recipient in agenda_audience(meeting):
        if not recipient.person.email:
            without.append(recipient)
            continue
        member = recipient.member
        shown = [i for i in items if rules.may_receive_item(i, member=member)]
        papers = [p for i in shown for p in i.papers.all()]
        rows.append(
            PreviewRow(
                recipient=recipient,
                items=len(shown),
                confidential=sum(1 for i in shown if i.confidential),
                papers=len(papers),
                links=sum(
                    1
                    for p in papers
                    if rules.paper_link(p, member=member, on_register=bool(recipient.attendance))
                ),
            )
        )
    return AgendaPreview(
        rows=rows,
        without_email=without,
        items=len(items),
        confidential=sum(1 for i in items if i.confidential),
    )


def agenda_dispatches(meeting: Meeting) -> list[AgendaDispatch]:
    """The meeting's agenda sendings, newest first, each with how many were sent, how many are
    still going and how many failed or could not be sent (no address, say). Two queries."""
    dispatches = list(
        AgendaDispatch.objects.filter(meeting=meeting)
        .select_related("requested_by")
        .order_by("-number")
    )
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = NoticeDelivery.objects.filter(meeting=meeting, kind=Kind.AGENDA).values_list(
        "occasion", "sent_at", "stopped", "error"
    )
    for occasion, sent_at, stopped, error in rows:
        counts[occasion][0 if sent_at else 2 if stopped or error else 1] += 1
    for dispatch in dispatches:
        dispatch.sent_count, dispatch.unsent_count, dispatch.failed_count = counts[dispatch.number]
    return dispatches


def next_dispatch_number(meeting: Meeting) -> int:
    last = (
        AgendaDispatch.objects.filter(meeting=meeting)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


# The outbox --------------------------------------------------------------------------------

STATES = {
    "sent": Q(sent_at__isnull=False),
    "failed": Q(sent_at__isnull=True) & (Q(stopped=True) | ~Q(error="")),
    "waiting": Q(sent_at__isnull=True, stopped=False, error=""),
}


def outbox(body, *, state: str = "", kind: str = "") -> QuerySet[NoticeDelivery]:
    """The body's notices, newest first, with their people, meetings and failures: the page
    reads them in three queries whatever their number (plus the page count)."""
    deliveries = NoticeDelivery.objects.filter(meeting__body=body)
    if state in STATES:
        deliveries = deliveries.filter(STATES[state])
    if kind in Kind.values:
        deliveries = deliveries.filter(kind=kind)
    return (
        deliveries.select_related("person__organisation", "meeting__body", "batch")
        .prefetch_related(Prefetch("failures", queryset=NoticeFailure.objects.order_by("at")))
        .order_by("-claimed_at", "-id")
    )


def outbox_counts(body) -> dict[str, int]:
    deliveries = NoticeDelivery.objects.filter(meeting__body=body)
    return {name: deliveries.filter(q).count() for name, q in STATES.items()}
