"""`add`: a paper entry rendered in the list's own style and placed where the list would put it.

The style is learned, not configured: the paper entries of the section (else of the whole list) are
reduced to their shapes (the entry's text with each field replaced by a slot) and the most common
shape is filled with the record's fields. The new entry is therefore written as the list's majority
writes its papers, byte for byte: markup, field order, venue format, author separator, link label,
numbering and indentation."""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..diagnostic import Edit
from ..evidence.matching import record_venue
from ..evidence.records import Record, as_markdown, normalized_title
from ..model import Document, Entry, Section
from ..style import Style
from ..venues import VenueTable
from .verifier import identifiers

_SLOT = "\x00"  # never in a Markdown file's text: marks a slot in a shape
_NUMBER = re.compile(r"\d+")
_LINK_LABEL = re.compile(r"\[[^\[\]]*\]\($")  # the label before a link's destination
_WORD = re.compile(r"[^\W_]")  # a letter or a digit


class AddError(Exception):
    """The paper cannot be added; the message says why and what to do."""


@dataclass(frozen=True)
class Shape:
    """An entry's text with its fields as slots: ``(kind, text before the slot)`` pairs and a tail."""

    parts: tuple[tuple[str, str], ...]
    tail: str
    separator: str  # between two author names
    year_digits: int  # `'21` or `'2021`
    date_format: str = ""  # the list's date: `{Y}.{m}`, `{Y}-{m}-{d}`, `{b} {Y}` (see _date_format)

    def fill(self, values: dict[str, str]) -> str:
        return "".join(before + values.get(kind, "") for kind, before in self.parts) + self.tail


def shape_of(text: str, entry: Entry) -> Shape | None:
    """The entry's shape, or None when it has a field ``add`` cannot fill (a description, a date in a
    form it does not know, a table row's other cells) or lacks the title. Links other than the
    paper's (code, project) are left out with their frame and separator; a title that is the paper's
    link is one shape too."""
    if entry.title is None or entry.description is not None:
        return None
    date_format = _date_format(entry.date.text) if entry.date is not None else ""
    if date_format is None:
        return None
    if entry.marker == "table":
        return None  # a row has a cell for every column: not a shape to fill from one record
    links = [link for link in entry.own_links if link.label]
    paper = next((link for link in links if link.role in ("title", "paper")), None)
    slots: list[tuple[int, int, str]] = [(entry.marker_span.start, entry.marker_span.end, "marker")]
    for link in links:
        if link is not paper:  # a code or project link has no value to fill: the new entry has none
            slots.append((*_link_extent(text, link.span.start, link.span.end), "drop"))
    links = [paper] if paper is not None else []
    slots.append((entry.title.span.start, entry.title.span.end, "title"))
    if entry.date is not None:
        if text[entry.date.span.start : entry.date.span.end] != entry.date.text:
            return None
        slots.append((entry.date.span.start, entry.date.span.end, "date"))
    venue = entry.venue
    separator, year_digits = ", ", 4
    if venue is not None:
        if venue.in_badge:
            return None  # a badge's image URL is no text to fill
        slots.append((venue.name.span.start, venue.name.span.end, "venue"))
        if venue.year is not None:
            slots.append((venue.year.span.start, venue.year.span.end, "year"))
            year_digits = len(venue.year.text)
    if entry.authors is not None:
        inner = entry.authors.inner
        slots.append((inner.span.start, inner.span.end, "authors"))
        separator = _separator(inner.raw, entry.authors.names)
    for link in links:
        slots.append((link.url_span.start, link.url_span.end, "url"))
    slots.sort()
    start = text.rfind("\n", 0, entry.span.start) + 1  # from the line's start: its indentation
    parts = []
    for slot_start, slot_end, kind in slots:
        if slot_start < start:
            return None
        parts.append((kind, text[start:slot_start]))
        start = slot_end
    marker = text[entry.marker_span.start : entry.marker_span.end]
    tail = text[start : entry.span.end]
    # Words and marks outside the fields are facts the reader did not place (a venue without a year,
    # a note, a star): copied into a new entry they would be false. Only link labels (`[paper](`) may
    # hold words.
    literal = [_LINK_LABEL.sub("", before) if kind == "url" else before for kind, before in parts]
    if any(_WORD.search(piece) or _marks(piece) for piece in [*literal, tail]):
        return None
    parts[0] = ("marker", parts[0][1] + _NUMBER.sub(_SLOT, marker, count=1))
    return Shape(tuple(parts), tail, separator, year_digits, date_format or "")


_MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
)
_MONTHS += ("October", "November", "December")


def _date_format(text: str) -> str | None:
    """How the list writes a paper's date, as a template of `{Y}` (year), `{m}` and `{d}` (two
    digits), `{b}` or `{B}` (a month's short or full name): `2024.05` is `{Y}.{m}`, `May 2024` is
    `{b} {Y}`; None for a form `add` does not write."""
    if found := re.fullmatch(r"\d{4}([./-])\d{2}(\1\d{2})?", text):
        separator = found[1]
        return f"{{Y}}{separator}{{m}}" + (f"{separator}{{d}}" if found[2] else "")
    if found := re.fullmatch(r"([A-Z][a-z]+)\.? \d{4}", text):
        if found[1] in _MONTHS:
            return "{B} {Y}"
        if any(month.startswith(found[1]) and len(found[1]) == 3 for month in _MONTHS):
            return "{b} {Y}" if "." not in text else "{b}. {Y}"
    return None


