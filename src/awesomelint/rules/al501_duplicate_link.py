from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..model import Link

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalized_url(url: str) -> str | None:
    """The URL with the differences that do not change the page removed (scheme, ``www.``, case of
    the host, default port, trailing slash, fragment); None when it is not a web URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS[parts.scheme.lower()]:
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


@rule(
    "AL501",
    "duplicate-link",
    "The same URL twice among the entries (after normalisation)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("links",),
)
def duplicate_link(ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, Link] = {}
    for entry in ctx.document.iter_entries():
        for link in entry.links:
            key = normalized_url(link.url)
            if key is None:
                continue
            first = seen.setdefault(key, link)
            if first is not link:
                message = f"`{link.url}` is already linked at line {first.span.start_line}"
                yield ctx.report(link.url_span, message)
