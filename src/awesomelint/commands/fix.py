"""`awesomelint fix`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..diagnostic import Diagnostic
from ..engine import run_rules
from ..model import Document
from ..read.source import InputError
from ..report import FileReport

if TYPE_CHECKING:
    from ..changes import Revision
    from ..engine import Settings
    from ..fixer import FixResult

from ._options import GroupedCommand, fix_options
from ._session import Run, display


@click.command("fix", cls=GroupedCommand)
@fix_options
def fix_command(
    show_diff: bool = False, check_only: bool = False, exit_non_zero_on_fix: bool = False, **options: Any
) -> None:
    """Fix what can be fixed in each FILE, in place, and report what remains for a person.

    Safe fixes by default; --unsafe-fixes adds the rest. `-` reads standard input and writes the fixed
    text to standard output (the report then goes to standard error). Before anything is written the
    result is re-parsed and compared with the input: the same entries with the same titles, authors,
    links and words; a fix that would change them is left out (and named), the others are applied."""
    from ..fixer import FixError, fix_text, write_fixed

    run = Run(**options, keep_reading=True)
    changed = False
    from_stdin = run.from_stdin
    inputs = run.lint_inputs()
    links = run.link_results(inputs)
    records = run.records(inputs)
    if not (show_diff or from_stdin):  # the report is written at all, and to where it belongs
        run.stream_reports()
    for item in inputs:
        path, source = item.path, item.source
        name = display(path)
        try:
            scope = _fix_scope(item.revision, item.settings) if item.revision is not None else None
            # (--diff reports nothing, --check the text as it is: neither wants what remains)
            report = not (show_diff or check_only)
            result = fix_text(
                source.text, item.settings, run.unsafe_fixes, links, item.document, scope, records, report
            )
        except FixError as error:
            run.error(f"{name}: {error}")
            continue
        if show_diff:
            click.echo(_diff(name, result), nl=False)
        elif check_only:
            pass  # nothing is written, and the report below speaks of the file as it is
        elif from_stdin:
            sys.stdout.write(result.text)
            sys.stdout.flush()
        elif result.changed:
            try:
                write_fixed(source, result.text)
            except InputError as error:
                run.error(str(error))
                continue
        changed |= result.changed
        if check_only:  # positions in the file as it is on disk, not as it would be
            found = run.in_scope(item, run_rules(item.document, item.settings, links, records))
            run.add_report(FileReport(name, source.text, found))
        else:
            run.add_report(FileReport(name, result.text, result.remaining))
        if not run.quiet:
            _tell_fixed(name, result, written=not (show_diff or check_only))
        _tell_refused(name, result)
    if not show_diff:
        run.report(stream_to_stderr=from_stdin)
    if run.failed:
        sys.exit(2)
    if show_diff or check_only:
        sys.exit(1 if changed else 0)  # what would change, not what a person must still fix
    if exit_non_zero_on_fix and changed:
        sys.exit(1)
    sys.exit(1 if run.findings() and not run.exit_zero else 0)


def _fix_scope(
    revision: Revision, settings: Settings
) -> Callable[[str, Document], Callable[[list[Diagnostic]], list[Diagnostic]]]:
    """For `fix --since`: each pass fixes only the findings new since the revision, as that pass's
    text has them (the same as `check --since` reports)."""

    def scope(text: str, document: Document) -> Callable[[list[Diagnostic]], list[Diagnostic]]:
        change = revision.change(text, document)
        return lambda found: revision.new_findings(change, document, found, settings)

    return scope


def _diff(name: str, result: FixResult) -> str:
    import difflib  # only `fix --diff` needs it: not imported at every start

    return "".join(
        difflib.unified_diff(
            result.original.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
    )


def _tell_fixed(name: str, result: FixResult, written: bool) -> None:
    if not result.fixed:
        return
    total = sum(result.fixed.values())
    counts = ", ".join(f"{code} x{count}" for code, count in sorted(result.fixed.items()))
    verb = "fixed" if written else "would fix"
    click.echo(f"{name}: {verb} {total} finding{'s' if total != 1 else ''} ({counts})", err=True)


def _tell_refused(name: str, result: FixResult) -> None:
    """Each fix the guard left out (the others were applied): its finding remains for a person."""
    for diagnostic, reason in result.refused:
        line, column = diagnostic.span.start_position
        click.echo(f"{name}:{line}:{column}: {diagnostic.code} fix left out: {reason}", err=True)
