from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._classic import MIN_SHARE
from ._contents import contents, words

_MIN_ROWS = 5


def _shortened(row: str, heading: str) -> bool:
    """The row leaves words out (`Survey` for `Survey (or Benchmark)`), adds some, or spells the
    heading's acronym out (`Massively Open Online Courses` for `MOOC's`): a shorter or longer name
    of the same section, not another section."""
    row_words, heading_words = set(row.split()), set(heading.split())
    if row_words <= heading_words or heading_words <= row_words:
        return True
    initials = "".join(word[0] for word in row.split())
    return any(initials == word or initials == word.rstrip("s") for word in heading.split())


@rule(
    "AL110",
    "contents-text",
    "Table-of-contents row whose text differs from the heading it links, where the other rows match",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("structure", "contents"),
)
def contents_text(ctx: Context) -> Iterator[Diagnostic]:
    rows = [row for row in contents(ctx.document).rows if row.anchor.text.strip()]
    differing = [row for row in rows if words(row.anchor.text) != words(row.section.text)]
    matching = len(rows) - len(differing)
    if len(rows) < _MIN_ROWS or matching < MIN_SHARE * len(rows):
        return  # rows that shorten or rename headings are this list's way
    for row in differing:
        if _shortened(words(row.anchor.text), words(row.section.text)):
            continue
        message = (
            f"the contents say `{row.anchor.text.strip()}` but link the heading `{row.section.text}` "
            f"(line {row.section.span.start_line}); {matching} of {len(rows)} rows repeat their heading"
        )
        yield ctx.report(row.anchor.span, message, related=row.section.span)
