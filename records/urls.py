from django.urls import path

from .views import comments, documents, lifecycle, review, verify

urlpatterns = [
    path("meetings/<int:pk>/minutes/review/", review.minutes_review, name="minutes_review"),
    path(
        "meetings/<int:pk>/minutes/circulate/",
        lifecycle.minutes_circulate,
        name="minutes_circulate",
    ),
    path(
        "meetings/<int:pk>/minutes/return-to-draft/",
        lifecycle.minutes_return_to_draft,
        name="minutes_return_to_draft",
    ),
    path(
        "meetings/<int:pk>/minutes/comments/",
        comments.accuracy_comment_add,
        name="accuracy_comment_add",
    ),
    path(
        "meetings/<int:pk>/minutes/comments/<int:comment_pk>/resolve/",
        comments.accuracy_comment_resolve,
        name="accuracy_comment_resolve",
    ),
    path("meetings/<int:pk>/minutes/approve/", lifecycle.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/minutes/sign/", lifecycle.minutes_sign, name="minutes_sign"),
    path("meetings/<int:pk>/minutes/addendum/", lifecycle.addendum_add, name="addendum_add"),
    path("meetings/<int:pk>/minutes.pdf", documents.minutes_pdf, name="minutes_pdf"),
    path(
        "meetings/<int:pk>/minutes-public.pdf",
        documents.minutes_pdf_public,
        name="minutes_pdf_public",
    ),
    path("meetings/<int:pk>/minutes.docx", documents.minutes_docx, name="minutes_docx"),
    path("meetings/<int:pk>/agenda.pdf", documents.agenda_pdf, name="agenda_pdf"),
    path("documents/<int:pk>/", documents.render_job, name="render_job"),
    path(
        "documents/<int:pk>/download/",
        documents.render_job_download,
        name="render_job_download",
    ),
    path("verify/", verify.verify, name="verify"),
    path("v/<str:code>/", verify.verify, name="verify_short"),
]
