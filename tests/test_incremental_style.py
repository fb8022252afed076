"""After an edit that changes the list's inferred style, an entry-scope rule runs again on the entries
the edit left alone only when a field of the style it read changed (`engine.rerun_rules`); the
findings stay exactly those of a full `run_rules`."""

from __future__ import annotations

from typing import Any

import pytest

from awesomelint import engine, entry_facts
from awesomelint.engine import Settings, rerun_rules, run_rules
from awesomelint.model import Entry
from awesomelint.read import read

from .edits import shown

LIST = """# Papers

1. **Alpha Beta Gamma.** *Ann Lee, Bo Li.* **NeurIPS'2021.** [[paper](https://arxiv.org/abs/2101.00001)]
2. **Delta Epsilon Zeta.** *Cy Dow; Di Fu.* **ICML'2020.** [[paper](https://arxiv.org/abs/2002.00002)]
3. **Eta Theta Iota.** *Ed Gu, Fa Ho.* **CVPR'2019.** [[paper](https://arxiv.org/abs/1903.00003)]
"""
# one more paper with no venue: the author lines' counts change, the venues' do not
MORE = "4. **Kappa Lambda Mu.** *Gi Im, Ho Jo.* [[paper](https://arxiv.org/abs/2304.00004)]\n"


def _checked(monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    """The titles of the entries each rule is run on from now on, by rule code."""
    seen: dict[str, set[str]] = {}
    checker = engine._checker

    def spy(context: engine.Context, entry: Entry) -> Any:
        seen.setdefault(context.rule.code, set()).add(entry.title.text if entry.title else "")
        return checker(context)(context, entry)

    monkeypatch.setattr(engine, "_checker", lambda context: spy)
    return seen


def test_a_rule_that_read_a_changed_count_runs_again_and_quotes_the_new_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = Settings()
    first = rerun_rules(read(LIST), options)
    assert "2 of 3 author lines use `, `" in next(d.message for d in first.findings if d.code == "AL401")
    assert {"author_separator"} <= first.earlier.reads["AL401"]
    assert "venue_markup" not in first.earlier.reads["AL401"]
    seen = _checked(monkeypatch)
    edited = LIST + MORE
    again = rerun_rules(read(edited), options, earlier=first.earlier)
    assert shown(again.findings) == shown(run_rules(read(edited), options))
    # AL401 read the author separator's majority (2 of 3 -> 3 of 4): its finding is made again; the
    # majority's value stayed, so the entries that had no finding still have none and are left alone
    assert "3 of 4 author lines use `, `" in next(d.message for d in again.findings if d.code == "AL401")
    assert seen["AL401"] == {"Delta Epsilon Zeta", "Kappa Lambda Mu"}
    # AL301 read only the venues' style, which stayed; AL201 reads no style: the new entry alone
    assert seen["AL301"] == seen["AL201"] == {"Kappa Lambda Mu"}


def test_a_rule_that_read_no_changed_field_keeps_its_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    options = Settings()
    first = rerun_rules(read(LIST), options)
    seen = _checked(monkeypatch)
    # the venues' year style flips to `Venue YYYY` (2 of 3): AL301 runs on every entry, AL401 does not
    edited = LIST.replace("ICML'2020", "ICML 2020").replace("CVPR'2019", "CVPR 2019")
    again = rerun_rules(read(edited), options, earlier=first.earlier)
    assert shown(again.findings) == shown(run_rules(read(edited), options))
    assert "NeurIPS'2021" in next(d.message for d in again.findings if d.code == "AL301")
    assert seen["AL301"] == {"Alpha Beta Gamma", "Delta Epsilon Zeta", "Eta Theta Iota"}
    assert seen["AL401"] == {"Delta Epsilon Zeta", "Eta Theta Iota"}  # the entries edited
    # the fields read are kept across runs: the third run still knows what AL401 read in the first
    assert "author_separator" in again.earlier.reads["AL401"]
    third = rerun_rules(read(edited + MORE), options, earlier=again.earlier)
    assert shown(third.findings) == shown(run_rules(read(edited + MORE), options))


def test_a_plain_run_notes_no_reads() -> None:
    assert run_rules(read(LIST), Settings()) == rerun_rules(read(LIST), Settings()).findings
    assert engine._run(read(LIST), Settings(), None, None, None, keep=False).earlier.reads == {}


def test_list_wide_counts_are_made_again_when_most_entries_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts kept entry by entry are brought up to date after an edit of a few entries, and
    counted again when most of them changed (the fixer's first pass): the findings are the same."""
    updated: list[str] = []
    update = entry_facts.Facts.went_out

    def spy(facts: entry_facts.Facts, name: str) -> Any:
        updated.append(name)
        return update(facts, name)

    monkeypatch.setattr(entry_facts.Facts, "went_out", spy)
    options = Settings()
    first = rerun_rules(read(LIST), options)
    one = LIST.replace("Alpha Beta", "Alpha Delta")
    again = rerun_rules(read(one), options, earlier=first.earlier)
    assert updated and shown(again.findings) == shown(run_rules(read(one), options))
    updated.clear()
    most = (
        LIST.replace("*Ann", "**Ann").replace("*Cy", "**Cy").replace("Li.*", "Li.**").replace("Fu.*", "Fu.**")
    )
    again = rerun_rules(read(most), options, earlier=first.earlier)
    assert not updated and shown(again.findings) == shown(run_rules(read(most), options))
