"""One run of a command: its inputs (files, folders, standard input), their configuration, what
--since and a baseline leave in scope, the link check, and the report. Every command uses it."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar
from urllib.parse import urlsplit

import click

from ..config import ConfigError
from ..diagnostic import Diagnostic, Severity
from ..engine import Settings, resolve_selectors
from ..evidence.link_options import LinkOptions, parse_accept, parse_duration, valid_patterns
from ..evidence.links import targets
from ..model import Document, Link
from ..read import read
from ..read.source import MAX_BYTES, InputError, SourceFile, decode, read_source
from ..report import FORMATS, STREAMED, FileReport, ReportOptions, Sink, reporter, sink, statistics
from . import _inputs
from ._collector import collecting
from ._inputs import Configs, InputPath

if TYPE_CHECKING:
    from ..baseline import Baseline
    from ..changes import Change, Revision
    from ..evidence.links import LinkResult
    from ..evidence.records import Verifications
    from ..verify.verifier import Tally


T = TypeVar("T")


def fail(message: str) -> NoReturn:
    click.echo(f"awesomelint: error: {printable(message)}", err=True)
    sys.exit(2)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters escaped (`\\n`, `\\x1b`): a file name with a newline must
    not start a line of its own, which GitHub Actions would run as a workflow command (`::error`)."""
    return _CONTROL.sub(lambda match: repr(match[0])[1:-1], text)


def display(path: Path) -> str:
    """The path as the user would write it: relative to the working folder when inside it."""
    try:
        return printable(path.absolute().relative_to(Path.cwd().absolute()).as_posix())
    except ValueError:
        return printable(str(path))


def input_paths(
    paths: Sequence[Path],
    config_path: Path | None,
    no_config: bool,
    folders: bool = False,
    force_exclude: bool = False,
) -> list[InputPath]:
    """`_inputs.input_paths`, a problem with the inputs ending the run."""
    try:
        return _inputs.input_paths(paths, config_path, no_config, folders, force_exclude)
    except (ConfigError, ValueError) as error:
        fail(str(error))


def selection(value: str | None) -> list[str]:
    return [part for part in (value or "").replace(" ", ",").split(",") if part]


def _option(name: str, convert: Callable[[str], T], value: str | None) -> T | None:
    """``convert(value)``, or ValueError naming the option and what is wrong with its value."""
    if not value:
        return None
    try:
        return convert(value)
    except ValueError as error:
        raise ValueError(f"{name} {value}: {error}") from None


def _patterns(name: str, values: Sequence[str]) -> tuple[str, ...]:
    try:
        return valid_patterns(values)
    except ValueError as error:
        raise ValueError(f"{name}: {error}") from None


