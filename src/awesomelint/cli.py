"""The command line: ``awesomelint parse | ...``. Exit codes: 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .config import ConfigError, load_config
from .model import Document, Entry, Section
from .parse import parse
from .source import InputError, read_source


def _fail(message: str) -> NoReturn:
    click.echo(f"awesomelint: error: {message}", err=True)
    sys.exit(2)


def _input_paths(paths: Sequence[Path], config_path: Path | None, no_config: bool) -> list[Path]:
    """The files named on the command line, or the configured ``files`` when none are named."""
    if paths:
        return list(paths)
    try:
        config = load_config(Path.cwd(), config_path, no_config)
    except ConfigError as error:
        _fail(str(error))
    if not config.files:
        _fail("no files given and no `files` in the configuration; name a Markdown file")
    return [config.root / name for name in config.files]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="awesomelint")
def main() -> None:
    """Parse, lint, fix and link-check awesome lists (curated Markdown lists of papers and links)."""


config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), help="Use this configuration file."
)
no_config_option = click.option("--no-config", is_flag=True, help="Ignore configuration files.")


@main.command("parse")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
)
@config_option
@no_config_option
def parse_command(
    files: tuple[Path, ...], output_format: str, config_path: Path | None, no_config: bool
) -> None:
    """Print the typed tree (sections and entries) of each FILE."""
    documents: list[tuple[Path, Document]] = []
    for path in _input_paths(files, config_path, no_config):
        try:
            documents.append((path, parse(read_source(path).text)))
        except InputError as error:
            _fail(str(error))
    if output_format == "json":
        payload: dict[str, Any] = {
            "version": 1,
            "files": [{"path": str(path), **document.to_dict()} for path, document in documents],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for path, document in documents:
        click.echo(_outline(path, document))


def _outline(path: Path, document: Document) -> str:
    entries = sum(1 for _ in document.iter_entries())
    sections = sum(1 for _ in document.iter_sections())
    lines = [f"{path}: {entries} entries in {sections} sections"]
    lines.extend(_entry_line(entry, 1) for entry in document.entries)
    for section in document.sections:
        _section_lines(section, 1, lines)
    return "\n".join(lines)


def _section_lines(section: Section, depth: int, lines: list[str]) -> None:
    indent = "  " * depth
    lines.append(f"{indent}{'#' * section.level} {section.text}  (line {section.span.start_line})")
    lines.extend(_entry_line(entry, depth + 1) for entry in section.entries)
    for child in section.children:
        _section_lines(child, depth + 1, lines)


def _entry_line(entry: Entry, depth: int) -> str:
    number = f"{entry.number}." if entry.number is not None else "-"
    title = entry.title.text if entry.title else "(no title)"
    venue = entry.venue.name.text if entry.venue else "-"
    year = entry.year if entry.year is not None else "-"
    authors = len(entry.authors.names) if entry.authors else 0
    return (
        f"{'  ' * depth}{number} {title} | {venue} | {year} | "
        f"{authors} authors | {len(entry.links)} links  (line {entry.span.start_line})"
    )
