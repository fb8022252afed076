"""Our markdown-it parser reads what markdown-it-py's own reads: its shortcuts (where a text run stops,
a plain link destination found in one match) change how fast, never which tokens."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from awesomelint.read.tokens import _BlockState, escaped_split, markdown, parse_tokens
from awesomelint.text import Source

from .conftest import FIXTURES, SEED

# Pieces of inline Markdown that awesome lists write, and the markup characters that trip parsers.
FRAGMENTS = st.sampled_from(
    [
        "Title",
        " ",
        "\n",
        "  \n",
        "word-word",
        "a: b",
        "#1",
        "50%",
        "x+y=z",
        "@user",
        "{x}",
        "$5",
        "^",
        ">",
        "[",
        "]",
        "(",
        ")",
        "[Paper](https://arxiv.org/abs/2101.00001)",
        "[a](http://x.org/a(b)c)",
        "[a](<b c>)",
        '[a](u "title")',
        "[a](u\\)v)",
        "[a]( u )",
        "[a][ref]",
        "[ref]",
        "![badge](https://img.shields.io/x.svg)",
        "**",
        "*",
        "_",
        "__",
        "~~",
        "`code`",
        "`",
        "<https://x.org>",
        "<b>",
        "</b>",
        "&amp;",
        "&copy",
        "\\*",
        "\\",
        "\t",
        "\x7f",
        "[a]: http://x.org",
        "]:",
        "]: <u>",
        "\n[",
        "\n[a]",
        "\n> ",
        "\n\n",
        "\n    ",
        "\n- ",
        "\n---",
        "\n=",
    ]
)
DOCUMENTS = st.tuples(
    st.sampled_from(["", "- ", "> ", "1. ", "[", "[a]", "    "]), st.lists(FRAGMENTS, max_size=30)
).map(lambda parts: parts[0] + "".join(parts[1]) + "\n\n[ref]: https://r.org\n")


def _plain_parser() -> MarkdownIt:
    """markdown-it-py as it comes, set up as ours is (text_join is off in ours: we read text from the
    source)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.core.ruler.disable(["text_join"])
    return md


PLAIN = _plain_parser()


def _facts(tokens: list[Token]) -> list[tuple[Any, ...]]:
    return [
        (t.type, t.tag, t.nesting, t.level, t.content, t.markup, t.info, t.attrs, t.map, t.block, t.hidden)
        for t in tokens
    ]


def _assert_same_reading(text: str) -> None:
    parsed = parse_tokens(Source(text))
    expected = PLAIN.parse(text)
    assert _facts(parsed.tokens) == _facts(expected)
    for block, plain in zip(parsed.tokens, expected, strict=True):
        if block.type == "inline":
            children = parsed._inline_tokens(block)
            # a run of plain text is left to the pieces, which fill the gaps between tokens
            assert _facts(children) == _facts(plain.children or []) or (
                not children
                and _facts(plain.children or [])
                == [("text", "", 0, 0, block.content, "", "", {}, None, False, False)]
            )


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_inline_tokens_are_markdown_its_own(text: str) -> None:
    _assert_same_reading(text)


@pytest.mark.parametrize(
    "text",
    [
        *("***\n", "- - -\n", "* * *\n", "_ _ _\n", "-\t-\t-\n", "--\n", "- -\n", "-- -\n", "* - *\n"),
        *("> ---\n", "- a\n---\n", "a\n***\n", "a\n---\n", "- a\n  ---\n", "- a\n- * * *\n"),
        *("   ***\n", "    ***\n", "* a\n*\t*\t*\n", "- a\n -  - -\n", "1. a\n___\nb\n"),
    ],
)
def test_thematic_breaks_read_as_markdown_it_reads_them(text: str) -> None:
    # Our parser calls markdown-it's rule only at lines that open with two of its marks.
    _assert_same_reading(text)


@pytest.mark.parametrize(
    "text",
    [
        *("a\n===\n", "a\nb\n---\n", "a\n- b\n---\n", "a\n= =\n", "a\n--- \t\n", "a\n    ===\n", "a\n-=\n"),
        *("- a\n  ---\n", "- a\n---\n", "> a\n---\n", "> a\n> ===\n", "a\n> b\n===\n", "    a\n---\n"),
        *("- a\n  b\n- c\n", "- a\n\n  b\n- c\n", "1. a\n   b\n2) c\n", "a\n1. b\n", "a\n2. b\n", "a\n* \n"),
        *("- a\n  - b\n    ===\n", "* a\nb\n* c\n  ---\n", "a\n<div>\n", "a\n| b |\n| - |\n", "a\n[r]: u\n"),
        *("> 2) > \t- ===|2) \n", "-\t  a\n", " -  \t a\n"),  # (a tab before a one-line paragraph's text)
    ],
)
def test_setext_headings_and_paragraph_ends_read_as_markdown_it_reads_them(text: str) -> None:
    # Our parser looks for a paragraph's end once, for markdown-it's setext heading and paragraph
    # rules; it calls markdown-it's heading rule only where a line is an underline.
    _assert_same_reading(text)
    _assert_same_reading(f"- x\n{text}- y\n\n  z\n- w\n")


