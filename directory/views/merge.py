"""Merging two records of the same person: choose the other record, compare, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from partners import rules, selectors

from .. import selectors as directory_selectors
from .. import services
from ..forms import MergeForm
from ._shared import require, section_context
from .people import person_url


@login_required
def person_merge(request, pk):
    """GET ?duplicate=<pk> compares the two records; POST merges that one into this one."""
    require(rules.can_merge_people(request.user))
    keep = selectors.editable_person_for_user(request.user, pk)
    form = MergeForm(request.POST or request.GET or None, keep=keep)
    duplicate = form.cleaned_data["duplicate"] if form.is_bound and form.is_valid() else None
    if request.method == "POST" and duplicate is not None:
        name = duplicate.display_name
        try:
            moved = services.person_merge(keep=keep, duplicate=duplicate)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            listed = ", ".join(f"{n} {kind}" for kind, n in moved.items()) or "nothing to move"
            messages.success(request, f"{name} merged into {keep.display_name} ({listed}).")
            return redirect("directory_person", pk=keep.pk)
    context = section_context(
        "people",
        (keep.display_name, person_url(keep)),
        ("Merge a duplicate", ""),
        form=form,
        keep=keep,
        duplicate=duplicate,
        keep_summary=directory_selectors.record_summary(keep),
    )
    if duplicate is not None:
        context["duplicate_summary"] = directory_selectors.record_summary(duplicate)
        context["blockers"] = services.person_merge_blockers(keep=keep, duplicate=duplicate)
    return render(request, "directory/person_merge.html", context)
