from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..model import Entry
from ._duplicates import duplicates


@rule(
    "AL206",
    "duplicate-entry",
    "The same paper listed twice (in one section, or anywhere in a list that does not cross-list)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("entries",),
)
def duplicate_entry(ctx: Context) -> Iterator[Diagnostic]:
    found = duplicates(ctx.document)
    for repeat in found.reported():
        first, entry = repeat.first, repeat.entry
        where = " > ".join(first.section_path[-2:]) or "the top"
        if repeat.same_section:
            message = f"`{_title(entry)}` is already listed at line {first.span.start_line} in this section"
        else:
            message = f"`{_title(entry)}` is already listed at line {first.span.start_line} (in {where})"
        span = entry.title.span if entry.title else entry.span
        yield ctx.report(span, message, related=first.span)


def _title(entry: Entry) -> str:
    return entry.title.text if entry.title else ""
