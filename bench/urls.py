"""The project's URLs plus the floor: the cheapest page a logged-in person can be served."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

from partners.models import Person


@login_required
def floor(request):
    """One query of our own behind the same middleware (session, login, CSRF, CSP) as every
    page: what no page can beat, so each page is reported as a multiple of it."""
    name = Person.objects.filter(user_id=request.user.pk).values_list("name", flat=True).first()
    return HttpResponse(f"<!doctype html><title>floor</title><p>{name}</p>")


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("config.urls")),
]
