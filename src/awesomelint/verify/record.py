"""What the bibliographic sources say about a paper, and what `verify` concluded for each entry.

Plain data: the rules read it, the cache stores it; no network and no parsing here."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..model import Entry
from ..venues import VenueTable

Status = Literal["matched", "possible", "not-found", "unavailable"]


@dataclass(frozen=True)
class Record:
    """One bibliographic record as a source gives it."""

    source: str  # "dblp", "arxiv", "crossref", "semanticscholar"
    identifier: str  # shown in messages: "DBLP conf/emnlp/PfeifferVGR20", "arXiv 2005.00052", "DOI 10..."
    title: str
    authors: tuple[str, ...]
    venue: str | None  # as the source writes it: "EMNLP (1)", "CoRR", "Annual Meeting of the ..."
    year: int | None
    preprint: bool
    url: str | None = None  # where the paper is read: the DOI, the arXiv abstract, the DBLP `ee`
    kind: str = ""  # the source's own type ("Editorship", "Withdrawn Items", ...)
    published_year: int | None = None  # arXiv: the year of version 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """A record from the cache; KeyError, TypeError or ValueError when it is not one."""
        return cls(
            source=str(data["source"]),
            identifier=str(data["identifier"]),
            title=str(data["title"]),
            authors=tuple(str(name) for name in data["authors"]),
            venue=None if data.get("venue") is None else str(data["venue"]),
            year=None if data.get("year") is None else int(data["year"]),
            preprint=bool(data["preprint"]),
            url=None if data.get("url") is None else str(data["url"]),
            kind=str(data.get("kind", "")),
            published_year=None if data.get("published_year") is None else int(data["published_year"]),
        )


@dataclass(frozen=True)
class Verification:
    """The outcome for one paper entry: the record it matched (``matched``), a record too unlike it to
    be sure (``possible``: reported, never fixed), nothing (``not-found``), or no answer from any
    source (``unavailable``: offline, or the services failed). ``preprint`` is the
    preprint record when the chosen one is the published version and both matched."""

    status: Status
    record: Record | None = None
    preprint: Record | None = None
    searched: tuple[str, ...] = ()  # the sources asked
    reason: str = ""  # why it is unavailable


_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\s*|[{}\\$]")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_HOMONYM = re.compile(r"\s+\d{4}$")


def plain(text: str) -> str:
    """Accents stripped, casefolded: ``Vulić`` and ``vulic`` are one name."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalized_title(title: str) -> str:
    """A title for comparison (research notes, matching rule 1): NFKC, LaTeX and HTML entities
    undone, accents stripped, casefolded, every run of other characters one space. Digits are kept:
    GPT-2 and GPT-3 are different papers."""
    text = html.unescape(_LATEX_COMMAND.sub("", unicodedata.normalize("NFKC", title)))
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", plain(text)).split())


def person(name: str) -> str:
    """A name without DBLP's homonym number (``Xiaopeng Zhang 0009``)."""
    return _HOMONYM.sub("", name.strip())


def name_tokens(name: str) -> list[str]:
    return [token for token in _NOT_ALPHANUMERIC.sub(" ", plain(person(name))).split() if len(token) > 1]


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(name: str) -> str:
    tokens = [token for token in name_tokens(name) if token not in _SUFFIXES]
    return tokens[-1] if tokens else ""


@dataclass
class Verifications:
    """Outcomes by entry. An entry is found by its title, or by the record's title once a fix has
    written it: the fixer re-reads the list after each pass."""

    by_title: dict[str, Verification] = field(default_factory=dict)
    outcomes: list[Verification] = field(default_factory=list)  # one per entry verified

    def add(self, title: str, verification: Verification) -> None:
        self.outcomes.append(verification)
        self.by_title[normalized_title(title)] = verification
        if verification.status == "matched" and verification.record is not None:
            self.by_title.setdefault(normalized_title(verification.record.title), verification)

    def get(self, entry: Entry) -> Verification | None:
        if entry.title is None or entry.kind != "paper":
            return None
        return self.by_title.get(normalized_title(entry.title.text))

    def explains(self, field_name: str, before: Entry, after: Entry, venues: VenueTable) -> bool:
        """Whether a fix changed ``field_name`` of ``before`` into what the paper's record says."""
        outcome = self.get(before)
        record = outcome.record if outcome is not None and outcome.status == "matched" else None
        if record is None:
            return False
        if field_name == "title":
            return after.title is not None and normalized_title(after.title.text) == normalized_title(
                record.title
            )
        if field_name == "venue":
            from .match import record_venue  # only when verifying

            name = after.venue.name.text if after.venue else None
            wanted = record_venue(record, venues)
            return name is not None and venues.canonical_name(name) == wanted and after.year == record.year
        if field_name == "authors" and before.authors and after.authors:
            old, new = before.authors.names, after.authors.names
            surnames = {surname(name) for name in record.authors}
            return len(old) == len(new) and all(
                a == b or surnames & set(name_tokens(b)) for a, b in zip(old, new, strict=True)
            )
        return False
