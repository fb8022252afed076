"""markdown-it's block tokens of an edited text, made from those of the text before the edits (the
fixer's re-read: a pass edits thousands of entries, almost all within their lines, and parsing the
whole text's blocks again was a third of reading it again).

Each edit is one of three kinds:
- within one line of a paragraph (in its content, which still opens with plain text), of an ATX
  heading outside any container (read again on its own), or of a blank line that stays blank:
  every line keeps its kind, indentation and opening, so the block parser makes the same tokens,
  only with those paragraphs' and headings' content;
- blank lines taken out of a run of them, one left, outside code and HTML (how many blank lines
  part two blocks changes nothing): the same tokens on fewer lines;
- any other: the text between the unchanged ATX headings at the start of a line around it (each
  ends whatever comes before it and opens a block of its own) is parsed again, with the heading
  after it, which must still be read as one right after it.
When an edit could change anything else (a link reference definition, a block it reaches into),
None: the text is parsed again.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from markdown_it.common.utils import mdTrim
from markdown_it.token import Token

from ..text import Source
from .tokens import DELIMITER_ROW, LABEL_STOP, UNDERLINE, Parsed, content_line_starts, markdown, read_alike


class Change(NamedTuple):
    """``old[start:end]`` was replaced by ``length`` characters."""

    start: int
    end: int
    length: int


class Shifts:
    """How far sorted ``changes`` moved the text after each of them, found by an offset of the old
    text (`after_old`) or of the new one (`after_new`)."""

    def __init__(self, changes: Sequence[Change]) -> None:
        self.old_ends: list[int] = []  # where each change ends in the old text
        self.new_ends: list[int] = []  # and in the new one
        self.totals: list[int] = []  # how far the text after it moved
        total = 0
        for start, end, length in changes:
            total += length - (end - start)
            self.old_ends.append(end)
            self.new_ends.append(end + total)
            self.totals.append(total)

    def after_old(self, offset: int) -> int:
        """How far the old text's ``offset`` (not inside a change) moved."""
        index = bisect.bisect_right(self.old_ends, offset) - 1
        return self.totals[index] if index >= 0 else 0

    def after_new(self, offset: int) -> int:
        """How far the new text's ``offset`` (not inside a change) had moved."""
        index = bisect.bisect_right(self.new_ends, offset) - 1
        return self.totals[index] if index >= 0 else 0


# The block tokens whose lines are other blocks' lines (a paragraph's and a heading's are their
# inline token's).
_CONTAINERS = frozenset(
    {
        "bullet_list_open",
        "ordered_list_open",
        "list_item_open",
        "blockquote_open",
        "paragraph_open",
        "heading_open",
    }
)
# A paragraph's line that another block could open at (or interrupt the paragraph at), told from
# its first character on: a quote, HTML, a heading, a fence, a list item, a thematic break.
_MAY_OPEN_BLOCK = re.compile(
    r"[<>#]|```|~~~|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|([*_-])(?:[ \t]*\1){2,}[ \t]*$"
)
# A link reference definition: every link that names it, anywhere in the text, reads it. Looked
# for on the lines that hold `]:`, after any quote or list markers (a definition may be in either).
_DEFINITION = re.compile(r"[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+[ \t>]*)*\[(?:[^\]\\\n]|\\.)+\]:")
_new_token = Token.__new__
_WITHIN_LINE, _BLANK_LINES_OUT, _OTHER = range(3)  # the kinds of edit (the module's note)


def edited_tokens(
    earlier: Parsed, source: Source, changes: Sequence[Change]
) -> tuple[list[Token], dict[str, Any]] | None:
    """The block tokens and environment of ``source``'s text, which ``changes`` (sorted, in the
    offsets of ``earlier``'s text) made from the text ``earlier`` read; None when the edits may
    change more than the module's note says."""
    old_source = earlier.source
    if old_source.normalized != old_source.text or source.normalized != source.text or not changes:
        return None  # (a BOM, a CR or a NUL: offsets of the text and its normalised form differ)
    return _Edit(old_source, source, earlier.tokens).tokens(changes, earlier.references)


