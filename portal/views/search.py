"""The search results page. Everything it shows comes from ``portal.search.search``, which
asks ``partners.rules`` what the user may read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..search import search


@login_required
def search_results(request):
    results = search(
        user=request.user,
        query=request.GET.get("q", ""),
        kind=request.GET.get("kind") or None,
        body_slug=request.GET.get("body") or None,
        page=request.GET.get("page") or 1,
    )
    context = {
        "results": results,
        "search_query": results.query,
        "nav_section": "search",
    }
    return render(request, "portal/search_results.html", context)
