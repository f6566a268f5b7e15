from django.urls import path

from .views import api, documents, feeds, pages

OPARL = "api/oparl/v1/"

urlpatterns = [
    # The public portal (no login).
    path("public/", pages.home, name="public_home"),
    path("public/search/", pages.search, name="public_search"),
    path("public/bodies/<slug:slug>/", pages.body, name="public_body"),
    path("public/bodies/<slug:slug>/decisions/", pages.decisions, name="public_decisions"),
    path("public/bodies/<slug:slug>/attendance/", pages.attendance, name="public_attendance"),
    path(
        "public/bodies/<slug:slug>/calendar.ics", feeds.body_calendar, name="public_body_calendar"
    ),
    path("public/meetings/<int:pk>/", pages.meeting, name="public_meeting"),
    path("public/meetings/<int:pk>/agenda.pdf", documents.agenda_pdf, name="public_agenda_pdf"),
    path(
        "public/meetings/<int:pk>/minutes.pdf",
        documents.minutes_pdf_public,
        name="public_minutes_pdf",
    ),
    path(
        "public/papers/<int:pk>/download/", documents.paper_download, name="public_paper_download"
    ),
    # The open data API in the shape of OParl 1.1, starting from the System object.
    path(OPARL + "system/", api.system, name="oparl_system"),
    path(OPARL + "bodies/", api.body_list, name="oparl_body_list"),
    path(OPARL + "body/<int:pk>/", api.body, name="oparl_body"),
    path(
        OPARL + "body/<int:pk>/organizations/",
        api.body_organizations,
        name="oparl_body_organizations",
    ),
    path(OPARL + "body/<int:pk>/people/", api.body_people, name="oparl_body_people"),
    path(OPARL + "body/<int:pk>/memberships/", api.body_memberships, name="oparl_body_memberships"),
    path(OPARL + "body/<int:pk>/meetings/", api.body_meetings, name="oparl_body_meetings"),
    path(
        OPARL + "body/<int:pk>/agenda-items/",
        api.body_agenda_items,
        name="oparl_body_agenda_items",
    ),
    path(OPARL + "body/<int:pk>/papers/", api.body_papers, name="oparl_body_papers"),
    path(OPARL + "body/<int:pk>/files/", api.body_files, name="oparl_body_files"),
    path(OPARL + "organization/<slug:key>/", api.organization, name="oparl_organization"),
    path(OPARL + "person/<int:pk>/", api.person, name="oparl_person"),
    path(OPARL + "membership/<int:pk>/", api.membership, name="oparl_membership"),
    path(OPARL + "meeting/<int:pk>/", api.meeting, name="oparl_meeting"),
    path(OPARL + "agenda-item/<int:pk>/", api.agenda_item, name="oparl_agenda_item"),
    path(OPARL + "paper/<int:pk>/", api.paper, name="oparl_paper"),
    path(OPARL + "file/<slug:key>/", api.file, name="oparl_file"),
    path(OPARL + "location/<int:pk>/", api.location, name="oparl_location"),
]
