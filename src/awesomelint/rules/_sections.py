"""Section facts shared by the structure rules."""

from __future__ import annotations

import re

from ..diagnostic import Edit
from ..model import Document, Section
from ..source import Line
from ._lines import lines

_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"\[([^\]]*)\]\(#[^)]*\)")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def is_empty(section: Section) -> bool:
    """No entry and no content anywhere in the section's subtree."""
    return not section.entries and not section.blocks and all(is_empty(c) for c in section.children)


def sibling_groups(document: Document) -> list[list[Section]]:
    """The top-level sections, then the children of each section: every set of siblings."""
    groups: list[list[Section]] = [document.sections]
    groups.extend(section.children for section in document.iter_sections())
    return groups


def removal(document: Document, section: Section) -> list[Edit] | None:
    """The edits that delete an empty section: its headings, the blank lines after them, and the
    table-of-contents rows that only link to it. None when anything else stands in that stretch, or
    a link to the section sits among other content (removing the section would break it)."""
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
    edits = [Edit(all_lines[first - 1].start, end, "")]
    toc_rows = _contents_rows(document, subtree, all_lines)
    if toc_rows is None:
        return None
    edits.extend(toc_rows)
    return edits


def _contents_rows(
    document: Document, subtree: list[Section], all_lines: tuple[Line, ...]
) -> list[Edit] | None:
    slugs = {s.slug.lower() for s in subtree}
    words = {word.lower() for s in subtree for word in re.findall(r"[^\W\d_]+", s.text)}
    rows: dict[int, Edit] = {}
    for anchor in document.anchors:
        if anchor.fragment.lower() not in slugs:
            continue
        line = all_lines[anchor.span.start_line - 1]
        visible = _LIST_MARKER.sub("", _LINK.sub(r"\1", _TAG.sub(" ", line.text)))
        if not {w.lower() for w in re.findall(r"[^\W\d_]+", visible)} <= words:
            return None
        stop = all_lines[line.number].start if line.number < len(all_lines) else len(document.text)
        rows[line.number] = Edit(line.start, stop, "")
    return list(rows.values())
