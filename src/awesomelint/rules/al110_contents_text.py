from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._classic import MIN_SHARE
from ._contents import contents, words

_MIN_ROWS = 5


@rule(
    "AL110",
    "contents-text",
    "Table-of-contents row whose text differs from the heading it links, where the other rows match",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("structure", "contents"),
)
def contents_text(ctx: Context) -> Iterator[Diagnostic]:
    rows = [row for row in contents(ctx.document) if row.anchor.text.strip()]
    differing = [row for row in rows if words(row.anchor.text) != words(row.section.text)]
    matching = len(rows) - len(differing)
    if len(rows) < _MIN_ROWS or matching < MIN_SHARE * len(rows):
        return  # rows that shorten or rename headings are this list's way
    for row in differing:
        message = (
            f"the contents say `{row.anchor.text.strip()}` but link the heading `{row.section.text}` "
            f"(line {row.section.span.start_line}); {matching} of {len(rows)} rows repeat their heading"
        )
        yield ctx.report(row.anchor.span, message, related=row.section.span)
