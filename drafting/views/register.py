"""The register tab: who attended and how, saved as a whole (autosaved by the page, row by row),
everyone not yet marked marked at once, the last meeting's people copied, and people added to it
or taken off it in place."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from meetings import services
from meetings.models import Attendance

from .. import selectors as drafting
from ..forms import GuestForm, RegisterForm, RegisterRowForm
from ._shared import (
    apply_errors,
    base_context,
    drafting_view,
    int_or_404,
    message_errors,
    now_text,
    wants_json,
)


def _register_context(meeting, form=None, guest_form=None, notice="", focus=""):
    """``form`` is a refused post of the register: its complaints go beside the fields."""
    rows = drafting.register_rows(meeting)
    posted = {f.attendance.pk: f for f in form.row_forms} if form else {}
    for row in rows:
        row.posted_form = posted.get(row.pk)
    members = drafting.meeting_people(meeting, register=True)
    return base_context(
        meeting,
        "register",
        rows=rows,
        groups=drafting.register_groups(rows),
        grouped=any(r.group_label for r in rows),
        group_suggestions=drafting.group_suggestions(rows),
        notice=notice,
        focus=focus,
        items=drafting.meeting_items(meeting),
        categories=[c for c in Attendance.Category.choices],
        keys=drafting.REGISTER_KEYS,
        key_for={c: k for k, c in drafting.REGISTER_KEYS},
        guest_form=guest_form or GuestForm(members=members),
        row_errors=form.row_errors() if form else {},
        missing_members=list(drafting.body_members_not_on_register(meeting)),
        unmarked=sum(1 for r in rows if r.category == Attendance.Category.EXPECTED),
        source=drafting.register_source(meeting),
    )


def _register_response(request, meeting, status=200, **extra):
    """The register page, or (htmx) just its area: the table and the add form."""
    template = "drafting/register.html"
    if request.htmx:
        template += "#register-area"
    return render(request, template, _register_context(meeting, **extra), status=status)


def _row_save(meeting, row_form: RegisterRowForm) -> None:
    row_form.attendance.meeting = meeting
    try:
        services.attendance_update(attendance=row_form.attendance, **row_form.cleaned_data)
    except ValidationError as exc:
        apply_errors(row_form, exc)


@drafting_view
def register(request, meeting):
    if request.method != "POST":
        return _register_response(request, meeting)
    form = RegisterForm(
        request.POST,
        rows=drafting.register_rows(meeting),
        items=drafting.meeting_items(meeting),
    )
    # Each row is saved on its own: one refused row does not hold back the others.
    for row_form in form.row_forms:
        if row_form.is_valid():
            _row_save(meeting, row_form)
    if form.is_valid() and form.chair_posted:
        services.attendance_chair_set(meeting=meeting, attendance=form.cleaned_data["chaired"])
    errors = form.row_errors()
    if errors:
        if wants_json(request):
            return JsonResponse({"ok": False, "errors": errors}, status=400)
        context = _register_context(meeting, form=form)
        return render(request, "drafting/register.html", context, status=400)
    if wants_json(request):
        # What the rows now say (labels tidied by the service), for the page to show in place.
        saved = {
            f.attendance.pk: {
                "group": f.attendance.group_label,
                "role": f.attendance.role_label,
                "note": f.attendance.note,
            }
            for f in form.row_forms
        }
        return JsonResponse({"ok": True, "saved_at": now_text(), "rows": saved})
    messages.success(request, "Register saved.")
    return redirect("draft_register", pk=meeting.pk)


def _after_bulk(request, meeting, notice: str):
    """After marking or copying many rows: the register, its first row focused for the
    exceptions (htmx), or the page again with the notice."""
    if request.htmx:
        first = drafting.register_rows(meeting)[:1]
        focus = f"row-{first[0].pk}" if first else "register-heading"
        return _register_response(request, meeting, notice=notice, focus=focus)
    messages.success(request, notice)
    return redirect("draft_register", pk=meeting.pk)


@drafting_view
@require_POST
def register_mark_unmarked(request, meeting):
    """Everyone not yet marked, marked present (or the category posted) in one go."""
    category = request.POST.get("category") or Attendance.Category.PRESENT
    try:
        count = services.attendance_mark_unmarked(meeting=meeting, category=category)
    except ValidationError as exc:
        message_errors(request, exc)
        return redirect("draft_register", pk=meeting.pk)
    label = Attendance.Category(category).label
    noun = "person" if count == 1 else "people"
    return _after_bulk(request, meeting, f"{count} {noun} marked “{label}”.")


@drafting_view
@require_POST
def register_copy(request, meeting):
    """The people of the body's last meeting who are not on this register yet, added."""
    source = drafting.register_source(meeting)
    if source is None:
        raise Http404
    added = services.attendance_copy_from(meeting=meeting, source=source.meeting)
    noun = "person" if len(added) == 1 else "people"
    when = f"{source.meeting.date:%-d %B %Y}"
    return _after_bulk(request, meeting, f"{len(added)} {noun} added from the meeting of {when}.")


def _member_to_add(request, meeting):
    """The body's member picked from the list of those not yet on the register, if any."""
    if not request.POST.get("person"):
        return None
    return (
        drafting.body_members_not_on_register(meeting)
        .filter(pk=int_or_404(request.POST["person"]))
        .first()
    )


@drafting_view
@require_POST
def attendance_add(request, meeting):
    members = drafting.meeting_people(meeting, register=True)
    person = _member_to_add(request, meeting)
    data = request.POST if person is None else {**request.POST.dict(), "name": person.name}
    form = GuestForm(data, members=members)
    if form.is_valid():
        try:
            attendance = services.attendance_add_guest(
                meeting=meeting,
                person=person,
                name=form.cleaned_data["name"],
                organisation_name=form.cleaned_data["organisation"],
                category=form.cleaned_data["category"],
                substitute_for=form.cleaned_data["substitute_for"],
                role_label=form.cleaned_data["role_label"],
                group_label=form.cleaned_data["group_label"],
                took_minutes=form.cleaned_data["took_minutes"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            notice = (
                f"{attendance.person.display_name} added as “{attendance.get_category_display()}”."
            )
            if request.htmx:
                focus = f"row-{attendance.pk}"
                return _register_response(request, meeting, notice=notice, focus=focus)
            messages.success(request, notice)
            return redirect(reverse("draft_register", kwargs={"pk": meeting.pk}) + "#add-person")
    # htmx swaps only a 200 answer: the refused form comes back with its messages either way.
    return _register_response(
        request, meeting, status=200 if request.htmx else 400, guest_form=form, focus="add-person"
    )


@drafting_view
@require_POST
def attendance_remove(request, meeting, attendance_pk):
    attendance = (
        Attendance.objects.filter(meeting=meeting, pk=attendance_pk)
        .select_related("person")
        .first()
    )
    if attendance is None:
        raise Http404
    attendance.meeting = meeting
    services.attendance_remove(attendance=attendance)
    notice = f"{attendance.person.display_name} taken off the register."
    if request.htmx:
        return _register_response(request, meeting, notice=notice, focus="register-heading")
    messages.success(request, notice)
    return redirect("draft_register", pk=meeting.pk)
