"""GitHub heading anchors, as github-slugger v2 computes them."""

from __future__ import annotations

import unicodedata

_KEPT_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "Pc"})
# Symbols (So) that are also Alphabetic: circled and squared Latin letters.
_KEPT_RANGES = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def _kept(char: str) -> bool:
    if char == "-" or char == " ":
        return True
    if unicodedata.category(char) in _KEPT_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _KEPT_RANGES)


def slugify(text: str) -> str:
    """The anchor GitHub gives a heading whose rendered plain text is ``text`` (no dedup)."""
    return "".join(char for char in text.lower() if _kept(char)).replace(" ", "-")


class Slugger:
    """Gives unique slugs in document order: ``echo``, ``echo-1``, ``echo-2``, ..."""

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        original = slugify(text)
        result = original
        while result in self._occurrences:
            self._occurrences[original] += 1
            result = f"{original}-{self._occurrences[original]}"
        self._occurrences[result] = 0
        return result
