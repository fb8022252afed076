"""Findings as the editor shows them: range, severity, code with a link to the rule's page, and for
duplicates and copied links the other entry.

A list's findings are all sent again at each change (the protocol replaces the whole set), and most
of them are as they were: each one shown is kept as JSON text (`Shown`), so that only new or moved
findings are encoded again, and the message is those texts joined (`publication`). A finding before
the edit, or after it on a line that did not move, is found by its offsets alone (working out its
line and character is most of the cost of one that moved)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter

from ..diagnostic import Diagnostic, Severity
from ..docs import rule_url
from ..read.reread import changed_range
from ..text import LINE_BREAK
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
    """The findings last published for one text, as JSON texts: by what the editor sees of them, and
    by their offsets in that text."""

    def __init__(self) -> None:
        self._known: dict[_Key, str] = {}  # by what, and at which lines and characters
        self._at: dict[_Key, tuple[_Key, str]] = {}  # by what, at which offsets: (places, JSON)
        self._text = ""
        self._lines = 0
        self._related_info = True

    def to_json(
        self, diagnostics: Sequence[Diagnostic], positions: Positions, uri: str, related_info: bool = True
    ) -> list[str]:
        """The findings of one text, in its order, each as the JSON of a protocol diagnostic."""
        text = positions.text
        known, self._known = self._known, {}
        at, self._at = self._at, {}
        if related_info != self._related_info:
            known, at = {}, {}
        same_until, same_from, delta = self._unmoved(text, len(positions.starts))
        self._text, self._lines, self._related_info = text, len(positions.starts), related_info
        found: list[str] = []
        place = positions.place
        for diagnostic in diagnostics:
            code, name, severity, message, span, _, other = diagnostic
            start, end = span.start, span.end
            offsets: _Key
            if other is None or not related_info:
                other, offsets, first, last = None, (code, name, message, severity, start, end), start, end
            else:
                offsets = (code, name, message, severity, start, end, other.start, other.end)
                first, last = min(start, other.start), max(end, other.end)
            earlier = None
            if last <= same_until:
                earlier = at.get(offsets)
            elif first >= same_from:
                moved = offsets[:4] + tuple([offset - delta for offset in offsets[4:]]) if delta else offsets
                earlier = at.get(moved)
            if earlier is not None:
                places, shown = earlier
            else:
                places = (*place(start), *place(end))
                if other is not None:
                    places += (*place(other.start), *place(other.end))
                where = offsets[:4] + places
                shown = known.get(where) or self._known.get(where) or encoded(_made(diagnostic, places, uri))
                self._known[where] = shown
            self._at[offsets] = (places, shown)
            found.append(shown)
        return found

    def _unmoved(self, text: str, lines: int) -> tuple[int, int, int]:
        """Where ``text`` differs from the text shown before: offsets up to the first value are at the
        same line and character in both, and so are those from the second on (by ``text``'s offsets;
        the third value added to an earlier one), when no line was added or removed."""
        change = changed_range(self._text, text)
        same_until = change.start - (text[change.start - 1 : change.start] == "\r")  # CR, LF apart
        if lines != self._lines:
            return same_until, len(text) + 1, 0
        line_break = LINE_BREAK.search(text, change.start + change.length)
        return same_until, line_break.end() if line_break else len(text) + 1, len(text) - len(self._text)


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
