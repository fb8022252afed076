"""Settings, inline suppression, and running the rules (DESIGN.md steps 4-5); the rules themselves are
declared and found in `registry`."""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import compress, repeat
from operator import attrgetter, is_, is_not
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from .diagnostic import Applicability, Diagnostic, Edit, Fix, Intent, Severity
from .entry_facts import EntryKey, Facts, carried, carry, install, read_again, without_facts
from .evidence.link_options import LinkOptions, options_from_table
from .model import Comment, Document, Entry
from .read.reread import common_prefix
from .registry import CheckFunction as CheckFunction
from .registry import EntriesHolding
from .registry import Rule as Rule
from .registry import all_rules as all_rules
from .registry import entry_rule as entry_rule
from .registry import resolve_selectors as resolve_selectors
from .registry import rule as rule
from .registry import rule_by_selector as rule_by_selector
from .style import Majority, Style, infer_style
from .text import Source, Span
from .venues import VenueTable, builtin_venues

if TYPE_CHECKING:
    from .config import Config
    from .evidence.links import LinkResult
    from .evidence.records import Verifications


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

    @functools.cached_property
    def tally(self) -> Any:
        """What the rule counts over the whole list (its ``tally``), worked out once per run."""
        return self.rule.tally(self) if self.rule.tally is not None else None

    @functools.cached_property
    def options(self) -> Any:
        return self.rule.make_options(self.settings.options.get(self.rule.code, {}))

    def span(self, start: int, end: int) -> Span:
        """A span from offsets into the original text."""
        return self.document.source.original_span(start, end)

    def fix(self, description: str, *edits: Edit, intents: tuple[Intent, ...] = ()) -> Fix:
        """A fix with the applicability this rule declares; ``intents``: the changes to the entries
        it means to make (the guard refuses any other)."""
        return Fix(tuple(edits), self.rule.fix, description, intents)

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

_KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
_DIRECTIVE = re.compile(rf"^\s*awesomelint-({'|'.join(_KINDS)})(?=\s|$)(.*)$", re.DOTALL)
_LOOKS_LIKE_DIRECTIVE = re.compile(r"^\s*awesomelint([-_:]|\s+)?([a-z_-]*)", re.IGNORECASE)
_ALL = "*"


class Directive(NamedTuple):
    """A suppression comment: the lines it covers and the codes it names (``*``: every rule)."""

    comment: Comment
    first_line: int
    last_line: int
    codes: frozenset[str]

    def names(self, code: str) -> bool:
        return _ALL in self.codes or code in self.codes


class _Suppressions:
    """The directives of a document, and which codes each of them has silenced."""

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives
        self.used: dict[int, set[str]] = {}  # index of a directive -> the codes it silenced

    def covers(self, diagnostic: Diagnostic) -> bool:
        if not self.directives:
            return False  # most lists have no directive: no finding's line is looked up
        code, line = diagnostic.code, diagnostic.span.start_line
        covering = [
            index
            for index, directive in enumerate(self.directives)
            if directive.first_line <= line <= directive.last_line and directive.names(code)
        ]
        for index in covering:
            self.used.setdefault(index, set()).add(code)
        return bool(covering)

    def unused(self, judged: Callable[[str], bool]) -> Iterator[tuple[Directive, str]]:
        """Each directive and code (or `*`) that silenced nothing, among the rules ``judged`` says
        ran with all they need (a link rule without a link check proves nothing)."""
        for index, directive in enumerate(self.directives):
            used = self.used.get(index, set())
            if _ALL in directive.codes:
                if not used and all(judged(r.code) for r in all_rules()):
                    yield directive, _ALL
                continue
            yield from ((directive, code) for code in sorted(directive.codes - used) if judged(code))


def _directive_codes(text: str) -> frozenset[str]:
    words = [word for word in re.split(r"[\s,]+", text) if word]
    if not words:
        return frozenset({_ALL})
    codes = set()
    for word in words:
        found = rule_by_selector(word)
        codes.add(found.code if found else word.upper())
    return frozenset(codes)


