"""Bibliographic outcomes for the paper entries of a document (shared by AL801-AL806), and the
edits that write a record's venue and year in the list's own spelling and format."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Diagnostic, Edit
from ..engine import Context
from ..evidence.records import Record, Verification
from ..model import Entry, Field, Venue


def verified(ctx: Context, *statuses: str) -> Iterator[tuple[Entry, Verification]]:
    """Each paper entry whose outcome has one of ``statuses``; nothing when papers were not verified."""
    if ctx.records is None:
        return
    for entry in ctx.document.iter_entries():
        outcome = ctx.records.get(entry)
        if outcome is not None and outcome.status in statuses:
            yield entry, outcome


def spelled(ctx: Context, canonical: str) -> str:
    """The venue as this list writes it (its habit for that venue), else its canonical name."""
    habit = ctx.style.venue_spellings.get(canonical)
    return habit.value if habit is not None else canonical


def year_edit(year: Field, value: int) -> Edit | None:
    """The year rewritten in the width the list uses (`'21` or `'2021`); None when it is right."""
    text = f"{value % 100:02d}" if len(year.text) == 2 else str(value)
    return None if text == year.text else Edit(year.span.start, year.span.end, text)


def venue_edits(ctx: Context, entry: Entry, canonical: str, record: Record) -> tuple[Edit, ...]:
    """The edits that make the entry's venue the record's, inside the markup and year format the entry
    already has (`**EMNLP'2020**`); none when the venue is in a badge."""
    venue = entry.venue
    if venue is None or venue.in_badge:
        return ()
    edits = [Edit(venue.name.span.start, venue.name.span.end, spelled(ctx, canonical))]
    if venue.year is not None and record.year is not None:
        edit = year_edit(venue.year, record.year)
        if edit is not None:
            edits.append(edit)
    return tuple(edits)


def shown(record: Record, venue: str | None = None) -> str:
    """How messages name a record's venue and year."""
    return " ".join(str(part) for part in (venue or record.venue or "no venue", record.year) if part)


def venue_report(
    ctx: Context, entry: Entry, venue: Venue, record: Record, canonical: str | None, message: str
) -> Diagnostic:
    """The finding at the entry's venue, with the fix that writes the record's venue when the venue
    table knows it."""
    edits = venue_edits(ctx, entry, canonical, record) if canonical is not None else ()
    fix = ctx.fix(f"write {shown(record, canonical)}", *edits) if edits else None
    return ctx.report(venue.name.span, message, fix)
