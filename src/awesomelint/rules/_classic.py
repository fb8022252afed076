"""Classic list items (`- [Name](url) - Description.`): where each part of an item is, and the
conventions the list itself follows, shared by the item-format rules (AL208-AL212).

A convention is what at least 80% of at least 10 items do: the items of the entry's section when the
section has that many items of its own, else the whole list's. Without one the rules are silent.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar, cast

from ..entry_facts import each_fact, fact_getter, keeps_facts, tallied
from ..model import Document, Entry
from ..style import Majority

MIN_ITEMS = 10
MIN_SHARE = 0.8

# What may stand between an item's name and its separator: inline code (`⚠`, a language), badges,
# images, a short note in parentheses, an emoji.
_DECORATION = re.compile(
    r"(?:[ \t]*(?:`[^`\n]+`|!\[[^\]\n]*\]\([^)\n]*\)|\[!\[[^\]\n]*\]\([^)\n]*\)\]\([^)\n]*\)"
    r"|\([^()\n]{1,40}\)|<img\b[^>\n]*>|<sup>[^<\n]*</sup>|[\u2600-\u27bf\U0001F000-\U0001FFFF]\ufe0f?))*"
)
_SPACE = "[ \t\u00a0\u2002-\u200b\u202f]"
# A separator is followed by a space or the description, never by `>` (an arrow) or another dash.
_SEPARATOR = re.compile(rf"(?P<before>{_SPACE}*)(?P<mark>--|-|–|—|:)(?![->–—])(?P<after>{_SPACE}*)")
# A description with no separator starts like a sentence, with a capital and a few words (`A library
# for ...`), not like prose that goes on from the name (`[tm](u) and [quanteda](u) are ...`).
_MISSING = re.compile(rf"{_SPACE}+(?=[A-Z]\S*(?:\s+\S+){{3}})")
# The canonical spacing of each separator: a space on each side of a dash, one after a colon.
CANONICAL = {"-": " - ", "--": " -- ", "–": " – ", "—": " — ", ":": ": "}
SEPARATOR_NAMES = {
    "-": "` - ` (hyphen)",
    "--": "` -- `",
    "–": "` – ` (en dash)",
    "—": "` — ` (em dash)",
    ":": "`: ` (colon)",
    "missing": "no separator",
}


class Item(NamedTuple):
    """A classic item: the name link, then what separates it from the description, then the
    description up to the end of the item's first paragraph."""

    entry: Entry
    name_end: int  # just after the name link (and the emphasis around it)
    separator: str  # a key of CANONICAL, "missing", or "" when nothing follows the name on its line
    separator_start: int
    separator_end: int
    description_start: int
    description_end: int


# What ends an item's first paragraph: a nested list, or a line that is only a link within the
# page (`**[⬆ back to top](#contents)**` glued under the last item belongs to no description).
_PARAGRAPH_STOP = re.compile(
    r"\n[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]|(?:\*\*|__)?\[[^\]\n]*\]\(#[^)\n]*\)(?:\*\*|__)?[ \t]*(?:\n|$))"
)


def _first_paragraph_end(text: str, start: int, end: int) -> int:
    """The end of the paragraph that starts the item, before a blank line or a nested list."""
    stop = text.find("\n\n", start, end)
    stop = end if stop < 0 else stop
    nested = _PARAGRAPH_STOP.search(text, start, stop)
    return nested.start() if nested else stop


def _item(text: str, entry: Entry) -> Item | None:
    if entry.marker not in ("bullet", "ordered") or not entry.links:
        return None
    name = entry.links[0]
    if name.role != "title":
        return None
    lead = text[entry.marker_span.end : name.span.start]
    if lead.strip(" \t") not in ("", "**", "__", "*", "_"):
        return None  # the item does not start with its name link
    position = name.span.end
    closing = lead.strip(" \t")
    if closing and text.startswith(closing, position):
        position += len(closing)
    line_end = text.find("\n", position, entry.span.end)
    if line_end < 0:  # the item's one line (most items): its paragraph, nothing nested
        paragraph_end = line_end = entry.span.end
    else:
        paragraph_end = _first_paragraph_end(text, position, entry.span.end)
        line_end = min(line_end, paragraph_end)
    decorated = _DECORATION.match(text, position, paragraph_end)
    after = decorated.end() if decorated else position
    separator = _SEPARATOR.match(text, after, line_end)
    if separator is not None and separator.end() > after:
        end = separator.end()
        mark = separator["mark"]
        return Item(entry, position, mark, separator.start(), end, end, paragraph_end)
    if text[after:line_end].strip() == "":
        return Item(entry, position, "", after, after, after, paragraph_end)
    missing = _MISSING.match(text, after, line_end)
    if missing is not None and after == position:
        return Item(entry, position, "missing", after, missing.end(), missing.end(), paragraph_end)
    return None  # a comma and more links, a sentence that goes on: no described item


