"""Findings as the editor shows them: range, severity, code with a link to the rule's page, and for
duplicates and copied links the other entry."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from ..diagnostic import Diagnostic, Severity
from ..docs import rule_url
from ._positions import Positions

SOURCE = "awesomelint"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_lsp(
    diagnostics: Sequence[Diagnostic], positions: Positions, uri: str, related_info: bool = True
) -> list[types.Diagnostic]:
    """The findings of one text, in its order; each keeps its index in ``data`` for code actions."""
    found = []
    for index, diagnostic in enumerate(diagnostics):
        related = None
        if diagnostic.related is not None and related_info:
            where = types.Location(uri, positions.range(diagnostic.related.start, diagnostic.related.end))
            related = [types.DiagnosticRelatedInformation(where, "the other entry")]
        found.append(
            types.Diagnostic(
                range=positions.range(diagnostic.span.start, diagnostic.span.end),
                message=diagnostic.message,
                severity=_SEVERITIES[diagnostic.severity],
                code=diagnostic.code,
                code_description=types.CodeDescription(href=rule_url(diagnostic.code)),
                source=SOURCE,
                related_information=related,
                data={"index": index, "name": diagnostic.name},
            )
        )
    return found


def configuration_error(message: str) -> types.Diagnostic:
    """A configuration that cannot be used, shown at the top of each file it configures."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"awesomelint: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
