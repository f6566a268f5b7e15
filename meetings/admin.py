from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .admin_guard import SignedRecordAdminMixin
from .models import AgendaItem, Attendance, Decision, Declaration, Meeting, MinutesApproval, Paper


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "organisation", "substitute_for"]
    fields = [
        "person",
        "category",
        "organisation",
        "group_label",
        "role_label",
        "substitute_for",
        "chaired",
        "took_minutes",
        "note",
        "position",
    ]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["number", "title", "kind", "purpose", "confidential", "position"]
    readonly_fields = ["number"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(SignedRecordAdminMixin, SimpleHistoryAdmin):
    meeting_status_path = "status"
    list_display = ["body", "date", "start_time", "venue", "kind", "status"]
    list_filter = ["status", "kind", "body"]
    search_fields = ["body__name", "venue", "title"]
    date_hierarchy = "date"
    autocomplete_fields = ["body", "joint_body"]
    readonly_fields = ["signed_by", "signed_at", "fingerprint", "signed_pdf", "signed_pdf_sha256"]
    inlines = [AgendaItemInline, AttendanceInline]
    list_select_related = ["body"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0


class PaperInline(admin.TabularInline):
    model = Paper
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(SignedRecordAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "number", "title", "kind", "purpose", "confidential"]
    list_filter = ["kind", "purpose", "confidential", "meeting__body"]
    search_fields = ["title", "minutes"]
    autocomplete_fields = ["meeting", "parent", "presenter"]
    readonly_fields = ["number", "revision"]
    inlines = [DecisionInline, PaperInline]
    list_select_related = ["meeting__body"]


@admin.register(Attendance)
class AttendanceAdmin(SignedRecordAdminMixin, SimpleHistoryAdmin):
    list_display = ["person", "meeting", "category", "organisation", "substitute_for", "chaired"]
    list_filter = ["category", "meeting__body"]
    search_fields = ["person__name", "meeting__body__name"]
    autocomplete_fields = [
        "meeting",
        "person",
        "organisation",
        "substitute_for",
        "arrived_during",
        "left_after",
    ]
    list_select_related = ["person", "meeting__body", "organisation", "substitute_for"]


@admin.register(Decision)
class DecisionAdmin(SignedRecordAdminMixin, SimpleHistoryAdmin):
    meeting_status_path = "item.meeting.status"
    list_display = ["item", "verb", "text"]
    list_filter = ["verb", "item__meeting__body"]
    search_fields = ["text", "item__title"]
    autocomplete_fields = ["item"]
    list_select_related = ["item__meeting__body"]


@admin.register(Declaration)
class DeclarationAdmin(SignedRecordAdminMixin, SimpleHistoryAdmin):
    list_display = ["person", "meeting", "item", "interest"]
    search_fields = ["person__name", "interest"]
    autocomplete_fields = ["meeting", "person", "item"]


@admin.register(MinutesApproval)
class MinutesApprovalAdmin(SignedRecordAdminMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "previous_meeting", "outcome"]
    list_filter = ["outcome"]
    autocomplete_fields = ["meeting", "previous_meeting", "item"]


@admin.register(Paper)
class PaperAdmin(SignedRecordAdminMixin, admin.ModelAdmin):
    meeting_status_path = "item.meeting.status"
    list_display = ["reference", "title", "item", "original_name", "size"]
    search_fields = ["reference", "title", "original_name"]
    autocomplete_fields = ["item"]
