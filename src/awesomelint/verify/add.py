"""`add`: a paper entry rendered in the list's own style and placed where the list would put it.

The style is learned, not configured: the paper entries of the section (else of the whole list) are
reduced to their shapes (the entry's text with each field replaced by a slot) and the most common
shape is filled with the record's fields. The new entry is therefore written as the list's majority
writes its papers, byte for byte: markup, field order, venue format, author separator, link label,
numbering and indentation."""

from __future__ import annotations

import datetime
import difflib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..diagnostic import Edit
from ..evidence.matching import record_venue
from ..evidence.records import Record, as_markdown, normalized_title
from ..model import Document, Entry, Section
from ..style import Style
from ..text import Span
from ..venues import VenueTable
from .verifier import identifiers

_SLOT = "\x00"  # never in a Markdown file's text: marks a slot in a shape
_NUMBER = re.compile(r"\d+")
_LEADING_NUMBER = re.compile(r"[*_]*[\[(](\d{1,4})[\])][*_]*\s")  # `**[3]** `, `(3) `
# the label before a link's destination, one bracket pair inside it allowed (`[[Paper]](`), or an
# HTML link's start (`<a href="`)
_LINK_LABEL = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\($|<a\s[^<>]*href=[\"']?$", re.I)
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
    authors_shown: int = 0  # the names written before `et al.` (0: every name)
    et_al: str = ""  # what follows them (` et al`)
    initials: bool = False  # given names as initials (`G. Hinton`)
    inverted: bool = False  # the first name as `Luo, Ping`
    last_separator: str = ""  # between the last two names, where it differs (`, and `)
    # the marks that end the learned entry (`:star::star:`), not written; shapes that differ in them alone
    # are one shape
    rating: str = field(default="", compare=False)
    blanks: tuple[str, ...] = ()  # a table row's cells that hold no field, by column: the list's blank

    def fill(self, values: dict[str, str]) -> str:
        return "".join(before + values.get(kind, "") for kind, before in self.parts) + self.tail


_FIELD_SLOTS = frozenset({"title", "venue", "year", "authors", "url", "date", "short", "label"})


def shape_of(text: str, entry: Entry) -> Shape | str:
    """The entry's shape, or why it has none: a field ``add`` cannot fill (a description, a date in
    a form it does not know, a venue in a badge), words the reader did not place, a mark. Links other
    than the paper's (code, project) are left out with their frame and separator; a title that is the
    paper's link is one shape too; a table row's cells that hold no field are the list's blank."""
    if entry.title is None:
        return "no title"
    if entry.description is not None and not _links_only(text, entry, entry.description.span):
        return "a description"
    date_format = _date_format(entry.date.text) if entry.date is not None else ""
    if date_format is None:
        return f"a date written `{entry.date.text if entry.date else ''}`"
    start = text.rfind("\n", 0, entry.span.start) + 1  # from the line's start: its indentation
    end = entry.span.end
    cells: list[tuple[int, int]] = []
    if entry.marker == "table":
        end = _entry_end(text, entry)
        cells = _row_cells(text, start, end)
    links = entry.own_links
    paper = next((link for link in links if link.label and link.role in ("title", "paper")), None)
    slots: list[tuple[int, int, str]] = [(entry.marker_span.start, entry.marker_span.end, "marker")]
    for link in links:
        if link is not paper:  # a code link or a badge has no value to fill: the new entry has none
            extent = _link_extent(text, link.span.start, link.span.end)
            cell = next(((a, b) for a, b in cells if a <= link.span.start < b), None)
            slots.append((max(extent[0], cell[0]) if cell else extent[0], extent[1], "drop"))
    slots.append((entry.title.span.start, entry.title.span.end, "title"))
    if entry.date is not None:
        if text[entry.date.span.start : entry.date.span.end] != entry.date.text:
            return f"a date written `{entry.date.text}`"
        slots.append((entry.date.span.start, entry.date.span.end, "date"))
    venue = entry.venue
    separator, last_separator, year_digits = ", ", "", 4
    if venue is not None:
        if venue.in_badge:
            return "a venue in a badge's image"
        slots.append((venue.name.span.start, venue.name.span.end, "venue"))
        year = venue.year
        if year is not None and not (
            entry.date is not None and entry.date.span.start <= year.span.start < entry.date.span.end
        ):  # a year inside the date (`Oct 2025`) is written with the date
            slots.append((year.span.start, year.span.end, "year"))
            year_digits = len(year.text)
    authors = _author_style(entry)
    if isinstance(authors, str):
        return authors
    if entry.authors is not None:
        inner = entry.authors.inner
        slots.append((inner.span.start, inner.span.end, "authors"))
        separator, last_separator = _separators(inner.raw, entry.authors.names, authors[3])
    if paper is not None:
        slots.append((paper.url_span.start, paper.url_span.end, "url"))
        label = _title_label(text, paper.span.start, paper.url_span.start)
        if label is not None and not label[0] <= entry.title.span.start < label[1]:  # a title of its own
            slots.append((*label, "label"))
    slots = _blank_cells(text, cells, slots)
    slots.sort(key=lambda slot: (slot[0], slot[2] != "marker", slot[1]))  # the marker first
    parts = []
    for slot_start, slot_end, kind in slots:
        if slot_start < start:
            return "fields that overlap"
        parts.append((kind, text[start:slot_start]))
        start = slot_end
    marker = text[entry.marker_span.start : entry.marker_span.end]
    tail = text[start:end].rstrip(" \t")  # blanks that end a line are no break there (AL601)
    tail, rated = _without_rating(tail)
    parts = _short_name(parts, entry.title.text)
    number = _number_span(text, entry)
    if len(parts) > 1 and number is not None and number[0] >= entry.marker_span.end:  # `**[3]** ...`
        offset = number[0] - entry.marker_span.end
        kind, before = parts[1]
        parts[1] = (kind, before[:offset] + _SLOT + before[offset + number[1] - number[0] :])
    parts = [(kind, _emptied_notes(text, before)) for kind, before in parts]
    tail = _emptied_notes(text, tail)
    # Words and marks outside the fields are facts the reader did not place (a venue without a year,
    # a note, a star): copied into a new entry they would be false. Only link labels (`[paper](`) may
    # hold words; tags without attributes (`<br />`) are layout.
    literal = [_LINK_LABEL.sub("", before) if kind == "url" else before for kind, before in parts]
    literal = [  # an HTML link's label follows its destination (`<a href="u">Paper</a>`)
        _HTML_LABEL.sub("", piece) if index and parts[index - 1][0] == "url" else piece
        for index, piece in enumerate([*literal, tail])
    ]
    for piece in literal:
        piece = _TAG.sub("", piece)
        if (found := _marks(piece)) or (found := _WORD.search(piece)):
            return f"words or marks that are no field (`{_around(piece, found)}`)"
    parts[0] = ("marker", parts[0][1] + _NUMBER.sub(_SLOT, marker, count=1))
    shown, et_al, initials, inverted = authors
    return Shape(
        tuple(parts),
        tail,
        separator,
        year_digits,
        date_format or "",
        shown,
        et_al,
        initials,
        inverted,
        last_separator,
        rated,
    )


def _title_label(text: str, start: int, url_start: int) -> tuple[int, int] | None:
    """Where the paper link's label is the paper's title (`[SciMMIR: Benchmarking ...](u)` beside a
    name): four words or more, or a colon, which no label such as `paper` or `[PDF]` has. The new
    entry's label is its own title, never the learned one's."""
    if text[start : start + 1] != "[" or text[url_start - 2 : url_start] != "](":
        return None
    label = text[start + 1 : url_start - 2]
    return (start + 1, url_start - 2) if len(label.split()) >= 4 or ":" in label else None


def _emptied_notes(text: str, piece: str) -> str:
    """The piece with each note that the list also writes empty emptied as it does (`(@Google)` as
    `(@)`, where a row with no affiliation writes `(@)`): the record knows nothing of it, and the
    list's own blank says so."""

    def emptied(note: re.Match[str]) -> str:
        blank = f"({note[1]})"
        return blank if _WORD.search(note[0]) and blank in text else note[0]

    return _NOTE.sub(emptied, piece)


_NOTE = re.compile(r"\(([^\w\s()]+)[^()\n]*\)")  # a sign, then words, in parentheses: `(@Google)`


def _without_rating(tail: str) -> tuple[str, str]:
    """The entry's end without the marks that close it (`:star::star:`, `⭐️⭐️`), and those marks: a
    rating is the maintainer's opinion of a paper they have read, no fact of a record."""
    kept = tail
    while True:
        trimmed = kept.rstrip()
        found = re.search(r":[a-z0-9_+-]+:$", trimmed)
        if found is not None:
            kept = trimmed[: found.start()]
        elif trimmed and (unicodedata.category(trimmed[-1]) == "So" or trimmed[-1] == "\ufe0f"):
            kept = trimmed[:-1]
        else:
            break
    return (kept.rstrip(" \t"), tail[len(kept.rstrip(" \t")) :].strip()) if kept != tail else (tail, "")


def _number_span(text: str, entry: Entry) -> tuple[int, int] | None:
    """Where the entry's number is written: in its marker (`3.`), or in the marks that open it
    before any field (`**[3]** Lee, Ann. ...`)."""
    marker = text[entry.marker_span.start : entry.marker_span.end]
    if (digits := _NUMBER.search(marker)) is not None:
        return entry.marker_span.start + digits.start(), entry.marker_span.start + digits.end()
    found = _LEADING_NUMBER.match(text, entry.marker_span.end)
    fields = [entry.title, entry.authors, entry.venue.name if entry.venue else None, entry.date]
    first = min(
        [f.span.start for f in fields if f is not None] + [link.span.start for link in entry.own_links]
    )
    if found is None or found.end() > first:
        return None
    return found.span(1)


# a tag without attributes (`<br />`, `</b>`), or a table's own (`<td align="center">`): layout
_TAG = re.compile(r"</?(?:[A-Za-z][A-Za-z0-9]*\s*/?|t[dhr]\b[^<>]*)>")
_HTML_LABEL = re.compile(r"^[\"']?>[^<>]*</a>")  # the rest of `<a href="u">Paper</a>` after `u`
_HTML_CELL = re.compile(r"<t[dh]\b[^<>]*>(.*?)</t[dh]>", re.S | re.I)
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")  # an emoji's short code (`:star:`)
_INITIALS = re.compile(r"(?:[A-Z]\.[ -]?)+")  # `G.`, `J. R.`, `J.-P.`


def _around(piece: str, found: re.Match[str]) -> str:
    """A few characters of ``piece`` around what was found, to name it in a message."""
    words = piece[max(0, found.start() - 12) : found.end() + 12]
    return " ".join(words.split())


def _links_only(text: str, entry: Entry, span: Span) -> bool:
    """Whether the stretch holds nothing but the entry's own links (`[[Paper]](u) [[Code]](u)`): the
    reader's description then says nothing the links do not."""
    kept = list(text[span.start : span.end])
    for link in entry.own_links:
        for offset in range(max(link.span.start, span.start), min(link.span.end, span.end)):
            kept[offset - span.start] = " "
    return _WORD.search("".join(kept)) is None


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _entry_end(text: str, entry: Entry) -> int:
    """The end of the entry's last line; of a table row, the whole row's (a Markdown row's cells
    run past its fields; an HTML row ends at its `</tr>`)."""
    end = _line_end(text, entry.span.end)
    if entry.marker == "table" and text[text.rfind("\n", 0, entry.span.start) + 1 :].lstrip().startswith("<"):
        closing = re.compile(r"</tr\s*>|<tr\b", re.I).search(text, entry.span.end)
        if closing is not None and closing[0].lower().startswith("</"):
            end = _line_end(text, closing.end())
    return end


def _row_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A table row's cells: the stretches between its unescaped `|` (GFM splits a row there first,
    code and links included), or an HTML row's `<td>` contents."""
    if text[start:end].lstrip().startswith("<"):
        return [(start + cell.start(1), start + cell.end(1)) for cell in _HTML_CELL.finditer(text[start:end])]
    pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", text[start:end])]
    row = text[start:end]
    bounds = ([] if row.lstrip().startswith("|") else [-1]) + pipes
    if not row.rstrip().endswith("|"):
        bounds.append(len(row))
    return [(start + a + 1, start + b) for a, b in itertools.pairwise(bounds) if a < b]


