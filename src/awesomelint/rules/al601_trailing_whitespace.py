from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rescanned, rule
from ._lines import front_matter_end, hard_break_test, lines_in, verbatim_lines, whole


@rule(
    "AL601",
    "trailing-whitespace",
    "Spaces or tabs at the end of a line (not a two-space hard break inside a paragraph)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("whitespace",),
)
def trailing_whitespace(ctx: Context) -> list[Diagnostic]:
    return rescanned(ctx, lambda parts: _scan(ctx, parts), front_matter_end(ctx.document))


def _scan(ctx: Context, parts: Sequence[tuple[int, int]]) -> Iterator[Diagnostic]:
    """The findings on the lines that start in the ``parts`` of the text."""
    skip: frozenset[int] | None = None  # found at the first trailing white space
    hard_break: Callable[[int], bool] | None = None  # when a line could end in one, not before
    for line in lines_in(ctx.document, parts):
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
                within = (0, None) if whole(ctx.document, parts) else (parts[0][0], parts[-1][1])
                hard_break = hard_break_test(ctx.document, *within)
            if hard_break(line.number):
                continue
        at = line.start + len(content)
        plural = "s" if trailing != 1 else ""
        what = "white space only" if not content else f"{trailing} trailing white-space character{plural}"
        yield ctx.report(
            ctx.span(at, line.end), f"line has {what}", ctx.fix("remove it", Edit(at, line.end, ""))
        )
