"""What a reader sees: the guard that keeps safe fixes from changing how a list renders.

A safe fix may change what it means to change (a venue's spelling, a number, the space between two
fields) and nothing else a reader sees. For each pass of safe fixes the fixer compares the list
before and after, read with the same markdown-it options, outside the spans the fixes replaced:

- the same structure: every link, image, emphasis, code span and HTML tag in the same order, and
  the white space of code blocks, front matter and of `<pre>` and comments in HTML unchanged;
- the same frames around links: a link wrapped in brackets (`[[Code](u)]`) stays wrapped, so a
  space that lands inside the wrapper (`][ [Code](u)]`, rendered `[ Code]`) is caught;
- the same visible text, white space runs counted as one space.

When the fixes edit only a few sections, just those are compared (`changed_rendering_in`): each
read by markdown-it on its own, between its heading and the next, as the whole text reads it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .read.fields import walk
from .read.tokens import Parsed, Piece, RowCursor, markdown, parse_tokens
from .text import Source

Span = tuple[int, int]  # offsets into the original text, end exclusive

_VERBATIM_BLOCKS = frozenset({"fence", "code_block", "html_block", "front_matter"})
# The tokens other than inline ones that what a reader sees depends on.
_SEEN_BLOCKS = _VERBATIM_BLOCKS | {"table_open", "table_close", "tr_open", "list_item_open"}
_NON_SPACE = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")
_HTML_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<!--.*?-->)", re.DOTALL | re.IGNORECASE)
_WRAPPERS = "[(])"


@dataclass
class Seen:
    """What a reader sees of a text, apart from some fixed spans."""

    structure: list[str] = field(default_factory=list)
    frames: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def visible(self) -> str:
        return _SPACES.sub(" ", "".join(self.text))


class _Fixed:
    """Sorted, non-overlapping spans in normalised offsets, asked in increasing order."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.starts = [start for start, _ in spans]
        self.spans = list(spans)

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a fixed span; an empty span (an insertion) covers what
        it falls strictly inside."""
        index = bisect.bisect_left(self.starts, end) - 1
        while index >= 0:
            low, high = self.spans[index]
            if low == high and start < low < end:
                return True
            if low < end and start < high:
                return True
            if high <= start:
                return False  # every span before this one ends earlier still
            index -= 1
        return False

    def outside(self, text: str, start: int) -> list[str]:
        """The parts of ``text``, which starts at ``start``, that no span covers (an insertion
        covers no character): the whole text when none does, as for most text."""
        end = start + len(text)
        index = bisect.bisect_left(self.starts, end)
        if index == 0 or self.spans[index - 1][1] <= start:
            return [text]  # every span before ``end`` ends by ``start``
        parts, cursor = [], start
        for low, high in self.spans[max(bisect.bisect_left(self.starts, start) - 1, 0) : index]:
            if high <= cursor or low == high:
                continue
            if low > cursor:
                parts.append(text[cursor - start : low - start])
            cursor = max(cursor, high)
        if cursor < end:
            parts.append(text[cursor - start :])
        return parts


def seen(text: str, fixed: Sequence[Span], parsed: Parsed | None = None) -> Seen:
    """What a reader sees of ``text`` outside the ``fixed`` spans (original offsets); ``parsed`` is
    markdown-it's reading of ``text`` when the caller has it."""
    return seen_in_stretches(text, fixed, parsed, [])[0]


def seen_in_stretches(
    text: str,
    fixed: Sequence[Span],
    parsed: Parsed | None,
    boundaries: Sequence[int],
    only: Collection[int] | None = None,
) -> list[Seen]:
    """What a reader sees of ``text`` outside the ``fixed`` spans, in the stretches of text that
    the ascending ``boundaries`` (original offsets) cut it into: what starts before the first
    boundary, then from each boundary to the next. With ``only``, the blocks of other stretches
    are not looked at (their part stays empty)."""
    parsed = parsed or parse_tokens(Source(text))
    source = parsed.source
    if source.normalized is source.text:  # the same offsets (most texts: no BOM, no CR)
        spans, cuts = _Fixed(sorted(fixed)), list(boundaries)
    else:
        spans = _Fixed(sorted((source.normalized_offset(a), source.normalized_offset(b)) for a, b in fixed))
        cuts = [source.normalized_offset(boundary) for boundary in boundaries]
    stretches = [Seen() for _ in range(len(cuts) + 1)]

    def at(offset: int) -> Seen:
        return stretches[bisect.bisect_right(cuts, offset)] if cuts else stretches[0]

    def looked_at(lines: list[int] | None) -> bool:
        if only is None or lines is None:
            return True
        first = bisect.bisect_right(cuts, source.norm_line_start(lines[0]))
        last = bisect.bisect_right(cuts, source.norm_line_start(max(lines[1] - 1, lines[0])))
        return first in only or any(stretch in only for stretch in range(first + 1, last + 1))

    cells = RowCursor(parsed)
    in_table = False
    for token in parsed.tokens:
        kind = token.type
        if kind == "inline":
            if in_table:  # the cells of a row are found in turn: each is asked for
                _inline(source, cells.cell(token), spans, at)
            elif looked_at(token.map):
                _inline(source, parsed.pieces(token), spans, at)
        elif kind not in _SEEN_BLOCKS:
            continue  # (most tokens: the opening and closing of paragraphs, items and lists)
        elif kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif kind == "tr_open":
            cells.start_row()
        elif kind in _VERBATIM_BLOCKS:
            if looked_at(token.map):
                start = source.norm_line_start(token.map[0]) if token.map else 0
                at(start).structure.append(f"{kind}:{_shape(kind, token.content)}")
        elif kind == "list_item_open" and token.info and token.map:
            marker = token.info + token.markup  # an ordered item's `1.` is seen
            start = source.norm_line_start(token.map[0]) + max(source.norm_line(token.map[0]).find(marker), 0)
            if not spans.covers(start, start + len(marker)) and looked_at(token.map[:1] * 2):
                at(start).text.append(marker)
    return stretches


