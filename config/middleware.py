"""Request hygiene that belongs to no app."""

from django.http import HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string


class RejectNulBytesMiddleware:
    """A NUL byte in the path, the query string or a posted field is never valid input here;
    PostgreSQL refuses it in text and Python's file APIs choke on it. Answer 400 at the door
    instead of letting it reach a query and become a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return HttpResponseBadRequest(render_to_string("400.html", request=None))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            try:
                return any("\x00" in v for values in request.POST.lists() for v in values[1])
            except MultiPartParserError:  # a malformed body: Django's own handling answers it
                return False
        return False
