"""`awesomelint export`: every entry of the lists with its section path, kind, fields and links, as
JSON, JSON Lines or CSV; or the papers as BibTeX, from their verified records where the record cache
holds them (`--verify` looks them up) and from the list otherwise."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..engine import Settings
from ..model import Entry
from ..read import read
from ..read.source import InputError, read_source
from ._inputs import Configs
from ._options import GroupedCommand, config_option, no_config_option
from ._session import display, fail, input_paths, write_report

if TYPE_CHECKING:
    from ..evidence.records import Record, Verification
    from ..venues import VenueTable

FORMATS = ("bibtex", "csv", "json", "jsonl")
CSV_COLUMNS = (
    "file",
    "line",
    "section",
    "kind",
    "title",
    "authors",
    "venue",
    "year",
    "date",
    "description",
    "links",
    "record",
)


@click.command("export", cls=GroupedCommand)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="Write to this file (default: standard output)."
)
@click.option(
    "--verify", is_flag=True, help="Look each paper's record up (network); else the record cache only."
)
@config_option
@no_config_option
def export_command(
    files: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    verify: bool,
    config_path: Path | None,
    no_config: bool,
) -> None:
    """Export every entry of each FILE (section path, kind, fields, links) as JSON, JSON Lines or CSV,
    or its papers as BibTeX, to cite everything in a list with one command.

    BibTeX takes each paper's title, authors, venue and year from its verified record when the
    record cache has one (run `verify` first, or pass --verify), from the list otherwise.
    Exit codes: 0 exported, 2 errors."""
    from ..venues import builtin_venues

    configs = Configs(config_path, no_config)
    exported: list[dict[str, Any]] = []
    venues = builtin_venues()
    for found in input_paths(files, config_path, no_config, folders=True):
        try:
            source = read_source(found.path)
            settings = Settings.from_config(configs.for_file(found.path))
        except (InputError, ValueError) as error:
            fail(str(error))
        venues = settings.venues  # the lists' own venue names, for their papers' BibTeX
        document = read(source.text)
        entries = list(document.iter_entries())
        outcomes = _records(entries, settings, verify)
        name = display(found.path)
        exported.extend(entry_data(name, entry, outcomes.get(id(entry))) for entry in entries)
    if output_format == "bibtex":
        rendered = bibtex(exported, venues)
    elif output_format == "csv":
        rendered = to_csv(exported)
    elif output_format == "jsonl":
        rendered = "\n".join(json.dumps(item, ensure_ascii=False) for item in exported)
    else:
        rendered = json.dumps(exported, ensure_ascii=False, indent=1)
    write_report(rendered.rstrip("\n"), output)
    papers = sum(1 for item in exported if item["kind"] == "paper")
    what = f"{papers} papers" if output_format == "bibtex" else f"{len(exported)} entries"
    click.echo(f"Exported {what}.", err=True)


def _records(entries: Sequence[Entry], settings: Settings, verify: bool) -> dict[int, Verification]:
    """The outcome of each paper entry (by id): looked up with --verify, else from the record cache
    alone (nothing is asked when it holds nothing)."""
    from ..evidence.verify_options import verify_options

    try:
        options = verify_options(settings.verify_table, settings.root)
    except ValueError as error:
        fail(str(error))
    if not verify and (options.cache is None or not options.cache.is_file()):
        return {}
    from ..verify.verifier import verify_entries

    papers = [entry for entry in entries if entry.kind == "paper" and entry.title is not None]
    found, _, warning = verify_entries(papers, replace(options, offline=not verify), settings.venues)
    if warning:
        click.echo(f"awesomelint: warning: {warning}", err=True)
    return {id(entry): outcome for entry, outcome in zip(papers, found.outcomes, strict=True)}


def entry_data(file: str, entry: Entry, outcome: Verification | None) -> dict[str, Any]:
    """One entry as plain data: where it is, what it is, its fields and links, and its record."""
    record = outcome.record if outcome is not None and outcome.status == "matched" else None
    preprint = outcome.preprint if outcome is not None and outcome.status == "matched" else None
    return {
        "file": file,
        "line": entry.span.start_line,
        "section": list(entry.section_path),
        "kind": entry.kind,
        "title": entry.title.text if entry.title else None,
        "authors": list(entry.authors.names) if entry.authors else [],
        "venue": entry.venue.name.text if entry.venue else None,
        "year": entry.year,
        "date": entry.date.text if entry.date else None,
        "description": entry.description.text if entry.description else None,
        "links": [{"label": link.label, "url": link.url, "role": link.role} for link in entry.own_links],
        "record": _record_data(record, preprint) if record is not None else None,
    }


def _record_data(record: Record, preprint: Record | None) -> dict[str, Any]:
    return {
        "identifier": record.identifier,
        "title": record.title,
        "authors": list(record.authors),
        "venue": record.venue,
        "year": record.year,
        "preprint": record.preprint,
        "url": record.url,
        "kind": record.kind,
        "preprint_identifier": preprint.identifier if preprint is not None else None,
    }


def to_csv(exported: Iterable[dict[str, Any]]) -> str:
    """One row per entry: lists joined (`; ` between authors, a space between links), the section
    path with ` > `, the record by its identifier."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in exported:
        row = dict(item)
        row["section"] = " > ".join(item["section"])
        row["authors"] = "; ".join(item["authors"])
        row["links"] = " ".join(link["url"] for link in item["links"])
        row["record"] = item["record"]["identifier"] if item["record"] else ""
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue()


