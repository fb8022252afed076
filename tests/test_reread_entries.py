"""A text read with the kept reading of the text it was edited from (`read(..., earlier=)`, the
fixer's path, and `read_edited` where it reads the whole text) takes each entry the edits left
alone from the earlier tree, moved: the tree is exactly a fresh reading's, and only the entries an
edit touched have their fields read again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesomelint.entry_facts import entry_key
from awesomelint.model import Document
from awesomelint.read import blocks, read, reading
from awesomelint.read.edited import Change
from awesomelint.read.reread import read_edited
from awesomelint.read.tokens import RowCursor

from .test_reread import tree

ENTRIES = [
    "1. **Seeing Far**. _Ann Lee, Bo Chen_. **CVPR 2021**. [paper](https://arxiv.org/abs/2101.00001)\n",
    "2. Looking Near. Cy Diaz et al. ICCV 2021 [[code]](https://github.com/a/b)\n",
    '- "**Quoted Title**." In ACL 2022. [pdf](https://a.org/x.pdf)\n',
    "- [Reading Long](https://arxiv.org/abs/2201.00003) - A tool for reading.\n",
    "- **Writing Short**\n\n  _Ed Fox_, EMNLP 2022 [paper][ref]\n",
    "* [Hearing Well](https://b.org/) (2023.02) [code](https://github.com/c/d)\n",
    "10. **Ten** [paper](https://arxiv.org/abs/2301.00010)\n",
    "| Title | Venue | Year |\n| - | - | - |\n| [Tab One](https://arxiv.org/abs/1) | NeurIPS | 2020 |\n"
    "| [Tab Two](https://arxiv.org/abs/2) | ICML | 2021 |\n",
    "| Year | Paper |\n|---|---|\n| 2020 | **Bold Row** [pdf][ref] |\n| | [Empty Year](https://c.org/) |\n",
    "Name | Notes\n--- | ---\n[No Pipes](#section) | <!-- c --> a \\| b\n[Row Two](https://d.org/2) |\n",
    "> | Paper | Authors |\n> | - | - |\n> | [In Quote](https://e.org/) | Ann Lee |\n",
    "- **Item Over Table** [paper](https://arxiv.org/abs/2)\n\n  | Model | Code |\n  | - | - |\n"
    "  | [Nested Row](https://f.org/) | [code](https://github.com/g/h) |\n",
    "| 2019 | 2020 |\n| - | - |\n| [Grid](https://g.org/) | x |\n",
    "  - nested **Inner Work** [paper](https://arxiv.org/abs/9)\n",
    "> - **Quoted Entry** [paper](https://arxiv.org/abs/8)\n",
    "- **Outer Work** [paper](https://arxiv.org/abs/7)\n  - **Inner Work** [code](https://github.com/e/f)\n",
    "- **Frameworks**\n  - [Framed](https://g.org/) - a tool.\n",
    "- S3VM\n",
    "- **Headed Item** [paper](https://arxiv.org/abs/6)\n\n  ## Inner Heading\n",
    '- <a id="kept"></a>**Anchored** <!-- note --> [see](#kept) [paper](https://arxiv.org/abs/5)\n',
    "- **Code Item** [paper](https://arxiv.org/abs/4)\n\n      code\n",
    "- **Run** [a](https://arxiv.org/abs/3) Wang+ - [Run In](https://arxiv.org/abs/33)\n",
    "- [Section](#section)\n",
    "- [Contents](#contents)\n  - [Inner Part](#inner-part)\n",
    "  - [Nested Part](#nested-part) <!-- toc -->\n",
    "[ref]: https://example.org/defined\n",
    "[ref]: https://example.org/redefined\n",
    "## Section\n",
    "\n",
    "\n\n",
]
INSERTS = [
    "",
    " ",
    "\n",
    "x",
    "*",
    "_",
    "**",
    "1. ",
    "- ",
    "| ",
    "2020",
    '"',
    ".",
    "[ref]",
    "  ",
    "\n\n",
    "## ",
    "|",
    " | ",
    "\n| - | - |\n",
]


def _read_alike(text: str, edited: str) -> Document:
    before = read(text, keep_reading=True)
    fresh = tree(read(edited))
    again = read(edited, keep_reading=True, earlier=reading(before))
    assert tree(again) == fresh
    assert tree(read(edited, earlier=reading(before))) == fresh
    assert tree(read_edited(before, edited)) == fresh
    _kept_alike(before, again)
    return again


def _kept_alike(before: Document, again: Document) -> None:
    """What the fixer's guard and the rules take from a reading made with an earlier one: each
    paragraph's kept pieces are a fresh reading's, and each entry said to be an earlier one moved
    (`note_moved`) has that one's key."""
    fresh, kept = reading(read(again.text, keep_reading=True)), reading(again)
    assert fresh is not None and kept is not None
    cells, fresh_cells, in_table = RowCursor(kept), RowCursor(fresh), False
    for token, fresh_token in zip(kept.tokens, fresh.tokens, strict=True):
        if token.type in ("table_open", "table_close"):
            in_table = token.type == "table_open"
        elif token.type == "tr_open":
            cells.start_row()
            fresh_cells.start_row()
        elif token.type == "inline" and in_table:  # (a moved table's cells: kept, moved)
            assert cells.cell(token) == fresh_cells.cell(fresh_token)
        elif token.type == "inline" and kept.kept(token) is not None:
            assert kept.pieces(token) == fresh.pieces(fresh_token)
    moved = again.derived.get("moved entries", {})
    for entry in again.iter_entries():
        if id(entry) in moved:
            assert entry_key(entry, again.text) == entry_key(moved[id(entry)], before.text)


