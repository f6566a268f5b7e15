"""Minutes text: simple formatting only, sanitised on the way in and on the way out."""

import nh3
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h3",
    "h4",
}
ALLOWED_ATTRIBUTES = {"ol": {"type", "start", "class"}, "ul": {"class"}}


def clean_html(value: str) -> str:
    """Keep paragraphs, bold, italics and (lettered or numbered) lists; drop everything else."""
    return nh3.clean(value or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES).strip()


def safe_html(value: str):
    return mark_safe(clean_html(value))  # noqa: S308  (cleaned by nh3 just above)


def plain_text(value: str) -> str:
    return strip_tags(clean_html(value)).strip()
