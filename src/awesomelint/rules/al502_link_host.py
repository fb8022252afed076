from __future__ import annotations

import functools
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..style import site, url_host


@rule(
    "AL502",
    "link-host",
    "One site written with different host forms (`aminer.cn` and `www.aminer.cn`)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("links", "consistency"),
)
def link_host(ctx: Context) -> Iterator[Diagnostic]:
    hosts = ctx.style.hosts
    # (only a site that some links write otherwise than most can have a finding: often none)
    mixed = {name for name, dominant in hosts.items() if dominant.count < dominant.total}
    for link in ctx.document.links if mixed else ():
        found = _site_and_host(link.url)
        if found is None or found[0] not in mixed:
            continue
        name, host = found
        dominant = hosts[name]
        if host.lower() == dominant.value:
            continue
        evidence = dominant.evidence(f"`{dominant.value}`", noun="links to this site", verb="use")
        message = f"host `{host}` is written another way elsewhere; {evidence}"
        written = link.url.find(host, link.url.find("//") + 2)
        fix = None
        if written >= 0 and link.url_span.end - link.url_span.start == len(link.url):
            start = link.url_span.start + written
            fix = ctx.fix(f"write `{dominant.value}`", Edit(start, start + len(host), dominant.value))
        yield ctx.report(link.url_span, message, fix)


@functools.lru_cache(maxsize=2**16)  # asked for each link on each run
def _site_and_host(url: str) -> tuple[str, str] | None:
    host = url_host(url)
    return None if host is None else (site(host), host)
