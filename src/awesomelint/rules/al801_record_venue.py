from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL801",
    "record-venue",
    "The listed venue is not the one the paper's bibliographic record gives (with --verify)",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("verify", "network", "venues"),
)
def record_venue(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.records is None:
        return
    from ..evidence.matching import is_preprint_venue, record_venue, same_venue
    from ._records import shown, venue_report, verified

    venues = ctx.settings.venues
    for entry, outcome in verified(ctx, "matched"):
        record, venue = outcome.record, entry.venue
        if record is None or record.preprint or venue is None:
            continue
        listed = venue.name.text
        canonical = record_venue(record, venues)
        if canonical is None or is_preprint_venue(listed, venues) or same_venue(listed, canonical, venues):
            continue  # a preprint is AL802's; an unknown or series venue cannot be compared
        where = shown(record, canonical)
        message = f"`{listed}` is not where this paper appeared: {record.identifier} gives {where}"
        yield venue_report(ctx, entry, venue, record, canonical, message)
