from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..model import Section
from ._categories import category_of
from ._sections import is_empty, removal, sibling_groups


@rule(
    "AL102",
    "duplicate-heading",
    "Sibling headings with the same text",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("structure",),
)
def duplicate_heading(ctx: Context) -> Iterator[Diagnostic]:
    for group in sibling_groups(ctx.document):
        first_seen: dict[tuple[int, str], Section] = {}
        for section in group:
            if not section.text.strip():
                continue  # a bare `##` draws a rule under it: a separator, not a named heading
            # `2025` under two same-level category headings are two parts, not one heading twice
            category = category_of(ctx.document, section)
            key = (id(category), " ".join(section.text.casefold().split()))
            original = first_seen.setdefault(key, section)
            if original is section:
                continue
            message = (
                f"heading `{section.text}` repeats the sibling heading at line {original.span.start_line}"
            )
            edits = removal(ctx.document, section) if is_empty(ctx.document, section) else None
            fix = ctx.fix(f"remove the empty duplicate `{section.text}`", *edits) if edits else None
            yield ctx.report(section.span, message, fix)
