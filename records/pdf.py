"""PDF rendering with WeasyPrint: minutes (members' and public) and the agenda pack.

WeasyPrint is imported inside the functions: it takes most of a second to import and only the
processes that print need it.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from meetings.models import Meeting, Paper

from .documents import agenda_context, minutes_context

Progress = Callable[[int, str], None]
RECORD_ATTACHMENT = "signed-record.json"


def _noop(percent: int, stage: str) -> None:
    return None


def _stylesheets():
    """The print stylesheet, parsed once per process and again only when the file changes."""
    path = finders.find("css/print.css")
    return [_parsed_css(path, os.stat(path).st_mtime_ns)]


@functools.lru_cache(maxsize=2)
def _parsed_css(path: str, mtime_ns: int):
    from weasyprint import CSS

    return CSS(filename=path)


def _write(html: str, *, record_json: str = "") -> bytes:
    from weasyprint import HTML, Attachment

    # base_url lets a body's logo load from MEDIA_ROOT (file:// URLs in the context).
    document = HTML(string=html, base_url="/")
    if not record_json:
        return document.write_pdf(stylesheets=_stylesheets())
    # Signed minutes: PDF/A-3b for keeping, with the frozen record they print attached, so the
    # file alone holds both what was signed and how it reads.
    attachment = Attachment(
        string=record_json,
        name=RECORD_ATTACHMENT,
        description="The signed record (canonical JSON); its SHA-256 is the fingerprint",
        relationship="Source",
    )
    return document.write_pdf(
        stylesheets=_stylesheets(), pdf_variant="pdf/a-3b", attachments=[attachment]
    )


def minutes_html(meeting: Meeting, *, public: bool = False, for_pdf: bool = False) -> str:
    return render_to_string(
        "pdf/minutes.html", minutes_context(meeting, public=public, for_pdf=for_pdf)
    )


def minutes_pdf_from_record(record, *, public: bool, record_json: str = "") -> bytes:
    """PDF of an already-loaded record (signing passes the frozen one, and its JSON to attach)."""
    context = minutes_context(record.meeting, public=public, for_pdf=True, record=record)
    return _write(render_to_string("pdf/minutes.html", context), record_json=record_json)


def minutes_pdf(meeting: Meeting, *, public: bool = False, progress: Progress = _noop) -> bytes:
    """The minutes as PDF bytes. ``progress(percent, stage)`` is told as each stage starts."""
    progress(10, "Collecting the record")
    html = minutes_html(meeting, public=public, for_pdf=True)
    progress(35, "Laying out the pages")
    data = _write(html)
    progress(100, "Done")
    return data


def agenda_pdf(meeting: Meeting, *, progress: Progress = _noop) -> bytes:
    """The agenda followed by every paper uploaded as a PDF, as one pack.

    Page numbers run on through the pack: the agenda is laid out twice, first to learn its own
    length, then with the page on which each paper starts; each appended page gets a
    "Page X of Y" stamp so the whole pack reads as one document.
    """
    from pypdf import PdfReader, PdfWriter

    progress(10, "Collecting the agenda and papers")
    context = agenda_context(meeting, for_pdf=True)
    # The files are read from the papers' rows (a signed record's items are its frozen copy).
    listed = [paper for item in context["items"] for paper in item["papers"]]
    stored = Paper.objects.in_bulk([paper.pk for paper in listed])
    papers = []
    for paper in listed:
        reader = _paper_reader(stored.get(paper.pk))
        if reader is not None:
            papers.append((paper, reader))
    progress(30, "Laying out the agenda")
    first = _write(render_to_string("pdf/agenda.html", {**context, "paper_starts": {}}))
    agenda_pages = len(PdfReader(io.BytesIO(first)).pages)
    starts: dict[int, int] = {}
    page = agenda_pages + 1
    for paper, reader in papers:
        starts[paper.pk] = page
        page += len(reader.pages)
    total = page - 1
    if not papers:
        progress(100, "Done")
        return first
    progress(60, "Numbering the pack")
    agenda = _write(
        render_to_string(
            "pdf/agenda.html", {**context, "paper_starts": starts, "pack_pages": total}
        )
    )
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(agenda)))
    stamps = _page_stamps(range(agenda_pages + 1, total + 1), total, context)
    stamp_reader = PdfReader(io.BytesIO(stamps))
    index = 0
    for _, reader in papers:
        for source in reader.pages:
            added = writer.add_page(source)
            added.merge_page(stamp_reader.pages[index])
            index += 1
    progress(90, "Writing the pack")
    out = io.BytesIO()
    writer.write(out)
    progress(100, "Done")
    return out.getvalue()


def _paper_reader(paper):
    if (
        paper is None
        or not paper.file
        or not (paper.original_name or paper.file.name).lower().endswith(".pdf")
    ):
        return None
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with paper.file.open("rb") as fh:
            data = fh.read()
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted or not reader.pages:
            return None
        return reader
    except (OSError, PdfReadError, ValueError):
        # A damaged upload is listed in the agenda but left out of the pack, never a 500.
        return None


def _page_stamps(numbers, total: int, context: dict) -> bytes:
    """One transparent A4 page per appended page, carrying its pack page number."""
    html = render_to_string(
        "pdf/page_stamps.html",
        {"numbers": list(numbers), "total": total, "meeting": context["meeting"]},
    )
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
