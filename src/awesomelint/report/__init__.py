"""Reporters: one module per output format, each a pure function from findings to text."""

from __future__ import annotations

import functools
import importlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from ..diagnostic import Applicability, Diagnostic, Severity
from ..text import LINE_BREAK


@dataclass
class FileReport:
    """The findings of one file, with its text for code frames."""

    path: str
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @functools.cached_property
    def lines(self) -> list[str]:
        """The text's lines, split once per file and by the same breaks as spans count them
        (``\\r\\n``, ``\\r``, ``\\n``), so that every finding's frame is a lookup."""
        return LINE_BREAK.split(self.text)

    def line(self, number: int) -> str | None:
        """The 1-based line ``number``, or None past the end."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else None


class ReportOptions(NamedTuple):
    color: bool = False
    fail_on: Severity = Severity.WARNING
    errors: tuple[str, ...] = ()  # why each input that could not be checked was not (already printed)
    gone_from_baseline: int = 0  # findings the baseline records that no longer occur
    older_not_shown: int = 0  # findings left out as older than the change (--since) or in the baseline
    quiet: bool = False  # the findings only, without the summary (-q)


Reporter = Callable[[Sequence[FileReport], ReportOptions], str]


def all_diagnostics(reports: Sequence[FileReport]) -> list[tuple[FileReport, Diagnostic]]:
    return [(report, d) for report in reports for d in report.diagnostics]


class Summary(NamedTuple):
    files: int
    findings: int
    by_severity: dict[str, int]
    by_rule: list[tuple[str, str, int]]  # code, name, count
    safe_fixes: int
    unsafe_fixes: int
    fix_flags: str = ""  # ` --links`, ` --verify`: what `fix` must run again for fixes resting on it

    def headline(self, options: ReportOptions | None = None, errors_shown_above: bool = True) -> str:
        """One sentence: what was found; with errors, that they were (``errors_shown_above``: on the
        terminal, before the report; a report read elsewhere lists them itself)."""
        options = options or ReportOptions()
        gone = options.gone_from_baseline
        note = (
            f" {_count(gone, 'finding')} of the baseline no longer occur; refresh it with --write-baseline."
            if gone
            else ""
        )
        older = options.older_not_shown
        if older:
            note = f" {_count(older, 'older finding')} not shown." + note
        return self._headline(len(options.errors), errors_shown_above) + note

    def _headline(self, errors: int, shown_above: bool) -> str:
        if errors:
            # Never "No findings" after an error: the run did not look at everything.
            head = f"Errors in {_count(errors, 'input')}{' (see above)' if shown_above else ''}; "
            if not self.findings:
                return head + f"nothing found in the other {_count(self.files, 'file')}."
            found = self._findings_part()
            return head + found[0].lower() + found[1:]
        if not self.findings:
            return f"No findings in {_count(self.files, 'file')}."
        return self._findings_part()

    def _findings_part(self) -> str:
        singular = {"errors": "error", "warnings": "warning", "info": "info"}
        parts = [
            f"{count} {label if count != 1 else singular[label]}"
            for label, count in self.by_severity.items()
            if count
        ]
        head = f"Found {self.findings} finding{'s' if self.findings != 1 else ''} in {self.files} file"
        head += f"{'s' if self.files != 1 else ''} ({', '.join(parts)})."
        command = f"awesomelint fix{self.fix_flags}"
        if self.safe_fixes:
            head += f" {self.safe_fixes} fixable with `{command}`"
            head += f" ({self.unsafe_fixes} more with `--unsafe-fixes`)." if self.unsafe_fixes else "."
        elif self.unsafe_fixes:
            head += f" {self.unsafe_fixes} fixable with `{command} --unsafe-fixes`."
        return head


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def summarize(reports: Sequence[FileReport]) -> Summary:
    pairs = all_diagnostics(reports)
    severities = Counter(d.severity for _, d in pairs)
    rules = Counter((d.code, d.name) for _, d in pairs)
    fixes = Counter(d.fix.applicability for _, d in pairs if d.fix is not None)
    return Summary(
        files=len(reports),
        findings=len(pairs),
        by_severity={
            "errors": severities[Severity.ERROR],
            "warnings": severities[Severity.WARNING],
            "info": severities[Severity.INFO],
        },
        by_rule=[(code, name, count) for (code, name), count in sorted(rules.items())],
        safe_fixes=fixes[Applicability.SAFE],
        unsafe_fixes=fixes[Applicability.UNSAFE],
        fix_flags=_fix_flags({d.code for _, d in pairs if d.fix is not None}),
    )


def _fix_flags(codes: set[str]) -> str:
    """The flags `fix` needs to make these fixes again: a link check (AL512) or the records (AL801)."""
    from ..engine import rule_by_selector

    tags = {tag for code in codes if (found := rule_by_selector(code)) is not None for tag in found.tags}
    return "".join(flag for tag, flag in (("links", " --links"), ("verify", " --verify")) if tag in tags)


def statistics(reports: Sequence[FileReport], output_format: str) -> str:
    """How many findings each rule has, and how many of them a fix could mend (`--statistics`):
    a JSON list for the machine-readable formats, a table otherwise."""
    fixable = Counter(d.code for _, d in all_diagnostics(reports) if d.fix is not None)
    rows = [(count, code, name, fixable[code]) for code, name, count in summarize(reports).by_rule]
    rows.sort(key=lambda row: (-row[0], row[1]))
    if output_format in ("json", "sarif"):
        import json

        listed = [{"code": c, "name": n, "count": k, "fixable": f} for k, c, n, f in rows]
        return json.dumps(listed, indent=2)
    width = max((len(str(row[0])) for row in rows), default=1)
    return "\n".join(
        f"{count:>{width}}  {code}  {'[*]' if fixes else '   '} {name}" for count, code, name, fixes in rows
    )


class Sink(Protocol):
    """A report written file by file as the findings are produced (JSON and SARIF)."""

    def add(self, report: FileReport) -> None: ...

    def close(self, reports: Sequence[FileReport], options: ReportOptions) -> None: ...


STREAMED = ("json", "sarif")


def sink(name: str, write: Callable[[str], object]) -> Sink:
    """The streaming writer of a format of ``STREAMED``."""
    made: Sink = importlib.import_module(f"{__name__}.{name}").Sink(write)
    return made


def render_with(
    make: Callable[[Callable[[str], object]], Sink], reports: Sequence[FileReport], options: ReportOptions
) -> str:
    """A streamed format's whole text at once: the same bytes as when it is streamed."""
    parts: list[str] = []
    writer = make(parts.append)
    for report in reports:
        writer.add(report)
    writer.close(reports, options)
    return "".join(parts)


FORMATS = ("text", "concise", "json", "github", "sarif", "markdown")


def reporter(name: str) -> Reporter:
    """The render function of an output format (its module is imported on first use)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format `{name}`")
    module = importlib.import_module(f"{__name__}.{name}")
    render: Reporter = module.render
    return render
