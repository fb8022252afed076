"""Facts about entries worked out once per version of an entry, for runs of the rules on successive
versions of one list (an editor's, the fixer's).

A fact is what a function of the entry alone (and of the settings) gives: a style group, a layout,
a title's key; never an offset into the text (an offset from the entry's own start is fine). Two
entries with the same key (`entry_key`: the text of their lines and what the reader made of them)
have the same facts, wherever they stand. `engine.rerun_rules` installs a `Facts` on the document,
seeded with the facts of the earlier run; without one, `fact` just works the fact out. A fact of the
whole list (`reused`) is built again only when its inputs differ from the earlier run's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import chain, compress, repeat
from operator import is_, itemgetter, not_
from typing import TypeVar, cast

from .model import Document, Entry

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


# What an entry is: the text of its lines (from the start of its first line to the end of its last),
# where it starts and ends in them, its section, and what the reader made of it (kind, marker,
# number, link destinations, roles and labels, where each field lies in the lines): the reader may
# read the same text otherwise in another place (a link's destination defined elsewhere).
class EntryKey(int):
    """An entry's key: an int, its hash, hashed in C (a look-up in a table of keys makes no call). The
    hash is of the entry's lines, where it lies in them and its section (a list may hold one paper in
    several sections); what the reader made of them is worked out from the entry only when two keys
    of one hash meet (seldom: most keys are found by identity), and the keys are equal only when all
    of it is."""

    _lines: str
    _start: int  # where the entry starts in its lines
    _entry: Entry | None  # an entry of this key in the newest document, until `_reading` is worked out
    _read: tuple[object, ...] | None

    def __new__(cls, lines: str, start: int, end: int, entry: Entry) -> EntryKey:
        key = super().__new__(cls, hash((lines, start, end, entry.section_path)))
        key._lines, key._start, key._entry, key._read = lines, start, entry, None
        return key

    __hash__ = int.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, EntryKey)
            and int.__eq__(self, other)
            and self._lines == other._lines
            and self._reading() == other._reading()
        )

    def __ne__(self, other: object) -> bool:
        return not self == other

    def _reading(self) -> tuple[object, ...]:
        if self._read is None:
            entry = self._entry
            assert entry is not None
            self._read, self._entry = _reading(entry, entry.span.start - self._start), None
        return self._read


_FACTS = "entry facts"
_UNKNOWN = object()  # a fact not worked out yet
_MOVED = "moved entries"


def entry_key(entry: Entry, text: str) -> EntryKey:
    start, end = entry.span.start, entry.span.end
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return EntryKey(text[first : last if last >= 0 else len(text)], start - first, end - first, entry)


def _reading(entry: Entry, first: int) -> tuple[object, ...]:
    """What the reader made of ``entry``, whose lines start at ``first``, with its offsets from there."""
    start, end = entry.span.start, entry.span.end
    title, venue, authors, date = entry.title, entry.venue, entry.authors, entry.date
    return (
        start - first,
        end - first,
        entry.section_path,
        entry.kind,
        entry.marker,
        entry.number,
        tuple([(link.url, link.role, link.span.start - first, link.label) for link in entry.links]),
        title and (title.span.start - first, title.span.end - first, title.text),
        venue
        and (
            venue.span.start - first,
            venue.span.end - first,
            venue.name.span.start - first,
            venue.name.text,
            venue.year and (venue.year.span.start - first, venue.year.text),
            venue.markup,
            venue.year_style,
        ),
        authors
        and (
            authors.span.start - first,
            authors.span.end - first,
            authors.names,
            authors.markup,
            authors.separator,
            authors.et_al,
        ),
        entry.description and entry.description.span.start - first,
        date and (date.span.start - first, date.text),
        tuple([(p.start - first, p.end - first) for p in entry.paragraphs]),
    )


class Facts:
    """The facts of a document's entries: each entry's key, and a record of its facts by name,
    shared with the earlier run's entry of the same key; and facts of the whole list (`reused`)."""

    def __init__(self, document: Document, earlier: Facts | None) -> None:
        text = document.text
        before = earlier.records if earlier is not None else {}
        self._earlier_whole = earlier.whole if earlier is not None else {}
        self._earlier_records = before
        self._earlier_key_counts: Counter[EntryKey] | None = earlier.key_counts if earlier else None
        self._earlier_tallies = earlier.tallies if earlier is not None else {}
        self.tallies: dict[str, Counter[Hashable]] = {}  # name -> what `tallied` counted
        self.whole: dict[str, tuple[object, object]] = {}  # name -> (inputs, value)
        self.records: dict[EntryKey, dict[str, object]] = {}
        # One key object for equal keys, the earlier run's where it had it: a look-up by a key finds
        # the same object (compared by identity, not by its text) in this run's and the next one's
        # tables and in the engine's findings kept by key.
        self.same_keys: dict[EntryKey, EntryKey] = {}
        earlier_keys = earlier.same_keys if earlier is not None else {}
        same_keys, records = self.same_keys, self.records
        entries = list(document.iter_entries())
        ids = list(map(id, entries))
        # each entry's key and record, in the list's order (places not carried filled below)
        keys = cast("list[EntryKey]", [None] * len(entries))
        by_entry = cast("list[dict[str, object]]", [None] * len(entries))
        moved = moved_entries(document)
        carried: list[bool] = []  # the entries whose key and record are their earlier entry's
        repeats: list[int] = []
        # (what `changes` works out the entries come in and gone out from, when entries were carried)
        self._carried_from: tuple[list[bool], list[int], dict[int, EntryKey]] | None = None
        if moved and earlier is not None:
            # An entry read the same way as the earlier one it moved from (still the entry that the
            # earlier facts name) has its key and record: all found at once, with no call per entry.
            olds = list(map(moved.get, ids, repeat(_UNKNOWN, len(ids))))
            old_ids = list(map(id, olds))
            carried = list(map(is_, map(earlier._entries.get, old_ids), olds))
            self._carried_from = (carried, old_ids, earlier.keys)
            keys = cast("list[EntryKey]", list(map(earlier.keys.get, old_ids)))
            by_entry = cast("list[dict[str, object]]", list(map(earlier._by_entry.get, old_ids)))
            kept = list(compress(keys, carried))
            same_keys.update(zip(kept, kept, strict=True))  # (the earlier run's: each its own same key)
            records.update(zip(kept, compress(by_entry, carried), strict=True))
            for key, entry in zip(kept, compress(entries, carried), strict=True):
                if key._read is None:  # (it holds an entry of this document, not of an earlier one)
                    key._entry = entry
        for index, entry in (
            compress(enumerate(entries), map(not_, carried)) if carried else enumerate(entries)
        ):
            key = entry_key(entry, text)
            same = same_keys.get(key)
            if same is None:
                same = earlier_keys.get(key, key)
                # (the object kept as the table's key too: a look-up by it is found by identity,
                # with no comparison of the keys' text)
                same_keys[same] = same
                record = records[same] = before.get(same, {})
            else:
                record = records[same]
                repeats.append(index)
            keys[index], by_entry[index] = same, record
        # the entries (by index, of those not carried) whose key an earlier one of the list has
        self._repeats = repeats
        self.keys: dict[int, EntryKey] = dict(zip(ids, keys, strict=True))
        self._entries: dict[int, Entry] = dict(zip(ids, entries, strict=True))  # (keeps them alive)
        self._by_entry: dict[int, dict[str, object]] = dict(zip(ids, by_entry, strict=True))
        self.key_counts: Counter[EntryKey] = Counter(self.keys.values())
        self._changes: tuple[list[Entry], list[EntryKey]] | None = None
        # the records of the entries that came in and of the keys that went out (`changes`)
        self._came_records: list[dict[str, object]] | None = None
        self._gone_records: list[dict[str, object]] | None = None
        # name -> what the entries that came in and went out contributed, where `tally` brought
        # the earlier count up to date by them
        self._brought: dict[str, tuple[list[tuple[Hashable, ...]], list[tuple[Hashable, ...]]]] = {}

    def changes(self) -> tuple[list[Entry], list[EntryKey]] | None:
        """An entry for each key this document has more often than the earlier one, and the keys
        the earlier one had more often (as many times as the numbers differ); None without an
        earlier document."""
        if self._changes is None and self._earlier_key_counts is not None:
            self._changes = self._carried_changes() or self._counted_changes(self._earlier_key_counts)
        return self._changes

    def _carried_changes(self) -> tuple[list[Entry], list[EntryKey]] | None:
        """`changes` found from the entries not carried and the earlier ones no entry was carried
        from (the carried ones, most, are the same on both sides): the keys whose numbers may differ
        are theirs, and those of an earlier entry carried into two; None without carried entries or
        with many not carried."""
        if self._carried_from is None:
            return None
        carried, old_ids, earlier_keys = self._carried_from
        self._carried_from = None  # (no longer needed: the earlier run's table not kept alive)
        if carried.count(False) * 10 > len(carried):
            return None  # (many entries read again: the counts' differences, made in C, cost less)
        from_ids = set(compress(old_ids, carried))
        fresh = compress(self.keys.values(), map(not_, carried))
        gone = compress(earlier_keys.values(), map(not_, map(from_ids.__contains__, earlier_keys)))
        shared: list[EntryKey] = []
        if len(from_ids) < carried.count(True):  # (seldom)
            shared = [
                earlier_keys[i] for i, times in Counter(compress(old_ids, carried)).items() if times > 1
            ]
        now, before = self.key_counts, self._earlier_key_counts
        assert before is not None
        differ = {key: now[key] - before[key] for key in chain(fresh, gone, shared)}
        more = {key: times for key, times in differ.items() if times > 0}
        fewer = {key: -times for key, times in differ.items() if times < 0}
        added = []  # (each key's first entries in the list, as `_counted_changes` picks them)
        picked = list(map(more.__contains__, self.keys.values()))
        entries, keys = compress(self._entries.values(), picked), compress(self.keys.values(), picked)
        for entry, key in zip(entries, keys, strict=True):
            if more[key] > 0:
                more[key] -= 1
                added.append(entry)
        # (in the earlier document's order, of each key's first entry)
        went = dict.fromkeys(compress(earlier_keys.values(), map(fewer.__contains__, earlier_keys.values())))
        return added, [key for key in went for _ in range(fewer[key])]

    def _counted_changes(self, before: Counter[EntryKey]) -> tuple[list[Entry], list[EntryKey]]:
        """`changes` found from the counts of the keys, now and ``before``."""
        now = self.key_counts
        # (the keys whose numbers differ found by differences of sets, made in C: few differ)
        more = {key: times - before.get(key, 0) for key, times in now.items() - before.items()}
        fewer = {key: times - now.get(key, 0) for key, times in before.items() - now.items()}
        added = []
        for entry_id, key in self.keys.items() if any(n > 0 for n in more.values()) else ():
            if more.get(key, 0) > 0:
                more[key] -= 1
                added.append(self._entries[entry_id])
        removed: list[EntryKey] = []
        if any(n > 0 for n in fewer.values()):  # (in the earlier document's order)
            removed = [key for key in before if fewer.get(key, 0) > 0 for _ in range(fewer[key])]
        return added, removed

    def few_changes(self) -> tuple[list[Entry], list[EntryKey]] | None:
        """`changes`, when bringing a list-wide value up to date by them costs less than working it
        out again: fewer entries came in and went out than the list holds (the fixer's first pass
        may rewrite most entries)."""
        changes = self.changes()
        return changes if changes is not None and len(changes[0]) + len(changes[1]) < len(self.keys) else None

    def reuse(self, name: str, inputs: object, build: Callable[[], T]) -> T:
        for known in (self.whole, self._earlier_whole):
            if name in known and known[name][0] == inputs:
                value = known[name][1]
                break
        else:
            value = build()
        self.whole[name] = (inputs, value)
        return cast(T, value)

    def went_out(self, name: str) -> list[tuple[Hashable, ...]] | None:
        """What the entries gone out contributed to ``name`` (one per entry), or None without an
        earlier document or where one has no contribution kept."""
        changes = self.changes()
        if not changes:
            return None
        if self._gone_records is None:  # (the same for every name: looked up once)
            self._gone_records = list(map(self._earlier_records.__getitem__, changes[1]))
        gone = list(map(dict.get, self._gone_records, repeat(name)))
        if not all(map(isinstance, gone, repeat(tuple))):
            return None
        return cast("list[tuple[Hashable, ...]]", gone)

    def tally(self, name: str, count: Callable[[Entry], tuple[Hashable, ...]]) -> Counter[Hashable]:
        earlier, changes = self._earlier_tallies.get(name), self.few_changes()
        gone = self.went_out(name) if changes is not None else None
        if earlier is not None and changes is not None and gone is not None:
            counted = earlier.copy()
            counted.subtract(Counter(chain.from_iterable(gone)))  # (counted in C, then value by value)
            came = self._came_in(name, count)
            counted.update(chain.from_iterable(came))  # (by one update, not one per entry)
            self.tallies[name] = counted
            self._brought[name] = (came, gone)
            return counted
        counted = Counter(chain.from_iterable(self.contributions(name, count)))
        self.tallies[name] = counted
        return counted

    def _came_in(self, name: str, count: Callable[[Entry], T]) -> list[T]:
        """What ``count`` gives for each entry that came in (`changes`): a fact of the entry, worked
        out where not known yet (all at once, in C, where none is)."""
        changes = self.changes()
        assert changes is not None
        came = changes[0]
        if self._came_records is None:  # (the same for every name: looked up once)
            self._came_records = list(map(self._by_entry.__getitem__, map(id, came)))
        records = self._came_records
        found = list(map(dict.get, records, repeat(name), repeat(_UNKNOWN)))
        unknown = list(map(is_, found, repeat(_UNKNOWN)))
        if all(unknown) and len(set(map(id, records))) == len(records):  # (no record shared)
            return _kept_facts(records, name, came, count)
        for index in compress(range(len(found)), unknown):
            found[index] = fact_of(records[index], name, came[index], count)
        return cast("list[T]", found)

    def contributions(self, name: str, count: Callable[[Entry], T]) -> list[T]:
        """What ``count`` gives for each entry (a fact of the entry), in the list's order."""
        # (`fact_of` written out for the facts not worked out yet, few after a first run: a call
        # per entry, not per fact; `_by_entry` and `_entries` hold the entries in one order)
        by_entry = self._by_entry
        first_run = self._earlier_key_counts is None  # (a rerun's first entry may be new)
        if first_run and by_entry and name not in next(iter(by_entry.values())):  # one pass
            held, listed = by_entry.values(), self._entries.values()
            if not self._repeats:
                return _kept_facts(held, name, listed, count)
            # (an entry whose key an earlier one has shares its record: its fact not worked out again)
            firsts = [True] * len(by_entry)
            for index in self._repeats:
                firsts[index] = False
            _kept_facts(compress(held, firsts), name, compress(listed, firsts), count)
            return list(map(itemgetter(name), held))
        if self.changes() is not None:  # a rerun: the facts not known yet are those of the entries come in
            self._came_in(name, count)
            try:  # (looked up in C: no Python-level step per entry)
                return list(map(itemgetter(name), by_entry.values()))
            except KeyError:
                pass  # a fact the earlier run did not ask for
        # (a fact asked of some entries only: the known ones read and the others found in C)
        contributions = list(map(dict.get, by_entry.values(), repeat(name), repeat(_UNKNOWN)))
        unknown = list(compress(range(len(contributions)), map(is_, contributions, repeat(_UNKNOWN))))
        if unknown:
            records, entries = list(self._by_entry.values()), list(self._entries.values())
            for index in unknown:  # (entries of one key share a record: worked out once)
                record = records[index]
                found = record.get(name, _UNKNOWN)
                if found is _UNKNOWN:
                    found = record[name] = count(entries[index])
                contributions[index] = found
        return cast("list[T]", contributions)

    def crowded(
        self, name: str, count: Callable[[Entry], tuple[Hashable, ...]], counted: Counter[Hashable]
    ) -> list[Entry]:
        """The entries (in the list's order) that hold a value ``counted`` (the tally of ``name``)
        holds twice or more. When no value held by an entry that came in or went out crosses two,
        their keys are the earlier run's, less the keys gone, and those of the entries that came in
        and hold such a value: no pass over the list's facts."""
        kept = f"{name} (crowded)"
        earlier, before = self._earlier_whole.get(kept), self._earlier_tallies.get(name)
        brought, changes, entries = self._brought.get(name), self._changes, self._entries
        if brought is not None and changes is not None and before is not None and earlier is not None:
            came, gone = brought
            touched = set(chain.from_iterable(gone)).union(*came)
            if all((before[value] >= 2) == (counted[value] >= 2) for value in touched):
                keys, key_counts = self.keys, self.key_counts
                out = [key for key in changes[1] if key not in key_counts]
                into = [
                    keys[id(entry)]
                    for entry, values in zip(changes[0], came, strict=True)
                    if any(counted[value] >= 2 for value in values)
                ]
                held = cast("frozenset[EntryKey]", earlier[1]).difference(out).union(into)
                self.whole[kept] = (None, held)
                return list(compress(entries.values(), map(held.__contains__, keys.values())))
        twice = frozenset([value for value, number in counted.items() if number >= 2])
        found: list[Entry] = []
        if twice:  # (an entry's values tested in C: no call per entry)
            values = self.contributions(name, count)
            found = list(compress(entries.values(), map(not_, map(twice.isdisjoint, values))))
        self.whole[kept] = (None, frozenset(map(self.keys.__getitem__, map(id, found))))
        return found


