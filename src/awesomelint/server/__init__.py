"""`awesomelint server`: a language server (LSP over standard input and output, on pygls) that gives
an editor the findings of the lists it opens, their fixes as code actions, and the list's outline.
An optional extra (`awesomelint[server]`): the command line never imports this package."""

from __future__ import annotations


def serve() -> None:
    from ._server import serve as run

    run()
