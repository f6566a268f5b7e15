"""Reads for actions, shaped for the pages and the reminder sweep (fixed query counts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from meetings.rules import readable_minutes_q
from partners.models import Body, Person

from . import rules
from .models import Action, ActionOwner, ActionUpdate


def _owners() -> QuerySet[ActionOwner]:
    # Ordered within each action only: the models' default orderings start with "action",
    # which would join every prefetched row to its action and meeting just to sort them.
    return ActionOwner.objects.select_related(
        "person__organisation", "organisation", "team"
    ).order_by("position", "id")


def actions_with_owners() -> QuerySet[Action]:
    updates = ActionUpdate.objects.select_related("author", "meeting").order_by(
        "-created_at", "-id"
    )
    return Action.objects.select_related(
        "meeting__body", "item", "closed_at_meeting"
    ).prefetch_related(
        Prefetch("owners", queryset=_owners()), Prefetch("updates", queryset=updates)
    )


LOG_FIELDS = (
    "meeting__date",
    "meeting__body__reminder_notice_days",
    "item__number",
    "item__title",
    "number",
    "reference",
    "description",
    "due_date",
    "due_note",
    "status",
    "closed_on",
    "closed_at_meeting__date",
)


def actions_for_log() -> QuerySet[Action]:
    """Actions shaped for the action log and its CSV: the owners, and only the latest update
    as ``latest_updates`` (all that either shows; an action's history can be long)."""
    # Only the columns the log and the CSV show: a row joins four tables, and loading every
    # column of each (an item's minutes among them) cost more than the query itself.
    owners = ActionOwner.objects.select_related("person", "organisation", "team").only(
        "action_id", "person__honorific", "person__name", "organisation__name", "team__name"
    )
    latest = ActionUpdate.objects.only("action_id", "created_at", "note", "status_after").order_by(
        "-created_at", "-id"
    )[:1]
    return (
        Action.objects.select_related("meeting__body", "item", "closed_at_meeting")
        .only(*LOG_FIELDS)
        .prefetch_related(
            Prefetch("owners", queryset=owners.order_by("position", "id")),
            Prefetch("updates", queryset=latest, to_attr="latest_updates"),
        )
    )


OUTSTANDING = (Action.Status.OPEN, Action.Status.IN_PROGRESS)


class Bucket:
    OVERDUE = 0
    DUE_SOON = 1
    LATER = 2
    NO_DATE = 3
    LABELS = {
        OVERDUE: "Overdue",
        DUE_SOON: "Due soon",
        LATER: "Later",
        NO_DATE: "No due date",
    }


class DateMinusDays(Func):
    """``date - integer days`` as a date on every backend we run on. PostgreSQL does it
    natively; SQLite (``make run``) would turn the ISO text into a number and return an
    integer, which broke My actions and put every dated action in "due soon"."""

    arity = 2
    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", '-' || ",
        )


def remind_from() -> DateMinusDays:
    """The first day of an action's notice period: its due date less the body's notice days."""
    return DateMinusDays(F("due_date"), F("meeting__body__reminder_notice_days"))


def with_bucket(queryset: QuerySet[Action], today: dt.date) -> QuerySet[Action]:
    """Annotate ``bucket`` (overdue, due soon, later, no date) and order by it, then by date."""
    return queryset.annotate(
        notice_from=remind_from(),
        bucket=Case(
            When(due_date__isnull=True, then=Value(Bucket.NO_DATE)),
            When(due_date__lt=today, then=Value(Bucket.OVERDUE)),
            When(notice_from__lte=today, then=Value(Bucket.DUE_SOON)),
            default=Value(Bucket.LATER),
            output_field=IntegerField(),
        ),
    ).order_by("bucket", F("due_date").asc(nulls_last=True), "meeting__date", "number", "pk")


def actions_for_cards() -> QuerySet[Action]:
    """Actions shaped for the cards of My actions: owners, and a count of the updates (the
    cards load their history when opened)."""
    owners = _owners()
    updates = (
        ActionUpdate.objects.filter(action=OuterRef("pk"))
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Action.objects.select_related("meeting__body", "item", "closed_at_meeting")
        .prefetch_related(Prefetch("owners", queryset=owners))
        .annotate(update_count=Coalesce(Subquery(updates), 0))
    )


def person_actions(person: Person, body_ids: set[int]) -> QuerySet[Action]:
    """Every action the person owns in the product's sense (see ``rules.owned_actions_q``),
    once each. The ids are read first (one query; a person owns tens or hundreds of actions
    however many there are), so the page's own queries start from the primary key."""
    ids = list(rules.owned_action_ids(person, body_ids))
    return actions_for_cards().filter(pk__in=ids)


def my_actions(
    *,
    person: Person,
    body_ids: set[int],
    done: bool = False,
    body: Body | None = None,
    status: str = "",
    today: dt.date | None = None,
) -> QuerySet[Action]:
    """The member's list: outstanding ones by urgency, or the done list (newest first)."""
    today = today or timezone.localdate()
    qs = person_actions(person, body_ids)
    if body is not None:
        qs = qs.filter(meeting__body=body)
    if done:
        qs = qs.filter(status__in=Action.CLOSED)
        if status in Action.CLOSED:
            qs = qs.filter(status=status)
        return qs.order_by(F("closed_on").desc(nulls_last=True), "-updated_at", "-pk")
    qs = qs.filter(status__in=OUTSTANDING)
    if status in OUTSTANDING:
        qs = qs.filter(status=status)
    return with_bucket(qs, today)