def _kept_facts(
    records: Iterable[dict[str, object]], name: str, entries: Iterable[Entry], count: Callable[[Entry], T]
) -> list[T]:
    """``count`` of each of ``entries``, kept in its record as ``name``, worked out and kept in C (no
    Python-level step per entry); a record that holds the fact keeps it (entries of one key share a
    record: it keeps the first one's, equal to the others')."""
    kept: list[object] = list(map(dict.setdefault, records, repeat(name), map(count, entries)))
    return cast("list[T]", kept)


def note_moved(document: Document, moved: Mapping[int, Entry]) -> None:
    """Say that the entries of ``document`` whose ids ``moved`` holds are the earlier document's
    entries it names, moved and read the same way (the reader's incremental path knows it): their
    keys are not worked out again."""
    document.derived[_MOVED] = moved


def moved_entries(document: Document) -> Mapping[int, Entry]:
    """What `note_moved` said of ``document``: its moved entries' ids -> the earlier entries."""
    found = document.derived.get(_MOVED)
    return cast(Mapping[int, Entry], found) if isinstance(found, Mapping) else {}


def entry_keys(document: Document) -> Mapping[int, EntryKey] | None:
    """Each entry's key (`entry_key`) by the entry's id, when ``document`` keeps facts (a run of
    `engine.rerun_rules`); None otherwise. Equal keys of this run and the earlier one are one
    object: a sequence of keys compares with the earlier run's by identity."""
    facts = document.derived.get(_FACTS)
    return facts.keys if isinstance(facts, Facts) else None


