from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._lines import hard_break_lines, lines, verbatim_lines


@rule(
    "AL601",
    "trailing-whitespace",
    "Spaces or tabs at the end of a line (not a two-space hard break inside a paragraph)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("whitespace",),
)
def trailing_whitespace(ctx: Context) -> Iterator[Diagnostic]:
    skip = verbatim_lines(ctx.document)
    hard_breaks: set[int] | None = None  # read when a line could end in a hard break, not before
    for line in lines(ctx.document):
        content = line.text.rstrip(" \t")
        trailing = len(line.text) - len(content)
        if not trailing or line.number in skip:
            continue
        if content and line.text.endswith("  ") and "\t" not in line.text[len(content) :]:
            if hard_breaks is None:
                hard_breaks = hard_break_lines(ctx.document)
            if line.number in hard_breaks:
                continue
        start = line.start + len(content)
        plural = "s" if trailing != 1 else ""
        what = "white space only" if not content else f"{trailing} trailing white-space character{plural}"
        yield ctx.report(
            ctx.span(start, line.end), f"line has {what}", ctx.fix("remove it", Edit(start, line.end, ""))
        )