def _blank_cells(
    text: str, cells: Sequence[tuple[int, int]], slots: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A table row's slots with each cell that holds no field (a name, a code link, a star) made
    a blank of its column (``blank:N``): what it holds is no fact of the new paper."""
    kept = list(slots)
    for column, (start, end) in enumerate(cells):
        inside = [slot for slot in slots if start <= slot[0] < end and slot[2] != "marker"]
        if any(kind in _FIELD_SLOTS for _, _, kind in inside):
            continue
        content = text[start:end]
        left = start + len(content) - len(content.lstrip())
        right = max(left, end - (len(content) - len(content.rstrip())))
        kept = [slot for slot in kept if slot not in inside]
        kept.append((left, right, f"blank:{column}"))
    return kept


def _short_name(parts: list[tuple[str, str]], title: str) -> list[tuple[str, str]]:
    """The parts with the paper's short name made a slot (`**D2E**: "D2E: Scaling ..."`): the words
    before the title's colon, written again outside it."""
    short = title.split(":", 1)[0].strip() if ":" in title else ""
    if not short or len(short) > 30:
        return parts
    found = re.compile(rf"(?<![^\W_]){re.escape(short)}(?![^\W_])")
    for index, (kind, before) in enumerate(parts):
        if kind != "url" and (match := found.search(before)) is not None:
            return [
                *parts[:index],
                ("short", before[: match.start()]),
                (kind, before[match.end() :]),
                *parts[index + 1 :],
            ]
    return parts


def _author_style(entry: Entry) -> tuple[int, str, bool, bool] | str:
    """How the entry writes its authors: the number of names before `et al.` (0: all), what follows
    them, whether given names are initials, whether the first name is inverted (`Luo, Ping`); or why
    ``add`` cannot write them so."""
    if entry.authors is None or not entry.authors.names:
        return 0, "", False, False
    names = entry.authors.names
    given = [name.rsplit(" ", 1)[0] + " " for name in names if " " in name]
    initials = bool(given) and all(_INITIALS.fullmatch(part) for part in given)
    inner = entry.authors.inner.text
    inverted = " " in names[0] and inner.startswith(_inverted(names[0]))
    if not entry.authors.et_al:
        return 0, "", initials, inverted
    written = _inverted(names[-1]) if inverted and len(names) == 1 else names[-1]
    last = inner.rfind(written)
    if last < 0:
        return "authors written in a form add cannot fill"
    return len(names), inner[last + len(written) :], initials, inverted


def _inverted(name: str) -> str:
    """`Ping Luo` as `Luo, Ping`."""
    given, surname = name.rsplit(" ", 1)
    return f"{surname}, {given}"


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
    `{b} {Y}`, `2024` is `{Y}`; None for a form `add` does not write."""
    if re.fullmatch(r"\d{4}", text):
        return "{Y}"
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


def _marks(text: str) -> re.Match[str] | None:
    """A pictograph in ``text`` (`🌟`, `🔥`, `:star:`): lists use them to mark some papers, and a new
    entry must not inherit the mark."""
    for index, char in enumerate(text):
        if unicodedata.category(char) == "So":
            return re.compile(".").match(text, index)
    return _SHORTCODE.search(text)


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


def _separators(raw: str, names: Sequence[str], inverted: bool) -> tuple[str, str]:
    """What the list writes between two names, and between the last two where that differs
    (`Lee, Ann, Bo Chen, and Cy Dee`: `, ` and `, and `); `, ` where the names are not found
    joined by a comma, a semicolon or a conjunction."""
    written = [_inverted(names[0]) if inverted and " " in names[0] else names[0], *names[1:]]
    bounds, offset = [], 0
    for name in written:
        at = raw.find(name, offset)
        if at < 0:
            return ", ", ""
        bounds.append((at, at + len(name)))
        offset = at + len(name)
    between = [raw[a[1] : b[0]] for a, b in itertools.pairwise(bounds)]
    if not between or not all(_JOIN.fullmatch(joint) and "\n" not in joint for joint in between):
        return ", ", ""
    last = between[-1]
    if len(between) == 1:  # one joint: the last one when it holds the conjunction
        return (", ", last) if _CONJUNCTION.search(last) else (last, "")
    return between[0], "" if last == between[0] else last


_CONJUNCTION = re.compile(r"(?:^|\s)(?:and|&)\s")
_JOIN = re.compile(r"\s*[,;]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")


def ranked_shapes(text: str, entries: Sequence[Entry]) -> list[Shape]:
    """The shapes of the papers whose shape has every field most of the papers have (a venue,
    authors, a link, a date: a new entry lacking one would be the odd one out, AL204), the most
    common first. Raises AddError naming why no paper gives one."""
    papers = [entry for entry in entries if entry.kind == "paper"]
    present = Counter(kind for entry in papers for kind in _fields(entry))
    wanted = {kind for kind, count in present.items() if 2 * count > len(papers)}
    shapes: Counter[Shape] = Counter()
    reasons: Counter[str] = Counter()
    named = _named_by_short_names(papers)
    for entry in papers:
        shape = shape_of(text, entry)
        if isinstance(shape, str):
            reasons[shape] += 1
            continue
        if named:  # the title slot holds the paper's short name
            shape = replace(shape, parts=tuple(("short" if k == "title" else k, b) for k, b in shape.parts))
        if wanted <= {kind for kind, _ in shape.parts}:
            shapes[shape] += 1
        else:
            reasons[f"no {' or '.join(sorted(wanted - {kind for kind, _ in shape.parts}))}"] += 1
    if not shapes:
        why = reasons.most_common(1)[0][0] if reasons else "no paper entry"
        raise AddError(
            f"no paper entry whose shape add can fill ({why}, the most common reason); write this one by hand"
        )
    return [_with_blanks(text, papers, shape) for shape, _ in shapes.most_common()]


def _named_by_short_names(papers: Sequence[Entry]) -> bool:
    """Whether the list names its papers by their short names (`WebGPT`, `Inner Monologue`) beside
    a link to the paper: three in four titles or more are two words or fewer without a colon and
    no link, which few papers' titles are (a quarter at most in the lists seen; nine in ten in a
    table of models)."""
    titles = [entry for entry in papers if entry.title is not None]
    short = [
        entry
        for entry in titles
        if entry.title is not None
        and len(entry.title.text.split()) <= 2
        and ":" not in entry.title.text
        and not any(link.role == "title" for link in entry.own_links)
    ]
    return len(titles) >= 3 and 4 * len(short) >= 3 * len(titles)


def _with_blanks(text: str, rows: Sequence[Entry], shape: Shape) -> Shape:
    """The shape with what each of its table's columns writes when it has nothing to say, and the
    rating its blank cells leave out (a column of marks alone)."""
    columns = [int(kind[6:]) for kind, _ in shape.parts if kind.startswith("blank:")]
    cells = [_column(text, rows, column) for column in range(max(columns, default=-1) + 1)]
    rating = shape.rating or next((found for c in columns if (found := _rating_of(cells[c]))), "")
    return replace(shape, blanks=tuple(_blank_of(column) for column in cells), rating=rating)


def _column(text: str, rows: Sequence[Entry], column: int) -> list[str]:
    """The contents of a column's cells in the table rows among ``rows``."""
    found = []
    for row in rows:
        if row.marker != "table":
            continue
        start = text.rfind("\n", 0, row.span.start) + 1
        cells = _row_cells(text, start, _entry_end(text, row))
        if column < len(cells):
            found.append(text[cells[column][0] : cells[column][1]].strip())
    return found


