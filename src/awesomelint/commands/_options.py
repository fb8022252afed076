"""The flags that several commands share, in groups (selection, output, fixing, scope, configuration,
links, verify): each command takes the groups it uses, and its `--help` lists them under their
headings, as ruff's does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..report import FORMATS

Decorator = Callable[[Any], Any]


class GroupedOption(click.Option):
    """An option that `--help` lists under a heading."""

    def __init__(self, *args: Any, group: str = "Options", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group


class GroupedCommand(click.Command):
    """A command whose `--help` lists its options under their groups' headings, in the order the
    groups first appear."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        groups: dict[str, list[tuple[str, str]]] = {}
        for parameter in self.get_params(ctx):
            record = parameter.get_help_record(ctx) if isinstance(parameter, click.Option) else None
            if record is not None:
                groups.setdefault(getattr(parameter, "group", "Options"), []).append(record)
        for heading, records in groups.items():
            with formatter.section(heading):
                formatter.write_dl(records)


def option(*names: str, group: str, **kwargs: Any) -> Decorator:
    return click.option(*names, cls=GroupedOption, group=group, **kwargs)


def _joined(context: click.Context, parameter: click.Parameter, value: Sequence[str]) -> str | None:
    """A repeated selection flag accumulates (`--select AL1 --select AL3` is `AL1,AL3`), as ruff's."""
    return ",".join(value) if value else None