def _shape(kind: str, content: str) -> str:
    """Where a verbatim block's white space is. In HTML it matters only inside `<pre>` and comments."""
    if kind != "html_block":
        return _NON_SPACE.sub("x", content)
    parts = _HTML_VERBATIM.split(content)
    return "".join(_NON_SPACE.sub("x", part) if index % 2 else "~" for index, part in enumerate(parts))


def _inline(source: Source, pieces: Sequence[Piece], spans: _Fixed, at: Callable[[int], Seen]) -> None:
    """What a reader sees of one inline block (a paragraph, a heading, a cell): all of it in the
    stretch where it starts, as no entry starts inside a paragraph."""
    if not pieces:
        return
    result = at(pieces[0].start)
    text, structure = result.text, result.structure
    normalized = source.normalized
    # Most inline blocks hold no fixed span: each of their pieces is seen whole.
    touched = spans.covers(pieces[0].start, pieces[-1].end)
    links: list[Piece] = []
    markup: list[Piece] = []  # the pieces that are not text
    for piece in walk(pieces):
        kind = piece.kind
        if kind == "text":
            if touched:
                text.extend(spans.outside(piece.plain, piece.start))
            else:
                text.append(piece.plain)
            continue
        markup.append(piece)
        if touched and spans.covers(piece.start, piece.end):
            continue
        if kind == "code":
            structure.append(f"code:{normalized[piece.start : piece.end]}")
            text.append(piece.plain)
        elif kind == "html":
            structure.append(f"html:{normalized[piece.start : piece.end]}")
        else:
            structure.append(f"{kind}:")
            if kind == "link":
                links.append(piece)
    if not links:
        return
    markup_starts = {piece.start for piece in markup}
    markup_ends = {piece.end for piece in markup}
    for link in links:
        # A bracket or parenthesis frames a link when it is text, not another link's own `)` or `[`.
        before = normalized[link.start - 1 : link.start] if link.start not in markup_ends else ""
        after = normalized[link.end : link.end + 1] if link.end not in markup_starts else ""
        result.frames.append((before if before in _WRAPPERS else "") + (after if after in _WRAPPERS else ""))


def changed_rendering(
    before: str,
    after: str,
    replaced: Sequence[Span],
    inserted: Sequence[Span],
    readings: tuple[Parsed | None, Parsed | None] = (None, None),
    boundaries: tuple[Sequence[int], Sequence[int]] = ((), ()),
    only: Collection[int] | None = None,
) -> list[tuple[int | None, str]]:
    """How ``after`` does not read as ``before`` outside the fixed spans: ``replaced`` are the
    spans the fixes replaced in ``before``, ``inserted`` what they put in ``after``; ``readings``
    are markdown-it's readings of the two texts, where the caller has them. ``boundaries`` cut the
    two texts into as many corresponding stretches (the starts of their entries): each problem comes
    with the stretch it is in, or None when no one stretch differs (white space moved across) or
    there is one stretch. The two texts are compared whole first: the stretches only tell where.
    ``only``: the stretches to compare (the others read alike: the caller knows)."""
    olds = seen_in_stretches(before, replaced, readings[0], boundaries[0], only)
    news = seen_in_stretches(after, inserted, readings[1], boundaries[1], only)
    return _compared(olds, news, 0, len(olds) > 1)


def _compared(
    olds: Sequence[Seen], news: Sequence[Seen], first: int, apart: bool
) -> list[tuple[int | None, str]]:
    """How the stretches ``news`` do not read as ``olds`` (numbered from ``first``): nothing when
    the texts they make up read alike; else each stretch that differs (``apart``) or the whole. As
    stretches that each read alike read alike joined (runs of white space met at their ends are one
    space either way), the whole is compared only when a stretch differs."""
    pairs = enumerate(zip(olds, news, strict=True), first)
    found: list[tuple[int | None, str]] = [
        (index, problem) for index, (a, b) in pairs if (problem := _difference(a, b))
    ]
    whole = _difference(_joined(olds), _joined(news)) if found else None
    if whole is None:
        return []
    return found if apart else [(None, whole)]


