"""The command line: one module per command (`check` with `links` and `verify`, `fix`, `add`,
`parse`, `rule`) over a small shared core (`_session`: inputs, configuration, --since, the
baseline, reports; `_options`: the flags commands share). Exit codes: 0 clean, 1 findings,
2 errors, 130 interrupted."""

from __future__ import annotations

import click

from ..version import __version__
from .add import add_command
from .check import check_command, links_command, verify_command
from .fix import fix_command
from .parse import parse_command
from .rule import rule_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="awesomelint")
def main() -> None:
    """Parse, lint, fix and link-check awesome lists (curated Markdown lists of papers and links)."""


for _command in (
    check_command,
    links_command,
    verify_command,
    fix_command,
    add_command,
    parse_command,
    rule_command,
):
    main.add_command(_command)
