"""`awesomelint parse`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..read import read
from ..read.source import InputError, SourceFile, read_source

if TYPE_CHECKING:
    from ..changes import Revision

from ._options import GroupedCommand, config_option, no_config_option, since_option, stdin_filename_option
from ._session import display, fail, input_paths, read_stdin, refuse_since_on_stdin, revision_at


@click.command("parse", cls=GroupedCommand)
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
    from ..tree_output import Tree, outline, write_json_tree

    refuse_since_on_stdin(since, files)
    sources: list[tuple[SourceFile, Revision | None]] = []
    for path, _ in input_paths(files, config_path, no_config):
        try:
            source = read_stdin(stdin_filename) if path == Path("-") else read_source(path)
            sources.append((source, revision_at(source.path, since) if since is not None else None))
        except InputError as error:
            fail(str(error))

    # Every file is read (and refused) before anything is printed; each is parsed only when its
    # turn comes, and its tree written as it goes, so memory holds one file's tree at a time.
    def trees() -> Iterator[Tree]:
        for source, revision in sources:
            document = read(source.text)
            change = revision.change(source.text, document) if revision is not None else None
            yield Tree(display(source.path), document, change)

    if output_format == "json":
        write_json_tree(sys.stdout.write, trees())
        sys.stdout.write("\n")
        return
    for tree in trees():
        click.echo(outline(tree))
