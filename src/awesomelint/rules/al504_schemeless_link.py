from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, ChangesLink, Diagnostic, Edit, Severity
from ..engine import Context, Parts, rescanned, rule
from ._lines import link_start, starting_in

# A destination that names a web host but has no scheme: GitHub renders it as a path in the repository.
_HOST_WITHOUT_SCHEME = re.compile(
    r"(?:www\.[\w-]+\.[\w.-]+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|ai|edu|gov|co|me|app))(?:[/?#]|$)",
    re.IGNORECASE,
)
_WEB = ("https://", "http://")


@rule(
    "AL504",
    "schemeless-link",
    "Link to a web address without `https://` (`www.example.com`), which renders as a relative link",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    tags=("links",),
)
def schemeless_link(ctx: Context) -> list[Diagnostic]:
    return rescanned(ctx, lambda parts: _scan(ctx, parts))


def _scan(ctx: Context, parts: Parts) -> Iterator[Diagnostic]:
    """The findings of the links that start in the ``parts`` of the text."""
    for link in starting_in(ctx.document.links, parts, link_start):
        url = link.url.strip()
        if url.startswith(_WEB) or not _HOST_WITHOUT_SCHEME.match(url):
            continue  # (most links: a scheme, which no host matches before, told by one test)
        message = f"`{url}` has no scheme: it opens as a file of this repository, not as a web page"
        start = link.url_span.start
        intent = ChangesLink(start, link.url, f"https://{url}")
        fix = ctx.fix("add `https://`", Edit(start, start, "https://"), intents=(intent,))
        yield ctx.report(link.url_span, message, fix)
