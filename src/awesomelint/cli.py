"""The command line: ``awesomelint parse | ...``. Exit codes: 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar
from urllib.parse import urlsplit

import click

from .config import Config, ConfigError, load_config
from .diagnostic import Diagnostic, Severity
from .engine import Settings, all_rules, rule_by_selector, run_rules
from .links.collect import targets
from .links.options import LinkOptions, parse_accept, parse_duration
from .links.result import LinkResult
from .model import Document, Link
from .parse import parse
from .report import FORMATS, FileReport, ReportOptions, reporter
from .source import InputError, SourceFile, decode, read_source
from .version import __version__

if TYPE_CHECKING:
    from .baseline import Baseline
    from .changes import Change, Revision
    from .fixer import FixResult

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
T = TypeVar("T")


def _fail(message: str) -> NoReturn:
    click.echo(f"awesomelint: error: {printable(message)}", err=True)
    sys.exit(2)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters escaped (`\\n`, `\\x1b`): a file name with a newline must
    not start a line of its own, which GitHub Actions would run as a workflow command (`::error`)."""
    return _CONTROL.sub(lambda match: repr(match[0])[1:-1], text)


def _display(path: Path) -> str:
    """The path as the user would write it: relative to the working folder when inside it."""
    try:
        return printable(path.absolute().relative_to(Path.cwd().absolute()).as_posix())
    except ValueError:
        return printable(str(path))


def _markdown_files(folder: Path) -> list[Path]:
    """The Markdown files below ``folder``: what git would see (`.gitignore` honoured) inside a
    repository, every file otherwise; hidden folders, `node_modules` and `vendor` skipped either way."""
    found = []
    listed = _files_git_sees(folder)
    for path in listed if listed is not None else sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") or part in ("node_modules", "vendor") for part in relative):
            continue
        if path.suffix.lower() in MARKDOWN_SUFFIXES and path.is_file():
            found.append(path)
    return found


def _files_git_sees(folder: Path) -> list[Path] | None:
    """Tracked and untracked files below ``folder`` that git does not ignore; None outside git."""
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=folder,
            capture_output=True,
            check=False,
        )
    except OSError:  # no git on this machine
        return None
    if listed.returncode != 0:
        return None
    names = listed.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({folder / name for name in names if name})


def _input_paths(
    paths: Sequence[Path], config_path: Path | None, no_config: bool, folders: bool = False
) -> list[Path]:
    """The files named on the command line (folders expanded to their Markdown files when
    ``folders``), or the configured ``files`` when none are named."""
    if not paths:
        try:
            config = load_config(Path.cwd(), config_path, no_config)
        except ConfigError as error:
            _fail(str(error))
        if not config.files:
            _fail("no files given and no `files` in the configuration; name a Markdown file")
        paths = [config.root / name for name in config.files]
    expanded: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        if folders and path.is_dir():
            found = _markdown_files(path)
            if not found:
                suffixes = ", ".join(sorted(MARKDOWN_SUFFIXES))
                _fail(f"{path}: no Markdown files ({suffixes}) in this folder or below; name a file")
            expanded.extend(found)
        else:
            expanded.append(path)
    unique = []
    for path in expanded:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:  # a path given twice (or a file also found in a named folder) is linted once
            seen.add(key)
            unique.append(path)
    return unique


class _Configs:
    """The configuration of each linted file's folder (found once per folder)."""

    def __init__(self, explicit: Path | None, no_config: bool) -> None:
        self.explicit, self.no_config = explicit, no_config
        self._by_folder: dict[Path, Config] = {}

    def for_file(self, path: Path) -> Config:
        folder = path.absolute().parent  # a symbolic link is configured where it stands
        if folder not in self._by_folder:
            self._by_folder[folder] = load_config(folder, self.explicit, self.no_config)
        return self._by_folder[folder]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="awesomelint")
