from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._leftover import may_hold_year


@dataclass
class VenueYearOptions:
    earliest: int = 1950
    threshold: float = 0.75  # the share of entries with a year before a missing one is reported


@rule(
    "AL304",
    "venue-year",
    "Year before the earliest plausible one or after next year; missing where the list gives years",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("venues",),
    options=VenueYearOptions,
)
def venue_year(ctx: Context) -> Iterator[Diagnostic]:
    options: VenueYearOptions = ctx.options
    latest = datetime.date.today().year + 1
    for entry in ctx.document.iter_entries():
        if entry.kind != "paper":
            continue
        counts = ctx.style.fields_of(entry)
        with_year, total = counts["year"], counts["papers"]
        years_expected = total >= 3 and with_year >= options.threshold * total
        venue = entry.venue
        if venue is not None and venue.year is not None:
            year = int(venue.year.text)
            if not options.earliest <= year <= latest:
                message = f"year {year} is outside {options.earliest}-{latest}"
                yield ctx.report(venue.year.span, message)
        elif (
            years_expected
            and entry.year is None
            and entry.title is not None
            and not may_hold_year(ctx.document.text, entry)  # a year the reader could not place
        ):
            message = f"entry has no year; {with_year} of {total} papers like it give one"
            yield ctx.report(entry.span, message)
