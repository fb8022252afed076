"""A rule whose messages cite the list's counts (`Rule.cites_counts`) runs again after an edit only on
the entries where it found something while the list's conventions stay (only the counts changed),
and on every entry once a convention changes: an entry with no finding may have one then. The
findings are exactly those of a full `run_rules` either way."""

from __future__ import annotations

import pytest

from awesomelint.engine import Settings, rerun_rules, run_rules
from awesomelint.read import read

from .edits import entries_checked, shown


def _items(template: str, names: str) -> str:
    return "".join(template.format(name=name, low=name.lower()) for name in names.split())


def _again(text: str, edited: str, code: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The entries ``code`` ran on again after the edit, and its findings' messages (those of a full
    run, which the rerun's equal)."""
    options = Settings()
    first = rerun_rules(read(text), options)
    seen = entries_checked(monkeypatch, code)
    again = rerun_rules(read(edited), options, earlier=first.earlier)
    full = run_rules(read(edited), options)
    assert shown(again.findings) == shown(full)
    return seen, [d.message for d in full if d.code == code]


SPACED = "- **{name} Net.** [[paper](https://arxiv.org/abs/{low})] [[code](https://github.com/a/{low})]\n"
TOUCHING = "- **{name} Net.** [[paper](https://arxiv.org/abs/{low})][[code](https://github.com/a/{low})]\n"


def test_field_spacing_counts_changed_runs_again_where_it_found(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# Papers\n\n" + _items(SPACED, "Alpha Beta Gamma") + _items(TOUCHING, "Delta")
    seen, messages = _again(text, text + _items(SPACED, "Eps"), "AL205", monkeypatch)
    assert sorted(seen) == ["Delta Net", "Eps Net"]  # the finding's entry, and the new one
    assert len(messages) == 1 and messages[0].endswith("; 4 of 5 such links in the list have one")


def test_field_spacing_habit_flipped_runs_again_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    # touching is the list's habit (3 of 5): nothing found; two more spaced entries make it a slip
    text = "# Papers\n\n" + _items(TOUCHING, "Alpha Beta Gamma") + _items(SPACED, "Delta Eps")
    assert not [d for d in run_rules(read(text), Settings()) if d.code == "AL205"]
    seen, messages = _again(text, text + _items(SPACED, "Zeta Eta"), "AL205", monkeypatch)
    assert len(seen) == 7 and len(messages) == 3


CLASSIC = "- [{name}](https://example.org/{low}) - A tool for {low} files{ending}\n"


def _filled(template: str, names: str, **values: str) -> str:
    """One line of ``template`` per name, with its ``values``."""
    return "".join(template.format(name=name, low=name.lower(), **values) for name in names.split())


def test_description_endings_convention_made_runs_again_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    # 6 of 11 descriptions end with a period: no convention yet, nothing found; 15 more make one
    text = (
        "# Tools\n\n"
        + _filled(CLASSIC, "Aa Bb Cc Dd Ee Ff", ending=".")
        + _filled(CLASSIC, "Gg Hh Ii Jj Kk", ending="")
    )
    assert not [d for d in run_rules(read(text), Settings()) if d.code == "AL211"]
    more = _filled(CLASSIC, "La Lb Lc Ld Le Lf Lg Lh Li Lj Lk Ll Lm Ln Lo", ending=".")
    seen, messages = _again(text, text + more, "AL211", monkeypatch)
    assert len(seen) == 26 and len(messages) == 5


def test_description_endings_counts_changed_runs_again_where_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "# Tools\n\n"
        + _filled(CLASSIC, "Aa Bb Cc Dd Ee Ff Gg Hh Ii Jj Kk", ending=".")
        + _filled(CLASSIC, "Ll", ending="")
    )
    seen, messages = _again(text, text + _filled(CLASSIC, "Mm", ending="."), "AL211", monkeypatch)
    assert sorted(seen) == ["Ll", "Mm"]
    assert len(messages) == 1 and "12 of 13" in messages[0]


NAMED = "- [{name}](https://example.org/{low}) - Sync {spelt} issues to a sheet.\n"


def test_name_spelling_decided_runs_again_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    # 3 of 4 write `GitHub`: too few to tell; a fifth decides, and `Github` is found
    text = "# Tools\n\n" + _filled(NAMED, "Aa Bb Cc", spelt="GitHub") + _filled(NAMED, "Dd", spelt="Github")
    assert not [d for d in run_rules(read(text), Settings()) if d.code == "AL604"]
    seen, messages = _again(text, text + _filled(NAMED, "Ee", spelt="GitHub"), "AL604", monkeypatch)
    assert len(seen) == 5 and messages == ["`Github`: this list writes `GitHub` in 4 of 5 places"]


def test_name_spelling_counts_changed_runs_again_where_it_found(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "# Tools\n\n" + _filled(NAMED, "Aa Bb Cc Dd", spelt="GitHub") + _filled(NAMED, "Ee", spelt="Github")
    )
    seen, messages = _again(text, text + _filled(NAMED, "Ff", spelt="GitHub"), "AL604", monkeypatch)
    assert sorted(seen) == ["Ee", "Ff"]
    assert messages == ["`Github`: this list writes `GitHub` in 5 of 6 places"]


def test_description_case_name_unlearned_runs_again_where_it_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    # `webpack`, twice in lower case and never capitalised, is a name: its item's description may
    # start with it; written `Webpack` once in another item, it is a word again, and that is found
    # (the rule runs again on the item it starts and the new one only: `Rule.changed`)
    items = "".join(
        f"- [Tool{n}](https://example.org/{n}) - Builds the pages of site number {n}.\n" for n in range(10)
    )
    text = (
        "# Tools\n\n"
        + items
        + "- [Packer](https://example.org/p) - webpack runs the bundles here.\n"
        + "- [Plugin](https://example.org/q) - Adds a loader to webpack.\n"
    )
    assert not [d for d in run_rules(read(text), Settings()) if d.code == "AL210"]
    edited = text + "- [Other](https://example.org/r) - Runs like Webpack does.\n"
    seen, messages = _again(text, edited, "AL210", monkeypatch)
    assert sorted(seen) == ["Other", "Packer"] and messages == [
        "description starts with `webpack`; 12 of 13 descriptions start with an upper-case first letter"
    ]