def without_facts(document: Document) -> Document:
    """``document`` (the same tree, with what else its rules derived) without its entries' facts,
    for a run that keeps nothing for a later one: its rules work each fact out as `run_rules`'s do."""
    derived = {name: value for name, value in document.derived.items() if name != _FACTS}
    return replace(document, derived=derived)


def install(document: Document, earlier: Facts | None) -> Facts:
    facts = Facts(document, earlier)
    document.derived[_FACTS] = facts
    return facts


def fact_of(record: dict[str, object], name: str, entry: Entry, work: Callable[[Entry], T]) -> T:
    """``work(entry)``, kept in the entry's ``record`` of facts."""
    found = record.get(name, _UNKNOWN)
    if found is _UNKNOWN:
        found = record[name] = work(entry)
    return found  # type: ignore[return-value]  # (what ``work`` gave for this name)


def tallied(document: Document, name: str, count: Callable[[Entry], tuple[K, ...]]) -> Counter[K]:
    """What ``count`` gives for each entry (a fact of the entry), counted over the whole list. With
    `Facts`, the earlier run's count is brought up to date: the contributions of the entries that
    went out subtracted, those of the entries that came in added (a value may stay at zero)."""
    facts = document.derived.get(_FACTS)
    if isinstance(facts, Facts):
        return cast("Counter[K]", facts.tally(name, count))
    return Counter(chain.from_iterable(map(count, document.iter_entries())))


