from django.urls import path

from . import views

urlpatterns = [
    path(
        "meetings/<int:pk>/agenda/send/",
        views.agenda_dispatch,
        name="notices_agenda_dispatch",
    ),
    path(
        "meetings/<int:pk>/agenda/send/<int:dispatch_pk>/cancel/",
        views.agenda_dispatch_cancel,
        name="notices_agenda_cancel",
    ),
    path("bodies/<slug:slug>/outbox/", views.outbox, name="notices_outbox"),
    path("bodies/<slug:slug>/outbox/retry/", views.outbox_retry, name="notices_outbox_retry"),
]
