"""Which items of imported minutes were taken in private, and why.

Real minutes mark exempt business in a few ways, each read here:
- the item's heading says so: "Staffing restructure (Confidential)", "EXEMPT: Estates
  disposal", "Not for publication", "Part B: ...";
- its first lines say so: "This item is exempt under paragraph 3 of Part 1 of Schedule 12A
  to the Local Government Act 1972";
- an earlier item excluded the press and public ("Exclusion of the press and public ...
  RESOLVED that the public be excluded for the following items ... paragraph 3"): every item
  after it is exempt, with the paragraph that resolution gives.

A sub-item of an exempt item is exempt too. The paragraph of Schedule 12A (1 to 7) is kept when
the text gives one; otherwise the reason says where the mark came from, so the secretariat can
correct it on the review page.
"""

from __future__ import annotations

import re

from .items import Segment

PARAGRAPH_RE = re.compile(
    r"paragraphs?\s+(?P<n>[1-7])\b(?:\s*(?:,|and|&)\s*[1-7]\b)*"
    r"(?:\s+of\s+part\s+(?:1|i|one))?\s+of\s+schedule\s+12\s*a",
    re.I,
)
MARKED_RE = re.compile(
    r"\(\s*(?:confidential|exempt|private)\s*\)"
    r"|^\s*(?:confidential|exempt(?:\s+(?:item|information|business))?|private)\s*[:\-–—]"
    r"|\bnot\s+for\s+publication\b"
    r"|^\s*part\s+(?:b|2|ii)\b",
    re.I,
)
OPENING_RE = re.compile(
    r"\b(?:confidential|exempt)\b(?!ion)|\bnot\s+for\s+publication\b|\bin\s+private\b", re.I
)
EXCLUSION_RE = re.compile(
    r"\bexclu(?:sion|ded?)\s+of\s+(?:the\s+)?(?:press|public)\b"
    r"|\b(?:press|public)\s+(?:and\s+(?:press|public)\s+)?(?:be\s+|were\s+)?excluded\b"
    r"|^\s*(?:private|closed)\s+session\b",
    re.I,
)
OPENING_LINES = 3
FROM_SOURCE = "Marked confidential in the source minutes"
AFTER_EXCLUSION = "Taken after the press and public were excluded"


def mark_exempt(segments: list[Segment]) -> None:
    """Set ``confidential`` and ``exempt_paragraph`` or ``exempt_reason`` on the items of the
    segments (in agenda order) that the minutes mark as exempt."""
    by_key = {s.item.key: s.item for s in segments}
    excluded: int | None | bool = False  # False: not yet; else the paragraph it gave (or None)
    for segment in segments:
        item = segment.item
        heading = item.title
        opening = " ".join(ln.text for ln in segment.body[:OPENING_LINES] if ln.text)
        if EXCLUSION_RE.search(heading):
            # The resolution itself is public business; what follows is not.
            excluded = _paragraph(" ".join([heading] + [ln.text for ln in segment.body]))
            continue
        parent = by_key.get(item.parent) if item.parent is not None else None
        if parent is not None and parent.confidential:
            _mark(item, parent.exempt_paragraph, parent.exempt_reason)
        elif MARKED_RE.search(heading) or (
            OPENING_RE.search(opening) and PARAGRAPH_RE.search(opening)
        ):
            _mark(item, _paragraph(heading + " " + opening), FROM_SOURCE)
        elif excluded is not False and item.kind != "next_meeting":
            _mark(item, excluded, AFTER_EXCLUSION)


def _paragraph(text: str) -> int | None:
    match = PARAGRAPH_RE.search(text)
    return int(match["n"]) if match else None


def _mark(item, paragraph: int | None, reason: str) -> None:
    item.confidential = True
    item.exempt_paragraph = paragraph
    item.exempt_reason = "" if paragraph else reason
