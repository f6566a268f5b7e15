from django.urls import path

from .views import bodies, meetings, papers, search

urlpatterns = [
    path("", bodies.home, name="home"),
    path("bodies/", bodies.body_list, name="body_list"),
    path("bodies/<slug:slug>/", bodies.body_detail, name="body_detail"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("search/", search.search_results, name="search"),
    path("papers/<int:pk>/download/", papers.paper_download, name="paper_download"),
    path(
        "papers/for/<str:token>/",
        papers.paper_attendee_download,
        name="paper_attendee_download",
    ),
]
