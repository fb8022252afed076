from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL107",
    "dangling-intro",
    "Section ends on a paragraph that ends with a colon and nothing follows",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("structure",),
)
def dangling_intro(ctx: Context) -> Iterator[Diagnostic]:
    for section in ctx.document.iter_sections():
        if not section.blocks or section.children:
            continue
        last = section.blocks[-1]
        if last.kind != "paragraph" or not last.text.rstrip().endswith(":"):
            continue
        if any(entry.span.start > last.span.start for entry in section.entries):
            continue
        message = f"the paragraph ends with a colon but nothing follows it in section `{section.text}`"
        yield ctx.report(last.span, message)
