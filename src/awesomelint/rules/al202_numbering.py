from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..model import Entry


def _numbered_groups(ctx: Context) -> Iterator[list[Entry]]:
    yield [e for e in ctx.document.entries if e.number is not None]
    for section in ctx.document.iter_sections():
        yield [e for e in section.entries if e.number is not None]


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
        if len(group) < 2 or all(e.number == 1 for e in group):
            continue  # "1. 1. 1." is a Markdown convention: the renderer counts
        expected = group[0].number or 1
        for index, entry in enumerate(group):
            if entry.number == 1 and index:
                expected = 1  # a list that starts again at 1 is a new sequence, not a slip
            if entry.number == expected:
                expected += 1
                continue
            previous = group[index - 1].number
            message = f"entry number {entry.number} follows {previous}; expected {expected}"
            digits = entry.marker_span.start
            number_text = str(entry.number)
            fix = ctx.fix(f"renumber to {expected}", Edit(digits, digits + len(number_text), str(expected)))
            yield ctx.report(entry.marker_span, message, fix)
            expected += 1
