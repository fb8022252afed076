"""Reading an edited text from the reading before the edit (`read_edited`) gives exactly the tree a
whole reading gives, after each of many random edits of real lists and of the seed; and it reads
again only the edited section when nothing else can change. AWESOMELINT_REREAD_EDITS sets how many
edits in all (default 60)."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint.model import Document
from awesomelint.read import read
from awesomelint.read.moving import Move
from awesomelint.read.reread import Change, changed_range, common_prefix, read_edited
from awesomelint.text import Source

from .edits import edit_of, edit_runs, edit_strategy

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LISTS = [ROOT / "README.source.md", *sorted(CORPUS.glob("*.md"))]
EDITS = int(os.environ.get("AWESOMELINT_REREAD_EDITS", "60"))
EDITS_PER_LIST = 12
WORDS = [
    "Adapter",
    "Zoë 🙂",
    "**bold**",
    "ICML 2020",
    "",
    "\n",
    "\n\n- ",
    "- [x](https://a.b/c)",
    "\n## New\n",
]
WORDS += [
    "`code`",
    "<!-- awesomelint-disable -->",
    "1. ",
    "[ref]: https://a.b",
    "<table><tr><td>x",
    "\n```\n",
]


def tree(document: Document) -> dict[str, Any]:
    """Everything a reading holds, as plain data (the page-wide lists too)."""

    def spans(items: list[Any]) -> list[Any]:
        return [(item, item.span.to_dict()) for item in items]

    return {
        "tree": document.to_dict(),
        "blocks": [block.to_dict() for block in document.blocks],
        "links": [link.to_dict() for link in document.links],
        "anchors": json.loads(json.dumps(spans(document.anchors), default=str)),
        "comments": json.loads(json.dumps(spans(document.comments), default=str)),
        "html_ids": sorted(document.html_ids),
        "text": document.text,
    }


def _edit(text: str, kind: str, where: float, other: float, word: str) -> tuple[int, int, str]:
    """One edit of ``text``: those of `edits.edit_of`, one anywhere in the text (``anywhere``: a
    word, a line break, a list marker, a fence ... at any offset), or at a heading's end."""
    if kind == "anywhere":
        at = int(where * (len(text) + 1))
        return at, min(len(text), at + int(other * 30)), word
    sections = list(read(text).iter_sections())
    if kind == "heading end" and sections:
        section = sections[int(where * len(sections))]
        return section.span.end - 1, section.span.end, word or "x"
    return edit_of(text, kind, where, other, word)


KINDS = ["insert", "delete", "change", "rename", "venue", "suppress", "heading end", "anywhere", "anywhere"]
edit = edit_strategy(KINDS, WORDS)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus folder ../shared/corpus is not here")
@edit_runs(LISTS, edit, EDITS, EDITS_PER_LIST)
def test_each_edit_reads_as_a_whole_reading(path: Path, edits: list[tuple[str, float, float, str]]) -> None:
    text = path.read_text("utf-8")
    document = read(text)
    for kind, where, other, word in edits:
        start, end, replacement = _edit(text, kind, where, other, word)
        text = text[:start] + replacement + text[end:]
        document = read_edited(document, text)
        assert tree(document) == tree(read(text)), (path.name, kind, start, end, replacement)


LIST = """# Papers

## Vision

- **Seeing Far**. _Ann Lee, Bo Chen_. **CVPR 2021**. [paper](https://arxiv.org/abs/2101.00001)
- **Looking Near**. _Cy Diaz_. **ICCV 2021**. [paper](https://arxiv.org/abs/2101.00002)

## Language

- **Reading Long**. _Di Wu_. **ACL 2022**. [paper](https://arxiv.org/abs/2201.00003)
- **Writing Short**. _Ed Fox_. **EMNLP 2022**. [paper](https://arxiv.org/abs/2201.00004)

## Speech

- **Hearing Well**. _Fa Gu_. **ICASSP 2023**. [paper](https://arxiv.org/abs/2301.00005)
"""


def _entries(document: Document) -> list[Any]:
    return list(document.iter_entries())


