from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, ChangesLink, Diagnostic, Edit, Severity
from ..engine import Context, rule

# A destination that names a web host but has no scheme: GitHub renders it as a path in the repository.
_HOST_WITHOUT_SCHEME = re.compile(
    r"(?:www\.[\w-]+\.[\w.-]+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|ai|edu|gov|co|me|app))(?:[/?#]|$)",
    re.IGNORECASE,
)


@rule(
    "AL504",
    "schemeless-link",
    "Link to a web address without `https://` (`www.example.com`), which renders as a relative link",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    tags=("links",),
)
def schemeless_link(ctx: Context) -> Iterator[Diagnostic]:
    for link in ctx.document.links:
        url = link.url.strip()
        if not _HOST_WITHOUT_SCHEME.match(url):
            continue
        message = f"`{url}` has no scheme: it opens as a file of this repository, not as a web page"
        start = link.url_span.start
        intent = ChangesLink(start, link.url, f"https://{url}")
        fix = ctx.fix("add `https://`", Edit(start, start, "https://"), intents=(intent,))
        yield ctx.report(link.url_span, message, fix)
