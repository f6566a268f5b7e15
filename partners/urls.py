from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body_detail"),
]
