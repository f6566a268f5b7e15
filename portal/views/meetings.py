"""The meeting page: the record of one meeting, read-only, in tabs (Agenda, Attendance, Minutes,
Actions, Papers). Drafting and sign-off have their own views; they add buttons to the toolbar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from imports.selectors import meeting_source
from meetings import rules as meeting_rules
from meetings.publication import agenda_notice
from meetings.selectors import meetings_base
from notices import rules as notice_rules
from partners import rules as partner_rules
from records import rules as record_rules

from .. import selectors

TABS = ("agenda", "attendance", "minutes", "actions", "papers")


def default_tab(meeting, can_read_minutes: bool = True) -> str:
    """Before a meeting people want its agenda; afterwards, its minutes (once they may read
    them: draft minutes are the secretariat's and the chair's until circulated)."""
    if meeting.date > timezone.localdate() or not can_read_minutes:
        return "agenda"
    return "minutes"


def signoff_step(user, meeting, can_sign: bool) -> str:
    """The one name of the sign-off step this person may act on now ("" when there is nothing
    for them to do): checking the circulated draft (comment, resolve or record approval), then
    reviewing and signing the approved minutes (the chair)."""
    if meeting.status == meeting.Status.CIRCULATED and (
        record_rules.can_comment_on_minutes(user, meeting)
        or record_rules.can_resolve_comments(user, meeting)
        or record_rules.can_approve_minutes(user, meeting)
    ):
        return "Check the draft"
    if meeting.status == meeting.Status.APPROVED and can_sign:
        return "Review and sign"
    return ""


def _toolbar(user, meeting, chair) -> dict:
    """For the toolbar: other features show their buttons when these allow."""
    flags = {
        "can_edit_meeting": meeting_rules.can_edit_meeting(user, meeting),
        "can_manage_meeting": meeting_rules.can_manage_meeting(user, meeting),
        "can_circulate_minutes": record_rules.can_circulate_minutes(user, meeting),
        "can_dispatch_agenda": notice_rules.can_dispatch_agenda(user, meeting),
        "can_sign_meeting": record_rules.can_sign_minutes(
            user, meeting, chair.person_id if chair else None
        ),
    }
    flags["signoff_step"] = signoff_step(user, meeting, flags["can_sign_meeting"])
    # The secretariat is told when the public agenda goes out, and warned when it is late.
    if flags["can_manage_meeting"]:
        flags["agenda_notice"] = agenda_notice(meeting)
    return flags


@login_required
def meeting_detail(request, pk):
    meeting = partner_rules.get_or_404(
        meetings_base(), user=request.user, check=meeting_rules.can_view_meeting, pk=pk
    )
    page = selectors.meeting_page(meeting=meeting, user=request.user)
    can_read_minutes = meeting_rules.can_read_minutes(request.user, meeting)
    tab = request.GET.get("tab")
    if tab not in TABS:
        tab = default_tab(meeting, can_read_minutes)
    # A signed meeting shows its frozen record: names as they stood when it was signed.
    shown = page.record.meeting
    body = shown.body
    context = {
        "meeting": shown,
        "record": page.record,
        "items": page.items,
        "attendance_sections": page.attendance_sections,
        "chair_attendance": page.chair,
        "loose_declarations": page.loose_declarations,
        "papers": page.papers,
        "tab": tab,
        "source": meeting_source(meeting),
        "can_read_minutes": can_read_minutes,
        "today": timezone.localdate(),
        "nav_section": "bodies",
        "crumbs": [
            (body.short_name or body.name, reverse("body_detail", args=[body.slug])),
            (f"{meeting.date:%-d %B %Y}", ""),
        ],
        **_toolbar(request.user, meeting, page.chair),
    }
    return render(request, "portal/meeting_detail.html", context)
