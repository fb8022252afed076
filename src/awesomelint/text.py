"""The text of a list and positions in it: spans, lines, and offset translation.

markdown-it-py works on text with normalised line endings and no byte-order mark. We parse that
normalised text, and every span we report is translated back to offsets into the text the user
gave us, so that ``text[span.start:span.end]`` is always the exact source of a node. This module
imports nothing of the project: the model, the reader, the rules and the fixer all stand on it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

BOM = "\ufeff"
LINE_BREAK = re.compile(r"\r\n?|\n")


def line_ending(text: str) -> str:
    """The file's own line ending: the most frequent of CRLF, CR and LF (LF when there is none)."""
    if "\r" not in text:
        return "\n"
    counts = {"\n": 0, "\r\n": 0, "\r": 0}
    for match in LINE_BREAK.finditer(text):
        counts[match[0]] += 1
    return max(counts, key=lambda ending: counts[ending])  # ties keep LF, listed first


def _line_starts(text: str) -> list[int]:
    """Where each line of an LF-only text starts."""
    return [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n")[:-1])]


class Span:
    """A range of the source text. Offsets are 0-based characters, end exclusive; lines and columns
    are 1-based and the end position is exclusive too (the column just after the last character).

    Only the offsets are stored, with the text's table of line starts (shared by every span of a
    text): a parsed list holds hundreds of thousands of spans, and few of them are ever shown."""

    __slots__ = ("_line_starts", "end", "start")

    def __init__(self, start: int, end: int, line_starts: Sequence[int]) -> None:
        self.start = start
        self.end = end
        self._line_starts = line_starts  # offsets where the text's lines start, ascending

    def _position(self, offset: int) -> tuple[int, int]:
        line = max(bisect.bisect_right(self._line_starts, offset) - 1, 0)
        return line + 1, offset - self._line_starts[line] + 1

    @property
    def start_position(self) -> tuple[int, int]:
        """The start's line and column, found together."""
        return self._position(self.start)

    @property
    def end_position(self) -> tuple[int, int]:
        return self._position(self.end)

    @property
    def start_line(self) -> int:
        return self.start_position[0]

    @property
    def start_col(self) -> int:
        return self.start_position[1]

    @property
    def end_line(self) -> int:
        return self.end_position[0]

    @property
    def end_col(self) -> int:
        return self.end_position[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.start == other.start and self.end == other.end

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return (
            f"Span(start={self.start}, end={self.end}, lines {self.start_line}:{self.start_col}"
            f"-{self.end_line}:{self.end_col})"
        )

    def to_dict(self) -> dict[str, int]:
        (start_line, start_col), (end_line, end_col) = self.start_position, self.end_position
        return {
            "start": self.start,
            "end": self.end,
            "start_line": start_line,
            "start_col": start_col,
            "end_line": end_line,
            "end_col": end_col,
        }


class Line(NamedTuple):
    """A line of the original text: 1-based number, start offset, content without the break. A
    tuple: a list of 100,000 lines builds fastest that way."""

    number: int
    start: int
    text: str
    has_break: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Source:
    """The original text, its parser-ready normalised form, and offset translation between them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.has_bom = text.startswith(BOM)
        body = text[1:] if self.has_bom else text
        # Most files have LF breaks and no BOM: there both texts have the same offsets.
        self._same_offsets = not self.has_bom and "\r" not in body
        lf_only = body if self._same_offsets else LINE_BREAK.sub("\n", body)
        self.normalized = lf_only.replace("\0", "\ufffd")
        self._norm_starts = _line_starts(self.normalized)
        if self._same_offsets:
            self._orig_starts = self._norm_starts
        else:  # line starts in the original text, with the BOM counted as part of line 1's prefix
            self._orig_starts = [1 if self.has_bom else 0]
            self._orig_starts.extend(m.end() + self.has_bom for m in LINE_BREAK.finditer(body))

    @classmethod
    def edited(cls, earlier: Source, text: str, changes: Sequence[tuple[int, int, int]]) -> Source:
        """``Source(text)``, where ``text`` is ``earlier``'s text with the sorted ``changes`` made
        (``(start, end, length)``: ``[start:end]`` replaced by ``length`` characters): the lines
        outside the changes are taken from ``earlier`` (moved), not split out again."""
        if not earlier._same_offsets or "\r" in text or "\0" in text or text.startswith(BOM):
            return cls(text)
        source = cls.__new__(cls)
        source.text = source.normalized = text
        source.has_bom, source._same_offsets = False, True
        starts, lines = earlier._norm_starts, list[int]()
        kept, shift = 0, 0  # the first earlier line start not placed yet; how far it moves
        for start, end, length in changes:
            first = bisect.bisect_right(starts, start, kept)  # the lines that start up to the change
            lines.extend(map(shift.__add__, starts[kept:first]))
            written = start + shift  # where the change's text starts now: its lines are found in it
            inside = text.find("\n", written, written + length)
            while inside >= 0:
                lines.append(inside + 1)
                inside = text.find("\n", inside + 1, written + length)
            kept, shift = bisect.bisect_right(starts, end, first), shift + length - (end - start)
        lines.extend(map(shift.__add__, starts[kept:]))
        if not shift and lines == starts:
            lines = starts  # (edits that keep every line where it was: the spans of both texts alike)
        source._norm_starts = source._orig_starts = lines
        return source

    @property
    def line_starts(self) -> Sequence[int]:
        """Where the original text's lines start: the table every span of this text shares."""
        return self._orig_starts

    @property
    def line_count(self) -> int:
        return len(self._norm_starts)

    def norm_line_start(self, line: int) -> int:
        """Offset in the normalised text of the 0-based ``line``."""
        return self._norm_starts[line]

    def norm_line_at(self, offset: int) -> int:
        """The 0-based line of the normalised text that holds ``offset`` (a bisect, not a count)."""
        return bisect.bisect_right(self._norm_starts, offset) - 1

    def norm_line_end(self, line: int) -> int:
        """Offset in the normalised text where the 0-based ``line`` ends, before its line break."""
        return self._norm_starts[line + 1] - 1 if line + 1 < len(self._norm_starts) else len(self.normalized)

    def norm_line_bounds(self, line: int) -> tuple[int, int]:
        """Where the 0-based ``line`` (the last line, for any line past it) starts and ends in the
        normalised text, before its line break: one call where each inline token asks."""
        starts = self._norm_starts
        if line + 1 < len(starts):
            return starts[line], starts[line + 1] - 1
        return starts[-1], len(self.normalized)

    def norm_line(self, line: int) -> str:
        """The 0-based ``line`` of the normalised text, without its line break."""
        return self.normalized[self._norm_starts[line] : self.norm_line_end(line)]

    def span(self, norm_start: int, norm_end: int) -> Span:
        """The span of ``normalized[norm_start:norm_end]``, in original offsets."""
        if self._same_offsets:
            return Span(norm_start, norm_end, self._orig_starts)
        return Span(self.original_offset(norm_start), self.original_offset(norm_end), self._orig_starts)

    def original_offset(self, norm_offset: int) -> int:
        """The offset in the original text of ``norm_offset`` in the normalised text."""
        if self._same_offsets:
            return norm_offset
        line = self.norm_line_at(norm_offset)
        return self._orig_starts[line] + norm_offset - self._norm_starts[line]

    def normalized_offset(self, offset: int) -> int:
        """The offset in the normalised text of ``offset`` in the original text."""
        if self._same_offsets:  # (an offset in the text, as most asked for are, without a call)
            size = len(self.normalized)
            return offset if 0 <= offset <= size else min(max(offset, 0), size)
        line = max(bisect.bisect_right(self._orig_starts, offset) - 1, 0)
        column = offset - self._orig_starts[line]
        return min(self._norm_starts[line] + max(column, 0), len(self.normalized))

    def original_span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (offsets into the original text)."""
        return Span(start, end, self._orig_starts)

    @functools.cached_property
    def lines(self) -> tuple[Line, ...]:
        """The lines of the original text, computed once."""
        text, starts = self.text, self._orig_starts
        if self._same_offsets:  # line feeds only: every line but the last ends with one
            texts = text.split("\n")
            breaks = itertools.chain(itertools.repeat(True, len(texts) - 1), (False,))
            return tuple(map(Line, itertools.count(1), starts, texts, breaks))
        return tuple(self._made_lines(0, len(starts)))

    def forget_lines(self) -> None:
        """Let go of `lines` once built (it is built again if asked for): the fixer's, when a pass's
        fixes are about to replace this text, so that the next text's tree takes the table's memory
        rather than fresh pages."""
        self.__dict__.pop("lines", None)

    def lines_between(self, first: int, stop: int) -> Sequence[Line]:
        """``lines[first:stop]`` (0-based; a ``first`` below 0 is 0), made on their own while the table
        of every line is not built: a rule that reads a few lines (a heading's, those an edit
        touched) builds no table."""
        if "lines" in self.__dict__:  # (built: `cached_property` keeps it there)
            return self.lines[max(first, 0) : stop]
        return self._made_lines(max(first, 0), min(stop, len(self._orig_starts)))

    def line(self, number: int) -> Line:
        """The line numbered ``number`` (from 1), as `lines_between` makes it."""
        return self.lines_between(number - 1, number)[0]

    def _made_lines(self, first: int, stop: int) -> list[Line]:
        text, starts = self.text, self._orig_starts
        made = []
        for index in range(first, stop):
            end = starts[index + 1] if index + 1 < len(starts) else len(text)
            raw = text[starts[index] : end]
            content = raw.rstrip("\r\n")
            made.append(Line(index + 1, starts[index], content, len(content) != len(raw)))
        return made

    def line_span(self, first_line: int, last_line: int) -> Span:
        """The span of whole 0-based lines ``first_line..last_line`` (inclusive), without the break."""
        end = self._norm_starts[last_line] + len(self.norm_line(last_line))
        return self.span(self._norm_starts[first_line], end)
