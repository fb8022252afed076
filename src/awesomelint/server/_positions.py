"""Offsets into a list's text and the editor's positions (0-based line and character, the character
counted in the unit the client and the server agreed on: UTF-16 code units by default).

pygls's own conversion splits the whole text into lines at every call; a list with thousands of
findings needs one table of line starts per text and a bisect per position."""

from __future__ import annotations

import bisect

from lsprotocol import types

from ..text import LINE_BREAK, Source


class Positions:
    """Positions in one text, for one position encoding."""

    def __init__(
        self, text: str, encoding: str = types.PositionEncodingKind.Utf16, source: Source | None = None
    ) -> None:
        """``source``: the text as read, whose table of line starts serves here too."""
        self.text = text
        self.encoding = encoding
        # Lines end at CRLF, CR or LF, as the protocol counts them (and as `Source` does, but for a
        # byte-order mark: the source's first line starts after it, the protocol's before it).
        if source is not None and source.text is text:
            self.starts = list(source.line_starts)
            self.starts[0] = 0
        else:
            self.starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    def _units(self, piece: str) -> int:
        if piece.isascii() or self.encoding == types.PositionEncodingKind.Utf32:
            return len(piece)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(piece.encode("utf-8", "surrogatepass"))
        return len(piece.encode("utf-16-le", "surrogatepass")) // 2

    def place(self, offset: int) -> tuple[int, int]:
        """The line and character of ``offset``."""
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, self._units(self.text[start:offset])

    def position(self, offset: int) -> types.Position:
        line, character = self.place(offset)
        return types.Position(line=line, character=character)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def line_end(self, line: int) -> int:
        """The offset where ``line``'s content ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        if self.text[end - 2 : end] == "\r\n":
            return end - 2
        return end - 1

    def offset(self, position: types.Position) -> int:
        """The offset of ``position``; a position past a line's end is its end, as the protocol says."""
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.line_end(position.line)
        content = self.text[start:end]
        if self._units(content) == len(content):
            return start + min(position.character, len(content))
        units = 0
        for index, character in enumerate(content):
            if units >= position.character:
                return start + index
            units += self._units(character)
        return end
