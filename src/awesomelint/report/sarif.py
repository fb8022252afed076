"""SARIF 2.1.0, as GitHub code scanning accepts it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ..diagnostic import Severity
from ..docs import rule_doc
from ..engine import all_rules
from ..version import __version__
from . import FileReport, ReportOptions

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _fingerprint(report: FileReport, code: str, line: int) -> str:
    content = (report.line(line) or "").strip()
    return hashlib.sha256(f"{code}\0{report.path}\0{content}".encode()).hexdigest()[:32]


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    rules = sorted(all_rules(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.summary},
            "help": {"text": rule_doc(r), "markdown": rule_doc(r)},
            "defaultConfiguration": {"level": _LEVELS[r.severity]},
            "properties": {"tags": list(r.tags), "fix": r.fix.value},
        }
        for r in rules
    ]
    results: list[dict[str, Any]] = []
    for report in reports:
        seen: dict[str, int] = {}
        for d in report.diagnostics:
            fingerprint = _fingerprint(report, d.code, d.span.start_line)
            seen[fingerprint] = seen.get(fingerprint, 0) + 1
            results.append(
                {
                    "ruleId": d.code,
                    "ruleIndex": index[d.code],
                    "level": _LEVELS[d.severity],
                    "message": {"text": d.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": report.path},
                                "region": {
                                    "startLine": d.span.start_line,
                                    "startColumn": d.span.start_col,
                                    "endLine": d.span.end_line,
                                    "endColumn": d.span.end_col,
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {"awesomelint/v1": f"{fingerprint}:{seen[fingerprint]}"},
                }
            )
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "awesomelint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                # A run with errors did not look at everything: code scanning must not read it as clean.
                "invocations": [
                    {
                        "executionSuccessful": not options.errors,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": error}} for error in options.errors
                        ],
                    }
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