@dataclass(eq=False, repr=False)  # 45 fields: a generated comparison and repr cost 1.5 ms at each start
class Run:
    """One `check` or `fix` invocation: its options and what it found."""

    files: tuple[Path, ...]
    select: str | None
    ignore: str | None
    extend_select: str | None
    output_format: str
    output: Path | None
    also: tuple[str, ...]
    fail_on: str | None
    exit_zero: bool
    color: bool | None
    unsafe_fixes: bool
    config_path: Path | None
    no_config: bool
    since: str | None = None
    stdin_filename: Path | None = None
    baseline_path: Path | None = None
    write_baseline: Path | None = None
    check_links: bool = False
    verify: bool = False
    concurrency: int | None = None
    per_host: int | None = None
    interval: str | None = None
    timeout: str | None = None
    retries: int | None = None
    accept: str | None = None
    exclude: tuple[str, ...] = ()
    include_only: tuple[str, ...] = ()
    allow_private: bool | None = None
    strict: bool | None = None
    offline: bool | None = None
    sources: str | None = None  # `verify`: the title-search sources, in order
    entry_budget: str | None = None  # `verify`: the time one entry may take
    cache_path: Path | None = None
    no_cache: bool = False
    max_age: str | None = None
    user_agent: str | None = None
    ca_file: str | None = None
    force_exclude: bool = False  # named files are excluded and skipped when not lists, as found ones
    quiet: bool = False  # the findings only: no summary, no progress
    statistics: bool = False  # counts by rule instead of the findings
    keep_reading: bool = False  # `fix`: each document keeps markdown-it's reading for the guard
    reports: list[FileReport] = field(default_factory=list)
    sinks: dict[int, tuple[Sink, TextIO]] = field(default_factory=dict)  # streamed outputs by index
    failed: bool = False
    errors: list[str] = field(default_factory=list)  # why each input could not be checked
    threshold: Severity = Severity.WARNING
    baseline_keys: list[tuple[str, str, str, str]] = field(default_factory=list)
    baseline: Baseline | None = None
    older: int = 0  # findings left out as older than the change (--since) or in the baseline

    def in_scope(self, item: Input, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
        """The findings this run asks about: new since the revision (--since), not in the baseline;
        how many older ones were left out is counted for the summary."""
        found = item.in_scope(diagnostics)
        self.older += len(diagnostics) - len(found)
        if self.write_baseline is None and self.baseline_path is None:
            return found
        from .. import baseline  # with a baseline only: it imports git's diff machinery

        name = display(item.path)
        keys = baseline.keys(name, item.source.text, item.document, found)
        if self.write_baseline is not None:
            self.baseline_keys.extend(keys)
            return found
        if self.baseline is None:
            try:
                self.baseline = baseline.Baseline.read(self.baseline_path or Path())
            except InputError as error:
                fail(str(error))  # the whole run rests on it: nothing is reported
        new = self.baseline.take(list(zip(keys, found, strict=True)))
        self.older += len(found) - len(new)
        return new

    def settings_for(self, path: Path, configs: Configs) -> Settings:
        settings = Settings.from_config(
            configs.for_file(path),
            select=selection(self.select) if self.select is not None else None,
            ignore=[*selection(self.ignore), *configs.for_file(path).ignored_in(path)],
            extend_select=selection(self.extend_select),
        )
        settings.links = self.link_options(settings.links)
        if settings.links.strict:
            settings.severity = {**settings.severity, "AL513": Severity.ERROR, "AL807": Severity.ERROR}
        self.threshold = Severity.parse(self.fail_on) if self.fail_on else settings.fail_on
        return settings

    def link_options(self, base: LinkOptions) -> LinkOptions:
        """The configuration's link options with the command line's on top (ValueError if bad)."""
        options = base.with_values(
            concurrency=self.concurrency,
            per_host=self.per_host,
            interval=_option("--interval", parse_duration, self.interval),
            timeout=_option("--timeout", parse_duration, self.timeout),
            retries=self.retries,
            accept=_option("--accept", parse_accept, self.accept),
            exclude=(*base.exclude, *_patterns("--exclude", self.exclude)) if self.exclude else None,
            include_only=_patterns("--include-only", self.include_only) or None,
            allow_private=self.allow_private,
            strict=self.strict,
            offline=self.offline,
            max_age=_option("--max-age", parse_duration, self.max_age),
            user_agent=self.user_agent,
            ca_file=self.ca_file,
            cache=self.cache_path,
        )
        return options._replace(cache=None) if self.no_cache else options

    @property
    def from_stdin(self) -> bool:
        return self.files == (Path("-"),)

    def lint_inputs(self, folders: bool = True) -> list[Input]:
        """Read, configure and parse every input file (or standard input, `-`); errors are reported
        and skipped."""
        self.extra_outputs()  # a bad --also, rule or option value is a usage error before any work
        try:
            rules = (
                ("--select", self.select),
                ("--ignore", self.ignore),
                ("--extend-select", self.extend_select),
            )
            for flag, value in rules:
                _option(flag, lambda given: resolve_selectors(selection(given)), value)
            self.link_options(LinkOptions())
        except ValueError as error:
            fail(str(error))
        refuse_since_on_stdin(self.since, self.files)
        if self.from_stdin:
            return self._stdin_input()
        configs = Configs(self.config_path, self.no_config)
        inputs = []
        named = input_paths(self.files, self.config_path, self.no_config, folders, self.force_exclude)
        for path, found in named:
            try:
                settings = self.settings_for(path, configs)
                configured = configs.for_file(path)
                if self.baseline_path is None and "baseline" in configured.table:
                    self.baseline_path = configured.root / configured.table["baseline"]
                source = read_source(path)
                revision = revision_at(path, self.since, settings) if self.since is not None else None
            except (ConfigError, InputError, ValueError) as error:
                if not (found and isinstance(error, InputError) and _not_a_list(path, error)):
                    self.error(str(error))
                continue
            document = read(source.text, self.keep_reading)
            if found and next(document.iter_entries(), None) is None:
                continue  # a file found among others is linted when it is a list: one with entries
            change = revision.change(source.text, document) if revision is not None else None
            inputs.append(Input(path, source, settings, document, revision, change))
        return inputs

    def _stdin_input(self) -> list[Input]:
        name = self.stdin_filename or Path("-")
        try:
            source = read_stdin(self.stdin_filename)
            configured = self.stdin_filename or Path.cwd() / "stdin.md"
            settings = self.settings_for(configured, Configs(self.config_path, self.no_config))
        except (ConfigError, InputError, ValueError) as error:
            self.error(str(error))
            return []
        return [Input(name, source, settings, read(source.text, self.keep_reading))]

    def link_results(self, inputs: Sequence[Input]) -> Mapping[str, LinkResult] | None:
        """Check the links of every input once, when asked to; None otherwise."""
        if not self.check_links or not inputs:
            return None
        with collecting():
            return check_links(inputs, self.quiet)

    def records(self, inputs: Sequence[Input]) -> Verifications | None:
        """Verify the paper entries of every input against their records, when asked to."""
        if not self.verify or not inputs:
            return None
        with collecting():
            return verify_papers(inputs, self.verify_flags(), self.quiet)

    def verify_flags(self) -> dict[str, Any]:
        """The command line's flags that `verify` takes (see verify.options.with_flags)."""
        return {
            "sources": self.sources,
            "timeout": self.timeout,
            "retries": self.retries,
            "entry_budget": self.entry_budget,
            "offline": self.offline,
            "no_cache": self.no_cache,
        }

    def error(self, message: str) -> None:
        click.echo(f"awesomelint: error: {printable(message)}", err=True)
        self.failed = True
        self.errors.append(message)

    def stream_reports(self) -> None:
        """Open the JSON and SARIF outputs before the files are linted, so that each file's findings
        are written as they are produced (`add_report`) rather than all held to the end."""
        if self.statistics or self.write_baseline is not None:
            return
        for index, (output_format, path) in enumerate(self._outputs()):
            if output_format in STREAMED:
                stream = open_output(path)
                self.sinks[index] = (sink(output_format, stream.write), stream)

    def add_report(self, report: FileReport) -> None:
        self.reports.append(report)
        if self.sinks:
            with collecting():  # json's indenting encoder leaves a reference cycle at each item
                for writer, _ in self.sinks.values():
                    writer.add(report)

    def _outputs(self) -> list[tuple[str, Path | None]]:
        return [(self.output_format, self.output), *self.extra_outputs()]

    def report(self, stream_to_stderr: bool = False) -> None:
        colored = use_color(self.color, self.output, self.output_format) and not stream_to_stderr
        gone = self.baseline.gone(report.path for report in self.reports) if self.baseline else 0
        options = ReportOptions(
            color=colored,
            fail_on=self.threshold,
            errors=tuple(self.errors),
            gone_from_baseline=gone,
            older_not_shown=self.older,
            quiet=self.quiet,
        )
        for index, (output_format, path) in enumerate(self._outputs()):
            if index in self.sinks:
                writer, stream = self.sinks.pop(index)
                writer.close(self.reports, options._replace(color=False))
                stream.write("\n")
                if stream is not sys.stdout:
                    stream.close()
            elif index > 0:
                write_report(reporter(output_format)(self.reports, options._replace(color=False)), path)
            else:
                if self.statistics:
                    rendered = statistics(self.reports, self.output_format)
                else:
                    rendered = reporter(self.output_format)(self.reports, options)
                if stream_to_stderr and self.output in (None, STDOUT):
                    click.echo(rendered, err=True)
                else:
                    write_report(rendered, self.output, colored)

    def extra_outputs(self) -> list[tuple[str, Path]]:
        """The `--also FORMAT=PATH` reports."""
        outputs = []
        for item in self.also:
            output_format, _, path = item.partition("=")
            if output_format not in FORMATS or not path:
                fail(f"--also {item}: write FORMAT=PATH, with FORMAT one of {', '.join(FORMATS)}")
            outputs.append((output_format, Path(path)))
        return outputs

    def findings(self) -> bool:
        return any(d.severity >= self.threshold for report in self.reports for d in report.diagnostics)


@dataclass
class Input:
    path: Path
    source: SourceFile
    settings: Settings
    document: Document
    revision: Revision | None = None  # with --since: the file at that revision
    change: Change | None = None  # with --since: what the change introduced

    def in_scope(self, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
        """The findings that --since asks about: those the file did not have at the revision (all
        of them without it)."""
        if self.revision is None or self.change is None:
            return list(diagnostics)
        return self.revision.new_findings(self.change, self.document, diagnostics, self.settings)


def check_links(inputs: Sequence[Input], quiet: bool = False) -> Mapping[str, LinkResult]:
    from ..links.checker import check_urls  # httpx is imported only when links are checked

    options = inputs[0].settings.links
    scopes = {id(item.document): item.change for item in inputs}

    def changed(document: Document, link: Link) -> bool:
        change = scopes[id(document)]
        return change is None or change.covers_span(link.span)

    wanted = targets((item.document for item in inputs), changed)
    show = sys.stderr.isatty() and not os.environ.get("CI") and not quiet
    results, warning = check_urls(wanted, options, _progress if show else None)
    if show:
        click.echo("\r\033[K", nl=False, err=True)
    if warning:
        click.echo(f"awesomelint: warning: {warning}", err=True)
    if not quiet:
        click.echo(_links_summary(results), err=True)
    return results


def verify_papers(inputs: Sequence[Input], flags: Mapping[str, Any], quiet: bool = False) -> Verifications:
    from ..evidence.verify_options import (  # the verify machinery is loaded only here
        verify_options,
        with_flags,
    )
    from ..verify.verifier import Progress, run_problem, verify_entries

    settings = inputs[0].settings
    try:
        options = with_flags(verify_options(settings.verify_table, settings.root), **flags)
    except ValueError as error:
        fail(str(error))
    entries = [
        entry
        for item in inputs
        for entry in item.document.iter_entries()
        if item.change is None or item.change.covers_span(entry.span)
    ]
    show = sys.stderr.isatty() and not os.environ.get("CI") and not quiet
    progress = None if quiet else Progress(_progress_line, terminal=show)
    records, tally, warning = verify_entries(entries, options, settings.venues, progress)
    if show:
        click.echo("\r\033[K", nl=False, err=True)
    if warning:
        click.echo(f"awesomelint: warning: {warning}", err=True)
    problem = run_problem(tally, options, len(records.outcomes))
    if problem is not None:
        fail(problem)  # a run that checked nothing must not read as a clean one
    if not quiet:
        click.echo(_records_summary(records, tally), err=True)
    return records


def _progress_line(text: str, terminal: bool) -> None:
    """A progress line: kept current on a terminal, one more line of the log elsewhere."""
    click.echo(f"\r\033[K{text}" if terminal else text, nl=not terminal, err=True)


def _records_summary(records: Verifications, tally: Tally) -> str:
    outcomes: Counter[str] = Counter(v.status for v in records.outcomes)
    if not outcomes:
        return "No papers to verify."
    order = ("matched", "possible", "not-found", "unavailable")
    total = sum(outcomes.values())
    line = f"Verified {total} paper{'s' if total != 1 else ''}: " + ", ".join(
        f"{outcomes[s]} {s}" for s in order if outcomes[s]
    )
    asked = ", ".join(f"{n} to {source}" for source, n in sorted(tally.requests.items()))
    line += f" ({asked or 'no requests'}; {tally.cached} answers from the cache)"
    reasons = Counter(v.reason for v in records.outcomes if v.status == "unavailable")
    rows = [line] + [f"  {n:>5}  unavailable: {reason}" for reason, n in reasons.most_common(5)]
    return "\n".join(rows)


def _progress(done: int, total: int, hosts: list[str]) -> None:
    busy = ", ".join(hosts[:3]) + (f" +{len(hosts) - 3}" if len(hosts) > 3 else "")
    click.echo(f"\r\033[Klinks {done}/{total}" + (f"  {busy}" if busy else ""), nl=False, err=True)


def _links_summary(results: Mapping[str, LinkResult]) -> str:
    if not results:
        return "No links to check."
    verdicts: Counter[str] = Counter(r.verdict for r in results.values())
    order = ("ok", "redirected", "broken", "unverifiable", "skipped")
    noun = "link" if len(results) == 1 else "links"
    line = f"Checked {len(results)} {noun}: " + ", ".join(f"{verdicts[v]} {v}" for v in order if verdicts[v])
    cached = sum(1 for r in results.values() if r.cached)
    if cached:
        line += f" ({cached} from the cache)"
    by_host: dict[str, Counter[str]] = {}
    for url, result in results.items():
        by_host.setdefault(urlsplit(url).hostname or "?", Counter())[result.verdict] += 1
    rows = [line]
    for host, counts in sorted(by_host.items(), key=lambda item: -sum(item[1].values()))[:20]:
        rows.append(
            f"  {sum(counts.values()):>5}  {host}  "
            + ", ".join(f"{counts[v]} {v}" for v in order if counts[v])
        )
    return "\n".join(rows)


def read_stdin(name: Path | None) -> SourceFile:
    """Standard input as a list; ``name`` (`--stdin-filename`) is what reports call it."""
    if sys.stdin is None:  # started with standard input closed (`<&-`)
        raise InputError("standard input is closed; give the list on standard input or name a file")
    data = sys.stdin.buffer.read(MAX_BYTES + 1)  # capped like a file: `cat /dev/zero | awesomelint -`
    if len(data) > MAX_BYTES:
        raise InputError(
            f"standard input: more than the {MAX_BYTES // 2**20} MiB an awesome list could need; "
            "check that it is the right input"
        )
    return SourceFile(path=name or Path("-"), text=decode(data, str(name or "<stdin>")), data=data)


def _not_a_list(path: Path, error: InputError) -> bool:
    """Whether a file found among others that cannot be read as UTF-8 is no list either (read as
    Latin-1, it has no entry): then it is skipped with a warning, not an error."""
    try:
        status = path.stat()
        regular = stat.S_ISREG(status.st_mode) and status.st_size <= MAX_BYTES  # never a FIFO or device
        data = path.read_bytes() if regular else b""
    except OSError:
        return False
    if not data or next(read(data.decode("latin-1")).iter_entries(), None) is not None:
        return False
    click.echo(f"awesomelint: warning: {printable(str(error))}; skipped: it is not a list", err=True)
    return True


def refuse_since_on_stdin(since: str | None, paths: Sequence[Path]) -> None:
    if since is not None and Path("-") in paths:
        fail("--since compares a file with its text at a git revision; name the file, not `-`")


def revision_at(path: Path, since: str, settings: Settings | None = None) -> Revision:
    """The file at git revision ``since``; with its ``settings``, its findings are found meanwhile."""
    from ..changes import Revision, text_at_revision  # git is asked only with --since

    return Revision.of(text_at_revision(path, since), settings)


def use_color(color: bool | None, output: Path | None, output_format: str) -> bool:
    if output_format != "text" or output not in (None, STDOUT):
        return False
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


STDOUT = Path("-")  # `-o -`, as ruff writes it


def open_output(output: Path | None) -> TextIO:
    """Where a streamed report goes: standard output, or the file (its folder made)."""
    if output is None or output == STDOUT:
        return sys.stdout
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        return output.open("w", encoding="utf-8")
    except OSError as error:
        fail(f"{output}: cannot write the report ({error.strerror})")


def write_report(rendered: str, output: Path | None, color: bool = False) -> None:
    if output is None or output == STDOUT:
        click.echo(rendered, color=color)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(rendered + "\n", encoding="utf-8")
    except OSError as error:
        fail(f"{output}: cannot write the report ({error.strerror})")
