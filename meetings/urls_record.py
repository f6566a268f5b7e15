from django.urls import path

from . import views_record

urlpatterns = [
    path("meetings/<int:pk>/", views_record.meeting_detail, name="meeting_detail"),
]
