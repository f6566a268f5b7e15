"""The public agenda as a tagged PDF (PDF/UA-1: a structure tree that screen readers follow, the
document's title and language), from the agenda without confidential business.

WeasyPrint is imported inside the function: it is slow to import and only printing needs it.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from meetings.models import Meeting
from meetings.rules import exemption_text
from records.documents import agenda_heading, time_text
from records.selectors import meeting_record


def agenda_context(meeting: Meeting) -> dict:
    """The context of ``templates/pdf/agenda.html`` for the public (``public``): items in order;
    an exempt item keeps its number and heading and says why it is exempt, and nothing else
    reaches the template; the others carry purpose, presenter and papers."""
    record = meeting_record(meeting_id=meeting.pk, include_confidential=False)
    items = []
    for node in record.flat_items():
        item = node.item
        exempt = exemption_text(item)  # "Exempt: paragraph 3 of Schedule 12A", or ""
        items.append(
            {
                "number": item.number,
                "title": item.title,
                "depth": node.depth,
                "exempt": exempt,
                "purpose": "" if exempt or not item.purpose else item.get_purpose_display(),
                "presenter": "" if exempt or not item.presenter_id else item.presenter.display_name,
                "papers": [] if exempt else list(item.papers.all()),
            }
        )
    shown = record.meeting
    return {
        "public": True,
        "for_pdf": True,
        "meeting": shown,
        "body": shown.body,
        "heading": agenda_heading(shown),
        "time_text": time_text(shown),
        "items": items,
        "issued_on": timezone.localdate(),
    }


def agenda_pdf(meeting: Meeting) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("pdf/agenda.html", agenda_context(meeting))
    stylesheet = CSS(filename=finders.find("css/print.css"))
    return HTML(string=html, base_url="/").write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1", pdf_tags=True
    )
