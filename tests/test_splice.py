"""The fixer's later passes: several edits in several sections read again by the section splice
(`read_edited` with its changes), the page-wide links, anchors and comments between them moved; the
entry facts of the entries moved carried from the earlier run (`entry_facts.Facts`); and the guard
on a fixed text left empty."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint.engine import Settings
from awesomelint.entry_facts import Facts, entry_key, moved_entries, read_again
from awesomelint.fixer import FixError, guard
from awesomelint.read import read
from awesomelint.read.kinds import PAPER_COUNT, paper_count
from awesomelint.read.reread import Change, read_edited

from .test_reread import tree

_VENUES = ["CVPR 2021", "ICCV", "NeurIPS 2019", "arXiv, Mar 2024"]
_WORDS = ["", "X", "Ve", "2022, Jun"]  # what an edit writes in place of a venue's name


def _section(number: int, entries: int) -> str:
    items = "".join(
        f"- **Paper {number}.{index}**. _Ann Lee_. {_VENUES[index % len(_VENUES)]}. "
        f"[paper](https://arxiv.org/abs/2101.{number:02d}{index:03d}) [code](https://github.com/a/b{index})\n"
        for index in range(entries)
    )
    return f'## Part {number}\n\nSee <a id="p{number}">here</a> and [the site](https://s.org/{number}).\n\n{items}\n'


def _list(sections: list[int]) -> str:
    """A list of sections of papers, each with an anchor, links and a comment around its entries."""
    parts = [_section(number, entries) for number, entries in enumerate(sections)]
    return "# Papers\n\n<!-- top -->\n\n" + "<!-- between -->\n\n".join(parts)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(1, 6), min_size=2, max_size=6),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(_WORDS)), max_size=5),
)
def test_edits_in_several_sections_read_as_a_whole_reading(
    sections: list[int], edits: list[tuple[float, str]]
) -> None:
    text = _list(sections)
    earlier = read(text)
    names = [entry.venue.name.span for entry in earlier.iter_entries() if entry.venue]
    venues = sorted({(span.start, span.end) for span in names})
    chosen = sorted({venues[int(where * len(venues))]: word for where, word in edits}.items())
    changes = [Change(start, end, len(word)) for (start, end), word in chosen]
    edited = text
    for (start, end), word in reversed(chosen):
        edited = edited[:start] + word + edited[end:]
    document = read_edited(earlier, edited, changes) if changes else read(edited)
    afresh = read(edited)
    assert tree(document) == tree(afresh)
    # the list's count of papers, kept by either reading, is the one its entries make
    count = paper_count(afresh.iter_entries())
    assert document.derived[PAPER_COUNT] == afresh.derived[PAPER_COUNT] == count
    if changes:  # (the splice read the sections again: no venue change reaches further)
        assert read_again(document) is not None


def test_the_facts_of_moved_entries_are_carried_and_those_read_again_found() -> None:
    text = _list([3, 2, 4])
    earlier = read(text)
    before = Facts(earlier, None)
    at = text.index("ICCV")
    edited = text[:at] + "ICCV 2023" + text[at + len("ICCV") :]
    document = read_edited(earlier, edited, [Change(at, at + len("ICCV"), len("ICCV 2023"))])
    moved = moved_entries(document)
    facts = Facts(document, before)
    entries = list(document.iter_entries())
    assert list(facts.keys) == [id(entry) for entry in entries]  # in the list's order
    assert list(facts.keys.values()) == [entry_key(entry, edited) for entry in entries]
    carried = [entry for entry in entries if id(entry) in moved]
    assert 0 < len(carried) < len(entries)
    for entry in carried:
        old = moved[id(entry)]
        assert facts.keys[id(entry)] is before.keys[id(old)]
        assert facts._by_entry[id(entry)] is before._by_entry[id(old)]
    assert [key._entry for key in facts.keys.values() if key._read is None] == [
        entry for entry in entries if facts.keys[id(entry)]._read is None
    ]
    assert facts.changes() == ([entries[1]], [before.keys[id(list(earlier.iter_entries())[1])]])


@pytest.mark.parametrize("after", ["", "\ufeff \n\t\r\n"])
def test_a_fix_that_leaves_the_list_empty_is_refused(after: str) -> None:
    with pytest.raises(FixError, match="empty"):
        guard(read("Some words.\n"), read(after), Settings())


def test_an_empty_list_left_empty_is_no_problem() -> None:
    guard(read(" \n"), read("\n"), Settings())