def _blank_of(cells: Sequence[str]) -> str:
    """What the table writes in a column when it has nothing to say (`-`, `N/A`, nothing): the most
    common content of the column's cells that hold no word and no link; a mark (`⚠️`) only in a
    column of links, where it stands for none (a column of marks alone is a rating: nothing)."""
    linked = any("](" in cell or "<a " in cell for cell in cells)
    found = Counter(
        cell for cell in cells if "](" not in cell and "<a " not in cell and not _WORD.search(cell)
    )
    return next((content for content, _ in found.most_common() if linked or not _marks(content)), "")


def _rating_of(cells: Sequence[str]) -> str:
    """The most common content of a column of marks alone (`⭐️⭐️`): a rating, the maintainer's to
    give; nothing for any other column."""
    rated = cells and all(_marks(cell) and not _WORD.search(cell) and "](" not in cell for cell in cells)
    return Counter(cells).most_common(1)[0][0] if rated else ""


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
        "authors": _written_authors(shape, record.authors),
        "url": url,
        "label": as_markdown(record.title.removesuffix(".")),
        "short": short_name(record.title),
    }
    if not values["short"] and any(kind == "short" for kind, _ in shape.parts):
        raise AddError(
            "the list writes each paper's short name (the words before its title's colon), "
            f"and the title of {record.identifier} has none; add it by hand"
        )
    values.update((f"blank:{column}", blank) for column, blank in enumerate(shape.blanks))
    if shape.date_format == "{Y}":  # a year alone is the paper's year, as the venue's would be
        values["date"] = values["year"] or str(year or "")
    elif shape.date_format:
        values["date"] = written_date(shape.date_format, record, preprint)
    text = shape.fill(values)
    return text.replace(_SLOT, str(number), 1)


