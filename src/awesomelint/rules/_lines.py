"""Line facts shared by the text rules: the lines, which lines are verbatim (code, `<pre>`, comments,
front matter) and which end in hard breaks."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import TypeVar

from ..model import Document, Entry, Link
from ..text import Line

T = TypeVar("T")


def lines(document: Document) -> tuple[Line, ...]:
    return document.source.lines


def lines_in(document: Document, parts: Sequence[tuple[int, int]]) -> Sequence[Line]:
    """The lines that start in each part ``text[start:end]`` of ``parts`` (in order and apart; to the
    end of the text: and the empty line after its last line break)."""
    source, size = document.source, len(document.text)
    if whole(document, parts):
        return source.lines
    starts = source.line_starts
    found: list[Line] = []
    for start, end in parts:
        stop = len(starts) if end >= size else bisect.bisect_left(starts, end)
        found.extend(source.lines_between(bisect.bisect_left(starts, start), stop))
    return found


def whole(document: Document, parts: Sequence[tuple[int, int]]) -> bool:
    """Whether ``parts`` are the whole text (a scan of every line)."""
    return len(parts) == 1 and parts[0][0] <= 0 and parts[0][1] >= len(document.text)


def starting_in(
    items: Sequence[T], parts: Sequence[tuple[int, int]], start: Callable[[T], int]
) -> Sequence[T]:
    """The ``items`` (in text order, as the document's links are) whose ``start`` lies in one of
    ``parts`` (in order and apart), found by bisection: all of them for a single part from 0."""
    if len(parts) == 1 and parts[0][0] <= 0 and (not items or start(items[-1]) < parts[0][1]):
        return items
    found: list[T] = []
    for first, end in parts:
        found.extend(
            items[bisect.bisect_left(items, first, key=start) : bisect.bisect_left(items, end, key=start)]
        )
    return found


def entries_in(document: Document, parts: Sequence[tuple[int, int]]) -> Iterable[Entry]:
    """The entries that start in one of ``parts`` (in order and apart), in the list's order: those of
    the sections whose entries reach into a part, not every entry tried (all of them for the whole
    text)."""
    if whole(document, parts):
        return document.iter_entries()
    meets = overlapping(parts)
    return [
        entry
        for entries in itertools.chain([document.entries], (s.entries for s in document.iter_sections()))
        if entries and meets(entries[0].span.start, entries[-1].span.start + 1)
        for entry in starting_in(entries, parts, _entry_start)
    ]


def _entry_start(entry: Entry) -> int:
    return entry.span.start


def link_start(link: Link) -> int:
    """Where a link starts (the document's links are in this order)."""
    return link.span.start


def overlapping(parts: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether ``text[start:end]`` overlaps one of ``parts`` (in order and apart)."""
    ends = [end for _, end in parts]

    def test(start: int, end: int) -> bool:
        index = bisect.bisect_right(ends, start)  # the first part that ends after ``start``
        return index < len(parts) and parts[index][0] < end

    return test


_HTML_VERBATIM = re.compile(r"<pre\b.*?</pre>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?:.*?\r?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)


def front_matter_end(document: Document) -> int:
    """Where the front matter ends (0 without one)."""
    front = _FRONT_MATTER.match(document.text)
    return front.end() if front is not None else 0


def verbatim_lines(document: Document) -> frozenset[int]:
    """Lines where white space is content: code blocks, `<pre>` and comments in HTML, front matter
    (found once per document: several rules ask)."""
    found = document.derived.get("verbatim lines")
    if isinstance(found, frozenset):
        return found
    numbers: set[int] = set()
    for section in [None, *document.iter_sections()]:
        blocks = document.blocks if section is None else section.blocks
        for block in blocks:
            if block.kind == "code":
                numbers.update(range(block.span.start_line, block.span.end_line + 1))
            elif block.kind == "html":
                for match in _HTML_VERBATIM.finditer(block.text):
                    first = block.span.start_line + block.text.count("\n", 0, match.start())
                    numbers.update(range(first, first + match[0].count("\n") + 1))
    for comment in document.comments:
        numbers.update(range(comment.span.start_line, comment.span.end_line + 1))
    front = _FRONT_MATTER.match(document.text)
    if front is not None:
        numbers.update(range(1, front[0].count("\n") + 1 + (not front[0].endswith("\n"))))
    document.derived["verbatim lines"] = result = frozenset(numbers)
    return result


_START, _END, _PARAGRAPHS = attrgetter("start"), attrgetter("end"), attrgetter("paragraphs")


def hard_break_test(document: Document, start: int = 0, end: int | None = None) -> Callable[[int], bool]:
    """Whether a line (by number) is a line of a paragraph followed by another line of it (where two
    trailing spaces are a hard line break, not stray white space): whether a paragraph, list or
    quote holds the start of the next line. Built in offsets: no span's lines are worked out. Given
    ``start`` and ``end``, only for the lines whose next line starts in ``text[start:end]``."""
    stop = len(document.text) if end is None else end
    entries = document.iter_entries()
    if end is not None:  # (spans that end before the lines or start after them hold no next line)
        entries = (e for e in entries if e.span.end >= start and e.span.start <= stop)
    spans = list(itertools.chain.from_iterable(map(_PARAGRAPHS, entries)))
    for section in [None, *document.iter_sections()]:
        blocks = document.blocks if section is None else section.blocks
        spans.extend(
            b.span
            for b in blocks
            if b.kind in ("paragraph", "list", "quote") and b.span.end >= start and b.span.start <= stop
        )
    spans.sort(key=_START)
    starts = list(map(_START, spans))
    reach = []  # the furthest end so far (a step costs less than `accumulate` with `max`)
    furthest = -1
    for span_end in map(_END, spans):
        if span_end > furthest:
            furthest = span_end
        reach.append(furthest)
    line_starts = document.source.line_starts

    def followed(number: int) -> bool:
        if number >= len(line_starts):
            return False  # the last line
        following = line_starts[number]  # (numbers count from 1)
        index = bisect.bisect_left(starts, following) - 1  # the last span that starts before it
        return index >= 0 and reach[index] >= following

    return followed
