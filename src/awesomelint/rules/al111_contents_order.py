from __future__ import annotations

import bisect
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._contents import Row, contents

_MAX_SHARE_MOVED = 0.2


def _in_order(rows: list[Row]) -> set[int]:
    """Indexes of a longest run of rows whose headings come in document order (the rest moved)."""
    tails: list[int] = []  # heading offset ending the best run of each length
    tail_index: list[int] = []
    previous: list[int | None] = []
    for index, row in enumerate(rows):
        at = bisect.bisect_left(tails, row.section.span.start)
        previous.append(tail_index[at - 1] if at else None)
        if at == len(tails):
            tails.append(row.section.span.start)
            tail_index.append(index)
        else:
            tails[at] = row.section.span.start
            tail_index[at] = index
    kept: set[int] = set()
    current: int | None = tail_index[-1] if tail_index else None
    while current is not None:
        kept.add(current)
        current = previous[current]
    return kept


@rule(
    "AL111",
    "contents-order",
    "Table-of-contents row out of the order of the headings it links",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("structure", "contents"),
)
def contents_order(ctx: Context) -> Iterator[Diagnostic]:
    seen: set[int] = set()
    rows = []
    for row in contents(ctx.document).rows:
        if id(row.section) not in seen:
            seen.add(id(row.section))
            rows.append(row)
    kept = _in_order(rows)
    moved = [row for index, row in enumerate(rows) if index not in kept]
    if not moved or len(moved) > max(1, _MAX_SHARE_MOVED * len(rows)):
        return  # contents sorted another way (by name) are a choice
    in_place = sorted((rows[index] for index in kept), key=lambda row: row.section.span.start)
    for row in moved:
        before = [r for r in in_place if r.section.span.start < row.section.span.start]
        where = f"after `{before[-1].section.text}`" if before else "before the others"
        message = (
            f"`{row.anchor.text.strip() or row.section.text}` is out of order in the table of contents: "
            f"its heading (line {row.section.span.start_line}) comes {where} in the list"
        )
        yield ctx.report(row.anchor.span, message, related=row.section.span)
