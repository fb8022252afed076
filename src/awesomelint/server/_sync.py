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

    def apply(self, changes: Sequence[types.TextDocumentContentChangeEvent], version: int | None) -> None:
        """Apply the changes of one `didChange`, in order (each is relative to the text the previous
        one left)."""
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                positions = Positions(self.text, self.encoding)
                start, end = positions.offset(change.range.start), positions.offset(change.range.end)
                self.text = self.text[:start] + change.text + self.text[max(start, end) :]
            else:
                self.text = change.text
        self.version = version