def defines_references(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a line of ``text`` (of ``text[start:end]``, whole lines) may be a link reference
    definition (some that are not count too)."""
    at = text.find("]:", start, end)
    while at >= 0:
        if _DEFINITION.match(text, text.rfind("\n", 0, at) + 1):
            return True
        at = text.find("]:", at + 2, end)
    return False


class _Placed(NamedTuple):
    """A change, the first and last lines of the old text it is on, and how far the text before it
    moved."""

    change: Change
    first_line: int
    last_line: int
    shift: int


class _Region(NamedTuple):
    """The old lines ``start:end`` (after a heading, up to the next) and their tokens
    ``first:after``, and the tokens of the new text there."""

    start: int
    end: int
    first: int
    after: int
    tokens: list[Token]
    added: int  # how many more lines the new text has there
    references: dict[str, Any]  # the link reference definitions there, on the new text's lines


class _Edit:
    """The tokens of a text edited from another whose tokens are known (`edited_tokens`)."""

    def __init__(self, old_source: Source, source: Source, old_tokens: list[Token]) -> None:
        self.old_source, self.old, self.starts = old_source, old_source.normalized, old_source.line_starts
        self.source, self.new = source, source.normalized
        self.old_tokens = old_tokens
        self.placed: list[_Placed] = []  # the changes, with their lines (`tokens`)

    def tokens(
        self, changes: Sequence[Change], references: dict[str, Any]
    ) -> tuple[list[Token], dict[str, Any]] | None:
        """The new text's tokens and environment (its link reference ``references`` on their new
        lines)."""
        placed = self._placed(changes)
        if placed is None:
            return None
        local: dict[int, tuple[int, int]] = {}  # each line changed within -> how far its start, end moved
        runs: dict[int, int] = {}  # each run of blank lines taken out: its first line -> the line after
        kinds: list[int] = []  # of each change
        for item in placed:
            start, end, length = item.change
            if self._within_line(item):
                known = local.get(item.first_line)
                local[item.first_line] = (
                    known[0] if known else item.shift,
                    item.shift + length - (end - start),
                )
                kinds.append(_WITHIN_LINE)
            elif self._blank_lines_out(item):
                runs[item.first_line] = item.last_line + 1
                kinds.append(_BLANK_LINES_OUT)
            else:
                kinds.append(_OTHER)
        self.placed = placed
        coverage = _Coverage(lambda: [line for line, _ in self.headings], self.old_source.line_count)
        for item, kind in zip(placed, kinds, strict=True):
            if kind == _OTHER and not coverage.add(item.first_line, item.last_line):
                return None
        found = self._patched_lines(local, runs, coverage)
        if found is None:
            return None
        patched, failed = found
        others = [
            item
            for item, kind in zip(placed, kinds, strict=True)
            if kind == _OTHER or item.first_line in failed
        ]
        regions = self._regions(placed, others, self.headings) if others else []
        if regions is None:
            return None
        kept = [(start, end) for start, end in sorted(runs.items()) if _region_at(regions, start) is None]
        lines = _Lines(self.old_source.line_count, kept, regions)
        moved = _moved_references(references, lines, regions)
        if moved is None:
            return None
        return self._made(patched, lines, regions), ({"references": moved} if moved else {})

    def _patched_lines(
        self, local: dict[int, tuple[int, int]], runs: dict[int, int], coverage: _Coverage
    ) -> tuple[dict[int, Token], set[int]] | None:
        """The inline tokens (by index) made anew for the ``local`` lines changed within, and the
        lines of the changes that need their region read again: those of a block other than a
        paragraph or a heading outside any container, or that the edit may turn into another
        block, blank lines taken out of such a block, and a blank line changed into another. None
        as soon as those regions would hold most of the text (`_Coverage`)."""
        changed, run_starts = sorted(local), sorted(runs)
        patched: dict[int, Token] = {}
        failed: set[int] = set()
        unheld: list[int] = []  # changed lines in no block but containers
        count, at, run = len(changed), 0, 0  # the first changed line and run not passed yet
        containers = _CONTAINERS
        for index, token in enumerate(self.old_tokens):
            span = token.map
            if span is None or token.type in containers:
                continue
            start, end = span  # (the blocks that are not containers come in the text's order)
            if not coverage.likely_within(start):
                return None
            while at < count and changed[at] < start:
                unheld.append(changed[at])
                at += 1
            if at < count and changed[at] < end:
                last = bisect.bisect_left(changed, end, at)
                numbers, at = changed[at:last], last
                made = self._patched(index, {number: local[number] for number in numbers})
                if made is not None:
                    patched[index] = made
                elif coverage.add(numbers[0], numbers[-1]):
                    failed.update(numbers)
                else:
                    return None
            while run < len(run_starts) and runs[run_starts[run]] <= start:
                run += 1
            if run < len(run_starts) and run_starts[run] < end:  # blank lines taken out of code or HTML
                if not coverage.add(run_starts[run], runs[run_starts[run]] - 1):
                    return None
                failed.add(run_starts[run])
        unheld += changed[at:]
        for line in unheld:
            if not self._stays_blank(line, local[line]):
                if not coverage.add(line, line):
                    return None
                failed.add(line)
        return patched, failed

    def _placed(self, changes: Sequence[Change]) -> list[_Placed] | None:
        """The changes with their lines; None when they are not apart and in order, or do not
        make a text of the new one's length. (The text between them is the caller's word, as for
        `Source.edited`: comparing it would cost a fifth of the whole.)"""
        starts = self.starts
        placed: list[_Placed] = []
        shift, cursor = 0, 0
        for change in changes:
            start, end, length = change
            if start < cursor or end < start:
                return None
            first = bisect.bisect_right(starts, start) - 1
            placed.append(_Placed(change, first, bisect.bisect_right(starts, max(start, end - 1)) - 1, shift))
            shift += length - (end - start)
            cursor = end
        return placed if len(self.old) + shift == len(self.new) and cursor <= len(self.old) else None

    def _within_line(self, item: _Placed) -> bool:
        start, end, length = item.change
        return (
            self.old.find("\n", start, end) < 0
            and self.new.find("\n", start + item.shift, start + item.shift + length) < 0
        )

    def _blank_lines_out(self, item: _Placed) -> bool:
        """Whether the change takes whole blank lines out, before more text, and leaves a blank
        line where they were."""
        start, end, length = item.change
        old, new = self.old, self.new
        if length or end >= len(old) or start == end or old[start - 1 : start] not in ("", "\n"):
            return False
        if old[end - 1] != "\n" or old[start:end].strip(" \t\n"):
            return False
        at = start + item.shift  # where they were in the new text: the line there or before is blank
        line_end = new.find("\n", at)
        if not new[at : line_end if line_end >= 0 else len(new)].strip(" \t"):
            return True
        return at > 0 and not new[new.rfind("\n", 0, at - 1) + 1 : at - 1].strip(" \t")

    @functools.cached_property
    def headings(self) -> list[tuple[int, int]]:
        """The headings that may part regions: each ATX heading at the start of a line outside any
        container that no change is on, as its line and the index of its opening token."""
        touched = {line for item in self.placed for line in range(item.first_line, item.last_line + 1)}
        old, starts = self.old, self.starts
        return [
            (token.map[0], index)
            for index, token in enumerate(self.old_tokens)
            if token.type == "heading_open"
            and token.level == 0
            and token.map is not None
            and token.map[0] not in touched
            and old.startswith("#", starts[token.map[0]])
        ]

    def _regions(
        self, placed: list[_Placed], others: list[_Placed], headings: list[tuple[int, int]]
    ) -> list[_Region] | None:
        """The regions of text that the ``others`` changes lie in (between two of the
        ``headings``), parsed again; None when one reads otherwise than on its own."""
        lines = [line for line, _ in headings]
        spans: list[list[int]] = []  # each region as the indices of its headings (-1: the text's start)
        for item in others:
            before = bisect.bisect_left(lines, item.first_line) - 1
            after = bisect.bisect_right(lines, item.last_line)
            if spans and before < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], after)
            else:
                spans.append([before, after])
        regions = []
        for before, after in spans:
            region = self._read_again(
                placed,
                headings[before] if before >= 0 else None,
                headings[after] if after < len(headings) else None,
            )
            if region is None:
                return None
            regions.append(region)
        return regions

    def _read_again(
        self, placed: list[_Placed], before: tuple[int, int] | None, after: tuple[int, int] | None
    ) -> _Region | None:
        """The new text from the line after the heading ``before`` (or the start) to the heading
        ``after`` (or the end), read again; None when it defines a link reference, or the heading
        after it is no longer read as one right after it."""
        old, new = self.old, self.new
        start = before[0] + 1 if before is not None else 0
        end = after[0] if after is not None else self.old_source.line_count
        old_start = self.starts[start] if before is not None else 0
        old_end = self.starts[end] if after is not None else len(old)
        new_start = old_start + _shift(placed, old_start)
        new_end = old_end + _shift(placed, old_end) if after is not None else len(new)
        if after is not None and new_end and new[new_end - 1] != "\n":
            return None  # an edit took out the line break before the heading: it is on a line of the region
        heading = new[new_end : new.find("\n", new_end) + 1 or len(new)] if after is not None else ""
        env: dict[str, Any] = {}
        tokens = markdown().parse(new[new_start:new_end] + heading, env)
        references: dict[str, Any] = env.get("references", {})
        if references or defines_references(old, old_start, old_end):  # (links elsewhere read them)
            defined: dict[str, Any] = {}
            markdown().parse(old[old_start:old_end], defined)
            earlier = defined.get("references", {})
            if list(earlier) != list(references) or not read_alike(earlier, references):
                return None  # the link reference definitions changed
        lines = new.count("\n", new_start, new_end)
        if heading:
            read = tokens[-3:]
            if len(read) < 3 or read[0].type != "heading_open" or read[0].level != 0:
                return None
            if read[0].map is None or read[0].map[0] != lines:
                return None
            del tokens[-3:]
        first_line = bisect.bisect_right(self.source.line_starts, new_start) - 1 if new_start else 0
        for token in tokens:
            if token.map is not None:
                token.map = [token.map[0] + first_line, token.map[1] + first_line]
        for definition in references.values():
            definition["map"] = [definition["map"][0] + first_line, definition["map"][1] + first_line]
        first = before[1] + 3 if before is not None else 0
        following = after[1] if after is not None else len(self.old_tokens)
        added = lines - old.count("\n", old_start, old_end)
        return _Region(start, end, first, following, tokens, added, references)

    def _made(self, patched: dict[int, Token], lines: _Lines, regions: list[_Region]) -> list[Token]:
        """The new tokens: the regions' own, and elsewhere the old ones on their new ``lines``, or
        those ``patched`` in their place."""
        old_tokens = self.old_tokens
        shifts = lines.shifts if lines.moves else None
        made: list[Token] = []
        upcoming = iter(regions)
        region = next(upcoming, None)
        index = 0
        while index < len(old_tokens):
            if region is not None and index == region.first:
                made.extend(region.tokens)
                index, region = region.after, next(upcoming, None)
                continue
            token = patched.get(index) or old_tokens[index]
            span = token.map
            if span is not None and shifts is not None and (shifts[span[0]] or shifts[span[1]]):
                token = _copy(token) if token is old_tokens[index] else token
                token.map = [span[0] + shifts[span[0]], span[1] + shifts[span[1]]]
            made.append(token)
            index += 1
        return made

    def _patched(self, index: int, changed: dict[int, tuple[int, int]]) -> Token | None:
        """A copy of the inline token ``index`` of a paragraph or of an ATX heading outside any
        container with the content its ``changed`` lines give it; None for another token, or when
        an edit may do more than change that content."""
        token, opener = self.old_tokens[index], self.old_tokens[index - 1] if index else None
        if token.type != "inline" or opener is None:
            return None
        if opener.type == "paragraph_open":
            content = self._paragraph_content(token, changed)
        elif opener.type == "heading_open" and opener.markup.startswith("#") and opener.level == 0:
            content = self._heading_content(opener, next(iter(changed.values())))
        else:
            return None
        if content is None:
            return None
        made = _copy(token)
        made.content, made.children = content, []
        return made

    def _paragraph_content(self, token: Token, changed: dict[int, tuple[int, int]]) -> str | None:
        """A paragraph's content once its ``changed`` lines are edited (as markdown-it's paragraph
        rule takes it: each line from where its content starts, the whole trimmed), when each
        line opens alike (`_opens_alike`); else None."""
        old, new = self.old, self.new
        first_line = token.map[0] if token.map else 0
        _, content_starts = content_line_starts(self.old_source, token, None)
        if len(content_starts) != token.content.count("\n") + 1:
            return None
        old_parts, new_parts = [], []
        for number, content_start in enumerate(content_starts):
            line = first_line + number
            line_end = self.old_source.norm_line_end(line)
            old_parts.append(old[content_start:line_end])
            moved = changed.get(line)
            if moved is None:
                new_parts.append(old_parts[-1])
                continue
            new_start, new_end = content_start + moved[0], line_end + moved[1]
            if not _opens_alike(
                old, new, self.starts[line], content_start, line_end, new_start, new_end, number == 0
            ):
                return None
            new_parts.append(new[new_start:new_end])
        if mdTrim("\n".join(old_parts)) != token.content:
            return None  # (a line whose content is not its text's tail: tabs in its indentation)
        return mdTrim("\n".join(new_parts))

    def _heading_content(self, opener: Token, moved: tuple[int, int]) -> str | None:
        """An ATX heading's content once its line is edited, read again on its own (outside any
        container, it is one line that reads alike alone); None when the line is no longer such a
        heading of the same level."""
        if opener.map is None or opener.map[1] - opener.map[0] != 1:
            return None
        start, end = self.old_source.norm_line_bounds(opener.map[0])
        tokens = markdown().parse(self.new[start + moved[0] : end + moved[1]], {})
        if len(tokens) != 3 or tokens[0].type != "heading_open" or tokens[0].markup != opener.markup:
            return None
        return tokens[1].content

    def _stays_blank(self, line: int, moved: tuple[int, int]) -> bool:
        """Whether a line changed within, in no block but containers, was blank (spaces and tabs
        only) and is still: outside code and HTML, how many spaces a blank line holds changes
        nothing."""
        start, end = self.old_source.norm_line_bounds(line)
        now = self.new[start + moved[0] : end + moved[1]]
        return not self.old[start:end].strip(" \t") and not now.strip(" \t")


def _opens_alike(
    old: str,
    new: str,
    line_start: int,
    content_start: int,
    line_end: int,
    new_start: int,
    new_end: int,
    first: bool,
) -> bool:
    """Whether a paragraph's line, its content from ``content_start`` to ``line_end`` before the
    edit (from ``new_start`` to ``new_end`` after), is a line of the same paragraph after it: the
    text before the content the same, and the line still opening with plain text, with the same
    indentation (no tab in it), and no table's bar in it."""
    shift = new_start - content_start
    if (
        old[line_start:content_start] != new[line_start + shift : new_start]
        or "\t" in old[line_start:content_start]
    ):
        return False
    old_text, new_text = old[content_start:line_end], new[new_start:new_end]
    stripped = new_text.lstrip(" \t")
    opening = new_text[: len(new_text) - len(stripped)]
    if opening != old_text[: len(opening)] or old_text[len(opening) : len(opening) + 1] in (" ", "\t"):
        return False
    if not stripped or "\t" in opening or "|" in old_text or "|" in new_text:
        return False
    if _MAY_OPEN_BLOCK.match(stripped) or UNDERLINE.fullmatch(stripped) or DELIMITER_ROW.fullmatch(stripped):
        return False
    if first and stripped.startswith("["):  # a link reference definition opens a paragraph's block
        stop = LABEL_STOP.search(stripped, 1)
        return stop is not None and (
            stop[0] == "[" or (stop[0] == "]" and not stripped.startswith(":", stop.end()))
        )
    return True


