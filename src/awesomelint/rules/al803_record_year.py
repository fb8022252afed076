from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL803",
    "record-year",
    "The listed year is not the one the paper's bibliographic record gives for the listed venue "
    "(with --verify)",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("verify", "network", "venues"),
)
def record_year(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.records is None:
        return
    from ..evidence.matching import is_preprint_venue, record_venue, same_venue
    from ._records import verified, year_edit

    venues = ctx.settings.venues
    for entry, outcome in verified(ctx, "matched"):
        record, venue = outcome.record, entry.venue
        if record is None or record.year is None or venue is None or venue.year is None:
            continue
        listed = venue.name.text
        if is_preprint_venue(listed, venues):
            if not record.preprint:
                continue  # published since: AL802 names the venue and its year
        else:
            canonical = record_venue(record, venues)
            if record.preprint or canonical is None or not same_venue(listed, canonical, venues):
                continue  # another venue altogether is AL801's
        edit = year_edit(venue.year, record.year)
        if edit is None:
            continue
        preprint = outcome.preprint
        if preprint is not None and preprint.published_year == int(venue.year.text):
            message = (
                f"{venue.year.text} is the year of the arXiv version ({preprint.identifier}); "
                f"{record.identifier} gives {record.year} for {listed}"
            )
            yield ctx.report(venue.year.span, message, ctx.fix(f"write {record.year}", edit), Severity.INFO)
        else:
            message = (
                f"{listed} {venue.year.text} is not the record's year: "
                f"{record.identifier} gives {record.year}"
            )
            yield ctx.report(venue.year.span, message, ctx.fix(f"write {record.year}", edit))