def fact(document: Document, name: str, entry: Entry, work: Callable[[Entry], T]) -> T:
    """``work(entry)``, remembered for the entry's key when the document has `Facts`. (Rules ask
    for tens of thousands of facts per run: one call, no more.)"""
    facts = document.derived.get(_FACTS)
    record = facts._by_entry.get(id(entry)) if isinstance(facts, Facts) else None
    if record is None:
        return work(entry)  # no facts kept, or an entry of another document
    found = record.get(name, _UNKNOWN)  # (`fact_of` written out: a call less per fact)
    if found is _UNKNOWN:
        found = record[name] = work(entry)
    return found  # type: ignore[return-value]  # (no `cast` call: asked tens of thousands of times)


def reused(document: Document, name: str, inputs: object, build: Callable[[], T]) -> T:
    """``build()``, or the value an earlier run (or an earlier rule of this run) built from equal
    ``inputs``: a fact of the whole list that depends on nothing else (no offsets, no nodes)."""
    facts = document.derived.get(_FACTS)
    return facts.reuse(name, inputs, build) if isinstance(facts, Facts) else build()


def each_fact(document: Document, name: str, work: Callable[[Entry], T]) -> Iterable[tuple[Entry, T]]:
    """Each entry of ``document``, in the list's order, with ``work(entry)`` (a fact of the entry: with
    `Facts`, kept for the entry's key, and passed over with no call per entry)."""
    return zip(*fact_lists(document, name, work), strict=True)


