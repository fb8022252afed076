"""Rewriting an entry into the list's dominant layout (AL203's fix)."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from ..diagnostic import Edit
from ..model import Entry
from ..text import Span

_SEPARATOR_ONLY = re.compile(r"^[\s.,;:]*$")
_EMPHASIS = ("**", "__", "*", "_")


class _Element(NamedTuple):
    kind: str
    start: int
    end: int


def _title_element(text: str, span: Span) -> tuple[int, int]:
    for marker in _EMPHASIS:
        width = len(marker)
        if text[span.start - width : span.start] == marker and text[span.end : span.end + width] == marker:
            return span.start - width, span.end + width
    return span.start, span.end


def _overlapped(entry: Entry, start: int, end: int) -> bool:
    """Whether a link of the entry overlaps the range from ``start`` to ``end``."""
    for link in entry.links:  # (a loop, not `any` of a generator: asked of most entries of a list)
        span = link.span
        if span.start < end and start < span.end:
            return True
    return False


def elements(text: str, entry: Entry) -> list[_Element] | None:
    """The entry's fields as source ranges in order, links in one group; None if they overlap
    (a title inside its link, say)."""
    if entry.title is None:
        return None
    title = entry.title.span
    if _overlapped(entry, title.start, title.end):
        return None  # a title inside its link (the usual way): quick to tell, before its emphasis
    start, end = _title_element(text, title)
    if _overlapped(entry, start, end):
        return None
    found = [_Element("title", start, end)]
    if entry.venue and not entry.venue.in_badge:
        found.append(_Element("venue", entry.venue.span.start, entry.venue.span.end))
    if entry.authors:
        found.append(_Element("authors", entry.authors.span.start, entry.authors.span.end))
    found.extend(_Element("link", link.span.start, link.span.end) for link in entry.links)
    if entry.description:
        found.append(_Element("description", entry.description.span.start, entry.description.span.end))
    found.sort(key=lambda e: e.start)
    if any(b.start < a.end for a, b in pairwise(found)):
        return None
    return found


def _groups(found: list[_Element]) -> list[list[_Element]]:
    """Consecutive links form one group, as in the layout signature."""
    groups: list[list[_Element]] = []
    for element in found:
        if groups and element.kind == "link" and groups[-1][-1].kind == "link":
            groups[-1].append(element)
        else:
            groups.append([element])
    return groups


class Template(NamedTuple):
    """Separators of the dominant layout, read off an entry that has it."""

    kinds: tuple[str, ...]
    between: tuple[str, ...]  # after each group but the last: the text up to the next group
    tail: str  # after the last group, up to the end of the entry
    link_gap: str

    @classmethod
    def of_entry(cls, text: str, entry: Entry) -> Template | None:
        """The template ``entry`` gives when its layout is the dominant one: None when it is glued,
        its fields overlap or its separators are not plain spaced punctuation. (A function of the
        entry's own text: an entry fact.)"""
        if entry.marker == "glued":
            return None
        found = elements(text, entry)
        if found is None:
            return None
        tail = text[found[-1].end : entry.span.end]  # (after the last field: they do not overlap)
        if not _SEPARATOR_ONLY.match(tail):
            return None  # (looked at first: quicker to tell than the gaps, and as often the reason)
        groups = _groups(found)
        gaps = [text[a[-1].end : b[0].start] for a, b in pairwise(groups)]
        if not all(_SEPARATOR_ONLY.match(gap) and any(char.isspace() for char in gap) for gap in gaps):
            return None
        links = [e for e in found if e.kind == "link"]
        link_gap = text[links[0].end : links[1].start] if len(links) > 1 else " "
        return cls(
            tuple(g[0].kind for g in groups),
            tuple(gaps),
            tail,
            link_gap if link_gap.strip() == "" else " ",
        )


def rewrite(text: str, entry: Entry, template: Template) -> Edit | None:
    """The entry's fields in the template's order and with its separators, or None when the entry
    holds anything besides its fields and punctuation (it would be lost) or lacks a field."""
    found = elements(text, entry)
    if found is None or entry.marker == "glued":
        return None
    groups = _groups(found)
    by_kind = {group[0].kind: group for group in groups}
    if len(by_kind) != len(groups) or set(by_kind) != set(template.kinds):
        return None
    start, end = found[0].start, entry.span.end
    covered = sorted((e.start, e.end) for e in found)
    cursor, leftovers = start, []
    for a, b in covered:
        leftovers.append(text[cursor:a])
        cursor = b
    leftovers.append(text[cursor:end])
    if not all(_SEPARATOR_ONLY.match(piece) for piece in leftovers):
        return None
    parts: list[str] = []
    for index, kind in enumerate(template.kinds):
        parts.append(template.link_gap.join(text[e.start : e.end] for e in by_kind[kind]))
        parts.append(template.between[index] if index < len(template.between) else template.tail)
    replacement = "".join(parts)
    return Edit(start, end, replacement) if replacement != text[start:end] else None
