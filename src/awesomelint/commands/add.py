"""`awesomelint add`."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import ConfigError, load_config
from ..engine import Settings
from ..model import Entry
from ..read import read
from ..read.source import InputError, read_source
from ..style import infer_style
from ._options import config_option, no_config_option
from ._session import display, fail

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..evidence.matching import Wanted
    from ..evidence.records import Record
    from ..model import Document, Section
    from ..style import Style
    from ..verify.add import Shape
    from ..verify.verifier import Identifiers

_ARXIV = re.compile(r"^(?:arxiv:\s*)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.I)
_DOI = re.compile(r"^(?:doi:\s*)?(10\.\d{4,9}/\S+)$", re.I)


@click.command("add")
@click.argument("paper")
@click.option("--section", help="The section to add to: its title, or a path such as `Additive/LLM/Adapter`.")
@click.option(
    "--file",
    "file_path",
    type=click.Path(path_type=Path),
    help="The list (default: the configured file, else README.md).",
)
@click.option("--dry-run", is_flag=True, help="Print the entry and where it would go; write nothing.")
@click.option("--offline", is_flag=True, help="Look the paper up in the record cache only.")
@config_option
@no_config_option
def add_command(
    paper: str,
    section: str | None,
    file_path: Path | None,
    dry_run: bool,
    offline: bool,
    config_path: Path | None,
    no_config: bool,
) -> None:
    """Add PAPER (an arXiv id, a DOI, an arXiv, DOI or ACL Anthology URL, or a title) to the list,
    written as the list writes its papers and placed where the list would place it.

    The record is fetched as `verify` fetches it (DBLP first; the published version over the preprint).
    Exit codes: 0 added (or shown, with --dry-run), 1 not added (already listed, or no sure record),
    2 errors."""
    from dataclasses import replace

    from ..evidence.verify_options import verify_options
    from ..fixer import write_fixed  # loaded by the commands that write only
    from ..verify.add import AddError, already_listed, find_section, ranked_shapes
    from ..verify.verifier import look_up

    try:
        # The list's own configuration: found from --file's folder, as `check` finds a file's.
        folder = file_path.absolute().parent if file_path is not None else Path.cwd()
        config = load_config(folder, config_path, no_config)
        settings = Settings.from_config(config)
        options = verify_options(settings.verify_table, settings.root)
    except (ConfigError, ValueError) as error:
        fail(str(error))
    path = file_path or (config.root / config.files[0] if config.files else Path("README.md"))
    try:
        source = read_source(path)
    except InputError as error:
        fail(str(error))
    name = display(path)
    document = read(source.text)
    try:  # a section named wrong is an error before anything is fetched
        named = find_section(document, section) if section is not None else None
    except AddError as error:
        fail(f"{name}: {error}")
    wanted, ids = _query(paper)
    outcome, warning = look_up(wanted, None, ids, replace(options, offline=offline), settings.venues)
    if warning:
        click.echo(f"awesomelint: warning: {warning}", err=True)
    record = outcome.record
    if outcome.status == "unavailable":
        fail(f"cannot look `{paper}` up: {outcome.reason}")
    if outcome.status != "matched" or record is None:
        asked = ", ".join(outcome.searched) or "the sources"
        if outcome.status == "possible" and record is not None:
            click.echo(
                f"No sure record of `{paper}` in {asked}; the closest is `{record.title}` "
                f"({record.identifier}). Give its arXiv id or DOI to add it.",
                err=True,
            )
        elif ids.arxiv or ids.doi:  # a well-formed identifier the service does not know
            click.echo(
                f"No record of `{paper}` in {asked}: the service does not know this identifier; "
                "check it, or give the paper's title.",
                err=True,
            )
        else:
            click.echo(
                f"No record of `{paper}` in {asked}; check the title, or give an arXiv id or DOI.", err=True
            )
        sys.exit(1)
    listed = already_listed(document, record, outcome.preprint)
    if listed is not None:
        title = listed.title.text if listed.title else "?"
        click.echo(f"{name}:{listed.span.start_line}: already listed: `{title}`", err=True)
        sys.exit(1)
    try:  # no section named: the list's one section with papers, or the user is asked
        target = named or find_section(document, None)
    except AddError as error:
        fail(f"{name}: {error}")
    style = infer_style(document, settings.style, settings.venues)
    candidates, refusals = [], []
    for entries in (target.entries, list(document.iter_entries())):  # the section's shapes, the list's
        try:
            candidates += ranked_shapes(source.text, entries)[:3]
        except AddError as error:
            refusals.append(str(error))
    if not candidates:
        fail(f"{name}: {_few_papers(document)}{refusals[0]}")  # the section's reason
    text, added, shape = _first_clean(
        name, source.text, target, candidates, (record, outcome.preprint), style, settings
    )
    # A rating is the maintainer's opinion of a paper they have read: never copied from another entry.
    rating = f"No rating written: the list rates its papers with marks such as `{shape.rating}`; add yours."
    where = " > ".join(target.path)
    end = text.find("\n", added.span.end)  # a table row's cells run past its fields
    shown = text[text.rfind("\n", 0, added.span.start) + 1 : end if end >= 0 else len(text)]
    if dry_run:
        click.echo(f"Would add to {name}:{added.span.start_line} ({where}), from {record.identifier}:")
        click.echo(shown)
        if shape.rating:
            click.echo(rating)
        return
    try:
        write_fixed(source, text)
    except InputError as error:
        fail(str(error))
    click.echo(
        f"Added `{record.title.removesuffix('.')}` to {name}:{added.span.start_line} ({where}), "
        f"from {record.identifier}."
    )
    if shape.rating:
        click.echo(rating)


def _few_papers(document: Document) -> str:
    """What to say first when the list is not a list of papers (fewer than one entry in ten is one:
    software or datasets that cite a few): the papers it has are too few to show how it writes one."""
    entries = list(document.iter_entries())
    papers = sum(entry.kind == "paper" for entry in entries)
    if 10 * papers >= len(entries):
        return ""
    return (
        f"{papers} of its {len(entries)} entries {'is a paper' if papers == 1 else 'are papers'}: "
        "a list of other things that cites a few, too few to show how it writes a paper; "
    )


def _query(paper: str) -> tuple[Wanted, Identifiers]:
    """What the argument names: an identifier, or a title."""
    from ..evidence.matching import Wanted
    from ..verify.verifier import Identifiers, identifiers_in

    text = paper.strip()
    if (found := _ARXIV.match(text)) is not None:
        return Wanted(""), Identifiers(arxiv=found[1])
    if (found := _DOI.match(text)) is not None:
        return Wanted(""), Identifiers(doi=found[1])
    if re.match(r"^https?://", text, re.I):
        ids = identifiers_in([text])
        if ids.arxiv is None and ids.doi is None:
            fail(f"no arXiv id, DOI or ACL Anthology id in {text}; give one of those, or the title")
        return Wanted(""), ids
    return Wanted(text), Identifiers()


def _first_clean(
    name: str,
    original: str,
    section: Section,
    candidates: Sequence[Shape],
    records: tuple[Record, Record | None],
    style: Style,
    settings: Settings,
) -> tuple[str, Entry, Shape]:
    """The list with the paper added, the entry and its shape: the first shape that reads back as
    one entry more and that `check` finds nothing on (the section's most common shape, unless the
    list's majority would flag it: AL402 on an author markup only the section writes), else the one
    it finds least on. Exits when no shape can be written."""
    from .. import lint
    from ..fixer import apply_edits
    from ..verify.add import AddError, place, render

    record, preprint = records
    entries_before = len(list(read(original).iter_entries()))
    best: tuple[int, str, Entry, Shape] | None = None
    refusal = "the new entry would not read back as written; nothing was written, please report this list"
    for shape in dict.fromkeys(candidates):

        def entry_text(number: int, shape: Shape = shape) -> str:
            return render(shape, record, preprint, number, style, settings.venues)

        try:
            text = apply_edits(original, place(original, section, entry_text, record))
        except AddError as error:
            refusal = str(error)
            continue
        added = _read_back(text, record.title, entries_before)
        if added is None:
            continue
        lines = range(added.span.start_line, added.span.end_line + 1)
        found = sum(d.span.start_line in lines for d in lint(text, settings))
        if best is None or found < best[0]:
            best = (found, text, added, shape)
        if found == 0:
            break
    if best is None:
        fail(f"{name}: {refusal}")
    return best[1], best[2], best[3]


def _read_back(text: str, title: str, entries_before: int) -> Entry | None:
    """The new entry as the new text parses, when the list reads as one entry more with it: titled
    with the paper's title, or its short name where the list names its papers so."""
    from ..evidence.records import normalized_title
    from ..verify.add import short_name

    entries = list(read(text).iter_entries())
    if len(entries) != entries_before + 1:
        return None
    wanted = {normalized_title(title), normalized_title(short_name(title)) if short_name(title) else ""}
    return next((e for e in entries if e.title and normalized_title(e.title.text) in wanted), None)
