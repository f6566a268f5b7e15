"""Drafting: the secretariat's pages for setting up a meeting and writing its record."""

from django.urls import path

from .views import all as v

D = "meetings/<int:pk>/draft/"

urlpatterns = [
    path("drafts/", v.drafts, name="drafts"),
    path("bodies/<slug:slug>/meetings/new/", v.meeting_create, name="meeting_create"),
    path("bodies/<slug:slug>/meetings/schedule/", v.meeting_schedule, name="meeting_schedule"),
    path(D + "details/", v.meeting_edit, name="draft_details"),
    path(D + "agenda/", v.agenda, name="draft_agenda"),
    path(D + "agenda/add/", v.item_add, name="draft_item_add"),
    path(D + "agenda/reorder/", v.items_reorder, name="draft_items_reorder"),
    path(D + "items/<int:item_pk>/", v.item_edit, name="draft_item"),
    path(D + "items/<int:item_pk>/delete/", v.item_delete, name="draft_item_delete"),
    path(D + "items/<int:item_pk>/move/", v.item_move, name="draft_item_move"),
    path(D + "items/<int:item_pk>/papers/", v.paper_add, name="draft_paper_add"),
    path(D + "papers/<int:paper_pk>/delete/", v.paper_delete, name="draft_paper_delete"),
    path("meetings/<int:pk>/agenda/print/", v.agenda_print, name="agenda_print"),
    path(D + "register/", v.register, name="draft_register"),
    path(D + "register/add/", v.attendance_add, name="draft_attendance_add"),
    path(
        D + "register/<int:attendance_pk>/remove/",
        v.attendance_remove,
        name="draft_attendance_remove",
    ),
    path(D + "minutes/", v.minutes_editor, name="draft_minutes"),
    path(D + "items/<int:item_pk>/minutes/", v.item_minutes_save, name="draft_item_minutes"),
    path(D + "items/<int:item_pk>/decisions/", v.decision_add, name="draft_decision_add"),
    path(
        D + "decisions/<int:decision_pk>/delete/",
        v.decision_delete,
        name="draft_decision_delete",
    ),
    path(D + "decisions/<int:decision_pk>/edit/", v.decision_edit, name="draft_decision_edit"),
    path(D + "items/<int:item_pk>/actions/", v.action_add, name="draft_action_add"),
    path(D + "actions/<int:action_pk>/edit/", v.action_edit, name="draft_action_edit"),
    path(D + "items/<int:item_pk>/extras/", v.item_extras, name="draft_item_extras"),
    path(D + "owners/", v.owner_search, name="draft_owner_search"),
    path(D + "declarations/", v.declaration_add, name="draft_declaration_add"),
    path(
        D + "declarations/<int:declaration_pk>/delete/",
        v.declaration_delete,
        name="draft_declaration_delete",
    ),
    path(D + "declarations/none/", v.no_interests, name="draft_no_interests"),
    path(D + "approval/", v.approval_record, name="draft_approval"),
    path(D + "actions/<int:action_pk>/progress/", v.action_progress, name="draft_action_progress"),
    path(D + "items/<int:item_pk>/history/", v.item_history, name="draft_item_history"),
    path(
        D + "items/<int:item_pk>/history/<int:history_id>/restore/",
        v.item_restore,
        name="draft_item_restore",
    ),
    path(D + "preview/", v.preview, name="draft_preview"),
    path(D + "preview/document/", v.preview_document, name="draft_preview_document"),
]
