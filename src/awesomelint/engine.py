"""Settings, inline suppression, and running the rules (DESIGN.md steps 4-5); the rules themselves are
declared and found in `registry`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostic import Diagnostic, Edit, Fix, Severity
from .links.options import LinkOptions, options_from_table
from .model import Comment, Document
from .registry import CheckFunction as CheckFunction
from .registry import Rule as Rule
from .registry import all_rules as all_rules
from .registry import resolve_selectors as resolve_selectors
from .registry import rule as rule
from .registry import rule_by_selector as rule_by_selector
from .style import Style, infer_style
from .text import Span
from .venues import VenueTable, builtin_venues

if TYPE_CHECKING:
    from .config import Config
    from .links.result import LinkResult
    from .verify.record import Verifications


@dataclass
class Settings:
    """Everything configurable about a lint run, resolved from the configuration and flags."""

    select: frozenset[str] = field(default_factory=lambda: frozenset(r.code for r in all_rules()))
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    style: Mapping[str, str] = field(default_factory=dict)
    venues: VenueTable = field(default_factory=builtin_venues)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    links: LinkOptions = field(default_factory=LinkOptions)
    # The `verify` table and the folder it is relative to; read into options only when verifying.
    verify_table: Mapping[str, Any] = field(default_factory=dict)
    root: Path = field(default_factory=Path.cwd)

    @classmethod
    def from_config(
        cls,
        config: Config | None = None,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> Settings:
        """Resolve settings; command-line ``select`` replaces the file's, ``ignore`` and
        ``extend_select`` add to it. Raises ValueError for an unknown selector."""
        table = config.table if config else {}
        chosen = resolve_selectors(select if select is not None else table.get("select", ["ALL"]))
        chosen |= resolve_selectors([*table.get("extend-select", []), *extend_select])
        chosen -= resolve_selectors([*table.get("ignore", []), *ignore])
        severity = {}
        for selector, level in table.get("severity", {}).items():
            found = rule_by_selector(selector)
            if found is not None:
                severity[found.code] = Severity.parse(level)
        options = {}
        for selector, values in table.get("rules", {}).items():
            found = rule_by_selector(selector)
            if found is not None:
                options[found.code] = values
        venues_table = table.get("venues", {})
        venues = builtin_venues().extended(venues_table.get("known", []), venues_table.get("aliases", {}))
        root = config.root if config else Path.cwd()
        return cls(
            links=options_from_table(table.get("links", {}), root),
            verify_table=table.get("verify", {}),
            root=root,
            select=frozenset(chosen),
            severity=severity,
            fail_on=Severity.parse(table.get("fail-on", "warning")),
            style=dict(table.get("style", {})),
            venues=venues,
            options=options,
        )


@dataclass
class Context:
    """What a rule sees: the document, the list's inferred style, the settings, and report helpers."""

    document: Document
    style: Style
    settings: Settings
    rule: Rule
    links: Mapping[str, LinkResult] | None = None  # link-check results by URL, when links were checked
    records: Verifications | None = None  # bibliographic outcomes, when papers were verified

    @property
    def options(self) -> Any:
        return self.rule.make_options(self.settings.options.get(self.rule.code, {}))

    def span(self, start: int, end: int) -> Span:
        """A span from offsets into the original text."""
        return self.document.source.original_span(start, end)

    def fix(self, description: str, *edits: Edit) -> Fix:
        """A fix with the applicability this rule declares."""
        return Fix(tuple(edits), self.rule.fix, description)

    def report(
        self,
        span: Span,
        message: str,
        fix: Fix | None = None,
        severity: Severity | None = None,
        related: Span | None = None,
    ) -> Diagnostic:
        """A finding at ``span`` (``related``: the other place it pairs with); ``severity`` lowers or
        raises the rule's default for this one finding, and the configuration's severity for the rule
        wins over both."""
        severity = self.settings.severity.get(self.rule.code, severity or self.rule.severity)
        return Diagnostic(self.rule.code, self.rule.name, severity, message, span, fix, related)


# -- inline suppression -------------------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"^\s*awesomelint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)(.*)$", re.DOTALL
)


@dataclass
class _Suppressions:
    whole_file: set[str] = field(default_factory=set)
    lines: dict[int, set[str]] = field(default_factory=dict)
    ranges: list[tuple[int, int, set[str]]] = field(default_factory=list)  # first line, last line, codes

    def covers(self, diagnostic: Diagnostic) -> bool:
        if not (self.whole_file or self.lines or self.ranges):
            return False  # most lists have no directive: no finding's line is looked up
        code, line = diagnostic.code, diagnostic.span.start_line
        if _matches(self.whole_file, code) or _matches(self.lines.get(line, set()), code):
            return True
        return any(first <= line <= last and _matches(codes, code) for first, last, codes in self.ranges)


_ALL = "*"


def _matches(codes: set[str], code: str) -> bool:
    return _ALL in codes or code in codes


def _directive_codes(text: str) -> set[str]:
    words = [word for word in re.split(r"[\s,]+", text) if word]
    if not words:
        return {_ALL}
    codes = set()
    for word in words:
        found = rule_by_selector(word)
        codes.add(found.code if found else word.upper())
    return codes


def unknown_directive_words(document: Document) -> Iterator[tuple[Comment, str]]:
    """Each word of a suppression comment that names no rule (a typo silences nothing)."""
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        for word in re.split(r"[\s,]+", match[2]):
            if word and word.lower() != "all" and rule_by_selector(word) is None:
                yield comment, word


def _suppressions(document: Document) -> _Suppressions:
    result = _Suppressions()
    open_ranges: dict[str, int] = {}
    last_line = document.source.line_count
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        kind, codes = match[1], _directive_codes(match[2])
        line = comment.span.start_line
        if kind == "disable-file":
            result.whole_file |= codes
        elif kind == "disable-line":
            result.lines.setdefault(line, set()).update(codes)
        elif kind == "disable-next-line":
            result.lines.setdefault(comment.span.end_line + 1, set()).update(codes)
        elif kind == "disable":
            for code in codes:
                open_ranges.setdefault(code, line)
        else:
            closing = list(open_ranges) if _ALL in codes else [c for c in codes if c in open_ranges]
            for code in closing:
                result.ranges.append((open_ranges.pop(code), line, {code}))
    result.ranges.extend((start, last_line, {code}) for code, start in open_ranges.items())
    return result


# -- running ------------------------------------------------------------------------------------------


def run_rules(
    document: Document,
    settings: Settings | None = None,
    links: Mapping[str, LinkResult] | None = None,
    records: Verifications | None = None,
) -> list[Diagnostic]:
    """All findings of the selected rules on ``document``, suppressions applied, in source order.
    ``links`` holds link-check results and ``records`` bibliographic outcomes; without them the link
    and record rules find nothing."""
    settings = settings or Settings()
    style = infer_style(document, settings.style, settings.venues)
    suppressions = _suppressions(document)
    found: list[Diagnostic] = []
    for selected in all_rules():
        if selected.code not in settings.select:
            continue
        context = Context(document, style, settings, selected, links, records)
        found.extend(d for d in selected.check(context) if not suppressions.covers(d))
    found.sort(key=lambda d: (d.span.start, d.span.end, d.code))
    return found
