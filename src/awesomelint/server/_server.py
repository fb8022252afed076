"""The language server: pygls wiring over the parts (`_documents`, `_diagnostics`, `_actions`,
`_outline`). Findings are published on open, on save and after each change once the typing pauses
(`debounce`, 0.2 s by default; `initializationOptions: {"debounce": seconds}` changes it)."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from ..version import __version__
from ._actions import FIX_ALL, actions, changed_stretch, fix_all, resolve
from ._configuration import CONFIG_NAMES, Configurations
from ._diagnostics import Messages, Shown, configuration_error
from ._documents import Linted, lint, path_of
from ._outline import hover, symbols
from ._sync import OpenText

DEBOUNCE = 0.2  # seconds of quiet after a change before the list is linted again
IDLE = 2.0  # seconds of quiet after findings are published before garbage is collected


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, which can also send a message already encoded as JSON (a list's findings,
    most of them kept encoded from one publication to the next), and which leaves the open texts to
    the server (`OpenText`): pygls would keep a copy of each in its workspace too, and rebuild it
    through a list of its lines at each change (4 ms at each edit of a 3,000-entry list)."""

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        yield from self._to_server(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        yield from self._to_server(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        yield from self._to_server(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def _to_server(self, method: str, params: Any) -> Any:
        """Hand a notification to the server's own handler, as pygls does (without its workspace)."""
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    def send_encoded(self, message: memoryview) -> None:
        """Send ``message`` (the JSON of a JSON-RPC message) as pygls sends what it encodes, on
        standard output (`serve`: its writer writes at once): its header, then the message as it is
        (a list's findings are megabytes, not copied again)."""
        if self.writer is None:
            return
        if self._include_headers:
            kind = f"{self.CONTENT_TYPE}; charset={self.CHARSET}"
            self.writer.write(f"Content-Length: {message.nbytes}\r\nContent-Type: {kind}\r\n\r\n".encode())
        self.writer.write(message)  # type: ignore[arg-type]  # (a file's write takes any buffer)


class AwesomeServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "awesomelint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=_Protocol,
        )
        self.configurations = Configurations()
        self.debounce = DEBOUNCE
        self.linted: dict[str, Linted] = {}
        self.texts: dict[str, OpenText] = {}  # the open lists, as the editor has them
        self.shown: dict[str, Shown] = {}  # each open list's findings as last published
        self.messages = Messages()
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.idle: asyncio.TimerHandle | None = None

    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def current(self, uri: str) -> Linted | None:
        """The findings of the open text as it is now (linted now if a change is still pending);
        None when the file is not linted (not Markdown, excluded, a bad configuration, no list)."""
        document = self.texts.get(uri)
        if document is None:
            return None
        text = document.text
        path = path_of(uri) or Path.cwd() / "untitled.md"
        known = self.linted.get(uri)
        if known is not None and known.text == text:  # e.g. a change undone before the pause
            known.version = document.version
            return known
        if not self.configurations.selects(path):
            return None
        configured = self.configurations.settings(path)
        if configured.settings is None:
            return None
        try:
            same_settings = known is not None and known.settings is configured.settings
            earlier = known if same_settings else None
            found = lint(text, document.version, configured.settings, self.encoding(), earlier)
        except Exception as error:  # a bug of ours must not end the editor's session
            self.window_show_message(
                types.ShowMessageParams(
                    types.MessageType.Error,
                    f"awesomelint: internal error: {type(error).__name__}: {error}. Please report it "
                    "with the list that caused it.",
                )
            )
            return None
        self.linted[uri] = found
        return found

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        document = self.texts.get(uri)
        if document is None:
            return
        found = self.current(uri)
        if found is not None and next(found.document.iter_entries(), None) is not None:
            related = self._related_support()
            shown = self.shown.setdefault(uri, Shown())
            encoded = shown.to_json(found.diagnostics, found.positions, uri, related)
            protocol = self.protocol
            assert isinstance(protocol, _Protocol)
            with self.messages.publication(uri, document.version, encoded) as message:
                protocol.send_encoded(message)
        else:
            path = path_of(uri) or Path.cwd() / "untitled.md"
            error = self.configurations.settings(path).error if self.configurations.selects(path) else None
            diagnostics = [configuration_error(error)] if error else []
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version)
            )
        self.collect_when_idle()

    def collect_when_idle(self) -> None:
        """Collect garbage once the editor has been quiet for a while. The command line turns the
        cyclic collector off (a run ends before garbage matters, and collecting costs a tenth of a
        check); a server replaces a list's tree at each change, and a tree's sections refer to their
        parents: the old trees are collected here, off the path from a change to its findings."""
        if self.idle is not None:
            self.idle.cancel()
        self.idle = asyncio.get_running_loop().call_later(IDLE, gc.collect)

    def schedule(self, uri: str, delay: float) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if self.idle is not None:  # not while the editor is busy
            self.idle.cancel()
        if delay <= 0:
            self.publish(uri)
            return
        self.pending[uri] = asyncio.get_running_loop().call_later(delay, self.publish, uri)

    def reconfigure(self) -> None:
        """A configuration file changed: read the configurations again and lint every open list."""
        self.configurations.forget()
        self.linted.clear()
        for uri in list(self.texts):
            self.publish(uri)

    def _related_support(self) -> bool:
        capabilities = self.client_capabilities.text_document
        publish = capabilities.publish_diagnostics if capabilities else None
        return bool(publish and publish.related_information)

    def resolves_edits(self) -> bool:
        """Whether the client asks for a code action's edit only when it is chosen."""
        capabilities = self.client_capabilities.text_document
        action = capabilities.code_action if capabilities else None
        support = action.resolve_support if action else None
        return bool(support and "edit" in support.properties)


