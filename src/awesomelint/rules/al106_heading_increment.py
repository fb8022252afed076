from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL106",
    "heading-increment",
    "Heading level jumps by more than one",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("structure",),
)
def heading_increment(ctx: Context) -> Iterator[Diagnostic]:
    previous = None
    for section in ctx.document.iter_sections():
        if previous is not None and section.level > previous.level + 1:
            message = (
                f"`{'#' * section.level} {section.text}` follows a level-{previous.level} heading "
                f"(line {previous.span.start_line}); use level {previous.level + 1}"
            )
            yield ctx.report(section.span, message)
        previous = section
