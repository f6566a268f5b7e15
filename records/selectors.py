"""The record of one meeting, loaded whole in a fixed number of queries: the meeting page, the
minutes editor's preview, the documents and the fingerprint all read it from here.

A signed meeting's record is read from its frozen snapshot (``records.frozen``), not from the
live rows: what it shows is what was signed, whatever has been renamed or removed since."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from actions.models import Action
from actions.selectors import actions_with_owners
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MinutesApproval,
    Movement,
    Paper,
)
from meetings.selectors import CATEGORY_ORDER, meetings_base
from partners.rules import get_or_404, person_for

from . import rules
from .models import AccuracyComment, Addendum, ChairApproval, RenderJob, SignedRecord


@dataclass
class ItemNode:
    item: AgendaItem
    children: list[ItemNode] = field(default_factory=list)
    depth: int = 0


@dataclass(frozen=True)
class ApprovalNote:
    """How these minutes were approved: at a later meeting (``meeting_date``), or directly by
    the chair or secretariat outside a meeting (``on``, ``outside_meeting``)."""

    meeting_date: dt.date | None = None
    on: dt.date | None = None
    outside_meeting: bool = False
    corrections: str = ""


@dataclass(frozen=True)
class NextMeeting:
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str = ""


@dataclass
class MeetingRecord:
    """Everything a meeting's record holds, loaded in a fixed number of queries. For a signed
    meeting the objects are rebuilt from the snapshot (``frozen`` is its row)."""

    meeting: Meeting
    attendances: list[Attendance]
    items: list[AgendaItem]
    tree: list[ItemNode]
    actions: list[Action]
    declarations: list[Declaration] = field(default_factory=list)
    approvals_given: list[MinutesApproval] = field(default_factory=list)
    approval: ApprovalNote | None = None
    next_meeting: NextMeeting | None = None
    frozen: SignedRecord | None = None

    def attendance_groups(self) -> list[tuple[str, str, list[Attendance]]]:
        """(category value, label, rows) in the order minutes print them; empty ones left out."""
        labels = dict(Attendance.Category.choices)
        groups = []
        for category in CATEGORY_ORDER:
            rows = [a for a in self.attendances if a.category == category]
            if rows:
                groups.append((category, labels[category], rows))
        return groups

    def flat_items(self) -> list[ItemNode]:
        out: list[ItemNode] = []

        def walk(nodes):
            for node in nodes:
                out.append(node)
                walk(node.children)

        walk(self.tree)
        return out


def item_tree(items: list, actions: list) -> list[ItemNode]:
    """Items nested under their parents, each given ``item_actions`` (its actions in order)."""
    by_item: dict[int | None, list] = {}
    for action in actions:
        by_item.setdefault(action.item_id, []).append(action)
    nodes = {item.pk: ItemNode(item=item) for item in items}
    tree: list[ItemNode] = []
    for item in items:
        item.item_actions = by_item.get(item.pk, [])
        node = nodes[item.pk]
        if item.parent_id and item.parent_id in nodes:
            parent = nodes[item.parent_id]
            node.depth = parent.depth + 1
            parent.children.append(node)
        else:
            tree.append(node)
    return tree


def movements_in_order(attendances: list, tree: list[ItemNode]) -> None:
    """Give each register row ``movements_in_order``: its arrivals and departures in agenda
    order (an item before its sub-items; joining during an item before leaving after it), each
    movement's ``item`` the record's own item object."""
    order: dict[int, int] = {}
    items: dict[int, AgendaItem] = {}

    def walk(nodes):
        for node in nodes:
            order[node.item.pk] = len(order)
            items[node.item.pk] = node.item
            walk(node.children)

    walk(tree)
    rank = {Movement.Kind.JOINED: 0, Movement.Kind.LEFT: 1}
    for attendance in attendances:
        moves = list(attendance.movements.all()) or _single_movements(attendance)
        moves = [m for m in moves if m.item_id in items]
        for move in moves:
            move.item = items[move.item_id]
        attendance.movements_in_order = sorted(
            moves, key=lambda m: (order[m.item_id], rank.get(m.kind, 2), m.pk or 0)
        )


def _single_movements(attendance) -> list[Movement]:
    """A row with no movements but a first arrival or final departure (written without the
    register service, in the admin say) has those as its movements (unsaved)."""
    pairs = [
        (Movement.Kind.JOINED, attendance.arrived_during_id),
        (Movement.Kind.LEFT, attendance.left_after_id),
    ]
    return [
        Movement(attendance=attendance, kind=kind, item_id=item_id)
        for kind, item_id in pairs
        if item_id
    ]


def meeting_record(*, meeting_id: int, include_confidential: bool = True) -> MeetingRecord | None:
    """The whole record of one meeting: attendance, items (nested) with decisions, papers and
    actions. ``include_confidential=False`` gives what the public may see: confidential items are
    kept (title only) but their minutes, decisions, papers and actions are left out.

    A signed meeting with a frozen record is rebuilt from it; actions then carry their live
    progress (status), which is not part of the signed record."""
    meeting = meetings_base().select_related("signed_record").filter(pk=meeting_id).first()
    if meeting is None:
        return None
    frozen = getattr(meeting, "signed_record", None) if meeting.is_signed else None
    if frozen is not None:
        from .frozen import record_from_snapshot  # frozen builds on this module's classes

        return record_from_snapshot(
            frozen, live_meeting=meeting, include_confidential=include_confidential
        )
    return live_meeting_record(meeting=meeting, include_confidential=include_confidential)


def live_meeting_record(*, meeting: Meeting, include_confidential: bool = True) -> MeetingRecord:
    """The record as the rows hold it now: what drafts show and what signing freezes."""
    attendances = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related(
            "person__organisation", "organisation", "substitute_for", "arrived_during", "left_after"
        )
        .prefetch_related(Prefetch("movements", queryset=Movement.objects.order_by("id")))
        .order_by("position", "id")
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter__organisation")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("position", "id")),
            Prefetch("papers", queryset=Paper.objects.order_by("position", "id")),
        )
        .order_by("position", "id")
    )
    actions = list(actions_with_owners().filter(meeting=meeting).order_by("number"))
    if not include_confidential:
        hidden = {i.pk for i in items if i.confidential}
        actions = [a for a in actions if a.item_id not in hidden]
        for item in items:
            if item.confidential:
                item.minutes = ""
                item._prefetched_objects_cache["decisions"] = Decision.objects.none()
                item._prefetched_objects_cache["papers"] = Paper.objects.none()
    tree = item_tree(items, actions)
    movements_in_order(attendances, tree)
    return MeetingRecord(
        meeting=meeting,
        attendances=attendances,
        items=items,
        tree=tree,
        actions=actions,
        declarations=list(
            Declaration.objects.filter(meeting=meeting)
            .select_related("person__organisation", "item")
            .order_by("id")
        ),
        approvals_given=list(
            MinutesApproval.objects.filter(meeting=meeting)
            .select_related("previous_meeting__body")
            .order_by("previous_meeting__date", "id")
        ),
        approval=approval_note(meeting),
        next_meeting=next_meeting_after(meeting),
    )


def approval_note(meeting: Meeting) -> ApprovalNote | None:
    """Where these minutes were approved. A later meeting that recorded "not approved" did not
    approve them: the first meeting that did counts, then a direct approval, then the date on
    which minutes imported as approved were approved."""
    at_meeting = (
        MinutesApproval.objects.filter(previous_meeting=meeting)
        .exclude(outcome=MinutesApproval.Outcome.NOT_APPROVED)
        .select_related("meeting")
        .order_by("meeting__date", "id")
        .first()
    )
    if at_meeting is not None:
        return ApprovalNote(
            meeting_date=at_meeting.meeting.date, corrections=at_meeting.corrections
        )
    direct = ChairApproval.objects.filter(meeting=meeting).first()
    if direct is not None:
        return ApprovalNote(
            on=timezone.localdate(direct.approved_at),
            outside_meeting=True,
            corrections=direct.corrections,
        )
    if meeting.approved_at and meeting.status in (Meeting.Status.APPROVED, Meeting.Status.SIGNED):
        return ApprovalNote(on=timezone.localdate(meeting.approved_at))
    return None


def next_meeting_after(meeting: Meeting) -> NextMeeting | None:
    """The body's next meeting after this one as it is arranged now (signing freezes it)."""
    upcoming = (
        Meeting.objects.filter(body_id=meeting.body_id, date__gt=meeting.date)
        .order_by("date", "start_time", "pk")
        .first()
    )
    if upcoming is None:
        return None
    return NextMeeting(
        date=upcoming.date,
        start_time=upcoming.start_time,
        end_time=upcoming.end_time,
        venue=upcoming.venue,
    )


