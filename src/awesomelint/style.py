"""Dominant-style inference (DESIGN.md step 3): a list is judged against its own conventions.

For each property (venue markup and year style, author markup and separator, entry layout, the host
form of each site, the preprint server's name) the majority of the list's entries sets the style;
configuration can pin any of them. A tie sets nothing: there is no convention to enforce.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import compress, product
from operator import attrgetter, itemgetter, ne
from typing import NamedTuple, cast

from .entry_facts import carried, carry, each_fact, fact_getter, fact_lists, reused, tallied
from .model import STRUCTURED_MARKERS, Document, Entry, Venue
from .urls import split_url
from .venues import INTERCHANGEABLE_PREPRINTS, VenueTable, name_of_its_time


@dataclass(frozen=True)
class Majority:
    """The dominant value of a property, and how many of how many items have it."""

    value: str
    count: int
    total: int
    pinned: bool = False

    def evidence(self, shown: str, noun: str = "entries", verb: str = "write") -> str:
        if self.pinned:
            return f"the configuration asks for {shown}"
        return f"{self.count} of {self.total} {noun} {verb} {shown}"


def majority(values: Iterable[str], pin: str | None = None) -> Majority | None:
    return counted_majority(Counter(values), pin)


def counted_majority(counts: Counter[str], pin: str | None = None) -> Majority | None:
    total = sum(counts.values())
    if pin is not None:
        return Majority(pin, counts[pin], total, pinned=True)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return Majority(ranked[0][0], ranked[0][1], total)


VENUE_SHAPES = {
    "apostrophe": "Venue'YYYY",
    "space": "Venue YYYY",
    "comma": "Venue, YYYY",
    "paren": "Venue (YYYY)",
    "glued": "VenueYYYY",
}
MARKUP_WRAP = {"bold": ("**", "**"), "italic": ("*", "*"), "bracket": ("[", "]"), "plain": ("", "")}


def venue_shape(markup: str, year_style: str) -> str:
    """How a venue of this markup and year style is written, e.g. ``**Venue'YYYY**``; a venue
    without a year (``none``), where the list has no year style either: its name alone."""
    opening, closing = MARKUP_WRAP[markup]
    return f"{opening}{VENUE_SHAPES.get(year_style, 'Venue')}{closing}"


_NOTE = re.compile(r"\s*\([^()\n]{1,40}\)")


def _after_year(venue: Venue) -> str:
    """What the venue's markup holds after the year: a note such as ``(Oral)``, punctuation."""
    if venue.year is None or venue.markup == "plain":
        return ""
    inner_end = venue.span.end - (2 if venue.markup == "bold" else 1)
    after = venue.raw[venue.year.span.end - venue.span.start : inner_end - venue.span.start]
    return after.removeprefix(")") if venue.year_style == "paren" else after


def venue_note(venue: Venue) -> str:
    """A note after the year inside the markup, with its leading space: `` (Oral)``, `` Findings``."""
    match = _NOTE.match(_after_year(venue))
    if match:
        return f" {match[0].strip()}"
    words = _after_year(venue).strip().rstrip(".,;:").strip()
    return f" {words}" if words else ""


def venue_punctuation(venue: Venue) -> str:
    """Punctuation written inside the venue's markup after the year (and any note):
    ``**EMNLP'2020.**``, ``[ACL 2023 Findings.]``."""
    rest = _NOTE.sub("", _after_year(venue), count=1).strip()
    return rest[len(rest.rstrip(".,;:")) :]


# A period that belongs to the last word: an initial or an abbreviation that names or companies end with.
_ABBREVIATION_END = re.compile(
    r"(?:(?<![\w.])[A-Z]|\b(?:al|co|corp|inc|ltd|llc|jr|sr|etc|bros|dept|univ|st|plc|gmbh|ag|sa))\.$",
    re.IGNORECASE,
)


def author_period(entry: Entry) -> str:
    """Whether the author line's closing period is inside its markup (``*A, B.*``)."""
    if entry.authors is None:
        return "none"
    inner = entry.authors.inner.raw.rstrip()
    if not inner.endswith("."):
        return "outside"
    # (a match ends the line and is at most 7 characters long: looked for at its end only)
    if _ABBREVIATION_END.search(inner, max(len(inner) - 8, 0)):
        return "abbreviation"  # `Acme Co., Ltd.`, `Jane Doe et al.`, `John Q.`: the period is the name's
    return "inside"