def suppression_typos(document: Document) -> Iterator[tuple[Comment, str]]:
    """Each suppression comment that does nothing for a typo, with what is wrong: a directive
    misspelt (`awesomelint-disable-nextline`), or a word that names no rule."""
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            near = _LOOKS_LIKE_DIRECTIVE.match(comment.text)
            if near is None:
                continue
            import difflib  # only for a comment that starts like a directive

            guess = difflib.get_close_matches(near[2].lower(), _KINDS, n=1, cutoff=0.6)
            if guess or (near[1] or " ").strip():  # `awesomelint-...`, or a directive's words: not prose
                hint = f"; did you mean `awesomelint-{guess[0]}`?" if guess else ""
                written = near[0].strip()
                yield comment, f"`{written}` is not a directive, so this comment silences nothing{hint}"
            continue
        for word in re.split(r"[\s,]+", match[2]):
            if word and word.lower() != "all" and rule_by_selector(word) is None:
                yield comment, f"`{word}` is not a rule code or name; this comment silences nothing for it"


def _suppressions(document: Document) -> _Suppressions:
    directives = []
    open_ranges: dict[str, tuple[Comment, int]] = {}
    last_line = document.source.line_count
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        kind, codes = match[1], _directive_codes(match[2])
        line = comment.span.start_line
        if kind == "disable-file":
            directives.append(Directive(comment, 1, last_line, codes))
        elif kind == "disable-line":
            directives.append(Directive(comment, line, line, codes))
        elif kind == "disable-next-line":
            following = comment.span.end_line + 1
            directives.append(Directive(comment, following, following, codes))
        elif kind == "disable":
            for code in codes:
                open_ranges.setdefault(code, (comment, line))
        else:
            closing = list(open_ranges) if _ALL in codes else [c for c in codes if c in open_ranges]
            for code in closing:
                opened, start = open_ranges.pop(code)
                directives.append(Directive(opened, start, line, frozenset({code})))
    directives.extend(
        Directive(opened, start, last_line, frozenset({code}))
        for code, (opened, start) in open_ranges.items()
    )
    return _Suppressions(directives)


# -- running ------------------------------------------------------------------------------------------

UNUSED_SUPPRESSION = "AL702"


def run_rules(
    document: Document,
    settings: Settings | None = None,
    links: Mapping[str, LinkResult] | None = None,
    records: Verifications | None = None,
) -> list[Diagnostic]:
    """All findings of the selected rules on ``document``, suppressions applied, in source order.
    ``links`` holds link-check results and ``records`` bibliographic outcomes; without them the link
    and record rules find nothing. A suppression that silenced nothing is itself a finding (AL702),
    once every other rule has run."""
    return _run(document, settings or Settings(), links, records, None, keep=False).findings


def split_for_fixing(
    settings: Settings, unsafe: bool, document: Document
) -> tuple[Settings, Settings] | None:
    """The settings of the rules whose fixes the fixer may apply (safe ones, and with ``unsafe`` the
    unsafe ones) and of the other rules: a fixer runs the first after each of its passes and the
    others once, on its result (`with_the_rest`). None when ``document`` holds a suppression and
    AL702 is selected: which suppression silenced nothing is known only once every rule has run on
    one text."""
    if UNUSED_SUPPRESSION in settings.select and _suppressions(document).directives:
        return None
    kinds = (Applicability.SAFE, Applicability.UNSAFE) if unsafe else (Applicability.SAFE,)
    fixing = frozenset(r.code for r in all_rules() if r.fix in kinds) & settings.select
    return replace(settings, select=fixing), replace(settings, select=settings.select - fixing)


def with_the_rest(
    document: Document,
    checked: Checked,
    rest: Settings,
    links: Mapping[str, LinkResult] | None = None,
    records: Verifications | None = None,
) -> list[Diagnostic]:
    """What the rules of one part of `split_for_fixing` found on ``document`` (``checked``: the last
    `rerun_rules` of them), with what the ``rest`` find: `run_rules` of both parts together. The
    rest run as `run_rules` runs them, with the style that run inferred (of the same text, with the
    same style settings): no run follows to reuse their facts, and the facts that run kept are not
    theirs (asking for a fact of each entry and keeping it costs more than working it out)."""
    ran = checked.earlier
    same_style = ran.settings.style == rest.style and ran.settings.venues == rest.venues
    style = ran.style if same_style else None
    others = _run(without_facts(document), rest, links, records, None, keep=False, style=style).findings
    return list(heapq.merge(checked.findings, others, key=_order))


