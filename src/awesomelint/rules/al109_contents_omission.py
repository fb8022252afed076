from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._contents import contents
from ._sections import sibling_groups

_MAX_SHARE_LEFT_OUT = 0.2


@rule(
    "AL109",
    "contents-omission",
    "Section that the table of contents leaves out while it lists the sections around it",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("structure", "contents"),
)
def contents_omission(ctx: Context) -> Iterator[Diagnostic]:
    rows = contents(ctx.document)
    listed = {id(row.section) for row in rows}
    if not rows:
        return
    for group in sibling_groups(ctx.document):
        indexes = [i for i, section in enumerate(group) if id(section) in listed]
        if len(indexes) < 3:
            continue
        inside = group[indexes[0] : indexes[-1] + 1]
        left_out = [section for section in inside if id(section) not in listed]
        if not left_out or len(left_out) > max(1, _MAX_SHARE_LEFT_OUT * len(inside)):
            continue  # the contents list a selection, not every section
        for section in left_out:
            message = (
                f"`{section.text}` is not in the table of contents (line {rows[0].anchor.span.start_line}), "
                f"which lists {len(indexes)} of the {len(inside)} sections around it"
            )
            yield ctx.report(section.span, message)