def entry_layout(entry: Entry) -> str:
    """The entry's fields in source order, paragraphs separated by `` | ``: ``title venue | link``."""
    located: list[tuple[int, str]] = []
    title, venue, authors = entry.title, entry.venue, entry.authors
    if title is not None:
        title_start, title_end = title.span.start, title.span.end
        located.append((title_start, "title"))
    else:
        title_start = title_end = -1  # (no link is around it)
    if venue is not None and not venue.in_badge:
        located.append((venue.span.start, "venue"))
    if authors is not None:
        located.append((authors.span.start, "authors"))
    # (an image-only link, a badge, is decoration; a description's links are prose; the links
    # unpacked: an entry has several, each asked three things)
    for label, _, _, span, _, role in entry.links:
        if label and role != "description" and not (span.start <= title_start and title_end <= span.end):
            located.append((span.start, "link"))
    if entry.description is not None:
        located.append((entry.description.span.start, "description"))
    located.sort()
    if len(entry.paragraphs) <= 1:  # every field in one group (the common case, made quick)
        kinds: list[str] = []
        last = ""
        for _, kind in located:
            if kind != "link" or last != "link":
                kinds.append(kind)
                last = kind
        return " ".join(kinds)
    groups: list[list[str]] = []
    paragraph_index = -1
    for start, kind in located:
        index = _paragraph_at(entry, start)
        if index != paragraph_index or not groups:
            groups.append([])
            paragraph_index = index
        if not (kind == "link" and groups[-1] and groups[-1][-1] == "link"):
            groups[-1].append(kind)
    return " | ".join(" ".join(group) for group in groups)


def _paragraph_at(entry: Entry, offset: int) -> int:
    """The index of the entry's paragraph holding ``offset`` (the last one when none does)."""
    for index, paragraph in enumerate(entry.paragraphs):
        if paragraph.start <= offset < paragraph.end:
            return index
    return len(entry.paragraphs) - 1


def entry_shape(entry: Entry) -> str:
    """How an entry is written down: numbered, a bullet, a paragraph, or a row of one table."""
    return _shape(entry.marker, entry.section_path)


def _shape(marker: str, section_path: tuple[str, ...]) -> str:
    if marker == "table":
        return "table:" + " > ".join(section_path)
    return "numbered" if marker in ("ordered", "glued") else marker


def style_group(entry: Entry) -> str:
    """Entries that a list writes alike: entries of one shape within one part of the list (its top
    two heading levels: a news part and a papers part are written differently)."""
    return _group(entry.marker, entry.section_path)


@functools.lru_cache(maxsize=2**12)  # (a list has a few hundred sections, each of many entries)
def _group(marker: str, section_path: tuple[str, ...]) -> str:
    shape = _shape(marker, section_path)
    return shape if marker == "table" else f"{shape}:" + " > ".join(section_path[:2])


@functools.lru_cache(maxsize=2**12)  # a list uses few layouts, each asked of many entries
def within(layout: str, dominant: str) -> bool:
    """Whether ``layout`` agrees with ``dominant`` on the fields both have: the same order and the
    same paragraphs. A missing field is AL204's concern and an extra one (a code link, a venue that
    only some entries give, one more link after the title) is no different layout."""
    shared = set(layout.replace("|", " ").split()) & set(dominant.replace("|", " ").split())
    mine, theirs = _projected(layout, shared).split(), _projected(dominant, shared).split()
    return mine == theirs or _with_extra_links(mine, theirs)


def _with_extra_links(layout: list[str], dominant: list[str]) -> bool:
    """Whether ``layout`` is ``dominant`` with links added (an optional `[Repo](u)` after the
    title, where most entries have none)."""
    position = 0
    for token in layout:
        if position < len(dominant) and token == dominant[position]:
            position += 1
        elif token != "link":
            return False
    return position == len(dominant)


def _projected(layout: str, kinds: set[str]) -> str:
    groups = [[kind for kind in group.split() if kind in kinds] for group in layout.split(" | ")]
    return " | ".join(" ".join(group) for group in groups if group)


def site(host: str) -> str:
    return host.lower().removeprefix("www.")


@functools.lru_cache(maxsize=2**16)
def url_host(url: str) -> str | None:
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https"):
        return None
    netloc = parts.netloc
    if not any(mark in netloc for mark in "@[:%"):  # no user, port, IPv6 brackets or zone
        return netloc.lower() or None  # (what `hostname` gives, without its parsing)
    return parts.hostname or None


