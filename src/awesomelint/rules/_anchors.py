"""Same-page anchors: which fragments resolve, and headings that look misspelled."""

from __future__ import annotations

import operator
from itertools import chain
from typing import NamedTuple
from urllib.parse import unquote

from ..entry_facts import reused
from ..model import Anchor, Document, Section
from ..slug import slugify


def targets(document: Document) -> set[str]:
    """Every fragment that resolves on the page: heading slugs, HTML ids and names, the top."""
    return {s.slug for s in document.iter_sections()} | document.html_ids | {"", "top"}


def fragment(anchor: Anchor) -> str:
    return unquote(anchor.fragment)


def case_targets(resolved: set[str]) -> dict[str, str]:
    """Lower-cased fragment -> the target it reaches when case is ignored."""
    found: dict[str, str] = {}
    for target in sorted(resolved):
        found.setdefault(target.lower(), target)
    return found


def _bounded_distance(a: str, b: str, limit: int) -> int | None:
    """The edit distance of ``a`` and ``b`` if it is at most ``limit``, else None: only the band of
    the table within ``limit`` of its diagonal is filled, and a row beyond the limit ends it."""
    size = len(b)
    if abs(len(a) - size) > limit:
        return None
    beyond = limit + 1
    previous = [j if j <= limit else beyond for j in range(size + 1)]
    # (the cell's three ways compared inline, not by `min`: a call of `min` costs more than the rest
    # of the cell, and lists with many broken anchors fill hundreds of thousands of cells)
    for i, char_a in enumerate(a, 1):
        low = i - limit if i > limit else 1
        high = i + limit if i + limit < size else size
        current = [beyond] * (size + 1)
        current[0] = i if i <= limit else beyond
        left = best = current[low - 1]  # the cell before the band's first, and the row's least
        diagonal = previous[low - 1]
        for j in range(low, high + 1):
            above = previous[j]
            cell = diagonal if char_a == b[j - 1] else diagonal + 1
            if above + 1 < cell:
                cell = above + 1
            if left + 1 < cell:
                cell = left + 1
            current[j] = left = cell
            diagonal = above
            if cell < best:
                best = cell
        if best > limit:
            return None
        previous = current
    return previous[-1] if previous[-1] <= limit else None


