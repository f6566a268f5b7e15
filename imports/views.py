"""The import pages: upload past minutes, review the proposal beside its source, import.

Only the secretariat of a body (partners.rules.can_edit_body) reaches them; everyone else gets
404, for imports that exist and imports that do not alike.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.forms import errors_to_form
from partners.rules import can_edit_body, get_or_404

from . import action_log_services, selectors, services
from .forms import ActionLogForm, ReviewForm, UploadForm
from .models import MinutesImport
from .review import review_context


def _import_for(request, pk) -> MinutesImport:
    return get_or_404(
        MinutesImport.objects.select_related("body", "meeting"),
        user=request.user,
        check=lambda user, mi: can_edit_body(user, mi.body),
        pk=pk,
    )


@login_required
def imports_home(request):
    bodies = selectors.editable_bodies(request.user)
    if not bodies.exists():
        raise Http404
    chosen = request.GET.get("body", "")
    initial = {"body": int(chosen)} if chosen.isdecimal() and chosen.isascii() else None
    form = UploadForm(request.POST or None, request.FILES or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_import = services.minutes_import_create(
                user=request.user,
                body=form.cleaned_data["body"],
                upload=form.cleaned_data.get("file"),
                text=form.cleaned_data.get("text") or "",
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return redirect("import_review", pk=minutes_import.pk)
    imports = selectors.imports_for_user(request.user)[:25]
    crumbs = [("Import minutes", "")]
    context = {"form": form, "imports": imports, "crumbs": crumbs, "nav_section": "drafts"}
    return render(request, "imports/home.html", context, status=400 if form.errors else 200)


@login_required
def import_review(request, pk):
    minutes_import = _import_for(request, pk)
    if minutes_import.kind == MinutesImport.Kind.ACTION_LOG:
        return redirect("action_log_review", pk=minutes_import.pk)
    if minutes_import.status != MinutesImport.Status.PENDING:
        if minutes_import.meeting_id:
            return redirect("meeting_detail", pk=minutes_import.meeting_id)
        messages.info(request, "That import was discarded.")
        return redirect("imports_home")
    context = review_context(minutes_import, request.POST if request.method == "POST" else None)
    form: ReviewForm = context["form"]
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.minutes_import_commit(
                minutes_import=minutes_import, user=request.user, review=context["review"]
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"Imported from {minutes_import.file_name}.")
            return redirect(reverse("meeting_detail", kwargs={"pk": meeting.pk}))
    return render(request, "imports/review.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def import_discard(request, pk):
    minutes_import = _import_for(request, pk)
    try:
        services.minutes_import_discard(minutes_import=minutes_import, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Discarded the import of {minutes_import.file_name}.")
    return redirect("imports_home")


@login_required
def action_log_upload(request):
    bodies = selectors.editable_bodies(request.user)
    if not bodies.exists():
        raise Http404
    form = ActionLogForm(request.POST or None, request.FILES or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            log_import = action_log_services.action_log_read(
                user=request.user, body=form.cleaned_data["body"], upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return redirect("action_log_review", pk=log_import.pk)
    crumbs = [("Import minutes", reverse("imports_home")), ("Import an action log", "")]
    context = {"form": form, "crumbs": crumbs, "nav_section": "drafts"}
    return render(request, "imports/action_log.html", context, status=400 if form.errors else 200)


@login_required
def action_log_review(request, pk):
    log_import = _import_for(request, pk)
    if log_import.kind != MinutesImport.Kind.ACTION_LOG or log_import.status != "pending":
        raise Http404
    plan, problems = action_log_services.action_log_plan(log_import)
    errors = []
    if request.method == "POST":
        try:
            actions = action_log_services.action_log_commit(
                log_import=log_import,
                user=request.user,
                confirmed_new=bool(request.POST.get("confirm_new")),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request, f"Imported {len(actions)} actions from {log_import.file_name}."
            )
            return redirect("body_detail", slug=log_import.body.slug)
    context = {
        "log_import": log_import,
        "rows": log_import.proposal["rows"],
        "plan": plan,
        "problems": problems,
        "errors": errors,
        "crumbs": [("Import minutes", reverse("imports_home")), (log_import.file_name, "")],
        "nav_section": "drafts",
    }
    return render(request, "imports/action_log_review.html", context, status=400 if errors else 200)
