"""Line facts shared by the text rules: the lines, which lines are verbatim (code, `<pre>`, comments,
front matter) and which end in hard breaks."""

from __future__ import annotations

import re

from ..model import Document
from ..text import Line


def lines(document: Document) -> tuple[Line, ...]:
    return document.source.lines


_HTML_VERBATIM = re.compile(r"<pre\b.*?</pre>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?:.*?\r?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)


def verbatim_lines(document: Document) -> set[int]:
    """Lines where white space is content: code blocks, `<pre>` and comments in HTML, front matter."""
    numbers: set[int] = set()
    for section in [None, *document.iter_sections()]:
        blocks = document.blocks if section is None else section.blocks
        for block in blocks:
            if block.kind == "code":
                numbers.update(range(block.span.start_line, block.span.end_line + 1))
            elif block.kind == "html":
                for match in _HTML_VERBATIM.finditer(block.text):
                    first = block.span.start_line + block.text.count("\n", 0, match.start())
                    numbers.update(range(first, first + match[0].count("\n") + 1))
    for comment in document.comments:
        numbers.update(range(comment.span.start_line, comment.span.end_line + 1))
    front = _FRONT_MATTER.match(document.text)
    if front is not None:
        numbers.update(range(1, front[0].count("\n") + 1 + (not front[0].endswith("\n"))))
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
