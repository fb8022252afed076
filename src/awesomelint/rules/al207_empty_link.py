from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rescanned, rule
from ._lines import inside, whole

# `[[code]]` with no destination: Markdown leaves it as text, so it is not in the link list.
_BARE = re.compile(r"\[\[([^\[\]\n]+)\]\](?![(\[])")


# Labels of links left empty on purpose until there is something to link to.
_PLACEHOLDER = re.compile(
    r"\W*(?:coming soon|(?:code |data |paper )?(?:coming|available) soon|soon|tbd|tba|todo|n/?a|wip"
    r"|to be (?:released|announced|added)|comi\w* soon)\W*",
    re.IGNORECASE,
)


@rule(
    "AL207",
    "empty-link",
    "Link with an empty or missing URL (`[code]()`, a bare `[[code]]`)",
    severity=Severity.ERROR,
    fix=Applicability.NONE,
    tags=("entries", "links"),
)
def empty_link(ctx: Context) -> list[Diagnostic]:
    return rescanned(ctx, lambda parts: _scan(ctx, parts))


def _scan(ctx: Context, parts: Sequence[tuple[int, int]]) -> Iterator[Diagnostic]:
    """The findings of the links and entries that start in the ``parts`` of the text."""
    text, links, entries = ctx.document.text, ctx.document.links, ctx.document.iter_entries()
    within = None if whole(ctx.document, parts) else inside(parts)
    if within is not None:
        entries = (entry for entry in entries if within(entry.span.start))
    for link in links:
        if link.url.strip() or (within is not None and not within(link.span.start)):
            continue  # (most links: one test)
        if not link.label or _PLACEHOLDER.fullmatch(link.label):
            continue  # a badge with no target is decoration; `[Coming soon]()` says so on purpose
        yield ctx.report(link.span, f"link `{link.label}` has no URL")
    for entry in entries:
        for match in _BARE.finditer(text, entry.span.start, entry.span.end):
            if any(link.span.start <= match.start() < link.span.end for link in entry.links):
                continue
            yield ctx.report(
                ctx.span(match.start(), match.end()), f"`{match[0]}` looks like a link with no URL"
            )
