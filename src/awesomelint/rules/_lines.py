"""Line facts shared by the text rules: the lines, and which lines are code or hard breaks."""

from __future__ import annotations

from ..model import Document
from ..source import Line


def lines(document: Document) -> tuple[Line, ...]:
    return document.source.lines


def code_lines(document: Document) -> set[int]:
    """Lines inside code blocks, where white space is content."""
    numbers: set[int] = set()
    for section in [None, *document.iter_sections()]:
        blocks = document.blocks if section is None else section.blocks
        for block in blocks:
            if block.kind == "code":
                numbers.update(range(block.span.start_line, block.span.end_line + 1))
    return numbers


def hard_break_lines(document: Document) -> set[int]:
    """Lines of a paragraph that are followed by another line of it (where two trailing spaces
    are a hard line break, not stray white space)."""
    spans = [p for entry in document.iter_entries() for p in entry.paragraphs]
    for section in [None, *document.iter_sections()]:
        blocks = document.blocks if section is None else section.blocks
        spans.extend(b.span for b in blocks if b.kind in ("paragraph", "list", "quote"))
    return {line for span in spans for line in range(span.start_line, span.end_line)}


def is_blank(line: Line) -> bool:
    return not line.text.strip()