def _order(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return diagnostic.span.start, diagnostic.span.end, diagnostic.code


class _EntryRun(NamedTuple):
    """An entry's findings under the entry-scope rules (before suppression), kept for the next run."""

    start: int  # the entry's offset (with no finding, maybe an earlier one's: nothing is moved by it)
    line: int  # its first line (0 when it had no finding: then no message can cite it)
    found: tuple[tuple[Rule, tuple[Diagnostic, ...]], ...]  # each rule that found something


_UNSEEN = _EntryRun(-1, 0, ())  # the run of an entry the earlier run did not see
_QUIET = _EntryRun(0, 0, ())  # the run of any entry where no rule found anything (one object)
_FOUND = attrgetter("found")


@dataclass(frozen=True)
class Earlier:
    """What one run of the rules keeps for the next run on an edited version of the same list: the
    settings and style it ran with, each entry's findings and facts (`entry_facts`) by its key."""

    text: str
    settings: Settings
    style: Style
    entries: Mapping[EntryKey, _EntryRun]
    facts: Facts | None
    tallies: Mapping[str, object]  # each entry-scope rule's `Context.tally`, by code
    # each entry-scope rule's reads of the style (`Style` fields, by code) since it last ran on every
    # entry: its kept findings were made from these fields alone
    reads: Mapping[str, frozenset[str]]


class Checked(NamedTuple):
    findings: list[Diagnostic]  # what `run_rules` returns
    earlier: Earlier  # to pass to the next `rerun_rules` on an edited text


def rerun_rules(
    document: Document,
    settings: Settings,
    links: Mapping[str, LinkResult] | None = None,
    records: Verifications | None = None,
    earlier: Earlier | None = None,
) -> Checked:
    """`run_rules`, reusing what an earlier run on another version of the list found: entry-scope
    rules run only on the entries that are new or changed (an unchanged entry's findings move with
    it), other rules run again. With the settings changed everything runs; with the list's style
    changed, each entry-scope rule that has read a field of the style that changed. The findings are
    exactly those of `run_rules` on ``document``."""
    return _run(document, settings, links, records, earlier, keep=True)


def _run(
    document: Document,
    settings: Settings,
    links: Mapping[str, LinkResult] | None,
    records: Verifications | None,
    earlier: Earlier | None,
    keep: bool,
    style: Style | None = None,
) -> Checked:
    """The rules run; with ``keep``, what they found and the entries' facts kept for a later run.
    ``style``: the document's, when an earlier run on it inferred it."""
    if earlier is not None and not (earlier.settings is settings or earlier.settings == settings):
        earlier = None  # every finding and fact may differ
    facts = install(document, earlier.facts if earlier is not None else None) if keep else None
    if style is None:
        style = infer_style(document, settings.style, settings.venues)
    suppressions = _suppressions(document)
    selected = [r for r in all_rules() if r.code in settings.select]
    by_entry: dict[str, list[Diagnostic]] = {}
    kept: dict[EntryKey, _EntryRun] = {}
    tallies: dict[str, object] = {}
    reads: dict[str, frozenset[str]] = {}
    if facts is not None:
        for_entries = [r for r in selected if r.scope == "entry"]
        contexts = [Context(document, style, settings, r, links, records) for r in for_entries]
        tallies = {c.rule.code: c.tally for c in contexts}  # (compared as they are: their reads not noted)
        views = [_StyleReads(style) for _ in contexts]
        for context, view in zip(contexts, views, strict=True):
            context.style = cast("Style", view)
        fresh, recount, narrowed = _to_run_again(for_entries, earlier, style, tallies)
        by_entry, kept = _entry_findings(document, contexts, earlier, facts.keys, fresh, recount, narrowed)
        for context, view in zip(contexts, views, strict=True):
            code = context.rule.code
            read = view.fields_read()
            if earlier is not None and code not in fresh:  # its findings kept may come from earlier runs
                read |= earlier.reads.get(code, _STYLE_FIELDS)
            reads[code] = read
    found: list[Diagnostic] = []
    entries: list[Entry] = []  # (listed once for the entry-scope rules: a walk of the sections each)
    for chosen in selected:
        if chosen.code in by_entry:
            raw: Iterable[Diagnostic] = by_entry[chosen.code]
        elif chosen.scope == "entry" and keep:
            continue  # no entry had a finding of it
        elif (check_entry := chosen.check_entry) is not None:  # as its `check` runs it
            context = Context(document, style, settings, chosen, links, records)
            entries = entries or list(document.iter_entries())
            raw = [d for entry in entries for d in check_entry(context, entry)]
        else:
            raw = chosen.check(Context(document, style, settings, chosen, links, records))
        if suppressions.directives:
            raw = [d for d in raw if not suppressions.covers(d)]
        found.extend(raw)
    if suppressions.directives and UNUSED_SUPPRESSION in settings.select:

        def judged(code: str) -> bool:
            """Whether a rule ran with what it needs: selected, and given link results or records."""
            known = rule_by_selector(code)
            if known is None or known.code not in settings.select or known.code == UNUSED_SUPPRESSION:
                return False  # an unknown code is AL701's; an unselected rule proves nothing
            return not (
                ("links" in known.tags and "network" in known.tags and links is None)
                or ("verify" in known.tags and records is None)
            )

        unused = rule_by_selector(UNUSED_SUPPRESSION)
        assert unused is not None
        context = Context(document, style, settings, unused, links, records)
        reports = [unused_suppression(context, d, code) for d, code in suppressions.unused(judged)]
        found.extend(d for d in reports if not suppressions.covers(d))
    found.sort(key=_order)
    return Checked(found, Earlier(document.text, settings, style, kept, facts, tallies, reads))


# The fields of `Style` that its equality compares, and what each of its methods reads of them.
_STYLE_FIELDS = frozenset(f.name for f in fields(Style) if f.compare)
_NOTHING = frozenset[str]()
_METHOD_READS = {"group": _NOTHING, "layout": _NOTHING, "fields_of": frozenset({"field_counts"})}


def _changed_fields(before: Style, after: Style) -> frozenset[str]:
    if before == after:
        return frozenset()
    return frozenset(name for name in _STYLE_FIELDS if getattr(before, name) != getattr(after, name))


def _decided(value: object) -> object:
    """What of a field of the style decides: a majority's value (its counts are evidence), in a
    table of majorities too; any other value as it is."""
    if isinstance(value, Majority):
        return value.value, value.pinned
    if isinstance(value, dict) and any(isinstance(found, Majority) for found in value.values()):
        return {key: _decided(found) for key, found in value.items()}
    return value


def _to_run_again(
    rules: list[Rule], earlier: Earlier | None, style: Style, tallies: Mapping[str, object]
) -> tuple[set[str], set[str], dict[str, frozenset[object]]]:
    """The entry-scope rules (by code) to run again on every entry, those whose tally or a field of
    the style they read decides otherwise now; those to run again only on the entries where
    they found something, whose tally or style changed only in the counts their messages cite; and
    those to run again only on the entries that hold a value whose findings may differ now
    (`Rule.changed`), with those values."""
    if earlier is None:
        return {r.code for r in rules}, set(), {}
    changed = _changed_fields(earlier.style, style)
    decided = frozenset(
        name for name in changed if _decided(getattr(earlier.style, name)) != _decided(getattr(style, name))
    )
    fresh, recount, narrowed = set[str](), set[str](), dict[str, frozenset[object]]()
    for checked in rules:
        code = checked.code
        read = earlier.reads.get(code, _STYLE_FIELDS)
        before, now = earlier.tallies.get(code), tallies[code]
        same = before == now
        if same and changed.isdisjoint(read):
            continue
        if (
            checked.changed is not None
            and (values := checked.changed(earlier.style, before, style, now)) is not None
        ):
            narrowed[code] = values
            if checked.cites_counts:
                recount.add(code)  # (its counts may have changed: where it found something)
        elif (
            not checked.cites_counts
            or not decided.isdisjoint(read)
            or (not same and (checked.decisive is None or checked.decisive(before) != checked.decisive(now)))
        ):
            fresh.add(code)
        else:
            recount.add(code)
    return fresh, recount, narrowed


class _StyleReads:
    """The style as one rule sees it in a run that keeps its findings, noting which fields the rule
    reads: a name is looked up in the style on its first read only, then kept as the view's own
    attribute (later reads cost what a read of the style does)."""

    def __init__(self, style: Style) -> None:
        self.__dict__["_style"] = style

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.__dict__["_style"], name)
        self.__dict__[name] = value
        return value

    def fields_read(self) -> frozenset[str]:
        """The fields of the style read so far (a method by the fields it reads; any other name by
        all of them)."""
        read: set[str] = set()
        for name in self.__dict__:
            if name in _STYLE_FIELDS:
                read.add(name)
            elif name != "_style":
                read |= _METHOD_READS.get(name, _STYLE_FIELDS)
        return frozenset(read)


