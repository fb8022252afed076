from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._links import checked_links


@rule(
    "AL513",
    "unverifiable-link",
    "Link that could not be verified: bot wall, rate limit, timeout, server error (with --links)",
    severity=Severity.INFO,
    fix=Applicability.NONE,
    tags=("links", "network"),
)
def unverifiable_link(ctx: Context) -> Iterator[Diagnostic]:
    for link, result in checked_links(ctx):
        if result.verdict == "unverifiable":
            yield ctx.report(link.url_span, f"`{link.url}` could not be verified: {result.reason}")
