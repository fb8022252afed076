from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..entry_facts import fact, tallied
from ..model import Entry
from ..text import Span


def _field_spans(entry: Entry) -> list[tuple[str, Span]]:
    spans: list[tuple[str, Span]] = []
    title, venue, authors = entry.title, entry.venue, entry.authors
    if title is not None:
        spans.append(("title", title.span))
    if venue is not None and not venue.in_badge:
        spans.append(("venue", venue.span))
    if authors is not None:
        spans.append(("authors", authors.span))
    for link in entry.links:
        # A badge (an image link) is decoration: lists put badges side by side on purpose.
        if link.label and link.role != "description":
            spans.append(("link", link.span))
    spans.sort(key=_start)
    return spans


def _start(field: tuple[str, Span]) -> int:
    return field[1].start


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
    found = []
    at = entry.span.start
    for (before, left), (after, right) in pairwise(_field_spans(entry)):
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


def _pairs_of(ctx: Context, entry: Entry) -> tuple[_Pair, ...]:
    text = ctx.document.text
    return fact(ctx.document, "field pairs", entry, lambda e: _pairs(text, e))


def _habits(ctx: Context) -> Counter[tuple[str, bool]]:
    """Two habits: how the list joins its links (`[[Paper](u)][[Code](u)]` may be its style), and
    how it joins its other fields (kept up to date entry by entry between runs)."""
    return tallied(ctx.document, "field joins", lambda entry: tuple(map(_kind, _pairs_of(ctx, entry))))


@entry_rule(
    "AL205",
    "field-spacing",
    "Entry fields run together with no space between them, unlike the list's other entries",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "whitespace"),
    tally=_habits,
)
def field_spacing(ctx: Context, entry: Entry) -> Iterator[Diagnostic]:
    text = ctx.document.text
    habits: Counter[tuple[str, bool]] = ctx.tally
    for pair in _pairs_of(ctx, entry):
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
        yield ctx.report(ctx.span(left_end, right_start + 1), message, fix)