def fact_lists(document: Document, name: str, work: Callable[[Entry], T]) -> tuple[list[Entry], list[T]]:
    """The entries of ``document`` in the list's order, and ``work(entry)`` of each (`each_fact`'s, as
    two lists: for a pass over them in C, `itertools.compress` or `dict.fromkeys`)."""
    facts = document.derived.get(_FACTS)
    if isinstance(facts, Facts):
        return list(facts._entries.values()), facts.contributions(name, work)
    entries = list(document.iter_entries())
    return entries, [work(entry) for entry in entries]


def keeps_facts(document: Document) -> bool:
    """Whether ``document`` keeps its entries' facts (a run of `engine.rerun_rules`): then a fact is
    best asked for entry by entry, and a full pass over the list is what a rerun would avoid."""
    return isinstance(document.derived.get(_FACTS), Facts)


def folded(
    document: Document,
    name: str,
    count: Callable[[Entry], tuple[K, ...]],
    fold: Callable[[Counter[K]], T],
    refold: Callable[[T, Counter[K], Counter[K]], T],
) -> T:
    """``fold`` of what `tallied` counts (``name``, ``count``): a list-wide value made of the
    entries' contributions. With `Facts` and the earlier run's value, that value brought up to date
    instead: ``refold(earlier value, came in, went out)``, with the contributions of the entries that
    came in and of those that went out, counted (``refold`` makes a new value: the earlier run may be
    run from again)."""
    counted = tallied(document, name, count)
    facts = document.derived.get(_FACTS)
    if not isinstance(facts, Facts):
        return fold(counted)
    kept = f"{name} (folded)"
    earlier, changes = facts._earlier_whole.get(kept), facts.few_changes()
    gone = facts.went_out(name) if changes is not None else None
    if earlier is None or changes is None or gone is None or name not in facts._earlier_tallies:
        value = fold(counted)
    else:
        came = [cast("tuple[K, ...]", facts._by_entry[id(entry)][name]) for entry in changes[0]]
        came_in: Counter[K] = Counter(chain.from_iterable(came))
        went_out: Counter[K] = Counter(chain.from_iterable(cast("list[tuple[K, ...]]", gone)))
        value = refold(cast(T, earlier[1]), came_in, went_out)
    facts.whole[kept] = (None, value)
    return value


