from django.urls import path

from .views import signoff as v

urlpatterns = [
    path("meetings/<int:pk>/minutes/review/", v.minutes_review, name="minutes_review"),
    path("meetings/<int:pk>/minutes/circulate/", v.minutes_circulate, name="minutes_circulate"),
    path(
        "meetings/<int:pk>/minutes/return-to-draft/",
        v.minutes_return_to_draft,
        name="minutes_return_to_draft",
    ),
    path(
        "meetings/<int:pk>/minutes/comments/", v.accuracy_comment_add, name="accuracy_comment_add"
    ),
    path(
        "meetings/<int:pk>/minutes/comments/<int:comment_pk>/resolve/",
        v.accuracy_comment_resolve,
        name="accuracy_comment_resolve",
    ),
    path("meetings/<int:pk>/minutes/approve/", v.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/minutes/sign/", v.minutes_sign, name="minutes_sign"),
    path("meetings/<int:pk>/minutes/addendum/", v.addendum_add, name="addendum_add"),
    path("meetings/<int:pk>/minutes.pdf", v.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/minutes-public.pdf", v.minutes_pdf_public, name="minutes_pdf_public"),
    path("meetings/<int:pk>/minutes.docx", v.minutes_docx, name="minutes_docx"),
    path("meetings/<int:pk>/agenda.pdf", v.agenda_pdf, name="agenda_pdf"),
    path("documents/<int:pk>/", v.render_job, name="render_job"),
    path("documents/<int:pk>/download/", v.render_job_download, name="render_job_download"),
    path("verify/", v.verify, name="verify"),
    path("v/<str:code>/", v.verify, name="verify_short"),
]
