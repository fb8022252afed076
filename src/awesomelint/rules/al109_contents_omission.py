from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._contents import contents, words
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
    rows, broken = contents(ctx.document)
    if not rows:
        return
    listed = {id(row.section) for row in rows}
    named = {words(anchor.text) for anchor in broken}  # listed, with a broken link (AL103)
    for group in sibling_groups(ctx.document):
        indexes = [i for i, section in enumerate(group) if id(section) in listed]
        if len(indexes) < 3:
            continue
        inside = group[indexes[0] : indexes[-1] + 1]
        left_out = [s for s in inside if id(s) not in listed and words(s.text) not in named]
        if not left_out or len(left_out) > max(1, _MAX_SHARE_LEFT_OUT * len(inside)):
            continue  # the contents list a selection, not every section
        for section in left_out:
            message = (
                f"`{section.text}` is not in the table of contents (line {rows[0].anchor.span.start_line}), "
                f"which lists {len(indexes)} of the {len(inside)} sections around it"
            )
            yield ctx.report(section.span, message)
