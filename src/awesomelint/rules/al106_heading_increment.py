from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL106",
    "heading-increment",
    "Heading level jumps by more than one",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("structure",),
)
def heading_increment(ctx: Context) -> Iterator[Diagnostic]:
    sections = list(ctx.document.iter_sections())
    jumps = Counter(
        (before.level, after.level)
        for before, after in itertools.pairwise(sections)
        if after.level > before.level + 1
    )
    for before, after in itertools.pairwise(sections):
        if after.level <= before.level + 1:
            continue
        if jumps[before.level, after.level] >= 3:
            continue  # the list's own outline: it goes from `##` to `####` throughout
        message = (
            f"`{'#' * after.level} {after.text}` follows a level-{before.level} heading "
            f"(line {before.span.start_line}); use level {before.level + 1}"
        )
        yield ctx.report(after.span, message)
