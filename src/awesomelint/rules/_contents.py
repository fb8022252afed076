"""The table of contents, found by its shape rather than its heading: the longest run of same-page
links on consecutive lines (a list or a table) that reach at least three headings. Shared by AL109-AL111."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..model import Anchor, Document, Section
from ._anchors import fragment

_MIN_ROWS = 3
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivxIVX]+\.)\s+")


class Row(NamedTuple):
    anchor: Anchor
    section: Section


class Contents(NamedTuple):
    """The rows that reach a heading further down, in their order, and the rows whose link is
    broken (AL103's finding; their text still names a section)."""

    rows: list[Row]
    broken: list[Anchor]


def contents(document: Document) -> Contents:
    """The table of contents; no rows without one. A link back up (`back to top`) is no row."""
    found = document.derived.get("contents")
    if isinstance(found, Contents):
        return found
    by_slug: dict[str, Section] = {}
    by_lower: dict[str, Section] = {}
    for section in document.iter_sections():
        by_slug.setdefault(section.slug, section)
        by_lower.setdefault(section.slug.lower(), section)
    runs: list[Contents] = []
    last_line = -10
    for anchor in document.anchors:
        wanted = fragment(anchor)
        target = by_slug.get(wanted) or by_lower.get(wanted.lower())
        line = anchor.span.start_line
        if line - last_line > 2:
            runs.append(Contents([], []))
        last_line = line
        if target is None:
            runs[-1].broken.append(anchor)
        elif target.span.start > anchor.span.start:
            runs[-1].rows.append(Row(anchor, target))
    best = max(runs, key=lambda run: len(run.rows), default=Contents([], []))
    result = best if len(best.rows) >= _MIN_ROWS else Contents([], [])
    document.derived["contents"] = result
    return result


@functools.lru_cache(maxsize=2**13)  # asked for each heading and row on each run
def words(text: str) -> str:
    """A heading's or a row's words for comparison: no numbering, emoji, punctuation or case."""
    text = _NUMBERING.sub("", text)
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))
