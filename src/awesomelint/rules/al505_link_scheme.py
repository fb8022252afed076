from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from ..diagnostic import Applicability, ChangesLink, Diagnostic, Edit, Severity
from ..engine import Context, rescanned, rule
from ._lines import link_start, starting_in, verbatim_lines

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


# Markdown refuses to make a link of these schemes: `[Name](javascript:...)` stays text.
_REFUSED = re.compile(
    r"\]\((?P<url>(?:javascript|vbscript|file|data):[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)", re.IGNORECASE
)


def _refused(ctx: Context, parts: Sequence[tuple[int, int]]) -> Iterator[Diagnostic]:
    verbatim: frozenset[int] | None = None  # read at the first match (most lists have none)
    text = ctx.document.text
    for start, end in parts:
        for match in _REFUSED.finditer(text, start, end):  # (a match never crosses a line's end)
            span = ctx.span(match.start("url"), match.end("url"))
            if verbatim is None:
                verbatim = verbatim_lines(ctx.document)
            if span.start_line in verbatim:
                continue
            message = f"`{match['url']}`: Markdown makes no link of this scheme, and a reader cannot open it"
            yield ctx.report(span, message)


@rule(
    "AL505",
    "link-scheme",
    "Link whose scheme is no web address (`javascript:`, `file:`) or a misspelled one (`https//`)",
    severity=Severity.ERROR,
    fix=Applicability.SAFE,
    tags=("links",),
)
def link_scheme(ctx: Context) -> list[Diagnostic]:
    return rescanned(ctx, lambda parts: _scan(ctx, parts))


def _scan(ctx: Context, parts: Sequence[tuple[int, int]]) -> Iterator[Diagnostic]:
    """The findings on the lines that start in the ``parts`` of the text (a link's where it starts:
    its destination too, as no link crosses the heading lines that bound a part)."""
    yield from _refused(ctx, parts)
    for link in starting_in(ctx.document.links, parts, link_start):
        problem = _problem(link.url)
        if problem is None:
            continue
        url, scheme, repaired = problem
        if repaired is None:
            message = f"`{scheme}` link: a reader of the list cannot open it as a page"
            yield ctx.report(link.url_span, message)
            continue
        start = link.url_span.start + link.url.index(url)
        message = f"`{url}` is a misspelled web address: it opens nothing"
        intent = ChangesLink(link.url_span.start, link.url, repaired)
        fix = ctx.fix(f"write `{repaired}`", Edit(start, start + len(url), repaired), intents=(intent,))
        yield ctx.report(link.url_span, message, fix)


@functools.lru_cache(maxsize=2**16)  # asked for each link on each run
def _problem(written: str) -> tuple[str, str, str | None] | None:
    """What is wrong with the link destination ``written``: the address (stripped), its scheme
    when that is no web scheme, and the repaired address when it misspells one; None when nothing."""
    url = written.strip()
    scheme = _SCHEME.match(url)
    if scheme and scheme[1].lower() in _NOT_WEB:
        return url, scheme[0], None
    repaired = _repaired(url)
    return None if repaired is None else (url, "", repaired)
