"""Organisations: the list with search, adding one, and (administrators) editing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from common.forms import errors_to_form
from partners import rules, selectors, services
from partners.models import Organisation

from ..forms import OrganisationForm
from ._shared import directory_view, page_of, search_term, section_context


@directory_view
@require_GET
def organisations(request):
    search = search_term(request)
    context = section_context(
        "organisations",
        page=page_of(request, selectors.directory_organisations(search)),
        search=search,
        can_edit=rules.can_edit_organisations(request.user),
    )
    return render(request, "directory/organisations.html", context)


@directory_view
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(**form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"{organisation.name} added.")
            return redirect("directory_organisations")
    context = section_context("organisations", ("Add an organisation", ""), form=form)
    return render(request, "directory/organisation_form.html", context)


@login_required
def organisation_edit(request, pk):
    organisation = rules.get_or_404(
        Organisation.objects.all(),
        user=request.user,
        check=lambda user, _: rules.can_edit_organisations(user),
        pk=pk,
    )
    initial = {"name": organisation.name, "acronym": organisation.acronym}
    initial["sector"] = organisation.sector
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"{organisation.name}: details saved.")
            return redirect("directory_organisations")
    context = section_context(
        "organisations", (organisation.name, ""), form=form, organisation=organisation
    )
    return render(request, "directory/organisation_form.html", context)
