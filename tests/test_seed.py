"""The seed list: kept byte for byte, and parsed to the entries the acceptance names."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys

from awesomelint.model import Document

from .conftest import ROOT, SEED

SEED_SHA256 = "7b91826bfc4f9a528caf931ca56e1f026d7bc5400c331e8083a0dcd8ec72ed0e"


def test_seed_is_byte_for_byte_the_shared_seed() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def _seed_json() -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "awesomelint", "parse", "README.source.md", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def _entries_under(section: dict, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], dict]]:
    here = (*path, section["text"])
    found = [(here, entry) for entry in section["entries"]]
    for child in section["children"]:
        found.extend(_entries_under(child, here))
    return found


def test_seed_json_has_26_entries_in_the_right_sections() -> None:
    (document,) = _seed_json()["files"]
    entries = [found for section in document["sections"] for found in _entries_under(section)]
    assert document["entry_count"] == len(entries) == 26
    by_path: dict[tuple[str, ...], int] = {}
    for path, _ in entries:
        by_path[path] = by_path.get(path, 0) + 1
    selective = sum(n for path, n in by_path.items() if "Selective" in path)
    assert selective == 8
    assert sum(n for path, n in by_path.items() if path[-3:] == ("Addictive", "LLM", "Adapter")) == 16
    assert sum(n for path, n in by_path.items() if path[-2:] == ("Prompt", "LLM")) == 2
    for path, entry in entries:
        assert entry["title"]["text"], entry
        assert entry["venue"]["name"]["text"], entry
        assert re.fullmatch(r"\d{4}", str(entry["year"])), entry
        assert len(entry["authors"]["names"]) >= 2, entry
        assert len(entry["links"]) == 1, entry
        assert entry["section_path"] == list(path)
        assert entry["marker"] == ("glued" if "Selective" in path else "ordered")


def _entry(doc: Document, line: int):
    return next(entry for entry in doc.iter_entries() if entry.span.start_line == line)


def test_mad_x_venue_is_read_whole_across_the_line_break(seed_doc: Document) -> None:
    entry = _entry(seed_doc, 99)
    assert entry.number == 3
    assert entry.venue is not None
    assert entry.venue.name.text == "Intelligent Systems In Accounting, Finance &Management"
    assert entry.year == 2020
    assert (entry.venue.span.start_line, entry.venue.span.end_line) == (99, 100)


def test_one_line_entries_have_authors_where_fields_touch(seed_doc: Document) -> None:
    for line in range(125, 153, 3):
        entry = _entry(seed_doc, line)
        assert entry.span.start_line == entry.span.end_line == line
        assert entry.authors is not None and len(entry.authors.names) >= 3
        assert entry.venue is not None and entry.year is not None
    first = _entry(seed_doc, 125)
    assert first.authors is not None
    assert first.authors.names[0] == "Rabeeh Karimi Mahabadi"
    assert first.authors.markup == "*"
    assert _entry(seed_doc, 128).authors.markup == "_"  # type: ignore[union-attr]


def test_entry_numbers_and_multi_paragraph_spans(seed_doc: Document) -> None:
    adapter = [e for e in seed_doc.iter_entries() if e.section_path[-1] == "Adapter"]
    assert [e.number for e in adapter] == list(range(1, 17))
    first = adapter[0]
    assert (first.span.start_line, first.span.end_line) == (87, 91)
    assert len(first.paragraphs) == 3
    glued = next(seed_doc.iter_entries())
    assert glued.marker == "glued" and glued.number == 1
    assert glued.marker_span.start_line == 26 and glued.marker_span.start_col == 1
    assert seed_doc.text[glued.marker_span.start : glued.marker_span.end] == "1."


def test_sections_levels_slugs_and_empty_headings(seed_doc: Document) -> None:
    sections = list(seed_doc.iter_sections())
    headings = [
        (i + 1, line)
        for i, line in enumerate(SEED.read_text(encoding="utf-8").split("\n"))
        if line.startswith("#")
    ]
    assert [s.span.start_line for s in sections] == [n for n, _ in headings]
    assert [s.level for s in sections] == [len(line) - len(line.lstrip("#")) for _, line in headings]
    by_line = {s.span.start_line: s for s in sections}
    assert by_line[20].slug == "selective" and by_line[20].text == "Selective"
    assert by_line[20].raw == "[Selective](#content)"
    assert by_line[81].slug == "addictive"
    assert by_line[5].slug == "content"
    assert by_line[223].slug == "citation"
    for line in (76, 79, 155, 157, 159, 161, 163):
        assert by_line[line].entries == [] and by_line[line].children == []
    assert by_line[76].text == "VFM" and by_line[155].slug == "vfm-1" and by_line[157].slug == "vfm-2"
    adapter = by_line[85]
    assert adapter.path[-3:] == ("Addictive", "LLM", "Adapter")
    assert len(adapter.entries) == 16


def test_seed_anchors_and_comment(seed_doc: Document) -> None:
    fragments = {(a.fragment, a.span.start_line) for a in seed_doc.anchors}
    assert {
        ("Selective", 9),
        ("Additive", 10),
        ("Prompt", 11),
        ("Reparameters", 12),
        ("Hybrid", 13),
    } <= fragments
    assert ("content", 20) in fragments
    assert [c.span.start_line for c in seed_doc.comments] == [16]


def test_cli_default_input_comes_from_pyproject() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "awesomelint", "parse"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "26 entries" in result.stdout.splitlines()[0]
