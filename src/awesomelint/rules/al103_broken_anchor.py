from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._anchors import fragments, heading_typos


@rule(
    "AL103",
    "broken-anchor",
    "Same-page link whose #fragment no heading, id or name resolves",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    tags=("structure", "links"),
)
def broken_anchor(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    reached = fragments(document)
    # AL105 renames the heading to what these links spell (they follow): pointing them at the
    # heading's present anchor as well would swap the two spellings, pass after pass
    typo_fragments = {typo.anchor.fragment for typo in heading_typos(document)}
    for anchor in document.anchors:
        close = reached.near(anchor.fragment)
        if close is None:
            continue
        message = f"`#{anchor.fragment}` matches no heading, id or name on this page"
        fix = None
        if len(close) == 1 and anchor.fragment not in typo_fragments:
            message += f"; did you mean `#{close[0]}`?"
            fix = ctx.fix(
                f"point the link at `#{close[0]}`", Edit(anchor.span.start, anchor.span.end, close[0])
            )
        yield ctx.report(anchor.span, message, fix)
