"""Spans are exact: slicing the source by a field's offsets gives the field's raw text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint import parse
from awesomelint.model import Document

from .conftest import FIXTURES, assert_span_consistent, entry_spans


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


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßøł", min_size=1, max_size=9)
_TITLE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join).map(str.capitalize)
_NAME = st.tuples(_WORD, _WORD).map(lambda p: f"{p[0].capitalize()} {p[1].capitalize()}")
_VENUE = st.sampled_from(["ACL", "EMNLP", "NeurIPS", "ICLR", "arXiv", "CVPR", "IEEE TNNLS"])


@st.composite
def _paper_entry(draw: st.DrawFn, number: int) -> tuple[str, tuple[str, str, int, list[str], str]]:
    title, venue = draw(_TITLE), draw(_VENUE)
    year = draw(st.integers(1990, 2025))
    names = draw(st.lists(_NAME, min_size=1, max_size=5))
    url = f"https://example.org/{draw(st.integers(0, 10**6))}"
    mark = draw(st.sampled_from("*_"))
    authors = f"{mark}{', '.join(names)}{mark}"
    venue_text = draw(st.sampled_from([f"**{venue}'{year}**", f"**{venue} {year}**", f"[{venue} {year}]"]))
    shape = draw(
        st.sampled_from(["glued", "ordered-one-line", "ordered-paragraphs", "bullet", "crlf-spaces"])
    )
    if shape == "glued":
        text = f"{number}.**{title}**. {venue_text}.\n\n[paper]({url})\n\n{authors}\n"
    elif shape == "ordered-one-line":
        text = f"{number}. **{title}**.{authors}.{venue_text}.[paper]({url})\n"
    elif shape == "ordered-paragraphs":
        text = f"{number}. **{title}**. {venue_text}. \n\n  {authors}.\n\n  [paper]({url})\n"
    elif shape == "bullet":
        text = f"- **{title}** {venue_text}. {authors}. [[paper]]({url})\n"
    else:
        text = f"{number}. **{title}**\n   {venue_text} {authors}  \n   [[paper]({url})]\n"
    return text, (title, venue, year, names, url)


@st.composite
def _paper_list(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, int, list[str], str]]]:
    parts, expected = ["# Awesome generated\n"], []
    for section in range(draw(st.integers(1, 3))):
        parts.append(f"\n## Section {section}\n\n")
        for number in range(1, draw(st.integers(0, 4)) + 1):
            text, fields = draw(_paper_entry(number))
            parts.append(text + "\n")
            expected.append(fields)
    text = "".join(parts)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, expected


@settings(max_examples=150, deadline=None)
@given(_paper_list())
def test_generated_lists_parse_to_their_entries_with_exact_spans(
    generated: tuple[str, list[tuple[str, str, int, list[str], str]]],
) -> None:
    text, expected = generated
    doc = parse(text)
    entries = list(doc.iter_entries())
    assert len(entries) == len(expected)
    for entry, (title, venue, year, names, url) in zip(entries, expected, strict=True):
        assert entry.title is not None and entry.title.text == title
        assert entry.venue is not None and entry.venue.name.text == venue and entry.year == year
        assert entry.authors is not None and list(entry.authors.names) == names
        assert [link.url for link in entry.links] == [url]
    _check_document(text, doc)
