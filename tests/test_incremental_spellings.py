"""List-wide counts of the text rules (AL604's spellings of each name, AL211's description endings)
kept up to date entry by entry between runs (`entry_facts.folded`, `tallied`): after entries come
in, go out and come in twice, the rerun's counts equal a fresh count and its findings are a full
run's; the messages, which cite the counts, show that each step was counted."""

from __future__ import annotations

from awesomelint.engine import Checked, Earlier, Settings, rerun_rules, run_rules
from awesomelint.read import read

from .edits import shown


def _reruns(versions: list[str], code: str) -> list[list[str]]:
    """Each version after the first rerun from the one before it: checked against a fresh run and a
    full run; the messages of ``code`` of each."""
    options = Settings()
    earlier: Earlier = rerun_rules(read(versions[0]), options).earlier
    messages = []
    for text in versions[1:]:
        again: Checked = rerun_rules(read(text), options, earlier=earlier)
        fresh = rerun_rules(read(text), options)
        assert again.earlier.tallies[code] == fresh.earlier.tallies[code]
        assert shown(again.findings) == shown(run_rules(read(text), options))
        messages.append([d.message for d in again.findings if d.code == code])
        earlier = again.earlier
    return messages


def _item(n: int, description: str) -> str:
    return f"- [Tool{n}](https://example.org/{n}) - {description}\n"


def test_name_spellings_follow_entries_in_and_out() -> None:
    right = [_item(n, f"Runs on GitHub in step {n}.") for n in range(6)]
    wrong = _item(9, "Runs on Github with care.")
    split = _item(8, "Runs on Git Hub twice.")
    head = "# Tools\n\n"
    versions = [
        head + "".join(right[:4]) + wrong,  # 4 of 5: a spelling, and a finding
        head + "".join(right[:5]) + wrong,  # one in: 5 of 6
        head + "".join(right[:5]) + wrong + right[0],  # the same entry twice: 6 of 7
        head + "".join(right[1:5]) + wrong + right[0],  # one of the two out: 5 of 6
        head + "".join(right[1:5]) + wrong + split,  # two words for the name: 5 of 7, no spelling
        head + "".join(right) + wrong + split,  # 6 of 8: still none
        head + "".join(right) + right[0] + right[1] + wrong + split,  # 8 of 10, a spelling again
    ]
    found = _reruns(versions, "AL604")
    assert found == [
        ["`Github`: this list writes `GitHub` in 5 of 6 places"],
        ["`Github`: this list writes `GitHub` in 6 of 7 places"],
        ["`Github`: this list writes `GitHub` in 5 of 6 places"],
        [],
        [],
        [
            "`Github`: this list writes `GitHub` in 8 of 10 places",
            "`Git Hub`: this list writes `GitHub` in 8 of 10 places",
        ],
    ]


def test_a_tie_between_spellings_goes_to_the_one_written_first() -> None:
    """`Docker` and `DOCKER` as often: the one written first decides, as in a full count; an edit
    that moves the other first flips it, and back."""
    capitalised = [_item(n, f"Packs apps with Docker for step {n}.") for n in range(10)]
    shouted = [_item(20 + n, f"DOCKER images for step {n}.") for n in range(10)]
    lower = _item(40, "Packs apps with docker alone.")
    head = "# Tools\n\n"
    versions = [
        head + "".join(capitalised + shouted) + lower,
        head + "".join(shouted + capitalised) + lower,  # `DOCKER` first: no spelling
        head + "".join(capitalised + shouted) + lower,
    ]
    found = _reruns(versions, "AL604")
    assert found == [[], ["`docker`: this list writes `Docker` in 10 of 11 places"]]


def test_description_endings_follow_entries_in_and_out() -> None:
    with_period = [_item(n, f"Parses feeds of kind {n} quickly.") for n in range(12)]
    without = _item(30, "Parses feeds without a period")
    head = "# Tools\n\n"
    versions = [
        head + "".join(with_period[:9]) + without,  # 9 of 10 have one
        head + "".join(with_period[:10]) + without,  # one in: 10 of 11
        head + "".join(with_period[:10]) + without + with_period[0],  # one twice: 11 of 12
        head + "".join(with_period[1:10]) + without + with_period[0],  # one of the two out: 10 of 11
        head + "".join(with_period[1:8]) + without + without,  # 7 of 9: too few for a convention
        head + "".join(with_period) + without,  # 12 of 13
    ]
    found = _reruns(versions, "AL211")
    ending = "description ends without a period; {} of {} descriptions end with a period (or `!`, `?`)"
    assert found == [
        [ending.format(10, 11)],
        [ending.format(11, 12)],
        [ending.format(10, 11)],
        [],
        [ending.format(12, 13)],
    ]
