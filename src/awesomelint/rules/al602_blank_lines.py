from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._lines import lines, verbatim_lines


@rule(
    "AL602",
    "blank-lines",
    "More than one blank line in a row",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("whitespace",),
)
def blank_lines(ctx: Context) -> Iterator[Diagnostic]:
    all_lines = lines(ctx.document)
    blank = [line.number for line in all_lines if not line.text.strip()]
    skip = verbatim_lines(ctx.document) if blank else set()
    index = 0
    while index < len(blank):
        first = blank[index]
        if first in skip:
            index += 1
            continue
        end = index  # the run of blank lines is blank[index : end + 1]
        while end + 1 < len(blank) and blank[end + 1] == blank[end] + 1 and blank[end + 1] not in skip:
            end += 1
        last = blank[end]
        if end > index and last != len(all_lines):  # (blank lines that end the file are AL603's)
            message = f"{last - first + 1} blank lines in a row; one is enough"
            # lines are numbered from 1: all_lines[first] is the line after the first blank one
            fix = ctx.fix("keep one blank line", Edit(all_lines[first].start, all_lines[last].start, ""))
            yield ctx.report(ctx.span(all_lines[first - 1].start, all_lines[last - 1].end), message, fix)
        index = end + 1
