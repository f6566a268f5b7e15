"""The minutes as a Word document, in the same structure as the PDF, for secretariats who
finish in Word. Built from ``minutes_context`` so it never disagrees with the PDF."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from meetings.models import Meeting
from partners.templatetags.minutebook import ukdate

from .documents import minutes_context


class _MinutesHTML(HTMLParser):
    """Turns the sanitised minutes HTML (p, lists, bold, italics) into Word paragraphs."""

    def __init__(self, cell_or_doc):
        super().__init__()
        self.target = cell_or_doc
        self.paragraph = None
        self.bold = self.italic = self.underline = 0
        self.lists: list[list] = []  # [kind, counter]

    def _new(self, style=None):
        self.paragraph = self.target.add_paragraph(style=style)
        return self.paragraph

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h3", "h4", "blockquote"):
            self._new()
            if tag in ("h3", "h4"):
                self.bold += 1
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            self._new("List Bullet" if kind[0] == "ul" else "List Number")
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "u":
            self.underline += 1
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()

    def handle_endtag(self, tag):
        if tag in ("h3", "h4"):
            self.bold = max(0, self.bold - 1)
        if tag in ("p", "li", "h3", "h4", "blockquote"):
            self.paragraph = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "u":
            self.underline = max(0, self.underline - 1)

    def handle_data(self, data):
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self._new()
        run = self.paragraph.add_run(data)
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None
        run.underline = bool(self.underline) or None


def _add_html(target, html: str) -> None:
    parser = _MinutesHTML(target)
    parser.feed(html)
    parser.close()


def _first_paragraph(cell, text: str, *, bold=False, italic=False):
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    return paragraph


def minutes_docx(meeting: Meeting, *, public: bool = False) -> bytes:
    """The minutes as a .docx file: the sections in the PDF's order, each written by its own
    helper below from the same ``minutes_context``."""
    from docx import Document

    ctx = minutes_context(meeting, public=public)
    doc = Document()
    _page_setup(doc, ctx)
    _title_block(doc, ctx, public=public)
    _attendance(doc, ctx)
    _items_table(doc, ctx)
    _actions_table(doc, ctx)
    _next_meetings(doc, ctx)
    _sign_off(doc, ctx)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# python-docx is imported inside the functions that use it, as WeasyPrint is for the PDF, so
# that importing this module (the document views and the render task do) stays cheap.


def _page_setup(doc, ctx: dict) -> None:
    """A4 portrait, the PDF's margins and type, and the running header on every page."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    section.header.paragraphs[0].text = (
        f"{ctx['body'].short_name or ctx['body'].name} · {ctx['document_title']} · "
        f"{ukdate(ctx['meeting'].date)}" + (" · DRAFT" if ctx["is_draft"] else "")
    )


def _title_block(doc, ctx: dict, *, public: bool) -> None:
    """The body's name, the heading, when and where, and which version this is."""
    from docx.shared import Pt, RGBColor

    p = doc.add_paragraph()
    run = p.add_run(ctx["body"].name)
    run.bold = True
    run.font.size = Pt(13)
    run.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    doc.add_heading(ctx["heading"], level=1)
    when = [f"Date: {ukdate(ctx['meeting'].date, 'full')}"]
    if ctx["time_text"]:
        when.append(f"Time: {ctx['time_text']}")
    if ctx["meeting"].venue:
        when.append(f"Venue: {ctx['meeting'].venue}")
    doc.add_paragraph("    ".join(when))
    status = "DRAFT: not yet approved" if ctx["is_draft"] else ctx["meeting"].get_status_display()
    doc.add_paragraph(status + (" · Public version" if public else " · Members’ version"))


