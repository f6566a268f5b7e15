"""Search across everything a person may read: decisions, agenda items and their minutes,
actions, meetings, and the people who sit on their bodies.

Who sees what is decided in ``partners.rules`` (``visible_body_ids``): results come only from
bodies the user is a current member of (administrators: all). Confidential items are in the
members' version of the minutes, so members find them too; the page marks them "Confidential".

PostgreSQL uses full-text search (english configuration, web-search syntax, ranking,
``ts_headline`` snippets). SQLite (``make run``) has none of that, so it falls back to
case-insensitive substring matching on the same fields, every word required, and snippets cut
in Python. The query count is fixed: one count per kind, then one query (plus fixed prefetches)
for each list shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    CharField,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe

from actions.models import Action, ActionOwner
from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Decision, Meeting
from partners import rules as partner_rules
from partners.models import Body, Membership, Person

from .search_text import (
    FRAGMENT_DELIMITER,
    MARK_START,
    MARK_STOP,
    date_range,
    excerpt,
    highlight,
    plain_for_headline,
    render_marked,
    search_terms,
    words_only,
)

PAGE_SIZE = 25
PREVIEW_SIZE = 5
MAX_QUERY_LENGTH = 200
CONFIG = "english"


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


# --- Query text ---------------------------------------------------------------------------------


def strip_html_sql(field_name: str) -> Func:
    """Tags out of sanitised HTML, inside PostgreSQL, before ``ts_headline`` sees it: the
    headline must never carry markup of its own."""
    return Func(
        F(field_name),
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=CharField(),
    )


# --- The kinds ----------------------------------------------------------------------------------


@dataclass
class Source:
    """How one kind is searched: its rows, the fields matched, the long text for a snippet."""

    queryset: QuerySet
    weighted_fields: list[tuple[object, str]]  # (field name or expression, weight)
    ordering: list[str]
    snippet_field: str | None = None
    snippet_is_html: bool = False
    # Short texts (a decision, an action) are shown whole; minutes are cut to fragments.
    snippet_whole: bool = False
    # Extra conditions on SQLite per word (e.g. owners, through a subquery).
    fallback_q: Callable[[str], Q] | None = None
    extra_match: Q | None = None


def _within(queryset: QuerySet, body_ids: set[int] | None, lookup: str) -> QuerySet:
    return queryset if body_ids is None else queryset.filter(**{f"{lookup}__in": body_ids})


def _owner_names() -> Subquery:
    """All of an action's owners as one text: person names and initials, organisations, groups."""
    from django.contrib.postgres.aggregates import StringAgg

    label = Concat(
        Coalesce("person__name", Value("")),
        Value(" "),
        Coalesce("person__initials", Value("")),
        Value(" "),
        Coalesce("organisation__name", Value("")),
        Value(" "),
        Coalesce("organisation__acronym", Value("")),
        Value(" "),
        Coalesce("team__name", Value("")),
        output_field=CharField(),
    )
    owners = (
        ActionOwner.objects.filter(action_id=OuterRef("pk"))
        .values("action_id")
        .annotate(names=StringAgg(label, delimiter=" "))
        .values("names")
    )
    return Subquery(owners, output_field=CharField())


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
    owners = ActionOwner.objects.select_related("person", "organisation", "team")
    people_ids = _within(Membership.objects.all(), body_ids, "body_id").values("person_id")
    memberships = _within(
        Membership.objects.select_related("body", "organisation"), body_ids, "body_id"
    ).order_by("body__name", "role", "id")
    # Minutes still in draft (items' text, decisions) are for the secretariat and the chair.
    drafts = meeting_rules.readable_minutes_q(user, "item__meeting") if user else None
    decisions = Decision.objects.all() if drafts is None else Decision.objects.filter(drafts)
    items = AgendaItem.objects.all()
    if user is not None and (item_drafts := meeting_rules.readable_minutes_q(user)) is not None:
        items = items.filter(item_drafts)
    meeting_match = None
    when = date_range(query)
    if when:
        meeting_match = Q(date__range=when)
    return {
        "decisions": Source(
            queryset=_within(decisions, body_ids, "item__meeting__body_id")
            .select_related("item__meeting__body")
            .order_by(),
            weighted_fields=[("text", "A"), ("item__title", "B")],
            ordering=["-item__meeting__date", "item__position", "position", "id"],
            snippet_field="text",
            snippet_is_html=True,
            snippet_whole=True,
        ),
        "items": Source(
            queryset=_within(items, body_ids, "meeting__body_id")
            .select_related("meeting__body")
            .order_by(),
            weighted_fields=[("title", "A"), ("minutes", "B")],
            ordering=["-meeting__date", "position", "id"],
            snippet_field="minutes",
            snippet_is_html=True,
        ),
        "actions": Source(
            queryset=_within(Action.objects.all(), body_ids, "meeting__body_id")
            .select_related("meeting__body", "item")
            .prefetch_related(Prefetch("owners", queryset=owners))
            .order_by(),
            weighted_fields=[("description", "A"), ("owners_text", "B")],
            ordering=["-meeting__date", "number", "id"],
            snippet_field="description",
            snippet_whole=True,
            fallback_q=_owner_q,
        ),
        "meetings": Source(
            queryset=_within(Meeting.objects.all(), body_ids, "body_id")
            .select_related("body", "joint_body")
            .order_by(),
            weighted_fields=[
                ("body__name", "A"),
                ("body__short_name", "A"),
                ("title", "A"),
                ("venue", "B"),
            ],
            ordering=["-date", "-start_time", "id"],
            extra_match=meeting_match,
        ),
        "people": Source(
            queryset=Person.objects.filter(pk__in=people_ids)
            .select_related("organisation")
            .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="found_in"))
            .order_by(),
            weighted_fields=[
                ("name", "A"),
                ("initials", "A"),
                ("job_title", "B"),
                ("organisation__name", "B"),
                ("organisation__acronym", "B"),
            ],
            ordering=["name", "id"],
        ),
    }