def fact_getter(document: Document, name: str, work: Callable[[Entry], T]) -> Callable[[Entry], T]:
    """`fact_once` of ``name`` and ``work`` as a function of the entry, with the tables it looks in
    found once (for a fact asked of every entry, by several rules)."""
    facts = document.derived.get(_FACTS)
    if not isinstance(facts, Facts):
        known = document.derived.setdefault(f"{name} (this run)", {})  # (as `fact_once` keeps it)
        assert isinstance(known, dict)

        def once(entry: Entry) -> T:
            found = known.get(id(entry), _UNKNOWN)
            if found is _UNKNOWN:
                found = known[id(entry)] = work(entry)
            return found  # type: ignore[no-any-return]  # (as in `fact`)

        return once
    by_entry = facts._by_entry

    def kept(entry: Entry) -> T:
        record = by_entry.get(id(entry))
        if record is None:
            return work(entry)  # an entry of another document
        found = record.get(name, _UNKNOWN)
        if found is _UNKNOWN:
            found = record[name] = work(entry)
        return found  # type: ignore[return-value]  # (as in `fact`)

    return kept


def fact_once(document: Document, name: str, entry: Entry, work: Callable[[Entry], T]) -> T:
    """``work(entry)`` as `fact` gives it, and without `Facts` worked out once per entry of this
    document all the same (for a fact that a rule's count and its check of the entry both ask for)."""
    if keeps_facts(document):
        return fact(document, name, entry, work)
    known = document.derived.setdefault(f"{name} (this run)", {})
    assert isinstance(known, dict)
    found = known.get(id(entry), _UNKNOWN)
    if found is _UNKNOWN:
        found = known[id(entry)] = work(entry)
    return cast(T, found)


