"""Findings as the editor shows them: range, severity, code with a link to the rule's page, and for
duplicates and copied links the other entry.

A list's findings are all sent again at each change (the protocol replaces the whole set), and most
of them are as they were: each one shown is kept as JSON text (`Shown`), so that only new or moved
findings are encoded again, and the message is those texts joined (`publication`)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

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


@functools.cache
def _unstructure() -> Callable[[types.Diagnostic], Any]:
    return default_converter().get_unstructure_hook(types.Diagnostic)  # type: ignore[no-untyped-call,no-any-return]


def encoded(diagnostic: types.Diagnostic) -> str:
    """A protocol diagnostic as the JSON text pygls would send."""
    return json.dumps(_unstructure()(diagnostic))


class Shown:
    """The findings last published for one text, by what the editor sees of them, as JSON texts."""

    def __init__(self) -> None:
        self._known: dict[_Key, str] = {}

    def to_json(
        self, diagnostics: Sequence[Diagnostic], positions: Positions, uri: str, related_info: bool = True
    ) -> list[str]:
        """The findings of one text, in its order, each as the JSON of a protocol diagnostic."""
        known, self._known = self._known, {}
        found: list[str] = []
        place = positions.place
        for diagnostic in diagnostics:
            span, other = diagnostic.span, diagnostic.related if related_info else None
            key: _Key = (diagnostic.code, diagnostic.name, diagnostic.message, diagnostic.severity)
            key += (*place(span.start), *place(span.end))
            if other is not None:
                key += (*place(other.start), *place(other.end))
            shown = known.get(key) or self._known.get(key) or encoded(_made(diagnostic, key[4:], uri))
            self._known[key] = shown
            found.append(shown)
        return found


def publication(uri: str, version: int | None, diagnostics: Sequence[str]) -> str:
    """The `textDocument/publishDiagnostics` message of ``diagnostics`` (JSON texts)."""
    params = f'{{"uri": {json.dumps(uri)}, "diagnostics": [{", ".join(diagnostics)}]'
    if version is not None:
        params += f', "version": {int(version)}'
    method = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
    return f'{{"method": "{method}", "params": {params}}}, "jsonrpc": "2.0"}}'


def _made(diagnostic: Diagnostic, places: _Key, uri: str) -> types.Diagnostic:
    related = None
    if len(places) > 4:
        where = types.Location(uri, _range(*places[4:]))
        related = [types.DiagnosticRelatedInformation(where, "the other entry")]
    return types.Diagnostic(
        range=_range(*places[:4]),
        message=diagnostic.message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=rule_url(diagnostic.code)),
        source=SOURCE,
        related_information=related,
        data={"name": diagnostic.name},
    )


def _range(start_line: int, start_character: int, end_line: int, end_character: int) -> types.Range:
    return types.Range(types.Position(start_line, start_character), types.Position(end_line, end_character))


def configuration_error(message: str) -> types.Diagnostic:
    """A configuration that cannot be used, shown at the top of each file it configures."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"awesomelint: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
