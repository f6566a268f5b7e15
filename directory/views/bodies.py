"""Bodies: the ones a person manages, a new body (administrators), a body's settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from common.forms import errors_to_form
from partners import rules, selectors, services
from partners.models import Body

from ..forms import BodyForm
from ._shared import (
    body_context,
    body_view,
    directory_view,
    page_of,
    require,
    section_context,
)


@directory_view
@require_GET
def bodies(request):
    context = section_context(
        "bodies",
        page=page_of(request, selectors.managed_bodies(request.user)),
        can_create=rules.can_create_body(request.user),
    )
    return render(request, "directory/bodies.html", context)


@login_required
def body_create(request):
    require(rules.can_create_body(request.user))
    initial = {"standing_items": [v for v, _ in Body.StandingItem.choices], "numbering": "plain"}
    form = BodyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(**form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"{body.name} set up. Add its members next.")
            return redirect("directory_body_members", slug=body.slug)
    context = section_context("bodies", ("New body", ""), form=form)
    return render(request, "directory/body_form.html", context)


@body_view
def body_edit(request, body):
    initial = {name: getattr(body, name) for name in services.BODY_FIELDS}
    form = BodyForm(request.POST or None, initial=initial, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(body=body, **form.cleaned_data)
        except ValidationError as exc:
            body.refresh_from_db()  # the heading shows what is stored, not what was refused
            errors_to_form(form, exc)
        else:
            messages.success(request, "Settings saved.")
            return redirect("directory_body_edit", slug=body.slug)
    return render(
        request, "directory/body_settings.html", body_context(body, "settings", form=form)
    )
