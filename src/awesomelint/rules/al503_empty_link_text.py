from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule

_EMPTY_TEXT = re.compile(r"\[\s*\]\(")


@rule(
    "AL503",
    "empty-link-text",
    "Link with no text (`[](url)`): nothing to click on",
    severity=Severity.ERROR,
    fix=Applicability.NONE,
    tags=("links",),
)
def empty_link_text(ctx: Context) -> Iterator[Diagnostic]:
    for link in ctx.document.links:
        if link.url.strip() and _EMPTY_TEXT.match(link.raw):
            yield ctx.report(link.span, f"the link to `{link.url}` has no text, so it shows nothing to click")
