"""Importing a membership list: upload, preview (what is created, what matches, each row's
errors), then confirm, all or nothing. The rows wait in the session between the steps; the
preview's plan is worked out again on confirming and imported only if it is still the same."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from common.forms import errors_to_form
from partners import services
from partners.imports import ImportPlan, plan_import, read_rows

from ..forms import ImportForm
from ._shared import body_context, body_view, message_errors

CRUMB = ("Import a list", "")


def _session_key(body) -> str:
    return f"directory_import:{body.pk}"


@body_view
def import_upload(request, body):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows, ignored = read_rows(upload)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            stored = {"rows": rows, "ignored": ignored, "filename": upload.name}
            request.session[_session_key(body)] = stored
            return redirect("directory_import_preview", slug=body.slug)
    return render(
        request, "directory/import_upload.html", body_context(body, "members", CRUMB, form=form)
    )


@body_view
@require_GET
def import_preview(request, body):
    stored = request.session.get(_session_key(body))
    if not stored:
        messages.info(request, "Choose the list to import first.")
        return redirect("directory_import", slug=body.slug)
    return _preview(request, body, stored, _plan(body, stored))


@body_view
@require_POST
def import_confirm(request, body):
    stored = request.session.get(_session_key(body))
    if not stored:
        messages.info(request, "Choose the list to import first.")
        return redirect("directory_import", slug=body.slug)
    plan = _plan(body, stored, used=set(request.POST.getlist("use")))
    if request.POST.get("digest") != plan.digest() or "check" in request.POST:
        messages.info(request, "Here is the preview as it now stands: check it, then import.")
        return _preview(request, body, stored, plan)
    try:
        counts = services.memberships_import(body=body, plan=plan)
    except ValidationError as exc:
        message_errors(request, exc)
        return _preview(request, body, stored, plan)
    del request.session[_session_key(body)]
    messages.success(request, _summary(counts))
    return redirect("directory_body_members", slug=body.slug)


def _plan(body, stored, used: set[str] | None = None) -> ImportPlan:
    """The plan; ``used``: the fuzzy matches left ticked (None: all of them, as first shown)."""
    rows, ignored = stored["rows"], stored["ignored"]
    plan = plan_import(body=body, rows=rows, ignored_columns=ignored)
    if used is None:
        return plan
    offered = {r.person_key for r in plan.rows if r.person and not r.person.exact}
    offered |= {
        r.organisation_key for r in plan.rows if r.organisation and not r.organisation.exact
    }
    declined = frozenset(offered - used)
    return plan_import(body=body, rows=rows, ignored_columns=ignored, declined=declined)


def _preview(request, body, stored, plan):
    context = body_context(body, "members", CRUMB, plan=plan, filename=stored["filename"])
    return render(request, "directory/import_preview.html", context)


def _summary(counts: dict[str, int]) -> str:
    def n(count, word):
        return f"{count} {word}{'' if count == 1 else 's'}"

    text = (
        f"Imported: {n(counts['memberships'], 'membership')}, {n(counts['people'], 'new person')}"
        f" and {n(counts['organisations'], 'new organisation')}."
    )
    text = text.replace("new persons", "new people")
    if counts["unchanged"]:
        text += f" {n(counts['unchanged'], 'row')} named existing members and changed nothing."
    return text
