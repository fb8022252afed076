"""Machine-readable findings; the schema is documented in README.md and versioned."""

from __future__ import annotations

import json
from collections.abc import Sequence

from . import FileReport, ReportOptions, summarize


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    summary = summarize(reports)
    payload = {
        "version": 1,
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
        "diagnostics": [
            {"file": report.path, **d.to_dict()} for report in reports for d in report.diagnostics
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
