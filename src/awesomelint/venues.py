"""The built-in venue list (package data) and name lookup."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .data.venue_names import RENAMED, VENUES

# Words around a venue's name that do not change which venue it is.
_QUALIFIERS = re.compile(
    r"^(?:proceedings of (?:the )?|proc\.? |findings of (?:the )?|in )|"
    r"(?: findings| workshops?| main| short| long| demo| oral| spotlight| poster| \(.*\))$",
    re.IGNORECASE,
)
_PUBLISHER = re.compile(r"^(?:ieee|acm|usenix|ieee/acm)\s+", re.IGNORECASE)
_JOINT = re.compile(r"\s*[-/+]\s*")
# Preprint servers are venues of their own (bioRxiv is not arXiv); only these names are one server.
INTERCHANGEABLE_PREPRINTS = frozenset({"arXiv", "CoRR"})


@dataclass(frozen=True)
class VenueTable:
    """Canonical venue names by folded spelling, and which canonical names are preprint servers."""

    canonical: Mapping[str, str]
    preprints: frozenset[str]
    # Each folded spelling's right case: the canonical name's or an alias's own (`arXiv`, `Interspeech`).
    cased: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def miscasing(self, name: str) -> str | None:
        """The right spelling when ``name`` is a known venue or alias written in another case
        (`Arxiv`, `Neurips`): an error however often a list repeats it."""
        right = self.cased.get(_fold(name), ())
        return right[0] if right and " ".join(name.split()) not in right else None

    def canonical_name(self, name: str) -> str | None:
        """The canonical spelling of ``name`` when it is a known venue or alias, else None."""
        return self.canonical.get(_fold(name))

    def alias_target(self, name: str) -> str | None:
        """The canonical name when ``name`` is an old name (``NIPS``) or a case variant of it; None when
        it is canonical already, unknown, a full name, or differs only by a publisher (``IEEE TNNLS``)."""
        canonical = self.canonical_name(name)
        if canonical is None or canonical == name:
            return None
        stripped = _strip(name)
        if stripped != name.strip() and _fold(stripped) == _fold(canonical):
            return None  # only a publisher or qualifier added: IEEE TNNLS
        if len(name.split()) >= 3 and _fold(name) != _fold(canonical):
            return None  # a full name ("Neural Information Processing Systems") is not an old name
        return canonical

    def is_known(self, name: str) -> bool:
        if self.canonical_name(name) is not None:
            return True
        stripped = _strip(name)
        if self.canonical_name(stripped) is not None:
            return True
        if _WORKSHOP_SUFFIX.search(stripped) and self.canonical_name(stripped[:-1]) is not None:
            return True  # ICCVW, CVPRW: the conference's workshops
        parts = [part for part in _JOINT.split(stripped) if part]
        return len(parts) > 1 and all(self.canonical_name(_strip(part)) is not None for part in parts)

    def near_miss(self, name: str, also: Iterable[str] = ()) -> str | None:
        """The known venue (or one of ``also``, the list's own frequent venues) that ``name`` looks
        like a misspelling of. Short names (under six letters) are crowded with real venues one
        edit apart (`EICS`, `ICS`), so for them only two neighbours swapped (`CPVR`) or a letter
        dropped from a longer name (`NAAC`) counts; longer ones may be one edit away, two from
        nine letters on, a swap counting as one (`NeurrIPS`, `Elsveier`)."""
        return self.near_misses([name], also)[name]

    def near_misses(self, names: Iterable[str], also: Iterable[str] = ()) -> dict[str, str | None]:
        """Each of ``names``' `near_miss` among the same ``also``: their letters worked out once, and
        the nearest known venue of each name's letters kept in the table (it depends on them alone)."""
        others: dict[int, list[tuple[int, str, str]]] = {}
        for number, other in enumerate(also):
            letters = _letters(other)
            others.setdefault(len(letters), []).append((number, other, letters))
        return {name: self._near_miss(name, others) for name in names}

    def _near_miss(self, name: str, others: Mapping[int, list[tuple[int, str, str]]]) -> str | None:
        wanted = _letters(_strip(name))
        if len(wanted) <= 3:
            return None
        size = len(wanted)
        limit = 0 if size < 6 else 1 if size < 9 else 2
        window = max(limit, 1)
        # the names of about as many letters, each in its order (of two as near, the first wins:
        # a known name before the list's own)
        lengths = range(size - window, size + window + 1)
        if wanted in self._nearest_known:
            best = self._nearest_known[wanted]
        else:
            known = sorted(named for length in lengths for named in self._by_length.get(length, ()))
            best = self._nearest_known[wanted] = _nearest(wanted, limit, known, None)
        best = _nearest(
            wanted, limit, sorted(other for length in lengths for other in others.get(length, ())), best
        )
        return best[1] if best else None

    @functools.cached_property
    def _nearest_known(self) -> dict[str, tuple[int, str] | None]:
        """The nearest known venue of each name's letters asked for so far, with its distance."""
        return {}

    @functools.cached_property
    def _by_length(self) -> dict[int, list[tuple[int, str, str]]]:
        """Each canonical name once, with its letters, by their number: what `near_miss` compares a
        name with (numbered in the table's order)."""
        found: dict[int, list[tuple[int, str, str]]] = {}
        for number, name in enumerate(dict.fromkeys(self.canonical.values())):
            letters = _letters(name)
            found.setdefault(len(letters), []).append((number, name, letters))
        return found

    def extended(self, known: Iterable[str], aliases: Mapping[str, str]) -> VenueTable:
        canonical, cased = dict(self.canonical), dict(self.cased)
        for name in known:
            canonical.setdefault(_fold(name), name)
        for alias, target in aliases.items():
            canonical[_fold(alias)] = target
            canonical.setdefault(_fold(target), target)
        for name in (*known, *aliases, *aliases.values()):  # the configuration's spellings are right
            cased[_fold(name)] = (name, *cased.get(_fold(name), ()))
        return VenueTable(canonical, self.preprints, cased)


_WORKSHOP_SUFFIX = re.compile(r"[A-Z]{3,}W$")


def name_of_its_time(name: str, year: int | None) -> bool:
    """Whether ``name`` is a venue's former name used for a year before the venue was renamed
    (`NIPS 2017`): right as written, whatever the list calls the venue in later years."""
    if year is None:
        return False
    renamed = _RENAMED_IN.get(_fold(name))
    return renamed is not None and year < renamed


def _renamed_in() -> dict[str, int]:
    """Each former name, folded, and the year its venue took its new name (the latest, if two)."""
    found: dict[str, int] = {}
    for old, (_, first_year) in RENAMED.items():
        found[_fold(old)] = max(first_year, found.get(_fold(old), first_year))
    return found


@functools.lru_cache(maxsize=2**12)  # asked of a list's frequent venues once for each unknown name
def _letters(name: str) -> str:
    return "".join(filter(str.isalnum, name.casefold()))


def _nearest(
    wanted: str, limit: int, candidates: list[tuple[int, str, str]], best: tuple[int, str] | None
) -> tuple[int, str] | None:
    """The nearest of ``candidates`` (numbered names with their letters, of about as many letters
    as ``wanted``, in order) that is near enough to ``wanted`` and nearer than ``best``, with its
    distance; ``best`` when none is."""
    window = max(limit, 1)
    used = set(wanted)
    for _, candidate, letters in candidates:
        if letters == wanted:
            continue
        if len(used.symmetric_difference(letters)) > 2 * window:
            continue  # an edit adds or takes away two of the letters used at the most: too far
        if limit == 0:
            close = _swapped(wanted, letters) or (
                len(letters) == len(wanted) + 1 and len(letters) >= 5 and _edits(wanted, letters, 1) == 1
            )
            distance = 1 if close else 2
        else:
            distance = _edits(wanted, letters, limit)
        if distance <= window and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best


def _swapped(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with two neighbouring letters swapped."""
    if len(a) != len(b):
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def _edits(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps (optimal string alignment) when it is at most ``limit``,
    else ``limit + 1``. Only the band of cells within ``limit`` of the diagonal is worked out: a cell
    further off costs more than ``limit`` (the distance grows by one a step off the diagonal)."""
    beyond = limit + 1
    if abs(len(a) - len(b)) > limit:
        return beyond
    previous2: list[int] = []
    previous = [min(j, beyond) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [beyond] * (len(b) + 1)
        current[0] = min(i, beyond)
        low, high = max(1, i - limit), min(len(b), i + limit)
        letter = a[i - 1]
        for j in range(low, high + 1):  # (comparisons, not min(): this is the hot loop)
            value = previous[j - 1] if letter == b[j - 1] else previous[j - 1] + 1
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if (
                i > 1
                and j > 1
                and letter == b[j - 2]
                and a[i - 2] == b[j - 1]
                and previous2[j - 2] + 1 < value
            ):
                value = previous2[j - 2] + 1
            current[j] = value if value < beyond else beyond
        if min(current[low - 1 : high + 1]) > limit:
            return beyond
        previous2, previous = previous, current
    return previous[-1]


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _strip(name: str) -> str:
    previous = None
    while previous != name:
        previous = name
        name = _PUBLISHER.sub("", _QUALIFIERS.sub("", name.strip())).strip()
    return name


_RENAMED_IN = _renamed_in()


@functools.cache
def builtin_venues() -> VenueTable:
    data = VENUES
    canonical: dict[str, str] = {}
    cased: dict[str, tuple[str, ...]] = {}
    for group in data.values():
        for name, aliases in group.items():
            canonical[_fold(name)] = name
            for alias in aliases:
                canonical.setdefault(_fold(alias), name)
            for spelling in (name, *aliases):
                cased[_fold(spelling)] = (*cased.get(_fold(spelling), ()), spelling)
    return VenueTable(canonical, frozenset(data["preprints"]), cased)
