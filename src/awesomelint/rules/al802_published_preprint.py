from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL802",
    "published-preprint",
    "Listed as a preprint, but the paper has since been published at a venue (with --verify)",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("verify", "network", "venues"),
)
def published_preprint(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.records is None:
        return
    from ..evidence.matching import is_preprint_venue, record_venue
    from ._records import shown, venue_report, verified

    venues = ctx.settings.venues
    for entry, outcome in verified(ctx, "matched"):
        record, venue = outcome.record, entry.venue
        if (
            record is None
            or record.preprint
            or venue is None
            or not is_preprint_venue(venue.name.text, venues)
        ):
            continue
        canonical = record_venue(record, venues)
        message = (
            f"listed as a preprint (`{venue.name.text}`), but it was published: "
            f"{record.identifier} gives {shown(record, canonical)}"
        )
        yield venue_report(ctx, entry, venue, record, canonical, message)
