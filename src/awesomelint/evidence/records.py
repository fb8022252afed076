"""What the bibliographic sources say about a paper, and what `verify` concluded for each entry.

Plain data: the rules read it, the cache stores it; no network and no parsing here."""

from __future__ import annotations

import datetime
import html
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from ..model import Entry
from ..venues import VenueTable

Status = Literal["matched", "possible", "not-found", "unavailable"]

MAX_TEXT = 1000  # characters of a title, venue or identifier; a service's are far shorter
MAX_NAME = 200
MAX_AUTHORS = 500
# ANSI escape sequences (CSI, OSC, two-character escapes, and the one-byte CSI), before the control
# characters themselves go: `\x1b[31m` must not leave `[31m` behind.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~]?)|\x9b[0-?]*[ -/]*[@-~]?"
)
_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})  # controls, format characters (bidi overrides), surrogates
_DOI_SYNTAX = re.compile(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+")
_HOST_NAME = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")
_URL_SAFE = "/:?#@!$&*+,;=%-._~"  # what stays as it is in a written URL: no `()[]<>|'"` or blanks


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """Text from a record as plain data: escape sequences and control, format and bidi characters
    removed, every run of white space (line breaks included) one space, at most ``limit``
    characters. Whatever a service answers, this cannot start a line, colour a terminal or reorder
    what a reader sees."""
    if not isinstance(value, str):
        return ""
    if value.isprintable() and "  " not in value and value == value.strip() and len(value) <= limit:
        return value  # already plain: no control, format or separator character but the space
    text = _ESCAPE_SEQUENCE.sub("", value)
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in _INVISIBLE
    )
    return " ".join(kept.split())[:limit].strip()


def valid_doi(value: object) -> str | None:
    """``value`` when it has the DOI syntax (`10.NNNN/suffix`, no `.` or `..` path segments)."""
    text = clean_text(value)
    if not _DOI_SYNTAX.fullmatch(text) or any(part in ("", ".", "..") for part in text.split("/")[1:]):
        return None
    return text


def safe_url(value: object) -> str | None:
    """``value`` as a URL fit to write in a list: `http` or `https`, a host name (no address, no user
    or password), and the characters Markdown or a table would read as markup percent-encoded;
    None for anything else (`javascript:`, `data:`, a relative path)."""
    text = clean_text(value)
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        return None
    if (
        parts.scheme.lower() not in ("http", "https")
        or parts.username is not None
        or parts.password is not None
    ):
        return None
    if not _HOST_NAME.fullmatch(host) or not text.lower().startswith(f"{parts.scheme.lower()}://"):
        return None
    return quote(text, safe=_URL_SAFE)


def doi_url(doi: object) -> str | None:
    valid = valid_doi(doi)
    return None if valid is None else safe_url(f"https://doi.org/{valid}")


_MARKUP = re.compile(r"[\\`*\[\]<>|~$]|&(?=#|[A-Za-z][A-Za-z0-9]*;)|(?<![^\W_])_|_(?![^\W_])")


def as_markdown(text: str) -> str:
    """Record text as Markdown that shows it literally: the characters that would start emphasis,
    a link, HTML, code, math, an entity or a table cell are backslash-escaped (an `_` inside a word,
    as in `snake_case`, is no emphasis and stays)."""
    return _MARKUP.sub(lambda match: "\\" + match[0], clean_text(text))


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
    published: str | None = None  # arXiv: the day of version 1, `YYYY-MM-DD`

    def __post_init__(self) -> None:
        """Every field as plain data, however the record was made (a parser, the cache, a test)."""
        venue = clean_text(self.venue) if self.venue is not None else ""
        names = (clean_text(name, MAX_NAME) for name in self.authors[:MAX_AUTHORS])
        values = {
            "identifier": clean_text(self.identifier),
            "title": clean_text(self.title),
            "authors": tuple(name for name in names if name),
            "venue": venue or None,
            "year": _plausible_year(self.year),
            "url": safe_url(self.url) if self.url is not None else None,
            "kind": clean_text(self.kind),
            "published_year": _plausible_year(self.published_year),
            "published": _iso_day(self.published),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON data (the cache's, and what ``from_dict`` reads back)."""
        return {**asdict(self), "authors": list(self.authors)}

    @classmethod
    def from_dict(cls, data: object) -> Record:
        """A record from the cache; TypeError when it is not one of this shape."""
        if not isinstance(data, dict) or not isinstance(data.get("authors"), list):
            raise TypeError("not a record")
        texts = {
            key: data.get(key)
            for key in ("source", "identifier", "title", "venue", "url", "kind", "published")
        }
        years = {key: data.get(key) for key in ("year", "published_year")}
        if (
            any(not isinstance(texts[key], str) for key in ("source", "identifier", "title"))
            or any(value is not None and not isinstance(value, str) for value in texts.values())
            or any(value is not None and _plausible_year(value) is None for value in years.values())
            or not all(isinstance(name, str) for name in data["authors"])
            or not isinstance(data.get("preprint"), bool)
        ):
            raise TypeError("not a record")
        return cls(
            source=str(texts["source"]),
            identifier=str(texts["identifier"]),
            title=str(texts["title"]),
            authors=tuple(data["authors"]),
            venue=texts["venue"],
            year=years["year"],
            preprint=data["preprint"],
            url=texts["url"],
            kind=str(texts["kind"] or ""),
            published_year=years["published_year"],
            published=texts["published"],
        )


def _iso_day(value: object) -> str | None:
    """``value`` when it is a day written `YYYY-MM-DD` that exists, in a plausible year."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return value if _plausible_year(day.year) is not None else None


def _plausible_year(year: object) -> int | None:
    return year if isinstance(year, int) and not isinstance(year, bool) and 1000 <= year <= 2999 else None


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
            from .matching import record_venue  # only when verifying

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
