"""The default report: each finding with a code frame, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..diagnostic import Diagnostic, Severity
from . import FileReport, ReportOptions, summarize

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def location(report: FileReport, start_position: tuple[int, int]) -> str:
    line, column = start_position
    return f"{report.path}:{line}:{column}"


def _frame(
    report: FileReport, diagnostic: Diagnostic, start_position: tuple[int, int], color: bool
) -> list[str]:
    line_number, column = start_position
    end_line, end_column = diagnostic.span.end_position
    source_line = report.line(line_number)
    if source_line is None:
        return []
    line = source_line.replace("\ufeff", "")
    start = column - 1 - (1 if line_number == 1 and report.text.startswith("\ufeff") else 0)
    end = end_column - 1 if end_line == line_number else len(line)
    shown = line.expandtabs(4)
    caret_start = len(line[: max(start, 0)].expandtabs(4))
    caret_end = len(line[: max(end, start + 1)].expandtabs(4))
    width = len(str(line_number))
    carets = "^" * max(1, caret_end - caret_start)
    if color:
        carets = click.style(carets, fg=_COLORS[diagnostic.severity], bold=True)
    gutter = " " * width
    return [f" {gutter} |", f" {line_number} | {shown}", f" {gutter} | {' ' * caret_start}{carets}"]


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    out: list[str] = []
    for report in reports:
        for diagnostic in report.diagnostics:
            severity = diagnostic.severity.label  # a word, not only a colour
            if options.color:
                severity = click.style(severity, fg=_COLORS[diagnostic.severity], bold=True)
            marker = " [*]" if diagnostic.fix is not None else ""
            position = diagnostic.span.start_position  # found once, for the location and the frame
            head = f"{location(report, position)}: {severity} {diagnostic.code} [{diagnostic.name}]"
            out.append(f"{head} {diagnostic.message}{marker}")
            out.extend(_frame(report, diagnostic, position, options.color))
            out.append("")
    if options.quiet:
        return "\n".join(out).rstrip("\n")
    summary = summarize(reports)
    out.append(summary.headline(options))
    for code, name, count in summary.by_rule:
        out.append(f"  {count:>5}  {code} {name}")
    if summary.safe_fixes or summary.unsafe_fixes:
        out.append("[*] has a fix.")
    return "\n".join(out)
