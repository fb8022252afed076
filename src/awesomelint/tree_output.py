"""What `awesomelint parse` prints: the text outline of a list, or its tree as JSON written as it goes.

The JSON is exactly what ``json.dumps(payload, ensure_ascii=False, indent=2)`` gives for the whole
tree, but written piece by piece: a section's entries and sub-sections are encoded one at a time,
so a list of 100,000 entries never exists as one dictionary or one string.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .model import Document, Entry, Section

SCHEMA_VERSION = 2
Write = Callable[[str], object]


class _Streamed(dict[str, Any]):
    """A JSON object whose values may be iterators, written member by member."""


def write_json_tree(write: Write, trees: Iterable[tuple[str, Document]]) -> None:
    """Write ``{"version": 2, "files": [...]}`` for (display name, document) pairs."""
    files = (_file(name, document) for name, document in trees)
    _write(write, _Streamed(version=SCHEMA_VERSION, files=files), 0)


def _file(name: str, document: Document) -> _Streamed:
    return _Streamed(
        path=name,
        entries=(entry.to_dict() for entry in document.entries),
        sections=(_section(section) for section in document.sections),
        entry_count=sum(1 for _ in document.iter_entries()),
    )


def _section(section: Section) -> _Streamed:
    return _Streamed(
        level=section.level,
        text=section.text,
        raw=section.raw,
        slug=section.slug,
        span=section.span.to_dict(),
        entries=(entry.to_dict() for entry in section.entries),
        blocks=[block.to_dict() for block in section.blocks],
        children=(_section(child) for child in section.children),
    )


def _write(write: Write, value: Any, level: int) -> None:
    inner, outer = "  " * (level + 1), "  " * level
    if isinstance(value, _Streamed):
        write("{\n")
        for index, (key, member) in enumerate(value.items()):
            write(f",\n{inner}" if index else inner)
            write(json.dumps(key, ensure_ascii=False) + ": ")
            _write(write, member, level + 1)
        write(f"\n{outer}}}")
    elif isinstance(value, Iterator):
        empty = True
        for item in value:
            write(f"[\n{inner}" if empty else f",\n{inner}")
            empty = False
            _write(write, item, level + 1)
        write("[]" if empty else f"\n{outer}]")
    else:  # a small value, encoded whole by the C encoder and indented to its place
        write(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + outer))


def outline(path: str, document: Document) -> str:
    entries = sum(1 for _ in document.iter_entries())
    sections = sum(1 for _ in document.iter_sections())
    lines = [f"{path}: {entries} entries in {sections} sections"]
    lines.extend(_entry_line(entry, 1) for entry in document.entries)
    for section in document.sections:
        _section_lines(section, 1, lines)
    return "\n".join(lines)


def _section_lines(section: Section, depth: int, lines: list[str]) -> None:
    indent = "  " * depth
    lines.append(f"{indent}{'#' * section.level} {section.text}  (line {section.span.start_line})")
    lines.extend(_entry_line(entry, depth + 1) for entry in section.entries)
    for child in section.children:
        _section_lines(child, depth + 1, lines)


def _entry_line(entry: Entry, depth: int) -> str:
    number = f"{entry.number}." if entry.number is not None else "-"
    title = entry.title.text if entry.title else "(no title)"
    venue = entry.venue.name.text if entry.venue else "-"
    year = entry.year if entry.year is not None else "-"
    authors = len(entry.authors.names) if entry.authors else 0
    et_al = "+" if entry.authors and entry.authors.et_al else ""
    return (
        f"{'  ' * depth}{number} [{entry.kind}] {title} | {venue} | {year} | "
        f"{authors}{et_al} authors | {len(entry.links)} links  (line {entry.span.start_line})"
    )
