"""Findings as the editor shows them: range, severity, code with a link to the rule's page, and for
duplicates and copied links the other entry.

A list's findings are all sent again at each change (the protocol replaces the whole set), and most
of them are as they were: each one shown is kept as JSON text (`Shown`), so that only new or moved
findings are worked out again, and the message is those texts joined (`publication`). A finding
before the edit, or after the line the edit ends on, is found by its offsets alone (working out its
line and character is most of the cost of one that moved); after that line, its lines move by the
lines the edit added or removed, and its characters stay. The JSON is written here rather than
through pygls's converter (a tenth of the time), in the same shape."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from ..diagnostic import Diagnostic, Severity
from ..docs import rule_url
from ..read.reread import changed_range
from ..text import LINE_BREAK
from ._positions import Positions

SOURCE = "awesomelint"
_SEVERITIES = {
    Severity.ERROR: int(types.DiagnosticSeverity.Error),
    Severity.WARNING: int(types.DiagnosticSeverity.Warning),
    Severity.INFO: int(types.DiagnosticSeverity.Information),
}
_Key = tuple[Any, ...]  # what a finding says, and at which offsets
_Places = tuple[int, ...]  # its start's and end's line and character (then the other entry's)
# A finding's JSON: the range first, then what it says; the other entry's range, if any, last.
_HEAD = b', {"range": '
_RELATED_TAIL = b'}, "message": "the other entry"}]}'


class Shown:
    """The findings last published for one text, as JSON texts by their offsets in that text."""

    def __init__(self) -> None:
        self._at: dict[_Key, tuple[_Places, bytes]] = {}
        self._text = ""
        self._lines = 0
        self._uri = ""
        self._related_info = True

    def to_json(
        self, diagnostics: Sequence[Diagnostic], positions: Positions, uri: str, related_info: bool = True
    ) -> list[bytes]:
        """The findings of one text, in its order, each as a comma and the JSON of a protocol
        diagnostic (for `Messages.publication`)."""
        text = positions.text
        at, self._at = self._at, {}
        if (uri, related_info) != (self._uri, self._related_info):
            at = {}
        same_until, same_from, delta, lines = self._unmoved(text, len(positions.starts))
        self._text, self._lines, self._uri, self._related_info = (
            text,
            len(positions.starts),
            uri,
            related_info,
        )
        kept, place = self._at, positions.place
        found: list[bytes] = []
        append, uri_json = found.append, json.dumps(uri)
        for diagnostic in diagnostics:
            code, _, severity, message, span, _, other = diagnostic
            start, end = span.start, span.end
            key: _Key
            earlier = None
            if other is None or not related_info:
                other, key = None, (code, message, severity, start, end)
                if end <= same_until:
                    earlier = at.get(key)
                elif start >= same_from:
                    earlier = at.get((code, message, severity, start - delta, end - delta))
            else:
                other_start, other_end = other.start, other.end
                key = (code, message, severity, start, end, other_start, other_end)
                if max(end, other_end) <= same_until:
                    earlier = at.get(key)
                elif min(start, other_start) >= same_from:
                    moved = (start - delta, end - delta, other_start - delta, other_end - delta)
                    earlier = at.get((code, message, severity, *moved))
            if earlier is None:
                places: _Places = (*place(start), *place(end))
                if other is not None:
                    places += (*place(other.start), *place(other.end))
                earlier = places, _json(diagnostic, places, uri_json)
            elif lines and start >= same_from:  # (not before the edit: there lines stay)
                earlier = _moved_lines(*earlier, lines)
            kept[key] = earlier
            append(earlier[1])
        return found

    def _unmoved(self, text: str, lines: int) -> tuple[int, int, int, int]:
        """Where ``text`` differs from the text shown before: offsets up to the first value are at the
        same line and character in both; from the second on (by ``text``'s offsets, the third value
        added to an earlier one), at the same character of a line moved by the fourth value."""
        change = changed_range(self._text, text)
        same_until = change.start - (text[change.start - 1 : change.start] == "\r")  # CR, LF apart
        line_break = LINE_BREAK.search(text, change.start + change.length)
        same_from = line_break.end() if line_break else len(text) + 1
        return same_until, same_from, len(text) - len(self._text), lines - self._lines


def _json(diagnostic: Diagnostic, places: _Places, uri_json: str) -> bytes:
    """A comma, and the JSON of a protocol diagnostic (as pygls writes it, keys apart) at ``places``."""
    code = diagnostic.code
    said = (
        f', "message": {json.dumps(diagnostic.message)}, "severity": {_SEVERITIES[diagnostic.severity]}, '
        f'"code": {json.dumps(code)}, "codeDescription": {{"href": {json.dumps(rule_url(code))}}}, '
        f'"source": "{SOURCE}", "data": {{"name": {json.dumps(diagnostic.name)}}}'
    ).encode()
    if len(places) == 4:
        return b"%s%s%s}" % (_HEAD, _range(places), said)
    related = b', "relatedInformation": [{"location": {"uri": %s, "range": ' % uri_json.encode()
    return b"%s%s%s%s%s%s" % (_HEAD, _range(places[:4]), said, related, _range(places[4:]), _RELATED_TAIL)


def _moved_lines(places: _Places, shown: bytes, lines: int) -> tuple[_Places, bytes]:
    """A finding's places and JSON, its lines moved by ``lines``."""
    moved = tuple([place + lines if index % 2 == 0 else place for index, place in enumerate(places)])
    said_from = len(_HEAD) + len(_range(places[:4]))
    if len(places) == 4:
        return moved, b"%s%s%s" % (_HEAD, _range(moved), shown[said_from:])
    said_to = len(shown) - len(_RELATED_TAIL) - len(_range(places[4:]))
    return moved, b"%s%s%s%s%s" % (
        _HEAD,
        _range(moved[:4]),
        shown[said_from:said_to],
        _range(moved[4:]),
        _RELATED_TAIL,
    )


def _range(places: _Places) -> bytes:
    return b'{"start": {"line": %d, "character": %d}, "end": {"line": %d, "character": %d}}' % places


class Messages:
    """Messages of findings written into one buffer, kept from one message to the next: a long list's
    findings are megabytes, and a new buffer each time costs more in fresh memory pages than the
    copying does."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()

    def publication(self, uri: str, version: int | None, diagnostics: Sequence[bytes]) -> memoryview:
        """The `textDocument/publishDiagnostics` message of ``diagnostics`` (from `Shown.to_json`),
        valid until the next call (release it before)."""
        buffer = self._buffer
        buffer.seek(0)
        method = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        buffer.write(b'{"jsonrpc": "2.0", "method": "%s", "params": ' % method.encode())
        buffer.write(b'{"uri": %s, "diagnostics": [' % json.dumps(uri).encode())
        first = buffer.tell()
        buffer.writelines(diagnostics)
        if diagnostics:  # no comma before the first one
            end = buffer.tell()
            buffer.seek(first)
            buffer.write(b" ")
            buffer.seek(end)
        buffer.write(b"]" if version is None else b'], "version": %d' % version)
        buffer.write(b"}}")
        return buffer.getbuffer()[: buffer.tell()]


def configuration_error(message: str) -> types.Diagnostic:
    """A configuration that cannot be used, shown at the top of each file it configures."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"awesomelint: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
