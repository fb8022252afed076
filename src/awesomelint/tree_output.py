"""What `awesomelint parse` prints: the text outline of a list, or its tree as JSON written as it goes.

The JSON is exactly what ``json.dumps(payload, ensure_ascii=False, indent=2)`` gives for the whole
tree, but written piece by piece: a section's entries and sub-sections are encoded one at a time,
so a list of 100,000 entries never exists as one dictionary or one string.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from .model import Document, Entry, Section

if TYPE_CHECKING:
    from .changes import Change

SCHEMA_VERSION = 2
Write = Callable[[str], object]


class Tree(NamedTuple):
    """One file to print: its name as shown, its tree, and with --since what the change introduced."""

    name: str
    document: Document
    change: Change | None = None


class _Streamed(dict[str, Any]):
    """A JSON object whose values may be iterators, written member by member."""


def write_json_tree(write: Write, trees: Iterable[Tree]) -> None:
    """Write ``{"version": 2, "files": [...]}``; with --since each entry has ``changed``."""
    _write(write, _Streamed(version=SCHEMA_VERSION, files=(_file(tree) for tree in trees)), 0)


def _file(tree: Tree) -> _Streamed:
    return _Streamed(
        path=tree.name,
        entries=_entries(tree.document.entries, tree.change),
        sections=(_section(section, tree.change) for section in tree.document.sections),
        entry_count=sum(1 for _ in tree.document.iter_entries()),
    )


def _entries(entries: Iterable[Entry], change: Change | None) -> Iterator[dict[str, Any]]:
    for entry in entries:
        found = entry.to_dict()
        if change is not None:
            found["changed"] = change.is_changed(entry)
        yield found


def _section(section: Section, change: Change | None) -> _Streamed:
    return _Streamed(
        level=section.level,
        text=section.text,
        raw=section.raw,
        slug=section.slug,
        span=section.span.to_dict(),
        entries=_entries(section.entries, change),
        blocks=[block.to_dict() for block in section.blocks],
        children=(_section(child, change) for child in section.children),
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


def outline(tree: Tree) -> str:
    """The text outline: sections and entries, one line each; with --since, changed entries end with
    `(changed)`."""
    document, change = tree.document, tree.change
    entries = sum(1 for _ in document.iter_entries())
    sections = sum(1 for _ in document.iter_sections())
    lines = [f"{tree.name}: {entries} entries in {sections} sections"]
    lines.extend(_entry_line(entry, 1, change) for entry in document.entries)
    for section in document.sections:
        _section_lines(section, 1, lines, change)
    return "\n".join(lines)


def _section_lines(section: Section, depth: int, lines: list[str], change: Change | None) -> None:
    indent = "  " * depth
    lines.append(f"{indent}{'#' * section.level} {section.text}  (line {section.span.start_line})")
    lines.extend(_entry_line(entry, depth + 1, change) for entry in section.entries)
    for child in section.children:
        _section_lines(child, depth + 1, lines, change)


def _entry_line(entry: Entry, depth: int, change: Change | None) -> str:
    number = f"{entry.number}." if entry.number is not None else "-"
    title = entry.title.text if entry.title else "(no title)"
    venue = entry.venue.name.text if entry.venue else "-"
    year = entry.year if entry.year is not None else "-"
    authors = len(entry.authors.names) if entry.authors else 0
    et_al = "+" if entry.authors and entry.authors.et_al else ""
    changed = "  (changed)" if change is not None and change.is_changed(entry) else ""
    return (
        f"{'  ' * depth}{number} [{entry.kind}] {title} | {venue} | {year} | "
        f"{authors}{et_al} authors | {len(entry.links)} links  (line {entry.span.start_line}){changed}"
    )
