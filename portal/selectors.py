"""Reads for the home page, bodies list and body page, shaped so query counts stay fixed.
What is about a body alone (its members, children) is read in ``partners.selectors``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Q, QuerySet, Window
from django.utils import timezone

from actions import rules as action_rules
from actions.models import Action
from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Decision, Meeting
from partners import rules as partner_rules
from partners.models import Body, Membership
from partners.selectors import visible_bodies
from records.selectors import ItemNode, MeetingRecord, meeting_record

HOME_LIST_SIZE = 5


def _within(queryset: QuerySet, ids: set[int] | None, lookup: str) -> QuerySet:
    """Narrow to the given body ids; None (administrators) means no restriction."""
    if ids is None:
        return queryset
    return queryset.filter(**{f"{lookup}__in": ids})


def visible_meetings(user) -> QuerySet[Meeting]:
    return _within(
        Meeting.objects.select_related("body"), partner_rules.visible_body_ids(user), "body_id"
    )


def _current_q(prefix: str, today) -> Q:
    return (
        Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today})
    ) & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today}))


# Home ---------------------------------------------------------------------------------------


@dataclass
class MyBody:
    body: Body
    roles: list[str] = field(default_factory=list)


@dataclass
class HomeData:
    bodies: list[MyBody]
    upcoming: list[Meeting]
    recent: list[Meeting]
    actions: list[Action]
    open_action_count: int
    is_secretariat: bool
    is_signer: bool
    may_approve: bool = False
    drafts: list[Meeting] = field(default_factory=list)
    awaiting_approval: list[Meeting] = field(default_factory=list)
    awaiting_signature: list[Meeting] = field(default_factory=list)
    # Meetings of bodies the user has left, held while they were a member (their record).
    of_their_time: list[Meeting] = field(default_factory=list)


def my_open_actions(user, person) -> QuerySet[Action]:
    """Open actions that are the person's (as My actions counts them, see
    ``action_rules.owned_actions_q``), most urgent first: overdue, due soon, later, no date."""
    ids = list(action_rules.owned_action_ids(person, set(partner_rules.body_roles(user))))
    return (
        Action.objects.filter(pk__in=ids)
        .exclude(status__in=Action.CLOSED)
        .select_related("meeting__body", "item")
        .order_by(F("due_date").asc(nulls_last=True), "meeting__date", "number")
    )


def home(user) -> HomeData:
    """The home page's panels for the user: their bodies, meetings coming and past, their open
    actions, and the minutes waiting on them (drafts, approval, signature)."""
    today = timezone.localdate()
    person = partner_rules.person_for(user)
    bodies = _my_bodies(user, person, today)
    meetings = visible_meetings(user)
    upcoming = list(
        meetings.filter(date__gte=today).order_by("date", "start_time")[:HOME_LIST_SIZE]
    )
    recent = list(meetings.filter(date__lt=today).order_by("-date", "-start_time")[:HOME_LIST_SIZE])
    actions, open_count = _my_actions_panel(user, person)

    editable = partner_rules.editable_body_ids(user)
    signable = partner_rules.signable_body_ids(user)
    # As records.rules has it: the secretariat and the chair or vice-chair record approval; the
    # chair, the vice-chair or whoever chaired the meeting signs it.
    approving = None if editable is None or signable is None else editable | signable
    data = HomeData(
        bodies=bodies,
        upcoming=upcoming,
        recent=recent,
        actions=actions,
        open_action_count=open_count,
        is_secretariat=editable is None or bool(editable),
        is_signer=signable is None or bool(signable),
        may_approve=approving is None or bool(approving),
    )
    data.of_their_time = _of_their_time(user, set(partner_rules.body_roles(user)))
    if data.is_secretariat:
        data.drafts = _drafts(editable, today)
    if data.may_approve:
        data.awaiting_approval = _awaiting_approval(approving)
    if data.is_signer or person is not None:
        data.awaiting_signature = _awaiting_signature(signable, person)
        data.is_signer = data.is_signer or bool(data.awaiting_signature)
    return data


def _my_bodies(user, person, today) -> list[MyBody]:
    """The bodies the person belongs to now, each with their roles on it; for an administrator
    with no person, every body."""
    if person is not None:
        rows = (
            Membership.objects.filter(_current_q("", today), person=person)
            .select_related("body")
            .order_by("body__name", "role")
        )
        by_body: dict[int, MyBody] = {}
        for membership in rows:
            entry = by_body.setdefault(membership.body_id, MyBody(body=membership.body))
            entry.roles.append(membership.get_role_display())
        return list(by_body.values())
    if partner_rules.is_admin(user):
        return [MyBody(body=b, roles=["Administrator"]) for b in Body.objects.order_by("name")]
    return []


def _of_their_time(user, current: set[int]) -> list[Meeting]:
    """The latest meetings of bodies the user has left, held while they were a member
    (``meeting_rules.meetings_of_their_time_q``); none of a body they sit on again."""
    q = meeting_rules.meetings_of_their_time_q(user)
    if q is None:
        return []
    return list(
        Meeting.objects.filter(q)
        .exclude(body_id__in=current)
        .select_related("body")
        .order_by("-date", "-start_time")[:HOME_LIST_SIZE]
    )


def _my_actions_panel(user, person) -> tuple[list[Action], int]:
    """The person's first few open actions and how many there are in all, in one query."""
    if person is None:
        return [], 0
    open_actions = my_open_actions(user, person).annotate(total=Window(Count("pk")))
    actions = list(open_actions[:HOME_LIST_SIZE])
    return actions, actions[0].total if actions else 0


