"""A fact asked of every entry in a rerun (`Facts.contributions`, `entry_facts.fact_lists`): worked out
for the entries that came in alone, the others' kept facts read as they are, and a fact the earlier
run did not ask for worked out for every entry; the same values as a run without kept facts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from awesomelint.engine import Settings, rerun_rules
from awesomelint.entry_facts import fact_lists
from awesomelint.model import Entry
from awesomelint.read import read

LIST = "# Papers\n\n" + "".join(
    f"- **Paper {n}**. _Ann Lee_. CVPR 2021. [paper](https://a.org/{n})\n" for n in range(6)
)


def _title(asked: Counter[str]) -> Callable[[Entry], str]:
    def work(entry: Entry) -> str:
        title = entry.title.text if entry.title else ""
        asked[title] += 1
        return title

    return work


def test_a_rerun_works_out_the_facts_of_the_entries_come_in_alone() -> None:
    settings = Settings(select=frozenset({"AL303"}))
    document = read(LIST)
    earlier = rerun_rules(document, settings).earlier
    asked: Counter[str] = Counter()
    work = _title(asked)
    fact_lists(document, "title", work)  # (asked in the earlier run: kept with its entries' facts)
    assert sum(asked.values()) == 6
    edited = LIST.replace("Paper 2", "Paper Two").replace("Paper 4**", "Paper 4** again")
    again = read(edited)
    rerun_rules(again, settings, earlier=earlier)
    asked.clear()
    entries, titles = fact_lists(again, "title", work)
    assert asked == Counter({"Paper Two": 1, "Paper 4": 1})
    assert (
        titles
        == [e.title.text if e.title else "" for e in entries]
        == fact_lists(read(edited), "title", work)[1]
    )
    # a fact the earlier run never asked for: every entry's worked out
    asked.clear()
    assert fact_lists(again, "other", work)[1] == titles and sum(asked.values()) == 6
