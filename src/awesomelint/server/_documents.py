"""The lists open in the editor: each one's text as last linted, its typed tree and its findings."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from ..diagnostic import Diagnostic
from ..engine import Earlier, Settings, rerun_rules
from ..model import Document, Entry
from ..read import read
from ..read.reread import read_edited
from ._positions import Positions


@dataclass
class Linted:
    """One text, read and linted with one configuration."""

    text: str
    version: int | None
    settings: Settings
    document: Document
    diagnostics: list[Diagnostic]
    positions: Positions
    run: Earlier  # what the rules keep for the next version of the text

    def entry_at(self, offset: int) -> Entry | None:
        """The entry whose text holds ``offset``, if any."""
        entries = sorted(self.document.iter_entries(), key=lambda entry: entry.span.start)
        index = bisect.bisect_right([entry.span.start for entry in entries], offset) - 1
        if index >= 0 and offset <= entries[index].span.end:
            return entries[index]
        return None


def lint(
    text: str, version: int | None, settings: Settings, encoding: str, earlier: Linted | None = None
) -> Linted:
    """Read and lint ``text`` as `awesomelint check` does (no network: link and record rules find
    nothing). Given the ``earlier`` text's findings under the same settings, only the sections an
    edit touched are read again, and only the entries it touched are checked again by the rules
    that judge one entry at a time."""
    document = read(text) if earlier is None else read_edited(earlier.document, text)
    checked = rerun_rules(document, settings, earlier=earlier.run if earlier is not None else None)
    positions = Positions(text, encoding, document.source)
    return Linted(text, version, settings, document, checked.findings, positions, checked.earlier)


def path_of(uri: str) -> Path | None:
    """The file a `file:` URI names; None for an unsaved buffer."""
    from pygls.uris import to_fs_path

    found = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(found) if found else None