# -- BibTeX -------------------------------------------------------------------------------------------

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ACCENTS = {
    "\u0301": "'",
    "\u0300": "`",
    "\u0302": "^",
    "\u0308": '"',
    "\u0303": "~",
    "\u0304": "=",
    "\u0307": ".",
    "\u030b": "H",
    "\u0327": "c",
    "\u030c": "v",
    "\u0306": "u",
    "\u030a": "r",
    "\u0328": "k",
}
_LETTERS = {
    "ø": r"{\o}",
    "Ø": r"{\O}",
    "ß": r"{\ss}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "\u0131": r"{\i}",  # dotless i
}
_KEY_STOPWORDS = frozenset({"a", "an", "the", "on", "of", "for", "to", "in", "and", "with", "towards"})


def bibtex_text(text: str) -> str:
    """``text`` as the value of a BibTeX field: its special characters escaped (`&`, `%`, braces),
    accented Latin letters as TeX accents (`{\\'e}`), control characters and line breaks gone; other
    scripts kept as they are (UTF-8)."""
    from ..evidence.records import clean_text

    out: list[str] = []
    for char in unicodedata.normalize("NFD", clean_text(text, limit=10_000)):
        if char in _ACCENTS and out and out[-1].isascii() and out[-1].isalpha() and len(out[-1]) == 1:
            accent = _ACCENTS[char]
            base = out.pop()
            out.append(f"{{\\{accent}{base}}}" if not accent.isalpha() else f"{{\\{accent}{{{base}}}}}")
        elif unicodedata.combining(char):
            out.append(char)  # a mark TeX has no accent for: kept, composed again below
        else:
            out.append(_SPECIAL.get(char) or _LETTERS.get(char) or char)
    return unicodedata.normalize("NFC", "".join(out))


def bibtex(exported: Sequence[dict[str, Any]], venues: VenueTable) -> str:
    """The papers as BibTeX entries, each under a stable key (first author's surname, year, first
    word of the title: `pfeiffer2020madx`), made unique with a letter."""
    keys: dict[str, int] = {}
    blocks = []
    for item in exported:
        if item["kind"] != "paper" or not item["title"]:
            continue
        kind, fields = _bibtex_fields(item, venues)
        key = _key(fields.get("_surname", ""), fields.get("year", ""), fields["_title"])
        keys[key] = keys.get(key, 0) + 1
        if keys[key] > 1:  # the second paper of a key is `...b`, the 27th `...27`
            key += "abcdefghijklmnopqrstuvwxyz"[keys[key] - 1] if keys[key] <= 26 else str(keys[key])
        lines = [f"@{kind}{{{key},"]
        for name in (
            "title",
            "author",
            "booktitle",
            "journal",
            "year",
            "eprint",
            "archiveprefix",
            "doi",
            "url",
        ):
            if fields.get(name):
                value = fields[name] if name in ("url", "doi") else bibtex_text(fields[name])
                lines.append(
                    f"  {name} = {{{{{value}}}}}," if name == "title" else f"  {name} = {{{value}}},"
                )
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _bibtex_fields(item: dict[str, Any], venues: VenueTable) -> tuple[str, dict[str, str]]:
    from ..evidence.records import Record, safe_url, surname, valid_doi
    from ..verify.verifier import identifiers_in

    record = item["record"]
    urls = [link["url"] for link in item["links"]]
    ids = identifiers_in(urls)
    title = record["title"] if record else item["title"]
    authors = record["authors"] if record and record["authors"] else item["authors"]
    year = (record["year"] if record else None) or item["year"]
    arxiv = ids.arxiv or _arxiv_of(record)
    doi = ids.doi or _doi_of(record)
    paper_link = next((link["url"] for link in item["links"] if link["role"] in ("title", "paper")), None)
    fields: dict[str, str] = {
        "title": title.strip().removesuffix("."),
        "author": " and ".join(authors),
        "year": str(year) if year else "",
        "url": safe_url(paper_link or (urls[0] if urls else None) or (record or {}).get("url")) or "",
        "doi": (valid_doi(doi) or "") if doi else "",
        "_title": title,
        "_surname": surname(authors[0]) if authors else "",
    }
    if record and not record["preprint"] and record["venue"]:
        from ..evidence.matching import record_venue

        shown = Record("export", "", title, (), record["venue"], record["year"], False)
        venue = record_venue(shown, venues) or record["venue"]
        journal = record["kind"] in ("Journal Articles", "journal-article")
    else:
        venue, journal = item["venue"], False
    canonical = venues.canonical_name(venue) if venue else None
    preprint = venue is None or (canonical is not None and canonical in venues.preprints)
    if arxiv:
        fields["eprint"], fields["archiveprefix"] = arxiv, "arXiv"
    if preprint:
        return "misc", fields
    fields["journal" if journal else "booktitle"] = venue or ""
    return ("article" if journal else "inproceedings"), fields


def _arxiv_of(record: dict[str, Any] | None) -> str | None:
    for identifier in (record or {}).get("identifier"), (record or {}).get("preprint_identifier"):
        if isinstance(identifier, str) and identifier.startswith("arXiv "):
            return identifier.split(" ", 1)[1]
    return None


def _doi_of(record: dict[str, Any] | None) -> str | None:
    url = (record or {}).get("url") or ""
    return url.split("doi.org/", 1)[1] if "doi.org/" in url else None


def _key(surname: str, year: str, title: str) -> str:
    words = [re.sub(r"[^a-z0-9]", "", word) for word in _ascii(title).lower().split()]  # `MAD-X:` is `madx`
    words = [word for word in words if word and word not in _KEY_STOPWORDS]
    name = re.sub(r"[^a-z]", "", _ascii(surname).lower())
    return f"{name or 'anon'}{year}{words[0] if words else ''}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
