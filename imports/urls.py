from django.urls import path

from . import views

urlpatterns = [
    path("imports/", views.imports_home, name="imports_home"),
    path("imports/<int:pk>/", views.import_review, name="import_review"),
    path("imports/<int:pk>/discard/", views.import_discard, name="import_discard"),
    path("imports/action-log/", views.action_log_upload, name="action_log_upload"),
    path("imports/action-log/<int:pk>/", views.action_log_review, name="action_log_review"),
]
