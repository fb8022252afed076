from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from awesomelint import parse
from awesomelint.model import Document, Entry
from awesomelint.text import Span

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "README.source.md"
CORPUS = ROOT.parent / "shared" / "corpus"  # real lists, read where they are; absent on some machines
# The seed and the corpus lists small enough that a full run after each of many edits stays quick.
SMALL_LISTS = [SEED, *sorted(path for path in CORPUS.glob("*.md") if path.stat().st_size < 65_000)]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text: str) -> Document:
    return parse(seed_text)


def entry_spans(entry: Entry) -> Iterator[tuple[str, Span, str]]:
    """Every (name, span, raw) of an entry's fields, for span checks."""
    if entry.title:
        yield "title", entry.title.span, entry.title.raw
    if entry.venue:
        yield "venue", entry.venue.span, entry.venue.raw
        yield "venue.name", entry.venue.name.span, entry.venue.name.raw
        if entry.venue.year:
            yield "venue.year", entry.venue.year.span, entry.venue.year.raw
    if entry.authors:
        yield "authors", entry.authors.span, entry.authors.raw
        yield "authors.inner", entry.authors.inner.span, entry.authors.inner.raw
    for link in entry.links:
        yield "link", link.span, link.raw
    if entry.description:
        yield "description", entry.description.span, entry.description.raw


def assert_span_consistent(text: str, span: Span) -> None:
    """Offsets, lines and columns of a span describe the same place in ``text``."""
    import re

    assert 0 <= span.start <= span.end <= len(text)
    starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
    for offset, line, col in (
        (span.start, span.start_line, span.start_col),
        (span.end, span.end_line, span.end_col),
    ):
        assert starts[line - 1] + col - 1 == offset or (line == 1 and text.startswith("\ufeff"))