_UNPLACED = object()
# Each entry's item or None (by the entry's id) and the function that placed them, for this run (and
# for a run that follows on the same text: the fixer's rest, which keeps no facts, looks the items
# up in those the fixer's last run kept)
_PLACED = "classic items placed"


def item_of(document: Document, entry: Entry) -> Item | None:
    """The classic item ``entry`` is, if any, placed once per run when first asked about: from the
    entry's facts when they are kept (a rerun need not place every item)."""
    # (no `cast` calls: the rules ask this a dozen times per entry)
    found_placed: tuple[dict[int, Item | None], Callable[[Entry], Item | None]] | None
    found_placed = document.derived.get(_PLACED)  # type: ignore[assignment]
    if found_placed is None:
        found_placed = document.derived[_PLACED] = ({}, _placer(document))
    placed, place = found_placed
    found = placed.get(id(entry), _UNPLACED)
    if found is _UNPLACED:
        found = placed[id(entry)] = place(entry)
    return found  # type: ignore[return-value]  # (an item or None: `_UNPLACED` was replaced)


def _placer(document: Document) -> Callable[[Entry], Item | None]:
    """How a run places an item: from the item's offsets from the entry's start, a fact of the entry
    (see `entry_facts`) when the document keeps facts; else read again, once per run."""
    text = document.text
    if not keeps_facts(document):
        return functools.partial(_item, text)
    offsets = fact_getter(document, "classic item", lambda e: _offsets(_item(text, e), e.span.start))

    def place(entry: Entry) -> Item | None:
        found = offsets(entry)
        if found is None:
            return None
        at = entry.span.start
        name_end, separator, separator_start, separator_end, start, end = found
        return Item(
            entry, at + name_end, separator, at + separator_start, at + separator_end, at + start, at + end
        )

    return place


def _offsets(item: Item | None, at: int) -> tuple[int, str, int, int, int, int] | None:
    if item is None:
        return None
    _, name_end, separator, separator_start, separator_end, start, end = item
    return name_end - at, separator, separator_start - at, separator_end - at, start - at, end - at


def description(document: Document, item: Item) -> str:
    return document.text[item.description_start : item.description_end]


def clear_majority(values: Iterable[str]) -> Majority | None:
    """The value at least 80% of at least 10 items share, or None."""
    counts = Counter(values)
    total = sum(counts.values())
    if total < MIN_ITEMS:
        return None
    value, count = counts.most_common(1)[0]
    return Majority(value, count, total) if count >= MIN_SHARE * total else None


class ItemConventions(NamedTuple):
    """The convention each item is judged by: its section's when the section (by its path) has
    enough counted items of its own, else the list's."""

    whole: Majority | None
    sections: dict[tuple[str, ...], Majority | None]

    def of(self, section: tuple[str, ...]) -> Majority | None:
        return self.sections.get(section, self.whole)

    def decisive(self) -> object:
        """The values the conventions ask for: with these the same, an item judged by them deviates
        or not as before (their counts show in messages only)."""
        return self.whole and self.whole.value, {
            name: found and found.value for name, found in self.sections.items()
        }


# A property of classic items that the list's conventions are counted for (AL208-AL212): what an
# item gives (None: nothing counted; a fact of the item's entry).
_Value = TypeVar("_Value", bound=Callable[[Document, Item], "str | None"])
_PROPERTIES: dict[str, Callable[[Document, Item], str | None]] = {}  # by name
_VALUES = "classic item values"  # each entry's values of every property, as one fact
_COUNTS = "classic item values counted"  # their count over the list, for the rest of this run
_GETTER = "classic item values asked"  # the function giving them, for the rest of this run


def item_property(name: str) -> Callable[[_Value], _Value]:
    """Declare the function decorated as the value of the classic items' property ``name``: each
    item's values of all the properties are worked out at once (one fact of the entry, one call
    per entry) and counted over the list in one count, not one count per rule."""

    def declared(value: _Value) -> _Value:
        _PROPERTIES[name] = value
        return value

    return declared


_Counted = tuple[tuple[str, tuple[str, ...], str], ...]  # (property, section, value) of an entry


def _item_values(document: Document, entry: Entry) -> _Counted:
    item = item_of(document, entry)
    if item is None:
        return ()  # (no property has a value for an entry that is no classic item)
    section = entry.section_path
    return tuple(
        [
            (name, section, got)
            for name, value in _PROPERTIES.items()
            if (got := value(document, item)) is not None
        ]
    )


