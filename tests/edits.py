"""Random edits of a list, for the property tests of the incremental paths (the rules run again,
the server's): each edit is (start, end, replacement) of the text, chosen by a kind and two numbers
in [0, 1) that say where (so that hypothesis can draw and shrink them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesomelint import engine
from awesomelint.diagnostic import Diagnostic
from awesomelint.entry_facts import note_moved
from awesomelint.model import Document, Entry
from awesomelint.read import read

VENUES = ["**NeurIPS'2021**", "NeurIPS 2021", "*ICML, 2020*", "[CVPR 2019]", "Arxiv 2022", "(ACL 2023)"]
SUPPRESSED = ["AL301", "AL402", "AL606", ""]


def edit_of(text: str, kind: str, where: float, other: float, word: str) -> tuple[int, int, str]:
    """One edit of ``text``: rename a heading, delete an entry, insert a copy of another entry
    after one (a duplicate), write another venue (the list's majority may flip), add a suppression
    comment before an entry, or change three characters of a title (``change``, the default)."""
    document = read(text)
    entries = list(document.iter_entries())
    sections = list(document.iter_sections())
    if kind == "rename" and sections:
        section = sections[int(where * len(sections))]
        line_end = text.find("\n", section.span.start)
        line_end = len(text) if line_end < 0 else line_end
        heading = text[section.span.start : line_end]
        hashes = len(heading) - len(heading.lstrip("#"))
        return section.span.start + hashes, line_end, f" {word or 'Renamed'} section"
    if not entries:
        return len(text), len(text), f"\n1. **{word}** [paper](https://example.org/{len(text)})\n"
    entry = entries[int(where * len(entries))]
    if kind == "delete":
        return entry.span.start, entry.span.end, ""
    if kind == "insert":
        copy = entries[int(other * len(entries))]
        return entry.span.end, entry.span.end, "\n" + text[copy.span.start : copy.span.end]
    if kind == "suppress":
        line_start = text.rfind("\n", 0, entry.span.start) + 1
        code = SUPPRESSED[int(other * len(SUPPRESSED))]
        return line_start, line_start, f"<!-- awesomelint-disable-next-line {code} -->\n"
    if kind == "venue" and entry.venue is not None:
        return entry.venue.span.start, entry.venue.span.end, VENUES[int(other * len(VENUES))]
    target = entry.title.span if entry.title is not None else entry.span
    cut = target.start + int(other * (target.end - target.start))
    return cut, min(cut + 3, target.end), word


Edit = tuple[str, float, float, str]


def edit_strategy(kinds: Sequence[str], words: Sequence[str]) -> st.SearchStrategy[Edit]:
    """An edit for `edit_of` (or a test's own edits): its kind, two places and a word."""
    return st.tuples(st.sampled_from(kinds), st.floats(0, 0.999), st.floats(0, 0.999), st.sampled_from(words))


def edit_runs(
    lists: Sequence[Path], edit: st.SearchStrategy[Edit], total: int, per_list: int
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run a test on a list drawn from ``lists`` and ``per_list`` edits, about ``total`` edits in all."""

    def decorate(test: Callable[..., Any]) -> Callable[..., Any]:
        drawn = given(st.sampled_from(lists), st.lists(edit, min_size=per_list, max_size=per_list))(test)
        return settings(
            max_examples=max(1, total // per_list),
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )(drawn)

    return decorate


def shown(findings: list[Diagnostic]) -> list[tuple[Any, ...]]:
    """Everything a reporter shows of each finding, lines and columns included (to compare a rerun's
    findings with a full run's)."""
    return [(d.to_dict(), d.related.to_dict() if d.related else None) for d in findings]


def entries_checked(monkeypatch: pytest.MonkeyPatch, code: str) -> list[str]:
    """The titles of the entries the entry-scope rule ``code`` is run on from now on."""
    seen: list[str] = []
    checker = engine._checker

    def spy(context: engine.Context, entry: Entry) -> Any:
        if context.rule.code == code:
            seen.append(entry.title.text if entry.title else "")
        return checker(context)(context, entry)

    monkeypatch.setattr(engine, "_checker", lambda context: spy)
    return seen


def read_moved_down(text: str, options: engine.Settings) -> tuple[Document, engine.Earlier, Document]:
    """``text`` read and checked (its earlier run kept), then read again with a paragraph under its
    `# Papers` heading: every entry moved two lines down and read the same way, noted so
    (`entry_facts.note_moved`) as the reader's incremental path notes it."""
    before = read(text)
    earlier = engine.rerun_rules(before, options).earlier
    after = read(text.replace("# Papers\n", "# Papers\n\nA list of papers.\n"))
    note_moved(after, moved_alike(after, before))
    return before, earlier, after


def moved_alike(new: Document, old: Document) -> dict[int, Entry]:
    """Each entry of ``new`` paired with the entry of ``old`` at its place (for `entry_facts.note_moved`
    where every entry moved and reads the same way)."""
    return {id(a): b for a, b in zip(new.iter_entries(), old.iter_entries(), strict=True)}