def _joined(stretches: Sequence[Seen]) -> Seen:
    return Seen(
        [item for part in stretches for item in part.structure],
        [item for part in stretches for item in part.frames],
        [item for part in stretches for item in part.text],
    )


def _difference(old: Seen, new: Seen) -> str | None:
    """Why ``new`` does not read as ``old``, or None."""
    if old.structure != new.structure:
        first = next(
            (i for i, (a, b) in enumerate(zip(old.structure, new.structure, strict=False)) if a != b),
            min(len(old.structure), len(new.structure)),
        )
        shown = old.structure[first] if first < len(old.structure) else "the end"
        return f"the links, emphasis or code would change (at `{shown.split(':', 1)[0]}`)"
    if old.frames != new.frames:
        return "a link would lose the brackets around it (`[[Code](u)]` rendered as `[ Code]`)"
    if old.text != new.text and old.visible() != new.visible():
        return "the text a reader sees would change outside the fixed spans"
    return None


class EditedSection(NamedTuple):
    """A section's own text (from the line after its heading, written with `#` at the start of its
    line, to the next such heading or the end) where the fixes edited it: in the text before them
    and after, with the spans they replaced and those they put in (original offsets)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    replaced: list[Span]
    inserted: list[Span]


def changed_rendering_in(
    before: Source,
    after: Source,
    sections: Sequence[EditedSection],
    references: dict[str, Any],
    boundaries: tuple[Sequence[int], Sequence[int]],
    only: Collection[int] | None,
) -> list[tuple[int | None, str]] | None:
    """`changed_rendering` for texts that differ only inside the edited ``sections`` (their
    ``references``, the link reference definitions of the text before, are all the text defines):
    each section is compared on its own, read alone, and a problem in one is reported as in
    `changed_rendering`. None when a section does not read alone as in its text (a heading around
    it no longer reads as one) or its definitions changed: then only a whole comparison tells.

    Whenever the whole comparison finds a change, so does this one: the texts outside the sections
    are the same and read the same, so if every section reads as before, so do the whole texts."""
    found: list[tuple[int | None, str]] = []
    for section in sections:
        old = _section_reading(before, section.old_start, section.old_end, references)
        new = _section_reading(after, section.new_start, section.new_end, references)
        if old is None or new is None or _defined(old[1]) != _defined(new[1]):
            return None
        first = bisect.bisect_right(boundaries[0], section.old_start)
        cuts = (
            boundaries[0][first : bisect.bisect_left(boundaries[0], section.old_end)],
            boundaries[1][first : bisect.bisect_left(boundaries[1], section.new_end)],
        )
        if len(cuts[0]) != len(cuts[1]) or bisect.bisect_right(boundaries[1], section.new_start) != first:
            return None
        local = None if only is None else {index - first for index in only if index >= first}
        olds = seen_in_stretches(before.text, section.replaced, old[0], cuts[0], local)
        news = seen_in_stretches(after.text, section.inserted, new[0], cuts[1], local)
        found.extend(_compared(olds, news, first, bool(boundaries[0])))
    return found


def _section_reading(
    source: Source, start: int, end: int, references: dict[str, Any]
) -> tuple[Parsed, dict[str, Any]] | None:
    """markdown-it's reading of ``source``'s text from ``start`` (the line after a heading) to
    ``end`` (the start of the next heading's line, or the end), read with those two headings, and
    the link reference definitions it holds; None unless both headings read as headings around it.
    As each heading ends every block before it and starts a new one after it, that is how the
    whole text reads there (its inline parts with the whole text's ``references``)."""
    text = source.normalized
    if not (0 < start <= end <= len(text)) or text[start - 1] != "\n":
        return None
    heading = text.rfind("\n", 0, start - 1) + 1
    following = (text.find("\n", end) + 1 or len(text)) if end < len(text) else end
    own: dict[str, Any] = {}
    tokens = markdown().parse(text[heading:following], own)
    lines = text.count("\n", heading, end)
    if not _heading_at(tokens[:3], 0):
        return None
    if following > end:
        if text[end - 1] != "\n" or not _heading_at(tokens[-3:], lines):
            return None
        tokens = tokens[3:-3]
    else:
        tokens = tokens[3:]
    first_line = bisect.bisect_right(source.line_starts, heading) - 1
    for token in tokens:
        if token.map is not None:
            token.map = [token.map[0] + first_line, token.map[1] + first_line]
    env: dict[str, Any] = {"references": references} if references else {}
    return Parsed(source, tokens, env), own.get("references", {})


def _defined(references: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """What each link reference definition says (not the line it is on)."""
    return {label: (found.get("href"), found.get("title")) for label, found in references.items()}


def _heading_at(tokens: Sequence[Any], line: int) -> bool:
    """Whether ``tokens`` are a heading, not inside any other block, on the one ``line``."""
    return (
        len(tokens) == 3
        and tokens[0].type == "heading_open"
        and tokens[0].level == 0
        and tokens[0].map == [line, line + 1]
    )
