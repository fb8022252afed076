from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..model import Entry
from ..text import Span


class _Item(NamedTuple):
    """A numbered entry: the number it shows (``number``) and the one written (``written``). They
    differ in a run written `1. 1. 1.`, which Markdown counts for the author."""

    number: int
    written: int
    marker_span: Span


def _numbered_groups(ctx: Context) -> Iterator[list[_Item]]:
    groups = [ctx.document.entries, *(section.entries for section in ctx.document.iter_sections())]
    for entries in groups:
        yield _shown([e for e in entries if e.number is not None])


def _shown(entries: list[Entry]) -> list[_Item]:
    """The numbers the entries show: a `1.` right after a `1.` is the next number (items 1-20 written
    `1.` and a `<details>` block that goes on at `21.` count up by one)."""
    items: list[_Item] = []
    for entry in entries:
        written = entry.number or 0
        lazy = written == 1 and items and items[-1].written == 1
        items.append(_Item(items[-1].number + 1 if lazy else written, written, entry.marker_span))
    return items


@rule(
    "AL202",
    "numbering",
    "Entry numbers in a section do not count up by one (starting again at 1 is allowed)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries",),
)
def numbering(ctx: Context) -> Iterator[Diagnostic]:
    for group in _numbered_groups(ctx):
        if len(group) < 2 or all(item.written == 1 for item in group):
            continue  # "1. 1. 1." is a Markdown convention: the renderer counts
        for run in _runs(group):
            yield from _breaks(ctx, run)


def _runs(group: list[_Item]) -> Iterator[list[_Item]]:
    """The sequences of a group: a list that starts again at 1 is a new sequence, not a slip."""
    start = 0
    for index in range(1, len(group)):
        if group[index].number == 1:
            yield group[start:index]
            start = index
    yield group[start:]


def _breaks(ctx: Context, run: list[_Item]) -> Iterator[Diagnostic]:
    """One finding per break in the count (a gap or a repeat), not one for every entry after it;
    its fix renumbers the sequence from the break to the next break. ``wanted`` is the number the
    entry should have once the fixes before it are applied, so that all of them apply together."""
    wanted = run[0].number or 1
    index = 0
    while index < len(run):
        entry = run[index]
        if entry.number == wanted:
            index, wanted = index + 1, wanted + 1
            continue
        stop = index + 1
        # (the renumbering stops before a `1.` that Markdown counts: its digit is no slip)
        while (
            stop < len(run)
            and run[stop].number == run[stop - 1].number + 1
            and run[stop].written == run[stop].number
        ):
            stop += 1
        edits = []
        for offset, renumbered in enumerate(run[index:stop]):
            digits = renumbered.marker_span.start
            edits.append(Edit(digits, digits + len(str(renumbered.written)), str(wanted + offset)))
        previous = f"follows {run[index - 1].number}" if index else "starts the list"
        later = stop - index - 1
        scope = f" (and the {later} after it)" if later else ""
        message = f"entry number {entry.number} {previous}; the count says {wanted}"
        yield ctx.report(entry.marker_span, message, ctx.fix(f"renumber from {wanted}{scope}", *edits))
        wanted += stop - index
        index = stop
