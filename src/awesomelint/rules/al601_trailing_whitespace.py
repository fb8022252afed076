from __future__ import annotations

from collections.abc import Callable, Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._lines import hard_break_test, lines, verbatim_lines


@rule(
    "AL601",
    "trailing-whitespace",
    "Spaces or tabs at the end of a line (not a two-space hard break inside a paragraph)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("whitespace",),
)
def trailing_whitespace(ctx: Context) -> Iterator[Diagnostic]:
    skip: set[int] | None = None  # found at the first trailing white space
    hard_break: Callable[[int], bool] | None = None  # when a line could end in one, not before
    for line in lines(ctx.document):
        if not line.text.endswith((" ", "\t")):
            continue  # (most lines: one test)
        if skip is None:
            skip = verbatim_lines(ctx.document)
        if line.number in skip:
            continue
        content = line.text.rstrip(" \t")
        trailing = len(line.text) - len(content)
        if content and line.text.endswith("  ") and "\t" not in line.text[len(content) :]:
            if hard_break is None:
                hard_break = hard_break_test(ctx.document)
            if hard_break(line.number):
                continue
        start = line.start + len(content)
        plural = "s" if trailing != 1 else ""
        what = "white space only" if not content else f"{trailing} trailing white-space character{plural}"
        yield ctx.report(
            ctx.span(start, line.end), f"line has {what}", ctx.fix("remove it", Edit(start, line.end, ""))
        )
