"""SARIF 2.1.0, as GitHub code scanning accepts it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from ..diagnostic import Severity
from ..docs import rule_doc
from ..engine import all_rules
from ..version import __version__
from . import FileReport, ReportOptions, render_with
from ._stream import ITEMS, JsonListStream

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _fingerprint(report: FileReport, code: str, line: int) -> str:
    content = (report.line(line) or "").strip()
    return hashlib.sha256(f"{code}\0{report.path}\0{content}".encode()).hexdigest()[:32]


def _descriptors() -> tuple[list[dict[str, Any]], dict[str, int]]:
    rules = sorted(all_rules(), key=lambda r: r.code)
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
    return descriptors, {r.code: i for i, r in enumerate(rules)}


def _log(descriptors: list[dict[str, Any]], errors: Sequence[str] = ()) -> dict[str, Any]:
    return {
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
                "results": ITEMS,
                # A run with errors did not look at everything: code scanning must not read it as clean.
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": error}} for error in errors
                        ],
                    }
                ],
            }
        ],
    }


class Sink:
    """The log is written file by file: the results as each file's findings come, the invocation
    (did the run look at everything?) after them."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self.descriptors, self.index = _descriptors()
        self.stream = JsonListStream(write, _log(self.descriptors))

    def add(self, report: FileReport) -> None:
        seen: dict[str, int] = {}
        for d in report.diagnostics:
            fingerprint = _fingerprint(report, d.code, d.span.start_line)
            seen[fingerprint] = seen.get(fingerprint, 0) + 1
            region = {
                "startLine": d.span.start_line,
                "startColumn": d.span.start_col,
                "endLine": d.span.end_line,
                "endColumn": d.span.end_col,
            }
            self.stream.add(
                {
                    "ruleId": d.code,
                    "ruleIndex": self.index[d.code],
                    "level": _LEVELS[d.severity],
                    "message": {"text": d.message},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": report.path}, "region": region}}
                    ],
                    "partialFingerprints": {"awesomelint/v1": f"{fingerprint}:{seen[fingerprint]}"},
                }
            )

    def close(self, reports: Sequence[FileReport], options: ReportOptions) -> None:
        self.stream.close(_log(self.descriptors, options.errors))


def render(reports: Sequence[FileReport], options: ReportOptions) -> str:
    return render_with(Sink, reports, options)
