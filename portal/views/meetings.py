"""The meeting page: the record of one meeting, read-only, in tabs (Agenda, Attendance, Minutes,
Actions, Papers). Drafting and sign-off have their own views; they add buttons to the toolbar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from meetings import rules as meeting_rules
from meetings.models import AgendaItem
from meetings.publication import agenda_notice
from meetings.selectors import meetings_base
from partners import rules as partner_rules
from records import rules as record_rules
from records.selectors import MeetingRecord, meeting_record

TABS = ("agenda", "attendance", "minutes", "actions", "papers")


def attendance_sections(record: MeetingRecord):
    """Categories in minutes order; inside each, rows grouped by group_label in the order the
    groups first appear (so "Executive Members" stays above "Non-Executive Members")."""
    sections = []
    for category, label, rows in record.attendance_groups():
        groups: dict[str, list] = {}
        for row in rows:
            groups.setdefault(row.group_label, []).append(row)
        sections.append({"category": category, "label": label, "groups": list(groups.items())})
    return sections


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


@login_required
def meeting_detail(request, pk):
    meeting = partner_rules.get_or_404(
        meetings_base(), user=request.user, check=meeting_rules.can_view_meeting, pk=pk
    )
    record = meeting_record(
        meeting_id=meeting.pk,
        include_confidential=meeting_rules.can_view_confidential(request.user, meeting),
    )
    declarations, approvals = record.declarations, record.approvals_given
    can_read_minutes = meeting_rules.can_read_minutes(request.user, meeting)
    tab = request.GET.get("tab") or default_tab(meeting, can_read_minutes)
    if tab not in TABS:
        tab = default_tab(meeting, can_read_minutes)

    chair = next((a for a in record.attendances if a.chaired), None)
    items = record.flat_items()
    for node in items:
        item = node.item
        item.item_declarations = [d for d in declarations if d.item_id == item.pk]
        item.item_approvals = [
            a
            for a in approvals
            if a.item_id == item.pk
            or (a.item_id is None and item.kind == AgendaItem.Kind.PREVIOUS_MINUTES)
        ]
    # Declarations not tied to an item belong under the "Declarations of interest" item.
    loose_declarations = [d for d in declarations if d.item_id is None]

    # A signed meeting shows its frozen record: names as they stood when it was signed.
    shown = record.meeting
    body = shown.body
    context = {
        "meeting": shown,
        "record": record,
        "items": items,
        "attendance_sections": attendance_sections(record),
        "chair_attendance": chair,
        "loose_declarations": loose_declarations,
        "papers": [(n.item, p) for n in items for p in n.item.papers.all()],
        "tab": tab,
        "can_read_minutes": can_read_minutes,
        "today": timezone.localdate(),
        "nav_section": "bodies",
        "crumbs": [
            (body.short_name or body.name, reverse("body_detail", args=[body.slug])),
            (f"{meeting.date:%-d %B %Y}", ""),
        ],
        # For the toolbar: other features show their buttons when these allow.
        "can_edit_meeting": meeting_rules.can_edit_meeting(request.user, meeting),
        "can_manage_meeting": meeting_rules.can_manage_meeting(request.user, meeting),
        "can_circulate_minutes": record_rules.can_circulate_minutes(request.user, meeting),
        "can_sign_meeting": record_rules.can_sign_minutes(
            request.user, meeting, chair.person_id if chair else None
        ),
    }
    context["signoff_step"] = signoff_step(request.user, meeting, context["can_sign_meeting"])
    # The secretariat is told when the public agenda goes out, and warned when it is late.
    if context["can_manage_meeting"]:
        context["agenda_notice"] = agenda_notice(meeting)
    return render(request, "portal/meeting_detail.html", context)
