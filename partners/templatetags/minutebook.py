"""Template helpers used across the product: UK dates, names, status badges. The safe minutes text filter is in
``meetings/templatetags/meeting_tags.py``."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()


@register.filter
def ukdate(value, style="long"):
    """9 November 2011 (long), Wed 9 November 2011 (day), 9 Nov 2011 (short)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    formats = {
        "long": "%-d %B %Y",
        "day": "%a %-d %B %Y",
        "short": "%-d %b %Y",
        "full": "%A %-d %B %Y",
    }
    return value.strftime(formats.get(style, formats["long"]))


@register.filter
def uktime(value):
    """1pm, 9.30am: as partnership minutes write times."""
    if not value:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}.{value.minute:02d}{suffix}"


@register.filter
def due_hint(due_date, today=None):
    """ "due in 3 days", "due today", "2 days overdue"; past a fortnight in weeks, months or
    years ("3 months overdue", not "97 days overdue")."""
    if not due_date:
        return "no due date"
    today = today or timezone.localdate()
    delta = (due_date - today).days
    if delta == 0:
        return "due today"
    if delta == 1:
        return "due tomorrow"
    if delta > 1:
        return f"due in {_span(delta)}"
    return f"{_span(-delta)} overdue"


def _span(days: int) -> str:
    """A count of days as a person would say it: 1 day, 12 days, 3 weeks, 5 months, 2 years."""
    if days < 14:
        n, unit = days, "day"
    elif days < 61:
        n, unit = days // 7, "week"
    elif days < 730:
        n, unit = days // 30, "month"
    else:
        n, unit = days // 365, "year"
    return f"{n} {unit}{'' if n == 1 else 's'}"


@register.simple_tag
def status_badge(meeting):
    return format_html(
        '<span class="badge status-badge status-{}">{}</span>',
        meeting.status,
        meeting.get_status_display(),
    )
