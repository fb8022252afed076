"""Writing a JSON document whose one long list is streamed: the items are written as they come, and
the text is what ``json.dumps(document, indent=2)`` would give for the whole (so that a report
written at once and one written file by file are the same bytes)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

ITEMS = "\0items\0"  # where the streamed list stands in the document


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class JsonListStream:
    """``head`` is the document with ``ITEMS`` in place of the list, as known before the first item;
    ``close`` takes the whole document, as known after the last, for the part after the list."""

    def __init__(self, write: Callable[[str], object], head: Any) -> None:
        before, _, _ = _dump(head).partition(_dump(ITEMS))
        line = before[before.rfind("\n") + 1 :]
        self.indent = line[: len(line) - len(line.lstrip(" "))]
        self.write, self.count = write, 0
        write(before)

    def add(self, item: Any) -> None:
        inner = self.indent + "  "
        self.write(("[\n" if self.count == 0 else ",\n") + inner + _dump(item).replace("\n", "\n" + inner))
        self.count += 1

    def close(self, document: Any) -> None:
        _, _, after = _dump(document).partition(_dump(ITEMS))
        self.write(("\n" + self.indent + "]" if self.count else "[]") + after)