def _entry_findings(
    document: Document,
    contexts: list[Context],
    earlier: Earlier | None,
    keys: Mapping[int, EntryKey],
    fresh: set[str],
    recount: set[str],
    narrowed: Mapping[str, frozenset[object]],
) -> tuple[dict[str, list[Diagnostic]], dict[EntryKey, _EntryRun]]:
    """The findings of the entry-scope rules (of ``contexts``), in the order their ``check`` gives
    them, and each entry's run to keep. An entry that ``earlier`` saw the same way keeps its
    findings, moved to where it is now, but for the ``fresh`` rules (by code: a rule hashes all its
    fields), those of the ``recount`` rules, which run again where they found something, and the
    ``narrowed`` rules, which run again where the entry holds one of their changed values
    (`Rule.changed`); the rules run on the other entries."""
    source, text = document.source, document.text
    before = earlier.entries if earlier is not None else {}
    # An entry whose lines end before the first change keeps its findings as they are; another one
    # at its earlier offset and line has them made again on this text's lines, as they were (their
    # spans would keep the earlier text's table of lines alive).
    unchanged = common_prefix(earlier.text, text) if earlier is not None else 0
    again = [c for c in contexts if c.rule.code in fresh]
    # each narrowed rule's context, the entries holding its changed values (by id) and those of
    # them it runs on again below
    narrow: list[tuple[Context, set[int], list[Entry]]] = [
        (c, {id(e) for e in cast("EntriesHolding", c.rule.holds)(c, narrowed[c.rule.code])}, [])
        for c in contexts
        if narrowed.get(c.rule.code)
    ]
    holding = set[int]().union(*[n[1] for n in narrow])
    entries = list(document.iter_entries())
    entry_keys = list(map(keys.__getitem__, map(id, entries)))
    runs = list(map(before.get, entry_keys, repeat(_UNSEEN)))
    indices = range(len(entries))
    made = list(compress(indices, map(is_, runs, repeat(_UNSEEN))))  # (the runs made below, by index)
    new = list(map(entries.__getitem__, made))  # the entries every rule runs on
    # The entries the earlier run saw looked at one by one: those with findings kept (to move) and
    # those holding a narrowed rule's changed value; with fresh rules, all. Any other keeps its run
    # (its offset may be an earlier one's: with no finding, nothing is moved by it).
    if again:
        looked: Iterable[int] = list(compress(indices, map(is_not, runs, repeat(_UNSEEN))))
    else:
        looked = sorted(
            set(compress(indices, map(_FOUND, runs))).union(
                compress(indices, map(holding.__contains__, map(id, entries))) if holding else ()
            )
        )
    retold: list[Entry] = []  # those only the fresh rules (and narrowed ones) run on
    by_code = {c.rule.code: c for c in contexts}
    for index in looked:
        entry, run = entries[index], runs[index]
        if run is _UNSEEN:
            continue  # (holding a changed value, and new: every rule runs on it)
        more = [n for n in narrow if id(entry) in n[1]] if id(entry) in holding else []
        if run.found and (
            fresh or recount or more or entry.span.start != run.start or _line_end(text, entry) > unchanged
        ):
            runs[index] = _moved_run(run, entry, by_code, source, again + [n[0] for n in more], recount)
        elif again or more:  # no finding kept
            if again:
                retold.append(entry)
            for narrowed_run in more:
                narrowed_run[2].append(entry)
            made.append(index)
    found = _found(contexts, new) | _found(again, retold)
    for context, _, narrowed_entries in narrow:
        for at, rule_found in _found([context], narrowed_entries).items():
            found.setdefault(at, []).extend(rule_found)
    for index in made:
        entry = entries[index]
        if entry_found := tuple(found.get(id(entry), ())):
            runs[index] = _EntryRun(entry.span.start, entry.span.start_line, entry_found)
        else:
            runs[index] = _QUIET
    by_entry: dict[str, list[Diagnostic]] = {}
    for run_found in filter(None, map(_FOUND, runs)):
        for by_rule, diagnostics in run_found:
            by_entry.setdefault(by_rule.code, []).extend(diagnostics)
    # (entries of one key have the same findings, moved: the last one's kept)
    return by_entry, dict(zip(entry_keys, runs, strict=True))


