"""An entry's key (`entry_facts.entry_key`) is hashed from its lines and where it lies in them; what
the reader made of those lines is compared only when two keys of one hash meet. Keys are equal
exactly when the lines and the reading are, and a key carried into a later run holds no entry of an
earlier document."""

from __future__ import annotations

from typing import Any

import pytest

from awesomelint.engine import Settings, rerun_rules, run_rules
from awesomelint.entry_facts import EntryKey, Facts, crowded, entry_key, install, tallied
from awesomelint.model import Document, Entry
from awesomelint.read import read
from awesomelint.read.reread import read_edited

from .edits import read_moved_down

_ITEM = "- **Seeing Far**. _Ann Lee_. CVPR 2021. [paper][ref] [code](https://github.com/a/b)\n"


def _keys(document: Document) -> list[EntryKey]:
    return [entry_key(entry, document.text) for entry in document.iter_entries()]


def test_the_same_lines_read_the_same_way_have_equal_keys() -> None:
    document = read(f"# One\n\n{_ITEM}\n# Two\n\n{_ITEM}\n# One\n\n{_ITEM}\n[ref]: https://a.org/1\n")
    first, second, third = _keys(document)
    assert first is not third and first == third and hash(first) == hash(third)
    # the same lines in another section: another key
    assert first != second and second != third


def test_the_same_lines_read_otherwise_have_other_keys() -> None:
    # a reference link's destination is defined outside the entry's lines
    one = read(f"{_ITEM}\n[ref]: https://a.org/1\n")
    other = read(f"{_ITEM}\n[ref]: https://a.org/2\n")
    same = read(f"{_ITEM}\n\n[ref]: https://a.org/1\n")
    (key,), (other_key,), (same_key,) = _keys(one), _keys(other), _keys(same)
    assert hash(key) == hash(other_key) and key != other_key
    assert key == same_key


def test_other_lines_have_other_keys() -> None:
    keys = _keys(read(_ITEM + _ITEM.replace("2021", "2022") + "  " + _ITEM))
    assert len(set(keys)) == 3


def test_entries_of_one_key_share_their_facts_in_a_first_run() -> None:
    document = read(f"{_ITEM}{_ITEM}- [Other](https://b.org/)\n\n[ref]: https://a.org/1\n")
    facts = install(document, None)
    worked_out: list[Entry] = []

    def title(entry: Entry) -> str:
        worked_out.append(entry)
        return entry.title.text if entry.title else ""

    assert facts.contributions("title", title) == ["Seeing Far", "Seeing Far", "Other"]
    assert len(worked_out) == 2


def test_keys_carried_into_a_later_run_hold_its_entries_only() -> None:
    text = f"# Papers\n\n{_ITEM}- [Other](https://b.org/)\n\n[ref]: https://a.org/1\n"
    options = Settings()
    before, earlier, after = read_moved_down(text, options)
    again = rerun_rules(after, options, earlier=earlier)
    facts = again.earlier.facts
    assert isinstance(facts, Facts)
    now = {id(entry) for entry in after.iter_entries()}
    old = {id(entry) for entry in before.iter_entries()}
    held = [key._entry for key in facts.keys.values()]
    assert all(entry is None or id(entry) in now for entry in held)
    assert not any(entry is not None and id(entry) in old for entry in held)
    # the carried keys still compare as fresh keys of the same entries do
    assert list(facts.keys.values()) == _keys(after)
    fresh = run_rules(read(after.text), options)
    assert [d.to_dict() for d in again.findings] == [d.to_dict() for d in fresh]


def _links(entry: Entry) -> tuple[str, ...]:
    return tuple(link.url for link in entry.links)


def _titles(entries: list[Entry] | None) -> list[tuple[str, int]]:
    return [(entry.title.text if entry.title else "", entry.span.start) for entry in entries or []]


def test_crowded_entries_follow_edits_with_and_without_a_value_crossing_two(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def items(*pairs: str) -> str:
        return "".join(f"- [{pair[0]}](https://a.org/{pair[1:]})\n" for pair in pairs)

    # each version: its entries (title letter, link number), and whether a link's count crosses two
    versions = [
        (items("A1", "B1", "C2", "D3", "A1"), True),
        (items("A1", "B1", "C2", "D5", "A1", "E4"), False),  # one out, one in: no count crosses two
        (items("A1", "B1", "C2", "D5", "A1", "E4", "F1"), False),  # in, holding a link held twice
        (items("A1", "C2", "D5", "A1", "E4", "F1"), False),  # out: the link is held three times
        (items("A1", "C2", "D5", "A1", "E4", "F1", "G2"), True),  # a second holder of link 2
        (items("C2", "D5", "E4", "F1", "G2"), True),  # both copies of one entry out: link 1 once
        (items("C2", "D5", "E4", "F1", "G2", "H9"), False),
    ]
    passes: list[str] = []
    contributions = Facts.contributions

    def spy(self: Facts, name: str, count: Any) -> Any:
        passes.append(name)
        return contributions(self, name, count)

    monkeypatch.setattr(Facts, "contributions", spy)
    earlier: Facts | None = None
    for text, crossing in versions:
        document = read(text)
        facts = install(document, earlier)
        tallied(document, "links", _links)  # (the rules count before they look for crowded entries)
        passes.clear()
        found = crowded(document, "links", _links)
        assert bool(passes) == (crossing or earlier is None)
        fresh = read(text)
        install(fresh, None)
        assert _titles(found) == _titles(crowded(fresh, "links", _links))
        earlier = facts


def test_changes_found_from_the_carried_entries_are_those_the_counts_give() -> None:
    items = [f"- [Paper {n}](https://a.org/{n}). CVPR 2021.\n" for n in range(80)]
    items[3] = items[1]  # one key twice
    text = "".join(f"# Part {n}\n\n" + "".join(items[n * 5 : n * 5 + 5]) + "\n" for n in range(16))
    options = Settings()
    before = read(text)
    earlier = rerun_rules(before, options).earlier
    assert earlier.facts is not None
    edits = [
        text.replace("Paper 7]", "Paper 7b]"),  # an entry read again
        text.replace(items[1], "", 1),  # one of a key's two entries gone
        text.replace(items[2], items[1], 1),  # a key's third entry come in
        text.replace(items[31], items[31] + "- [New](https://b.org/)\n", 1),  # one come in
    ]
    for edited in edits:
        after = read_edited(before, edited)
        facts = install(after, earlier.facts)
        carried = facts._carried_changes()
        counted = facts._counted_changes(earlier.facts.key_counts)
        assert carried is not None and (carried[0] or carried[1])
        assert [id(entry) for entry in carried[0]] == [id(entry) for entry in counted[0]]
        assert [id(key) for key in carried[1]] == [id(key) for key in counted[1]]
