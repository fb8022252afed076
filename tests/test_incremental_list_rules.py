"""List-wide rules counted from facts of the entries that are kept between runs (AL203's templates,
AL303's venue names, AL307's dates: `entry_facts.tallied` and `each_fact`): after an edit far from an
entry, that entry's finding appears, goes or changes as in a full run, and a rerun's findings are
exactly a full run's."""

from __future__ import annotations

from typing import Any

from awesomelint.engine import Settings, rerun_rules, run_rules
from awesomelint.read import read
from awesomelint.read.reread import read_edited

from .edits import shown


def _code(texts: list[str], code: str) -> list[list[tuple[Any, ...]]]:
    """``code``'s findings on each of ``texts`` in turn, each text read and checked from the one
    before as the fixer does (and each run's findings checked against a full run's)."""
    options = Settings()
    document = read(texts[0])
    checked = rerun_rules(document, options)
    found = [shown([d for d in checked.findings if d.code == code])]
    for text in texts[1:]:
        document = read_edited(document, text)
        checked = rerun_rules(document, options, earlier=checked.earlier)
        assert shown(checked.findings) == shown(run_rules(read(text), options))
        found.append(shown([d for d in checked.findings if d.code == code]))
    return found


def _paper(title: str, venue: str, number: int) -> str:
    return (
        f"- **{title} Net.** Ann Lee, Bo Chen. {venue}. [[paper](https://arxiv.org/abs/2101.{number:05})]\n"
    )


VENUES = (
    "# Papers\n\n"
    + _paper("Alpha", "ICLR 2021", 1)
    + _paper("Beta", "Quxcon 2021", 2)
    + _paper("Gamma", "Quxcon 2022", 3)
    + _paper("Delta", "Quxcon 2023", 4)
    + "\n## More\n\n"
    + _paper("Zeta", "Quxconn 2021", 6)
)


def test_a_venue_habit_gone_far_away_takes_the_near_miss_with_it() -> None:
    gone = VENUES.replace(_paper("Gamma", "Quxcon 2022", 3), "")
    before, after, again = _code([VENUES, gone, VENUES], "AL303")
    assert ["did you mean `Quxcon`" in str(found) for found in before] == [True]
    assert all("did you mean" not in str(found) for found in after)  # two are no habit
    assert again == before


def _dated(title: str, date: str) -> str:
    return f"- [{date}] **{title} Graph Networks.** *Ann Lee.* [[paper](https://arxiv.org/abs/2310.01234)]\n"


DATES = "# Papers\n\n## Models\n\n" + "".join(
    _dated(title, "2023/10") for title in ("Alpha", "Beta", "Gamma", "Delta", "Eps")
)
ODD = _dated("Zeta", "2023.10")  # (in the same part of the list: a style group's dates are compared)


def test_dates_written_otherwise_far_away_take_the_finding_away_or_flip_it() -> None:
    text = DATES + ODD
    another = text.replace(_dated("Alpha", "2023/10"), _dated("Alpha", "2023.10"))
    flipped = text
    for title in ("Alpha", "Beta", "Gamma", "Delta", "Eps"):
        flipped = flipped.replace(_dated(title, "2023/10"), _dated(title, "2023.10"))
    flipped = flipped.replace(_dated("Zeta", "2023.10"), _dated("Zeta", "2023/10"))
    flipped += "".join(_dated(title, "2023.10") for title in ("Eta", "Theta"))
    first, fewer, back, turned = _code([text, another, text, flipped], "AL307")
    assert len(first) == 1 and "`2023.10`" in str(first[0])  # the odd one out, far from the others
    assert fewer == []  # 5 of 7: no longer a convention
    assert back == first
    assert len(turned) == 1 and "`2023/10`" in str(turned[0])  # the majority flipped


def _laid(number: int, title: str, gap: str, venue_first: bool = False) -> str:
    fields = [f"**{title}**", "*Ann Lee, Bo Chen*", f"**ICLR'{2010 + number}**"]
    if venue_first:
        fields[1], fields[2] = fields[2], fields[1]
    return f"{number}. {gap.join(fields)}{gap}[paper](https://arxiv.org/abs/1706.{number:05})\n\n"


LAYOUTS = "# Papers\n\n## Models\n\n" + "".join(
    _laid(number, title, ". ") for number, title in enumerate(("Alpha", "Beta", "Gamma"), start=1)
)


def test_the_template_of_a_layout_follows_its_first_entry() -> None:
    text = LAYOUTS + _laid(4, "Delta", ". ", venue_first=True)
    spaced = text.replace(_laid(1, "Alpha", ". "), _laid(1, "Alpha", ".  "))
    first, changed = _code([text, spaced], "AL203")
    assert len(first) == len(changed) == 1
    assert first != changed  # the fix takes the first entry's separators
