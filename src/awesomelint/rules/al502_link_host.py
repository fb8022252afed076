from __future__ import annotations

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
    for link in ctx.document.links:
        host = url_host(link.url)
        if host is None:
            continue
        dominant = ctx.style.hosts.get(site(host))
        if dominant is None or host.lower() == dominant.value:
            continue
        evidence = dominant.evidence(f"`{dominant.value}`", noun="links to this site", verb="use")
        message = f"host `{host}` is written another way elsewhere; {evidence}"
        written = link.url.find(host, link.url.find("//") + 2)
        fix = None
        if written >= 0 and link.url_span.end - link.url_span.start == len(link.url):
            start = link.url_span.start + written
            fix = ctx.fix(f"write `{dominant.value}`", Edit(start, start + len(host), dominant.value))
        yield ctx.report(link.url_span, message, fix)
