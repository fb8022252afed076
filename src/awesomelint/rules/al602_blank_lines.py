from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._lines import is_blank, lines, verbatim_lines


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
    skip = verbatim_lines(ctx.document)
    index = 0
    while index < len(all_lines):
        if not is_blank(all_lines[index]) or all_lines[index].number in skip:
            index += 1
            continue
        end = index
        while (
            end + 1 < len(all_lines)
            and is_blank(all_lines[end + 1])
            and all_lines[end + 1].number not in skip
        ):
            end += 1
        at_end_of_file = end == len(all_lines) - 1
        if end > index and not at_end_of_file:
            first, last = all_lines[index], all_lines[end]
            message = f"{end - index + 1} blank lines in a row; one is enough"
            fix = ctx.fix(
                "keep one blank line", Edit(all_lines[index + 1].start, all_lines[end + 1].start, "")
            )
            yield ctx.report(ctx.span(first.start, last.end), message, fix)
        index = end + 1