def main() -> None:
    """Parse, lint, fix and link-check awesome lists (curated Markdown lists of papers and links)."""


config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), help="Use this configuration file."
)
no_config_option = click.option("--no-config", is_flag=True, help="Ignore configuration files.")
stdin_filename_option = click.option(
    "--stdin-filename",
    type=click.Path(path_type=Path),
    help="With `-` as the file: the name to report and to find the configuration by.",
)
since_option = click.option(
    "--since",
    metavar="REF",
    help="Judge only what changed since git revision REF: new or edited entries, touched lines.",
)


def _selection(value: str | None) -> list[str]:
    return [part for part in (value or "").replace(" ", ",").split(",") if part]


def lint_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that `check` and `fix` share."""
    options = [
        click.argument("files", nargs=-1, type=click.Path(path_type=Path)),
        click.option(
            "--select",
            help="Rules to run: codes, prefixes (AL3) or names, comma-separated; replaces the config.",
        ),
        click.option("--ignore", help="Rules to skip, added to the configuration's `ignore`."),
        click.option("--extend-select", help="Rules to run besides the selected ones."),
        click.option(
            "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True
        ),
        click.option(
            "--output", "-o", type=click.Path(path_type=Path), help="Write the report to this file."
        ),
        click.option(
            "--also",
            multiple=True,
            metavar="FORMAT=PATH",
            help="Also write the report in another format to a file, from the same run (repeatable).",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(["error", "warning", "info"]),
            help="Lowest severity that makes the exit code 1 (default: warning, or the configuration's).",
        ),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings."),
        click.option(
            "--color/--no-color", default=None, help="Colour the text report (default: on a terminal)."
        ),
        click.option("--unsafe-fixes", is_flag=True, help="With fixing: apply unsafe fixes too."),
        since_option,
        stdin_filename_option,
        click.option(
            "--baseline",
            "baseline_path",
            type=click.Path(path_type=Path),
            help="Report only findings not recorded in this baseline (also the `baseline` config key).",
        ),
        click.option(
            "--write-baseline",
            type=click.Path(path_type=Path),
            help="Record today's findings in this file and exit 0, for --baseline to leave out.",
        ),
        config_option,
        no_config_option,
        *_LINK_FLAGS,
    ]
    for option in reversed(options):
        command = option(command)
    return command


_LINK_FLAGS = [
    click.option(
        "--links", "check_links", is_flag=True, help="Also check every external link (AL511-AL514)."
    ),
    click.option(
        "--concurrency", type=click.IntRange(min=1), help="Requests in flight at once (default 64)."
    ),
    click.option(
        "--per-host", type=click.IntRange(min=1), help="Requests in flight at once to one host (default 4)."
    ),
    click.option("--interval", help="Time between request starts to one host, e.g. 100ms (default)."),
    click.option("--timeout", help="Time for a whole request, e.g. 20s (default)."),
    click.option(
        "--retries", type=click.IntRange(min=0), help="Retries after 5xx, 408, 429, timeouts (default 3)."
    ),
    click.option("--accept", help="Statuses that count as working, e.g. 200-299,403 (default 200-299)."),
    click.option("--exclude", multiple=True, help="Regular expression of URLs not to check (repeatable)."),
    click.option("--include-only", multiple=True, help="Check only URLs matching this (repeatable)."),
    click.option(
        "--allow-private", is_flag=True, default=None, help="Fetch private and loopback addresses too."
    ),
    click.option("--strict", is_flag=True, default=None, help="Unverifiable links fail the run."),
    click.option("--offline", is_flag=True, default=None, help="Collect and report links; fetch nothing."),
    click.option(
        "--cache", "cache_path", type=click.Path(path_type=Path), help="Cache file of link successes."
    ),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the link cache."),
    click.option("--max-age", help="How long a cached success stays valid, e.g. 12h (default 1d)."),
    click.option("--user-agent", help="The User-Agent header to send."),
    click.option("--ca-file", type=click.Path(exists=True, dir_okay=False), help="Extra trusted CAs (PEM)."),
]


def _option(name: str, convert: Callable[[str], T], value: str | None) -> T | None:
    """``convert(value)``, or ValueError naming the option and what is wrong with its value."""
    if not value:
        return None
    try:
        return convert(value)
    except ValueError as error:
        raise ValueError(f"{name} {value}: {error}") from None


def _patterns(name: str, values: Sequence[str]) -> tuple[str, ...]:
    for value in values:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"{name} {value}: not a valid regular expression ({error})") from None
    return tuple(values)


@dataclass
class _Run:
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
    cache_path: Path | None = None
    no_cache: bool = False
    max_age: str | None = None
    user_agent: str | None = None
    ca_file: str | None = None
    reports: list[FileReport] = field(default_factory=list)
    failed: bool = False
    errors: int = 0
    threshold: Severity = Severity.WARNING
    baseline_keys: list[tuple[str, str, str, str]] = field(default_factory=list)
    baseline: Baseline | None = None

    def in_scope(self, item: _Input, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
        """The findings this run asks about: in the change (--since), not in the baseline."""
        from . import baseline

        found = item.in_scope(diagnostics)
        if self.write_baseline is None and self.baseline_path is None:
            return found
        name = _display(item.path)
        keys = baseline.keys(name, item.source.text, item.document, found)
        if self.write_baseline is not None:
            self.baseline_keys.extend(keys)
            return found
        if self.baseline is None:
            self.baseline = baseline.Baseline.read(self.baseline_path or Path())
        return self.baseline.take(list(zip(keys, found, strict=True)))

    def settings_for(self, path: Path, configs: _Configs) -> Settings:
        settings = Settings.from_config(
            configs.for_file(path),
            select=_selection(self.select) if self.select is not None else None,
            ignore=_selection(self.ignore),
            extend_select=_selection(self.extend_select),
        )
        settings.links = self.link_options(settings.links)
        if settings.links.strict:
            settings.severity = {**settings.severity, "AL513": Severity.ERROR}
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
        return replace(options, cache=None) if self.no_cache else options

    @property
    def from_stdin(self) -> bool:
        return self.files == (Path("-"),)

    def lint_inputs(self, folders: bool = True) -> list[_Input]:
        """Read, configure and parse every input file (or standard input, `-`); errors are reported
        and skipped."""
        self.extra_outputs()  # a bad --also or option value is a usage error before any work
        try:
            self.link_options(LinkOptions())
        except ValueError as error:
            _fail(str(error))
        if self.from_stdin:
            return self._stdin_input()
        configs = _Configs(self.config_path, self.no_config)
        inputs = []
        for path in _input_paths(self.files, self.config_path, self.no_config, folders=folders):
            try:
                settings = self.settings_for(path, configs)
                configured = configs.for_file(path)
                if self.baseline_path is None and "baseline" in configured.table:
                    self.baseline_path = configured.root / configured.table["baseline"]
                source = read_source(path)
                revision = _revision(path, self.since) if self.since is not None else None
            except (ConfigError, InputError, ValueError) as error:
                self.error(str(error))
                continue
            document = parse(source.text)
            change = revision.change(source.text, document) if revision is not None else None
            inputs.append(_Input(path, source, settings, document, revision, change))
        return inputs

    def _stdin_input(self) -> list[_Input]:
        name = self.stdin_filename or Path("-")
        try:
            source = _read_stdin(self.stdin_filename)
            configured = self.stdin_filename or Path.cwd() / "stdin.md"
            settings = self.settings_for(configured, _Configs(self.config_path, self.no_config))
        except (ConfigError, InputError, ValueError) as error:
            self.error(str(error))
            return []
        return [_Input(name, source, settings, parse(source.text))]

    def link_results(self, inputs: Sequence[_Input]) -> Mapping[str, LinkResult] | None:
        """Check the links of every input once, when asked to; None otherwise."""
        if not self.check_links or not inputs:
            return None
        return _check_links(inputs)

    def error(self, message: str) -> None:
        click.echo(f"awesomelint: error: {printable(message)}", err=True)
        self.failed = True
        self.errors += 1

    def report(self, stream_to_stderr: bool = False) -> None:
        use_color = _use_color(self.color, self.output, self.output_format) and not stream_to_stderr
        gone = self.baseline.gone(report.path for report in self.reports) if self.baseline else 0
        options = ReportOptions(
            color=use_color, fail_on=self.threshold, errors=self.errors, gone_from_baseline=gone
        )
        rendered = reporter(self.output_format)(self.reports, options)
        if stream_to_stderr and self.output is None:
            click.echo(rendered, err=True)
        else:
            _write(rendered, self.output, use_color)
        for output_format, path in self.extra_outputs():
            _write(reporter(output_format)(self.reports, replace(options, color=False)), path)

    def extra_outputs(self) -> list[tuple[str, Path]]:
        """The `--also FORMAT=PATH` reports."""
        outputs = []
        for item in self.also:
            output_format, _, path = item.partition("=")
            if output_format not in FORMATS or not path:
                _fail(f"--also {item}: write FORMAT=PATH, with FORMAT one of {', '.join(FORMATS)}")
            outputs.append((output_format, Path(path)))
        return outputs

    def findings(self) -> bool:
        return any(d.severity >= self.threshold for report in self.reports for d in report.diagnostics)


@main.command("check")
@lint_options
@click.option(
    "--fix", "apply_fixes", is_flag=True, help="Fix what can be fixed (the same as `awesomelint fix`)."
)
@click.pass_context
def check_command(context: click.Context, /, apply_fixes: bool, **options: Any) -> None:
    """Lint each FILE (or the Markdown files in a folder) and report what is inconsistent or broken.

    Exit codes: 0 no finding at or above the failing severity, 1 findings, 2 errors."""
    if apply_fixes:
        context.invoke(fix_command, **options)
        return
    _lint(_Run(**options))


def _lint(run: _Run) -> NoReturn:
    inputs = run.lint_inputs()
    links = run.link_results(inputs)
    for item in inputs:
        diagnostics = run.in_scope(item, run_rules(item.document, item.settings, links))
        run.reports.append(FileReport(_display(item.path), item.source.text, diagnostics))
    if run.write_baseline is not None:
        from .baseline import write

        write(run.write_baseline, run.baseline_keys)
        click.echo(f"Wrote {len(run.baseline_keys)} findings to {_display(run.write_baseline)}.", err=True)
        sys.exit(2 if run.failed else 0)
    run.report()
    if run.failed:
        sys.exit(2)
    sys.exit(1 if run.findings() and not run.exit_zero else 0)


@main.command("links")
@lint_options
def links_command(**options: Any) -> None:
    """Check every external link of each FILE: broken (AL511), moved (AL512), unverifiable (AL513),
    or opening another paper than the entry's (AL514).

    Only the link rules run unless --select names others. Unverifiable links (bot walls, rate limits,
    timeouts) are reported apart and fail the run only with --strict."""
    options["check_links"] = True
    if options.get("select") is None:
        options["select"] = "AL511,AL512,AL513,AL514"
    _lint(_Run(**options))


@main.command("fix")
@lint_options
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if anything would change.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when a file was changed (for pre-commit).")
def fix_command(
    show_diff: bool = False, check_only: bool = False, exit_non_zero_on_fix: bool = False, **options: Any
) -> None:
    """Fix what can be fixed in each FILE, in place, and report what remains for a person.

    Safe fixes by default; --unsafe-fixes adds the rest. `-` reads standard input and writes the fixed
    text to standard output (the report then goes to standard error). Before anything is written the
    result is re-parsed and compared with the input: the same entries with the same titles, authors and
    links; otherwise nothing is written and the exit code is 2."""
    from .fixer import FixError, fix_text, write_fixed

    run = _Run(**options)
    changed = False
    from_stdin = run.from_stdin
    inputs = run.lint_inputs()
    links = run.link_results(inputs)
    for item in inputs:
        path, source = item.path, item.source
        name = _display(path)
        try:
            scope = _fix_scope(item.revision) if item.revision is not None else None
            result = fix_text(source.text, item.settings, run.unsafe_fixes, links, item.document, scope)
        except FixError as error:
            run.error(f"{name}: {error}")
            continue
        if show_diff:
            click.echo(_diff(name, result), nl=False)
        elif check_only:
            pass  # nothing is written, and the report below speaks of the file as it is
        elif from_stdin:
            sys.stdout.write(result.text)
            sys.stdout.flush()
        elif result.changed:
            try:
                write_fixed(source, result.text)
            except InputError as error:
                run.error(str(error))
                continue
        changed |= result.changed
        if check_only:  # positions in the file as it is on disk, not as it would be
            found = run.in_scope(item, run_rules(item.document, item.settings, links))
            run.reports.append(FileReport(name, source.text, found))
        else:
            run.reports.append(FileReport(name, result.text, result.remaining))
        _tell_fixed(name, result, written=not (show_diff or check_only))
    if not show_diff:
        run.report(stream_to_stderr=from_stdin)
    if run.failed:
        sys.exit(2)
    if show_diff or check_only:
        sys.exit(1 if changed else 0)  # what would change, not what a person must still fix
    if exit_non_zero_on_fix and changed:
        sys.exit(1)
    sys.exit(1 if run.findings() and not run.exit_zero else 0)


@dataclass
class _Input:
    path: Path
    source: SourceFile
    settings: Settings
    document: Document
    revision: Revision | None = None  # with --since: the file at that revision
    change: Change | None = None  # with --since: what the change introduced

    def in_scope(self, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
        """The findings that --since asks about (all of them without it)."""
        change = self.change
        return list(diagnostics) if change is None else [d for d in diagnostics if change.covers(d)]


def _check_links(inputs: Sequence[_Input]) -> Mapping[str, LinkResult]:
    from .links.checker import check_urls  # httpx is imported only when links are checked

    options = inputs[0].settings.links
    scopes = {id(item.document): item.change for item in inputs}

    def changed(document: Document, link: Link) -> bool:
        change = scopes[id(document)]
        return change is None or change.covers_span(link.span)

    wanted = targets((item.document for item in inputs), changed)
    show = sys.stderr.isatty() and not os.environ.get("CI")
    results, warning = check_urls(wanted, options, _progress if show else None)
    if show:
        click.echo("\r\033[K", nl=False, err=True)
    if warning:
        click.echo(f"awesomelint: warning: {warning}", err=True)
    click.echo(_links_summary(results), err=True)
    return results


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


def _read_stdin(name: Path | None) -> SourceFile:
    """Standard input as a list; ``name`` (`--stdin-filename`) is what reports call it."""
    data = sys.stdin.buffer.read()
    return SourceFile(path=name or Path("-"), text=decode(data, str(name or "<stdin>")), data=data)


def _revision(path: Path, since: str) -> Revision:
    from .changes import Revision, text_at_revision  # git is asked only with --since

    return Revision.of(text_at_revision(path, since))


def _fix_scope(revision: Revision) -> Callable[[str, Document], Callable[[Diagnostic], bool]]:
    """For `fix --since`: each pass fixes only what is in the change, as that pass's text has it."""
    return lambda text, document: revision.change(text, document).covers


