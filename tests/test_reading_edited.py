"""The block tokens of an edited text made from the earlier text's (`read.edited`): whenever they
are made, they are markdown-it's own tokens of the new text, and the tree read from them is the
tree of a whole reading."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from awesomelint.read import read
from awesomelint.read.blocks import reading
from awesomelint.read.edited import Change, edited_tokens
from awesomelint.read.tokens import markdown
from awesomelint.text import Source

from .test_reread import CORPUS, LISTS, tree

EXAMPLES = int(os.environ.get("AWESOMELINT_EDITED_EXAMPLES", "12"))

# What an edit writes: within a line (a fixer's usual edit: markup, a space, a period), text that
# may open another block where it lands, line breaks and blank lines.
WRITTEN = [
    "",
    ".",
    " ",
    "**",
    "_",
    "x",
    "1. ",
    "- ",
    "# ",
    "> ",
    "```",
    "|",
    "[a]: https://a.b",
    "\n",
    "\n\n",
    "<p>",
]
_FIELDS = (
    "type",
    "tag",
    "nesting",
    "map",
    "content",
    "markup",
    "info",
    "level",
    "hidden",
    "block",
    "attrs",
    "meta",
)


def _tokens(tokens: list[Token]) -> list[tuple[Any, ...]]:
    return [tuple(getattr(token, name) for name in _FIELDS) for token in tokens]


def _applied(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[Change]]:
    """``text`` with the sorted, apart ``edits`` made, and the changes they are."""
    parts, cursor = [], 0
    for start, end, written in edits:
        parts += [text[cursor:start], written]
        cursor = end
    return "".join(parts) + text[cursor:], [Change(start, end, len(written)) for start, end, written in edits]


def _check(old: str, edits: list[tuple[int, int, str]]) -> bool:
    """Assert that the tokens made for ``old`` edited are markdown-it's, and the tree read with
    them the whole reading's; whether they were made."""
    new, changes = _applied(old, edits)
    earlier = reading(read(old, keep_reading=True))
    assert earlier is not None
    made = edited_tokens(earlier, Source(new), changes)
    if made is not None:
        env: dict[str, Any] = {}
        assert _tokens(made[0]) == _tokens(markdown().parse(new, env))
        assert made[1].get("references") == env.get("references")
    assert tree(read(new, keep_reading=True, earlier=earlier, changes=changes)) == tree(read(new))
    return made is not None


def _line_edits(text: str, data: st.DataObject) -> list[tuple[int, int, str]]:
    """Edits as a fixer makes them: several, apart, most within a line, some taking blank lines out."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    chosen = sorted(set(data.draw(st.lists(st.integers(0, len(lines) - 1), min_size=1, max_size=8))))
    edits = []
    for number in chosen:
        start, line = starts[number], lines[number]
        if not line.strip() and number + 1 < len(lines) and not lines[number + 1].strip():
            edits.append((start, starts[number + 1], ""))  # a blank line of two taken out
            continue
        low = start + data.draw(st.integers(0, len(line)))
        high = data.draw(st.integers(low, start + len(line)))
        edits.append((low, high, data.draw(st.sampled_from(WRITTEN))))
    return edits


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus folder ../shared/corpus is not here")
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LISTS), st.data())
def test_tokens_made_from_the_earlier_ones_are_markdown_its(path: Path, data: st.DataObject) -> None:
    _check(path.read_text("utf-8"), _line_edits(path.read_text("utf-8"), data))


LIST = """# Papers

## Vision