def _written_authors(shape: Shape, names: Sequence[str]) -> str:
    """The record's names as the list writes them: initials for given names, the first one
    inverted, the first ones and `et al.`, joined by the list's separator."""
    if shape.initials:
        names = [_initials(name) for name in names]
    if shape.inverted and names and " " in names[0]:
        names = [_inverted(names[0]), *names[1:]]
    if shape.authors_shown and len(names) > shape.authors_shown:
        shown = names[: shape.authors_shown]
        return shape.separator.join(as_markdown(name) for name in shown) + shape.et_al
    written = [as_markdown(name) for name in names]
    if shape.last_separator and len(written) > 1:
        return shape.separator.join(written[:-1]) + shape.last_separator + written[-1]
    return shape.separator.join(written)


def _initials(name: str) -> str:
    """`Geoffrey E. Hinton` as `G. E. Hinton`."""
    *given, surname = name.split()
    return " ".join([*(part[0] + "." for part in given if part[:1].isalpha()), surname])


def short_name(title: str) -> str:
    """The paper's short name, the words before its title's colon (`D2E` of `D2E: Scaling ...`)."""
    short = title.split(":", 1)[0].strip() if ":" in title else ""
    return as_markdown(short) if 0 < len(short) <= 30 else ""


def place(text: str, section: Section, entry_text: Callable[[int], str], record: Record) -> list[Edit]:
    """The edits that insert the entry (``entry_text(number)``) in ``section``: at its place when the
    section is sorted by year or by title, else at its end; the entries after it renumbered."""
    entries = section.entries
    if not entries:  # after the heading and the section's own prose, before any sub-section
        prose = [block.span.end for block in section.blocks if block.kind in ("paragraph", "quote")]
        end = _line_end(text, max([section.span.end, *prose]))
        return [Edit(end, end, "\n\n" + entry_text(1))]
    index = _sorted_place(entries, record)
    numbers = [_number_span(text, e) for e in entries]
    values = [_number_of(text, found) for found in numbers]
    bracketed = all(
        found and found[0] >= e.marker_span.end for found, e in zip(numbers, entries, strict=True)
    )
    if bracketed and any(b != a + 1 for a, b in itertools.pairwise(values)):  # `[2023]` counts nothing
        raise AddError("the entries open with numbers in brackets that do not count them; add it by hand")
    if index == len(entries):
        last = entries[-1]
        number = _number_of(text, numbers[-1]) + 1
        gap = _gap(text, entries) if len(entries) > 1 else "\n\n"
        if last.marker == "table":  # a blank line would end the table
            gap = "\n"
        end = _entry_end(text, last)
        return [Edit(end, end, gap + entry_text(number))]
    following = entries[index]
    number = _number_of(text, numbers[index]) or 1
    gap = _gap(text, entries)
    line_start = text.rfind("\n", 0, following.span.start) + 1
    edits = [Edit(line_start, line_start, entry_text(number) + gap)]
    if all(numbers):
        for found in numbers[index:]:
            if found is not None:
                edits.append(Edit(found[0], found[1], str(_number_of(text, found) + 1)))
    return edits


def _number_of(text: str, found: tuple[int, int] | None) -> int:
    return int(text[found[0] : found[1]]) if found is not None else 0


def _gap(text: str, entries: Sequence[Entry]) -> str:
    """What most often separates two entries of the section: the line end and the blank line
    between them, if any (two blank lines in a row are one too many, AL602)."""
    gaps: Counter[str] = Counter()
    for before, after in itertools.pairwise(entries):
        between = text[_entry_end(text, before) : text.rfind("\n", 0, after.span.start) + 1]
        if between.strip() == "" and 0 < between.count("\n") <= 2:
            gaps[between] += 1
    return gaps.most_common(1)[0][0] if gaps else "\n"


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