def _found(
    contexts: list[Context], entries: list[Entry]
) -> dict[int, list[tuple[Rule, tuple[Diagnostic, ...]]]]:
    """What each rule of ``contexts`` finds on each of ``entries`` (by the entry's id; an entry where
    none finds anything left out), in the rules' order. Run rule by rule: with one rule's code and
    data at hand, a fifth faster than entry by entry."""
    found: dict[int, list[tuple[Rule, tuple[Diagnostic, ...]]]] = {}
    for context in contexts:
        check, checked = _checker(context), context.rule  # (looked up once: not once per entry)
        for entry in entries:
            # (most checks return an empty tuple for most entries: no copy made of it)
            if (returned := check(context, entry)) and (diagnostics := tuple(returned)):
                found.setdefault(id(entry), []).append((checked, diagnostics))
    return found


def _line_end(text: str, entry: Entry) -> int:
    end = text.find("\n", entry.span.end)
    return len(text) if end < 0 else end


def _checker(context: Context) -> Callable[[Context, Entry], Iterable[Diagnostic]]:
    """The check of one entry of ``context``'s rule (an entry-scope rule's)."""
    check = context.rule.check_entry
    assert check is not None  # an entry-scope rule
    return check


def _moved_run(
    run: _EntryRun,
    entry: Entry,
    by_code: Mapping[str, Context],
    source: Source,
    again: list[Context],
    recount: set[str],
) -> _EntryRun:
    """An unchanged entry's earlier run, moved to where the entry is now; the rules of ``again``
    run again, the ``recount`` rules that found something, and those whose messages cite the
    entry's line when the line moved (each rule's context by its code in ``by_code``)."""
    starts = source.line_starts
    delta = entry.span.start - run.start
    line = max(bisect.bisect_right(starts, entry.span.start), 1)  # (`Span.start_line`, sooner)
    moved = []
    fresh = {c.rule.code for c in again}
    for checked, diagnostics in run.found:
        if checked.code in fresh:
            continue  # run below
        if checked.code in recount or (checked.cites_line and line != run.line):
            context = by_code[checked.code]
            found = tuple(_checker(context)(context, entry))
        else:
            found = tuple([moved_diagnostic(d, delta, starts) for d in diagnostics])
        if found:
            moved.append((checked, found))
    for context in again:
        if found := tuple(_checker(context)(context, entry)):
            moved.append((context.rule, found))
    return _EntryRun(entry.span.start, line, tuple(moved))


