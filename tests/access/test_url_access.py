"""Walk every named URL of the project and check who gets what (see spec.py for the contract).

A URL nobody classified fails ``test_every_url_is_classified``; an entry naming a URL that does
not exist fails ``test_every_entry_names_a_url``.
"""

import importlib
import pkgutil
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import expectations

from .spec import ROLES, Access

# Django's admin has its own staff checks and is not part of the product's pages.
SKIPPED_NAMESPACES = {"admin"}


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in SKIPPED_NAMESPACES:
                    continue
                ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def collect_entries() -> list[Access]:
    entries: list[Access] = []
    for info in sorted(pkgutil.iter_modules(expectations.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{expectations.__name__}.{info.name}")
        entries.extend(getattr(module, "ACCESS", []))
    return entries


ENTRIES = collect_entries()


def _params():
    params, seen = [], {}
    for entry in ENTRIES:
        seen[entry.label] = seen.get(entry.label, 0) + 1
        label = entry.label if seen[entry.label] == 1 else f"{entry.label}#{seen[entry.label]}"
        for role in ROLES:
            params.append(pytest.param(entry, role, id=f"{label}-{role}"))
    return params


def test_every_url_is_classified():
    classified = {entry.name for entry in ENTRIES}
    unclassified = sorted(url_names() - classified)
    assert unclassified == [], (
        "Add these URL names to a module in tests/access/expectations/: " + ", ".join(unclassified)
    )


def test_every_entry_names_a_url():
    unknown = sorted({entry.name for entry in ENTRIES} - url_names())
    assert unknown == [], "These Access entries name URLs that do not exist: " + ", ".join(unknown)


@pytest.mark.parametrize(("entry", "role"), _params())
def test_url_access(client, scenario, entry, role):
    url = reverse(entry.name, kwargs=entry.resolve_kwargs(scenario))
    if role != "anonymous":
        client.force_login(scenario.users[role])
    send = getattr(client, entry.method)
    response = send(url, data=entry.resolve_data(scenario), headers=entry.headers)

    expected = entry.expected(role)
    assert response.status_code == expected, (
        f"{entry.method.upper()} {url} as {role}: expected {expected}, got {response.status_code}"
    )
    if role == "anonymous" and expected == 302 and entry.anonymous_to_login:
        login_path = urlsplit(resolve_url(settings.LOGIN_URL)).path
        assert urlsplit(response["Location"]).path == login_path
