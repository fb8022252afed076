"""parse never raises, whatever the text; a text read with the reading of the text it was edited
from is read as a fresh parse reads it."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint import parse
from awesomelint.read import reading
from awesomelint.render import seen

_FRAGMENTS = [
    *"*_[]()#`>-+1.:!<>\\&;'\"|~ \t\n\r\x00\x0b\x0c\u2028\ufeffaZ9é",
    "**",
    "](",
    "<!--",
    "-->",
    "1.**",
]
_MARKDOWNISH = st.lists(st.sampled_from(_FRAGMENTS), max_size=200).map("".join)


@settings(max_examples=400, deadline=None)
@given(_MARKDOWNISH)
def test_parse_never_raises_on_markdownish_text(text: str) -> None:
    doc = parse(text)
    for entry in doc.iter_entries():
        assert 0 <= entry.span.start <= entry.span.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parse_never_raises_on_arbitrary_unicode(text: str) -> None:
    parse(text)


def test_deep_nesting_does_not_crash() -> None:
    parse("> " * 500 + "1.**Title**")
    parse("".join("  " * depth + "- [x](u)\n" for depth in range(300)))
    parse("*" * 5000 + "[" * 3000 + "a" + "]" * 3000)
    parse("1. **a**\n" * 3000)


def _lint_and_fix(text: str) -> None:
    """Lint and fix never raise; the only failure a fix may report is the guard's refusal."""
    from awesomelint import fix, lint
    from awesomelint.fixer import FixError

    for diagnostic in lint(text):
        assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(text)
    for unsafe in (False, True):
        with contextlib.suppress(FixError):
            fix(text, unsafe=unsafe)


@settings(max_examples=300, deadline=None)
@given(_MARKDOWNISH)
def test_rules_and_fixer_never_raise(text: str) -> None:
    _lint_and_fix(text)


_LIST_FRAGMENTS = [
    "1.**T a b**", "1. **T a b**", "- [x](http://a.b)", "*A B, C D*", "_A B_", "**ACL'2020.**",
    "[NeurIPS 2020]", "[paper](u)", "[[code]]", "\n", "\n\n", "\n\n\n", "  ", "#", "## ", "### ",
    "[a](#b)", "<a href='#c'>", "| a | b |\n| - | - |\n| [t](u) | ACL 2020 |",
    "<!-- awesomelint-disable -->", "> ", "```\n", "---\n", "\r\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LIST_FRAGMENTS), max_size=60).map("".join))
def test_rules_and_fixer_never_raise_on_list_like_text(text: str) -> None:
    _lint_and_fix(text)


def _read_as_afresh(text: str, edited: str) -> None:
    before = parse(text, keep_reading=True)
    again = parse(edited, keep_reading=True, earlier=reading(before))
    fresh = parse(edited, keep_reading=True)
    assert again.to_dict() == fresh.to_dict()
    assert seen(edited, [], reading(again)) == seen(edited, [], reading(fresh))


def test_the_same_paragraph_in_another_container_is_read_again() -> None:
    # Same content, same columns, but other text between its lines (`> ` for two spaces).
    _read_as_afresh("- a\n  b *c*\n", "> a\n> b *c*\n")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_LIST_FRAGMENTS), max_size=40).map("".join),
    st.integers(min_value=0),
    st.integers(min_value=0, max_value=12),
    st.sampled_from(["", " ", "\n", "**x**", "*", "[y](#z)", "  \n", "1. ", "| c |", "x\n\n"]),
)
def test_an_edited_text_read_with_its_earlier_reading_is_read_as_afresh(
    text: str, at: int, cut: int, insert: str
) -> None:
    at %= len(text) + 1
    _read_as_afresh(text, text[:at] + insert + text[at + cut :])
