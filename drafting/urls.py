"""Drafting: the secretariat's pages for setting up a meeting and writing its record."""

from django.urls import path

from .views import (
    agenda,
    approval,
    declarations,
    history,
    meetings,
    minutes,
    papers,
    preview,
    register,
)

D = "meetings/<int:pk>/draft/"

urlpatterns = [
    path("drafts/", meetings.drafts, name="drafts"),
    path("bodies/<slug:slug>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path(
        "bodies/<slug:slug>/meetings/schedule/", meetings.meeting_schedule, name="meeting_schedule"
    ),
    path(D + "details/", meetings.meeting_edit, name="draft_details"),
    path(D + "agenda/", agenda.agenda, name="draft_agenda"),
    path(D + "agenda/add/", agenda.item_add, name="draft_item_add"),
    path(D + "agenda/reorder/", agenda.items_reorder, name="draft_items_reorder"),
    path(D + "items/<int:item_pk>/", agenda.item_edit, name="draft_item"),
    path(D + "items/<int:item_pk>/delete/", agenda.item_delete, name="draft_item_delete"),
    path(D + "items/<int:item_pk>/move/", agenda.item_move, name="draft_item_move"),
    path(D + "items/<int:item_pk>/papers/", papers.paper_add, name="draft_paper_add"),
    path(D + "papers/<int:paper_pk>/delete/", papers.paper_delete, name="draft_paper_delete"),
    path("meetings/<int:pk>/agenda/print/", agenda.agenda_print, name="agenda_print"),
    path(D + "register/", register.register, name="draft_register"),
    path(D + "register/add/", register.attendance_add, name="draft_attendance_add"),
    path(
        D + "register/mark-unmarked/",
        register.register_mark_unmarked,
        name="draft_register_mark_unmarked",
    ),
    path(D + "register/copy/", register.register_copy, name="draft_register_copy"),
    path(
        D + "register/<int:attendance_pk>/remove/",
        register.attendance_remove,
        name="draft_attendance_remove",
    ),
    path(D + "minutes/", minutes.minutes_editor, name="draft_minutes"),
    path(D + "items/<int:item_pk>/minutes/", minutes.item_minutes_save, name="draft_item_minutes"),
    path(D + "items/<int:item_pk>/decisions/", minutes.decision_add, name="draft_decision_add"),
    path(
        D + "decisions/<int:decision_pk>/delete/",
        minutes.decision_delete,
        name="draft_decision_delete",
    ),
    path(
        D + "decisions/<int:decision_pk>/edit/", minutes.decision_edit, name="draft_decision_edit"
    ),
    path(D + "items/<int:item_pk>/actions/", minutes.action_add, name="draft_action_add"),
    path(D + "actions/<int:action_pk>/edit/", minutes.action_edit, name="draft_action_edit"),
    path(D + "items/<int:item_pk>/extras/", minutes.item_extras, name="draft_item_extras"),
    path(D + "owners/", minutes.owner_search, name="draft_owner_search"),
    path(D + "declarations/", declarations.declaration_add, name="draft_declaration_add"),
    path(
        D + "declarations/<int:declaration_pk>/delete/",
        declarations.declaration_delete,
        name="draft_declaration_delete",
    ),
    path(D + "declarations/none/", declarations.no_interests, name="draft_no_interests"),
    path(D + "approval/", approval.approval_record, name="draft_approval"),
    path(
        D + "actions/<int:action_pk>/progress/",
        minutes.action_progress,
        name="draft_action_progress",
    ),
    path(D + "items/<int:item_pk>/history/", history.item_history, name="draft_item_history"),
    path(
        D + "items/<int:item_pk>/history/<int:history_id>/restore/",
        history.item_restore,
        name="draft_item_restore",
    ),
    path(D + "preview/", preview.preview, name="draft_preview"),
    path(D + "preview/document/", preview.preview_document, name="draft_preview_document"),
]
