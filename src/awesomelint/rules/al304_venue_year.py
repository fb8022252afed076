from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..entry_facts import tallied
from ..model import Entry
from ._leftover import may_hold_year


@dataclass
class VenueYearOptions:
    earliest: int = 1950
    threshold: float = 0.75  # the share of entries with a year before a missing one is reported


def _yearless_and_latest(ctx: Context) -> tuple[frozenset[str], int]:
    """The venues written without a year as the list's convention, and the latest plausible year
    (next year: it changes with the date)."""
    return frozenset(_yearless_venues(ctx)), datetime.date.today().year + 1


@entry_rule(
    "AL304",
    "venue-year",
    "Year before the earliest plausible one or after next year; missing where the list gives years",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("venues",),
    options=VenueYearOptions,
    tally=_yearless_and_latest,
)
def venue_year(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    if entry.kind != "paper":
        return ()
    options: VenueYearOptions = ctx.options
    yearless, latest = ctx.tally
    counts = ctx.style.fields_of(entry)
    with_year, total = counts["year"], counts["papers"]
    years_expected = total >= 3 and with_year >= options.threshold * total
    venue = entry.venue
    if venue is not None and venue.year is not None:
        year = int(venue.year.text)
        if not options.earliest <= year <= latest:
            message = f"year {year} is outside {options.earliest}-{latest}"
            return (ctx.report(venue.year.span, message),)
    elif (
        years_expected
        and entry.year is None
        and entry.title is not None
        and not may_hold_year(ctx.document.text, entry)  # a year the reader could not place
        and _venue_key(ctx, entry) not in yearless
    ):
        message = f"entry has no year; {with_year} of {total} papers like it give one"
        return (ctx.report(entry.span, message),)
    return ()


def _venue_key(ctx: Context, entry: Entry) -> str:
    """The entry's venue, or "" for the entries whose venue is not read (`In **arXiv**,`)."""
    if entry.venue is None:
        return ""
    name = entry.venue.name.text
    return ctx.settings.venues.canonical_name(name) or " ".join(name.casefold().split())


def _yearless_venues(ctx: Context) -> set[str]:
    """Venues the list writes without a year as its convention (`In **arXiv**,` in a list that
    dates every conference): at least two entries of the venue, and most of them have no year.
    Entries whose venue is not read count as one venue."""

    def dated(entry: Entry) -> tuple[tuple[str, bool], ...]:
        if entry.kind != "paper":
            return ()
        return ((_venue_key(ctx, entry), entry.year is None),)  # (kept as the entry's contribution)

    counts = tallied(ctx.document, "venue datings", dated)  # (kept up to date entry by entry)
    return {
        key
        for key, undated in counts
        if undated and counts[key, True] >= 2 and counts[key, True] > counts[key, False]
    }
