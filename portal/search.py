"""Search across everything a person may read: decisions, agenda items and their minutes,
actions, meetings, and the people who sit on their bodies.

Who sees what is decided in ``partners.rules`` (``visible_body_ids``): results come only from
bodies the user is a current member of (administrators: all). Confidential items are in the
members' version of the minutes, so members find them too; the page marks them "Confidential".
Draft minutes (items' text, decisions, actions) are for the secretariat and the chair
(``meetings.rules.readable_minutes_q``).

PostgreSQL uses full-text search (english configuration, web-search syntax, ranking,
``ts_headline`` snippets) over the stored index of ``portal.search_index`` (why it is a table of
its own kept by triggers is written there): each kind's visible rows, chosen by the rules above
on the live rows, are joined to their stored vectors by id; no vector is computed at query time.
One query counts every kind and picks the ids shown (best first); then one query (plus fixed
prefetches) per kind shown fetches those rows. So the query count does not grow with the data.

SQLite (``make run``) has none of that, so it falls back to case-insensitive substring matching
on the same fields, every word required, and snippets cut in Python: a count, then the rows,
per kind. Both are in ``portal.search_backend``; this module holds what may be searched (the
rules) and builds the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)
from django.utils.functional import cached_property

from actions.models import Action, ActionOwner
from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Decision, Meeting
from partners import rules as partner_rules
from partners.models import Body, Membership, Person

from .search_backend import Backend, Source, Window
from .search_text import (
    date_range,
    highlight,
)

PAGE_SIZE = 25
PREVIEW_SIZE = 5
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    singular: str


KINDS = (
    Kind("decisions", "Decisions", "decision"),
    Kind("items", "Items", "item"),
    Kind("actions", "Actions", "action"),
    Kind("meetings", "Meetings", "meeting"),
    Kind("people", "People", "person"),
)
KIND_KEYS = tuple(k.key for k in KINDS)


@dataclass
class Group:
    kind: Kind
    count: int
    hits: list = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.hits)


@dataclass
class SearchResults:
    query: str
    kind: str | None
    body: Body | None
    bodies: list[Body]
    groups: list[Group] = field(default_factory=list)
    page: Page | None = None

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def counts(self) -> dict[str, int]:
        return {g.kind.key: g.count for g in self.groups}

    @property
    def current(self) -> Kind | None:
        return next((k for k in KINDS if k.key == self.kind), None)

    @property
    def full_text(self) -> bool:
        """Whether the web-search syntax (quotes, or, -word) and stemming apply."""
        return connection.vendor == "postgresql"

    @property
    def shown_groups(self) -> list[Group]:
        """Groups with something in them, for the overview (no kind chosen)."""
        return [g for g in self.groups if g.hits]


# --- The kinds ----------------------------------------------------------------------------------


def _within(queryset: QuerySet, body_ids: set[int] | None, lookup: str) -> QuerySet:
    return queryset if body_ids is None else queryset.filter(**{f"{lookup}__in": body_ids})


def _owner_q(word: str) -> Q:
    owners = ActionOwner.objects.filter(
        Q(person__name__icontains=word)
        | Q(person__initials__iexact=word)
        | Q(organisation__name__icontains=word)
        | Q(organisation__acronym__iexact=word)
        | Q(team__name__icontains=word)
    ).values("action_id")
    return Q(pk__in=owners)


def _sources(body_ids: set[int] | None, query: str, user=None) -> dict[str, Source]:
    # Within one action, as ``ActionOwner.Meta.ordering`` has them, without its joins.
    owners = ActionOwner.objects.select_related("person", "organisation", "team").order_by(
        "position", "id"
    )
    people_ids = _within(Membership.objects.all(), body_ids, "body_id").values("person_id")
    memberships = _within(
        Membership.objects.select_related("body", "organisation"), body_ids, "body_id"
    ).order_by("body__name", "role", "id")
    # Minutes still in draft (items' text, decisions, actions) are for the secretariat and the chair.
    drafts = meeting_rules.readable_minutes_q(user, "item__meeting") if user else None
    decisions = Decision.objects.all() if drafts is None else Decision.objects.filter(drafts)
    items = AgendaItem.objects.all()
    actions = Action.objects.all()
    if user is not None and (item_drafts := meeting_rules.readable_minutes_q(user)) is not None:
        items = items.filter(item_drafts)
        actions = actions.filter(item_drafts)
    meeting_match = None
    when = date_range(query)
    if when:
        meeting_match = Q(date__range=when)
    return {
        "decisions": Source(
            queryset=_within(decisions, body_ids, "item__meeting__body_id")
            .select_related("item__meeting__body")
            .order_by(),
            fields=["text", "item__title"],
            ordering=["-item__meeting__date", "item__position", "position", "id"],
            snippet_field="text",
            snippet_is_html=True,
            snippet_whole=True,
        ),
        "items": Source(
            queryset=_within(items, body_ids, "meeting__body_id")
            .select_related("meeting__body")
            .order_by(),
            fields=["title", "minutes"],
            ordering=["-meeting__date", "position", "id"],
            snippet_field="minutes",
            snippet_is_html=True,
        ),
        "actions": Source(
            queryset=_within(actions, body_ids, "meeting__body_id")
            .select_related("meeting__body", "item")
            .prefetch_related(Prefetch("owners", queryset=owners))
            .order_by(),
            fields=["description"],
            ordering=["-meeting__date", "number", "id"],
            snippet_field="description",
            snippet_whole=True,
            fallback_q=_owner_q,
        ),
        "meetings": Source(
            queryset=_within(Meeting.objects.all(), body_ids, "body_id")
            .select_related("body", "joint_body")
            .order_by(),
            fields=["body__name", "body__short_name", "title", "venue"],
            ordering=["-date", "-start_time", "id"],
            extra_match=meeting_match,
        ),
        "people": Source(
            queryset=Person.objects.filter(pk__in=people_ids)
            .select_related("organisation")
            .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="found_in"))
            .order_by(),
            fields=["name", "initials", "job_title", "organisation__name", "organisation__acronym"],
            ordering=["name", "id"],
        ),
    }


def _decorate(key: str, obj, backend: Backend, source: Source) -> None:
    """Attach what the result list shows: a highlighted title and snippet, the confidential mark."""
    terms = backend.terms
    obj.snippet = backend.snippet(obj, source)
    if key == "decisions":
        obj.confidential = obj.item.confidential
        obj.title_html = highlight(obj.item.title, terms)
    elif key == "items":
        obj.title_html = highlight(obj.title, terms)
    elif key == "actions":
        obj.confidential = bool(obj.item_id and obj.item.confidential)
        obj.owner_labels = [o.label for o in obj.owners.all()]
        obj.owners_html = highlight(", ".join(obj.owner_labels), terms)
        if not obj.snippet:
            obj.snippet = highlight(obj.description, terms)
    elif key == "meetings":
        obj.confidential = False
        obj.title_html = highlight(obj.body.name, terms)
        obj.heading_html = highlight(obj.heading, terms)
        obj.venue_html = highlight(obj.venue, terms)
    elif key == "people":
        obj.confidential = False
        obj.title_html = highlight(obj.display_name, terms)
        obj.job_title_html = highlight(obj.job_title, terms)
        obj.organisation_html = highlight(
            obj.organisation.name if obj.organisation_id else "", terms
        )


class _KnownCountPaginator(Paginator):
    """The count is already known (from the page's own query): do not run it twice."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


def search(
    *,
    user,
    query: str,
    kind: str | None = None,
    body_slug: str | None = None,
    page: int | str | None = 1,
) -> SearchResults:
    """Search what ``user`` may read. ``kind`` narrows to one kind and paginates it (25 a page);
    without it, each kind shows its best few. ``body_slug`` narrows to one of the user's
    bodies (a slug the user cannot see is ignored, as if no body were chosen)."""
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    kind = kind if kind in KIND_KEYS else None
    visible = partner_rules.visible_body_ids(user)
    bodies = list(_within(Body.objects.order_by("name"), visible, "pk"))
    body = next((b for b in bodies if b.slug == body_slug), None) if body_slug else None
    results = SearchResults(query=query, kind=kind, body=body, bodies=bodies)
    if not query:
        return results

    body_ids = {body.pk} if body else visible
    backend = Backend(query)
    sources = _sources(body_ids, query, user)

    def shown(key: str, rows: list) -> list:
        for obj in rows:
            _decorate(key, obj, backend, sources[key])
        return rows

    if kind is None:  # each kind's best few, and how many
        found = backend.scan(sources, {k.key: (0, PREVIEW_SIZE) for k in KINDS})
        for k in KINDS:
            hits = shown(k.key, found[k.key].rows)
            results.groups.append(Group(kind=k, count=found[k.key].count, hits=hits))
        return results

    # One kind a page at a time (its count comes with the page); the others are counted.
    wanted = _page_number(page)
    plan: dict[str, Window | None] = {k.key: None for k in KINDS}
    if wanted is not None:
        plan[kind] = ((wanted - 1) * PAGE_SIZE, PAGE_SIZE)
    found = backend.scan(sources, plan)
    count = found[kind].count
    if count is None:  # past the last page: count, then show the last page as Paginator does
        count = backend.scan(sources, {kind: None})[kind].count
    results.groups = [Group(kind=k, count=found[k.key].count) for k in KINDS]
    results.page = _KnownCountPaginator([], PAGE_SIZE, count=count).get_page(page)
    rows = found[kind].rows
    if results.page.number != wanted and count:
        window = ((results.page.number - 1) * PAGE_SIZE, PAGE_SIZE)
        rows = backend.scan(sources, {kind: window})[kind].rows
    group = next(g for g in results.groups if g.kind.key == kind)
    group.count = count
    results.page.object_list = group.hits = shown(kind, rows)
    return results


def _page_number(page) -> int | None:
    """The page asked for, read as ``Paginator.get_page`` reads it: not a number is page 1;
    None for a number below 1, which it answers with the last page."""
    try:
        number = int(page)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else None
