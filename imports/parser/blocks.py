"""An item's text as blocks (paragraphs, list entries, headings), and those blocks as HTML.

Lines wrapped by a PDF or a narrow column are joined back into their paragraph; bullets,
numbered, lettered and roman lists are kept as lists, nested by indent or by a second bullet
style ("- That ..." then " - to note ...").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .model import Line
from .text import is_bullet, strip_bullet

ORDERED_RE = re.compile(
    r"^(?:\((?P<p>[a-z]|[ivx]+|\d{1,2})\)|(?P<d>\d{1,2})[.)]|(?P<l>[a-z])[.)]|(?P<r>[ivx]+)[.)])\s+(?P<rest>\S.*)$"
)


@dataclass
class Block:
    kind: str  # p, li, h
    text: str
    lines: list[int] = field(default_factory=list)
    level: int = 0
    list_type: str = ""  # ul, 1, a, i
    marker: str = ""

    def add(self, text: str, no: int) -> None:
        self.text = f"{self.text} {text}".strip()
        self.lines = [self.lines[0], no]


def ordered_marker(text: str) -> tuple[str, str, str] | None:
    """(list type, marker, rest) for "a) ...", "(ii) ...", "3. ..."."""
    m = ORDERED_RE.match(text)
    if not m:
        return None
    marker = m.group("p") or m.group("d") or m.group("l") or m.group("r")
    if marker.isdigit():
        kind = "1"
    elif re.fullmatch(r"[ivx]+", marker) and marker not in ("v", "x") or marker == "i":
        kind = "i"
    else:
        kind = "a"
    return kind, marker, m.group("rest")


def to_blocks(lines: list[Line], *, heading_test=None) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    bullet_indents: list[tuple[int, str]] = []
    previous: Line | None = None
    for line in lines:
        text = line.text
        line_before, previous = previous, line
        if not text:
            if current is not None and current.kind == "p":
                current = None
            continue
        raw_indent = len(line.raw) - len(line.raw.lstrip(" \t"))
        if is_bullet(text):
            style = text[0]
            level = _level(bullet_indents, raw_indent, style)
            current = Block("li", strip_bullet(text), [line.no, line.no], level, "ul", style)
            blocks.append(current)
            continue
        ordered = ordered_marker(text)
        if ordered:
            kind, marker, rest = ordered
            level = (
                1
                if (
                    blocks
                    and blocks[-1].kind == "li"
                    and blocks[-1].list_type != kind
                    and raw_indent > 0
                )
                else 0
            )
            current = Block("li", rest, [line.no, line.no], level, kind, marker)
            blocks.append(current)
            continue
        if heading_test is not None and heading_test(line):
            current = None
            blocks.append(Block("h", text, [line.no, line.no]))
            continue
        if (
            current is not None
            and current.text
            and not re.search(r"[.:;!?)\"”’]$", current.text)
            and (text[0].islower() or current.kind == "li")
            and not (
                current.kind == "li" and text[0].isupper() and not _wrapped(current, line_before)
            )
        ):
            current.add(text, line.no)
            continue
        if (
            current is None
            and blocks
            and blocks[-1].kind == "p"
            and not re.search(r"[.:;!?)\"”’]$", blocks[-1].text)
            and text[0].islower()
        ):
            blocks[-1].add(text, line.no)  # a paragraph broken by a page or a blank line
            current = blocks[-1]
            continue
        bullet_indents = []
        current = Block("p", text, [line.no, line.no])
        blocks.append(current)
    return blocks


WRAP_END_RE = re.compile(
    r"(?:\b(?:to|the|a|an|and|or|of|for|with|by|in|on|at|from|into|its|their)|\b[A-Z][\w’'\-]*)$"
)


def _wrapped(entry: Block, before: Line | None) -> bool:
    """A list entry whose long line broke mid-phrase ("... recommend it to Caerwen County" then
    "Council for adoption."): the capitalised next line still belongs to it."""
    return (
        before is not None
        and bool(before.text)
        and before.no == entry.lines[1]
        and len(before.text) >= 60
        and bool(WRAP_END_RE.search(entry.text))
    )


def _level(stack: list[tuple[int, str]], indent: int, style: str) -> int:
    while stack and stack[-1][0] > indent:
        stack.pop()
    if stack and stack[-1][0] == indent:
        if stack[-1][1] != style and len(stack) > 1 and stack[-2][1] == style:
            stack.pop()
        return len(stack) - 1
    if stack and stack[-1][0] < indent or (stack and stack[-1][1] != style):
        stack.append((indent, style))
        return len(stack) - 1
    stack.append((indent, style))
    return len(stack) - 1


def to_html(blocks: list[Block]) -> str:
    out: list[str] = []
    open_lists: list[str] = []

    def close_to(level: int) -> None:
        while len(open_lists) > level:
            tag = open_lists.pop()
            out.append("</li>" if tag == "li" else f"</{tag}>")

    stack: list[tuple[str, str]] = []  # (tag, type) per nesting level
    for block in blocks:
        if block.kind != "li":
            while stack:
                tag, _ = stack.pop()
                out.append(f"</li></{tag}>")
            text = html.escape(" ".join(block.text.split()))
            out.append(f"<h4>{text}</h4>" if block.kind == "h" else f"<p>{text}</p>")
            continue
        tag = "ul" if block.list_type == "ul" else "ol"
        level = min(block.level, len(stack))
        while len(stack) > level + 1:
            t, _ = stack.pop()
            out.append(f"</li></{t}>")
        if len(stack) == level + 1 and stack[-1] != (tag, block.list_type):
            t, _ = stack.pop()
            out.append(f"</li></{t}>")
        if len(stack) == level + 1:
            out.append("</li><li>")
        else:
            attrs = "" if tag == "ul" or block.list_type == "1" else f' type="{block.list_type}"'
            out.append(f"<{tag}{attrs}><li>")
            stack.append((tag, block.list_type))
        out.append(html.escape(" ".join(block.text.split())))
    while stack:
        tag, _ = stack.pop()
        out.append(f"</li></{tag}>")
    close_to(0)
    return "".join(out)
