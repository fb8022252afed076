"""One line per finding: ``path:line:col: severity CODE [name] message``."""

from __future__ import annotations

from collections.abc import Sequence

from . import FileReport, ReportOptions, summarize
from .text import location


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    lines = [
        f"{location(report, d.span.start_position)}: {d.severity.label} {d.code} [{d.name}] {d.message}"
        for report in reports
        for d in report.diagnostics
    ]
    if not options.quiet:
        lines.append(summarize(reports).headline(options))
    return "\n".join(lines)
