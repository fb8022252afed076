from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rescanned, rule
from ._lines import front_matter_end, lines_in, verbatim_lines


@rule(
    "AL602",
    "blank-lines",
    "More than one blank line in a row",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("whitespace",),
)
def blank_lines(ctx: Context) -> list[Diagnostic]:
    return rescanned(ctx, lambda parts: _scan(ctx, parts), front_matter_end(ctx.document))


def _scan(ctx: Context, parts: Sequence[tuple[int, int]]) -> Iterator[Diagnostic]:
    """The findings of the runs of blank lines that start in the ``parts`` of the text (whole lines,
    each part with a non-blank line or the end of the text after them)."""
    source = ctx.document.source  # (the lines of the parts: no table of every line)
    starts = source.line_starts
    blank = [line.number for line in lines_in(ctx.document, parts) if not line.text.strip()]
    skip = verbatim_lines(ctx.document) if blank else frozenset()
    index = 0
    while index < len(blank):
        first = blank[index]
        if first in skip:
            index += 1
            continue
        stop = index  # the run of blank lines is blank[index : stop + 1]
        while stop + 1 < len(blank) and blank[stop + 1] == blank[stop] + 1 and blank[stop + 1] not in skip:
            stop += 1
        last = blank[stop]
        if stop > index and last != len(starts):  # (blank lines that end the file are AL603's)
            message = f"{last - first + 1} blank lines in a row; one is enough"
            # lines are numbered from 1: starts[first] is where the line after the first blank one starts
            fix = ctx.fix("keep one blank line", Edit(starts[first], starts[last], ""))
            end = source.line(last).end
            yield ctx.report(ctx.span(starts[first - 1], end), message, fix)
        index = stop + 1