def _attendance(doc, ctx: dict) -> None:
    """The register: a heading per category, a two-column table of names and organisations
    per group, and the chair's note."""
    for group in ctx["attendance"]:
        doc.add_heading(group.label, level=2)
        for sublabel, people in group.subgroups:
            if sublabel:
                doc.add_paragraph(sublabel).runs[0].italic = True
            table = doc.add_table(rows=0, cols=2)
            for person in people:
                cells = table.add_row().cells
                name = person.name + (f" ({person.role})" if person.role else "")
                name += " (minutes)" if person.took_minutes else ""
                _first_paragraph(cells[0], name, bold=True)
                org = person.organisation
                if person.substitute_for:
                    org += f" (deputising for {person.substitute_for})"
                _first_paragraph(cells[1], org)
    if ctx["chair_note"]:
        doc.add_paragraph(ctx["chair_note"]).runs[0].italic = True


def _items_table(doc, ctx: dict) -> None:
    """The items as the PDF sets them: number, the item's minutes, and its actions by number."""
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("No.", "Item", "Action / Who"), strict=True):
        _first_paragraph(cell, text, bold=True)
    for item in ctx["items"]:
        cells = table.add_row().cells
        _first_paragraph(cells[0], item.number, bold=item.depth == 0)
        _first_paragraph(cells[1], item.title, bold=True)
        _item_minutes(cells[1], item, ctx)
        _first_paragraph(cells[2], "\n".join(f"A{a.number} {a.who}" for a in item.actions))
    for row in table.rows:
        row.cells[0].width, row.cells[1].width, row.cells[2].width = Mm(14), Mm(130), Mm(30)


def _item_minutes(body, item, ctx: dict) -> None:
    """What is minuted under an item's title. A private item (the public version of an exempt
    one) shows only why it is withheld."""
    if item.private:
        body.add_paragraph(item.exemption).runs[0].italic = True
        return
    if item.exemption:
        body.add_paragraph(item.exemption).runs[0].italic = True
    for line in item.notes_before + item.declarations + item.approvals:
        body.add_paragraph(line)
    if item.kind == "declarations" and not item.declarations and ctx["no_interests_declared"]:
        body.add_paragraph("There were no conflicts of interest to declare.")
    if item.minutes:
        _add_html(body, item.minutes)
    for verb, text in item.decisions:
        paragraph = body.add_paragraph()
        paragraph.add_run(f"{verb.upper()}: ").bold = True
        parser = _MinutesHTML(body)
        parser.paragraph = paragraph
        parser.feed(text.replace("<p>", "").replace("</p>", " "))
    for line in item.notes_after:
        body.add_paragraph(line).runs[0].italic = True


def _actions_table(doc, ctx: dict) -> None:
    """The actions from the meeting, one row each, when there are any."""
    if not ctx["actions"]:
        return
    doc.add_heading("Actions from the meeting", level=2)
    actions = doc.add_table(rows=1, cols=5)
    actions.style = "Table Grid"
    for cell, text in zip(
        actions.rows[0].cells, ("No.", "Reference", "Action", "Owner", "Due"), strict=True
    ):
        _first_paragraph(cell, text, bold=True)
    for a in ctx["actions"]:
        cells = actions.add_row().cells
        row = (str(a.number), a.reference, a.description, a.owners_text, a.due or "—")
        for cell, text in zip(cells, row, strict=True):
            _first_paragraph(cell, text)


def _next_meetings(doc, ctx: dict) -> None:
    if not ctx["next_meetings"]:
        return
    doc.add_heading("Date of next meeting", level=2)
    for m in ctx["next_meetings"]:
        doc.add_paragraph(ukdate(m.date, "full") + (f", {m.venue}" if m.venue else ""))


def _sign_off(doc, ctx: dict) -> None:
    """The approval line, then the signature with the fingerprint, or a line to sign on."""
    if ctx["approved_text"]:
        doc.add_paragraph(ctx["approved_text"])
    signature = ctx["signature"]
    if signature:
        doc.add_paragraph(
            f"Signed ({signature['role']}): {signature['name']}        "
            f"Date: {ukdate(signature['date'])}"
        )
        doc.add_paragraph(f"Fingerprint: {ctx['fingerprint']} · verify at {ctx['verify_url']}")
    else:
        doc.add_paragraph(
            "Signed (Chair) ......................................        Date ............"
        )