def moved_diagnostic(diagnostic: Diagnostic, delta: int, starts: Sequence[int]) -> Diagnostic:
    """``diagnostic`` of text that moved by ``delta`` characters, on the lines whose starts are
    ``starts`` (`Source.line_starts`): its span, related span, fix edits and the places its fix's
    intents name."""
    code, name, severity, message, span, fix, related = diagnostic
    if fix is not None and delta:  # (a fix names offsets only: moved by nothing, it stays)
        edits = tuple([Edit(e.start + delta, e.end + delta, e.replacement) for e in fix.edits])
        intents = tuple([i._replace(at=i.at + delta) for i in fix.intents]) if fix.intents else ()
        fix = Fix(edits, fix.applicability, fix.description, intents)
    if related is not None:
        related = Span(related.start + delta, related.end + delta, starts)
    moved = Span(span.start + delta, span.end + delta, starts)
    return Diagnostic(code, name, severity, message, moved, fix, related)


Parts = Sequence[tuple[int, int]]  # parts of a text, in order and apart: each as its start and end


def rescanned(
    context: Context,
    scan: Callable[[Parts], Iterable[Diagnostic]],
    depends: object = None,
    cites_lines: bool = False,
) -> list[Diagnostic]:
    """A rule's findings made by ``scan(parts)``: the findings of the lines that start in each part
    ``text[start:end]`` (whole lines), each made from its own line, the lines next to it, the tree
    there and ``depends`` (what else it depends on, with no offsets). After an edit that the reader
    read again in parts (`entry_facts.note_read_again`), under equal ``depends``, the earlier run's
    findings outside those parts and the line on either side of each are kept (before the first) or
    moved (after it), and only those lines are scanned again. A rule whose messages ``cites_lines``
    (of its finding's section) scans the whole text again when a finding to move changed its line."""
    document, name = context.document, f"{context.rule.code} (found)"
    earlier, again = carried(document, name), read_again(document)
    kept = cast("tuple[object, list[Diagnostic]] | None", earlier and earlier[1])
    if earlier is None or kept is None or again is None or earlier[0] != again[0] or kept[0] != depends:
        found = _by_start(scan([(0, len(document.text))]))
    else:
        moved = _rescanned(document, kept[1], again[1], scan, cites_lines)
        found = _by_start(scan([(0, len(document.text))])) if moved is None else moved
    carry(document, name, (depends, found))
    return found


