from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@dataclass
class MissingFieldOptions:
    threshold: float = 0.75  # the share of entries that must have a field before its absence is reported


_FIELDS = {"title": "a title", "venue": "a venue", "authors": "authors", "link": "a link"}


@rule(
    "AL204",
    "missing-field",
    "Paper lacks a field (title, venue, authors, link) that most of the list's papers have",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("entries", "consistency"),
    options=MissingFieldOptions,
)
def missing_field(ctx: Context) -> Iterator[Diagnostic]:
    total = ctx.style.paper_count
    if total < 3:
        return
    threshold: float = ctx.options.threshold
    expected = [name for name in _FIELDS if ctx.style.field_counts[name] >= threshold * total]
    for entry in ctx.document.iter_entries():
        if entry.kind != "paper":
            continue
        present = {"title": entry.title, "venue": entry.venue, "authors": entry.authors, "link": entry.links}
        for name in expected:
            if not present[name]:
                count = ctx.style.field_counts[name]
                message = f"entry has no {name}; {count} of {total} papers have {_FIELDS[name]}"
                yield ctx.report(entry.span, message)
