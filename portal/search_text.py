"""Text side of search: reading the query (words, a date or a month), and marking matches in
titles and snippets safely (escaped first, then marked). No database here: both the PostgreSQL
and the SQLite paths of ``portal.search`` use these."""

from __future__ import annotations

import datetime as dt
import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

# Highlight markers: private-use characters, so text can be escaped as a whole and only the
# markers turned into <mark> afterwards. Whatever the minutes contain stays inert text.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
FRAGMENT_DELIMITER = " … "


def search_terms(query: str) -> list[str]:
    """The words a person asked for, in the web-search syntax PostgreSQL understands:
    quotes group, ``or`` is an operator, a leading ``-`` excludes a word."""
    terms = []
    for match in re.finditer(r"(-?)(\w+)", query):
        word = match.group(2).lower()
        if match.group(1) or word == "or":
            continue
        if word not in terms:
            terms.append(word)
    return terms


_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)
_DAY_FORMATS = ("%d %B %Y", "%d %b %Y", "%a %d %B %Y", "%A %d %B %Y", "%d/%m/%Y", "%Y-%m-%d")
_MONTH_FORMATS = ("%B %Y", "%b %Y")


def date_range(query: str) -> tuple[dt.date, dt.date] | None:
    """A query that is a date ("9 November 2011", "9/11/2011") or a month ("November 2011")
    finds the meetings held then: people look meetings up by when they happened."""
    text = " ".join(_ORDINAL.sub(r"\1", query.replace(",", " ")).split())
    for fmt in _DAY_FORMATS:
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return day, day
    for fmt in _MONTH_FORMATS:
        try:
            first = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    return None


# --- Snippets -----------------------------------------------------------------------------------


def render_marked(text: str, *, from_html: bool = False) -> SafeString:
    """Escape ``text`` whole, then turn the markers into <mark> elements (balanced).

    ``from_html``: the text was cut out of sanitised HTML whose tags were removed, so its
    entities (&amp;, &lt;) are decoded first and then escaped once, as plain text."""
    if from_html:
        text = html.unescape(text)
    text = " ".join(text.split())
    out: list[str] = []
    open_ = False
    for part in re.split(f"({MARK_START}|{MARK_STOP})", text):
        if part == MARK_START:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif part == MARK_STOP:
            if open_:
                out.append("</mark>")
                open_ = False
        elif part:
            out.append(str(escape(part)))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308  (every piece of text is escaped just above)


def _term_pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    # Word starts, so "meeting" also marks "meetings" (PostgreSQL matches stems).
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """A short field (a title, a name, a venue) with the query's words marked."""
    pattern = _term_pattern(terms)
    if pattern is None or not text:
        return render_marked(text or "")
    return render_marked(pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", text))


def excerpt(text: str, terms: list[str], *, from_html: bool, words: int = 30) -> SafeString:
    """A snippet around the first matching word, for databases without ``ts_headline``."""
    plain = " ".join((strip_tags(text) if from_html else text).split())
    if from_html:
        plain = html.unescape(plain)
    tokens = plain.split(" ")
    pattern = _term_pattern(terms)
    first = 0
    if pattern is not None:
        first = next((i for i, tok in enumerate(tokens) if pattern.search(tok)), 0)
    start = max(0, min(first - words // 3, len(tokens) - words))
    chosen = tokens[start : start + words]
    snippet = " ".join(chosen)
    if pattern is not None:
        snippet = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", snippet)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return render_marked(prefix + snippet + suffix)


def words_only(text: str) -> str:
    """Only the words: ts_headline drops punctuation at the edges of what it shows."""
    return " ".join(re.findall(r"\w+", text))


def plain_for_headline(text: str, *, from_html: bool) -> str:
    """Text as the headline sees it: tags replaced by spaces (as ``strip_html_sql`` does),
    entities decoded, white space collapsed."""
    if from_html:
        text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    return " ".join(text.split())
