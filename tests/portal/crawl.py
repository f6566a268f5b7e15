"""Follow every link the product shows, breadth-first, and note what each one answers.

Used by tests/portal/test_crawl.py twice: in-process on PostgreSQL, and as
``python -m tests.portal.crawl`` on a fresh SQLite database, the path `make run` takes
(SQLite computes some expressions differently, and a demo that 500s is the first thing a new
user meets).
"""

from __future__ import annotations

import json
import sys
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html

# Logging out would end the crawl; the admin site is Django's own and has hundreds of links.
SKIP_PREFIXES = ("/accounts/logout/", "/admin/")
# Downloads are rendered once per kind of document, not once per meeting: a PDF takes about
# half a second, and the link checks above already prove each meeting's links exist.
DOWNLOAD_SUFFIXES = (".pdf", ".docx", ".ics", ".csv")
# Pages of the same shape (view, query keys, tab) are visited this many times at most: the
# demo's fourteen meetings and every sort order of a list would otherwise take minutes.
PER_SHAPE = 4


@dataclass
class CrawlResult:
    statuses: dict[str, int] = field(default_factory=dict)
    found_on: dict[str, str] = field(default_factory=dict)

    def failures(self) -> list[str]:
        """Links that answered 404 or a server error, with the page that showed them."""
        return [
            f"{status} {url} (linked from {self.found_on.get(url, 'start')})"
            for url, status in self.statuses.items()
            if status == 404 or status >= 500
        ]


def _download_kind(path: str) -> str | None:
    for suffix in DOWNLOAD_SUFFIXES:
        if path.endswith(suffix):
            return path.rsplit("/", 1)[-1]
    if "format=csv" in path:
        return "csv"
    return None


def page_links(page_url: str, html: bytes) -> list[str]:
    """Internal links of a page as site paths with their query, fragments dropped."""
    if not html.strip():
        return []
    tree = lxml.html.fromstring(html)
    out = []
    for href in tree.xpath("//a/@href"):
        href = href.strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        absolute, _ = urldefrag(urljoin("http://testserver" + page_url, href))
        parts = urlsplit(absolute)
        if parts.netloc != "testserver":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIP_PREFIXES):
            out.append(path)
    return out


def _shape(path: str) -> tuple:
    from django.urls import Resolver404, resolve

    parts = urlsplit(path)
    try:
        name = resolve(parts.path).url_name
    except Resolver404:
        return (path,)
    query = dict(pair.partition("=")[::2] for pair in parts.query.split("&") if pair)
    return (name, tuple(sorted(query)), query.get("tab"))


def crawl(client, start: str = "/", limit: int = 300) -> CrawlResult:
    """GET every internal link reachable from ``start`` (at most ``limit`` pages)."""
    result = CrawlResult()
    queue = deque([start])
    downloads_seen: set[str] = set()
    shapes: dict[tuple, int] = {}
    while queue and len(result.statuses) < limit:
        url = queue.popleft()
        if url in result.statuses:
            continue
        kind = _download_kind(url)
        if kind is not None:
            if kind in downloads_seen:
                continue
            downloads_seen.add(kind)
        shape = _shape(url)
        if shapes.get(shape, 0) >= PER_SHAPE:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(url)
        result.statuses[url] = response.status_code
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        for link in page_links(url, response.content):
            if link not in result.statuses and link not in result.found_on:
                result.found_on[link] = url
                queue.append(link)
    return result


def main(usernames: list[str]) -> int:
    """Crawl as each demo login against the configured database; print failures as JSON."""
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client's "testserver" host through
    report = {}
    for username in usernames:
        client = Client(raise_request_exception=False)
        # Log in through the login page, as a person does (django-axes counts the attempt).
        response = client.post(
            "/accounts/login/", {"username": username, "password": "minutebook-demo"}
        )
        assert response.status_code == 302, f"{username} could not log in"
        result = crawl(client)
        report[username] = {"pages": len(result.statuses), "failures": result.failures()}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
