"""The rule registry: what a rule is (`@rule(...)`), every rule, and finding rules by code, prefix or
name. It imports nothing of the engine or the configuration, so that both can use it (the rules
themselves are loaded on first use)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .diagnostic import Applicability, Diagnostic, Severity

if TYPE_CHECKING:
    from .engine import Context
    from .model import Entry
    from .style import Style

CheckFunction = Callable[["Context"], Iterable[Diagnostic]]
EntryCheck = Callable[["Context", "Entry"], Iterable[Diagnostic]]
# What of the style and the tally decides an entry-scope rule's findings, value by value (`Rule.changed`).
ChangedValues = Callable[["Style", Any, "Style", Any], "frozenset[object] | None"]
EntriesHolding = Callable[["Context", "frozenset[object]"], Iterable["Entry"]]  # (`Rule.holds`)
# What a rule's findings depend on. "entry": the entry alone (its text, fields, kind, section path),
# the list's style and the settings; the engine may reuse an unchanged entry's findings after an
# edit (`engine.rerun_rules`). "document": anything in the list; run again on every edit.
Scope = Literal["entry", "document"]


@dataclass(frozen=True)
class Rule:
    """A rule: its identity, defaults, declared fix applicability and typed options."""

    code: str
    name: str
    summary: str
    severity: Severity
    fix: Applicability
    tags: tuple[str, ...]
    check: CheckFunction = field(repr=False)
    options: type[Any] | None = None
    scope: Scope = "document"
    # An entry-scope rule's check of one entry (``check`` runs it on every entry, in order).
    check_entry: EntryCheck | None = field(default=None, repr=False)
    # Whether its messages cite the entry's line: a moved entry's findings are then made again.
    cites_line: bool = False
    # What an entry-scope rule counts over the whole list beyond the style (`Context.tally`): a value
    # with no offsets or nodes; while it stays equal, an unchanged entry keeps its findings.
    tally: Callable[[Context], object] | None = field(default=None, repr=False)
    # Whether the list's counts (a `Majority`'s count and total, and what of its tally ``decisive``
    # leaves out) show in its messages alone: with only those changed, an unchanged entry that had
    # no finding still has none, and the rule runs again only on the entries that had one.
    cites_counts: bool = False
    # What of its tally decides whether it finds anything on an entry (with ``cites_counts``; None:
    # all of it).
    decisive: Callable[[Any], object] | None = field(default=None, repr=False)
    # With ``holds``: given an earlier run's style and tally and this run's, the values (a venue, a
    # word) whose findings may differ now (None: any entry's may); it answers for every field of the
    # style the rule reads, and with ``cites_counts`` for all but the counts its messages cite (the
    # rule runs again where it found something). ``holds(ctx, values)``: the entries holding one
    # of ``values`` (as their findings depend on it). An unchanged entry that holds none of the
    # changed values keeps its findings, moved; the rule runs again on the others.
    changed: ChangedValues | None = field(default=None, repr=False)
    holds: EntriesHolding | None = field(default=None, repr=False)

    def default_options(self) -> Any:
        return self.options() if self.options is not None else None

    def options_error(self, values: Mapping[str, Any]) -> str | None:
        """Why ``values`` are not valid options for this rule, or None."""
        known = (
            {f.name.replace("_", "-"): f for f in dataclasses.fields(self.options)} if self.options else {}
        )
        defaults = self.default_options()
        for key, value in values.items():
            if key not in known:
                names = ", ".join(sorted(known)) or "none"
                return f"unknown option `{key}` (options: {names})"
            expected = type(getattr(defaults, known[key].name))
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                continue
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                return f"option `{key}` must be of type {expected.__name__}"
        return None

    def make_options(self, values: Mapping[str, Any]) -> Any:
        if self.options is None:
            return None
        return self.options(**{key.replace("-", "_"): value for key, value in values.items()})


def rule(
    code: str,
    name: str,
    summary: str,
    *,
    severity: Severity,
    fix: Applicability,
    tags: tuple[str, ...],
    options: type[Any] | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule: ``@rule("AL101", "empty-section", "...", severity=..., fix=..., tags=...)``."""

    def declare(check: CheckFunction) -> Rule:
        return Rule(code, name, summary, severity, fix, tags, check, options)

    return declare


def entry_rule(
    code: str,
    name: str,
    what: str,
    *,
    severity: Severity,
    fix: Applicability,
    tags: tuple[str, ...],
    options: type[Any] | None = None,
    cites_line: bool = False,
    tally: Callable[[Context], object] | None = None,
    cites_counts: bool = False,
    decisive: Callable[[Any], object] | None = None,
    changed: ChangedValues | None = None,
    holds: EntriesHolding | None = None,
) -> Callable[[EntryCheck], Rule]:
    """Declare a rule of entry scope: a function of one entry (``(ctx, entry)``) that reads nothing of
    the document beyond that entry's lines, its fields, the style, the settings and ``tally(ctx)``
    (`Context.tally`: what the rule counts over the whole list, as the style does)."""

    def declare(check_entry: EntryCheck) -> Rule:
        def check(ctx: Context) -> Iterator[Diagnostic]:
            for entry in ctx.document.iter_entries():
                yield from check_entry(ctx, entry)

        return Rule(
            code,
            name,
            what,
            severity,
            fix,
            tags,
            check,
            options,
            "entry",
            check_entry,
            cites_line,
            tally,
            cites_counts,
            decisive,
            changed,
            holds,
        )

    return declare


def all_rules() -> tuple[Rule, ...]:
    from .rules import ALL_RULES

    return ALL_RULES


def rule_by_selector(selector: str) -> Rule | None:
    """The rule whose code or name is ``selector`` (any case)."""
    wanted = selector.strip().lower()
    return next((r for r in all_rules() if wanted in (r.code.lower(), r.name)), None)


def resolve_selectors(selectors: Iterable[str]) -> set[str]:
    """Rule codes named by codes, code prefixes (``AL3``), names, or ``ALL``."""
    codes: set[str] = set()
    for selector in selectors:
        wanted = selector.strip()
        if wanted.upper() == "ALL":
            codes.update(r.code for r in all_rules())
            continue
        matched = [
            r.code for r in all_rules() if r.code.startswith(wanted.upper()) or r.name == wanted.lower()
        ]
        if not matched:
            raise ValueError(f"unknown rule `{selector}`; see `awesomelint rule --all`")
        codes.update(matched)
    return codes
