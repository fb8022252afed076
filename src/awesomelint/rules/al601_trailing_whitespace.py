from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._lines import hard_break_test, verbatim_lines

# The last of the spaces and tabs that end a line (a line ends at CR LF, CR, LF or the end of the
# text): one character, so that a long run inside a line is not tried again at each of its characters.
_TRAILING = re.compile(r"[ \t](?=[\r\n]|\Z)")


@rule(
    "AL601",
    "trailing-whitespace",
    "Spaces or tabs at the end of a line (not a two-space hard break inside a paragraph)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("whitespace",),
)
def trailing_whitespace(ctx: Context) -> Iterator[Diagnostic]:
    text, starts = ctx.document.text, ctx.document.source.line_starts
    skip: set[int] | None = None  # found at the first trailing white space
    hard_break: Callable[[int], bool] | None = None  # when a line could end in one, not before
    for match in _TRAILING.finditer(text):
        end = match.end()
        number = bisect.bisect_right(starts, end - 1)  # the line's (1-based) number
        if skip is None:
            skip = verbatim_lines(ctx.document)
        if number in skip:
            continue
        line_start = starts[number - 1]
        start = line_start + len(text[line_start:end].rstrip(" \t"))
        trailing, content = end - start, start > line_start
        if content and trailing >= 2 and "\t" not in text[start:end]:
            if hard_break is None:
                hard_break = hard_break_test(ctx.document)
            if hard_break(number):
                continue
        plural = "s" if trailing != 1 else ""
        what = "white space only" if not content else f"{trailing} trailing white-space character{plural}"
        yield ctx.report(ctx.span(start, end), f"line has {what}", ctx.fix("remove it", Edit(start, end, "")))
