"""Entry fields (title, venue, year, authors, links, description) from located inline pieces.

Markdown structure (bold, emphasis, links) comes from the pieces; the regular expressions here only
read the text inside them that Markdown leaves unstructured: a venue string, an author list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .model import Authors, Field, Link, Venue
from .source import Source
from .tokens import Piece, plain_text

_YEAR = r"(?:19|20)\d{2}"
# A venue with its year, as written inside bold or brackets: "EMNLP'2020", "ACL 2022", "NeurIPS2021",
# "ICML, 2019", "AAAI (2020)", "ACL'19". Trailing punctuation is allowed (and reported by the rules).
_VENUE_IN_MARKUP = re.compile(
    rf"""^\s*(?:in\s+)?(?P<name>\S.*?)
    (?P<sep>\s*['’]\s*|\s*,\s*|\s*\(|\s+|)
    (?<![\d.])(?P<year>{_YEAR}|(?<=['’])\d{{2}})\)?
    (?P<note>\s*\([^()\n]{{1,40}}\))?
    (?P<trail>[\s.,;:]*)$""",
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
# A venue in running text: "NeurIPS 2020.", "[ICLR 2021]", "In ACL'19".
_VENUE_IN_TEXT = re.compile(
    rf"""(?<![\w'])(?P<open>\[)?(?P<name>[a-z]*[A-Z][\w&.\-]*(?:[ \t]+[A-Z&][\w&.\-]*){{0,5}})
    (?P<sep>['’]|[ \t]+['’]?|,[ \t]*)(?P<year>{_YEAR}|(?<=['’])\d{{2}})\b(?P<close>\])?""",
    re.VERBOSE,
)
_AUTHOR_SPLIT = re.compile(r"\s*[;,]\s*|\s+and\s+|\s+&\s+")
_LINK_LABEL_TRIM = "[]() \t\n"
_TITLE_TRIM = " \t\n.,:;\"'“”"
_DESCRIPTION_LEAD = re.compile(r"^[\s\-–—:|.,]+")

YearStyle = Literal["apostrophe", "space", "comma", "paren", "none", "glued"]


@dataclass
class EntryFields:
    title: Field | None = None
    venue: Venue | None = None
    authors: Authors | None = None
    links: list[Link] = field(default_factory=list)
    description: Field | None = None
    date: Field | None = None


def _field(source: Source, start: int, end: int, text: str) -> Field:
    span = source.span(start, end)
    return Field(text=text, raw=source.text[span.start : span.end], span=span)


def _significant(pieces: Sequence[Piece], start: int) -> Iterator[Piece]:
    """Pieces at or after ``start`` that are not blank text."""
    for piece in pieces:
        if piece.end <= start:
            continue
        if piece.kind == "text" and not piece.plain[max(0, start - piece.start) :].strip():
            continue
        yield piece


def looks_like_venue(text: str) -> bool:
    """Whether bold text is a venue with its year (``EMNLP'2020``) rather than a title."""
    match = _VENUE_IN_MARKUP.match(text)
    return match is not None and len(match["name"].split()) <= 6


def _title_candidate(pieces: Sequence[Piece], start: int) -> Piece | None:
    """The piece that holds the title: the first one, unless a short tag (``[ICLR 2017]``, an emoji)
    stands before a bold or linked title."""
    significant = list(_significant(pieces, start))
    if not significant:
        return None
    first = significant[0]
    if len(significant) > 1 and significant[1].kind in ("strong", "link"):
        if first.kind == "image" or (first.kind == "link" and _only_images(first)):
            return significant[1]  # a badge before the name
        if first.kind == "text":
            tag = first.plain[max(0, start - first.start) :].strip()
            if len(tag) <= 40 and ". " not in tag:
                return significant[1]
        elif first.kind == "strong" and looks_like_venue(plain_text(first.children)):
            return significant[1]  # `**NeurIPS 2020** [Title](url)`: the venue comes first
    return first


def _only_images(link: Piece) -> bool:
    content = [piece for piece in link.children if piece.kind != "text" or piece.plain.strip()]
    return bool(content) and all(piece.kind == "image" for piece in content)


def extract(source: Source, paragraphs: Sequence[Sequence[Piece]], start: int) -> EntryFields:
    """Read an entry's fields from its paragraphs; ``start`` skips a marker glued to the text."""
    fields = EntryFields()
    first = paragraphs[0] if paragraphs else []
    title_piece = _title_candidate(first, start)
    used: list[Piece] = []
    if title_piece is not None:
        fields.title, title_used = _title(source, title_piece, start)
        used.extend(title_used)
    everything = [piece for paragraph in paragraphs for piece in paragraph]
    fields.links = [make_link(source, piece) for piece in walk(everything) if piece.kind == "link"]
    found = _venue(source, everything, used)
    if found is not None:
        fields.venue, venue_piece = found
        used.append(venue_piece)
    fields.authors = _authors(source, everything, used)
    fields.description = _description(source, first, fields, title_piece)
    return fields


def walk(pieces: Sequence[Piece]) -> Iterator[Piece]:
    for piece in pieces:
        yield piece
        yield from walk(piece.children)


def _title(source: Source, piece: Piece, start: int) -> tuple[Field | None, list[Piece]]:
    if piece.kind in ("strong", "em"):
        inner = [child for child in piece.children if child.kind != "text" or child.plain.strip()]
        if len(inner) == 1 and inner[0].kind == "link":
            title, used = _title(source, inner[0], start)
            return title, [piece, *used]
        text = plain_text(piece.children).strip(_TITLE_TRIM)
        if not text:
            return None, []
        return _field(source, piece.inner_start, piece.inner_end, text), [piece]
    if piece.kind == "link":
        text = plain_text(piece.children).strip(_LINK_LABEL_TRIM + _TITLE_TRIM)
        if not text:
            return None, []
        return _field(source, piece.inner_start, piece.inner_end, text), [piece]
    if piece.kind == "text":
        # A plain title: the text up to the first sentence end.
        begin = max(start, piece.start)
        raw = source.normalized[begin : piece.end]
        lead = len(raw) - len(raw.lstrip())
        match = re.search(r"\.\s|[.:]$|\s[-–—]\s", raw)
        stop = match.start() if match else len(raw.rstrip())
        text = " ".join(raw[lead:stop].split()).strip(_TITLE_TRIM)
        if len(text.split()) < 2:
            return None, []
        return _field(source, begin + lead, begin + stop, text), []
    return None, []


def make_link(source: Source, piece: Piece) -> Link:
    span = source.span(piece.start, piece.end)
    if piece.dest is not None:
        url_span = source.span(*piece.dest)
        url = source.normalized[piece.dest[0] : piece.dest[1]]
    else:
        url_span, url = span, piece.href
    label = plain_text(piece.children).strip(_LINK_LABEL_TRIM)
    return Link(label=label, url=url, raw=source.text[span.start : span.end], span=span, url_span=url_span)


def _venue(source: Source, pieces: Sequence[Piece], used: Sequence[Piece]) -> tuple[Venue, Piece] | None:
    for piece in pieces:
        if any(piece is taken for taken in used):
            continue
        if piece.kind == "strong":
            venue = _venue_in_markup(source, piece)
        elif piece.kind == "text":
            venue = _venue_in_text(source, piece)
        else:
            continue
        if venue is not None:
            return venue, piece
    return None


def _year_style(separator: str) -> YearStyle:
    separator = separator.strip()
    if separator in ("'", "’"):
        return "apostrophe"
    if separator == ",":
        return "comma"
    if separator == "(":
        return "paren"
    return "space"


def _four_digits(year: str) -> str:
    if len(year) == 4:
        return year
    return f"20{year}" if int(year) <= 40 else f"19{year}"


def _venue_in_markup(source: Source, piece: Piece) -> Venue | None:
    raw = source.normalized[piece.inner_start : piece.inner_end]
    match = _VENUE_IN_MARKUP.match(raw)
    if match is None or not re.search(r"[^\W\d_]", match["name"]) or len(match["name"]) > 120:
        return None
    base = piece.inner_start
    name = _field(
        source,
        base + match.start("name"),
        base + match.end("name"),
        " ".join(match["name"].split()),
    )
    year_raw = match["year"]
    year = _field(source, base + match.start("year"), base + match.end("year"), _four_digits(year_raw))
    style: YearStyle = _year_style(match["sep"]) if match["sep"] else "glued"
    span = source.span(piece.start, piece.end)
    return Venue(source.text[span.start : span.end], span, name, year, "bold", style)


def _venue_in_text(source: Source, piece: Piece) -> Venue | None:
    match = _VENUE_IN_TEXT.search(piece.plain)
    if match is None:
        return None
    base = piece.start
    bracketed = bool(match["open"] and match["close"])
    begin = match.start() if bracketed else match.start("name")
    end = match.end() if bracketed else match.end("year")
    name = _field(
        source,
        base + match.start("name"),
        base + match.end("name"),
        " ".join(match["name"].split()),
    )
    year = _field(source, base + match.start("year"), base + match.end("year"), _four_digits(match["year"]))
    span = source.span(base + begin, base + end)
    markup: Literal["bracket", "plain"] = "bracket" if bracketed else "plain"
    return Venue(source.text[span.start : span.end], span, name, year, markup, _year_style(match["sep"]))


def _authors(source: Source, pieces: Sequence[Piece], used: Sequence[Piece]) -> Authors | None:
    for piece in pieces:
        if piece.kind != "em" or any(piece is taken for taken in used):
            continue
        text = plain_text(piece.children)
        names = split_names(text)
        if not _looks_like_names(text, names):
            continue
        span = source.span(piece.start, piece.end)
        inner = _field(source, piece.inner_start, piece.inner_end, text)
        separator = ";" if ";" in text else ","
        return Authors(source.text[span.start : span.end], span, inner, tuple(names), piece.markup, separator)
    return None


def split_names(text: str) -> list[str]:
    """Author names from an author line: split on commas, semicolons and 'and'."""
    names = []
    for name in _AUTHOR_SPLIT.split(text.strip().rstrip(".")):
        name = name.strip().removeprefix("and ").strip()
        if name:
            names.append(name)
    return names


def _looks_like_names(text: str, names: Sequence[str]) -> bool:
    if not names or sum(char.isdigit() for char in text) > 4:
        return False
    if len(names) >= 2:
        return True
    words = names[0].split()
    return 2 <= len(words) <= 5 and all(word[:1].isupper() for word in words if word[:1].isalpha())


def _description(
    source: Source, first: Sequence[Piece], fields: EntryFields, title_piece: Piece | None
) -> Field | None:
    """Free text after the title: the ``- Description.`` of a classic awesome-list item."""
    if title_piece is None or not first or fields.title is None:
        return None
    if fields.venue is not None or fields.authors is not None:
        return None
    begin, end = title_piece.end, first[-1].end
    raw = source.normalized[begin:end]
    lead = _DESCRIPTION_LEAD.match(raw)
    offset = lead.end() if lead else 0
    text = " ".join(raw[offset:].split())
    if not re.search(r"[^\W\d_]", text):
        return None
    stop = len(raw.rstrip())
    return _field(source, begin + offset, begin + stop, text)


def venue_from_cells(source: Source, venue: Sequence[Piece], year: Sequence[Piece]) -> Venue | None:
    """A venue from a table's venue column, its year from the year column when the venue has none."""
    cell = [piece for piece in venue if piece.kind != "text" or piece.plain.strip()]
    if not cell:
        return None
    start, end = cell[0].start, cell[-1].end
    raw = source.normalized[start:end]
    name = " ".join(plain_text(cell).split())
    if not re.search(r"[^\W\d_]", name):
        return None
    year_field = None
    year_text = source.normalized[year[0].start : year[-1].end] if year else ""
    found = re.search(_YEAR, year_text)
    if found is not None and year:
        offset = year[0].start + found.start()
        year_field = _field(source, offset, offset + 4, found[0])
    lead = len(raw) - len(raw.lstrip())
    name_field = _field(source, start + lead, start + len(raw.rstrip()), name)
    span = source.span(start, end)
    return Venue(source.text[span.start : span.end], span, name_field, year_field, "plain", "none")


def authors_from_cell(source: Source, cell: Sequence[Piece]) -> Authors | None:
    """Authors written as plain text in a table's authors column."""
    content = [piece for piece in cell if piece.kind != "text" or piece.plain.strip()]
    if not content:
        return None
    start, end = content[0].start, content[-1].end
    raw = source.normalized[start:end]
    lead = len(raw) - len(raw.lstrip())
    start, end = start + lead, start + len(raw.rstrip())
    text = plain_text(content)
    names = split_names(text)
    if not _looks_like_names(text, names):
        return None
    inner = _field(source, start, end, text)
    return Authors(inner.raw, inner.span, inner, tuple(names), "", ";" if ";" in text else ",")
