"""The open data API (OParl 1.1, read-only, no login). Thin: ``publication.oparl`` decides what each
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


def _body_list(make_segments, kind: str):
    """A list view over one publishing body's objects (``make_segments(api, body, window)``);
    for a body that stopped publishing, only what it took out of the record (``kind``)."""

    @endpoint
    def view(api, request, pk):
        if pk not in api.body_ids and oparl.withdrawn_body(pk):
            return _list(api, request, lambda window: oparl.gone_segments(api, kind, pk, window))
        body = api.body(pk)
        return _list(api, request, lambda window: make_segments(api, body, window))

    return view


Kind = oparl.Tombstone.Kind
body_organizations = _body_list(oparl.organization_segments, Kind.ORGANIZATION)
body_people = _body_list(oparl.person_segments, Kind.PERSON)
body_memberships = _body_list(oparl.membership_segments, Kind.MEMBERSHIP)
body_meetings = _body_list(oparl.meeting_segments, Kind.MEETING)
body_agenda_items = _body_list(oparl.agenda_item_segments, Kind.AGENDA_ITEM)
body_papers = _body_list(oparl.paper_segments, Kind.PAPER)
body_files = _body_list(oparl.file_segments, Kind.FILE)


def _object(get, kind: str):
    """An object's own URL: the object, or what OParl keeps of it once it has left the public
    record (``deleted: true``), never a bare 404 for something a client may hold."""

    @endpoint
    def view(api, request, **kwargs):
        [key] = kwargs.values()
        try:
            return get(api, key)
        except oparl.NotFound:
            return oparl.get_gone(api, kind, key)

    return view


body = _object(oparl.get_body, Kind.BODY)
organization = _object(oparl.get_organization, Kind.ORGANIZATION)
person = _object(oparl.get_person, Kind.PERSON)
membership = _object(oparl.get_membership, Kind.MEMBERSHIP)
meeting = _object(oparl.get_meeting, Kind.MEETING)
agenda_item = _object(oparl.get_agenda_item, Kind.AGENDA_ITEM)
paper = _object(oparl.get_paper, Kind.PAPER)
file = _object(oparl.get_file, Kind.FILE)
location = _object(oparl.get_location, Kind.LOCATION)
