"""`awesomelint server`."""

from __future__ import annotations

import click

EXTRA_MISSING = "awesomelint server needs the server extra: pip install 'awesomelint[server]'"


@click.command("server")
def server_command() -> None:
    """Run the language server (LSP) on standard input and output, for an editor: findings as you
    type, fixes as code actions, the list's outline and hover. Needs the `server` extra."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        click.echo(EXTRA_MISSING, err=True)
        raise SystemExit(2) from None
    from ..server import serve

    serve()