_READ_AGAIN = "read again"


def note_read_again(document: Document, earlier_text: str, parts: Sequence[tuple[int, int, int]]) -> None:
    """Say that ``document``'s text is ``earlier_text`` with some parts replaced, and that its tree
    outside them is the earlier tree moved (the reader's incremental path read those parts alone
    again): what a rule finds from the lines outside them stays the same. ``parts``: each part, in
    order, as its start and end in ``earlier_text`` and how far the text after it moved (its offset
    now less its earlier offset). A part is the own text of a section: it starts on the line after a
    heading and ends where a heading or the text does."""
    document.derived[_READ_AGAIN] = (earlier_text, tuple(parts))


def read_again(document: Document) -> tuple[str, tuple[tuple[int, int, int], ...]] | None:
    """What `note_read_again` said of ``document``: the earlier text and the parts of it read again."""
    found = document.derived.get(_READ_AGAIN)
    return cast("tuple[str, tuple[tuple[int, int, int], ...]]", found) if isinstance(found, tuple) else None


def carried(document: Document, name: str) -> tuple[str, object] | None:
    """What the earlier run `carry`-ed under ``name``, with the text it ran on; None without one."""
    facts = document.derived.get(_FACTS)
    found = facts._earlier_whole.get(name) if isinstance(facts, Facts) else None
    return cast("tuple[str, object]", found) if found is not None else None


def carry(document: Document, name: str, value: object) -> None:
    """Keep ``value`` (of ``document``'s text) for the next run on an edited text (`carried`)."""
    facts = document.derived.get(_FACTS)
    if isinstance(facts, Facts):
        facts.whole[name] = (document.text, value)


def crowded(document: Document, name: str, count: Callable[[Entry], tuple[K, ...]]) -> list[Entry] | None:
    """The entries (in the list's order) that hold a value that the whole list holds twice or more,
    of the values ``count`` gives (a fact of the entry, counted as `tallied` counts ``name``): where a
    list-wide rule that pairs entries by those values can find something. With `Facts`, the count is
    the earlier run's brought up to date by the entries that went out and came in, each entry's
    values are its facts, and the keys of the entries found are kept for the next run (`Facts.crowded`):
    no index of who holds what is kept (making one costs a first run more than it saves). None
    without `Facts`: every entry may be."""
    facts = document.derived.get(_FACTS)
    if not isinstance(facts, Facts):
        return None
    return facts.crowded(name, count, facts.tally(name, count))  # (the count may hold a zero)
