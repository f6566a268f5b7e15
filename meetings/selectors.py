"""Reads for meetings, shaped for the pages that use them (fixed query counts)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import (
    Attendance,
    Meeting,
)

CATEGORY_ORDER = [
    Attendance.Category.PRESENT,
    Attendance.Category.ALSO_PRESENT,
    Attendance.Category.IN_ATTENDANCE,
    Attendance.Category.APOLOGIES,
    Attendance.Category.ABSENT,
    Attendance.Category.EXPECTED,
]


def meetings_base() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body", "joint_body", "signed_by")
