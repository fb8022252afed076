"""The text of each open list, kept in step with the editor's changes as the protocol counts lines:
only CRLF, CR and LF end a line. (pygls applies changes by Python's `splitlines`, which also breaks
at form feeds, U+2028 and other separators that real lists contain: a change after one of them
would land in the wrong place.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types

from ._positions import Positions


@dataclass
class OpenText:
    text: str
    version: int | None
    encoding: str

    def apply(
        self,
        changes: Sequence[types.TextDocumentContentChangeEvent],
        version: int | None,
        known: Positions | None = None,
    ) -> None:
        """Apply the changes of one `didChange`, in order (each is relative to the text the previous
        one left); ``known``: the positions of a text, used if it is the text now (the text last
        linted, most often)."""
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                positions = known
                if positions is None or (positions.text, positions.encoding) != (self.text, self.encoding):
                    positions = Positions(self.text, self.encoding)
                start, end = positions.offset(change.range.start), positions.offset(change.range.end)
                self.text = self.text[:start] + change.text + self.text[max(start, end) :]
            else:
                self.text = change.text
        self.version = version
