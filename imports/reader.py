"""Turn an uploaded file (or pasted text) into lines of text, the parser's only input.

Plain Python, no Django: the management command, the bench and the web page all read through
here. Word documents keep their tables as tab-separated rows and their automatic numbering
(which python-docx leaves out of ``paragraph.text``) is rendered back in front of the text, so
"1. Welcome" still reads "1. Welcome". PDFs need a text layer: poppler's ``pdftotext`` reads it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

SUFFIXES = (".txt", ".docx", ".pdf")
PDF_TIMEOUT_SECONDS = 20


class ReadError(ValueError):
    """The file cannot be read as minutes; the message is for the person who uploaded it."""


@dataclass
class Document:
    name: str
    kind: str  # "txt", "docx", "pdf" or "text" (pasted)
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_text(text: str, *, name: str = "pasted text", max_chars: int | None = None) -> Document:
    if max_chars is not None and len(text) > max_chars:
        raise ReadError(
            f"The pasted text is too long ({len(text):,} characters; the limit is {max_chars:,})."
        )
    return _checked(Document(name=name, kind="text", lines=_split(text)))


def read_file(name: str, data: bytes, *, max_bytes: int) -> Document:
    """Read ``data`` (the bytes of a file called ``name``). Raises ReadError with a message."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError("Upload the minutes as a Word document (.docx), a PDF or a text file.")
    if len(data) > max_bytes:
        raise ReadError(
            f"The file is too large ({_size(len(data))}); the limit is {_size(max_bytes)}."
        )
    if not data.strip():
        raise ReadError("The file is empty.")
    if suffix == ".docx":
        lines = _docx_lines(data)
    elif suffix == ".pdf":
        lines = _pdf_lines(data)
    else:
        lines = _split(_decode(data))
    return _checked(Document(name=PurePath(name).name, kind=suffix[1:], lines=lines))