def written_date(date_format: str, record: Record, preprint: Record | None) -> str:
    """The paper's date as the list writes it: the day its first version appeared on arXiv."""
    published = preprint.published if preprint is not None else record.published
    if published is None:
        raise AddError(
            f"the list dates its papers, and {record.identifier} gives no date (no arXiv version); "
            "add it by hand"
        )
    day = datetime.date.fromisoformat(published)
    month = _MONTHS[day.month - 1]
    return date_format.format(Y=day.year, m=f"{day.month:02d}", d=f"{day.day:02d}", b=month[:3], B=month)


def _marks(text: str) -> bool:
    """Whether ``text`` holds a pictograph (`🌟`, `🔥`): lists use them to mark some papers, and a new
    entry must not inherit the mark."""
    return any(unicodedata.category(char) == "So" for char in text)


def _link_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """A link with what frames it (`[[code](u)]`, `(code)`) and the blanks before it."""
    if start > 0 and end < len(text) and text[start - 1] + text[end] in ("[]", "()"):
        start, end = start - 1, end + 1
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start > 0 and text[start - 1] in ",|/·•&–—":  # the separator before it goes with it
        start -= 1
        while start > 0 and text[start - 1] in " \t":
            start -= 1
    return start, end


def _separator(raw: str, names: Sequence[str]) -> str:
    if len(names) < 2:
        return ", "
    first = raw.find(names[0])
    second = raw.find(names[1], first + len(names[0])) if first >= 0 else -1
    found = raw[first + len(names[0]) : second] if first >= 0 and second > first else ""
    return found if found.strip() in (",", ";", "and", "&") and "\n" not in found else ", "


def dominant_shape(text: str, entries: Sequence[Entry]) -> Shape | None:
    """The most common shape among the papers whose shape has every field most of the papers have
    (a venue, authors, a link, a date): a new entry lacking one would be the odd one out (AL204)."""
    papers = [entry for entry in entries if entry.kind == "paper"]
    present = Counter(kind for entry in papers for kind in _fields(entry))
    wanted = {kind for kind, count in present.items() if 2 * count > len(papers)}
    counts = Counter(
        shape
        for entry in papers
        if (shape := shape_of(text, entry)) is not None and wanted <= {kind for kind, _ in shape.parts}
    )
    return counts.most_common(1)[0][0] if counts else None


def _fields(entry: Entry) -> set[str]:
    """The kinds of slot the entry's fields fill in its shape."""
    found = {"venue" if entry.venue is not None else "", "authors" if entry.authors is not None else ""}
    found |= {"date" if entry.date is not None else "", "url" if entry.own_links else ""}
    return found - {""}


def find_section(document: Document, wanted: str | None) -> Section:
    """The section named by ``wanted`` (its title, or a path of titles joined by `>` or `/`, matched
    at the end and ignoring case; a title holding `/`, such as `Vision/Language`, is found whole, or
    with its `/` written `\\/`), or the one section that holds papers."""
    sections = list(document.iter_sections())
    holding = [s for s in sections if any(e.kind == "paper" for e in s.entries)]
    if wanted is None:
        if len(holding) == 1:
            return holding[0]
        names = "; ".join(" > ".join(s.path) for s in holding[:8]) or "none"
        raise AddError(f"name the section with --section; the sections with papers are: {names}")
    for path in _readings(wanted):
        found = [s for s in sections if [name.casefold() for name in s.path[-len(path) :]] == path]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AddError(
                f"{len(found)} sections named `{wanted}`; give more of its path, such as `Parent > {wanted}`"
            )
    paths = {" > ".join(s.path): s for s in sections}
    close = difflib.get_close_matches(wanted.replace("/", " > "), list(paths), n=3, cutoff=0.5)
    close += [
        path for path in paths if path.casefold().endswith(wanted.strip().casefold()) and path not in close
    ]
    hint = f"; did you mean {' or '.join(f'`{path}`' for path in close[:3])}?" if close else ""
    raise AddError(f"no section named `{wanted}`{hint}")


def _readings(wanted: str) -> list[list[str]]:
    """The paths ``wanted`` may name, casefolded: the whole as one title, then split at `>`, then
    at `/` (but not at an escaped `\\/`)."""
    whole = wanted.replace("\\/", "/").strip().casefold()
    readings = [[whole]]
    for separator in (r">", r"(?<!\\)/"):
        parts = [part.replace("\\/", "/").strip().casefold() for part in re.split(separator, wanted)]
        if len(parts) > 1 and all(parts):
            readings.append(parts)
    return readings


