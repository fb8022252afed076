"""Matching an entry with records (research notes, "Recommended matching rules"): titles compared
after normalisation with digits kept (and required equal), most of the listed authors to confirm a
record, the exact title over any near one, and a choice
among matches that prefers the peer-reviewed record over the preprint. A source's own relevance score
is never taken as proof."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..model import Entry
from ..venues import VenueTable
from .records import Record, Verification, name_tokens, normalized_title, person, plain, surname

Level = Literal["exact", "close", "possible"]

CLOSE_RATIO = 0.95  # token-sort ratio for a near title confirmed by an author
POSSIBLE_RATIO = 0.90  # below this a record is not worth mentioning
LENGTH_RATIO = 0.9
DROPPED_KINDS = frozenset({"Editorship", "Withdrawn Items"})
NOT_COMPARABLE = re.compile(r"\b(PMLR|LNCS|Lecture Notes|Proceedings of Machine Learning Research)\b", re.I)
_PARENTHESISED = re.compile(r"\(([^()]*)\)")
_NOISE = re.compile(
    r"\b(proceedings of( the)?|(19|20)\d{2}|\d+(st|nd|rd|th)|volume \d+|vol\. \d+|"
    r"long papers|short papers|main|poster|oral|spotlight|conference track|track)\b",
    re.I,
)


def token_sort_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split()))).ratio()


def authors_agree(names: Sequence[str], record: Record) -> bool:
    """Whether the entry's authors are the record's: one listed name must be a record author, and when
    the entry lists several, most of them must be (a shared surname alone is how two papers of the
    same title by other people get confused). A name counts when one of its words is a record
    author's surname, or a misspelling of it (`Pfeifer`, which AL805 reports)."""
    surnames = {surname(name) for name in record.authors} - {""}
    if not surnames:
        return False
    agreeing = sum(1 for name in names if any(_is_surname(token, surnames) for token in name_tokens(name)))
    return agreeing >= 1 and 2 * agreeing > len(names)


def _is_surname(word: str, surnames: set[str]) -> bool:
    if word in surnames:
        return True
    return len(word) >= 5 and any(
        len(s) >= 5 and difflib.SequenceMatcher(None, word, s).ratio() >= 0.8 for s in surnames
    )


_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})


def numbers(normalized: str) -> list[str]:
    """The numbers of a normalised title, digits and roman numerals, in order: `BLIP-2` and `BLIP-3`,
    or `Part II` and `Part III`, are different papers however alike the rest."""
    return [token for token in normalized.split() if token in _ROMAN] + re.findall(r"\d+", normalized)


def match_level(title: str, names: Sequence[str], record: Record) -> Level | None:
    """How sure it is that ``record`` is the paper: ``exact`` (the same title, and the same authors
    when both give them), ``close`` (a near title with the same numbers, and the same authors),
    ``possible`` (worth a look, never a fix), or None."""
    wanted, found = normalized_title(title), normalized_title(record.title)
    if not wanted or not found:
        return None
    if wanted == found:
        if names and record.authors and not authors_agree(names, record):
            return "possible"  # the same title by other people: another paper, or a wrong author line
        return "exact"
    if numbers(wanted) != numbers(found):
        return None
    ratio = token_sort_ratio(wanted, found)
    lengths = min(len(wanted), len(found)) / max(len(wanted), len(found))
    if ratio >= CLOSE_RATIO and lengths >= LENGTH_RATIO and authors_agree(names, record):
        return "close"
    return "possible" if ratio >= POSSIBLE_RATIO else None


@dataclass(frozen=True)
class Wanted:
    """What is known of the paper being looked up: from a list's entry, or from an identifier's record
    (`add`)."""

    title: str
    names: Sequence[str] = ()
    year: int | None = None
    venue: str | None = None  # as listed
    openreview: str | None = None  # the paper's OpenReview id: a record linking to it is the paper

    @classmethod
    def of(cls, entry: Entry) -> Wanted:
        return cls(
            entry.title.text if entry.title else "",
            entry.authors.names if entry.authors else (),
            entry.year,
            entry.venue.name.text if entry.venue else None,
        )


def choose(
    wanted: Wanted, records: Sequence[Record], venues: VenueTable, searched: tuple[str, ...] = ()
) -> Verification:
    """The verification of the paper ``wanted`` describes, from the records the sources returned."""
    levels: dict[int, str] = {}
    possible: list[Record] = []
    for index, record in enumerate(records):
        if record.kind in DROPPED_KINDS:
            continue
        proven = wanted.openreview is not None and f"id={wanted.openreview}" in (record.url or "")
        level = "exact" if proven else match_level(wanted.title, wanted.names, record)
        if level in ("exact", "close"):
            levels[index] = level
        elif level == "possible":
            possible.append(record)
    # The exact record wins over any near one: a near one is then a sibling (`BLIP-2` and `BLIP-3`).
    best_level = "exact" if "exact" in levels.values() else "close"
    matched = [records[index] for index, level in levels.items() if level == best_level]
    if not matched:
        if possible:
            return Verification("possible", possible[0], searched=searched)
        return Verification("not-found", searched=searched)
    reviewed = [r for r in matched if not r.preprint]
    preprints = [r for r in matched if r.preprint]
    if not reviewed:
        return Verification("matched", preprints[0], searched=searched)
    listed = wanted.venue

    def preference(record: Record) -> tuple[bool, bool, bool, bool, int]:
        name = record_venue(record, venues)
        return (
            record.year == wanted.year,
            listed is not None and name is not None and same_venue(listed, name, venues),
            "@" not in (record.venue or "") and "workshop" not in (record.venue or "").lower(),
            record.source == "dblp",  # the curated source, whose short venue names fit a list
            record.year or 0,
        )

    best = max(reviewed, key=preference)
    return Verification("matched", best, preprints[0] if preprints else None, searched)


