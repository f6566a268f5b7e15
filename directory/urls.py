"""The directory: organisations, people, bodies, memberships, groups, invitations."""

from django.urls import path

from .views import bodies, imports, invitations, members, merge, organisations, people, teams

B = "directory/bodies/<slug:slug>/"

urlpatterns = [
    path("directory/", people.people, name="directory_people"),
    path("directory/people/new/", people.person_create, name="directory_person_create"),
    path("directory/people/<int:pk>/", people.person_detail, name="directory_person"),
    path("directory/people/<int:pk>/edit/", people.person_edit, name="directory_person_edit"),
    path("directory/people/<int:pk>/invite/", people.person_invite, name="directory_person_invite"),
    path("directory/people/<int:pk>/merge/", merge.person_merge, name="directory_person_merge"),
    path("directory/organisations/", organisations.organisations, name="directory_organisations"),
    path(
        "directory/organisations/new/",
        organisations.organisation_create,
        name="directory_organisation_create",
    ),
    path(
        "directory/organisations/<int:pk>/edit/",
        organisations.organisation_edit,
        name="directory_organisation_edit",
    ),
    path("directory/bodies/", bodies.bodies, name="directory_bodies"),
    path("directory/bodies/new/", bodies.body_create, name="directory_body_create"),
    path(B + "settings/", bodies.body_edit, name="directory_body_edit"),
    path(B + "members/", members.body_members, name="directory_body_members"),
    path(B + "members/add/", members.membership_add, name="directory_membership_add"),
    path(B + "members/<int:pk>/", members.membership_edit, name="directory_membership_edit"),
    path(B + "members/<int:pk>/end/", members.membership_end, name="directory_membership_end"),
    path(B + "members/import/", imports.import_upload, name="directory_import"),
    path(B + "members/import/preview/", imports.import_preview, name="directory_import_preview"),
    path(B + "members/import/confirm/", imports.import_confirm, name="directory_import_confirm"),
    path(B + "groups/", teams.teams, name="directory_teams"),
    path(B + "groups/<int:pk>/", teams.team_edit, name="directory_team_edit"),
    path(B + "groups/<int:pk>/remove/", teams.team_delete, name="directory_team_delete"),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        invitations.invitation_accept,
        name="invitation_accept",
    ),
]
