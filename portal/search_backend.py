"""How ``portal.search`` matches, ranks and cuts snippets, per database vendor: PostgreSQL's
full-text search over the stored index (``portal.search_index``), or SQLite's substring
fallback. ``portal.search`` says which rows of each kind a person may search (the rules) and
builds the page; this module only finds, within those rows, what matches the query."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    QuerySet,
    Value,
)
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe

from .models import SearchEntry
from .search_text import (
    FRAGMENT_DELIMITER,
    MARK_START,
    MARK_STOP,
    excerpt,
    plain_for_headline,
    render_marked,
    search_terms,
    words_only,
)

CONFIG = "english"


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


@dataclass
class Source:
    """How one kind is searched: its rows, the fields matched, the long text for a snippet.

    ``fields`` are what the SQLite fallback matches; on PostgreSQL the stored vectors hold the
    same fields, weighted (``portal/migrations/0001_search_index.py``)."""

    queryset: QuerySet
    fields: list[str]
    ordering: list[str]
    snippet_field: str | None = None
    snippet_is_html: bool = False
    # Short texts (a decision, an action) are shown whole; minutes are cut to fragments.
    snippet_whole: bool = False
    # Extra conditions on SQLite per word (e.g. owners, through a subquery).
    fallback_q: Callable[[str], Q] | None = None
    extra_match: Q | None = None


Window = tuple[int, int]  # (offset, limit) of the rows to show


@dataclass
class Found:
    """What a scan found of one kind: the rows to show and how many match in all."""

    rows: list
    count: int | None


class Backend:
    """Matching, ranking and snippets for one database vendor."""

    def __init__(self, query: str):
        self.query = query
        self.terms = search_terms(query)

    @cached_property
    def postgres(self) -> bool:
        return connection.vendor == "postgresql"

    def scan(self, sources: dict[str, Source], plan: dict[str, Window | None]) -> dict[str, Found]:
        """For each kind in ``plan``: how many of its visible rows match and, when ``plan`` gives
        a window (offset, limit), those rows of it, best first, with snippets. The count is None
        when a window past the last match leaves nothing to count with (PostgreSQL).

        PostgreSQL: one query for every kind, then one (plus fixed prefetches) per kind with rows
        to show. SQLite: a count, then the rows, per kind."""
        if not self.postgres:
            found = {}
            for key, window in plan.items():
                matched = self._fallback_matching(sources[key])
                count = matched.count()
                rows = []
                if window is not None and count > window[0]:
                    offset, limit = window
                    shown = self.with_snippets(matched, sources[key])
                    rows = list(shown[offset : offset + limit])
                found[key] = Found(rows, count)
            return found
        ranked = self._pg_ranked(sources, plan)
        found = {}
        for key, window in plan.items():
            ids, count = ranked.get(key, ([], None))
            if count is None and (window is None or window[0] == 0):
                count = 0  # no row of the kind's part: none match
            rows = []
            if ids:
                shown = self.with_snippets(sources[key].queryset.filter(pk__in=ids), sources[key])
                by_id = {obj.pk: obj for obj in shown}
                rows = [by_id[pk] for pk in ids if pk in by_id]
            found[key] = Found(rows, count)
        return found

    def _pg_ranked(self, sources: dict[str, Source], plan: dict[str, Window | None]):
        """One query for all kinds: per kind, the number of its visible rows whose stored vector
        matches and, for a window, the ids of those rows in it, best first (``ts_rank`` of the
        stored vector, then the kind's own order). The count of a listed kind is a window count
        over the same scan as its rows, so nothing is scanned twice.

        The visible rows are each source's queryset compiled by the ORM as it stands: the rules
        that chose them are not restated here. PostgreSQL joins them to their entries by id, and
        chooses how: each visible row's entry by primary key (a common word in a few bodies), or
        the GIN index (a rare word among many rows)."""
        tsquery = "websearch_to_tsquery(%s::regconfig, %s)"
        tsquery_params = [CONFIG, self.query]
        parts, params = [], []
        for key, window in plan.items():
            source = sources[key]
            columns = {"search_id": F("pk")}
            order = ["m.rank DESC NULLS LAST"]
            for n, name in enumerate(source.ordering):
                columns[f"search_o{n}"] = F(name.removeprefix("-"))
                order.append(f"m.search_o{n}{' DESC' if name.startswith('-') else ''}")
            match = f"e.vector @@ {tsquery}"
            match_params = tsquery_params
            join = "JOIN"
            if source.extra_match is not None:  # meetings found by their date, entry or not
                columns["search_extra"] = ExpressionWrapper(source.extra_match, BooleanField())
                match, join = f"({match} OR v.search_extra)", "LEFT JOIN"
            visible = source.queryset.order_by().annotate(**columns).values(*columns)
            try:
                visible_sql, visible_params = visible.query.sql_with_params()
            except EmptyResultSet:  # no body to look in: nothing to ask
                continue
            matched = (
                f"FROM ({visible_sql}) v {join} {SearchEntry._meta.db_table} e "
                f"ON e.kind = %s AND e.object_id = v.search_id WHERE {match}"
            )
            matched_params = [*visible_params, key, *match_params]
            if window is None:
                parts.append(f"SELECT %s, NULL::bigint, count(*), NULL::bigint {matched}")
                params += [key, *matched_params]
                continue
            offset, limit = window
            parts.append(
                "SELECT %s, p.search_id, p.total, p.place FROM ("
                "SELECT m.search_id, count(*) OVER () AS total, "
                f"row_number() OVER (ORDER BY {', '.join(order)}) AS place FROM ("
                f"SELECT v.*, ts_rank(e.vector, {tsquery}) AS rank {matched}"
                ") m) p WHERE p.place > %s AND p.place <= %s"
            )
            params += [key, *tsquery_params, *matched_params, offset, offset + limit]
        if not parts:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(f"({part})" for part in parts), params)
            rows = cursor.fetchall()
        ranked: dict[str, tuple[list[int], int]] = {}
        for key, object_id, total, _place in sorted(rows, key=lambda r: (r[0], r[3] or 0)):
            ids = ranked[key][0] if key in ranked else []
            if object_id is not None:
                ids.append(object_id)
            ranked[key] = (ids, total)
        return ranked

    def _fallback_matching(self, source: Source) -> QuerySet:
        if not self.terms:
            condition = Q(pk__in=[])
        else:
            condition = Q()
            for word in self.terms:
                any_field = Q()
                for name in source.fields:
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