def _edited(text: str, edits: list[tuple[float, int, str]]) -> str:
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    return text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=25).map("".join),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 6), st.sampled_from(INSERTS)), min_size=1, max_size=6),
)
def test_a_list_edited_in_many_places_reads_as_afresh(text: str, edits: list[tuple[float, int, str]]) -> None:
    _read_alike(text, _edited(text, edits))


EDITS = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 6), st.sampled_from(INSERTS)), min_size=1, max_size=4
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=25).map("".join), EDITS, EDITS)
def test_a_list_edited_twice_reads_as_afresh(
    text: str, first: list[tuple[float, int, str]], second: list[tuple[float, int, str]]
) -> None:
    """The fixer's passes: each text read with the kept reading of the one before, itself made
    with an earlier one (its items moved whole from the first text's)."""
    once = _edited(text, first)
    before = _read_alike(text, once)
    twice = _edited(once, second)
    fresh = tree(read(twice))
    again = read(twice, keep_reading=True, earlier=reading(before))
    assert tree(again) == fresh
    _kept_alike(before, again)


LIST = "".join(
    f"{n}. **Work {n}**. _Ann Lee_. **CVPR 2021**. [paper](https://arxiv.org/abs/{n})\n" for n in range(1, 13)
)


@contextmanager
def _fields_read() -> Iterator[list[int]]:
    """The entries (where their own text starts) whose fields a reading reads."""
    starts: list[int] = []
    extract = blocks.extract

    def counted(source: object, paragraphs: object, start: int, links: object) -> object:
        starts.append(start)
        return extract(source, paragraphs, start, links)  # type: ignore[arg-type]

    blocks.extract = counted  # type: ignore[assignment]
    try:
        yield starts
    finally:
        blocks.extract = extract


def _reads_again(text: str, edited: str, changes: list[Change] | None = None) -> int:
    """How many entries of ``edited`` have their fields read again, read with ``text``'s reading
    (and the ``changes`` that made it, when given)."""
    before = read(text, keep_reading=True)
    with _fields_read() as starts:
        again = read(edited, earlier=reading(before), changes=changes)
    assert tree(again) == tree(read(edited))
    return len(starts)


