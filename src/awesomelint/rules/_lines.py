"""Line facts shared by the text rules: the lines, and which lines are code or hard breaks."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the line's first character in the original text
    text: str  # without the line break
    has_break: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def lines(document: Document) -> list[Line]:
    text = document.text
    starts = document.source.original_line_starts()
    result = []
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(text)
        raw = text[start:stop]
        content = raw.rstrip("\r\n")
        result.append(Line(index + 1, start, content, len(content) != len(raw)))
    return result


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
