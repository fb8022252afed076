"""Code actions and formatting. Every edit is made by the fixer (`fixer.fix_text`), so it passes the
same semantic guard as `awesomelint fix`: a fix the guard refuses is offered disabled, with its
reason, and never applied. The editor receives one text edit: the changed stretch of the text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from lsprotocol import types

from ..diagnostic import Applicability, Diagnostic, Edit
from ..fixer import FixError, apply_edits, fix_text, guard
from ..model import Document
from ..read import read
from ._documents import Linted

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.awesomelint"


def changed_stretch(linted: Linted, after: str) -> list[types.TextEdit]:
    """One edit that turns the linted text into ``after`` (none when they are equal)."""
    before = linted.text
    if before == after:
        return []
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return [types.TextEdit(linted.positions.range(start, len(before) - end), after[start : len(after) - end])]


def _same(found: Diagnostic, wanted: Diagnostic) -> bool:
    return (
        found.code == wanted.code
        and found.span == wanted.span
        and found.fix == wanted.fix
        and found.message == wanted.message
    )


def fix_one(linted: Linted, wanted: Diagnostic) -> tuple[str, str | None]:
    """The text with ``wanted``'s fix applied by the fixer (one pass, this fix only), and why the
    guard refused it (None when it did not)."""
    passes = 0

    def scope(text: str, document: Document) -> Callable[[list[Diagnostic]], list[Diagnostic]]:
        nonlocal passes
        passes += 1
        first = passes == 1
        return lambda diagnostics: [d for d in diagnostics if first and _same(d, wanted)]

    try:
        result = fix_text(linted.text, linted.settings, unsafe=True, scope=scope, report=False)
    except FixError as error:
        return linted.text, str(error)
    if result.refused:
        return linted.text, result.refused[0].reason
    return result.text, None


def fix_all(linted: Linted) -> tuple[str, str | None]:
    """The text with every safe fix applied (to a fixpoint, as `awesomelint fix`)."""
    try:
        return fix_text(linted.text, linted.settings, report=False).text, None
    except FixError as error:
        return linted.text, str(error)


_DIRECTIVE = r"<!--\s*awesomelint-disable-{}\b([^>]*?)\s*-->"
_DISABLE_LINE = re.compile(_DIRECTIVE.format("line"))
_DISABLE_NEXT_LINE = re.compile(rf"^\s*{_DIRECTIVE.format('next-line')}\s*$")


def _suppressions(linted: Linted, line: int, code: str) -> Iterator[Edit]:
    """Ways to silence ``code`` on ``line``, best first: the line's own `awesomelint-disable-line`
    comment gains the code, or the comment is added at the line's end (before a table row's closing
    `|` and the trailing spaces that make a line break); else the line above, when it is an
    `awesomelint-disable-next-line` comment, gains the code, or such a comment is put above the line
    with its indentation."""
    positions, text = linted.positions, linted.text
    start, end = positions.starts[line], positions.line_end(line)
    content = text[start:end]
    existing = _DISABLE_LINE.search(content)
    if existing is not None:
        yield Edit(start + existing.end(1), start + existing.end(1), f" {code}")
    else:
        kept = content.rstrip()
        if kept.endswith("|") and kept.lstrip().startswith("|"):
            kept = kept[:-1].rstrip()
        yield Edit(start + len(kept), start + len(kept), f" <!-- awesomelint-disable-line {code} -->")
    above = (
        _DISABLE_NEXT_LINE.match(text[positions.starts[line - 1] : positions.line_end(line - 1)])
        if line
        else None
    )
    if above is not None:
        yield Edit(
            positions.starts[line - 1] + above.end(1), positions.starts[line - 1] + above.end(1), f" {code}"
        )
    else:
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        ending = text[end : positions.starts[line + 1]] if line + 1 < len(positions.starts) else "\n"
        yield Edit(start, start, f"{indent}<!-- awesomelint-disable-next-line {code} -->{ending}")


def suppression(linted: Linted, diagnostic: Diagnostic) -> tuple[str, str | None]:
    """The text with a comment that silences ``diagnostic``'s rule on its first line (the line the
    engine matches suppressions on), the first way of `_suppressions` that the guard accepts."""
    line = linted.positions.position(diagnostic.span.start).line
    refused = "no place for the comment"
    for edit in _suppressions(linted, line, diagnostic.code):
        after = apply_edits(linted.text, [edit])
        try:
            guard(linted.document, read(after), linted.settings)
        except FixError as error:
            refused = str(error)
            continue
        return after, None
    return linted.text, refused


def _overlaps(diagnostic: Diagnostic, linted: Linted, wanted: types.Range) -> bool:
    low, high = linted.positions.offset(wanted.start), linted.positions.offset(wanted.end)
    return diagnostic.span.start <= high and low <= diagnostic.span.end


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    return only is None or any(kind == asked or kind.startswith(asked + ".") for asked in only)


def actions(
    linted: Linted, uri: str, wanted: types.Range, only: Sequence[str] | None
) -> Iterator[types.CodeAction]:
    """The actions for the findings at ``wanted``, without their edits (`resolve` makes them)."""
    for index, diagnostic in enumerate(linted.diagnostics):
        if not _overlaps(diagnostic, linted, wanted):
            continue
        fix = diagnostic.fix
        if fix is not None and fix.applicability is not Applicability.NONE:
            unsafe = fix.applicability is Applicability.UNSAFE
            if _wanted(types.CodeActionKind.QuickFix, only):
                yield types.CodeAction(
                    title=f"{diagnostic.code}: {fix.description}" + (" (unsafe)" if unsafe else ""),
                    kind=types.CodeActionKind.QuickFix,
                    is_preferred=not unsafe,
                    data={"uri": uri, "version": linted.version, "action": "fix", "index": index},
                )
        if _wanted(types.CodeActionKind.QuickFix, only):
            yield types.CodeAction(
                title=f"Disable {diagnostic.code} for this line",
                kind=types.CodeActionKind.QuickFix,
                data={"uri": uri, "version": linted.version, "action": "disable", "index": index},
            )
    if _wanted(FIX_ALL, only) and any(
        d.fix is not None and d.fix.applicability is Applicability.SAFE for d in linted.diagnostics
    ):
        yield types.CodeAction(
            title="Fix all safe findings (awesomelint)",
            kind=FIX_ALL,
            data={"uri": uri, "version": linted.version, "action": "fixAll"},
        )


def resolve(linted: Linted, uri: str, action: types.CodeAction) -> types.CodeAction:
    """``action`` with its edit, or disabled with the guard's reason."""
    data = action.data if isinstance(action.data, dict) else {}
    if data.get("version") != linted.version:
        action.disabled = types.CodeActionDisabled("the list changed since; ask again")
        return action
    kind, index = data.get("action"), data.get("index")
    if kind == "fixAll":
        after, refused = fix_all(linted)
    elif isinstance(index, int) and 0 <= index < len(linted.diagnostics):
        diagnostic = linted.diagnostics[index]
        after, refused = (fix_one if kind == "fix" else suppression)(linted, diagnostic)
    else:
        after, refused = linted.text, "no such finding"
    if refused is not None:
        action.disabled = types.CodeActionDisabled(f"refused: {refused}")
        return action
    edits = changed_stretch(linted, after)
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version)
    action.edit = types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, list(edits))])
    return action