def _by_start(found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Findings in the order of their starts (those of one start as they came: from one line)."""
    return sorted(found, key=lambda d: d.span.start)


def _rescanned(
    document: Document,
    kept: list[Diagnostic],
    parts: Sequence[tuple[int, int, int]],
    scan: Callable[[Parts], Iterable[Diagnostic]],
    cites_lines: bool,
) -> list[Diagnostic] | None:
    """`rescanned`'s findings from the earlier ones (``kept``, by their starts) and the ``parts``
    read again (`entry_facts.read_again`): the lines of each part and the line on either side
    scanned again (parts whose lines meet as one). None when the findings ``cites_lines`` and one
    to move is on another line now."""
    text, starts = document.text, document.source.line_starts
    scanned: list[tuple[int, int, int, int]] = []  # (start, end now, earlier end, shift after)
    shift = 0  # how far the text before the part moved
    for start, end, after in parts:
        now = text.rfind("\n", 0, max(start + shift - 1, 0)) + 1  # (the line before: a heading's)
        line_end = text.find("\n", end + after)  # (the line after, the next heading's, ends here)
        stop = len(text) if line_end < 0 else line_end + 1
        if scanned and now <= scanned[-1][1]:
            now = scanned.pop()[0]
        scanned.append((now, stop, stop - after, after))
        shift = after
    fresh = _by_start(scan([(start, stop) for start, stop, _, _ in scanned]))
    found: list[Diagnostic] = []
    held = [d.span.start for d in kept]
    made = [d.span.start for d in fresh]
    done, shift = 0, 0  # the first kept finding not placed yet, and how far the text there moved
    for number, (start, stop, earlier_stop, after) in enumerate(scanned):
        placed = bisect.bisect_left(held, start - shift, lo=done)
        if number == 0:  # before the first part: the findings kept as they are
            found.extend(kept[:placed])
        elif (moved := _moved(kept[done:placed], shift, starts, cites_lines)) is None:
            return None
        else:
            found.extend(moved)
        found.extend(fresh[bisect.bisect_left(made, start) : bisect.bisect_left(made, stop)])
        done, shift = bisect.bisect_left(held, earlier_stop, lo=placed), after
    moved = _moved(kept[done:], shift, starts, cites_lines)
    return None if moved is None else found + moved


def _moved(
    kept: list[Diagnostic], delta: int, starts: Sequence[int], cites_lines: bool
) -> list[Diagnostic] | None:
    """The ``kept`` findings moved by ``delta`` (`moved_diagnostic`); None when their messages cite
    lines and one of them is on another line now."""
    moved = [moved_diagnostic(d, delta, starts) for d in kept]
    if cites_lines and any(m.span.start_line != d.span.start_line for m, d in zip(moved, kept, strict=True)):
        return None
    return moved


def unused_suppression(context: Context, directive: Directive, code: str) -> Diagnostic:
    """AL702's finding: ``directive`` silenced no finding of ``code`` (`*`: of any rule)."""
    what = "any rule" if code == _ALL else f"{code} {rule_name(code)}"
    where = (
        f"line {directive.first_line}"
        if directive.first_line == directive.last_line
        else f"lines {directive.first_line}-{directive.last_line}"
    )
    return context.report(
        directive.comment.span,
        f"this suppression silences nothing: no finding of {what} on {where}; remove it (or the code)",
    )


def rule_name(code: str) -> str:
    found = rule_by_selector(code)
    return found.name if found else ""
