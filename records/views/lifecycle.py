"""The steps of the minutes' lifecycle: circulate, return to draft, approve, sign, addendum.
Each asks ``records.rules`` whether it is open and runs one service from ``records.services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.forms import errors_to_form
from meetings import rules as meeting_rules
from partners.rules import person_for
from partners.templatetags.minutebook import ukdate

from .. import rules, services
from ..forms import AddendumForm, ApproveForm, CirculateForm, SignForm
from ..models import RenderJob
from ..selectors import comments_window, open_comment_count
from .common import back_to_review, meeting_for_user, show_refusal


@login_required
def minutes_circulate(request, pk):
    """GET asks for the day accuracy comments are due (the review page's panel asks beside its
    button too); POST circulates. A step that is not open is refused with its reason."""
    meeting = meeting_for_user(request, pk, meeting_rules.can_manage_meeting)
    refusal = services.minutes_circulate_refusal(meeting=meeting, user=request.user)
    if refusal:
        messages.error(request, refusal)
        return back_to_review(meeting)
    window = comments_window(meeting)
    return _transition_page(
        request,
        meeting,
        allowed=True,
        form=CirculateForm(
            request.POST or None, initial={"comments_due": window.default}, window=window
        ),
        template="records/circulate.html",
        run=lambda data: services.minutes_circulate(
            meeting=meeting, user=request.user, comments_due=data["comments_due"]
        ),
        done=lambda data: (
            "The draft minutes have been circulated to members, with accuracy "
            f"comments due by {ukdate(data['comments_due'], 'full')}."
        ),
        extra={"window": window},
    )


@login_required
@require_POST
def minutes_return_to_draft(request, pk):
    meeting = meeting_for_user(request, pk, meeting_rules.can_manage_meeting)
    try:
        services.minutes_return_to_draft(meeting=meeting, user=request.user)
    except ValidationError as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, "The minutes are a draft again and can be edited.")
    return back_to_review(meeting)


def _transition_page(request, meeting, *, allowed, form, template, run, done, extra=None):
    """GET shows the form; POST runs the transition. A refusal is shown, never a 500.
    ``done``: the success message, or a function of the form's cleaned data that writes it."""
    if not allowed:
        messages.error(request, "That step is not open to you at this stage of the minutes.")
        return back_to_review(meeting)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                run(form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                show_refusal(request, exc)
                return back_to_review(meeting)
            errors_to_form(form, exc)
        else:
            messages.success(request, done(form.cleaned_data) if callable(done) else done)
            return back_to_review(meeting)
    return render(request, template, {"meeting": meeting, "form": form, **(extra or {})})


@login_required
def minutes_approve(request, pk):
    meeting = meeting_for_user(request, pk)
    return _transition_page(
        request,
        meeting,
        allowed=rules.can_approve_minutes(request.user, meeting),
        form=ApproveForm(request.POST or None),
        template="records/approve.html",
        run=lambda data: services.minutes_approve(
            meeting=meeting, user=request.user, corrections=data["corrections"]
        ),
        done="Approval recorded. The chair can now sign the minutes.",
    )


def _after_signing(request, meeting, job):
    """Signed already (tasks run in-process): back to the minutes; else the job's progress."""
    job.refresh_from_db()
    if job.state == RenderJob.State.DONE:
        messages.success(
            request, "The minutes are signed. They are now the record and cannot change."
        )
        return back_to_review(meeting)
    if job.state == RenderJob.State.FAILED:
        messages.error(request, job.error)
        return back_to_review(meeting)
    return redirect("render_job", pk=job.pk)


@login_required
@transaction.non_atomic_requests  # a wrong password must stay counted (django-axes)
def minutes_sign(request, pk):
    meeting = meeting_for_user(request, pk)
    if not rules.can_sign_minutes(request.user, meeting):
        messages.error(request, "That step is not open to you at this stage of the minutes.")
        return back_to_review(meeting)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.minutes_sign(
                meeting=meeting,
                user=request.user,
                password=form.cleaned_data["password"],
                request=request,
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                show_refusal(request, exc)
                return back_to_review(meeting)
            errors_to_form(form, exc)
        else:
            return _after_signing(request, meeting, job)
    context = {
        "meeting": meeting,
        "form": form,
        "signer": person_for(request.user),
        "open_comments": open_comment_count(meeting=meeting),
    }
    return render(request, "records/sign.html", context)


@login_required
def addendum_add(request, pk):
    meeting = meeting_for_user(request, pk)
    return _transition_page(
        request,
        meeting,
        allowed=rules.can_add_addendum(request.user, meeting),
        form=AddendumForm(request.POST or None),
        template="records/addendum.html",
        run=lambda data: services.addendum_add(
            meeting=meeting, user=request.user, text=data["text"]
        ),
        done="The addendum has been added beside the signed minutes.",
    )
