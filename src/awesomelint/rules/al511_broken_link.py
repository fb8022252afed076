from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._links import checked_links


@rule(
    "AL511",
    "broken-link",
    "Link that is gone: 404, 410, DNS failure, refused connection or TLS failure (with --links)",
    severity=Severity.ERROR,
    fix=Applicability.NONE,
    tags=("links", "network"),
)
def broken_link(ctx: Context) -> Iterator[Diagnostic]:
    for link, result in checked_links(ctx):
        if result.verdict == "broken":
            via = f" (via {result.final_url})" if result.final_url else ""
            yield ctx.report(link.url_span, f"`{link.url}` is broken: {result.reason}{via}")
