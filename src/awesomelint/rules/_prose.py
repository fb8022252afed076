"""The prose of entry descriptions, with code, link destinations and HTML blanked out (kept at their
offsets, so a match in the prose is a position in the document). Shared by AL604 and AL605."""

from __future__ import annotations

import re

_NOT_PROSE = re.compile(
    r"`+[^`\n]*`+"  # code
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"  # a link's destination
    r"|<[^>\n]+>"  # HTML
    r"|https?://[^\s\]()]+"  # a bare address
    r"|\\[^\w\s]"  # an escaped character (`\[`)
)


def blank(text: str) -> str:
    """``text`` with what is not prose replaced by spaces (a link keeps its `]`)."""
    # (each kind of `_NOT_PROSE` starts with one of these: a text with none, most descriptions, is
    # told by a few searches in C, not a match tried at each of its characters)
    if "`" in text or "](" in text or "<" in text or "http" in text or "\\" in text:
        return _NOT_PROSE.sub(_spaces, text)
    return text


def _spaces(match: re.Match[str]) -> str:
    kept = "]" if match[0].startswith("](") else ""
    return kept + " " * (len(match[0]) - len(kept))
