from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL806",
    "paper-not-found",
    "No bibliographic record matches the paper, or only a possible match too unlike it to trust "
    "(with --verify)",
    severity=Severity.INFO,
    fix=Applicability.NONE,
    tags=("verify", "network"),
)
def paper_not_found(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.records is None:
        return
    from ._records import shown, verified

    for entry, outcome in verified(ctx, "not-found", "possible"):
        span = entry.title.span if entry.title else entry.span
        asked = ", ".join(outcome.searched) or "the sources"
        record = outcome.record
        if outcome.status == "possible" and record is not None:
            message = (
                f"no sure match in {asked}; the closest record is `{record.title}` "
                f"({record.identifier}, {shown(record)}): check it by hand"
            )
        else:
            message = f"no record of this paper in {asked}"
        yield ctx.report(span, message)
