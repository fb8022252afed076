"""Running the rules again after an edit (`rerun_rules` with the earlier run) gives exactly the
findings of a full `run_rules` on the new text, after each of a series of random edits, each on top
of the previous one: insert a copy of an entry (a duplicate), delete one, change a title, change a
venue (the list's majority style may flip), rename a heading, add a suppression comment. On the seed
and the corpus lists (skipped when ../shared/corpus is absent). AWESOMELINT_RULE_EDITS sets how many
edits in all (default 48)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from awesomelint import engine, entry_facts
from awesomelint.diagnostic import Applicability, ChangesLink, Diagnostic, Edit, Fix, Severity, StartsEntry
from awesomelint.engine import Settings, moved_diagnostic, rerun_rules, run_rules
from awesomelint.entry_facts import note_moved
from awesomelint.model import Entry
from awesomelint.read import read
from awesomelint.text import Source

from .conftest import CORPUS, SEED, SMALL_LISTS
from .edits import edit_of, edit_runs, edit_strategy, moved_alike, read_moved_down, shown

LISTS = SMALL_LISTS
EDITS = int(os.environ.get("AWESOMELINT_RULE_EDITS", "48"))
EDITS_PER_LIST = 8
WORDS = ["Adapter", "tuning", "Zoë", "**bold**", "2023", "", "x\ny"]


edit = edit_strategy(["insert", "delete", "change", "change", "venue", "venue", "rename", "suppress"], WORDS)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus folder ../shared/corpus is not here")
@edit_runs(LISTS, edit, EDITS, EDITS_PER_LIST)
def test_findings_after_each_edit_are_a_full_runs(
    path: Path, edits: list[tuple[str, float, float, str]]
) -> None:
    text = path.read_text("utf-8")
    options = Settings()
    earlier = rerun_rules(read(text), options).earlier
    for number, (kind, where, other, word) in enumerate(edits, start=1):
        start, end, replacement = edit_of(text, kind, where, other, word)
        text = text[:start] + replacement + text[end:]
        again = rerun_rules(read(text), options, earlier=earlier)
        assert shown(again.findings) == shown(run_rules(read(text), options)), (path.name, kind, number)
        earlier = again.earlier


def test_the_seed_after_a_run_of_edits() -> None:
    """The same on the seed alone, with no corpus: a fixed series of edits of every kind."""
    text = SEED.read_text("utf-8")
    options = Settings()
    earlier = rerun_rules(read(text), options).earlier
    kinds = ["change", "insert", "venue", "suppress", "rename", "delete", "venue", "insert"]
    for number, kind in enumerate(kinds):
        start, end, replacement = edit_of(text, kind, (number * 0.37) % 1, (number * 0.61) % 1, "Zoë")
        text = text[:start] + replacement + text[end:]
        again = rerun_rules(read(text), options, earlier=earlier)
        assert shown(again.findings) == shown(run_rules(read(text), options)), kind
        earlier = again.earlier


def _checked_entries(monkeypatch: pytest.MonkeyPatch) -> list[Entry]:
    """The entries the entry-scope rules are run on from now on (each once per rule)."""
    seen: list[Entry] = []
    checker = engine._checker

    def spy(context: engine.Context, entry: Entry) -> Any:
        seen.append(entry)
        return checker(context)(context, entry)

    monkeypatch.setattr(engine, "_checker", lambda context: spy)
    return seen


LIST = """# Papers