def _values_of(document: Document) -> Callable[[Entry], _Counted]:
    """Each entry's values as a function of the entry, made once per run (the checks ask it of
    each entry)."""
    found = document.derived.get(_GETTER)
    if found is None:
        found = document.derived[_GETTER] = fact_getter(
            document, _VALUES, functools.partial(_item_values, document)
        )
    return found  # type: ignore[return-value]  # (what fact_getter made)


def _counts(document: Document) -> Counter[tuple[str, tuple[str, ...], str]]:
    """Each property's values counted with their sections over the list, once per run (kept up to
    date between runs as `tallied` keeps its counts)."""
    found = document.derived.get(_COUNTS)
    if found is None:
        # (a count of kept facts keeps each entry's values itself; without, they are kept for the
        # rules' checks, which ask again)
        values = functools.partial(_item_values, document) if keeps_facts(document) else _values_of(document)
        found = document.derived[_COUNTS] = tallied(document, _VALUES, values)
    return cast("Counter[tuple[str, tuple[str, ...], str]]", found)


def counted_conventions(
    document: Document, name: str, judged: Callable[[str], str | None] = lambda value: value
) -> ItemConventions:
    """The conventions of the classic items' property ``name`` (see `item_property`), counted entry
    by entry (kept up to date so between runs); ``judged``: the property's value for a value
    counted (None: not judged)."""
    every: Counter[str] = Counter()
    by_section: dict[tuple[str, ...], Counter[str]] = {}
    for (counted, section, value), times in _counts(document).items():
        # (a count kept up to date may hold a zero)
        if counted == name and times and (got := judged(value)) is not None:
            every[got] += times
            by_section.setdefault(section, Counter())[got] += times
    sections = {
        section: clear_majority(values)
        for section, values in by_section.items()
        if values.total() >= MIN_ITEMS
    }
    return ItemConventions(clear_majority(every), sections)


def counted_values(
    document: Document, name: str
) -> Iterable[tuple[Entry, tuple[tuple[tuple[str, ...], str], ...]]]:
    """Each entry with what `counted_conventions` counts of it for ``name``: its section and value,
    or nothing."""
    return (
        (entry, tuple([(section, value) for counted, section, value in found if counted == name]))
        for entry, found in each_fact(document, _VALUES, _values_of(document))
    )


def counted_value(document: Document, name: str, entry: Entry) -> str | None:
    """The entry's value of the property ``name`` as `counted_conventions` counts it (a fact of the
    entry: kept between runs)."""
    for counted, _, value in _values_of(document)(entry):  # (most entries: none; no generator made)
        if counted == name:
            return value
    return None


_WORD = re.compile(r"[^\W\d_]{2,}")


def has_words(text: str) -> bool:
    """Two words or more: a description made of symbols or emoticons is no sentence to judge."""
    words = _WORD.finditer(text)
    return next(words, None) is not None and next(words, None) is not None  # (no more looked for)


def _opening(text: str, end: int, opening: str, closing: str) -> int:
    """Where the bracket closed at ``text[end - 1]`` opens, or -1."""
    depth = 0
    for index in range(end - 1, -1, -1):
        char = text[index]
        if char == closing:
            depth += 1
        elif char == opening:
            depth -= 1
            if depth == 0:
                return index
        elif char == "\n":
            return -1
    return -1


def _trailing_piece(text: str, end: int) -> int:
    """Where the piece that ends ``text[:end]`` starts, when it is no part of the sentence: closing
    emphasis, inline code, an image or badge, HTML, a parenthesis of links; else ``end``. Each look
    goes back over the piece only, so stripping a whole description stays linear."""
    if text.endswith(("**", "__"), 0, end):
        return end - 2
    last = text[end - 1]
    if last == "`":
        opening = text.rfind("`", 0, end - 1)
        return opening if opening >= 0 else end
    if last == ">":
        opening = text.rfind("<", 0, end)
        return opening if opening >= 0 else end
    if last != ")":
        return end
    opening = _opening(text, end, "(", ")")
    if opening <= 0:
        return end
    if text[opening - 1] != "]":  # a parenthesis: trailing when it holds links (`([Demo](u))`)
        return opening if "](" in text[opening:end] else end
    label = _opening(text, opening, "[", "]")
    if label > 0 and text[label - 1] == "!":
        return label - 1  # an image
    if text.startswith("[![", label):
        return label  # a badge: an image that links
    return end


def prose_end(text: str) -> int:
    """Where a description's sentence ends: before trailing code spans, images and badges, HTML, a
    parenthesis of links (`([Demo](u), [Source](u))`) and closing emphasis."""
    end = len(text.rstrip())
    while end > 0:
        start = _trailing_piece(text, end)
        if start == end:
            break
        while start > 0 and text[start - 1].isspace():
            start -= 1
        end = start
    return end