- **Seeing Far**. _Ann Lee, Bo Chen_. **CVPR 2021**. [paper](https://arxiv.org/abs/2101.00001)
- **Looking Near**. _Cy Diaz_. **ICCV 2021**.\x20\x20
  [paper](https://arxiv.org/abs/2101.00002)


## Language

1.**Reading Long**. _Di Wu_. **ACL 2022**. [paper][long]

[long]: https://arxiv.org/abs/2201.00003

## Code

    indented


    code
"""


def _at(text: str, found: str, offset: int = 0) -> int:
    return text.index(found) + offset


@pytest.mark.parametrize(
    ("edits", "made"),
    [
        # markup within an entry's line, trailing spaces, a heading's text: the tokens are patched
        ([(_at(LIST, "**CVPR 2021**"), _at(LIST, "**CVPR 2021**", 13), "CVPR 2021")], True),
        ([(_at(LIST, "2021**.  \n", 7), _at(LIST, "2021**.  \n", 9), "")], True),
        ([(_at(LIST, "## Vision", 3), _at(LIST, "## Vision", 9), "Sight")], True),
        # a blank line of two taken out: the same tokens, on fewer lines
        ([(_at(LIST, "\n\n\n## Language", 1), _at(LIST, "\n\n\n## Language", 2), "")], True),
        # an entry's line made a list item: its section is read again
        ([(_at(LIST, "1.**Reading", 2), _at(LIST, "1.**Reading", 2), " ")], True),
        # a line of an entry made a heading, a quote, a fence: its section is read again
        ([(_at(LIST, "- **Looking", 2), _at(LIST, "- **Looking", 2), "# ")], True),
        ([(_at(LIST, "  [paper]", 2), _at(LIST, "  [paper]", 2), "> ")], True),
        ([(_at(LIST, "- **Seeing", 2), _at(LIST, "- **Seeing", 4), "```")], True),
        # a link reference definition changed: links anywhere may read otherwise
        ([(_at(LIST, "[long]: https", 8), _at(LIST, "[long]: https", 13), "http")], False),
        # a blank line taken out of indented code: its content changes (read again)
        ([(_at(LIST, "indented\n\n\n", 9), _at(LIST, "indented\n\n\n", 10), "")], True),
        # more than half of the text read again: parsed whole instead
        (
            [
                (_at(LIST, "## Vision"), _at(LIST, "## Vision", 3), ""),
                (_at(LIST, "## Code"), _at(LIST, "## Code", 3), ""),
            ],
            False,
        ),
    ],
)
def test_an_edit_makes_markdown_its_tokens(edits: list[tuple[int, int, str]], made: bool) -> None:
    assert _check(LIST, edits) is made


def test_a_heading_edited_into_a_paragraph_has_the_text_around_it_read_again() -> None:
    longer = LIST + "".join(
        f"\n## Part {n}\n\n- **Title {n}**. [paper](https://a.b/{n})\n" for n in range(12)
    )
    assert _check(longer, [(_at(longer, "## Code"), _at(longer, "## Code", 3), "")])


def test_tokens_are_not_made_for_an_edit_that_defines_a_link() -> None:
    at = _at(LIST, "## Code")
    assert not _check(LIST, [(at, at, "[vision]: https://a.b\n\n")])


def test_a_line_break_taken_out_before_a_heading_joins_it_to_the_text_read_again() -> None:
    # `## Sectio## Section`: the heading after the text read again is now on its last line
    text = "- [A](https://a.b) - one.\n## Section\n## Section\n## Section\n"
    at = _at(text, "## Section\n## Section\n", len("## Section\n## Sectio"))
    assert text[at : at + 2] == "n\n"
    _check(text, [(at, at + 2, "")])


def test_an_item_opened_under_an_entry_takes_the_paragraphs_that_continued_it() -> None:
    # the paragraphs under the first item (indented less than its text) continued its entry; once
    # `1. ` opens an item at the first of them, the first item is moved whole but makes less
    text = (
        "## Papers\n\n1. **Title One**. **ACL 2021**.\n\n  _Ann Lee, Bo Chen_.\n\n"
        "  [paper](https://a.b/1)\n\n2. **Title Two**. [paper](https://a.b/2)\n"
    )
    at = _at(text, "  _Ann Lee")
    _check(text, [(at, at, "1. ")])
