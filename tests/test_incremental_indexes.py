"""`entry_facts.crowded`: the entries holding a value that two or more entries (or links) of the
list hold, kept up to date from one run to the next by the entries that went out and came in. After
each edit it must be what a count over the whole list gives: an index that forgot to take out an
entry gone (a subtraction) keeps pairing its partner, and one that forgot an entry come in (an
addition) misses the new pair."""

from __future__ import annotations

from collections import Counter

from awesomelint.entry_facts import Facts, crowded, install
from awesomelint.model import Entry
from awesomelint.read import read


def _links(entry: Entry) -> tuple[str, ...]:
    return tuple(link.url for link in entry.links)


def _expected(text: str) -> list[str]:
    """The titles of the entries holding a link held twice or more, counted afresh."""
    entries = list(read(text).iter_entries())
    counted = Counter(url for entry in entries for url in _links(entry))
    return [e.title.text for e in entries if e.title and any(counted[u] >= 2 for u in _links(e))]


def _crowded(text: str, earlier: Facts | None) -> tuple[list[str], Facts]:
    document = read(text)
    facts = install(document, earlier)
    found = crowded(document, "links", _links)
    assert found is not None
    return [entry.title.text for entry in found if entry.title], facts


def _entry(title: str, url: str) -> str:
    return f"- [{title}]({url}) - A tool for {title.lower()}.\n"


def test_without_facts_every_entry_may_pair() -> None:
    assert crowded(read(_entry("One", "https://a.org")), "links", _links) is None


def test_entries_going_out_and_coming_in_are_counted() -> None:
    one, two = _entry("One", "https://a.org"), _entry("Two", "https://a.org")
    three, four = _entry("Three", "https://c.org"), _entry("Four", "https://d.org")
    texts = [
        "# Tools\n\n" + one + three + four,
        "# Tools\n\n" + one + two + three + four,  # Two comes in: One and Two share a link
        "# Tools\n\n" + one + three + four,  # Two goes out: One pairs with nothing
        "# Tools\n\n" + one + three + four + one,  # One twice (one key, two entries)
        "# Tools\n\n" + one + three + four,  # one of them out: the key stays, held once
        "# Tools\n\n" + one + three + _entry("Four", "https://c.org"),  # Four now shares Three's
        "# Tools\n\n" + three + _entry("Four", "https://c.org") + two,
        "# Tools\n\n" + _entry("Three", "https://e.org") + _entry("Four", "https://c.org") + two + one,
    ]
    earlier = None
    seen = []
    for text in texts:
        found, earlier = _crowded(text, earlier)
        assert found == _expected(text), text
        # the count kept holds no link of an entry gone out (it would grow with every edit)
        fresh = Counter(url for entry in read(text).iter_entries() for url in _links(entry))
        assert +earlier.tallies["links"] == fresh
        seen.append(found)
    assert seen[1] == ["One", "Two"] and seen[2] == [] and seen[3] == ["One", "One"] and seen[4] == []


def test_only_the_entries_that_changed_are_counted_again() -> None:
    text = "# Tools\n\n" + "".join(_entry(f"Tool {n}", f"https://{n}.org") for n in range(20))
    _, facts = _crowded(text, None)
    counted: list[Entry] = []

    def links(entry: Entry) -> tuple[str, ...]:
        counted.append(entry)
        return _links(entry)

    edited = text.replace("https://7.org", "https://3.org")
    document = read(edited)
    install(document, facts)
    found = crowded(document, "links", links)
    assert found is not None and [e.title.text for e in found if e.title] == ["Tool 3", "Tool 7"]
    assert [e.title.text for e in counted if e.title] == ["Tool 7"]
