"""Admin for signed minutes: shown read-only with a notice, never a 500.

The model guard (signals.py) refuses the write anyway; this makes the admin say so first: a
row of a signed meeting opens as "view" only, and a save or delete that races a signing is
caught and reported as a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction

from .errors import RecordLocked
from .querysets import LOCKED_MESSAGE, SIGNED


class SignedRecordAdminMixin:
    # How to reach the meeting's status from this admin's object.
    meeting_status_path = "meeting.status"

    def _is_signed(self, obj) -> bool:
        if obj is None or obj.pk is None:
            return False
        value = obj
        for part in self.meeting_status_path.split("."):
            value = getattr(value, part, None)
            if value is None:
                return False
        return value == SIGNED

    def has_change_permission(self, request, obj=None):
        if self._is_signed(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._is_signed(obj):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if self._is_signed(obj) and request.method == "GET":
            messages.warning(request, LOCKED_MESSAGE + " Add an addendum for a correction.")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        try:
            with transaction.atomic():
                super().save_model(request, obj, form, change)
        except RecordLocked as exc:
            messages.error(request, " ".join(exc.messages))

    def delete_model(self, request, obj):
        try:
            with transaction.atomic():
                super().delete_model(request, obj)
        except RecordLocked as exc:
            messages.error(request, " ".join(exc.messages))

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                super().delete_queryset(request, queryset)
        except RecordLocked as exc:
            messages.error(request, " ".join(exc.messages))
