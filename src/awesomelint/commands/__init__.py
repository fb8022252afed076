"""The command line: one module per command (`check` with `links` and `verify`, `fix`, `add`,
`export`, `parse`, `rule`, `server`) over a small shared core (`_session`: inputs, configuration, --since, the
baseline, reports; `_options`: the flags commands share). Exit codes: 0 clean, 1 findings,
2 errors, 130 interrupted."""

from __future__ import annotations

import importlib

import click

from ..version import __version__

# name -> (module, function): a command's module is imported when it is run or listed, so that
# `check` in a pre-commit hook does not build the options of every other command at each start.
_COMMANDS = {
    "add": ("add", "add_command"),
    "check": ("check", "check_command"),
    "export": ("export", "export_command"),
    "fix": ("fix", "fix_command"),
    "links": ("check", "links_command"),
    "parse": ("parse", "parse_command"),
    "rule": ("rule", "rule_command"),
    "server": ("server", "server_command"),
    "verify": ("check", "verify_command"),
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = _COMMANDS.get(cmd_name)
        if found is None:
            return None
        command = getattr(importlib.import_module(f"{__name__}.{found[0]}"), found[1])
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="awesomelint")
def main() -> None:
    """Parse, lint, fix and link-check awesome lists (curated Markdown lists of papers and links)."""
