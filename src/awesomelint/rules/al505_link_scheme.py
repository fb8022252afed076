from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_NOT_WEB = frozenset({"javascript", "vbscript", "data", "file", "about", "chrome", "view-source"})
# A web scheme written wrongly: `https//x`, `https:/x`, `http:\\x`, `htps://x`.
_BROKEN_WEB = re.compile(r"(?i)(h?t?t?p?s?)(:?)(/{1,2}|\\\\)(?=[\w-]+\.)")


def _repaired(url: str) -> str | None:
    """The web address that ``url`` misspells, or None when it is not a misspelled web address."""
    match = _BROKEN_WEB.match(url)
    if match is None or "tp" not in match[1].lower():
        return None
    scheme = "https" if match[1].lower().endswith("s") else "http"
    fixed = f"{scheme}://{url[match.end() :]}"
    return fixed if fixed != url else None


@rule(
    "AL505",
    "link-scheme",
    "Link whose scheme is no web address (`javascript:`, `file:`) or a misspelled one (`https//`)",
    severity=Severity.ERROR,
    fix=Applicability.SAFE,
    tags=("links",),
)
def link_scheme(ctx: Context) -> Iterator[Diagnostic]:
    for link in ctx.document.links:
        url = link.url.strip()
        scheme = _SCHEME.match(url)
        if scheme and scheme[1].lower() in _NOT_WEB:
            message = f"`{scheme[0]}` link: a reader of the list cannot open it as a page"
            yield ctx.report(link.url_span, message)
            continue
        repaired = _repaired(url)
        if repaired is None:
            continue
        start = link.url_span.start + link.url.index(url)
        message = f"`{url}` is a misspelled web address: it opens nothing"
        fix = ctx.fix(f"write `{repaired}`", Edit(start, start + len(url), repaired))
        yield ctx.report(link.url_span, message, fix)
