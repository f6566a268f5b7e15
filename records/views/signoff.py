"""Sign-off pages: review and comment, circulate, approve, sign, addenda, downloads, verify."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Meeting
from meetings.selectors import meetings_base
from partners import rules as partner_rules

from .. import docx_export, pdf, rules
from .. import services as lifecycle
from ..documents import minutes_context
from ..models import AccuracyComment, RenderJob
from ..tasks import document_should_queue, render_job_start

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class CommentForm(forms.Form):
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label="Your comment on accuracy",
        max_length=lifecycle.COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(forms.Form):
    response = forms.CharField(
        label="What was done", required=False, max_length=2000, widget=forms.TextInput
    )


class ApproveForm(forms.Form):
    corrections = forms.CharField(
        label="Corrections made on approval",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave empty when approved as a correct record.",
    )


class SignForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Signing is final. Re-enter your password to confirm it is you.",
    )


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Correction",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Added below the signed minutes with today’s date and your name. "
        "The signed minutes themselves do not change.",
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label="Fingerprint", max_length=64, min_length=16, strip=True)


def _meeting(request, pk, check=meeting_rules.can_view_meeting) -> Meeting:
    return partner_rules.get_or_404(meetings_base(), user=request.user, check=check, pk=pk)


def _refusal(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.error(request, str(exc))


def _back(meeting: Meeting):
    return redirect("minutes_review", pk=meeting.pk)


@login_required
@require_GET
def minutes_review(request, pk):
    """The draft as it will print, with the lifecycle panel and accuracy comments."""
    meeting = _meeting(request, pk)
    public = not meeting_rules.can_view_confidential(request.user, meeting)
    context = minutes_context(meeting, public=public)
    can_resolve = rules.can_resolve_comments(request.user, meeting)
    comments = AccuracyComment.objects.filter(meeting=meeting).select_related(
        "author", "resolved_by", "item"
    )
    person = partner_rules.person_for(request.user)
    if not can_resolve:
        comments = comments.filter(author=person) if person else comments.none()
    comments = list(comments)
    by_item: dict[int | None, list[AccuracyComment]] = {}
    for c in comments:
        by_item.setdefault(c.item_id, []).append(c)
    for block in context["items"]:
        block.comments = by_item.get(block.pk, [])
    context["commented_items"] = [block for block in context["items"] if block.comments]
    context.update(
        {
            "general_comments": by_item.get(None, []),
            "open_comments": sum(1 for c in comments if not c.is_resolved),
            "can_comment": rules.can_comment_on_minutes(request.user, meeting),
            "can_resolve": can_resolve,
            "can_circulate": rules.can_circulate_minutes(request.user, meeting),
            "can_return": rules.can_return_to_draft(request.user, meeting),
            "can_approve": rules.can_approve_minutes(request.user, meeting),
            "can_sign": rules.can_sign_minutes(request.user, meeting),
            "can_addendum": rules.can_add_addendum(request.user, meeting),
            "can_manage": meeting_rules.can_manage_meeting(request.user, meeting),
            "comment_form": CommentForm(),
            "resolve_form": ResolveForm(),
        }
    )
    return render(request, "records/review.html", context)


@login_required
@require_POST
def minutes_circulate(request, pk):
    meeting = _meeting(request, pk, meeting_rules.can_manage_meeting)
    try:
        lifecycle.minutes_circulate(meeting=meeting, user=request.user)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, "The draft minutes have been circulated to members.")
    return _back(meeting)


@login_required
@require_POST
def minutes_return_to_draft(request, pk):
    meeting = _meeting(request, pk, meeting_rules.can_manage_meeting)
    try:
        lifecycle.minutes_return_to_draft(meeting=meeting, user=request.user)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, "The minutes are a draft again and can be edited.")
    return _back(meeting)


@login_required
@require_POST
def accuracy_comment_add(request, pk):
    meeting = _meeting(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write your comment before sending it.")
        return _back(meeting)
    item = None
    if form.cleaned_data["item"]:
        item = AgendaItem.objects.filter(meeting=meeting, pk=form.cleaned_data["item"]).first()
        if item is None:
            raise Http404
    try:
        lifecycle.accuracy_comment_add(
            meeting=meeting, user=request.user, text=form.cleaned_data["text"], item=item
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, "Thank you: your comment has been sent to the secretariat.")
    anchor = f"#item-{item.pk}" if item else "#comments"
    return redirect(reverse("minutes_review", kwargs={"pk": meeting.pk}) + anchor)


@login_required
@require_POST
def accuracy_comment_resolve(request, pk, comment_pk):
    meeting = _meeting(request, pk, rules.can_resolve_comments)
    comment = AccuracyComment.objects.filter(meeting=meeting, pk=comment_pk).first()
    if comment is None:
        raise Http404
    form = ResolveForm(request.POST)
    form.is_valid()
    try:
        lifecycle.accuracy_comment_resolve(
            comment=comment, user=request.user, response=form.cleaned_data.get("response", "")
        )
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, "Comment marked as resolved.")
    return redirect(reverse("minutes_review", kwargs={"pk": meeting.pk}) + "#comments")


def _transition_page(request, meeting, *, allowed, form, template, run, done, extra=None):
    """GET shows the form; POST runs the transition. A refusal is shown, never a 500."""
    if not allowed:
        messages.error(request, "That step is not open to you at this stage of the minutes.")
        return _back(meeting)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                run(form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                _refusal(request, exc)
                return _back(meeting)
        else:
            messages.success(request, done)
            return _back(meeting)
    return render(request, template, {"meeting": meeting, "form": form, **(extra or {})})


@login_required
def minutes_approve(request, pk):
    meeting = _meeting(request, pk)
    form = ApproveForm(request.POST or None)
    return _transition_page(
        request,
        meeting,
        allowed=rules.can_approve_minutes(request.user, meeting),
        form=form,
        template="records/approve.html",
        run=lambda data: lifecycle.minutes_approve(
            meeting=meeting, user=request.user, corrections=data["corrections"]
        ),
        done="Approval recorded. The chair can now sign the minutes.",
    )


@login_required
def minutes_sign(request, pk):
    meeting = _meeting(request, pk)
    form = SignForm(request.POST or None)
    return _transition_page(
        request,
        meeting,
        allowed=rules.can_sign_minutes(request.user, meeting),
        form=form,
        template="records/sign.html",
        run=lambda data: lifecycle.minutes_sign(
            meeting=meeting, user=request.user, password=data["password"]
        ),
        done="The minutes are signed. They are now the record and cannot change.",
        extra={
            "signer": partner_rules.person_for(request.user),
            "open_comments": AccuracyComment.objects.filter(
                meeting=meeting, resolved_at__isnull=True
            ).count(),
        },
    )


@login_required
def addendum_add(request, pk):
    meeting = _meeting(request, pk)
    form = AddendumForm(request.POST or None)
    return _transition_page(
        request,
        meeting,
        allowed=rules.can_add_addendum(request.user, meeting),
        form=form,
        template="records/addendum.html",
        run=lambda data: lifecycle.addendum_add(
            meeting=meeting, user=request.user, text=data["text"]
        ),
        done="The addendum has been added beside the signed minutes.",
    )


def _filename(meeting: Meeting, suffix: str) -> str:
    return (
        f"{slugify(meeting.body.short_name or meeting.body.name)}-{meeting.date:%Y-%m-%d}-{suffix}"
    )


def _bytes_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stored_response(field_file, content_type: str, filename: str) -> FileResponse:
    return FileResponse(
        field_file.open("rb"), content_type=content_type, as_attachment=True, filename=filename
    )


def _download(request, pk, kind: str):
    meeting = _meeting(request, pk, rules.can_download_minutes)
    if kind == RenderJob.Kind.MINUTES and not meeting_rules.can_view_confidential(
        request.user, meeting
    ):
        kind = RenderJob.Kind.MINUTES_PUBLIC
    if meeting.is_signed and kind == RenderJob.Kind.MINUTES and meeting.signed_pdf:
        return _stored_response(meeting.signed_pdf, PDF, _filename(meeting, "minutes-signed.pdf"))
    if meeting.is_signed and kind == RenderJob.Kind.MINUTES_PUBLIC:
        copy = RenderJob.objects.filter(meeting=meeting, kind=kind, signed_copy=True).first()
        if copy is not None and copy.file:
            return _stored_response(copy.file, PDF, _filename(meeting, "minutes-signed-public.pdf"))
    if document_should_queue(meeting, kind):
        job = render_job_start(
            meeting=meeting, kind=kind, person=partner_rules.person_for(request.user)
        )
        return redirect("render_job", pk=job.pk)
    if kind == RenderJob.Kind.MINUTES:
        return _bytes_response(pdf.minutes_pdf(meeting), PDF, _filename(meeting, "minutes.pdf"))
    if kind == RenderJob.Kind.MINUTES_PUBLIC:
        data = pdf.minutes_pdf(meeting, public=True)
        return _bytes_response(data, PDF, _filename(meeting, "minutes-public.pdf"))
    if kind == RenderJob.Kind.DOCX:
        data = docx_export.minutes_docx(meeting)
        return _bytes_response(data, DOCX, _filename(meeting, "minutes.docx"))
    return _bytes_response(pdf.agenda_pdf(meeting), PDF, _filename(meeting, "agenda.pdf"))


@login_required
@require_GET
def minutes_pdf(request, pk):
    return _download(request, pk, RenderJob.Kind.MINUTES)


@login_required
@require_GET
def minutes_pdf_public(request, pk):
    return _download(request, pk, RenderJob.Kind.MINUTES_PUBLIC)


@login_required
@require_GET
def minutes_docx(request, pk):
    return _download(request, pk, RenderJob.Kind.DOCX)


@login_required
@require_GET
def agenda_pdf(request, pk):
    return _download(request, pk, RenderJob.Kind.AGENDA)


def _job(request, pk) -> RenderJob:
    job = RenderJob.objects.select_related("meeting__body").filter(pk=pk).first()
    person = partner_rules.person_for(request.user)
    if (
        job is None
        or job.signed_copy
        or not rules.can_download_minutes(request.user, job.meeting)
        or (
            job.requested_by_id
            and not partner_rules.is_admin(request.user)
            and job.requested_by != person
        )
    ):
        raise Http404
    return job


@login_required
@require_GET
def render_job(request, pk):
    """Progress of a background render; htmx polls the status partial until it is ready."""
    job = _job(request, pk)
    template = "records/render_job.html"
    if request.htmx:
        template += "#job-status"
    return render(request, template, {"job": job, "meeting": job.meeting})


@login_required
@require_GET
def render_job_download(request, pk):
    job = _job(request, pk)
    if job.state != RenderJob.State.DONE or not job.file:
        raise Http404
    suffix = {
        RenderJob.Kind.MINUTES: "minutes.pdf",
        RenderJob.Kind.MINUTES_PUBLIC: "minutes-public.pdf",
        RenderJob.Kind.AGENDA: "agenda.pdf",
        RenderJob.Kind.DOCX: "minutes.docx",
    }[job.kind]
    content_type = DOCX if job.kind == RenderJob.Kind.DOCX else PDF
    return _stored_response(job.file, content_type, _filename(job.meeting, suffix))


@require_GET
def verify(request, code=""):
    """Public: was a document with this fingerprint signed, by whom, when?"""
    form = VerifyForm(request.GET or None)
    if code:
        form = VerifyForm({"code": code})
    meeting = None
    checked = False
    addenda = []
    if form.is_bound and form.is_valid():
        checked = True
        meeting = lifecycle.signed_meeting_for_fingerprint(form.cleaned_data["code"])
        if meeting is not None:
            addenda = list(meeting.addenda.select_related("author").order_by("created_at"))
    return render(
        request,
        "records/verify.html",
        {"form": form, "found": meeting, "checked": checked, "addenda": addenda},
    )