@dataclass
class Style:
    venue_markup: Majority | None = None
    venue_year: Majority | None = None
    venue_punctuation: Majority | None = None
    author_markup: Majority | None = None
    author_separator: Majority | None = None
    author_period: Majority | None = None
    # (entry kind, style group) -> the dominant layout
    layouts: dict[tuple[str, str], Majority] = field(default_factory=dict)
    preprint: Majority | None = None
    # The list's own spelling of each known venue (canonical name -> majority of its spellings).
    venue_spellings: dict[str, Majority] = field(default_factory=dict)
    # The known venues (canonical names) the list spells more than one way.
    mixed_venues: frozenset[str] = frozenset()
    hosts: dict[str, Majority] = field(default_factory=dict)
    # style group -> how many papers it has ("papers") and how many of them have each field
    field_counts: dict[str, Counter[str]] = field(default_factory=dict)
    # Each entry's style group and layout, read once (by the entry's identity: the document keeps
    # its entries alive as long as its style), for the rules that ask for them again: from what the
    # entry says of the style (`_said`, a fact of the entry) when it is one of the list's. Not
    # compared: two styles are equal when the list's conventions are (the engine reuses findings then).
    _groups: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    _layouts: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    _said: Callable[[Entry], _EntryStyle | None] = field(
        default=lambda entry: None, repr=False, compare=False
    )

    def group(self, entry: Entry) -> str:
        found = self._groups.get(id(entry))
        if found is None:
            said = self._said(entry)
            found = self._groups[id(entry)] = said.group if said is not None else style_group(entry)
        return found

    def layout(self, entry: Entry) -> str:
        found = self._layouts.get(id(entry))
        if found is None:
            said = self._said(entry)
            found = said.layout if said is not None else None
            found = self._layouts[id(entry)] = found if found is not None else entry_layout(entry)
        return found

    def fields_of(self, entry: Entry) -> Counter[str]:
        """The field counts of the papers in ``entry``'s style group."""
        found = self.field_counts.get(self.group(entry))
        return found if found is not None else Counter()  # (a default made only when needed)


def is_habit(venues: VenueTable, venue: Venue) -> bool:
    """Whether the venue's spelling may set the list's habit for its venue: not a miscasing of a
    known name (`Arxiv` is wrong however often a list writes it), nor a former name written for a
    year before the renaming (`NIPS 2017` is right in a list that writes `NeurIPS` after)."""
    name = venue.name.text
    year = int(venue.year.text) if venue.year else None
    return venues.miscasing(name) is None and not name_of_its_time(name, year)


class _EntryStyle(NamedTuple):
    """What one entry says of the list's style (a fact of the entry alone: see `entry_facts`)."""

    kind: str
    group: str
    layout: str | None  # None: no layout to compare (no title, or a table row or heading entry)
    venue_markup: str | None  # None: no venue written in the entry's text
    venue_year: str | None  # the year style of a venue with a year that is no date
    venue_punctuation: str | None  # "yes" or "no", of a venue written in the text
    preprint: str | None  # the preprint server named as venue
    spelling: tuple[str, str] | None  # (canonical name, spelling) of a known venue, as a habit
    author_markup: str | None
    author_separator: str | None  # of a line of two or more names
    author_period: str | None
    paper_fields: tuple[str, ...] | None  # of a paper: which fields it has


# A venue's name and year as written -> the preprint server the venue names, and its (canonical
# name, spelling) when its spelling may set the list's habit (`is_habit`)
_VenueNames = dict[tuple[str, str | None], tuple[str | None, tuple[str, str] | None]]


def _venue_names(venues: VenueTable, venue: Venue) -> tuple[str | None, tuple[str, str] | None]:
    canonical = venues.canonical_name(venue.name.text)
    preprint = canonical if canonical in INTERCHANGEABLE_PREPRINTS else None
    spelling = (canonical, venue.name.text) if canonical and is_habit(venues, venue) else None
    return preprint, spelling


