"""The prose of entry descriptions, with code, link destinations and HTML blanked out (kept at their
offsets, so a match in the prose is a position in the document). Shared by AL604 and AL605."""

from __future__ import annotations

import re

from ..model import Document, Entry
from ._classic import item_of

_NOT_PROSE = re.compile(
    r"`+[^`\n]*`+"  # code
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"  # a link's destination
    r"|<[^>\n]+>"  # HTML
    r"|https?://[^\s\]()]+"  # a bare address
    r"|\\[^\w\s]"  # an escaped character (`\[`)
)


def blank(text: str) -> str:
    """``text`` with what is not prose replaced by spaces (a link keeps its `]`)."""

    def spaces(match: re.Match[str]) -> str:
        kept = "]" if match[0].startswith("](") else ""
        return kept + " " * (len(match[0]) - len(kept))

    return _NOT_PROSE.sub(spaces, text)


def description_of(document: Document, entry: Entry) -> tuple[int, str] | None:
    """Where the description of ``entry`` starts and its prose (of the same length), when the entry
    is a classic item with a description. Only classic items: a paper entry's text is fields, not
    prose."""
    item = item_of(document, entry)
    if item is None or item.description_end <= item.description_start:
        return None
    return item.description_start, blank(document.text[item.description_start : item.description_end])
