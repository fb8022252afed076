"""Machine-readable findings; the schema is documented in README.md and versioned. The findings are
written file by file as they are produced (`Sink`), the summary after them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from . import FileReport, ReportOptions, render_with, summarize
from ._stream import ITEMS, JsonListStream


def _document(reports: Sequence[FileReport], options: ReportOptions) -> dict[str, Any]:
    summary = summarize(reports)
    return {
        "version": 1,
        "diagnostics": ITEMS,
        "summary": {
            "files": summary.files,
            "findings": summary.findings,
            "errors": summary.by_severity["errors"],
            "warnings": summary.by_severity["warnings"],
            "info": summary.by_severity["info"],
            "fixable": summary.safe_fixes,
            "fixable_unsafe": summary.unsafe_fixes,
        },
        "input_errors": list(options.errors),  # inputs not checked: the findings are not the whole story
    }


class Sink:
    def __init__(self, write: Callable[[str], object]) -> None:
        self.stream = JsonListStream(write, {"version": 1, "diagnostics": ITEMS})

    def add(self, report: FileReport) -> None:
        for d in report.diagnostics:
            self.stream.add({"file": report.path, **d.to_dict()})

    def close(self, reports: Sequence[FileReport], options: ReportOptions) -> None:
        self.stream.close(_document(reports, options))


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    return render_with(Sink, reports, options)