def record_venue(record: Record, venues: VenueTable) -> str | None:
    """The record's venue as a known canonical name (``EMNLP (1)`` -> ``EMNLP``, ``Annual Meeting of
    the Association for Computational Linguistics`` -> ``ACL``), or None when it cannot be compared:
    unknown to the venue table, a series (PMLR, LNCS), a workshop held at a conference."""
    text = record.venue or ""
    if not text.strip() or NOT_COMPARABLE.search(text) or "@" in text:
        return None
    findings = "findings" in text.lower()
    # Crossref's container title names the conference after a colon ("Findings of the Association for
    # Computational Linguistics: EMNLP 2020"): that part decides which Findings, before the whole.
    conference = text.rsplit(":", 1)[1] if findings and ":" in text else ""
    for candidate in (
        [*_venue_candidates(conference), *_venue_candidates(text)] if conference else _venue_candidates(text)
    ):
        name = venues.canonical_name(candidate)
        if name is None:
            continue
        if findings and "findings" not in name.lower():
            return venues.canonical_name(f"{name} Findings")
        return name
    return None


def _venue_candidates(text: str) -> list[str]:
    inner = [m[1] for m in _PARENTHESISED.finditer(text)]
    outer = _PARENTHESISED.sub(" ", text)
    found: list[str] = []
    for piece in (text, outer, *reversed(inner)):
        for part in (piece, *re.split(r"[/:]", piece)):
            cleaned = " ".join(_NOISE.sub(" ", part.replace("Findings of the", "")).split()).strip(" ,.-")
            for candidate in (part.strip(), cleaned, cleaned.removeprefix("Findings of ")):
                if candidate and candidate not in found:
                    found.append(candidate)
    return found


def same_venue(listed: str, canonical: str, venues: VenueTable) -> bool:
    """Whether the list's venue names the record's: the same canonical name, or a joint venue of
    which it is a part (``EMNLP-IJCNLP`` and ``EMNLP``), or the name as a word of the list's."""
    if venues.canonical_name(listed) == canonical:
        return True
    parts = [part for part in re.split(r"[-/&+,\s]+", listed) if part]
    if any(venues.canonical_name(part) == canonical for part in parts):
        return True
    return re.search(rf"(?<![\w]){re.escape(plain(canonical))}(?![\w])", plain(listed)) is not None


def is_preprint_venue(name: str, venues: VenueTable) -> bool:
    canonical = venues.canonical_name(name)
    return canonical is not None and canonical in venues.preprints


@dataclass
class AuthorDifferences:
    """How an entry's author line differs from the record's authors."""

    missing: list[str] = field(default_factory=list)  # the record's names the line skips
    extra: list[str] = field(default_factory=list)  # the line's names the record lacks
    misspelled: list[tuple[str, str, str]] = field(default_factory=list)  # (name, word, record's word)
    reordered: bool = False

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra or self.misspelled or self.reordered)


def author_differences(names: Sequence[str], record: Record, et_al: bool) -> AuthorDifferences | None:
    """The differences, or None when the line cannot be compared (a name in a script without Latin
    letters, or a record without authors)."""
    surnames = [surname(name) for name in record.authors]
    if not surnames or not all(surnames) or not all(name_tokens(name) for name in names):
        return None
    found = AuthorDifferences()
    used: dict[int, int] = {}  # entry name -> record author
    for index, name in enumerate(names):
        tokens = name_tokens(name)
        place = next((j for j, s in enumerate(surnames) if s in tokens and j not in used.values()), None)
        if place is not None:
            used[index] = place
    unmatched = [j for j in range(len(surnames)) if j not in used.values()]
    for index, name in enumerate(names):
        if index in used:
            continue
        near = _misspelled(name, [(j, surnames[j]) for j in unmatched], index)
        if near is None:
            found.extra.append(name)
            continue
        j, word = near
        used[index] = j
        unmatched.remove(j)
        found.misspelled.append((name, word, _written_surname(record.authors[j])))
    if not et_al:
        # Names missing at the end are how many lists shorten a long author line: only a name
        # missing between two the line gives is reported.
        last = max(used.values(), default=-1)
        found.missing = [record.authors[j] for j in unmatched if j < last]
    order = [used[i] for i in sorted(used)]
    found.reordered = record.source != "crossref" and order != sorted(order)  # Crossref sorts NeurIPS A-Z
    return found


def _misspelled(name: str, candidates: list[tuple[int, str]], index: int) -> tuple[int, str] | None:
    """The record author (by index) and the word of ``name`` that is a misspelling of their surname."""
    best: tuple[float, int, str] | None = None
    for word in name_tokens(name):
        for j, wanted in candidates:
            if len(word) < 4 or len(wanted) < 4:
                continue
            ratio = difflib.SequenceMatcher(None, word, wanted).ratio() - (0.01 if j != index else 0)
            if ratio >= 0.8 and (best is None or ratio > best[0]):
                best = (ratio, j, word)
    return None if best is None else (best[1], best[2])


def _written_surname(name: str) -> str:
    words = person(name).split()
    return words[-1] if words else name
