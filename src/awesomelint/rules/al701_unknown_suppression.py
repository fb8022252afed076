from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule, unknown_directive_words


@rule(
    "AL701",
    "unknown-suppression",
    "Suppression comment that names no rule (`<!-- awesomelint-disable AL999 -->`)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("suppression",),
)
def unknown_suppression(ctx: Context) -> Iterator[Diagnostic]:
    for comment, word in unknown_directive_words(ctx.document):
        yield ctx.report(
            comment.span, f"`{word}` is not a rule code or name; this comment silences nothing for it"
        )
