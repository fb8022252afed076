from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..evidence.links import is_paper_link, link_key

# A page title shorter than this names a site or a project, not a paper (which AL514 could compare).
_FEWEST_TITLE_WORDS = 4


@rule(
    "AL514",
    "wrong-paper",
    "Paper link whose page is titled as another paper (with --links)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("links", "network"),
)
def wrong_paper(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.links is None:
        return
    from ..evidence.links import names_paper  # only when links were checked

    for entry in ctx.document.iter_entries():
        if entry.title is None:
            continue
        for link in entry.links:
            key = link_key(link.url)
            result = ctx.links.get(key) if key else None
            if result is None or not result.titles or not is_paper_link(entry, link):
                continue
            if any(names_paper(title, entry.title.text) for title in result.titles):
                continue
            if len(result.titles[0].split()) < _FEWEST_TITLE_WORDS:
                continue  # `YouTube`, `GitHub`, a project's short name: the page says nothing of a paper
            message = f"`{link.label}` opens a page titled `{result.titles[0]}`, not `{entry.title.text}`"
            yield ctx.report(link.url_span, message)
