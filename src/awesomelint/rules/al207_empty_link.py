from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rescanned, rule
from ._lines import entries_in, link_start, starting_in

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
    text = ctx.document.text
    for link in starting_in(ctx.document.links, parts, link_start):
        if link.url.strip():
            continue  # (most links: one test)
        if not link.label or _PLACEHOLDER.fullmatch(link.label):
            continue  # a badge with no target is decoration; `[Coming soon]()` says so on purpose
        yield ctx.report(link.span, f"link `{link.label}` has no URL")
    for entry in entries_in(ctx.document, parts):
        for match in _BARE.finditer(text, entry.span.start, entry.span.end):
            if any(link.span.start <= match.start() < link.span.end for link in entry.links):
                continue
            yield ctx.report(
                ctx.span(match.start(), match.end()), f"`{match[0]}` looks like a link with no URL"
            )
