from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL807",
    "paper-unchecked",
    "No source could be asked about the paper (with --verify): offline and not in the cache, a source "
    "down, or the entry's time budget spent; an error with --strict",
    severity=Severity.INFO,
    fix=Applicability.NONE,
    tags=("verify", "network"),
)
def paper_unchecked(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.records is None:
        return
    from ._records import verified

    for entry, outcome in verified(ctx, "unavailable"):
        span = entry.title.span if entry.title else entry.span
        yield ctx.report(span, f"not checked: {outcome.reason or 'no source answered'}")