def _checked(doc: Document) -> Document:
    if not any(line.strip() for line in doc.lines):
        raise ReadError("The file has no text in it.")
    return doc


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _split(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text.replace("\x00", "").split("\n")


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ReadError("This does not look like a text file.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


# --- Word ---------------------------------------------------------------------------------


def _docx_lines(data: bytes) -> list[str]:
    import docx  # slow to import; only when a Word file comes in
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError("This Word document cannot be opened; is it a .docx file?") from exc
    numbering = _Numbering(document)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = numbering.prefix(child) + _paragraph_text(child)
            lines.append(("## " if text.strip() and _is_heading(child, text) else "") + text)
        elif tag == "tbl":
            lines.append("")
            for row in child.iter(_w("tr")):
                cells = []
                for cell in row.iter(_w("tc")):
                    texts = [numbering.prefix(p) + _paragraph_text(p) for p in cell.iter(_w("p"))]
                    cells.append(" ".join(t.strip() for t in texts if t.strip()))
                if any(cells):
                    lines.append("\t".join(cells))
            lines.append("")
    return lines


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _is_heading(p, text: str) -> bool:
    """A Word heading: a Heading or Title style, or a short paragraph set all in bold."""
    ppr = p.find(_w("pPr"))
    style = ppr.find(_w("pStyle")) if ppr is not None else None
    name = (style.get(_w("val")) or "") if style is not None else ""
    if re.match(r"(?i)heading|title", name):
        return True
    runs = [r for r in p.iter(_w("r")) if "".join(t.text or "" for t in r.iter(_w("t"))).strip()]
    if not runs or len(text.split()) > 12 or text.rstrip().endswith((".", ":")):
        return False
    return all(
        r.find(_w("rPr")) is not None and r.find(_w("rPr")).find(_w("b")) is not None for r in runs
    )


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t" and node.text:
            parts.append(node.text)
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append(" ")
    return "".join(parts)


class _Numbering:
    """Word's automatic list numbers, rendered the way Word shows them (well enough)."""

    ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(_w("abstractNum")):
            aid = node.get(_w("abstractNumId"))
            for lvl in node.iter(_w("lvl")):
                ilvl = int(lvl.get(_w("ilvl")) or 0)
                fmt = lvl.find(_w("numFmt"))
                text = lvl.find(_w("lvlText"))
                start = lvl.find(_w("start"))
                abstract[(aid, ilvl)] = (
                    fmt.get(_w("val")) if fmt is not None else "decimal",
                    text.get(_w("val")) if text is not None else "",
                    int(start.get(_w("val"))) if start is not None else 1,
                )
        for num in root.iter(_w("num")):
            nid = num.get(_w("numId"))
            ref = num.find(_w("abstractNumId"))
            if ref is None:
                continue
            aid = ref.get(_w("val"))
            for (a, ilvl), spec in abstract.items():
                if a == aid:
                    self.levels[(nid, ilvl)] = spec

    def prefix(self, p) -> str:
        ppr = p.find(_w("pPr"))
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is None:
            return ""
        nid_node, ilvl_node = numpr.find(_w("numId")), numpr.find(_w("ilvl"))
        nid = nid_node.get(_w("val")) if nid_node is not None else None
        ilvl = int(ilvl_node.get(_w("val"))) if ilvl_node is not None else 0
        if nid is None or (nid, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(nid, [])
        while len(counters) <= ilvl:
            counters.append(self.levels.get((nid, len(counters)), ("", "", 1))[2] - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1 :]
        fmt, text, _start = self.levels[(nid, ilvl)]
        if fmt == "bullet":
            return "• "
        if not text:
            return ""

        def render(match):
            level = int(match.group(1)) - 1
            if level >= len(counters):
                return ""
            level_fmt = self.levels.get((nid, level), (fmt,))[0]
            return self._format(counters[level], level_fmt)

        return re.sub(r"%(\d)", render, text) + " "

    def _format(self, n: int, fmt: str) -> str:
        if fmt == "lowerLetter":
            return chr(ord("a") + (n - 1) % 26)
        if fmt == "upperLetter":
            return chr(ord("A") + (n - 1) % 26)
        if fmt in ("lowerRoman", "upperRoman"):
            out = ""
            for value, letters in self.ROMAN:
                while n >= value:
                    out, n = out + letters, n - value
            return out if fmt == "lowerRoman" else out.upper()
        return str(n)


# --- PDF ----------------------------------------------------------------------------------


def _pdf_lines(data: bytes) -> list[str]:
    if not data.startswith(b"%PDF"):
        raise ReadError("This PDF cannot be opened; is it a PDF file?")
    text = _pdftotext(data) if shutil.which("pdftotext") else _pypdf_text(data)
    lines = _split(text)
    if sum(len(line.strip()) for line in lines) < 40:
        raise ReadError(
            "This PDF has no text layer (it is probably a scan). "
            "Upload the Word original, or paste the text."
        )
    return lines


def _pdftotext(data: bytes) -> str:
    try:
        done = subprocess.run(  # noqa: S603 (fixed arguments, data on stdin)
            ["pdftotext", "-enc", "UTF-8", "-layout", "-", "-"],
            input=data,
            capture_output=True,
            timeout=PDF_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ReadError("This PDF took too long to read.") from exc
    if done.returncode != 0:
        raise ReadError("This PDF cannot be opened; is it damaged or password-protected?")
    return _unlayout(done.stdout.decode("utf-8", "replace"))


def _unlayout(text: str) -> str:
    """pdftotext -layout keeps columns apart with runs of spaces: make those runs tabs, so a
    table row reads as cells and a WHO column stays beside its text."""
    out = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        body = re.sub(r" {3,}", "\t", line.strip())
        out.append(("\t" if indent >= 8 else "") + body)
    return "\n".join(out)


def _pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ReadError("This PDF cannot be opened; is it damaged or password-protected?") from exc