class _Backend:
    """Matching, ranking and snippets for one database vendor."""

    def __init__(self, query: str):
        self.query = query
        self.terms = search_terms(query)

    @cached_property
    def postgres(self) -> bool:
        return connection.vendor == "postgresql"

    def matching(self, key: str, source: Source) -> QuerySet:
        if self.postgres:
            return self._pg_matching(key, source)
        return self._fallback_matching(source)

    def _pg_matching(self, key: str, source: Source) -> QuerySet:
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        queryset = source.queryset
        if key == "actions":
            queryset = queryset.annotate(owners_text=_owner_names())
        vector = None
        for name, weight in source.weighted_fields:
            part = SearchVector(name, weight=weight, config=CONFIG)
            vector = part if vector is None else vector + part
        search_query = SearchQuery(self.query, config=CONFIG, search_type="websearch")
        queryset = queryset.annotate(document=vector)
        match = Q(document=search_query)
        rank = SearchRank(F("document"), search_query)
        if source.extra_match is not None:
            match |= source.extra_match
        queryset = queryset.filter(match).annotate(rank=rank)
        return queryset.order_by("-rank", *source.ordering)

    def _fallback_matching(self, source: Source) -> QuerySet:
        if not self.terms:
            condition = Q(pk__in=[])
        else:
            condition = Q()
            for word in self.terms:
                any_field = Q()
                for name, _weight in source.weighted_fields:
                    if name == "owners_text":
                        continue
                    any_field |= Q(**{f"{name}__icontains": word})
                if source.fallback_q is not None:
                    any_field |= source.fallback_q(word)
                condition &= any_field
        if source.extra_match is not None:
            condition |= source.extra_match
        return source.queryset.filter(condition).order_by(*source.ordering)

    def with_snippets(self, queryset: QuerySet, source: Source) -> QuerySet:
        """Annotate the headline (PostgreSQL); call only on the rows that will be shown."""
        if not (self.postgres and source.snippet_field):
            return queryset
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        text = (
            strip_html_sql(source.snippet_field)
            if source.snippet_is_html
            else F(source.snippet_field)
        )
        headline = SearchHeadline(
            text,
            SearchQuery(self.query, config=CONFIG, search_type="websearch"),
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=35,
            min_words=15,
            max_fragments=0 if source.snippet_whole else 2,
            fragment_delimiter=FRAGMENT_DELIMITER,
            highlight_all=source.snippet_whole,
        )
        return queryset.annotate(headline=headline)

    def snippet(self, obj, source: Source) -> SafeString:
        if not source.snippet_field:
            return mark_safe("")
        raw = getattr(obj, source.snippet_field) or ""
        plain = plain_for_headline(raw, from_html=source.snippet_is_html)
        if not plain:
            return mark_safe("")
        if not self.postgres:
            words = len(plain.split()) if source.snippet_whole else 30
            return excerpt(raw, self.terms, from_html=source.snippet_is_html, words=words)
        headline = getattr(obj, "headline", "") or ""
        # ts_headline says nothing about where it cut: compare with the whole text.
        shown = plain_for_headline(
            headline.replace(MARK_START, "").replace(MARK_STOP, ""), from_html=False
        )
        if source.snippet_is_html:
            shown = " ".join(html.unescape(shown).split())
        plain_words, shown_words = words_only(plain), words_only(shown)
        prefix = "" if plain_words.startswith(shown_words[:24]) else "… "
        suffix = "" if plain_words.endswith(shown_words[-24:]) else " …"
        return render_marked(prefix + headline + suffix, from_html=source.snippet_is_html)


def _decorate(key: str, obj, backend: _Backend, source: Source) -> None:
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
    """The count is already known from the per-kind counts: do not run it twice."""

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
    backend = _Backend(query)
    sources = _sources(body_ids, query, user)
    matched = {k.key: backend.matching(k.key, sources[k.key]) for k in KINDS}
    for k in KINDS:
        results.groups.append(Group(kind=k, count=matched[k.key].count()))

    def shown(key: str, rows) -> list:
        rows = list(rows)
        for obj in rows:
            _decorate(key, obj, backend, sources[key])
        return rows

    if kind is None:
        for group in results.groups:
            if group.count:
                key = group.kind.key
                rows = backend.with_snippets(matched[key], sources[key])[:PREVIEW_SIZE]
                group.hits = shown(key, rows)
        return results

    group = next(g for g in results.groups if g.kind.key == kind)
    paginator = _KnownCountPaginator(
        backend.with_snippets(matched[kind], sources[kind]), PAGE_SIZE, count=group.count
    )
    results.page = paginator.get_page(page)
    results.page.object_list = shown(kind, results.page.object_list)
    group.hits = results.page.object_list
    return results