def test_only_the_edited_entries_are_read_again() -> None:
    edited = LIST.replace("Work 3**", "Work Three**").replace(
        "Lee_. **CVPR 2021**. [paper](https://arxiv.org/abs/7)",
        "Lee_. **ICCV 2021**. [paper](https://arxiv.org/abs/7)",
    )
    assert _reads_again(LIST, edited) == 2
    # renumbered (the marker is no text the fields read), a line break added, an item deleted
    renumbered = "0. **Work 0**\n\n" + LIST.replace("10. ", "11. ").replace("5. **Work 5**", "5.  **Work 5**")
    assert _reads_again(LIST, renumbered) == 2  # the new entry, and the one whose text starts later
    assert (
        _reads_again(
            LIST,
            LIST.replace("4. **Work 4**. _Ann Lee_. **CVPR 2021**. [paper](https://arxiv.org/abs/4)\n", ""),
        )
        == 0
    )


def test_moved_link_reference_definitions_still_let_entries_be_moved() -> None:
    # A definition's line moves with any edit above it: the links read it alike.
    text = (
        LIST.replace("[paper](https://arxiv.org/abs/2)", "[paper][two]")
        + "\n[two]: https://arxiv.org/abs/2\n"
    )
    assert _reads_again(text, "Intro.\n\n" + text) == 0
    # Its address changed, the links that name it read it otherwise: every paragraph is read again.
    assert _reads_again(text, text.replace("abs/2\n", "abs/22\n")) == 12


def test_an_entry_of_the_same_paragraphs_grouped_otherwise_is_read_again() -> None:
    text = "- **Writing Short** [paper](https://arxiv.org/abs/1)\n\n  _Ed Fox_, EMNLP 2022\n"
    edited = text.replace("\n  _Ed", "\n> _Ed")  # the second paragraph, where it was, is quoted
    assert _reads_again(text, edited) == 1
    assert _reads_again(edited, text) == 1
    assert _reads_again(text, text + "\n- **Other** [paper](https://arxiv.org/abs/2)\n") == 1


TABLE = "| Title | Venue | Year |\n| - | - | - |\n" + "".join(
    f"| [Paper {n}](https://arxiv.org/abs/{n}) | NeurIPS | 20{n:02} |\n" for n in range(1, 6)
)


def test_a_table_row_whose_cells_play_other_roles_is_read_again() -> None:
    # The cells are the same, the header gives them other roles: the venue column is now a year's.
    edited = TABLE.replace("| Title | Venue | Year |", "| Title | Year | Venue |")
    assert _reads_again(TABLE, edited) == 5
    assert _reads_again(TABLE, TABLE.replace("NeurIPS | 2003", "ICML | 2003")) == 1


def test_a_cell_shared_by_many_rows_is_moved_from_its_own_row() -> None:
    """A date the whole first column repeats, in the row after one whose last cell an edit shortened
    (the rows now move unalike): with the edit known, the cell comes from its own row, and only the
    edited row is read again."""
    dated = "| Date | Title | Venue |\n| - | - | - |\n" + "".join(
        f"| 2024 | [Paper {n}](https://arxiv.org/abs/{n}) | NeurIPS |\n" for n in range(1, 6)
    )
    at = dated.index("NeurIPS", dated.index("Paper 2"))
    edited = dated[:at] + "ICML" + dated[at + len("NeurIPS") :]
    assert _reads_again(dated, edited, [Change(at, at + len("NeurIPS"), len("ICML"))]) == 1


