"""A publishing body's calendar (ICS), to subscribe to without logging in."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .. import calendar, selectors


@require_GET
def body_calendar(request, slug):
    body = selectors.public_body(slug)
    response = HttpResponse(calendar.body_feed(body), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{body.slug}.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response
