"""GitHub Actions workflow commands (annotations on the diff), then the full text report, because
GitHub shows at most 10 annotations per level per step and drops the rest silently."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostic import Severity
from . import FileReport, ReportOptions, text

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    lines = []
    for report in reports:
        for d in report.diagnostics:
            span = d.span
            properties = [
                f"file={escape_property(report.path)}",
                f"line={span.start_line}",
                f"endLine={span.end_line}",
            ]
            if span.start_line == span.end_line:
                properties += [f"col={span.start_col}", f"endColumn={span.end_col}"]
            properties.append(f"title={escape_property(f'{d.code} {d.name}')}")
            lines.append(f"::{_LEVELS[d.severity]} {','.join(properties)}::{escape_data(d.message)}")
    lines.append(text.render(reports, options._replace(color=False)))
    return "\n".join(lines)
