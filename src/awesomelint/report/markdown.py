"""A Markdown summary, for ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from collections.abc import Sequence

from . import FileReport, ReportOptions, summarize


def _cell(value: str) -> str:
    return " ".join(value.replace("|", "\\|").split())


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    summary = summarize(reports)
    out = [f"## awesomelint: {summary.headline(options)}", ""]
    if not summary.findings:
        return "\n".join(out)
    out += ["| Rule | Name | Findings |", "| --- | --- | ---: |"]
    out += [f"| {code} | {name} | {count} |" for code, name, count in summary.by_rule]
    out += ["", "<details><summary>All findings</summary>", "", "| Location | Rule | Severity | Message |"]
    out.append("| --- | --- | --- | --- |")
    for report in reports:
        for d in report.diagnostics:
            where = f"`{_cell(report.path)}:{d.span.start_line}:{d.span.start_col}`"
            out.append(f"| {where} | {d.code} {d.name} | {d.severity.label} | {_cell(d.message)} |")
    out += ["", "</details>"]
    return "\n".join(out)
