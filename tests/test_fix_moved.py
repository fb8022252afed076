"""The entry guard takes an entry the reader moved from the list before the fixes as read alike
(`fixer._entry_problems`): what it finds must be what it finds in a fresh reading of the fixed text."""

from __future__ import annotations

from awesomelint.diagnostic import Edit
from awesomelint.engine import Settings
from awesomelint.entry_facts import moved_entries
from awesomelint.fixer import _entry_problems, apply_edits
from awesomelint.read import read, reading
from awesomelint.read.reread import Change, read_edited

LIST = "# Awesome Things\n\n## Papers\n\n" + "".join(
    f'* **Name{n}**: "Paper number {n}", *ICRA, 202{n % 5}*. [[Paper](https://arxiv.org/abs/2401.0000{n})]\n'
    for n in range(8)
)


def _edited(old: str, new: str) -> list[Edit]:
    """Edits that write ``new`` for the first ``old`` and change the spacing of the last entry."""
    at = LIST.index(old)
    last = LIST.rindex("* **")
    return [Edit(at, at + len(old), new), Edit(last + 1, last + 2, "   ")]


def _problems_both_ways(edits: list[Edit]) -> tuple[list[object], list[object], int]:
    before = read(LIST, keep_reading=True)
    text = apply_edits(LIST, edits)
    settings = Settings()
    fresh = _entry_problems(before, read(text), settings)
    found, moved = [], 0
    for after in (
        read(text, keep_reading=True, earlier=reading(before)),
        read_edited(before, text, [Change(e.start, e.end, len(e.replacement)) for e in edits]),
    ):
        olds = {id(entry) for entry in before.iter_entries()}
        moved += sum(1 for entry in moved_entries(after).values() if id(entry) in olds)
        found.append(_entry_problems(before, after, settings))
    assert found[0] == found[1]
    return fresh, found[0], moved


def test_moved_entries_are_judged_as_in_a_fresh_reading() -> None:
    for old, new in (
        ("Paper number 3", "Paper number three"),  # a changed title
        ("*ICRA, 2023*", "*ICRA, 2021*"),  # a changed year
        ("Name4", "Name 4"),  # a changed word
        ("*ICRA, 2022*", "ICRA, 2022"),  # markup only: nothing to find
    ):
        fresh, found, moved = _problems_both_ways(_edited(old, new))
        assert moved >= 6  # the entries the edits left alone were moved, not read again
        assert found == fresh, (old, new)
        assert bool(found) == (old != "*ICRA, 2022*")
