"""Rules that name the values a change of the list's counts decides otherwise (`Rule.changed`, `Rule.holds`:
AL210's first words and sections, AL302's venues, AL604's names) run again after an edit only on the
entries that hold one of them (and where they found something, for their counts): an entry far from
the edit gets or loses its finding as in a full run, and the entries holding other values are not run
on again."""

from __future__ import annotations

import pytest

from awesomelint.engine import Settings, rerun_rules, run_rules
from awesomelint.read import read
from awesomelint.read.reread import read_edited

from .edits import entries_checked, shown


def _again(text: str, edited: str, code: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The titles of the entries ``code`` ran on again after the edit (the text read again as the
    fixer does), and its findings' messages before and after, as many lines: the rerun's findings
    are a full run's."""
    options = Settings()
    document = read(text)
    first = rerun_rules(document, options)
    seen = entries_checked(monkeypatch, code)
    again = rerun_rules(read_edited(document, edited), options, earlier=first.earlier)
    assert shown(again.findings) == shown(run_rules(read(edited), options))
    return seen, [f"{d.span.start_line}: {d.message}" for d in again.findings if d.code == code]


def _paper(title: str, venue: str) -> str:
    return f"- **{title} Net.** Ann Lee, Bo Chen. {venue}. [[paper](https://example.org/{title.lower()})]\n"


def _papers(venue: str, titles: str) -> str:
    return "".join(_paper(title, venue) for title in titles.split())


def test_a_venue_spelling_flipped_far_away_moves_the_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    # `NeurIPS` 3 to 2: `NIPS` is found; three more `NIPS` at the other end flip it; ICML's entries
    # (another venue) are not run on again
    text = (
        "# Papers\n\n"
        + _papers("NeurIPS 2020", "Aa Bb Cc")
        + _papers("NIPS 2019", "Dd Ee")
        + _papers("ICML 2021", "Ia Ib Ic Id")
        + "\n## More\n\n"
    )
    before = [d for d in run_rules(read(text), Settings()) if d.code == "AL302"]
    assert [d.span.start_line for d in before] == [6, 7]
    seen, messages = _again(text, text + _papers("NIPS 2020", "Ff Gg Hh"), "AL302", monkeypatch)
    assert not any(title.startswith("I") for title in seen)
    assert sorted(seen) == ["Aa Net", "Bb Net", "Cc Net", "Dd Net", "Ee Net", "Ff Net", "Gg Net", "Hh Net"]
    assert [m.split(":")[0] for m in messages] == ["3", "4", "5"]  # the `NeurIPS` entries now


def test_a_venue_spelling_kept_runs_again_only_where_found(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# Papers\n\n" + _papers("NeurIPS 2020", "Aa Bb Cc") + _papers("NIPS 2019", "Dd")
    seen, messages = _again(text, text + _papers("NeurIPS 2021", "Ee"), "AL302", monkeypatch)
    assert sorted(seen) == ["Dd Net", "Ee Net"]
    assert len(messages) == 1 and "4 of" in messages[0]


NAMED = "- [{name}](https://example.org/{low}) - Syncs issues with {spelt} to a {other} sheet.\n"


def _named(names: str, spelt: str, other: str = "plain") -> str:
    return "".join(NAMED.format(name=n, low=n.lower(), spelt=spelt, other=other) for n in names.split())


def test_a_name_spelling_flipped_far_away_moves_the_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    # `GitHub` 4 to 1 in the first section decides; `Github` written 20 more times far away
    # flips it: the first section's entries get findings, the `Github` one loses its own; the
    # entries writing `JavaScript` (another name, decided too) are not run on again
    text = (
        "# Tools\n\n"
        + _named("Aa Bb Cc Dd", "GitHub")
        + _named("Ee", "Github")
        + "\n## Other\n\n"
        + _named("Ja Jb Jc Jd Je", "JavaScript", other="JavaScript")
    )
    before = [d for d in run_rules(read(text), Settings()) if d.code == "AL604"]
    assert len(before) == 1 and "`Github`" in before[0].message
    edited = (
        text
        + "\n## Later\n\n"
        + _named(" ".join(f"F{letter}" for letter in "abcdefghijklmnopqrst"), "Github")
    )
    seen, messages = _again(text, edited, "AL604", monkeypatch)
    assert not any(title.startswith("J") for title in seen)
    assert len(messages) == 4 and all("`GitHub`: this list writes `Github`" in m for m in messages)
