"""A Markdown summary, for ``$GITHUB_STEP_SUMMARY``.

GitHub refuses a job summary over 1 MiB, so the table of findings stops at ``TABLE_LIMIT`` bytes and
says how many rows it left out and where every finding is."""

from __future__ import annotations

import html
from collections.abc import Sequence

from . import FileReport, ReportOptions, summarize

# The whole report stays under this, leaving room in the 1 MiB for what the Action adds after it.
TABLE_LIMIT = 640 * 1024


def _cell(value: str) -> str:
    return " ".join(html.escape(value, quote=False).replace("|", "\\|").split())


def error_list(errors: Sequence[str]) -> list[str]:
    """The errors of a run as Markdown bullets (their text escaped: a file name is not markup)."""
    return [f"- {_cell(error)}" for error in errors]


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    summary = summarize(reports)
    out = [f"## awesomelint: {summary.headline(options, errors_shown_above=False)}", ""]
    if options.errors:
        out += ["Errors:", "", *error_list(options.errors), ""]
    if not summary.findings:
        return "\n".join(out)
    out += ["| Rule | Name | Findings |", "| --- | --- | ---: |"]
    out += [f"| {code} | {name} | {count} |" for code, name, count in summary.by_rule]
    out += ["", "<details><summary>All findings</summary>", "", "| Location | Rule | Severity | Message |"]
    out.append("| --- | --- | --- | --- |")
    rows = (
        f"| `{_cell(report.path)}:{d.span.start_line}:{d.span.start_col}` | {d.code} {d.name} "
        f"| {d.severity.label} | {_cell(d.message)} |"
        for report in reports
        for d in report.diagnostics
    )
    size = sum(len(line.encode("utf-8")) + 1 for line in out)
    shown = 0
    for row in rows:
        size += len(row.encode("utf-8")) + 1
        if size > TABLE_LIMIT - 1024:  # room for the note that says what was cut
            break
        out.append(row)
        shown += 1
    if shown < summary.findings:
        out += [
            "",
            f"_The table lists the first {shown} of {summary.findings} findings: a job summary is limited "
            "to 1 MiB. Every finding is in the log of this step (the report after the annotations), "
            "and in the JSON or SARIF report (`--format json`, `--also sarif=PATH`)._",
        ]
    out += ["", "</details>"]
    return "\n".join(out)
