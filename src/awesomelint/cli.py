"""The console entry point (`awesomelint`): the command group of `commands`, with an unexpected failure
reported in one line instead of a traceback."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from .commands import main
from .commands._collector import tune_garbage_collector
from .commands._session import use_color

__all__ = ["main", "run", "tune_garbage_collector", "use_color"]


def run() -> NoReturn:
    """The console entry point: `main`, with an unexpected failure reported in one line (exit 2)
    instead of a traceback. AWESOMELINT_DEBUG=1 shows the traceback."""
    tune_garbage_collector()
    # A standard stream the shell closed (`>&-`, `2>&-`) is None in Python: what would go there is
    # dropped, as it would be on a closed terminal, and the exit code still tells the result.
    sys.stdout = sys.stdout or open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open until exit
    sys.stderr = sys.stderr or open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    try:
        _run()
    except SystemExit as leaving:  # every way out but a debug traceback
        _leave(leaving.code)


def _leave(code: object) -> NoReturn:
    """Exit without tearing the interpreter down, as mypy does: freeing a parsed list's objects one
    by one takes half a second at 20,000 entries, and there is nothing left to clean up (every file
    is closed where it is written). The standard streams are flushed first."""
    if code is None or isinstance(code, int):
        status = code or 0
    else:  # `sys.exit("message")`: printed, as Python itself would
        click.echo(code, err=True)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away (`awesomelint check | head`)
            status = status or 1
    os._exit(status)


def _run() -> NoReturn:
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
