"""Section facts shared by the structure rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostic import Edit
from ..model import Anchor, Document, Section

_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"\[([^\]]*)\]\(#[^)]*\)")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass
class _SectionIndex:
    """Facts about every section, computed once per document so that no rule walks the whole
    tree once per section: document order, subtree sizes, emptiness, and the links into each."""

    order: list[Section]
    position: dict[int, int]  # id(section) -> index in ``order``
    size: dict[int, int]  # id(section) -> sections in its subtree, itself included
    empty: dict[int, bool]
    anchors: dict[str, list[Anchor]]  # lower-cased fragment -> same-page links to it


def _index(document: Document) -> _SectionIndex:
    found = document.derived.get("sections")
    if isinstance(found, _SectionIndex):
        return found
    order = list(document.iter_sections())
    size: dict[int, int] = {}
    empty: dict[int, bool] = {}
    for section in reversed(order):  # children before their parents
        size[id(section)] = 1 + sum(size[id(child)] for child in section.children)
        empty[id(section)] = (
            not section.entries and not section.blocks and all(empty[id(c)] for c in section.children)
        )
    anchors: dict[str, list[Anchor]] = {}
    for anchor in document.anchors:
        anchors.setdefault(anchor.fragment.lower(), []).append(anchor)
    index = _SectionIndex(order, {id(s): i for i, s in enumerate(order)}, size, empty, anchors)
    document.derived["sections"] = index
    return index


def is_empty(document: Document, section: Section) -> bool:
    """No entry and no content anywhere in the section's subtree."""
    return _index(document).empty[id(section)]


def sibling_groups(document: Document) -> list[list[Section]]:
    """The top-level sections, then the children of each section: every set of siblings."""
    groups: list[list[Section]] = [document.sections]
    groups.extend(section.children for section in document.iter_sections())
    return groups


def is_pointed_at(document: Document, section: Section) -> bool:
    """Whether a link (`#slug`) or an HTML `id`/`name` on the page points at the section."""
    slug = section.slug.lower()
    return bool(_index(document).anchors.get(slug)) or slug in {i.lower() for i in document.html_ids}


def removal(document: Document, section: Section) -> list[Edit] | None:
    """The edits that delete an empty section: its headings, the blank lines after them, and the
    table-of-contents rows that only link to it. None when anything else stands in that stretch, or
    a link to the section sits among other content (removing the section would break it)."""
    facts = _index(document)
    after = facts.position[id(section)] + facts.size[id(section)]
    subtree = list(section.walk())
    following = facts.order[after] if after < len(facts.order) else None
    source = document.source  # (the lines of the stretch: no table of every line)
    starts = source.line_starts
    first = section.span.start_line
    last = following.span.start_line - 1 if following else len(starts)
    heading_lines = {n for s in subtree for n in range(s.span.start_line, s.span.end_line + 1)}
    stretch = source.lines_between(first - 1, last)
    if any(line.text.strip() and line.number not in heading_lines for line in stretch):
        return None
    end = starts[last] if last < len(starts) else len(document.text)
    edits = [Edit(starts[first - 1], end, "")]
    toc_rows = _contents_rows(document, facts, subtree)
    if toc_rows is None:
        return None
    edits.extend(toc_rows)
    return edits


def _contents_rows(document: Document, facts: _SectionIndex, subtree: list[Section]) -> list[Edit] | None:
    words = {word.lower() for s in subtree for word in re.findall(r"[^\W\d_]+", s.text)}
    rows: dict[int, Edit] = {}
    starts = document.source.line_starts
    pointing = (anchor for s in subtree for anchor in facts.anchors.get(s.slug.lower(), []))
    for anchor in sorted(pointing, key=lambda a: a.span.start):
        line = document.source.line(anchor.span.start_line)
        visible = _LIST_MARKER.sub("", _LINK.sub(r"\1", _TAG.sub(" ", line.text)))
        if not {w.lower() for w in re.findall(r"[^\W\d_]+", visible)} <= words:
            return None
        stop = starts[line.number] if line.number < len(starts) else len(document.text)
        rows[line.number] = Edit(line.start, stop, "")
    return list(rows.values())
