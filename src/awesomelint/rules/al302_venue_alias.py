from __future__ import annotations

from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..model import Entry
from ..style import Majority, Style, holding_habits, venue_habit
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
    changed=lambda before, _, now, __: _changed_venues(before, now),
    holds=lambda ctx, changed: holding_habits(ctx.document, ctx.settings.venues, changed),
)
def venue_alias(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    venues, style = ctx.settings.venues, ctx.style
    if entry.venue is None or entry.kind != "paper":
        return ()
    name = entry.venue.name
    canonical = venue_habit(ctx.document, venues, entry)
    if canonical is None:
        return ()  # a miscasing is AL306's (once for the list); `NIPS 2017` is right as written
    preprint = style.preprint
    if preprint is not None and canonical in INTERCHANGEABLE_PREPRINTS and canonical != preprint.value:
        spelled = style.venue_spellings.get(preprint.value)
        target = spelled.value if spelled is not None else preprint.value
        why = preprint.evidence(f"`{preprint.value}`", noun="preprint entries")
        message = f"`{name.text}` and `{target}` name the same preprint server; {why}"
    else:
        if canonical not in style.mixed_venues:
            return ()  # the list writes this venue one way only: it is consistent
        spelled = style.venue_spellings.get(canonical)
        target = spelled.value if spelled is not None and _short(venues, spelled.value) else canonical
        if target == name.text or not _short(venues, name.text) or len(target.split()) > 2:
            return ()  # an abbreviation is never expanded into a full name (`NSR`)
        kind = "a case variant" if target.casefold() == name.text.casefold() else "another name"
        message = f"`{name.text}` is {kind} of `{target}`"
        if spelled is not None and spelled.value == target:
            message += f"; {spelled.evidence(f'`{target}`', noun='of its entries')}"
    if entry.venue.in_badge:
        # Rewriting a badge's URL changes the image it shows: the maintainer edits it.
        return (ctx.report(name.span, f"{message} (in a badge)"),)
    fix = ctx.fix(f"write `{target}`", Edit(name.span.start, name.span.end, target))
    return (ctx.report(name.span, message, fix),)


def _changed_venues(before: Style, now: Style) -> frozenset[object]:
    """The venues (canonical names) whose findings may differ between the styles but in the counts
    they cite: written one way or several, or spelled otherwise; the preprint servers when the
    list's preprint habit changed."""
    changed: set[object] = set(before.mixed_venues ^ now.mixed_venues)
    spellings, earlier = now.venue_spellings, before.venue_spellings
    changed.update(
        name
        for name in spellings.keys() | earlier.keys()
        if _decided(spellings.get(name)) != _decided(earlier.get(name))
    )
    preprints = (before.preprint, now.preprint)
    if _decided(preprints[0]) != _decided(preprints[1]) or any(
        p is not None and p.value in changed for p in preprints
    ):
        changed.update(INTERCHANGEABLE_PREPRINTS)
    return frozenset(changed)


def _decided(habit: Majority | None) -> tuple[str, bool] | None:
    """What of a habit decides a finding (its counts show in messages only)."""
    return None if habit is None else (habit.value, habit.pinned)


def _short(venues: VenueTable, name: str) -> bool:
    """A name that may replace or be replaced by another spelling: the canonical name, a case variant
    or an old name; not a full name (`Neural Information Processing Systems`) or one qualified by
    its publisher (`IEEE TNNLS`)."""
    return venues.canonical_name(name) == name or venues.alias_target(name) is not None
