from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._links import checked_links


@rule(
    "AL512",
    "redirected-link",
    "Link that moved permanently (301, 308) to another URL (with --links)",
    severity=Severity.INFO,
    fix=Applicability.SAFE,
    tags=("links", "network"),
)
def redirected_link(ctx: Context) -> Iterator[Diagnostic]:
    for link, result in checked_links(ctx):
        if result.verdict != "redirected" or not result.final_url:
            continue
        hops = len(result.chain)
        message = (
            f"`{link.url}` moved permanently to `{result.final_url}` ({hops} redirect{'s' * (hops > 1)})"
        )
        fix = None
        if "#" not in link.url and link.url_span != link.span:
            fix = ctx.fix(
                "link the final URL", Edit(link.url_span.start, link.url_span.end, result.final_url)
            )
        yield ctx.report(link.url_span, message, fix)
