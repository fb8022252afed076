"""Findings as the editor shows them: range, severity, code with a link to the rule's page, and for
duplicates and copied links the other entry.

A list's findings are all sent again at each change, and most of them are as they were: each one
shown is kept with its JSON (`Shown`), so that only new or moved findings are converted again."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from cattrs import Converter
from lsprotocol import types
from pygls.protocol import default_converter

from ..diagnostic import Diagnostic, Severity
from ..docs import rule_url
from ._positions import Positions

SOURCE = "awesomelint"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_Key = tuple[Any, ...]


@attrs.define
class _Known(types.Diagnostic):
    """A protocol diagnostic with its JSON, made once."""

    json: dict[str, Any] | None = attrs.field(default=None, eq=False, repr=False)


@functools.cache
def _json() -> Callable[[types.Diagnostic], Any]:
    plain: Converter = default_converter()  # type: ignore[no-untyped-call]
    return plain.get_unstructure_hook(types.Diagnostic)


def converter() -> Converter:
    """pygls's converter, taking the JSON a shown finding keeps instead of converting it again."""
    made: Converter = default_converter()  # type: ignore[no-untyped-call]
    convert = _json()

    def unstructure(diagnostic: types.Diagnostic) -> Any:
        kept = diagnostic.json if isinstance(diagnostic, _Known) else None
        return kept if kept is not None else convert(diagnostic)

    made.register_unstructure_hook(types.Diagnostic, unstructure)
    return made


class Shown:
    """The findings last published for one text, by what the editor sees of them."""

    def __init__(self) -> None:
        self._known: dict[_Key, _Known] = {}

    def to_lsp(
        self, diagnostics: Sequence[Diagnostic], positions: Positions, uri: str, related_info: bool = True
    ) -> list[types.Diagnostic]:
        """The findings of one text, in its order."""
        known, self._known = self._known, {}
        found: list[types.Diagnostic] = []
        place = positions.place
        for diagnostic in diagnostics:
            span, other = diagnostic.span, diagnostic.related if related_info else None
            key: _Key = (diagnostic.code, diagnostic.name, diagnostic.message, diagnostic.severity)
            key += (*place(span.start), *place(span.end))
            if other is not None:
                key += (*place(other.start), *place(other.end))
            shown = known.get(key) or self._known.get(key) or self._make(diagnostic, key[4:], uri)
            self._known[key] = shown
            found.append(shown)
        return found

    def _make(self, diagnostic: Diagnostic, places: _Key, uri: str) -> _Known:
        related = None
        if len(places) > 4:
            where = types.Location(uri, _range(*places[4:]))
            related = [types.DiagnosticRelatedInformation(where, "the other entry")]
        shown = _Known(
            range=_range(*places[:4]),
            message=diagnostic.message,
            severity=_SEVERITIES[diagnostic.severity],
            code=diagnostic.code,
            code_description=types.CodeDescription(href=rule_url(diagnostic.code)),
            source=SOURCE,
            related_information=related,
            data={"name": diagnostic.name},
        )
        shown.json = _json()(shown)
        return shown


def _range(start_line: int, start_character: int, end_line: int, end_character: int) -> types.Range:
    return types.Range(types.Position(start_line, start_character), types.Position(end_line, end_character))


def to_lsp(
    diagnostics: Sequence[Diagnostic], positions: Positions, uri: str, related_info: bool = True
) -> list[types.Diagnostic]:
    """The findings of one text, in its order, converted afresh."""
    return Shown().to_lsp(diagnostics, positions, uri, related_info)


def configuration_error(message: str) -> types.Diagnostic:
    """A configuration that cannot be used, shown at the top of each file it configures."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"awesomelint: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
