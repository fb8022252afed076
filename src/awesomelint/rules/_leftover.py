"""What an entry says beyond the fields the reader found in it: where a field may be written in a way
the reader does not know, a rule should not call it missing."""

from __future__ import annotations

import re

from ..model import Entry
from ..text import Span

_WORD = re.compile(r"[^\W\d_]{2,}")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def leftover(text: str, entry: Entry) -> str:
    """The entry's text outside its title, venue, authors, date, description and links."""
    spans: list[Span] = [link.span for link in entry.links]
    for found in (entry.title, entry.authors, entry.date, entry.description):
        if found is not None:
            spans.append(found.span)
    if entry.venue is not None:
        spans.append(entry.venue.span)
    parts, cursor = [], entry.span.start
    for span in sorted(spans, key=lambda s: s.start):
        if span.start > cursor:
            parts.append(text[cursor : span.start])
        cursor = max(cursor, span.end)
    parts.append(text[cursor : entry.span.end])
    return " ".join(parts)


def may_hold_names(text: str, entry: Entry) -> bool:
    """Whether words the reader did not place could be the authors (`Le, Quoc V.`)."""
    return len(_WORD.findall(leftover(text, entry))) >= 2


def may_hold_year(text: str, entry: Entry) -> bool:
    return _YEAR.search(leftover(text, entry)) is not None