def _entry_style(entry: Entry, venues: VenueTable, named: _VenueNames) -> _EntryStyle:
    venue, authors, marker, kind = entry.venue, entry.authors, entry.marker, entry.kind
    structured = marker in STRUCTURED_MARKERS
    venue_markup = venue_year = punctuation = preprint = spelling = None
    if venue is not None:
        # A table writes its venue and year in columns of their own: no venue format to compare.
        # (nor does a venue that is a link's text, `[arXiv](...)`: a label, written as the list's labels are)
        if not structured and venue.markup not in ("badge", "link"):
            venue_markup = venue.markup
            venue_year = venue.year_style if venue.year and not venue.dated else None
            punctuation = "yes" if venue_punctuation(venue) else "no"
        # (once per name and year: a list writes a few hundred venues, each many times)
        written = venue.name.text, venue.year.text if venue.year else None
        found = named.get(written)
        if found is None:
            found = named[written] = _venue_names(venues, venue)
        preprint, spelling = found
    author_markup = separator = period = None
    if authors is not None and authors.markup:
        author_markup = authors.markup
        separator = authors.separator if len(authors.names) > 1 else None
        period = author_period(entry)
        if period == "abbreviation":
            period = None
    # (made as the tuple it is: `_EntryStyle(...)` costs a call more, once per entry of a list)
    return tuple.__new__(
        _EntryStyle,
        (
            kind,
            _group(marker, entry.section_path),
            entry_layout(entry) if entry.title and not structured else None,
            venue_markup,
            venue_year,
            punctuation,
            preprint,
            spelling,
            author_markup,
            separator,
            period,
            _paper_fields(entry) if kind == "paper" else None,
        ),
    )


def _paper_fields(entry: Entry) -> tuple[str, ...]:
    """Which fields a paper has, in the order of `_EntryStyle.paper_fields`."""
    # (one of few tuples, made once each; `own_links` not made to be asked whether it is empty)
    return _FIELD_SETS[
        entry.title is not None,
        entry.venue is not None,
        bool(entry.year),
        entry.authors is not None,
        any(map(_NOT_DESCRIPTION, map(_ROLE, entry.links))),
    ]


_ROLE = attrgetter("role")
_NOT_DESCRIPTION = "description".__ne__
_FIELD_SETS = {
    flags: tuple(compress(("title", "venue", "year", "authors", "link"), flags))
    for flags in product((False, True), repeat=5)
}


# The properties each entry says one value of (or none), counted over the list.
_COUNTED = (
    "venue_markup",
    "venue_year",
    "venue_punctuation",
    "author_markup",
    "author_separator",
    "author_period",
    "preprint",
)


_HOST_COUNT = "style host count"  # the addresses of a run's list, and their hosts counted


def _hosts(document: Document) -> dict[str, Majority]:
    """The dominant form of each site's host, built again only when the list's addresses changed
    (an edit seldom changes one), from the earlier run's count of the hosts when the addresses are
    as many and few differ (a fixer's pass changes a few dozen of tens of thousands)."""
    urls = tuple([link.url for link in document.links])
    earlier = carried(document, _HOST_COUNT)
    before = cast("tuple[tuple[str, ...], Counter[str | None]]", earlier[1]) if earlier else None

    def count() -> dict[str, Majority]:
        counted = _host_count(urls, before)
        carry(document, _HOST_COUNT, (urls, counted))
        return _dominant_hosts(counted)

    found = reused(document, "style hosts", urls, count)
    if before is not None and before[0] == urls:
        carry(document, _HOST_COUNT, before)  # (not counted again: the earlier count holds)
    return found


def _host_count(
    urls: tuple[str, ...], before: tuple[tuple[str, ...], Counter[str | None]] | None
) -> Counter[str | None]:
    """Each host as written counted over ``urls`` (with the cache of `url_host`, which serves AL502's
    look-ups of the same addresses), or ``before``'s count brought up to date by the addresses that
    differ (a count that may hold a zero)."""
    if before is not None and len(before[0]) == len(urls):
        differ = list(compress(range(len(urls)), map(ne, urls, before[0])))
        if len(differ) * 10 < len(urls):
            counted = before[1].copy()
            counted.subtract(map(url_host, map(before[0].__getitem__, differ)))
            counted.update(map(url_host, map(urls.__getitem__, differ)))
            return counted
    return Counter(map(url_host, urls))


def _dominant_hosts(counted: Counter[str | None]) -> dict[str, Majority]:
    host_forms: dict[str, Counter[str]] = {}  # (a count made once per site)
    # Each host as written counted first (a list names a few hundred sites in thousands of links),
    # in the order the list first writes each: the forms are counted as a count of every link's are.
    for host, times in counted.items():
        if host is not None and times > 0:
            forms = host_forms.get(name := site(host))
            if forms is None:
                forms = host_forms[name] = Counter()
            forms[host.lower()] += times
    dominant = {}
    for name, forms in host_forms.items():
        if len(forms) == 1:  # (most sites are written one way: their majority made at once)
            ((form, times),) = forms.items()
            dominant[name] = Majority(form, times, times)
        elif (found := counted_majority(forms)) is not None:
            dominant[name] = found
    return dominant


