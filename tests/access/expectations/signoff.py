"""Access to the sign-off pages: lifecycle steps, downloads, background renders, verify."""

from django.core.files.base import ContentFile

from records.models import AccuracyComment, RenderJob
from tests.access.spec import Access


def _comment(s):
    comment = AccuracyComment.objects.create(meeting=s.meeting, author=s.member_person, text="Typo")
    return {"pk": s.meeting.pk, "comment_pk": comment.pk}


def _queued_job(s):
    return {"pk": RenderJob.objects.create(meeting=s.meeting, kind=RenderJob.Kind.MINUTES).pk}


def _done_job(s):
    job = RenderJob(meeting=s.meeting, kind=RenderJob.Kind.MINUTES, state=RenderJob.State.DONE)
    job.file.save("access.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": job.pk}


def _meeting(s):
    return {"pk": s.meeting.pk}


def _signed(s):
    return {"pk": s.signed_meeting.pk}


ACCESS = [
    Access(
        "minutes_review",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=404,  # draft minutes: the secretariat's and the chair's until circulated
        secretariat=200,
        chair=200,
    ),
    Access(
        "minutes_review",
        kwargs=_signed,
        case="signed",
        anonymous=302,
        outsider=404,
        member=200,
        secretariat=200,
        chair=200,
    ),
    # Refused steps redirect back to the review page with a message (302), never a 500: this
    # draft's meeting is still to come, so the secretariat is told it cannot be circulated yet.
    Access(
        "minutes_circulate",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=302,
        chair=404,
    ),
    Access(
        "minutes_circulate",
        method="post",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=302,
        chair=404,
    ),
    Access(
        "minutes_return_to_draft",
        method="post",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=302,
        chair=404,
    ),
    Access(
        "accuracy_comment_add",
        method="post",
        kwargs=_meeting,
        data=lambda s: {"text": "x"},
        anonymous=302,
        outsider=404,
        member=302,
        secretariat=302,
        chair=302,
    ),
    Access(
        "accuracy_comment_resolve",
        method="post",
        kwargs=_comment,
        anonymous=302,
        outsider=404,
        member=404,
        secretariat=302,
        chair=404,
    ),
    Access(
        "minutes_approve",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=302,
        secretariat=302,
        chair=302,
    ),
    Access(
        "minutes_sign",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=302,
        secretariat=302,
        chair=302,
    ),
    Access(
        "addendum_add",
        kwargs=_signed,
        anonymous=302,
        outsider=404,
        member=302,
        secretariat=200,
        chair=200,
    ),
    Access(
        "minutes_pdf",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=404,  # draft minutes: the secretariat's and the chair's until circulated
        secretariat=200,
        chair=200,
    ),
    Access(
        "minutes_pdf_public",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=404,  # draft minutes: the secretariat's and the chair's until circulated
        secretariat=200,
        chair=200,
    ),
    Access(
        "minutes_docx",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=404,  # draft minutes: the secretariat's and the chair's until circulated
        secretariat=200,
        chair=200,
    ),
    Access(
        "agenda_pdf",
        kwargs=_meeting,
        anonymous=302,
        outsider=404,
        member=200,
        secretariat=200,
        chair=200,
    ),
    Access(
        "render_job",
        kwargs=_queued_job,
        anonymous=302,
        outsider=404,
        member=404,  # a render of draft minutes: not for members until circulated
        secretariat=200,
        chair=200,
    ),
    Access(
        "render_job_download",
        kwargs=_done_job,
        anonymous=302,
        outsider=404,
        member=404,  # a render of draft minutes: not for members until circulated
        secretariat=200,
        chair=200,
    ),
    Access(
        "verify",
        anonymous_to_login=False,
        anonymous=200,
        outsider=200,
        member=200,
        secretariat=200,
        chair=200,
    ),
    Access(
        "verify_short",
        kwargs=lambda s: {"code": s.signed_meeting.fingerprint[:16]},
        anonymous_to_login=False,
        anonymous=200,
        outsider=200,
        member=200,
        secretariat=200,
        chair=200,
    ),
]
