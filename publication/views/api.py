"""The open data API (OParl 1.1, read-only, no login). Thin: ``public.oparl`` decides what each
object holds and what is public; these views parse the request and answer JSON."""

from __future__ import annotations

import functools
import json

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .. import oparl

JSON = "application/json; charset=utf-8"


def _json(data: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type=JSON, status=status
    )
    # Open data: any web page may read it (OParl asks servers to allow cross-origin reads).
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


def _error(status: int, message: str) -> HttpResponse:
    return _json({"type": "Error", "message": message, "status": status}, status=status)


def endpoint(view):
    @functools.wraps(view)
    @require_GET
    def wrapper(request, *args, **kwargs):
        try:
            return _json(view(oparl.Api(request), request, *args, **kwargs))
        except oparl.BadRequest as exc:
            return _error(400, str(exc))
        except oparl.NotFound:
            return _error(404, "There is no such public object.")

    return wrapper


def _list(api, request, segments):
    window = oparl.Window.from_query(request.GET)
    return oparl.object_list(api, segments(window), request.GET)


@endpoint
def system(api, request):
    return oparl.system(api)


@endpoint
def body_list(api, request):
    return _list(api, request, lambda window: oparl.body_segments(api, window))


@endpoint
def body(api, request, pk):
    return oparl.get_body(api, pk)


def _body_list(make_segments):
    """A list view over one publishing body's objects (``make_segments(api, body, window)``)."""

    @endpoint
    def view(api, request, pk):
        body = api.body(pk)
        return _list(api, request, lambda window: make_segments(api, body, window))

    return view


body_organizations = _body_list(oparl.organization_segments)
body_people = _body_list(oparl.person_segments)
body_memberships = _body_list(oparl.membership_segments)
body_meetings = _body_list(oparl.meeting_segments)
body_agenda_items = _body_list(oparl.agenda_item_segments)
body_papers = _body_list(oparl.paper_segments)
body_files = _body_list(oparl.file_segments)


@endpoint
def organization(api, request, key):
    return oparl.get_organization(api, key)


@endpoint
def person(api, request, pk):
    return oparl.get_person(api, pk)


@endpoint
def membership(api, request, pk):
    return oparl.get_membership(api, pk)


@endpoint
def meeting(api, request, pk):
    return oparl.get_meeting(api, pk)


@endpoint
def agenda_item(api, request, pk):
    return oparl.get_agenda_item(api, pk)


@endpoint
def paper(api, request, pk):
    return oparl.get_paper(api, pk)


@endpoint
def file(api, request, key):
    return oparl.get_file(api, key)


@endpoint
def location(api, request, pk):
    return oparl.get_location(api, pk)