1. **Alpha Beta Gamma.** *Ann Lee, Bo Li.* **NeurIPS'2021.** [[paper](https://arxiv.org/abs/2101.00001)]
2. **Delta Epsilon Zeta.** *Cy Dow,Di Fu.* **ICML'2020.** [[paper](https://arxiv.org/abs/2002.00002)]
3. **Eta Theta Iota.** *Ed Gu, Fa Ho.* **CVPR'2019.** [[paper](https://arxiv.org/abs/1903.00003)]
4.**Kappa Lambda Mu.** *Gi Im, Ho Jo.* **ACL'2023.** [[paper](https://arxiv.org/abs/2304.00004)]
"""


def test_only_the_edited_entry_is_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    options = Settings()
    earlier = rerun_rules(read(LIST), options).earlier
    seen = _checked_entries(monkeypatch)
    edited = LIST.replace("Alpha Beta", "Alpha Delta")
    again = rerun_rules(read(edited), options, earlier=earlier)
    assert {entry.title.text for entry in seen if entry.title} == {"Alpha Delta Gamma"}
    assert shown(again.findings) == shown(run_rules(read(edited), options))


def test_moved_entries_keep_their_findings_at_their_new_place(monkeypatch: pytest.MonkeyPatch) -> None:
    options = Settings()
    first = rerun_rules(read(LIST), options)
    seen = _checked_entries(monkeypatch)
    # two lines above every entry: each moves by their length and two lines down
    edited = LIST.replace("# Papers\n", "# Papers\n\nA list of papers.\n")
    again = rerun_rules(read(edited), options, earlier=first.earlier)
    assert shown(again.findings) == shown(run_rules(read(edited), options))
    moved = [d for d in again.findings if d.code == "AL401"]
    assert moved and moved[0].span.start_line == 6  # was line 4
    # AL201's message cites the line of the entry that `4.` is read into: made again, the rest reused
    assert {entry.title.text for entry in seen if entry.title} == {"Eta Theta Iota"}
    assert "entry at line 7" in next(d.message for d in again.findings if d.code == "AL201")


def test_a_changed_venue_style_runs_every_entry_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # (through AL301, which reads it: test_incremental_style.py has which rules run again)
    options = Settings()
    earlier = rerun_rules(read(LIST), options).earlier
    seen = _checked_entries(monkeypatch)
    # the venues' majority is `Venue'YYYY` until two more are written `Venue YYYY`
    edited = LIST.replace("ICML'2020", "ICML 2020").replace("CVPR'2019", "CVPR 2019")
    again = rerun_rules(read(edited), options, earlier=earlier)
    assert len({id(entry) for entry in seen}) == 3  # (`4.` is read as more of the third)
    assert shown(again.findings) == shown(run_rules(read(edited), options))


def test_other_settings_run_every_entry_again(monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = rerun_rules(read(LIST), Settings()).earlier
    seen = _checked_entries(monkeypatch)
    fewer = Settings(select=frozenset({"AL401", "AL201"}))
    again = rerun_rules(read(LIST), fewer, earlier=earlier)
    assert len({id(entry) for entry in seen}) == 3
    assert {d.code for d in again.findings} == {"AL401", "AL201"}


def test_a_moved_finding_moves_its_span_fix_intents_and_related_place() -> None:
    before = Source("a\nb\nline three\n")
    after = Source("new\nlines\na\nb\nline three\n")  # 10 characters and two lines more
    fix = Fix(
        (Edit(4, 9, "3"),),
        Applicability.SAFE,
        "write 3",
        (StartsEntry(4), ChangesLink(5, "u", "v")),
    )
    found = Diagnostic(
        "AL999", "x", Severity.WARNING, "m", before.original_span(4, 8), fix, before.original_span(0, 1)
    )
    moved = moved_diagnostic(found, 10, after.line_starts)
    assert (moved.span.start, moved.span.end, moved.span.start_line, moved.span.start_col) == (14, 18, 5, 1)
    assert moved.related is not None and (moved.related.start, moved.related.start_line) == (10, 3)
    assert moved.fix is not None
    assert moved.fix.edits == (Edit(14, 19, "3"),)
    assert moved.fix.intents == (StartsEntry(14), ChangesLink(15, "u", "v"))
    assert (moved.code, moved.message, moved.fix.description) == ("AL999", "m", "write 3")


def test_a_finding_moved_by_nothing_is_placed_on_the_new_lines_and_keeps_its_fix() -> None:
    before, after = Source("ab\nc"), Source("a\nbc")  # offset 3: line 2, column 1, then column 2
    fix = Fix((Edit(3, 4, ""),), Applicability.SAFE, "remove it")
    found = Diagnostic("AL999", "x", Severity.WARNING, "m", before.original_span(3, 4), fix)
    moved = moved_diagnostic(found, 0, after.line_starts)
    assert (moved.span.start, moved.span.end, moved.span.start_position) == (3, 4, (2, 2))
    assert moved.fix is fix


def test_entries_the_reader_moved_keep_their_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    options = Settings()
    _, earlier, after = read_moved_down(LIST, options)
    worked_out: list[Entry] = []
    key = entry_facts.entry_key

    def counted(entry: Entry, text: str) -> entry_facts.EntryKey:
        worked_out.append(entry)
        return key(entry, text)

    monkeypatch.setattr(entry_facts, "entry_key", counted)
    again = rerun_rules(after, options, earlier=earlier)
    assert worked_out == []
    assert shown(again.findings) == shown(run_rules(read(after.text), options))
    # an entry noted as moved from a document the earlier run did not see gets its key worked out
    other = read(after.text)
    note_moved(other, moved_alike(other, read(LIST)))
    rerun_rules(other, options, earlier=again.earlier)
    assert len(worked_out) == 3


_SPACED = "- Paper {n} title words. NeurIPS 2023. [[Paper](https://a.org/{n})] [[Code](https://b.org/{n})]\n"
_GLUED = "- Paper {n} title words. NeurIPS {year}. [[Paper](https://a.org/{n})][[Code](https://b.org/{n})]\n"


def test_counts_kept_entry_by_entry_follow_entries_in_and_out() -> None:
    """A list-wide count kept up to date between runs (`entry_facts.tallied`: AL205's habits,
    AL304's yearless venues) equals a fresh count after entries come in, go out, and come in twice
    with the same text; the habit it decides flips, and the findings are a full run's."""
    glued = [_GLUED.format(n=n, year="2023" if n % 2 else "") for n in range(3, 9)]
    versions = [
        "".join(_SPACED.format(n=n) for n in range(3)) + "".join(glued[:2]),  # the glued are slips
        "".join(_SPACED.format(n=n) for n in range(3)) + "".join(glued),  # glued: the habit
        "".join(_SPACED.format(n=n) for n in range(3)) + "".join(glued) + glued[0],  # one twice
        "".join(_SPACED.format(n=n) for n in range(3)) + "".join(glued[1:]) + glued[0],  # once again
        "".join(_SPACED.format(n=n) for n in range(3)) + glued[0],
    ]
    options = Settings()
    earlier = rerun_rules(read("# Papers\n\n" + versions[0]), options).earlier
    reported = []
    for body in versions[1:]:
        text = "# Papers\n\n" + body
        again = rerun_rules(read(text), options, earlier=earlier)
        fresh = rerun_rules(read(text), options)
        assert again.earlier.tallies == fresh.earlier.tallies
        assert shown(again.findings) == shown(run_rules(read(text), options))
        reported.append(sorted({d.span.start_line for d in again.findings if d.code == "AL205"}))
        earlier = again.earlier
    assert reported == [[], [], [], [6]]


def test_moved_entries_with_no_finding_keep_their_runs_until_a_rule_runs_on_them_again() -> None:
    """An entry with no finding that only moved is not looked at: its earlier run is kept as it was
    (no offset in it is used); a later edit that makes a rule run on every entry again (the venues'
    style flipped) still gives a full run's findings, at the entries' places now."""
    options = Settings()
    first = rerun_rules(read(LIST), options)
    edited = LIST.replace("# Papers\n", "# Papers\n\nA list of papers.\n")
    again = rerun_rules(read(edited), options, earlier=first.earlier)
    assert shown(again.findings) == shown(run_rules(read(edited), options))
    quiet = [key for key, run in first.earlier.entries.items() if not run.found]
    assert quiet and all(again.earlier.entries[key] is first.earlier.entries[key] for key in quiet)
    flipped = edited.replace("ICML'2020", "ICML 2020").replace("CVPR'2019", "CVPR 2019")
    last = rerun_rules(read(flipped), options, earlier=again.earlier)
    assert shown(last.findings) == shown(run_rules(read(flipped), options))
