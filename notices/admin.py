from django.contrib import admin

from .models import AgendaDispatch, NoticeBatch, NoticeDelivery, NoticeFailure


class FailureInline(admin.TabularInline):
    model = NoticeFailure
    extra = 0
    readonly_fields = ["at", "reason"]


@admin.register(NoticeDelivery)
class NoticeDeliveryAdmin(admin.ModelAdmin):
    # What went to whom: the secretariat reads it on the body's outbox page; kept read-only
    # here too, because the rows are the claims that keep each notice to one message.
    list_display = ["person", "kind", "meeting", "claimed_at", "sent_at", "stopped", "error"]
    list_filter = ["kind", "stopped", "digest"]
    search_fields = ["person__name", "email", "subject"]
    list_select_related = ["person", "meeting__body"]
    readonly_fields = [f.name for f in NoticeDelivery._meta.fields]
    inlines = [FailureInline]


@admin.register(NoticeBatch)
class NoticeBatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "meeting", "created_at", "attempts", "done_at", "gave_up_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in NoticeBatch._meta.fields]


@admin.register(AgendaDispatch)
class AgendaDispatchAdmin(admin.ModelAdmin):
    list_display = ["meeting", "number", "send_at", "queued_at", "cancelled_at"]
    list_select_related = ["meeting__body"]
    readonly_fields = [f.name for f in AgendaDispatch._meta.fields]
