from django.urls import path

from . import views

urlpatterns = [
    path("actions/", views.my_actions, name="my_actions"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/details/", views.action_card_details, name="action_card_details"),
    path("actions/<int:pk>/update/", views.action_update, name="action_update"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/link/<str:token>/", views.action_link, name="action_link"),
    path("bodies/<slug:slug>/actions/", views.body_actions, name="body_actions"),
    path("bodies/<slug:slug>/actions.csv", views.body_actions_csv, name="body_actions_csv"),
    path("bodies/<slug:slug>/actions/overdue/", views.body_overdue, name="body_overdue"),
    path(
        "bodies/<slug:slug>/actions/remind/",
        views.body_send_reminders,
        name="body_send_reminders",
    ),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("profile/", views.profile, name="profile"),
    path("profile/calendar/reset/", views.profile_calendar_reset, name="profile_calendar_reset"),
]