def _shift(placed: list[_Placed], offset: int) -> int:
    """How far the old text's ``offset`` (not inside a change) moved: by the changes before it (an
    insertion at it is after it)."""
    index = bisect.bisect_left(placed, offset, key=lambda item: item.change.start) - 1
    if index < 0:
        return 0
    start, end, length = placed[index].change
    return placed[index].shift + length - (end - start)


def _moved_references(
    references: dict[str, Any], lines: _Lines, regions: list[_Region]
) -> dict[str, Any] | None:
    """The link reference definitions on the new text's lines: each in a region read again as
    it reads there, the others moved with their lines."""
    moved: dict[str, Any] = {}
    for label, definition in references.items():
        start, end = definition["map"]
        region = _region_at(regions, start)
        if region is None:
            moved[label] = {**definition, "map": [lines.moved(start), lines.moved(end)]}
        elif label in region.references:
            moved[label] = region.references[label]
        else:
            return None
    return moved


_SHORT = 2000  # lines: a text this short is read to its end before the regions found are judged


class _Coverage:
    """The lines of the regions to be read again, counted as they are found: past half the text,
    parsing it all again costs less than moving the rest."""

    def __init__(self, headings: Callable[[], list[int]], count: int) -> None:
        self._headings, self.count = headings, count  # the lines of the headings that part regions
        self.sections: set[int] = set()  # the index of the heading before each (-1: the text's start)
        self.covered = 0

    @functools.cached_property
    def headings(self) -> list[int]:
        return self._headings()

    def likely_within(self, line: int) -> bool:
        """Whether the regions found up to ``line`` leave the whole likely within the bound: up to
        an eighth of a long text, yes; then, while they hold less than three quarters of what has
        been read. (Only a matter of cost: where it errs, the text is parsed whole.)"""
        return line < max(self.count // 8, _SHORT) or 4 * self.covered <= 3 * line

    def add(self, first_line: int, last_line: int) -> bool:
        """Count the sections that lines ``first_line`` to ``last_line`` are in; False when the
        sections counted hold more than half the text."""
        headings = self.headings
        low, high = bisect.bisect_left(headings, first_line) - 1, bisect.bisect_right(headings, last_line)
        for section in range(low, high):
            if section not in self.sections:
                self.sections.add(section)
                end = headings[section + 1] if section + 1 < len(headings) else self.count
                self.covered += end - (headings[section] + 1 if section >= 0 else 0)
        return 2 * self.covered <= self.count


def _region_at(regions: list[_Region], line: int) -> _Region | None:
    """The region (of ``regions``, in the text's order) that holds the old ``line``, if any."""
    index = bisect.bisect_right(regions, line, key=lambda region: region.start) - 1
    return regions[index] if index >= 0 and line < regions[index].end else None


class _Lines:
    """How far each line of the old text moved (in lines) once ``runs`` of blank lines are taken
    out (each as its first line and the line after it) and the ``regions`` read again: a table
    for all lines (a list's tokens ask for tens of thousands)."""

    def __init__(self, count: int, runs: list[tuple[int, int]], regions: list[_Region]) -> None:
        steps = [0] * (count + 2)  # what the shift gains from the line before to each line
        for start, end in runs:
            for line in range(start + 1, end + 1):
                steps[line] -= 1
        for region in regions:
            steps[region.end] += region.added
        self.shifts = list(itertools.accumulate(steps))
        self.moves = any(steps)

    def moved(self, line: int) -> int:
        """The new line of the old ``line`` (a map's start or end: not inside a region)."""
        return line + self.shifts[line]


def _copy(token: Token) -> Token:
    """A copy of a block token (field by field: quicker than the dataclass's machinery)."""
    made = _new_token(Token)
    made.type, made.tag, made.nesting, made.attrs = token.type, token.tag, token.nesting, token.attrs
    made.map, made.level, made.children, made.content = token.map, token.level, token.children, token.content
    made.markup, made.info, made.meta = token.markup, token.info, token.meta
    made.block, made.hidden = token.block, token.hidden
    return made
