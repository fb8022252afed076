"""Section facts shared by the structure rules."""

from __future__ import annotations

from ..diagnostic import Edit
from ..model import Document, Section
from ..source import Line
from ._lines import lines


def is_empty(section: Section) -> bool:
    """No entry and no content anywhere in the section's subtree."""
    return not section.entries and not section.blocks and all(is_empty(c) for c in section.children)


def siblings(document: Document, section: Section) -> list[Section]:
    return section.parent.children if section.parent else document.sections


def removal(document: Document, section: Section) -> Edit | None:
    """The edit that deletes an empty section's headings and the blank lines after them, or None
    when anything else (a comment, say) stands in that stretch."""
    ordered = list(document.iter_sections())
    index = next(i for i, s in enumerate(ordered) if s is section)
    subtree = list(section.walk())
    following = ordered[index + len(subtree)] if index + len(subtree) < len(ordered) else None
    all_lines = lines(document)
    first = section.span.start_line
    last = following.span.start_line - 1 if following else len(all_lines)
    heading_lines = {n for s in subtree for n in range(s.span.start_line, s.span.end_line + 1)}
    stretch: tuple[Line, ...] = all_lines[first - 1 : last]
    if any(line.text.strip() and line.number not in heading_lines for line in stretch):
        return None
    end = all_lines[last].start if last < len(all_lines) else len(document.text)
    return Edit(all_lines[first - 1].start, end, "")
