"""Spans are exact: slicing the source by a field's offsets gives the field's raw text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink

from awesomelint import parse
from awesomelint.model import Document
from awesomelint.read.fields import _HAS_YEAR, _VENUE_IN_MARKUP
from awesomelint.read.tokens import PLAIN_URL
from awesomelint.text import Source
from awesomelint.urls import split_url

from .conftest import FIXTURES, SEED, assert_span_consistent, entry_spans
from .strategies import Expected, paper_list


def _check_document(text: str, doc: Document) -> int:
    checked = 0
    for entry in doc.iter_entries():
        assert_span_consistent(text, entry.span)
        for name, span, raw in entry_spans(entry):
            assert text[span.start : span.end] == raw, (name, span)
            assert_span_consistent(text, span)
            assert entry.span.start <= span.start and span.end <= entry.span.end, name
            checked += 1
    for section in doc.iter_sections():
        assert (
            text[section.span.start : section.span.end].lstrip("# \ufeff").startswith(section.raw[:1] or "")
        )
        assert_span_consistent(text, section.span)
    for link in doc.links:
        assert text[link.span.start : link.span.end] == link.raw
        assert text[link.url_span.start : link.url_span.end] == link.url or link.url_span == link.span
    return checked


def test_every_field_of_the_seed(seed_text: str, seed_doc: Document) -> None:
    assert _check_document(seed_text, seed_doc) >= 26 * 5


def test_every_field_of_the_fixtures() -> None:
    for path in sorted(FIXTURES.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _check_document(text, parse(text))


def test_crlf_and_bom_give_the_same_tree_with_exact_spans(seed_text: str, seed_doc: Document) -> None:
    for variant in (
        seed_text.replace("\n", "\r\n"),
        "\ufeff" + seed_text,
        "\ufeff" + seed_text.replace("\n", "\r\n"),
    ):
        doc = parse(variant)
        _check_document(variant, doc)
        plain = [
            (e.title.text if e.title else None, e.authors.names if e.authors else None)
            for e in seed_doc.iter_entries()
        ]
        assert [
            (e.title.text if e.title else None, e.authors.names if e.authors else None)
            for e in doc.iter_entries()
        ] == plain
        assert [(e.span.start_line, e.span.start_col) for e in doc.iter_entries()] == [
            (e.span.start_line, e.span.start_col) for e in seed_doc.iter_entries()
        ]


@settings(max_examples=150, deadline=None)
@given(paper_list(defects=True))
def test_generated_lists_parse_to_their_entries_with_exact_spans(
    generated: tuple[str, list[Expected]],
) -> None:
    text, expected = generated
    doc = parse(text)
    entries = list(doc.iter_entries())
    assert len(entries) == len(expected)
    for entry, want in zip(entries, expected, strict=True):
        assert entry.title is not None and entry.title.text == want.title
        assert entry.venue is not None and entry.venue.name.text == want.venue and entry.year == want.year
        assert entry.authors is not None and entry.authors.names == want.names
        assert [link.url for link in entry.links] == [want.url]
    _check_document(text, doc)


URL_PARTS = st.sampled_from(
    [
        "http://",
        "https://",
        "HTTPS://",
        "a",
        "Z",
        "0",
        "-",
        "_",
        ".",
        "..",
        "/",
        "?",
        "#",
        ":",
        "@",
        "%",
        "%2F",
        "%zz",
        "é",
        " ",
        "\t",
        "\n",
        "<",
        ">",
        "'",
        "(",
        ")",
        "[",
        "]",
        "\\",
        "|",
        "+",
        "~",
        "*",
        "x" * 64,
        "x" * 200,
    ]
)


@settings(max_examples=3000)
@given(st.lists(URL_PARTS, max_size=12).map("".join))
def test_urls_left_alone_are_those_markdown_it_would_not_change(url: str) -> None:
    # Link normalisation is skipped for plain addresses: only where markdown-it's would change nothing.
    if PLAIN_URL.fullmatch(url):
        assert normalizeLink(url) == url


@settings(max_examples=3000)
@given(
    st.tuples(
        st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", " http://", "http:", ""]),
        st.sampled_from(["a.org", "Www.A-1_b.io", "", "a:8080", "u@a", "[::1]"]),
        st.lists(URL_PARTS, max_size=10).map("".join),
    ).map("".join)
)
@example("HTTP://A.org:80/?#")
@example(" https://a.org/x ")
def test_addresses_are_split_as_urlsplit_splits_them(url: str) -> None:
    try:
        expected = urlsplit(url)
    except ValueError:
        expected = None
    assert split_url(url) == expected


@pytest.mark.parametrize("part", ["/b", "/b?c", "/b#c"])
@pytest.mark.parametrize("removed", ["\t", "\r", "\n"])
def test_addresses_lose_what_urlsplit_removes(part: str, removed: str) -> None:
    url = f"https://a.org{part}{removed}d"
    assert split_url(url) == urlsplit(url)


def test_real_lists_addresses_are_mostly_plain() -> None:
    text = SEED.read_text(encoding="utf-8")
    urls = re.findall(r"https?://[^\s)\]>\"]+", text)
    plain = [url for url in urls if PLAIN_URL.fullmatch(url)]
    assert len(plain) > 0.9 * len(urls)
    assert all(normalizeLink(url) == url for url in plain)


_VENUE_LIKE = st.tuples(
    st.sampled_from(["", " ", "in ", "In  "]),
    st.sampled_from(["ACL", "NeurIPS", "Findings of EMNLP", "x", "Name456", "ICML 2.0", "AAAI-"]),
    st.sampled_from(["'", "’", " ' ", " ", ", ", " (", "", ".", "1", "\n"]),
    st.sampled_from(["2019", "1999", "19", "07", "2020", "456", "3021", "201"]),
    st.sampled_from(["", ")", ")"]),
    st.sampled_from(["", " (oral)", "(Findings)", " ()", " (a\nb)"]),
    st.sampled_from(["", ".", ". ", ",;:", "\n", "x"]),
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_VENUE_LIKE, st.text(alphabet="AC '’,.()0129\n:;x", max_size=24)))
def test_the_venue_prefilter_is_a_necessary_condition(text: str) -> None:
    """The cheap test run before the venue-in-markup pattern rejects no text the pattern matches."""
    if _VENUE_IN_MARKUP.match(text):
        assert _HAS_YEAR.search(text), text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["# Head", "- [a](u)", "", "  x ", "<h2 id='k'>"]), max_size=8),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
def test_lines_made_on_their_own_are_those_of_the_table(written: list[str], brk: str, bom: bool) -> None:
    """A few lines made without the table of every line are the table's, whatever the breaks; and so
    are they, and the table built again, once the table is let go."""
    source = Source(("\ufeff" if bom else "") + brk.join(written))
    size = len(written) + 2
    ranges = [(first, stop) for first in range(-1, size) for stop in range(max(first, 0), size + 1)]
    alone = [list(source.lines_between(first, stop)) for first, stop in ranges]
    assert "lines" not in source.__dict__  # (made on their own: the table is not built yet)
    table = source.lines
    assert alone == [list(table[max(first, 0) : stop]) for first, stop in ranges]
    assert alone == [list(source.lines_between(first, stop)) for first, stop in ranges]
    source.forget_lines()  # (the fixer's, before a pass's fixes replace the text)
    assert "lines" not in source.__dict__
    assert alone == [list(source.lines_between(first, stop)) for first, stop in ranges]
    assert source.lines == table


@given(st.text(alphabet="ab\n\r", max_size=40), st.data())
def test_the_line_at_an_offset_is_the_number_of_line_breaks_before_it(text: str, data: st.DataObject) -> None:
    source = Source(text)
    offset = data.draw(st.integers(0, len(source.normalized)))
    assert source.norm_line_at(offset) == source.normalized.count("\n", 0, offset)
