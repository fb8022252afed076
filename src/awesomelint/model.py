"""The typed tree of an awesome list: Document -> Section -> Entry, every node and field with its span."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import Any, Literal, NamedTuple

from .text import Source, Span

_YEAR_IN_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# An arXiv identifier's year and month (`arXiv:1503.02531`: March 2015; new-style ids began in 2007).
_ARXIV_ID_YEAR = re.compile(r"(?<![\d.])(0[7-9]|[1-9]\d)(?:0[1-9]|1[0-2])\.\d{4,5}(?!\d)")

MarkerKind = Literal["ordered", "bullet", "glued", "paragraph", "table", "heading"]
EntryKind = Literal["paper", "resource"]
# What a link is for in its entry; links inside a description are the description's.
LinkRole = Literal["title", "paper", "code", "project", "data", "video", "other", "description"]
YearStyle = Literal["apostrophe", "space", "comma", "paren", "none", "glued"]
# Where a venue is written: in emphasis or brackets, plain in the text, as the label of the paper's
# link (`[NeurIPS 2024](url)`), or in a shields.io badge's URL.
VenueMarkup = Literal["bold", "italic", "bracket", "plain", "link", "badge"]
# Entries whose layout the page's structure fixes (a table's columns, a heading over field bullets):
# no layout or venue-markup rule judges them.
STRUCTURED_MARKERS: frozenset[MarkerKind] = frozenset({"table", "heading"})
# "contents": a table of contents (items that link into the page), kept for the anchor rules.
BlockKind = Literal["paragraph", "list", "table", "html", "code", "quote", "contents", "other"]


class Field(NamedTuple):
    """A piece of an entry: ``text`` is the clean value, ``raw`` the exact source at ``span``."""

    text: str
    raw: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "raw": self.raw, "span": self.span.to_dict()}


class Venue(NamedTuple):
    """Where a paper appeared. ``raw``/``span`` cover the whole venue as written (markup included,
    e.g. ``**EMNLP'2020.**``); ``name`` and ``year`` are the parts inside it."""

    raw: str
    span: Span
    name: Field
    year: Field | None
    markup: VenueMarkup
    year_style: YearStyle

    @property
    def in_badge(self) -> bool:
        """Written in a badge's image URL: a fact of the entry, but no part of its text layout."""
        return self.markup == "badge"

    @property
    def dated(self) -> bool:
        """Whether a month stands between the name and the year (`CVPR, June 2025`): the year is a
        date's, and the venue has no year style of its own."""
        if self.year is None:
            return False
        between = self.raw[self.name.span.end - self.span.start : self.year.span.start - self.span.start]
        return any(map(str.isalpha, between))

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "span": self.span.to_dict(),
            "name": self.name.to_dict(),
            "year": self.year.to_dict() if self.year else None,
            "markup": self.markup,
            "year_style": self.year_style,
        }


class Authors(NamedTuple):
    """The author line. ``raw``/``span`` include the emphasis markers; ``inner`` is the text between."""

    raw: str
    span: Span
    inner: Field
    names: tuple[str, ...]
    markup: str
    separator: str
    et_al: bool = False  # the line ends with "et al." (the names are the first authors only)

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "span": self.span.to_dict(),
            "inner": self.inner.to_dict(),
            "names": list(self.names),
            "et_al": self.et_al,
            "markup": self.markup,
            "separator": self.separator,
        }


class Link(NamedTuple):
    """A Markdown link: ``raw``/``span`` cover ``[label](url)``; ``url_span`` covers the destination."""

    label: str
    url: str
    raw: str
    span: Span
    url_span: Span
    role: LinkRole = "other"

    def with_role(self, role: LinkRole) -> Link:
        """The link with ``role`` (a tuple made at once: `_replace` and keywords cost two to three
        times as much, once per link of a list)."""
        return tuple.__new__(Link, (*self[:-1], role))

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "url": self.url,
            "role": self.role,
            "raw": self.raw,
            "span": self.span.to_dict(),
            "url_span": self.url_span.to_dict(),
        }