server = AwesomeServer()


@server.feature(types.INITIALIZE)
def initialize(ls: AwesomeServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
        ls.debounce = max(0.0, float(options["debounce"]))


@server.feature(types.INITIALIZED)
def initialized(ls: AwesomeServer, params: types.InitializedParams) -> None:
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if watched and watched.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in sorted(CONFIG_NAMES)]
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="awesomelint-configuration",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                    )
                ]
            )
        )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: AwesomeServer, params: types.DidOpenTextDocumentParams) -> None:
    opened = params.text_document
    ls.texts[opened.uri] = OpenText(opened.text, opened.version, ls.encoding())
    ls.schedule(opened.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: AwesomeServer, params: types.DidChangeTextDocumentParams) -> None:
    changed = ls.texts.get(params.text_document.uri)
    if changed is not None:
        linted = ls.linted.get(params.text_document.uri)
        known = linted.positions if linted is not None else None
        changed.apply(params.content_changes, params.text_document.version, known)
        ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: AwesomeServer, params: types.DidSaveTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    if path is not None and path.name in CONFIG_NAMES:
        ls.reconfigure()
    else:
        ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: AwesomeServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.linted.pop(uri, None)
    ls.texts.pop(uri, None)
    ls.shown.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(ls: AwesomeServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any((path_of(change.uri) or Path()).name in CONFIG_NAMES for change in params.changes):
        ls.reconfigure()


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL],
        resolve_provider=True,
    ),
)
def code_action(ls: AwesomeServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    linted = ls.current(uri)
    if linted is None:
        return None
    found = list(actions(linted, uri, params.range, params.context.only))
    if not ls.resolves_edits():
        found = [resolve(linted, uri, action) for action in found]
    return found


@server.feature(types.CODE_ACTION_RESOLVE)
def code_action_resolve(ls: AwesomeServer, action: types.CodeAction) -> types.CodeAction:
    data: Any = action.data
    uri = data.get("uri") if isinstance(data, dict) else None
    linted = ls.current(uri) if isinstance(uri, str) else None
    if linted is None or not isinstance(uri, str):
        action.disabled = types.CodeActionDisabled("the list is no longer open")
        return action
    return resolve(linted, uri, action)


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: AwesomeServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    """Formatting applies the safe fixes (what `awesomelint fix` does), or nothing if refused."""
    linted = ls.current(params.text_document.uri)
    if linted is None:
        return None
    after, refused = fix_all(linted)
    if refused is not None:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"awesomelint: {refused}"))
        return None
    return changed_stretch(linted, after)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(
    ls: AwesomeServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol] | None:
    linted = ls.current(params.text_document.uri)
    return symbols(linted) if linted is not None else None


@server.feature(types.TEXT_DOCUMENT_HOVER)
def text_document_hover(ls: AwesomeServer, params: types.HoverParams) -> types.Hover | None:
    linted = ls.current(params.text_document.uri)
    return hover(linted, params.position) if linted is not None else None


def serve() -> None:
    """Speak the protocol on standard input and output until the client says exit. The protocol
    gets its own handle on standard output, and anything printed goes to standard error instead, so
    that no stray line can corrupt a message."""
    stdout = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, stdout)