def test_an_edit_inside_one_entry_reads_only_its_section_again() -> None:
    earlier = read(LIST)
    at = LIST.index("Reading Long") + len("Reading")
    text = LIST[:at] + " Very" + LIST[at:]
    document = read_edited(earlier, text, [Change(at, at, len(" Very"))])
    before, after = _entries(earlier), _entries(document)
    assert after[0] is before[0] and after[1] is before[1]  # the sections before: the same objects
    assert after[2].title is not None and after[2].title.text == "Reading Very Long"
    assert after[4] is not before[4] and after[4].span.start == before[4].span.start + len(" Very")
    assert tree(document) == tree(read(text))


def test_a_renamed_heading_is_read_whole() -> None:
    earlier = read(LIST)
    at = LIST.index("Language")
    text = LIST[:at] + "Words" + LIST[at + len("Language") :]
    document = read_edited(earlier, text)
    assert _entries(document)[0] is not _entries(earlier)[0]
    assert [section.text for section in document.iter_sections()][2] == "Words"
    assert tree(document) == tree(read(text))


def test_an_edit_that_opens_a_code_block_over_the_next_heading_is_read_whole() -> None:
    earlier = read(LIST)
    at = LIST.index("- **Writing")
    text = LIST[:at] + "```\n" + LIST[at:]
    document = read_edited(earlier, text)
    assert [section.text for section in document.iter_sections()] == ["Papers", "Vision", "Language"]
    assert tree(document) == tree(read(text))


def test_changed_range_is_the_part_between_the_common_start_and_end() -> None:
    assert changed_range("abcdef", "abXYef") == Change(2, 4, 2)
    assert changed_range("aaaa", "aaaaa") == Change(4, 4, 1)
    assert changed_range("same", "same") == Change(4, 4, 0)
    assert changed_range("", "new") == Change(0, 0, 3)


def test_common_prefix_is_where_the_change_starts() -> None:
    pairs = [("abcdef", "abXYef"), ("aaaa", "aaaaa"), ("same", "same"), ("", "new"), ("xab", "ab")]
    assert [common_prefix(old, new) for old, new in pairs] == [2, 4, 4, 0, 0]
    assert all(common_prefix(old, new) == changed_range(old, new).start for old, new in pairs)


def test_changed_range_matches_a_comparison_character_by_character() -> None:
    def by_characters(old: str, new: str) -> Change:
        start = 0
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        end = 0  # (the common end, not overlapping the common start)
        while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
            end += 1
        return Change(start, len(old) - end, len(new) - end - start)

    rng = random.Random(29)
    for _ in range(2000):
        old = "".join(rng.choice("ab\n") for _ in range(rng.randrange(9)))
        at = rng.randrange(len(old) + 1)
        new = old[:at] + rng.choice(["", "a", "b\n", "ab"]) + old[at + rng.randrange(3) :]
        assert changed_range(old, new) == by_characters(old, new)
        assert common_prefix(old, new) == by_characters(old, new).start


def test_a_space_made_a_line_break_moves_the_lines_after_it() -> None:
    earlier = read(LIST)
    at = LIST.index("Reading Long") + len("Reading")
    text = LIST[:at] + "\n" + LIST[at + 1 :]  # same length, one more line
    document = read_edited(earlier, text)
    assert _entries(document)[4].span.start_line == _entries(earlier)[4].span.start_line + 1
    assert tree(document) == tree(read(text))


def test_an_edit_of_the_same_length_on_one_line_keeps_the_sections_after_it() -> None:
    # Every line is where it was: the sections after the edit are the earlier ones, not moved copies.
    earlier = read(LIST)
    at = LIST.index("Reading Long")
    text = LIST[:at] + "Writing" + LIST[at + len("Reading") :]
    document = read_edited(earlier, text, [Change(at, at + len("Reading"), len("Writing"))])
    before, after = _entries(earlier), _entries(document)
    assert document.source.line_starts is earlier.source.line_starts
    assert after[4] is before[4]  # (the next section; the edited one is read again)
    assert after[2] is not before[2] and after[2].title is not None and after[2].title.text == "Writing Long"
    assert tree(document) == tree(read(text))