def test_moving_a_row_relies_on_its_cells_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Broken on purpose (an entry's cells left out of what must match): the rows are moved
    whatever their roles, and the tree is no longer a fresh reading's."""
    edited = TABLE.replace("| Title | Venue | Year |", "| Title | Year | Venue |")
    monkeypatch.setattr(blocks._OpenEntry, "read", lambda self, paragraphs: (*paragraphs[:1],))
    before = read(TABLE, keep_reading=True)
    assert tree(read(edited, earlier=reading(before))) != tree(read(edited))


def test_what_lies_around_an_entrys_pieces_is_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Broken on purpose: fields that read where the entry's text starts and the lines between its
    paragraphs (ours read neither) are still a fresh reading's, as an entry whose text around its
    pieces changed is read again."""
    extract = blocks.extract

    def around(source: Any, paragraphs: Any, start: int, links: Any) -> Any:
        fields = extract(source, paragraphs, start, links)
        text = source.normalized
        gaps = [
            text[start : paragraphs[0][0].start],
            *(text[a[-1].end : b[0].start] for a, b in pairwise(paragraphs)),
        ]
        fields.title = fields.title._replace(text=fields.title.text + repr(gaps))
        return fields

    monkeypatch.setattr(blocks, "extract", around)
    text = "- **Writing Short** [paper](https://arxiv.org/abs/1)\n  \n  _Ed Fox_, EMNLP 2022\n\n"
    text += "5. **Work** ACL 2020\n"
    spaced = text.replace("5. **Work**", "5.  **Work**")
    assert _reads_again(text, text.replace("\n  \n", "\n \t\n")) == 1
    assert _reads_again(text, spaced) == 1
    assert _reads_again(spaced, text) == 1


def _items(template: str, count: int = 5) -> str:
    return "".join(template.format(n=n) for n in range(1, count + 1))


NESTED = _items(
    "- **Outer {n}** [paper](https://arxiv.org/abs/{n})\n  - **Inner {n}** [code](https://g.org/{n})\n"
)
QUOTED = _items("> - **Quoted {n}** [paper](https://arxiv.org/abs/{n})\n")
TIGHT = _items("- **Tight {n}** [paper](https://arxiv.org/abs/{n})\n")
NAMED = _items("- **Named {n}** [paper][ref]\n") + "\n[ref]: https://example.org/defined\n"
HEADED = _items("- **Headed {n}** [paper](https://arxiv.org/abs/{n})\n\n  ### Within {n}\n\n")


@pytest.mark.parametrize(
    ("text", "edited", "moved"),
    [
        # every item but the edited ones (and the last of a list, where a paragraph follows)
        (LIST, LIST.replace("Work 3**", "Work Three**").replace("abs/7)", "abs/77)"), 10),
        # each outer item with its inner one, and the outer entry of the edited item: its own line
        # is as it was (its fields are moved, and it is the earlier entry moved)
        (NESTED, NESTED.replace("Inner 2**", "Inner Two**"), 9),
        (NESTED, NESTED.replace("- **Inner 3**", "- **Inner 3** [pdf](https://h.org/3)"), 9),
        (QUOTED, QUOTED.replace("Quoted 2**", "Quoted Two**"), 4),
        (TIGHT + "\n_Ann Lee_, CVPR 2021\n", TIGHT.replace("Tight 2**", "Tight Two**") + "\n_Ann Lee_\n", 3),
        # a blank line makes the list loose: the item before it holds the blank line now (its entry,
        # of the same line, is moved all the same)
        (TIGHT, TIGHT.replace("\n- **Tight 3**", "\n\n- **Tight 3**"), 5),
        (TIGHT, TIGHT.replace("- **Tight 2**", "* **Tight 2**"), 4),  # three lists
        (NAMED, NAMED.replace("Named 2**", "Named Two**"), 4),
        (NAMED, NAMED.replace("defined", "redefined"), 0),  # the links read another definition
        # items that hold a heading are read again, each entry of the same line moved all the same
        (HEADED, HEADED.replace("Headed 2**", "Headed Two**"), 4),
        # a table with an edited row is read again, every other row (an entry) moved
        (TABLE, TABLE.replace("NeurIPS | 2003", "ICML | 2003"), 4),
        (TABLE, TABLE.replace("NeurIPS | 2003", "NeurIPS | 2003   "), 4),  # (its line is not the same)
    ],
)
def test_an_item_whose_text_is_as_it_was_is_moved_whole(text: str, edited: str, moved: int) -> None:
    again = _read_alike(text, edited)
    assert len(again.derived.get("moved entries", {})) == moved


TOC = (
    "## Contents\n\n"
    + _items("- [Part {n}](#part-{n})\n  - [Sub {n}](#sub-{n})\n")
    + _items("\n## Part {n}\n\n### Sub {n}\n\n- **Work {n}** [paper](https://arxiv.org/abs/{n})\n", 3)
)
PLAIN = TOC.replace("- [Part 1]", "- S3VM\n- [Part 1]")
TABLE_AND_TEXT = "Some words.\n\n" + TABLE + "\nMore words.\n"
TABLES = (
    TABLE
    + "\n"
    + TABLE.replace("Paper", "Work").replace("| NeurIPS |", "| [ICML][named] |")
    + ("\n[named]: https://h.org/\n")
)


def _items_moved(text: str, edited: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many list items the reading of ``edited`` moved whole from ``text``'s (`_move_item`),
    once it is known to read as afresh."""
    _read_alike(text, edited)
    before, calls = read(text, keep_reading=True), []
    move_item = blocks._Builder._move_item

    def counted(builder: Any, *arguments: Any) -> None:
        calls.append(arguments)
        move_item(builder, *arguments)

    monkeypatch.setattr(blocks._Builder, "_move_item", counted)
    read(edited, keep_reading=True, earlier=reading(before))
    return len(calls)


@pytest.mark.parametrize(
    ("text", "edited", "moved"),
    [
        # a heading a contents' link points to renamed: the links are read alike, moved (the
        # anchors they miss are the rules' to find); the entry under the heading too
        (TOC, TOC.replace("## Part 2\n", "## Part Two\n"), 5 + 3),
        (TOC, TOC.replace("[Part 3]", "[Part Three]"), 4 + 1 + 3),  # the edited item's inner one moved
        (TOC, TOC.replace("[Sub 4]", "[Sub Four]"), 4 + 3),  # the outer item holding it read again
        (TOC, TOC.replace("[Sub 4](#sub-4)", "[Sub 4](#sub-4) <!-- kept -->"), 4 + 3),
        # a name in plain text is an entry when an item beside it is: read again
        (PLAIN, PLAIN.replace("[Part 1](#part-1)", "**Part 1** [paper](https://arxiv.org/abs/1)"), 4 + 3),
        # a table of the same text is moved whole; one whose text or reading changed is read again
        (TABLE, TABLE.replace("Paper 2]", "Paper Two]"), 0),
        (TABLE, TABLE.replace("| Title | Venue |", "| Paper | Venue |"), 0),  # the same roles
        (TABLE, TABLE.replace("| Title | Venue | Year |", "| Title | Year | Venue |"), 0),
        (TABLE_AND_TEXT, TABLE_AND_TEXT.replace("Some words", "Some other words"), 1),
        (TABLE_AND_TEXT, TABLE_AND_TEXT.replace("More words", "More of it"), 1),
        (TABLE_AND_TEXT, TABLE_AND_TEXT.replace("Some words.\n\n", "## Section\n\n"), 1),
        (TABLES, TABLES.replace("Paper 2]", "Paper Two]"), 1),  # the other table
        (TABLES, TABLES.replace("[named]: https://h.org/", "[named]: https://h.org/x"), 0),
        (TABLES, TABLES.replace("[named]: https://h.org/", "[unnamed]: https://h.org/"), 0),
        # the line after a table is a row of it now
        (TABLE_AND_TEXT, TABLE_AND_TEXT.replace("\nMore words", "More words"), 0),
    ],
)
def test_an_item_that_is_not_an_entry_is_moved_whole(
    text: str, edited: str, moved: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _items_moved(text, edited, monkeypatch) == moved


def test_an_item_listed_in_several_sections_is_moved_from_its_own_place() -> None:
    """A paper cross-listed word for word: each of its items is moved from the earlier item in its
    own section, where the changes say it was, not from the nearest copy of its text (whose entry
    is another one: its facts could not be carried)."""
    item = "- **Cross Listed** [paper](https://arxiv.org/abs/1)\n"
    text = "# List\n\n" + "".join(f"## {name}\n\n{item}\n" for name in ("One", "Two", "Three"))
    distance = text.index(item, text.index("## Three")) - text.index(item, text.index("## Two"))
    inserted = "W" * (distance - 2) + "\n\n"  # the item of Two now where the item of Three was
    edited = text.replace("## One", inserted + "## One")
    before = read(text, keep_reading=True)
    at = text.index("## One")
    again = read(edited, keep_reading=True, earlier=reading(before), changes=[Change(at, at, len(inserted))])
    assert tree(again) == tree(read(edited))
    moved: dict[int, Any] = again.derived["moved entries"]
    entries = list(again.iter_entries())
    assert len(entries) == 3
    assert all(moved[id(entry)].section_path == entry.section_path for entry in entries)