def _diff(name: str, result: FixResult) -> str:
    import difflib  # only `fix --diff` needs it: not imported at every start

    return "".join(
        difflib.unified_diff(
            result.original.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
    )


def _tell_fixed(name: str, result: FixResult, written: bool) -> None:
    if not result.fixed:
        return
    total = sum(result.fixed.values())
    counts = ", ".join(f"{code} x{count}" for code, count in sorted(result.fixed.items()))
    verb = "fixed" if written else "would fix"
    click.echo(f"{name}: {verb} {total} finding{'s' if total != 1 else ''} ({counts})", err=True)


def _use_color(color: bool | None, output: Path | None, output_format: str) -> bool:
    if output_format != "text" or output is not None:
        return False
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _write(rendered: str, output: Path | None, color: bool = False) -> None:
    if output is None:
        click.echo(rendered, color=color)
        return
    try:
        output.write_text(rendered + "\n", encoding="utf-8")
    except OSError as error:
        _fail(f"{output}: cannot write the report ({error.strerror})")


@main.command("rule")
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    help="Format of --all.",
)
def rule_command(code: str | None, show_all: bool, output_format: str) -> None:
    """Print the documentation of rule CODE (a code or a name), or list every rule with --all."""
    from .docs import rule_doc, rule_table

    if (show_all or code is None) and output_format == "markdown":
        click.echo(rule_table())
        return
    if show_all or code is None:
        rows = sorted(all_rules(), key=lambda r: r.code)
        click.echo(f"{'code':<6}  {'name':<20}  {'severity':<8}  {'fix':<6}  summary")
        for r in rows:
            click.echo(f"{r.code:<6}  {r.name:<20}  {r.severity.label:<8}  {r.fix.value:<6}  {r.summary}")
        return
    found = rule_by_selector(code)
    if found is None:
        _fail(f"unknown rule `{code}`; `awesomelint rule --all` lists them")
    click.echo(rule_doc(found).rstrip("\n"))


