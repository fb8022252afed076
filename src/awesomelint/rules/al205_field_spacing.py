from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..model import Entry, Span


def _field_spans(entry: Entry) -> list[tuple[str, Span]]:
    spans: list[tuple[str, Span]] = []
    if entry.title:
        spans.append(("title", entry.title.span))
    if entry.venue:
        spans.append(("venue", entry.venue.span))
    if entry.authors:
        spans.append(("authors", entry.authors.span))
    spans.extend(("link", link.span) for link in entry.links)
    return sorted(spans, key=lambda item: item[1].start)


@rule(
    "AL205",
    "field-spacing",
    "Entry fields run together with no space between them",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "whitespace"),
)
def field_spacing(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.document.text
    for entry in ctx.document.iter_entries():
        fields = _field_spans(entry)
        for (before, left), (after, right) in pairwise(fields):
            if right.start < left.end:
                continue  # nested, like a title inside its link
            gap = text[left.end : right.start]
            if any(char.isspace() for char in gap) or gap.strip("*_[]().,;:") != "":
                continue
            shown = text[max(left.end - 2, left.start) : min(right.start + 3, right.end)]
            message = f"no space between the {before} and the {after} (`{shown}`)"
            fix = ctx.fix(f"insert a space before the {after}", Edit(right.start, right.start, " "))
            yield ctx.report(ctx.span(left.end, right.start + 1), message, fix)
