from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.admin_guard import SignedRecordAdminMixin

from .models import Action, ActionOwner, ActionUpdate


class OwnerInline(admin.TabularInline):
    model = ActionOwner
    extra = 0
    autocomplete_fields = ["person", "organisation", "team"]


class UpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    autocomplete_fields = ["author", "meeting"]


@admin.register(Action)
class ActionAdmin(SignedRecordAdminMixin, SimpleHistoryAdmin):
    # Progress (status) is edited through the actions pages; the admin keeps signed rows whole.
    list_display = ["number", "description", "meeting", "due_date", "status"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["description", "owners__person__name", "owners__team__name"]
    date_hierarchy = "due_date"
    autocomplete_fields = ["meeting", "item", "closed_at_meeting"]
    inlines = [OwnerInline, UpdateInline]
    list_select_related = ["meeting__body"]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "status_before", "status_after", "author", "created_at", "via"]
    list_filter = ["via", "status_after"]
    search_fields = ["note", "action__description"]
    autocomplete_fields = ["action", "author", "meeting"]
