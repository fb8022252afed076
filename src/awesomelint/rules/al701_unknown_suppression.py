from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule, suppression_typos


@rule(
    "AL701",
    "unknown-suppression",
    "Suppression comment with a typo: a misspelt directive or a word that names no rule",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("suppression",),
)
def unknown_suppression(ctx: Context) -> Iterator[Diagnostic]:
    for comment, problem in suppression_typos(ctx.document):
        yield ctx.report(comment.span, problem)
