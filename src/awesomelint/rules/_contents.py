"""The table of contents, found by its shape rather than its heading: the longest run of same-page
links on consecutive lines (a list or a table) that reach at least three headings. Shared by AL109-AL111."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Anchor, Document, Section
from ._anchors import fragment

_MIN_ROWS = 3
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivxIVX]+\.)\s+")


class Row(NamedTuple):
    anchor: Anchor
    section: Section


def contents(document: Document) -> list[Row]:
    """The rows of the table of contents that reach a heading, in their order; [] without one."""
    found = document.derived.get("contents")
    if isinstance(found, list):
        return found
    by_slug: dict[str, Section] = {}
    by_lower: dict[str, Section] = {}
    for section in document.iter_sections():
        by_slug.setdefault(section.slug, section)
        by_lower.setdefault(section.slug.lower(), section)
    runs: list[list[Row]] = []
    last_line = -10
    for anchor in document.anchors:
        wanted = fragment(anchor)
        target = by_slug.get(wanted) or by_lower.get(wanted.lower())
        if anchor.span.start_line - last_line > 2:
            runs.append([])
        last_line = anchor.span.start_line
        if target is not None:
            runs[-1].append(Row(anchor, target))
    best = max(runs, key=len, default=[])
    result = best if len(best) >= _MIN_ROWS else []
    document.derived["contents"] = result
    return result


def words(text: str) -> str:
    """A heading's or a row's words for comparison: no numbering, emoji, punctuation or case."""
    text = _NUMBERING.sub("", text)
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))
