"""`awesomelint check` and `awesomelint links`."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

from ..engine import run_rules
from ..report import FileReport
from ._options import GroupedCommand, check_options, links_options, verify_options
from ._session import Run, display, fail


@click.command("check", cls=GroupedCommand)
@check_options
@click.pass_context
def check_command(context: click.Context, /, apply_fixes: bool, show_diff: bool, **options: Any) -> None:
    """Lint each FILE (a file, a folder's Markdown files, or a glob such as `docs/**/*.md`) and report
    what is inconsistent or broken.

    Exit codes: 0 no finding at or above the failing severity, 1 findings, 2 errors."""
    if apply_fixes or show_diff:
        from .fix import fix_command  # built only when asked for: `check` starts in a pre-commit hook

        context.invoke(fix_command, show_diff=show_diff, **options)
        return
    _lint(Run(**options))


VERIFY_RULES = "AL801,AL802,AL803,AL804,AL805,AL806,AL807"


@click.command("verify", cls=GroupedCommand)
@verify_options
def verify_command(**options: Any) -> None:
    """Check each paper of each FILE against its bibliographic record (DBLP, arXiv, Crossref, Semantic
    Scholar): venue (AL801), a preprint since published (AL802), year (AL803), title (AL804), authors
    (AL805), no record found (AL806, info), not checked (AL807, info; an error with --strict).

    Only these rules run unless --select names others; `fix --verify --unsafe-fixes` writes what the
    records say. Politeness, the cache and offline use: see the README."""
    options["verify"] = True
    if options.get("select") is None:
        options["select"] = VERIFY_RULES
    _lint(Run(**options, unsafe_fixes=False))


def _lint(run: Run) -> NoReturn:
    inputs = run.lint_inputs()
    links = run.link_results(inputs)
    records = run.records(inputs)
    run.stream_reports()
    for item in inputs:
        diagnostics = run.in_scope(item, run_rules(item.document, item.settings, links, records))
        run.add_report(FileReport(display(item.path), item.source.text, diagnostics))
    if run.write_baseline is not None:
        from ..baseline import write

        try:
            write(run.write_baseline, run.baseline_keys)
        except OSError as error:
            fail(f"{run.write_baseline}: the baseline cannot be written ({error.strerror or error})")
        click.echo(f"Wrote {len(run.baseline_keys)} findings to {display(run.write_baseline)}.", err=True)
        sys.exit(2 if run.failed else 0)
    run.report()
    if run.failed:
        sys.exit(2)
    sys.exit(1 if run.findings() and not run.exit_zero else 0)


@click.command("links", cls=GroupedCommand)
@links_options
def links_command(**options: Any) -> None:
    """Check every external link of each FILE: broken (AL511), moved (AL512), unverifiable (AL513),
    or opening another paper than the entry's (AL514).

    Only the link rules run unless --select names others. Unverifiable links (bot walls, rate limits,
    timeouts) are reported apart and fail the run only with --strict."""
    options["check_links"] = True
    if options.get("select") is None:
        options["select"] = "AL511,AL512,AL513,AL514"
    _lint(Run(**options, unsafe_fixes=False))
