"""Small helpers for the read-only pages (home, bodies, meeting record)."""

import datetime as dt

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .minutebook import uktime

register = template.Library()


@register.simple_tag
def optional_url(name, *args, **kwargs):
    """Link to a page another part of the product provides, only once that page exists.

    ``{% optional_url "my_actions" as url %}{% if url %}<a href="{{ url }}">…</a>{% endif %}``
    """
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@register.simple_tag
def due_badge(action, today=None):
    """Word and colour for where an open action stands: Overdue, Due soon (within the body's
    reminder notice period, as reminders count it), or nothing."""
    if action.is_closed or not action.due_date:
        return ""
    today = today or timezone.localdate()
    if action.due_date < today:
        return mark_safe('<span class="badge status-badge status-overdue">Overdue</span>')
    notice = action.meeting.body.reminder_notice_days
    if action.due_date <= today + dt.timedelta(days=notice):
        return mark_safe('<span class="badge status-badge status-due-soon">Due soon</span>')
    return ""


@register.simple_tag
def action_status_badge(action):
    # The action styles (action-status-*) belong to the actions feature's section of the CSS.
    return format_html(
        '<span class="badge action-status action-status-{}">{}</span>',
        action.status.replace("_", "-"),
        action.get_status_display(),
    )


@register.filter
def meeting_time(meeting):
    """ "1pm" or "1pm–3.30pm"; empty when no time was set."""
    if not meeting.start_time:
        return ""
    if meeting.end_time:
        return f"{uktime(meeting.start_time)}–{uktime(meeting.end_time)}"
    return uktime(meeting.start_time)