@main.command("parse")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
)
@since_option
@stdin_filename_option
@config_option
@no_config_option
def parse_command(
    files: tuple[Path, ...],
    output_format: str,
    since: str | None,
    stdin_filename: Path | None,
    config_path: Path | None,
    no_config: bool,
) -> None:
    """Print the typed tree (sections and entries) of each FILE; with --since, each entry says
    whether the change since REF added or edited it."""
    from .tree_output import Tree, outline, write_json_tree

    sources: list[tuple[SourceFile, Revision | None]] = []
    for path in _input_paths(files, config_path, no_config):
        try:
            source = _read_stdin(stdin_filename) if path == Path("-") else read_source(path)
            sources.append((source, _revision(source.path, since) if since is not None else None))
        except InputError as error:
            _fail(str(error))

    # Every file is read (and refused) before anything is printed; each is parsed only when its
    # turn comes, and its tree written as it goes, so memory holds one file's tree at a time.
    def trees() -> Iterator[Tree]:
        for source, revision in sources:
            document = parse(source.text)
            change = revision.change(source.text, document) if revision is not None else None
            yield Tree(_display(source.path), document, change)

    if output_format == "json":
        write_json_tree(sys.stdout.write, trees())
        sys.stdout.write("\n")
        return
    for tree in trees():
        click.echo(outline(tree))


def run() -> None:
    """The console entry point: `main`, with an unexpected failure reported in one line (exit 2)
    instead of a traceback. AWESOMELINT_DEBUG=1 shows the traceback."""
    try:
        code = main.main(prog_name="awesomelint", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):  # click turns Ctrl-C into Abort
        click.echo("awesomelint: interrupted", err=True)
        sys.exit(130)  # 128 + SIGINT, as shells report it
    except click.ClickException as error:  # a usage error: click's own one-line message
        error.show()
        sys.exit(error.exit_code)
    except Exception as error:
        if os.environ.get("AWESOMELINT_DEBUG"):
            raise
        click.echo(
            f"awesomelint: internal error: {type(error).__name__}: {error}. "
            "Please report it with the file that caused it (AWESOMELINT_DEBUG=1 shows the traceback).",
            err=True,
        )
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)  # `--help` and `--version` return 0
