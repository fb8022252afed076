"""The direct reading of simple inline content (read/inline.py) gives exactly the pieces that
markdown-it's inline pass gives, or declines: on every paragraph, item, heading and cell of the real
lists, the seed and the fixtures, and on generated inline text full of markup characters."""

from __future__ import annotations

import markdown_it
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import lheading, paragraph, table

from awesomelint.read import inline, tokens
from awesomelint.read.inline import simple_pieces
from awesomelint.read.tokens import Parsed, markdown, parse_tokens
from awesomelint.text import Source

from .conftest import FIXTURES, ROOT, SEED
from .test_reading_tokens import FRAGMENTS

CORPUS = ROOT.parent / "shared" / "corpus"  # real lists, read where they are (test_corpus.py)


def _compared(text: str) -> tuple[int, int]:
    """Assert that both readings give the same pieces for every inline token of ``text``; return how
    many inline tokens it holds and how many of them the direct reading took."""
    direct = parse_tokens(Source(text))
    by_markdown_it = parse_tokens(Source(text))
    by_markdown_it.read_simple_directly = False
    document = direct.source.normalized
    references = direct.references or None
    inline, taken = 0, 0
    for token, same in zip(direct.tokens, by_markdown_it.tokens, strict=True):
        if token.type != "inline":
            continue
        inline += 1
        if simple_pieces(markdown(), token.content, document, lambda offset: offset, references) is not None:
            taken += 1
        assert direct.pieces(token) == by_markdown_it.pieces(same), token.content
    return inline, taken


def test_real_lists_read_alike_and_mostly_directly() -> None:
    paths = [SEED, *sorted(FIXTURES.glob("*.md"))]
    if CORPUS.is_dir():
        paths += sorted(CORPUS.glob("*.md"))
    inline, taken = 0, 0
    for path in paths:
        counts = _compared(path.read_text(encoding="utf-8"))
        inline, taken = inline + counts[0], taken + counts[1]
    assert taken > 0.8 * inline  # the shapes lists write are the ones it takes


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("1. **Title** [paper](https://x.org/a_b) *Ann Lee*, `code`", True),
        ("- [**Tool**](u) - A *fast*, __bold__ tool. [[paper]](https://x.org)", True),
        ("- [![badge](https://img.shields.io/x.svg)](https://x.org) text", True),
        ("- **a *b* c** ***d*** *e **f** g* x*y*z a * b", True),
        ("- [a [b](c) d](e) and [[Paper](u)] and `[` ](x)`", True),
        ("- Title\n  [paper](u) **A\n  B**", True),
        ('- a \\*b\\* \\[c](u) `\\`x\\\n<br> <a href="#x">x</a> a < b', True),  # escapes, HTML
        ("- <https://x.org> <a@b.org>", False),  # autolinks
        ("- !![(!](u)", False),  # an image whose alt text markdown-it reads as one more label
        ("- [<b>x</b>](u) <!-- note -->", False),  # HTML in a label, a comment
        ("- ~~gone~~", False),
        ('- [a](u "title") [b]( u )', False),
        ("- [a][ref] and [a]\n\n[ref]: https://r.org", False),  # reference links
        ("- [[paper]](u) [Ref ] [x]\n\n[ref]: https://r.org", False),  # a shortcut reference link
        ("- [[paper]](u) [x] [ref](u)\n\n[ref]: https://r.org", True),  # labels that are no reference
    ],
)
def test_shapes(text: str, taken: bool) -> None:
    inline, direct = _compared(text)
    assert inline >= 1
    assert (direct == inline) is taken


@pytest.mark.parametrize(
    "text",
    [
        *("- **Title** [p](u)", "- *Ann Lee*, Bob", "- __a__ b", "- _a_ b", "- ***a*** b", "- **a** **b**"),
        *("- **a*", "- *a**", "- a**b**c", "- **a**b", "- _a_b_", "- a_b_ c", "- ** a**", "- **a **"),
        *("- *a **b** c*", "- **a *b* c**", "- *a*b*", "- **[t](u)** x", "- [**t**](u) *x*", "- **a\n  b**"),
        *("- **a* b*", "- *a* b**", "- **a__ b", "- __a** b", "- *a* *b*"),
    ],
)
def test_emphasis_reads_alike(text: str) -> None:
    # Two runs alike, the first only opening and the second only closing, are paired without
    # markdown-it's pairing; these are that shape and the shapes nearest to it.
    inline, direct = _compared(text)
    assert inline == direct == 1


MARKUP = st.sampled_from(
    [
        *("*", "**", "***", "_", "__", "a", "b c", " ", ".", ",", '"', "é", "1", "!", "`", "``", "\n"),
        *("[", "]", "(", ")", "[]", "[a](u)", "[a]()", "[[p]](u)", "[`c`](u)", "[*a*](u)", "&amp;"),
        *("[a](http://x.org/p_q*r)", "[a](javascript:x)", "[a](u#x%20y&amp;z)", "[![b](i)](u)"),
        *("\\", "\\*", "\\[", "\\`", "<br>", '<a href="u">', "</a>", "<", ">", "<x:y>", "a@b.c"),
        "![i](https://x.org/i.png)",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["", "- ", "1. ", "# ", "| a |\n| - |\n| "]),
    st.lists(st.one_of(MARKUP, FRAGMENTS), max_size=25),
    st.booleans(),
)
def test_generated_inline_text_reads_alike(start: str, parts: list[str], references: bool) -> None:
    text = start + "".join(parts) + ("\n\n[a]: https://r.org\n" if references else "\n")
    _compared(text)


def test_the_direct_reading_runs_only_under_a_checked_markdown_it_release() -> None:
    # Its helpers mirror one release's inline rules: under another, markdown-it reads everything, and
    # the comparisons above tell whether that release can be added to the checked ones.
    checked = markdown_it.__version__ in inline.CHECKED_RELEASES
    assert checked == inline.READS_DIRECTLY == Parsed.read_simple_directly
    # the block code copied from that release too: the block state, the paragraph rules, the table's
    block = markdown().block
    assert (type(block) is not ParserBlock) == checked
    paragraph_rules = [rule.fn for rule in block.ruler.__rules__ if rule.name in ("lheading", "paragraph")]
    assert (paragraph_rules != [lheading, paragraph]) == checked
    assert (tokens._table_rule is not table) == checked
