from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._anchors import case_targets, fragment, targets


@rule(
    "AL104",
    "anchor-case",
    "Same-page link whose #fragment resolves only when case is ignored",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("structure", "links"),
)
def anchor_case(ctx: Context) -> Iterator[Diagnostic]:
    resolved = targets(ctx.document)
    by_case = case_targets(resolved)
    for anchor in ctx.document.anchors:
        if fragment(anchor) in resolved:
            continue
        target = by_case.get(fragment(anchor).lower())
        if target is None:
            continue
        message = (
            f"`#{anchor.fragment}` reaches `#{target}` only when case is ignored; anchors are case-sensitive"
        )
        fix = ctx.fix(f"write `#{target}`", Edit(anchor.span.start, anchor.span.end, target))
        yield ctx.report(anchor.span, message, fix)
