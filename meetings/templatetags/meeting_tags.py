"""Template helpers for a meeting's record."""

from django import template

from meetings import rules
from meetings.text import safe_html

register = template.Library()


@register.filter
def minutes_html(value):
    """Minutes text as stored, cleaned again on the way out (nh3), so it is safe to show."""
    return safe_html(value)


@register.filter
def exemption(item):
    """``{{ item|exemption }}``: "Exempt: paragraph 3 of Schedule 12A" (``rules.exemption_text``)."""
    return rules.exemption_text(item)
