from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import NamedTuple

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..entry_facts import fact_getter, tallied
from ..model import Document, Entry
from ..text import Span


def _field_spans(entry: Entry) -> list[tuple[int, int, str, Span]]:
    """The entry's fields: (start, order written here, kind, span), sorted by start."""
    spans: list[tuple[int, int, str, Span]] = []
    title, venue, authors = entry.title, entry.venue, entry.authors
    if title is not None:
        spans.append((title.span.start, 0, "title", title.span))
    if venue is not None and not venue.in_badge:
        spans.append((venue.span.start, 1, "venue", venue.span))
    if authors is not None:
        spans.append((authors.span.start, 2, "authors", authors.span))
    for order, link in enumerate(entry.links, 3):
        # A badge (an image link) is decoration: lists put badges side by side on purpose.
        if link.label and link.role != "description":
            spans.append((link.span.start, order, "link", link.span))
    spans.sort()  # (by start, then as written above: the order never ties, no span is compared)
    return spans


class _Pair(NamedTuple):
    """Two fields with only punctuation and space between them, at offsets from the entry's start."""

    before: str
    after: str
    left_start: int
    left_end: int
    right_start: int
    right_end: int
    touching: bool  # no white space between them


def _pairs(text: str, entry: Entry) -> tuple[_Pair, ...]:
    """The entry's pairs of neighbouring fields (a fact of the entry: see `entry_facts`)."""
    title, links = entry.title, entry.links
    if (
        len(links) == 1
        and title is not None
        and entry.venue is None
        and entry.authors is None
        and links[0].span.start <= title.span.start < links[0].span.end
    ):
        return ()  # a title in its link and nothing else (most items): no pair, no spans sorted
    found = []
    at = entry.span.start
    for (_, _, before, left), (_, _, after, right) in pairwise(_field_spans(entry)):
        if right.start < left.end:
            continue  # nested, like a title inside its link
        gap = text[left.end : right.start]
        if gap.strip("*_[]().,;: \t\n") != "":
            continue
        touching = gap == "".join(gap.split())
        offsets = (left.start - at, left.end - at, right.start - at, right.end - at)
        found.append(_Pair(before, after, *offsets, touching))
    return tuple(found)


def _kind(pair: _Pair) -> tuple[str, bool]:
    return "links" if pair.before == pair.after == "link" else "fields", pair.touching


_PAIRS = "AL205 field pairs"  # the function giving each entry's pairs, for the rest of this run


def _pairs_getter(document: Document) -> Callable[[Entry], tuple[_Pair, ...]]:
    """The entry's pairs as a function of the entry, worked out once per run (the tally and the
    check both ask) and kept with the entry's facts; the function made once per run."""
    found = document.derived.get(_PAIRS)
    if found is None:
        found = document.derived[_PAIRS] = fact_getter(
            document, "field pairs", functools.partial(_pairs, document.text)
        )
    return found  # type: ignore[return-value]  # (what fact_getter made)


def _habits(ctx: Context) -> Counter[tuple[str, bool]]:
    """Two habits: how the list joins its links (`[[Paper](u)][[Code](u)]` may be its style), and
    how it joins its other fields (kept up to date entry by entry between runs)."""
    pairs = _pairs_getter(ctx.document)
    return tallied(ctx.document, "field joins", lambda entry: tuple(map(_kind, pairs(entry))))


def _touching_habits(habits: Counter[tuple[str, bool]]) -> frozenset[str]:
    """The kinds of pair the list writes touching at least as often as spaced: whether an entry's
    pair is a slip depends on these alone (the counts show in the message)."""
    return frozenset(kind for kind in ("links", "fields") if habits[kind, True] >= habits[kind, False])


@entry_rule(
    "AL205",
    "field-spacing",
    "Entry fields run together with no space between them, unlike the list's other entries",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "whitespace"),
    tally=_habits,
    cites_counts=True,
    decisive=_touching_habits,
)
def field_spacing(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    text = ctx.document.text
    habits: Counter[tuple[str, bool]] = ctx.tally
    found: list[Diagnostic] = []
    for pair in _pairs_getter(ctx.document)(entry):
        kind = _kind(pair)[0]
        if not pair.touching or habits[kind, True] >= habits[kind, False]:
            continue  # touching is the list's own style here, not a slip
        at = entry.span.start
        left_start, left_end = at + pair.left_start, at + pair.left_end
        right_start, right_end = at + pair.right_start, at + pair.right_end
        gap = text[left_end:right_start]
        cut = left_end + len(gap) - len(gap.lstrip(")]*_.,;:"))  # after what closes the left field
        shown = text[max(left_end - 2, left_start) : min(right_start + 3, right_end)]
        spaced = habits[kind, False]
        message = (
            f"no space between the {pair.before} and the {pair.after} (`{shown}`); "
            f"{spaced} of {spaced + habits[kind, True]} such {kind} in the list have one"
        )
        fix = ctx.fix(f"insert a space before the {pair.after}", Edit(cut, cut, " "))
        found.append(ctx.report(ctx.span(left_end, right_start + 1), message, fix))
    return found