@pytest.mark.parametrize(
    "text",
    [
        *("a|b\n-|-\n", "a|b\n- |-\n", "a|b\n-\t|-\n", "| a |\n|:-:|\n| b |\n", "a | b\n:-- | --:\n"),
        *("a|b\n--|--\n", "a|b\n| - | - |\n", "a|b\n|-|-| x\n", "a|b\n--\n", "a|b\n|\n", "a|b\n-|-"),
        *("a|b\n    |-|-|\n", "- a|b\n  -|-\n", "- a|b\n- -|-\n", "- a|b\n-|-\n", "> a|b\n> -|-\n"),
        *("a|b\n-|-\nc\n- d\n", "a\\|b|c\n-|-\nd\\\\|e|f\\|\n"),
    ],
)
def test_tables_read_as_markdown_it_reads_them(text: str) -> None:
    # Our parser calls markdown-it's table rule only where the next line can be a delimiter row.
    _assert_same_reading(text)
    _assert_same_reading(f"- x\n{text}\n- y\n")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="a|\\ `", max_size=12))
def test_table_rows_split_into_cells_as_markdown_it_splits_them(row: str) -> None:
    assert escaped_split(row) == escapedSplit(row)


def test_block_tokens_are_made_as_markdown_its_are() -> None:
    # Our parser's block state makes each token field by field, not by Token's constructor.
    ours, theirs = _BlockState("a\n", markdown(), {}, []), StateBlock("a\n", markdown(), {}, [])
    for nesting in (1, 0, -1):
        assert ours.push("t", "p", nesting) == theirs.push("t", "p", nesting)
    assert ours.level == theirs.level == 0


def test_block_tokens_without_attributes_share_one_that_no_one_can_write_into() -> None:
    # (a reading kept for the fixer holds every block token: two empty dictionaries each were a
    # tenth of its memory)
    tokens = parse_tokens(Source("3. item\n\n| a |\n|:-:|\n| b |\n")).tokens
    attributes = {token.type: token.attrs for token in tokens if token.attrs}
    assert attributes == {
        "ordered_list_open": {"start": 3},
        "th_open": {"style": "text-align:center"},
        "td_open": {"style": "text-align:center"},
    }
    plain = next(token for token in tokens if token.type == "paragraph_open")
    assert plain.attrs == plain.meta == {}
    with pytest.raises(TypeError):
        plain.attrs["id"] = "x"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\na-", max_size=30))
def test_block_state_lines_are_markdown_its(text: str) -> None:
    # Our block state splits the text into lines at once, each line's indent found by a strip.
    ours, theirs = _BlockState(text, markdown(), {}, []), StateBlock(text, markdown(), {}, [])
    for table in ("bMarks", "eMarks", "tShift", "sCount", "bsCount", "lineMax"):
        assert getattr(ours, table) == getattr(theirs, table), table


@pytest.mark.parametrize(
    "opening",
    [
        *(
            "```\nx\n```",
            "~~~\nx",
            "> a",
            "* a",
            "+ a",
            "- a",
            "1) a",
            "2. a",
            "<div>\nx",
            "# h",
            "#x",
            "[a]: u",
        ),
        *(
            "[a] b",
            "___",
            "* * *",
            "- - -",
            "    code",
            "\tcode",
            "| a |\n| - |",
            "a\n===",
            "*a*",
            "<a> b",
            "1x",
        ),
        *("-\tx", "- \t x", "1.      x", "1. \tx", " \t- x", ">\tx", "> \t> x", "-\t\tx", "  x  "),
        *("b---\nc", "a ---", "- ---\n---"),  # (markdown-it's front matter, in an item on the first line)
    ],
)
def test_blocks_open_as_markdown_it_opens_them(opening: str) -> None:
    # At a block's start our parser calls only the rules that may open at its first character.
    for text in (
        f"{opening}\n",
        f"a\n\n{opening}\n\nb\n",
        f"- x\n\n  {opening}\n- y\n",
        f"> {opening}\n",
        f"- {opening}\n",
    ):
        _assert_same_reading(text)


@pytest.mark.parametrize(
    "text",
    ["---\na: b\n---\nx\n", "x\n---\na: b\n---\n", "- x\n---\na\n---\n", "> x\n---\n", "---\n---\n"],
)
def test_front_matter_reads_as_markdown_it_reads_it(text: str) -> None:
    # Front matter opens at the first line only: our parser never asks whether it ends a block.
    _assert_same_reading(text)
    assert markdown().options.get("html") is True and markdown().options.get("no such", 3) == 3


@pytest.mark.parametrize(
    "text", ["a\r\nb\n", "a\rb\r\r- c\r", "x\0y\n", "- a\r\n- b\0\n\n[x]: /\0\r\n", "\0", "\r"]
)
def test_line_breaks_and_nul_characters_read_as_markdown_it_reads_them(text: str) -> None:
    # markdown-it's normalising step is left out: the text it parses is normalised already.
    _assert_same_reading(text)


def test_the_seed_and_fixtures_read_as_markdown_it_reads_them() -> None:
    for path in [SEED, *sorted(FIXTURES.glob("*.md"))]:
        _assert_same_reading(path.read_text(encoding="utf-8"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab/:.()\\< >&#;\x00\x1f\x7f\n\t\"'%é", max_size=14), st.data())
def test_link_destinations_end_where_markdown_its_do(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    maximum = data.draw(st.integers(start, len(text)))
    helpers = markdown().helpers
    expected = parseLinkDestination(text, start, maximum)
    found = helpers.parseLinkDestination(text, start, maximum)
    assert found.ok == expected.ok
    if expected.ok:
        assert (found.pos, found.str) == (expected.pos, expected.str)