def _revision(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """A git revision, never something git would read as an option (`--upload-pack=...`)."""
    if value is not None and (not value.strip() or value.startswith("-")):
        raise click.BadParameter(f"`{value}` is not a git revision; give a branch, tag or commit")
    return value


_SELECTION, _OUTPUT, _FIXING, _SCOPE = "Rule selection", "Output", "Fixing", "Scope"
_CONFIGURATION, _LINKS, _VERIFY = "Configuration", "Link checking", "Paper verification"

config_option = option(
    "--config",
    "config_path",
    group=_CONFIGURATION,
    type=click.Path(path_type=Path),
    help="Use this configuration file (`.awesomelint.toml`, or a table `[tool.awesomelint]`).",
)
no_config_option = option(
    "--no-config", group=_CONFIGURATION, is_flag=True, help="Ignore configuration files."
)
stdin_filename_option = option(
    "--stdin-filename",
    group=_CONFIGURATION,
    type=click.Path(path_type=Path),
    help="With `-` as the file: the name to report and to find the configuration by.",
)
since_option = option(
    "--since",
    group=_SCOPE,
    metavar="REF",
    callback=_revision,
    help="Report only findings that are new since git revision REF.",
)

_FILES = [click.argument("files", nargs=-1, type=click.Path(path_type=Path))]
_SELECTION_OPTIONS = [
    option(
        "--select",
        group=_SELECTION,
        multiple=True,
        callback=_joined,
        help="Rules to run (codes, prefixes such as AL3, names; comma-separated or repeated), "
        "instead of the configuration's.",
    ),
    option(
        "--ignore",
        group=_SELECTION,
        multiple=True,
        callback=_joined,
        help="Rules to skip, added to the configuration's `ignore`.",
    ),
    option(
        "--extend-select",
        group=_SELECTION,
        multiple=True,
        callback=_joined,
        help="Rules to run besides the selected ones.",
    ),
    option(
        "--fail-on",
        group=_SELECTION,
        type=click.Choice(["error", "warning", "info"]),
        help="Lowest severity that makes the exit code 1 (default: warning, or the configuration's).",
    ),
    option("--exit-zero", group=_SELECTION, is_flag=True, help="Exit 0 even when there are findings."),
]
_OUTPUT_OPTIONS = [
    option(
        "--format",
        "--output-format",
        "output_format",
        group=_OUTPUT,
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
    ),
    option(
        "--output",
        "-o",
        group=_OUTPUT,
        type=click.Path(path_type=Path),
        help="Write the report to this file (`-`: standard output); its folder is created.",
    ),
    option(
        "--also",
        group=_OUTPUT,
        multiple=True,
        metavar="FORMAT=PATH",
        help="Also write the report in another format to a file, from the same run (repeatable).",
    ),
    option("--statistics", group=_OUTPUT, is_flag=True, help="Count the findings of each rule; list none."),
    option("-q", "--quiet", group=_OUTPUT, is_flag=True, help="The findings only: no summary, no progress."),
    option(
        "--color/--no-color",
        group=_OUTPUT,
        default=None,
        help="Colour the text report (default: on a terminal).",
    ),
]
_UNSAFE = option("--unsafe-fixes", group=_FIXING, is_flag=True, help="Apply unsafe fixes too.")
_DIFF = option(
    "--diff",
    "show_diff",
    group=_FIXING,
    is_flag=True,
    help="Print a unified diff of the fixes; write nothing.",
)
_SCOPE_OPTIONS = [
    since_option,
    option(
        "--baseline",
        "baseline_path",
        group=_SCOPE,
        type=click.Path(path_type=Path),
        help="Report only findings not recorded in this baseline (also the `baseline` config key).",
    ),
    option(
        "--write-baseline",
        group=_SCOPE,
        type=click.Path(path_type=Path),
        help="Record today's findings in this file and exit 0, for --baseline to leave out.",
    ),
]
_CONFIGURATION_OPTIONS = [
    config_option,
    no_config_option,
    stdin_filename_option,
    option(
        "--force-exclude",
        group=_CONFIGURATION,
        is_flag=True,
        help="Named files too are left out when excluded or not lists (the pre-commit hooks pass it).",
    ),
]
_OFFLINE = option(
    "--offline",
    group=_LINKS,
    is_flag=True,
    default=None,
    help="Fetch nothing: links are listed unchecked, papers verified from the cache alone.",
)
_LINK_OPTIONS = [
    option(
        "--concurrency",
        group=_LINKS,
        type=click.IntRange(min=1),
        help="Requests in flight at once (default 64).",
    ),
    option(
        "--per-host",
        group=_LINKS,
        type=click.IntRange(min=1),
        help="Requests in flight to one host (default 4).",
    ),
    option("--interval", group=_LINKS, help="Time between request starts to one host, e.g. 100ms (default)."),
    option("--timeout", group=_LINKS, help="Time for a whole request, e.g. 20s (default)."),
    option(
        "--retries",
        group=_LINKS,
        type=click.IntRange(min=0),
        help="Further attempts after 5xx, 408, 429, timeouts (default 3).",
    ),
    option(
        "--accept", group=_LINKS, help="Statuses that count as working, e.g. 200-299,403 (default 200-299)."
    ),
    option(
        "--exclude", group=_LINKS, multiple=True, help="Regular expression of URLs not to check (repeatable)."
    ),
    option("--include-only", group=_LINKS, multiple=True, help="Check only URLs matching this (repeatable)."),
    option(
        "--allow-private",
        group=_LINKS,
        is_flag=True,
        default=None,
        help="Fetch private and loopback addresses too.",
    ),
    option("--strict", group=_LINKS, is_flag=True, default=None, help="Unverifiable links fail the run."),
    _OFFLINE,
    option(
        "--cache",
        "cache_path",
        group=_LINKS,
        type=click.Path(path_type=Path),
        help="Cache file of link successes.",
    ),
    option("--no-cache", group=_LINKS, is_flag=True, help="Neither read nor write the link cache."),
    option("--max-age", group=_LINKS, help="How long a cached success stays valid, e.g. 12h (default 1d)."),
    option("--user-agent", group=_LINKS, help="The User-Agent header to send."),
    option(
        "--ca-file",
        group=_LINKS,
        type=click.Path(exists=True, dir_okay=False),
        help="Extra trusted CAs (PEM).",
    ),
]
_CHECK_LINKS = option(
    "--links", "check_links", group=_LINKS, is_flag=True, help="Also check every external link (AL511-AL514)."
)
_VERIFY_FLAG = option(
    "--verify",
    group=_VERIFY,
    is_flag=True,
    help="Also check each paper against its bibliographic record (AL801-AL806; network).",
)


def _apply(command: Callable[..., Any], options: Sequence[Decorator]) -> Callable[..., Any]:
    for decorate in reversed(options):
        command = decorate(command)
    return command


_COMMON = [*_FILES, *_SELECTION_OPTIONS, *_OUTPUT_OPTIONS]


def check_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`check`: everything, fixing included (`check --fix` is `fix`)."""
    fixing = [
        option("--fix", "apply_fixes", group=_FIXING, is_flag=True, help="Fix what can be fixed (as `fix`)."),
        _UNSAFE,
        _DIFF,
    ]
    scope = [*_SCOPE_OPTIONS, *_CONFIGURATION_OPTIONS]
    return _apply(command, [*_COMMON, *fixing, *scope, _CHECK_LINKS, *_LINK_OPTIONS, _VERIFY_FLAG])


def fix_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`fix`: what `check` has, with fix's own flags."""
    fixing = [
        _UNSAFE,
        _DIFF,
        option(
            "--check",
            "check_only",
            group=_FIXING,
            is_flag=True,
            help="Write nothing; exit 1 if anything would change.",
        ),
        option(
            "--exit-non-zero-on-fix",
            group=_FIXING,
            is_flag=True,
            help="Exit 1 when a file was changed (for pre-commit).",
        ),
    ]
    scope = [*_SCOPE_OPTIONS, *_CONFIGURATION_OPTIONS]
    return _apply(command, [*_COMMON, *fixing, *scope, _CHECK_LINKS, *_LINK_OPTIONS, _VERIFY_FLAG])


def links_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`links`: no fixing, no verifying."""
    return _apply(command, [*_COMMON, *_SCOPE_OPTIONS, *_CONFIGURATION_OPTIONS, *_LINK_OPTIONS])


def verify_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`verify`: no fixing, no link checking; --offline answers from the record cache."""
    verifying = [
        option("--sources", group=_VERIFY, help="Sources to search, in order (dblp,semanticscholar)."),
        option("--timeout", group=_VERIFY, help="Time for a whole request, e.g. 20s (default)."),
        option(
            "--retries", group=_VERIFY, type=click.IntRange(min=0),
            help="Further attempts after 5xx, 429, timeouts (default 3).",
        ),
        option("--entry-budget", group=_VERIFY, help="Time one paper's own requests may take (default 2m)."),
        option("--strict", group=_VERIFY, is_flag=True, default=None, help="Unchecked papers fail the run."),
        option("--offline", group=_VERIFY, is_flag=True, default=None, help="Answer from the cache only."),
        option("--no-cache", group=_VERIFY, is_flag=True, help="Neither read nor write the record cache."),
    ]  # fmt: skip
    return _apply(command, [*_COMMON, *_SCOPE_OPTIONS, *_CONFIGURATION_OPTIONS, *verifying])