def _says(document: Document, venues: VenueTable) -> Callable[[Entry], _EntryStyle]:
    """What each entry says of the style, as a function of the entry (a fact of the entry)."""
    # (the venue table is the settings': a run with other settings keeps no facts of this one)
    return fact_getter(document, "style", functools.partial(_entry_style, venues=venues, named={}))


_LAID_OUT = itemgetter(0, 1, 2)  # (of an entry's `_EntryStyle`: its kind, style group and layout)
_LAYOUT_KEY = itemgetter(0, 1)  # (its kind and style group: the key of `Style.layouts`)


def laid_out(
    document: Document, venues: VenueTable, layouts: Mapping[tuple[str, str], str]
) -> list[tuple[Entry, tuple[str, str]]]:
    """The entries laid out as ``layouts`` has it for their entry kind and style group (the key of
    `Style.layouts`), in the list's order, each with that key: as `infer_style` read them (facts of
    the entries, not worked out again, and picked in C: no step per entry of the list)."""
    entries, says = fact_lists(document, "style", _says(document, venues))
    wanted = {(kind, group, layout) for (kind, group), layout in layouts.items()}
    picked = list(map(wanted.__contains__, map(_LAID_OUT, says)))
    return list(zip(compress(entries, picked), map(_LAYOUT_KEY, compress(says, picked)), strict=True))


def venue_habit(document: Document, venues: VenueTable, entry: Entry) -> str | None:
    """The canonical name of the entry's venue when its spelling may set the list's habit for its
    venue (`is_habit`), as the style read it (a fact of the entry, not worked out again)."""
    spelling = _says(document, venues)(entry).spelling
    return spelling[0] if spelling is not None else None


def holding_habits(document: Document, venues: VenueTable, names: frozenset[object]) -> list[Entry]:
    """The entries, in the list's order, whose `venue_habit` is one of ``names`` (from what each
    entry says of the style: no pass over the entries that works anything out again)."""
    return [
        entry
        for entry, said in each_fact(document, "style", _says(document, venues))
        if said.spelling is not None and said.spelling[0] in names
    ]


def infer_style(document: Document, pins: Mapping[str, str], venues: VenueTable) -> Style:
    said = _says(document, venues)
    # Entries of a list say much the same: each distinct say counted once (and the count kept up to
    # date between runs by the entries that came in and went out: a pass over the says, not the list).
    tally = tallied(document, "style says", lambda entry: (said(entry),))
    counts: dict[str, Counter[str]] = {name: Counter() for name in _COUNTED}
    # (each count made once, when its first value comes: `setdefault` would make one per value)
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    groups: defaultdict[str, Counter[str]] = defaultdict(Counter)
    layouts: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for facts, times in tally.items():
        if times <= 0:
            continue  # (a count kept up to date may hold a zero)
        for name, counted in counts.items():
            if (value := getattr(facts, name)) is not None:
                counted[value] += times
        if facts.spelling is not None:
            spellings[facts.spelling[0]][facts.spelling[1]] += times
        if facts.paper_fields is not None:  # which fields papers have (resources need a title and a link)
            fields = groups[facts.group]
            for name in ("papers", *facts.paper_fields):
                fields[name] += times
        if facts.layout is not None:
            layouts[facts.kind, facts.group][facts.layout] += times
    return Style(
        venue_markup=counted_majority(counts["venue_markup"], pins.get("venue-markup")),
        venue_year=counted_majority(counts["venue_year"], pins.get("venue-year")),
        venue_punctuation=counted_majority(counts["venue_punctuation"]),
        author_markup=counted_majority(counts["author_markup"], pins.get("author-markup")),
        author_separator=counted_majority(counts["author_separator"], pins.get("author-separator")),
        author_period=counted_majority(counts["author_period"]),
        layouts={
            key: found
            for key, values in layouts.items()
            if (found := counted_majority(values, pins.get("layout") if key[0] == "paper" else None))
            is not None
        },
        preprint=counted_majority(counts["preprint"], pins.get("preprint")),
        mixed_venues=frozenset(canonical for canonical, names in spellings.items() if len(names) > 1),
        venue_spellings={
            canonical: found
            for canonical, names in spellings.items()
            if (found := counted_majority(names)) is not None and found.count >= 2  # a habit, not a one-off
        },
        hosts=_hosts(document),
        field_counts=dict(groups),
        _said=said,
    )
