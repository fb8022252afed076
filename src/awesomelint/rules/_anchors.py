"""Same-page anchors: which fragments resolve, and headings that look misspelled."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import unquote

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


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def near(a: str, b: str) -> bool:
    """Close enough to be a typo of each other: one or two edits, and not a short word."""
    distance = edit_distance(a.lower(), b.lower())
    return 0 < distance <= max(1, min(len(a), len(b)) // 5) and min(len(a), len(b)) >= 4


class HeadingTypo(NamedTuple):
    """A heading word that a broken anchor spells otherwise: the heading is probably wrong."""

    section: Section
    word: str
    correction: str
    anchor: Anchor


def heading_typos(document: Document) -> list[HeadingTypo]:
    resolved = targets(document)
    lowered = {t.lower() for t in resolved}
    found: list[HeadingTypo] = []
    for anchor in document.anchors:
        wanted = fragment(anchor)
        if wanted in resolved or wanted.lower() in lowered:
            continue
        wanted_words = slugify(wanted).split("-")
        candidates = []
        for section in document.iter_sections():
            words = section.text.split()
            if len(words) != len(wanted_words):
                continue
            pairs = [(w, c) for w, c in zip(words, wanted_words, strict=True) if slugify(w) != c]
            if (
                len(pairs) == 1
                and near(slugify(pairs[0][0]), pairs[0][1])
                and not _text_agrees(anchor, pairs[0][0])
            ):
                candidates.append((section, pairs[0][0], _spelled_like(pairs[0][1], pairs[0][0], anchor)))
        if len(candidates) == 1:
            section, word, correction = candidates[0]
            if all(t.section is not section for t in found):
                found.append(HeadingTypo(section, word, correction, anchor))
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
