"""The flags that several commands share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ..report import FORMATS

config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), help="Use this configuration file."
)

no_config_option = click.option("--no-config", is_flag=True, help="Ignore configuration files.")

stdin_filename_option = click.option(
    "--stdin-filename",
    type=click.Path(path_type=Path),
    help="With `-` as the file: the name to report and to find the configuration by.",
)


def _revision(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """A git revision, never something git would read as an option (`--upload-pack=...`)."""
    if value is not None and (not value.strip() or value.startswith("-")):
        raise click.BadParameter(f"`{value}` is not a git revision; give a branch, tag or commit")
    return value


since_option = click.option(
    "--since",
    metavar="REF",
    callback=_revision,
    help="Judge only what changed since git revision REF: new or edited entries, touched lines.",
)


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
        click.option(
            "--verify",
            is_flag=True,
            help="Also check each paper against its bibliographic record (AL801-AL806; network).",
        ),
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
    click.option(
        "--offline",
        is_flag=True,
        default=None,
        help="Fetch nothing: links are listed unchecked, papers verified from the cache alone.",
    ),
    click.option(
        "--cache", "cache_path", type=click.Path(path_type=Path), help="Cache file of link successes."
    ),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the link cache."),
    click.option("--max-age", help="How long a cached success stays valid, e.g. 12h (default 1d)."),
    click.option("--user-agent", help="The User-Agent header to send."),
    click.option("--ca-file", type=click.Path(exists=True, dir_okay=False), help="Extra trusted CAs (PEM)."),
]
