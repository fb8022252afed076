"""`awesomelint server` end to end: a real client (pytest-lsp) speaks to the server over stdio."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from awesomelint.read import read

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "README.source.md"

# A made-up list: the second entry is glued to its marker (AL-fixable), the third repeats the first.
LIST = """# Awesome Things

## Models

1. **Attention Is All You Need**. *Ashish Vaswani, Noam Shazeer*. **NeurIPS'2017**. [paper](https://arxiv.org/abs/1706.03762)
2.**Deep Residual Learning for Image Recognition**. *Kaiming He, Xiangyu Zhang*. **CVPR'2016**. [paper](https://arxiv.org/abs/1512.03385)
3. **Attention Is All You Need**. *Ashish Vaswani, Noam Shazeer*. **NeurIPS'2017**. [paper](https://arxiv.org/abs/1706.03762)

## Tools

- [Tool](https://example.org/tool) - A tool.
"""


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "awesomelint", "server"]),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"debounce": 0.05},
    )

    _accept_registrations(lsp_client)
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def _accept_registrations(client: LanguageClient) -> None:
    """Answer the server's `client/registerCapability` (its watch of configuration files)."""
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations.extend(r.method for r in params.registrations)  # type: ignore[attr-defined]


async def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, "markdown", 1, path.read_text("utf-8") if text is None else text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


@pytest.mark.asyncio
async def test_seed_findings_are_those_of_check(client: LanguageClient) -> None:
    uri = await _open(client, SEED)
    shown = client.diagnostics[uri]
    checked = subprocess.run(
        [sys.executable, "-m", "awesomelint", "check", "--format", "json", "README.source.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    expected = json.loads(checked.stdout)["diagnostics"]
    assert len(expected) > 10
    as_check = [
        (
            d.code,
            d.message,
            d.range.start.line + 1,
            d.range.start.character + 1,
            d.range.end.line + 1,
            d.range.end.character + 1,
        )
        for d in shown
    ]
    assert as_check == [
        (d["code"], d["message"], d["start_line"], d["start_col"], d["end_line"], d["end_col"])
        for d in expected
    ]
    first = shown[0]
    assert first.source == "awesomelint"
    assert first.code_description is not None
    assert first.code_description.href.endswith(f"/rules/{first.code}-{expected[0]['name']}.md")


def test_check_does_not_import_the_server() -> None:
    code = (
        "import sys\n"
        "from awesomelint.cli import main\n"
        "try:\n"
        "    main(['check', 'README.source.md', '--format', 'concise'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')"
        " or m.startswith('awesomelint.server')]\n"
        "assert not loaded, loaded\n"
        "assert 'awesomelint.rules' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_without_the_extra_the_command_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "sys.modules['pygls'] = None  # as if the extra were not installed\n"
        "sys.argv = ['awesomelint', 'server']\n"
        "from awesomelint.cli import run\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "awesomelint server needs the server extra: pip install 'awesomelint[server]'\n"
    assert result.stdout == ""


# -- a made-up list in a folder of its own ------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the configuration is looked for up to here
    (tmp_path / ".awesomelint.toml").write_text("", "utf-8")
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    return tmp_path


def _expected(text: str, folder: Path) -> list[tuple[str, int, int, int, int]]:
    """What `awesomelint check` finds in ``text``, as (code, start line, column, end line, column)."""
    from awesomelint.config import load_config
    from awesomelint.engine import Settings, run_rules

    settings = Settings.from_config(load_config(folder))
    lines = [0]
    lines.extend(index + 1 for index, char in enumerate(text) if char == "\n")

    def position(offset: int) -> tuple[int, int]:
        line = max(i for i, start in enumerate(lines) if start <= offset)
        return line, offset - lines[line]

    return [(d.code, *position(d.span.start), *position(d.span.end)) for d in run_rules(read(text), settings)]


def _shown(client: LanguageClient, uri: str) -> list[tuple[str, int, int, int, int]]:
    return [
        (
            str(d.code),
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in client.diagnostics[uri]
    ]


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` after ``edits`` (ASCII text: characters are UTF-16 units)."""
    starts = [0]
    starts.extend(index + 1 for index, char in enumerate(text) if char == "\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        low = starts[edit.range.start.line] + edit.range.start.character
        high = starts[edit.range.end.line] + edit.range.end.character
        text = text[:low] + edit.new_text + text[high:]
    return text


async def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    while True:  # the findings of this version
        published = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if published.uri == uri and published.version == version:
            return


async def _action(
    client: LanguageClient, uri: str, title: str, only: list[str] | None = None
) -> types.CodeAction:
    whole = types.Range(types.Position(0, 0), types.Position(100, 0))
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            whole,
            types.CodeActionContext(diagnostics=client.diagnostics[uri], only=only),
        )
    )
    assert found is not None
    chosen = [a for a in found if isinstance(a, types.CodeAction) and a.title.startswith(title)]
    assert len(chosen) == 1, [a.title for a in found]
    assert chosen[0].edit is None  # the client resolves edits: they are made when chosen
    resolved = await client.code_action_resolve_async(chosen[0])
    assert resolved.disabled is None
    return resolved


def _edits(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes is not None
    (change,) = action.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    return [edit for edit in change.edits if isinstance(edit, types.TextEdit)]


@pytest.mark.asyncio
async def test_findings_related_entries_and_a_quick_fix(client: LanguageClient, folder: Path) -> None:
    uri = await _open(client, folder / "README.md")
    assert _shown(client, uri) == _expected(LIST, folder)
    duplicate = next(d for d in client.diagnostics[uri] if d.code == "AL206")
    assert duplicate.related_information is not None
    (other,) = duplicate.related_information
    assert other.location.uri == uri and other.location.range.start.line == LIST.splitlines().index(
        next(line for line in LIST.splitlines() if line.startswith("1. "))
    )
    action = await _action(client, uri, "AL201:")
    assert action.kind == types.CodeActionKind.QuickFix and action.is_preferred
    fixed = _apply(LIST, _edits(action))
    assert "2. **Deep Residual" in fixed
    await _change(client, uri, 2, fixed)
    assert _shown(client, uri) == _expected(fixed, folder)
    assert "AL201" not in [d.code for d in client.diagnostics[uri]]


@pytest.mark.asyncio
async def test_fix_all_and_formatting_apply_the_safe_fixes(client: LanguageClient, folder: Path) -> None:
    from awesomelint.fixer import fix_text

    uri = await _open(client, folder / "README.md")
    action = await _action(client, uri, "Fix all", only=[types.CodeActionKind.SourceFixAll])
    assert action.kind == "source.fixAll.awesomelint"
    expected = fix_text(LIST).text
    assert expected != LIST
    assert _apply(LIST, _edits(action)) == expected
    formatted = await client.text_document_formatting_async(
        types.DocumentFormattingParams(types.TextDocumentIdentifier(uri), types.FormattingOptions(2, True))
    )
    assert formatted is not None and _apply(LIST, formatted) == expected


@pytest.mark.asyncio
async def test_disabling_a_rule_for_a_line(client: LanguageClient, folder: Path) -> None:
    uri = await _open(client, folder / "README.md")
    action = await _action(client, uri, "Disable AL206 for this line")
    suppressed = _apply(LIST, _edits(action))
    # A comment at the end of an entry's line would add words to the entry, which the guard refuses:
    # the comment goes on the line above.
    assert "\n<!-- awesomelint-disable-next-line AL206 -->\n3. **Attention" in suppressed
    await _change(client, uri, 2, suppressed)
    codes = [d.code for d in client.diagnostics[uri]]
    assert "AL206" not in codes and "AL702" not in codes
    assert _shown(client, uri) == _expected(suppressed, folder)


@pytest.mark.asyncio
async def test_a_configuration_change_is_picked_up(client: LanguageClient, folder: Path) -> None:
    uri = await _open(client, folder / "README.md")
    assert "AL206" in [d.code for d in client.diagnostics[uri]]
    assert types.WORKSPACE_DID_CHANGE_WATCHED_FILES in client.registrations  # type: ignore[attr-defined]
    config = folder / ".awesomelint.toml"
    config.write_text('ignore = ["AL206"]\n', "utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(config.as_uri(), types.FileChangeType.Changed)])
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "AL206" not in [d.code for d in client.diagnostics[uri]]
    assert _shown(client, uri) == _expected(LIST, folder)
    config.write_text("ignore = 3\n", "utf-8")  # a bad configuration is shown, not a crash
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(config.as_uri(), types.FileChangeType.Changed)])
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    (error,) = client.diagnostics[uri]
    assert "`ignore`" in error.message and error.severity == types.DiagnosticSeverity.Error


def _outline(symbols: list[types.DocumentSymbol]) -> list[object]:
    return [(s.name, _outline(list(s.children or []))) for s in symbols]


def _tree(document: object) -> list[object]:
    from awesomelint.model import Document, Section

    def section(node: Section) -> object:
        inside = [(_title(e), []) for e in node.entries] + [section(child) for child in node.children]
        return (node.text, inside)

    assert isinstance(document, Document)
    return [(_title(e), []) for e in document.entries] + [section(s) for s in document.sections]


def _title(entry: object) -> str:
    title = getattr(entry, "title", None)
    return title.text if title is not None and title.text.strip() else "(no title)"


@pytest.mark.asyncio
async def test_document_symbols_match_parse(client: LanguageClient) -> None:
    uri = await _open(client, SEED)
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
    )
    assert found is not None
    symbols = [s for s in found if isinstance(s, types.DocumentSymbol)]
    assert _outline(symbols) == _tree(read(SEED.read_text("utf-8")))
    document = read(SEED.read_text("utf-8"))
    entry = next(document.iter_entries())
    flat = [s for s in _walk(symbols) if s.name == _title(entry)]
    assert flat and flat[0].detail == f"{entry.kind} {entry.year}"


def _walk(symbols: list[types.DocumentSymbol]) -> list[types.DocumentSymbol]:
    found = []
    for symbol in symbols:
        found.append(symbol)
        found.extend(_walk(list(symbol.children or [])))
    return found


@pytest.mark.asyncio
async def test_hover_shows_what_the_reader_took(client: LanguageClient, folder: Path) -> None:
    uri = await _open(client, folder / "README.md")
    line = LIST.splitlines().index(next(line for line in LIST.splitlines() if line.startswith("1. ")))
    shown = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, 10))
    )
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    text = shown.contents.value
    assert "**Attention Is All You Need** (paper)" in text
    assert "authors: Ashish Vaswani, Noam Shazeer" in text
    assert "venue: NeurIPS" in text and "year: 2017" in text
    assert "https://arxiv.org/abs/1706.03762" in text
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 2))
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_files_that_are_no_lists_get_no_findings(client: LanguageClient, folder: Path) -> None:
    excluded = await _open(client, folder / "CONTRIBUTING.md", LIST)  # a community file: excluded
    prose = await _open(client, folder / "notes.md", "# Notes\n\nplain text, no entry\n")
    listed = await _open(client, folder / "list.md", LIST)
    assert not client.diagnostics[excluded] and not client.diagnostics[prose]
    assert excluded in client.diagnostics and prose in client.diagnostics
    assert _shown(client, listed) == _expected(LIST, folder)


# The same list with characters that count differently in UTF-8, UTF-16 and UTF-32 before findings.
WIDE = LIST.replace("Kaiming He", "Kaiming Hé 🙂").replace("# Awesome Things", "# Awesome Things 🙂")
UNITS = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "awesomelint", "server"]),
    params=["emacs", "neovim"],
)
async def editor(lsp_client: LanguageClient, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """A client with another editor's capabilities: Emacs (eglot) resolves no code action and prefers
    UTF-32 positions, Neovim prefers UTF-8."""
    params = types.InitializeParams(
        capabilities=client_capabilities(request.param), initialization_options={"debounce": 0.05}
    )
    _accept_registrations(lsp_client)
    result = await lsp_client.initialize_session(params)
    lsp_client.encoding = str(result.capabilities.position_encoding or "utf-16")  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_other_editors_positions_and_actions(editor: LanguageClient, folder: Path) -> None:
    encoding = UNITS[editor.encoding]  # type: ignore[attr-defined]
    width = 1 if encoding == "utf-8" else 2 if encoding == "utf-16-le" else 4
    uri = await _open(editor, folder / "list.md", WIDE)
    lines = WIDE.split("\n")

    def position(line: int, column: int) -> tuple[int, int]:  # a code-point column as the client counts
        return line, len(lines[line][:column].encode(encoding)) // width

    expected = [(code, *position(a, b), *position(c, d)) for code, a, b, c, d in _expected(WIDE, folder)]
    assert _shown(editor, uri) == expected
    glued = next(line for line, text in enumerate(lines) if text.startswith("2.**"))
    found = await editor.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(glued, 0), types.Position(glued, 1)),
            types.CodeActionContext(diagnostics=[]),
        )
    )
    assert found is not None
    (fix,) = [a for a in found if isinstance(a, types.CodeAction) and a.title.startswith("AL201:")]
    (edit,) = _edits(fix) if fix.edit is not None else _edits(await editor.code_action_resolve_async(fix))
    assert edit.range.start.line == glued and edit.new_text.strip() == ""
    assert "2. **Deep" in _apply(WIDE, [edit])  # the line's start: the same in every encoding