@dataclass(frozen=True)
class CommentsWindow:
    """The days accuracy comments may be made due by when the draft is circulated: from today
    (``earliest``) to the body's next meeting still to come (``latest``, ``None`` when none is
    arranged), which approves the minutes; ``default`` is ``NOTICE_COMMENT_DAYS`` on, brought
    forward to that meeting when it comes sooner."""

    earliest: dt.date
    latest: dt.date | None
    default: dt.date


def comments_window(meeting: Meeting, today: dt.date | None = None) -> CommentsWindow:
    """When comments on ``meeting``'s draft may be due (one query). A next meeting already held
    is no limit: the minutes then wait for the one after it."""
    today = today or timezone.localdate()
    upcoming = (
        Meeting.objects.filter(body_id=meeting.body_id, date__gt=meeting.date, date__gte=today)
        .exclude(pk=meeting.pk)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    default = today + dt.timedelta(days=settings.NOTICE_COMMENT_DAYS)
    if upcoming is not None:
        default = min(default, upcoming)
    return CommentsWindow(earliest=today, latest=upcoming, default=default)


def accuracy_comments_for_user(*, meeting: Meeting, user) -> list[AccuracyComment]:
    """The accuracy comments this person may see (``rules.can_see_all_comments``): all of them
    for the secretariat, otherwise only their own. One query, or none for a user without a
    person record."""
    comments = AccuracyComment.objects.filter(meeting=meeting).select_related(
        "author", "resolved_by", "item"
    )
    if rules.can_see_all_comments(user, meeting):
        return list(comments)
    person = person_for(user)
    return list(comments.filter(author=person)) if person else []


def open_comment_count(*, meeting: Meeting) -> int:
    return AccuracyComment.objects.filter(meeting=meeting, resolved_at__isnull=True).count()


def signed_document(*, meeting: Meeting, kind: str) -> FieldFile | None:
    """The file frozen at signing for this kind of download, if there is one: the members' PDF
    is kept on the meeting, the public PDF as the signed-copy render. Other kinds have none."""
    if not meeting.is_signed:
        return None
    if kind == RenderJob.Kind.MINUTES:
        return meeting.signed_pdf or None
    if kind == RenderJob.Kind.MINUTES_PUBLIC:
        copy = RenderJob.objects.filter(meeting=meeting, kind=kind, signed_copy=True).first()
        return copy.file if copy is not None and copy.file else None
    return None


def get_render_job_for_user(*, user, pk: int) -> RenderJob:
    """The render job, or 404 both when it is missing and when it is not this user's to see."""
    return get_or_404(
        RenderJob.objects.select_related("meeting__body"),
        user=user,
        check=rules.can_see_render_job,
        pk=pk,
    )


def addenda_in_order(*, meeting: Meeting) -> list[Addendum]:
    return list(meeting.addenda.select_related("author").order_by("created_at"))


def signed_meeting_for_code(code: str) -> Meeting | None:
    """The signed meeting whose fingerprint is, or starts with, ``code`` (16+ hex digits)."""
    code = (code or "").strip().lower()
    if len(code) < 16 or any(c not in "0123456789abcdef" for c in code) or len(code) > 64:
        return None
    qs = Meeting.objects.select_related("body", "signed_by").filter(status=Meeting.Status.SIGNED)
    qs = qs.filter(fingerprint=code) if len(code) == 64 else qs.filter(fingerprint__startswith=code)
    found = list(qs[:2])
    return found[0] if len(found) == 1 else None
