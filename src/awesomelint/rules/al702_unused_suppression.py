from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL702",
    "unused-suppression",
    "Suppression comment that silences no finding (as ruff's RUF100)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("suppression",),
)
def unused_suppression(ctx: Context) -> Iterator[Diagnostic]:
    """Found by the engine once every other rule has run (`engine.run_rules`): only then is it known
    which suppressions silenced something."""
    return iter(())
