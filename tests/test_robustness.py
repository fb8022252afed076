"""parse never raises, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint import parse

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