def test_moving_keeps_every_field_of_every_part() -> None:
    """A part moved by nothing equals itself: a field added to the model and not moved fails here."""
    document = read((ROOT / "README.source.md").read_text("utf-8"))
    move = Move(0, document.source.line_starts)
    entries = list(document.iter_entries())
    assert entries and all(move.entry(entry) == entry for entry in entries)
    assert all(move.link(link) == link for link in document.links)
    assert all(move.anchor(anchor) == anchor for anchor in document.anchors)
    blocks = [block for section in document.iter_sections() for block in section.blocks]
    assert blocks and all(move.block(block) == block for block in blocks)


def test_a_link_that_names_a_definition_in_another_section_is_read_whole() -> None:
    listed = LIST + "\n- [ref]: https://example.org/defined\n"
    earlier = read(listed)
    at = listed.index("- **Looking Near**")
    text = listed[:at] + "- [Named][ref] **2021**\n" + listed[at:]
    document = read_edited(earlier, text)
    assert any(link.url == "https://example.org/defined" for link in document.links)
    assert tree(document) == tree(read(text))


def test_an_edit_away_from_the_definitions_reads_only_its_section_again() -> None:
    """The link reference definitions elsewhere are the earlier reading's: a section that names one
    is read again alone, and so is one whose web addresses hold `id=` (HTML ids are in tags)."""
    listed = LIST.replace("2201.00003", "2201.00003) [review](https://openreview.net/forum?id=x1")
    listed = (
        listed.replace("## Speech", "- [Defined][ref] **2022**\n\n## Speech") + "\n[ref]: https://d.org/x\n"
    )
    earlier = read(listed)
    at = listed.index("Reading Long") + len("Reading")
    text = listed[:at] + " Very" + listed[at:]
    document = read_edited(earlier, text, [Change(at, at, len(" Very"))])
    assert _entries(document)[0] is _entries(earlier)[0]  # read again: the edited section alone
    assert any(link.url == "https://d.org/x" for link in document.links)
    assert tree(document) == tree(read(text))
    gone = text.replace("[ref]: https://d.org/x\n", "")
    assert tree(read_edited(document, gone)) == tree(read(gone))  # the definition removed


def test_a_section_holding_an_html_anchor_is_read_alone_while_its_ids_stay() -> None:
    """An edit beside an `<a name>` keeps the page's anchors: the section is read again alone. An
    edit that adds or removes an id may change them (a table of contents reads by them): whole."""
    listed = LIST.replace("## Language\n", '## Language\n\n<a name="words"></a>\n')
    earlier = read(listed)
    at = listed.index("Reading Long") + len("Reading")
    text = listed[:at] + " Very" + listed[at:]
    document = read_edited(earlier, text, [Change(at, at, len(" Very"))])
    assert _entries(document)[0] is _entries(earlier)[0]  # the sections before kept: read alone
    assert tree(document) == tree(read(text))
    for edited in (text.replace('name="words"', 'name="texts"'), text.replace('<a name="words"></a>', "")):
        again = read_edited(document, edited)
        assert _entries(again)[0] is not _entries(document)[0]  # read whole
        assert tree(again) == tree(read(edited))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab\n", max_size=12), st.data())
def test_an_edited_source_is_that_of_its_text(old: str, data: st.DataObject) -> None:
    """`Source.edited` (lines outside the changes moved) holds what `Source` works out afresh."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(old)), min_size=2, max_size=6)))
    changes, new, cursor = [], "", 0
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):  # (changes may touch each other)
        written = data.draw(st.text(alphabet="ab\n\r\0\ufeff", max_size=4))
        changes.append(Change(start, end, len(written)))
        new, cursor = new + old[cursor:start] + written, end
    new += old[cursor:]
    edited, afresh = Source.edited(Source(old), new, changes), Source(new)
    assert (edited.text, edited.normalized, edited.line_starts, edited.line_count) == (
        afresh.text,
        afresh.normalized,
        afresh.line_starts,
        afresh.line_count,
    )
    assert [edited.original_offset(at) for at in range(len(edited.normalized) + 1)] == [
        afresh.original_offset(at) for at in range(len(afresh.normalized) + 1)
    ]
