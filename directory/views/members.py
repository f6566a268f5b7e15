"""A body's members: by role with dates, deputies and the organisation each represents;
adding someone (already in the directory, or new), editing and ending a membership."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from common.forms import errors_to_form
from partners import selectors, services
from partners.models import Membership

from ..forms import EndMembershipForm, MemberAddForm, MembershipForm
from ._shared import body_context, body_view

MEMBERSHIP_FIELDS = ("role", "organisation", "start_date", "end_date", "deputy", "note")


@body_view
@require_GET
def body_members(request, body):
    groups, former = selectors.body_members(body)
    context = body_context(body, "members", member_groups=groups, former_members=former)
    return render(request, "directory/body_members.html", context)


@body_view
def membership_add(request, body):
    """Add a member; "Add and add another" comes back to a fresh form, its Name field focused,
    for entering a list of people one after another."""
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_organisation = None
        try:
            # One step for the officer, so one transaction: no half-added new person.
            with transaction.atomic():
                person = data["person"]
                if person is None:
                    organisation, new_organisation = _organisation_for(data["new_organisation"])
                    person = services.person_create(
                        name=data["new_name"],
                        honorific=data["new_honorific"],
                        job_title=data["new_job_title"],
                        organisation=organisation,
                        email=data["new_email"],
                    )
                fields = {name: data[name] for name in MEMBERSHIP_FIELDS}
                services.membership_create(body=body, person=person, **fields)
        except ValidationError as exc:
            errors_to_form(form, _new_person_fields(exc))
        else:
            added = f"{person.display_name} added as {_role(data['role'])}."
            if new_organisation is not None:
                added += f" {new_organisation.name} is new to the directory."
            messages.success(request, added)
            if request.POST.get("then") == "another":
                return redirect(
                    reverse("directory_membership_add", args=[body.slug]) + "?another=1"
                )
            return redirect("directory_body_members", slug=body.slug)
    another = request.method == "GET" and "another" in request.GET
    if another:
        # Back for the next person of a list: start in Name.
        form.fields["new_name"].widget.attrs["autofocus"] = True
    context = body_context(
        body,
        "members",
        ("Add a member", ""),
        form=form,
        organisation_names=selectors.organisation_names(),
        another=another,
    )
    return render(request, "directory/membership_form.html", context)


def _organisation_for(name: str):
    """The organisation typed for a new member, and (if it had to be added) the new one."""
    if not name.strip():
        return None, None
    found = selectors.organisation_named(name)
    if found is not None:
        return found, None
    try:
        created = services.organisation_create(name=name)
    except ValidationError as exc:
        raise ValidationError({"new_organisation": exc.messages}) from exc
    return created, created


@body_view
def membership_edit(request, body, pk):
    membership = _membership(body, pk)
    initial = {name: getattr(membership, name) for name in MEMBERSHIP_FIELDS}
    form = MembershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(membership=membership, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"{membership.person.display_name}: membership saved.")
            return redirect("directory_body_members", slug=body.slug)
    crumbs = (membership.person.display_name, "")
    context = body_context(body, "members", crumbs, form=form, membership=membership)
    return render(request, "directory/membership_form.html", context)


@body_view
def membership_end(request, body, pk):
    """Ask once for the last day, then end the membership (it stays on record as former)."""
    membership = _membership(body, pk)
    form = EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(membership=membership, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(
                request,
                f"{membership.person.display_name}'s membership ends on "
                f"{membership.end_date:%-d %B %Y}. Edit the membership to undo this.",
            )
            return redirect("directory_body_members", slug=body.slug)
    crumbs = (f"End {membership.person.display_name}'s membership", "")
    context = body_context(body, "members", crumbs, form=form, membership=membership)
    return render(request, "directory/membership_end.html", context)


def _membership(body, pk) -> Membership:
    membership = (
        Membership.objects.filter(body=body, pk=pk)
        .select_related("person__organisation", "organisation", "deputy")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def _role(role: str) -> str:
    return Membership.Role(role).label.lower()


def _new_person_fields(exc: ValidationError) -> ValidationError:
    """The person service names its fields plainly; on this form they are the new_ ones."""
    if not hasattr(exc, "error_dict"):
        return exc
    renamed = {"name": "new_name", "email": "new_email", "job_title": "new_job_title"}
    return ValidationError({renamed.get(k, k): v for k, v in exc.error_dict.items()})