def _lifecycle_meetings(body_ids: set[int] | None) -> QuerySet[Meeting]:
    """Meetings of the given bodies (None: every body), each with its body."""
    return _within(Meeting.objects.select_related("body"), body_ids, "body_id")


def _drafts(editable: set[int] | None, today) -> list[Meeting]:
    """Minutes still in draft for meetings held, in the bodies the user drafts for."""
    return list(
        _lifecycle_meetings(editable)
        .filter(status=Meeting.Status.DRAFT, date__lte=today)
        .order_by("-date")[:HOME_LIST_SIZE]
    )


def _awaiting_approval(approving: set[int] | None) -> list[Meeting]:
    """Circulated minutes, in the bodies where the user records approval."""
    return list(
        _lifecycle_meetings(approving)
        .filter(status=Meeting.Status.CIRCULATED)
        .order_by("date")[:HOME_LIST_SIZE]
    )


def _awaiting_signature(signable: set[int] | None, person) -> list[Meeting]:
    """Approved minutes the user may sign: in the bodies they sign for, or of a meeting the
    person chaired."""
    signing = Meeting.objects.select_related("body").filter(status=Meeting.Status.APPROVED)
    if signable is not None:
        chaired = Q(attendances__person=person, attendances__chaired=True)
        signing = signing.filter(Q(body_id__in=signable) | chaired)
    return list(signing.distinct().order_by("date")[:HOME_LIST_SIZE])


# Bodies -------------------------------------------------------------------------------------


def body_list(user) -> QuerySet[Body]:
    """Bodies the user may read, with parent, next meeting date and current member count."""
    today = timezone.localdate()
    return (
        visible_bodies(user)
        .select_related("parent")
        .annotate(
            next_meeting_date=Min("meetings__date", filter=Q(meetings__date__gte=today)),
            member_count=Count(
                "memberships", filter=_current_q("memberships__", today), distinct=True
            ),
        )
        .order_by("name")
    )


def body_upcoming_meetings(body: Body) -> QuerySet[Meeting]:
    return body.meetings.filter(date__gte=timezone.localdate()).order_by("date", "start_time")


def body_past_meetings(body: Body) -> QuerySet[Meeting]:
    return body.meetings.filter(date__lt=timezone.localdate()).order_by("-date", "-start_time")


def body_decisions(body: Body, search: str = "", user=None) -> QuerySet[Decision]:
    """The decisions register: every decision of the body's meetings, newest meeting first;
    decisions of minutes still in draft only for those who read drafts (``user`` given)."""
    decisions = Decision.objects.filter(item__meeting__body=body)
    drafts = meeting_rules.readable_minutes_q(user, "item__meeting") if user else None
    if drafts is not None:
        decisions = decisions.filter(drafts)
    if search:
        decisions = decisions.filter(Q(text__icontains=search) | Q(item__title__icontains=search))
    return decisions.select_related("item__meeting").order_by(
        "-item__meeting__date", "-item__meeting__start_time", "item__position", "position", "id"
    )


# The meeting page ------------------------------------------------------------------------------


@dataclass
class MeetingPage:
    """A meeting's record shaped for its page: items in agenda order, each carrying its
    declarations and approvals of earlier minutes; the register by category and group."""

    record: MeetingRecord
    items: list[ItemNode]
    attendance_sections: list[dict]
    chair: object | None
    # Declarations not tied to an item belong under the "Declarations of interest" item.
    loose_declarations: list
    papers: list[tuple]


def attendance_sections(record: MeetingRecord) -> list[dict]:
    """Categories in minutes order; inside each, rows grouped by group_label in the order the
    groups first appear (so "Executive Members" stays above "Non-Executive Members")."""
    sections = []
    for category, label, rows in record.attendance_groups():
        groups: dict[str, list] = {}
        for row in rows:
            groups.setdefault(row.group_label, []).append(row)
        sections.append({"category": category, "label": label, "groups": list(groups.items())})
    return sections


def _items_decorated(record: MeetingRecord) -> list[ItemNode]:
    """Each item given ``item_declarations`` and ``item_approvals``; approvals tied to no item
    go under "Minutes of the previous meeting"."""
    items = record.flat_items()
    for node in items:
        item = node.item
        item.item_declarations = [d for d in record.declarations if d.item_id == item.pk]
        item.item_approvals = [
            a
            for a in record.approvals_given
            if a.item_id == item.pk
            or (a.item_id is None and item.kind == AgendaItem.Kind.PREVIOUS_MINUTES)
        ]
    return items


def meeting_page(*, meeting: Meeting, user) -> MeetingPage:
    """The meeting page's data, in ``meeting_record``'s fixed number of queries; confidential
    business only for those who may see it. A signed meeting's is its frozen record."""
    record = meeting_record(
        meeting_id=meeting.pk,
        include_confidential=meeting_rules.can_view_confidential(user, meeting),
    )
    items = _items_decorated(record)
    return MeetingPage(
        record=record,
        items=items,
        attendance_sections=attendance_sections(record),
        chair=next((a for a in record.attendances if a.chaired), None),
        loose_declarations=[d for d in record.declarations if d.item_id is None],
        papers=[(n.item, p) for n in items for p in n.item.papers.all()],
    )
