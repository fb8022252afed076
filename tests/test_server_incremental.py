"""The server's path from an editor's changes to the findings it publishes (each text linted from the
one before it: only what an edit touched is read again) gives exactly what a full
`check` of the same text gives, after every edit (insert, delete or change an entry, rename a
heading) of real lists: changes arrive as the protocol sends them (a range in UTF-16 units and the
new text), and the findings leave as the JSON the server sends (most of it kept from the edit
before). AWESOMELINT_SERVER_EDITS sets how many edits in all (default 60; the acceptance run uses
1000)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.protocol import default_converter

from awesomelint.diagnostic import Severity
from awesomelint.docs import rule_url
from awesomelint.engine import Settings, run_rules
from awesomelint.read import read
from awesomelint.server._diagnostics import Messages, Shown
from awesomelint.server._documents import lint
from awesomelint.server._positions import Positions
from awesomelint.server._sync import OpenText

from .edits import edit_of, edit_runs, edit_strategy

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
# Lists of every shape, small enough that a full check after each edit stays quick.
LISTS = sorted(path for path in CORPUS.glob("*.md") if path.stat().st_size < 65_000)
EDITS = int(os.environ.get("AWESOMELINT_SERVER_EDITS", "60"))
EDITS_PER_LIST = 10
UTF16 = types.PositionEncodingKind.Utf16
# Replacement words, with what trips position arithmetic: accents, an astral character (two UTF-16
# units), a line separator that is no line break for the protocol, CRLF.
WORDS = ["Adapter", "tuning", "Zoë", "🙂 emoji", "café\u2028line", "x\r\ny", "**bold**", "2023", ""]


def _position(text: str, offset: int) -> types.Position:
    """The protocol's position of ``offset``, counted here independently of the server."""
    line_start, line = 0, 0
    for match in re.finditer(r"\r\n|\r|\n", text[:offset]):
        line, line_start = line + 1, match.end()
    return types.Position(line, len(text[line_start:offset].encode("utf-16-le")) // 2)


def _full_check(text: str) -> list[tuple[str, str, int, int, int, int]]:
    found = run_rules(read(text), Settings())
    return [
        (d.code, d.message, *_pair(_position(text, d.span.start)), *_pair(_position(text, d.span.end)))
        for d in found
    ]


def _pair(position: types.Position | dict[str, int]) -> tuple[int, int]:
    if isinstance(position, dict):
        return position["line"], position["character"]
    return position.line, position.character


def _outside_line_breaks(text: str, offset: int) -> int:
    """``offset``, moved before a CR LF pair it would split: no protocol position is between the two
    (an edit may have written a CR LF into the text)."""
    return offset - 1 if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n" else offset


edit = edit_strategy(["insert", "delete", "change", "change", "rename"], WORDS)


@pytest.mark.skipif(not LISTS, reason="the corpus folder ../shared/corpus is not here")
@edit_runs(LISTS or [Path("missing")], edit, EDITS, EDITS_PER_LIST)
def test_findings_after_each_edit_are_a_full_checks(
    path: Path, edits: list[tuple[str, float, float, str]]
) -> None:
    text = path.read_text("utf-8")
    opened = OpenText(text, 1, UTF16)
    configured = Settings()
    linted = lint(text, 1, configured, UTF16)
    shown, messages = Shown(), Messages()
    shown.to_json(linted.diagnostics, linted.positions, "file:///list.md")
    for version, (kind, where, other, word) in enumerate(edits, start=2):
        start, end, replacement = edit_of(text, kind, where, other, word)
        start, end = _outside_line_breaks(text, start), _outside_line_breaks(text, end)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(_position(text, start), _position(text, end)), text=replacement
        )
        text = text[:start] + replacement + text[end:]
        opened.apply([change], version, linted.positions)  # the positions of the text before it
        assert opened.text == text
        linted = lint(opened.text, opened.version, configured, UTF16, earlier=linted)
        encoded = shown.to_json(linted.diagnostics, linted.positions, "file:///list.md")
        with messages.publication("file:///list.md", version, encoded) as sent:
            message = json.loads(bytes(sent))
        assert message["params"]["version"] == version
        published = [
            (d["code"], d["message"], *_pair(d["range"]["start"]), *_pair(d["range"]["end"]))
            for d in message["params"]["diagnostics"]
        ]
        assert published == _full_check(text), (path.name, kind, version)
        # what was kept from the message before (ranges of the other entry too) is as made afresh
        afresh = Shown().to_json(linted.diagnostics, linted.positions, "file:///list.md")
        assert encoded == afresh, (path.name, kind, version)


@pytest.mark.parametrize("text", ["\ufeff# A\r\n\r\n- x\r- y\n", "# A\n\n- [x](u)\n", "", "\ufeff"])
def test_positions_from_the_source_table_are_those_counted_afresh(text: str) -> None:
    document = read(text)
    assert Positions(text, UTF16, document.source).starts == Positions(text, UTF16).starts


SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def test_findings_are_written_as_pygls_writes_them() -> None:
    """The JSON written by hand is what pygls's converter makes of the protocol's diagnostic."""
    text = "# A\n\n- [Zoë 🙂](https://a.example) x\n- [Zoë 🙂](https://a.example) x\n"
    linted = lint(text, 1, Settings(), UTF16)
    related = [d for d in linted.diagnostics if d.related is not None]
    assert related, "a duplicate pairs with the other entry"
    with Messages().publication(
        "file:///l.md", 1, Shown().to_json(related, linted.positions, "file:///l.md")
    ) as sent:
        published = json.loads(bytes(sent))["params"]["diagnostics"]
    for diagnostic, shown in zip(related, published, strict=True):
        assert diagnostic.related is not None
        other = types.Location(
            "file:///l.md", linted.positions.range(diagnostic.related.start, diagnostic.related.end)
        )
        expected = types.Diagnostic(
            range=linted.positions.range(diagnostic.span.start, diagnostic.span.end),
            message=diagnostic.message,
            severity=SEVERITIES[diagnostic.severity],
            code=diagnostic.code,
            code_description=types.CodeDescription(href=rule_url(diagnostic.code)),
            source="awesomelint",
            related_information=[types.DiagnosticRelatedInformation(other, "the other entry")],
            data={"name": diagnostic.name},
        )
        assert shown == default_converter().unstructure(expected)