def _typo_limit(length: int) -> int:
    return max(1, length // 5)


def near(a: str, b: str) -> bool:
    """Close enough to be a typo of each other: one or two edits, and not a short word."""
    shorter = len(a) if len(a) < len(b) else len(b)  # (not `min`: asked for every candidate pair)
    if shorter < 4:
        return False
    distance = _bounded_distance(a.lower(), b.lower(), _typo_limit(shorter))
    return distance is not None and distance > 0


class NearIndex:
    """Heading slugs indexed by their pairs of letters, to find those `near` a fragment without
    comparing it with every one. Within ``limit`` edits, one of ``limit + 1`` pieces of the fragment
    is left whole (each edit touches one piece), so a slug near it contains one of its pieces: only
    slugs that hold a piece's first pair, and the piece, are compared."""

    def __init__(self, slugs: list[str]) -> None:
        self._slugs = slugs
        self._found: dict[str, list[str]] = {}  # each fragment's answer, asked again on the next run
        self._by_pair: dict[str, list[int]] = {}
        for index, slug in enumerate(slugs):
            for pair in _pairs(slug):
                self._by_pair.setdefault(pair, []).append(index)

    def near(self, wanted: str) -> list[str]:
        """The slugs near ``wanted``, in their order (as `near` on each would find them)."""
        if wanted not in self._found:
            self._found[wanted] = self._near(wanted)
        return self._found[wanted]

    def _near(self, wanted: str) -> list[str]:
        if len(wanted) < 4:
            return []
        lowered, limit = wanted.lower(), _typo_limit(len(wanted))  # no pair of lengths needs more
        size = len(lowered) // (limit + 1)
        pieces = [lowered[i * size : (i + 1) * size] for i in range(limit)] + [lowered[limit * size :]]
        candidates: set[int] = set()
        for piece in pieces:
            for index in self._by_pair.get(piece[:2], ()):
                if index not in candidates and piece in self._slugs[index].lower():
                    candidates.add(index)
        return [self._slugs[index] for index in sorted(candidates) if near(self._slugs[index], wanted)]


def _pairs(slug: str) -> set[str]:
    """The pairs of letters of ``slug`` lowered (as many as ``slug`` has: lowering may lengthen it)."""
    lowered = slug.lower()
    if len(lowered) == len(slug):  # (most slugs: the pairs made in C)
        return set(map(operator.add, lowered, lowered[1:]))
    return {lowered[i : i + 2] for i in range(len(slug) - 1)}


class HeadingTypo(NamedTuple):
    """A heading word that a broken anchor spells otherwise: the heading is probably wrong."""

    section: Section
    word: str
    correction: str
    anchor: Anchor


class Fragments:
    """What each fragment of a same-page link reaches, worked out once per fragment as written
    while the headings and ids stay the same (`fragments`)."""

    def __init__(self, slugs: list[str], html_ids: frozenset[str]) -> None:
        self._resolved = {*slugs, *html_ids, "", "top"}  # (`targets`)
        self._by_case = case_targets(self._resolved)
        self._headings = NearIndex(slugs)
        self._near: dict[str, list[str] | None] = {}

    def near(self, written: str) -> list[str] | None:
        """None when the fragment ``written`` resolves (or would, its case aside); else the heading
        slugs near it (`NearIndex.near`)."""
        if written not in self._near:
            wanted = unquote(written)
            resolves = wanted in self._resolved or wanted.lower() in self._by_case
            self._near[written] = None if resolves else self._headings.near(slugify(wanted))
        return self._near[written]


def fragments(document: Document) -> Fragments:
    """The document's `Fragments`, kept between runs while the headings and ids stay."""
    slugs = [s.slug for s in document.iter_sections()]
    html_ids = frozenset(document.html_ids)
    return reused(document, "fragments", (tuple(slugs), html_ids), lambda: Fragments(slugs, html_ids))


def heading_typos(document: Document) -> list[HeadingTypo]:
    """Headings that a broken anchor spells otherwise (found again only when a heading, an id or
    an anchor changed)."""
    sections = list(document.iter_sections())
    inputs = (
        tuple((s.text, s.slug) for s in sections),
        frozenset(document.html_ids),
        tuple((a.fragment, a.text) for a in document.anchors),
    )
    found = reused(document, "heading typos", inputs, lambda: _heading_typos(document, sections))
    return [HeadingTypo(sections[s], word, right, document.anchors[a]) for s, word, right, a in found]


def _heading_typos(document: Document, sections: list[Section]) -> list[tuple[int, str, str, int]]:
    """Each heading typo as its section's index, the word, its correction and the anchor's index."""
    resolved = targets(document)
    lowered = {t.lower() for t in resolved}
    # Each heading under its slugged words with one left blank: a heading that differs from a
    # fragment in that one word alone is found by a look-up, not by a scan of every heading.
    by_others: dict[tuple[int, tuple[str, ...]], list[tuple[int, list[str], list[str]]]] = {}
    words_of = [section.text.split() for section in sections]
    slug_of = {word: slugify(word) for word in set(chain.from_iterable(words_of))}  # (words recur)
    for number, words in enumerate(words_of):
        slugged = list(map(slug_of.__getitem__, words))
        for index in range(len(words)):
            others = (index, tuple(slugged[:index] + slugged[index + 1 :]))
            by_others.setdefault(others, []).append((number, words, slugged))
    found: list[tuple[int, str, str, int]] = []
    for place, anchor in enumerate(document.anchors):
        wanted = fragment(anchor)
        if wanted in resolved or wanted.lower() in lowered:
            continue
        wanted_words = slugify(wanted).split("-")
        candidates = []
        for index, correct in enumerate(wanted_words):
            others = (index, tuple(wanted_words[:index] + wanted_words[index + 1 :]))
            for heading, words, slugged in by_others.get(others, ()):
                if (
                    slugged[index] != correct
                    and near(slugged[index], correct)
                    and not _text_agrees(anchor, words[index])
                ):
                    candidates.append((heading, words[index], _spelled_like(correct, words[index], anchor)))
        if len(candidates) == 1:
            heading, word, correction = candidates[0]
            if all(typo[0] != heading for typo in found):
                found.append((heading, word, correction, place))
    return found


def _text_agrees(anchor: Anchor, heading_word: str) -> bool:
    """The link's text spells the word as the heading does (`[Tools](#tool)`): the fragment is the typo."""
    return slugify(heading_word) in {slugify(word) for word in anchor.text.split()}


def _spelled_like(slug_word: str, heading_word: str, anchor: Anchor) -> str:
    """The correction as the anchor or its link text writes it, in the heading word's case."""
    for word in (anchor.text or anchor.fragment).replace("-", " ").split():
        if word.lower() == slug_word:
            return word
    return slug_word.capitalize() if heading_word[:1].isupper() else slug_word
