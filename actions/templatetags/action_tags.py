"""Badges for actions (status and urgency, always a word as well as a colour), and links for
lists of them."""

import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import format_html

from actions.models import Action
from partners.templatetags.minutebook import due_hint

register = template.Library()


@register.simple_tag
def action_status(action):
    return format_html(
        '<span class="badge action-status action-status-{}">{}</span>',
        action.status.replace("_", "-"),
        action.get_status_display(),
    )


@register.simple_tag
def due_badge(action, today=None):
    """ "Overdue · 3 days overdue", "Due today", "Due in 4 days", or nothing when closed."""
    if action.status in Action.CLOSED or not action.due_date:
        return ""
    today = today or timezone.localdate()
    days = (action.due_date - today).days
    if days < 0:
        return format_html(
            '<span class="badge status-overdue">Overdue</span> <span class="due-hint">{}</span>',
            due_hint(action.due_date, today),
        )
    soon = days <= action.meeting.body.reminder_notice_days
    css = "status-due-soon" if soon else "text-bg-light border"
    return format_html(
        '<span class="badge {}">{}</span>', css, due_hint(action.due_date, today).capitalize()
    )


@register.simple_tag
def link(name, value):
    """``{% url name value %}`` for URLs with one argument, reversed once per name: a list of
    25 action cards has some 150 links, and ``reverse`` costs more than the rest of a card."""
    prefix, suffix = _url_parts(name, get_script_prefix())
    return f"{prefix}{value}{suffix}"


@functools.cache
def _url_parts(name: str, script_prefix: str) -> tuple[str, str]:
    marker = "424242424242"  # passes the int, slug and str converters
    prefix, suffix = reverse(name, args=[marker]).rsplit(marker, 1)
    return prefix, suffix