@dataclass(slots=True)
class Entry:
    """One item of the list: a paper or a resource."""

    number: int | None
    marker: MarkerKind
    marker_span: Span
    span: Span
    section_path: tuple[str, ...]
    paragraphs: list[Span] = field(default_factory=list)
    title: Field | None = None
    venue: Venue | None = None
    authors: Authors | None = None
    links: list[Link] = field(default_factory=list)
    description: Field | None = None
    date: Field | None = None  # a date tag or publication date (`[2023/10]`, `(2024.02.08)`, `4 Feb 2023`)
    kind: EntryKind = "resource"

    @property
    def year(self) -> int | None:
        """The venue's year, else the year of the entry's date, else that of an arXiv identifier as venue."""
        if self.venue and self.venue.year:
            return int(self.venue.year.text)
        if self.date is not None:
            found = _YEAR_IN_DATE.search(self.date.text)
            return int(found[0]) if found else None
        if self.venue is not None and (arxiv := _ARXIV_ID_YEAR.search(self.venue.raw)):
            return 2000 + int(arxiv[1])  # the venue is an arXiv identifier, which carries its year
        return None

    @property
    def own_links(self) -> list[Link]:
        """The entry's links apart from those inside its description."""
        return [link for link in self.links if link.role != "description"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "marker": self.marker,
            "marker_span": self.marker_span.to_dict(),
            "span": self.span.to_dict(),
            "section_path": list(self.section_path),
            "title": self.title.to_dict() if self.title else None,
            "venue": self.venue.to_dict() if self.venue else None,
            "year": self.year,
            "authors": self.authors.to_dict() if self.authors else None,
            "links": [link.to_dict() for link in self.links],
            "description": self.description.to_dict() if self.description else None,
            "date": self.date.to_dict() if self.date else None,
        }


class Block(NamedTuple):
    """Content of a section that is not an entry: a paragraph, a table, an HTML block, ..."""

    kind: BlockKind
    span: Span
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "span": self.span.to_dict(), "text": self.text}


@dataclass(slots=True)
class Section:
    """A heading and everything under it up to the next heading of the same or a higher level."""

    level: int
    text: str
    raw: str
    slug: str
    span: Span
    parent: Section | None = field(default=None, repr=False)
    children: list[Section] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def path(self) -> tuple[str, ...]:
        names: list[str] = []
        node: Section | None = self
        while node is not None:
            names.append(node.text)
            node = node.parent
        return tuple(reversed(names))

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        return _walk([self])

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "text": self.text,
            "raw": self.raw,
            "slug": self.slug,
            "span": self.span.to_dict(),
            "entries": [entry.to_dict() for entry in self.entries],
            "blocks": [block.to_dict() for block in self.blocks],
            "children": [child.to_dict() for child in self.children],
        }


class Anchor(NamedTuple):
    """A same-page reference ``#fragment`` (from a Markdown link or an HTML ``href``); the span
    covers the fragment after the ``#``."""

    fragment: str
    span: Span
    text: str


class Comment(NamedTuple):
    """An HTML comment, kept for inline suppression directives."""

    text: str
    span: Span


def _walk(sections: Sequence[Section]) -> Iterator[Section]:
    """``sections`` and all below them, in document order (with no generator per level)."""
    stack = list(reversed(sections))
    pop, push = stack.pop, stack.extend
    while stack:
        section = pop()
        yield section
        if section.children:
            push(reversed(section.children))


_ENTRIES = attrgetter("entries")


@dataclass(slots=True)
class Document:
    """A parsed list. ``entries`` and ``blocks`` hold what comes before the first heading."""

    text: str
    source: Source = field(repr=False)
    sections: list[Section] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    html_ids: set[str] = field(default_factory=set)
    comments: list[Comment] = field(default_factory=list)
    # Facts that several rules derive from the finished tree, computed once (see rules/_sections.py).
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def iter_sections(self) -> Iterator[Section]:
        return _walk(self.sections)

    def iter_entries(self) -> Iterator[Entry]:
        return chain(self.entries, chain.from_iterable(map(_ENTRIES, _walk(self.sections))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "entries": [entry.to_dict() for entry in self.entries],
            "sections": [section.to_dict() for section in self.sections],
            "entry_count": sum(1 for _ in self.iter_entries()),
        }
