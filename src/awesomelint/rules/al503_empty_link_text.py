from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, Parts, rescanned, rule
from ._lines import link_start, starting_in

_EMPTY_TEXT = re.compile(r"\[\s*\]\(")


@rule(
    "AL503",
    "empty-link-text",
    "Link with no text (`[](url)`): nothing to click on",
    severity=Severity.ERROR,
    fix=Applicability.NONE,
    tags=("links",),
)
def empty_link_text(ctx: Context) -> list[Diagnostic]:
    return rescanned(ctx, lambda parts: _scan(ctx, parts))


def _scan(ctx: Context, parts: Parts) -> Iterator[Diagnostic]:
    """The findings of the links that start in the ``parts`` of the text."""
    for link in starting_in(ctx.document.links, parts, link_start):
        if link.url.strip() and _EMPTY_TEXT.match(link.raw):
            yield ctx.report(link.span, f"the link to `{link.url}` has no text, so it shows nothing to click")
