from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..model import Entry
from ..text import Span


def _field_spans(entry: Entry) -> list[tuple[str, Span]]:
    spans: list[tuple[str, Span]] = []
    if entry.title:
        spans.append(("title", entry.title.span))
    if entry.venue and not entry.venue.in_badge:
        spans.append(("venue", entry.venue.span))
    if entry.authors:
        spans.append(("authors", entry.authors.span))
    # A badge (an image link) is decoration: lists put badges side by side on purpose.
    spans.extend(("link", link.span) for link in entry.links if link.label and link.role != "description")
    return sorted(spans, key=lambda item: item[1].start)


def _touching(text: str, entry: Entry) -> Iterator[tuple[str, str, Span, Span, bool]]:
    """Each pair of neighbouring fields, and whether they touch (only markup between them)."""
    for (before, left), (after, right) in pairwise(_field_spans(entry)):
        if right.start < left.end:
            continue  # nested, like a title inside its link
        gap = text[left.end : right.start]
        if gap.strip("*_[]().,;: \t\n") != "":
            continue
        yield before, after, left, right, gap == "".join(gap.split())  # no white space in the gap


def _pair(before: str, after: str) -> str:
    return "links" if before == after == "link" else "fields"


@rule(
    "AL205",
    "field-spacing",
    "Entry fields run together with no space between them, unlike the list's other entries",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "whitespace"),
)
def field_spacing(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.document.text
    neighbours = [list(_touching(text, entry)) for entry in ctx.document.iter_entries()]
    # Two habits: how the list joins its links (`[[Paper](u)][[Code](u)]` may be its style), and
    # how it joins its other fields.
    habits: Counter[tuple[str, bool]] = Counter(
        (_pair(before, after), touching) for pairs in neighbours for before, after, _, _, touching in pairs
    )
    for pairs in neighbours:
        for before, after, left, right, touching in pairs:
            pair = _pair(before, after)
            if not touching or habits[pair, True] >= habits[pair, False]:
                continue  # touching is the list's own style here, not a slip
            gap = text[left.end : right.start]
            at = left.end + len(gap) - len(gap.lstrip(")]*_.,;:"))  # after what closes the left field
            shown = text[max(left.end - 2, left.start) : min(right.start + 3, right.end)]
            spaced = habits[pair, False]
            message = (
                f"no space between the {before} and the {after} (`{shown}`); "
                f"{spaced} of {spaced + habits[pair, True]} such {pair} in the list have one"
            )
            fix = ctx.fix(f"insert a space before the {after}", Edit(at, at, " "))
            yield ctx.report(ctx.span(left.end, right.start + 1), message, fix)
