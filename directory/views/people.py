"""People: the list with search, a person's page, adding and editing, inviting to log in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from common.forms import errors_to_form
from partners import rules, selectors
from partners import services as partner_services

from .. import selectors as directory_selectors
from .. import services
from ..forms import PersonForm
from ._shared import directory_view, page_of, search_term, section_context


@directory_view
@require_GET
def people(request):
    search = search_term(request)
    page = page_of(request, selectors.directory_people(request.user, search))
    return render(
        request, "directory/people.html", section_context("people", page=page, search=search)
    )


@directory_view
def person_create(request):
    may_grant = rules.can_grant_administrator(request.user)
    form = PersonForm(request.POST or None, admin_flag=may_grant, invite_option=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        invite, admin = data.pop("invite"), data.pop("is_administrator", False)
        try:
            person = partner_services.person_create(**data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            if admin:
                partner_services.person_set_administrator(person=person, value=True)
            messages.success(request, f"{person.display_name} added.")
            if invite:
                _invite(request, person)
            return redirect("directory_person", pk=person.pk)
    context = section_context("people", ("Add a person", ""), form=form)
    return render(request, "directory/person_form.html", context)


@login_required
@require_GET
def person_detail(request, pk):
    person = selectors.editable_person_for_user(request.user, pk)
    managed = rules.managed_body_ids(request.user)
    context = section_context(
        "people",
        (person.display_name, ""),
        person=person,
        profile=selectors.person_profile(person),
        actions=directory_selectors.person_open_actions(request.user, person),
        manages_all=managed is None,
        managed_ids=managed or set(),
        can_merge=rules.can_merge_people(request.user),
    )
    return render(request, "directory/person_detail.html", context)


@login_required
def person_edit(request, pk):
    person = selectors.editable_person_for_user(request.user, pk)
    may_grant = rules.can_grant_administrator(request.user)
    initial = {name: getattr(person, name) for name in partner_services.PERSON_FIELDS}
    initial["is_administrator"] = person.is_administrator
    form = PersonForm(request.POST or None, initial=initial, admin_flag=may_grant)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        admin = data.pop("is_administrator", None)
        try:
            partner_services.person_update(person=person, **data)
            if may_grant and admin != person.is_administrator:
                partner_services.person_set_administrator(person=person, value=admin)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"{person.display_name}: details saved.")
            return redirect("directory_person", pk=person.pk)
    crumbs = [(person.display_name, person_url(person)), ("Edit", "")]
    context = section_context("people", *crumbs, form=form, person=person)
    return render(request, "directory/person_form.html", context)


@login_required
@require_POST
def person_invite(request, pk):
    person = selectors.editable_person_for_user(request.user, pk)
    _invite(request, person)
    return redirect("directory_person", pk=person.pk)


def _invite(request, person) -> None:
    try:
        user = services.person_invite(person=person, invited_by=rules.person_for(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except OSError as exc:  # the mail server refused or is down; nothing was kept
        messages.error(request, f"The invitation could not be sent ({exc}). Try again later.")
    else:
        messages.success(
            request,
            f"Invitation sent to {person.email}. {person.name} logs in as “{user.get_username()}” "
            "once they have chosen a password (the link works for 14 days).",
        )


def person_url(person) -> str:
    return reverse("directory_person", kwargs={"pk": person.pk})