HELD_ELSEWHERE_SHOWN = 50


def held_elsewhere(person: Person, body_ids: set[int]) -> tuple[list[Action], int]:
    """Open actions the person's organisation or group holds from bodies they do not sit on
    (``rules.held_elsewhere_q``), most urgent first, and how many there are in all. Each
    carries ``shows_wording`` (``rules.shows_wording_held_elsewhere``): the template prints its
    wording only when that is set."""
    ids = list(rules.held_elsewhere_ids(person, body_ids))
    qs = (
        Action.objects.select_related("meeting__body", "item")
        .prefetch_related(Prefetch("owners", queryset=_owners()))
        .filter(pk__in=ids, status__in=OUTSTANDING)
    )
    actions = list(with_bucket(qs, timezone.localdate())[:HELD_ELSEWHERE_SHOWN])
    for action in actions:
        action.shows_wording = rules.shows_wording_held_elsewhere(action)
    total = len(actions) if len(actions) < HELD_ELSEWHERE_SHOWN else qs.count()
    return actions, total


@dataclass
class Group:
    bucket: int
    label: str
    actions: list[Action]

    @property
    def slug(self) -> str:
        return self.label.lower().replace(" ", "-")


def group_by_bucket(actions: list[Action]) -> list[Group]:
    """Consecutive runs of the same bucket (the list is already ordered by bucket)."""
    groups: list[Group] = []
    for action in actions:
        if not groups or groups[-1].bucket != action.bucket:
            groups.append(Group(action.bucket, Bucket.LABELS[action.bucket], []))
        groups[-1].actions.append(action)
    return groups


def action_for_page(pk: int) -> Action | None:
    # By primary key: the default ordering would join the meeting to order one row.
    return actions_with_owners().filter(pk=pk).order_by("pk").first()


# Body action log ------------------------------------------------------------------------------

LOG_SORTS = {
    "number": ("meeting__date", "number"),
    "-number": ("-meeting__date", "-number"),
    "due": (F("due_date").asc(nulls_last=True), "meeting__date", "number"),
    "-due": (F("due_date").desc(nulls_last=True), "-meeting__date", "-number"),
    "status": ("status", F("due_date").asc(nulls_last=True), "number"),
    "-status": ("-status", F("due_date").asc(nulls_last=True), "number"),
    "meeting": ("meeting__date", "number"),
    "-meeting": ("-meeting__date", "number"),
}
DEFAULT_LOG_SORT = "-meeting"


def body_action_log(*, body: Body, user, sort: str = DEFAULT_LOG_SORT) -> QuerySet[Action]:
    """A body's actions as a reader of the body sees them, shaped for the log and its CSV
    export: those of draft minutes only for the secretariat and the chair, who read the draft
    (``meetings.rules.readable_minutes_q``, as ``rules.visible_actions_q`` asks)."""
    order = LOG_SORTS.get(sort, LOG_SORTS[DEFAULT_LOG_SORT])
    actions = actions_for_log().filter(meeting__body=body)
    if (readable := readable_minutes_q(user)) is not None:
        actions = actions.filter(readable)
    return actions.order_by(*order, "pk")


def body_action_log_page(actions: QuerySet[Action], *, per_page: int, number) -> Page:
    """One page of ``body_action_log`` (filtered), in the same number of queries.

    The page's ids are sorted and sliced in a subquery over the narrow rows (the action and its
    meeting), and only those rows are joined to their items, meetings, owners and latest
    update: sorting the joined rows made PostgreSQL read an item and a meeting for every
    action in the body's history to show 25 of them."""
    page = Paginator(actions, per_page).get_page(number)
    ids = page.object_list.values("pk")
    page.object_list = list(actions_for_log().filter(pk__in=ids).order_by(*actions.query.order_by))
    return page


@dataclass
class OverdueRow:
    label: str
    organisation: str
    actions: list[Action]


def body_overdue_summary(*, body: Body, today: dt.date | None = None) -> dict:
    """Outstanding actions past their due date, grouped by owner and by organisation.

    An action with two owners appears under each; organisations count each action once.
    """
    today = today or timezone.localdate()
    actions = list(
        actions_with_owners()
        .filter(meeting__body=body, status__in=OUTSTANDING, due_date__lt=today)
        .order_by("due_date", "meeting__date", "number")
    )
    by_owner: dict[tuple, OverdueRow] = {}
    by_org: dict[str, list[Action]] = {}
    for action in actions:
        orgs_seen = set()
        for owner in action.owners.all():
            if owner.person_id:
                org = owner.person.organisation
                key = ("person", owner.person_id)
                label = owner.person.display_name
            elif owner.organisation_id:
                org = owner.organisation
                key = ("organisation", owner.organisation_id)
                label = owner.organisation.name
            else:
                org = None
                key = ("team", owner.team_id)
                label = owner.team.name
            org_name = org.name if org else "No organisation"
            row = by_owner.setdefault(key, OverdueRow(label, org_name if org else "", []))
            row.actions.append(action)
            if org_name not in orgs_seen:
                orgs_seen.add(org_name)
                by_org.setdefault(org_name, []).append(action)
    owners = sorted(by_owner.values(), key=lambda r: (-len(r.actions), r.label))
    organisations = sorted(by_org.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return {
        "actions": actions,
        "by_owner": owners,
        "by_organisation": organisations,
        "today": today,
    }


def person_meetings_q(body_ids: set[int]) -> Q:
    return Q(body_id__in=body_ids) | Q(joint_body_id__in=body_ids)