def already_listed(document: Document, record: Record, preprint: Record | None) -> Entry | None:
    """The entry that lists this paper already: the same identifier in a link, or the same title."""
    titles = {normalized_title(r.title) for r in (record, preprint) if r is not None}
    urls = {r.url.rstrip("/").lower() for r in (record, preprint) if r is not None and r.url}
    wanted_ids = {i for r in (record, preprint) if r is not None for i in _ids_of(r)}
    for entry in document.iter_entries():
        if entry.title is not None and normalized_title(entry.title.text) in titles:
            return entry
        if any(link.url.rstrip("/").lower() in urls for link in entry.own_links):
            return entry
        ids = identifiers(entry)
        if {f"arxiv:{ids.arxiv}", f"doi:{(ids.doi or '').lower()}"} & wanted_ids:
            return entry
    return None


def _ids_of(record: Record) -> set[str]:
    found = set()
    if record.identifier.startswith("arXiv "):
        found.add(f"arxiv:{record.identifier.split()[1]}")
    if record.url and "doi.org/" in record.url:
        found.add(f"doi:{record.url.split('doi.org/', 1)[1].lower()}")
    return found


def render(
    shape: Shape, record: Record, preprint: Record | None, number: int, style: Style, venues: VenueTable
) -> str:
    canonical = record_venue(record, venues) if not record.preprint else None
    if canonical is not None:
        habit = style.venue_spellings.get(canonical)
        venue = habit.value if habit is not None else canonical
    elif record.preprint:
        venue = style.preprint.value if style.preprint is not None else "arXiv"
    else:
        venue = as_markdown(record.venue or "arXiv")
    year = record.year or (preprint.year if preprint else None)
    url = record.url or (preprint.url if preprint else None) or ""
    if not url and any(kind == "url" for kind, _ in shape.parts):
        raise AddError(f"{record.identifier} gives no link to the paper; add it by hand")
    if preprint is not None and preprint.url and "arxiv.org" in preprint.url:
        url = preprint.url  # free to read, as most lists link papers
    values = {
        "marker": "",
        "title": as_markdown(record.title.removesuffix(".")),
        "venue": venue,
        "year": "" if year is None else f"{year % 100:02d}" if shape.year_digits == 2 else str(year),
        "authors": shape.separator.join(as_markdown(name) for name in record.authors),
        "url": url,
    }
    if shape.date_format:
        values["date"] = written_date(shape.date_format, record, preprint)
    text = shape.fill(values)
    return text.replace(_SLOT, str(number), 1)


def place(text: str, section: Section, entry_text: Callable[[int], str], record: Record) -> list[Edit]:
    """The edits that insert the entry (``entry_text(number)``) in ``section``: at its place when the
    section is sorted by year or by title, else at its end; the entries after it renumbered."""
    entries = section.entries
    if not entries:
        heading_end = section.span.end
        return [Edit(heading_end, heading_end, "\n\n" + entry_text(1))]
    index = _sorted_place(entries, record)
    numbered = all(e.number is not None for e in entries)
    if index == len(entries):
        last = entries[-1]
        number = (last.number or 0) + 1
        gap = _gap(text, entries[-2], last) if len(entries) > 1 else "\n\n"
        return [Edit(last.span.end, last.span.end, gap + entry_text(number))]
    following = entries[index]
    number = following.number or 1
    gap = _gap(text, entries[index - 1], following) if index > 0 else _gap(text, following, entries[1])
    line_start = text.rfind("\n", 0, following.span.start) + 1
    edits = [Edit(line_start, line_start, entry_text(number) + gap)]
    if numbered:
        for entry in entries[index:]:
            marker = text[entry.marker_span.start : entry.marker_span.end]
            digits = _NUMBER.search(marker)
            if digits is not None and entry.number is not None:
                start = entry.marker_span.start + digits.start()
                edits.append(Edit(start, start + len(digits[0]), str(entry.number + 1)))
    return edits


def _gap(text: str, before: Entry, after: Entry) -> str:
    """What separates two entries: the line ends and blank lines between them."""
    between = text[before.span.end : text.rfind("\n", 0, after.span.start) + 1]
    return between if between.strip() == "" and between else "\n"


def _sorted_place(entries: Sequence[Entry], record: Record) -> int:
    """Where the paper goes when the section is sorted by year (either way) or by title; the end
    otherwise."""
    years = [e.year for e in entries]
    if len(entries) >= 3 and all(y is not None for y in years) and record.year is not None:
        known = [y for y in years if y is not None]
        if known == sorted(known, reverse=True) and known[0] > known[-1]:
            return next((i for i, y in enumerate(known) if y < record.year), len(entries))
        if known == sorted(known) and known[0] < known[-1]:
            return next((i for i, y in enumerate(known) if y > record.year), len(entries))
    titles = [normalized_title(e.title.text) if e.title else "" for e in entries]
    if len(entries) >= 3 and all(titles) and titles == sorted(titles):
        wanted = normalized_title(record.title)
        return next((i for i, t in enumerate(titles) if t > wanted), len(entries))
    return len(entries)
