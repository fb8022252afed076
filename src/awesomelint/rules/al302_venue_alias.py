from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..entry_facts import fact
from ..model import Entry
from ..style import is_habit
from ..venues import INTERCHANGEABLE_PREPRINTS, VenueTable


@entry_rule(
    "AL302",
    "venue-alias",
    "Another spelling or an old name of a venue the list writes otherwise (`NIPS 2019` beside `NeurIPS`), "
    "or CoRR and arXiv mixed",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("venues", "consistency"),
    cites_counts=True,
)
def venue_alias(ctx: Context, entry: Entry) -> Iterator[Diagnostic]:
    venues, style = ctx.settings.venues, ctx.style
    if entry.venue is None or entry.kind != "paper":
        return
    name = entry.venue.name
    canonical = fact(ctx.document, "AL302 canonical habit", entry, lambda e: _canonical_habit(venues, e))
    if canonical is None:
        return  # a miscasing is AL306's (once for the list); `NIPS 2017` is right as written
    preprint = style.preprint
    if preprint is not None and canonical in INTERCHANGEABLE_PREPRINTS and canonical != preprint.value:
        spelled = style.venue_spellings.get(preprint.value)
        target = spelled.value if spelled is not None else preprint.value
        why = preprint.evidence(f"`{preprint.value}`", noun="preprint entries")
        message = f"`{name.text}` and `{target}` name the same preprint server; {why}"
    else:
        if canonical not in style.mixed_venues:
            return  # the list writes this venue one way only: it is consistent
        spelled = style.venue_spellings.get(canonical)
        target = spelled.value if spelled is not None and _short(venues, spelled.value) else canonical
        if target == name.text or not _short(venues, name.text) or len(target.split()) > 2:
            return  # an abbreviation is never expanded into a full name (`NSR`)
        kind = "a case variant" if target.casefold() == name.text.casefold() else "another name"
        message = f"`{name.text}` is {kind} of `{target}`"
        if spelled is not None and spelled.value == target:
            message += f"; {spelled.evidence(f'`{target}`', noun='of its entries')}"
    if entry.venue.in_badge:
        # Rewriting a badge's URL changes the image it shows: the maintainer edits it.
        yield ctx.report(name.span, f"{message} (in a badge)")
        return
    fix = ctx.fix(f"write `{target}`", Edit(name.span.start, name.span.end, target))
    yield ctx.report(name.span, message, fix)


def _canonical_habit(venues: VenueTable, entry: Entry) -> str | None:
    """The canonical name of the paper's venue when its spelling may set the list's habit (`is_habit`)."""
    venue = entry.venue
    canonical = venues.canonical_name(venue.name.text) if venue is not None else None
    return canonical if canonical is not None and venue is not None and is_habit(venues, venue) else None


def _short(venues: VenueTable, name: str) -> bool:
    """A name that may replace or be replaced by another spelling: the canonical name, a case variant
    or an old name; not a full name (`Neural Information Processing Systems`) or one qualified by
    its publisher (`IEEE TNNLS`)."""
    return venues.canonical_name(name) == name or venues.alias_target(name) is not None
