from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._categories import heading_ids, is_category
from ._sections import is_empty, is_pointed_at, removal

# A heading that says itself that nothing is under it yet: the author's note, not a slip.
_PLACEHOLDER = re.compile(
    r"coming soon|to be (?:added|updated|continued|completed)|\b(?:todo|tbd|wip)\b|stay tuned|"
    r"under construction|work in progress",
    re.IGNORECASE,
)


@rule(
    "AL101",
    "empty-section",
    "Heading whose whole subtree holds no entry and no content",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("structure",),
)
def empty_section(ctx: Context) -> Iterator[Diagnostic]:
    for section in ctx.document.iter_sections():
        if not is_empty(ctx.document, section) or (
            section.parent is not None and is_empty(ctx.document, section.parent)
        ):
            continue
        if (
            is_category(ctx.document, section)
            or not section.text.strip()
            or _PLACEHOLDER.search(section.text)
        ):
            continue  # a category over the same-level headings after it, or a bare `##` separator
        below = sum(1 for _ in section.walk()) - 1
        extent = f" (nor do its {below} sub-sections)" if below else ""
        message = f"section `{section.text}` has no entries and no content{extent}"
        # The document's title stays: an empty list still needs its name. A category heading over
        # sub-headings, or one that a link or an HTML `id` points at, is never deleted: removing it
        # would break the outline or create a broken anchor. A heading with an `id` of its own
        # (`<h3 id="llm">`) was given it to be linked to, from this page or another.
        pointed = is_pointed_at(ctx.document, section) or bool(heading_ids(ctx.document, section))
        keep = section.level == 1 or bool(section.children) or pointed
        edits = None if keep else removal(ctx.document, section)
        fix = ctx.fix(f"remove the empty section `{section.text}`", *edits) if edits else None
        yield ctx.report(section.span, message, fix)
