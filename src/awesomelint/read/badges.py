"""Facts that lists write in shields.io badges rather than in text: a venue badge such as
`[![Publish](https://img.shields.io/badge/Conference-ICLR'24-blue)]()`.

A static badge's path is `LABEL-MESSAGE-COLOR` (or `MESSAGE-COLOR`); in it `--` is a dash, `__` an
underscore, `_` a space, and anything may be percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from ..model import Venue
from ..text import Source
from .dates import four_digit_year, year_style
from .source import field_at
from .tokens import Piece

_STATIC_BADGE = re.compile(r"https?://img\.shields\.io/badge/(?P<path>[^?#\s]+)", re.IGNORECASE)
_PART_SEPARATOR = re.compile(r"(?<!-)-(?!-)")
# The label (or the image's alt text) that says the message is where the paper appeared.
_VENUE_LABELS = frozenset(
    {"accepted", "conference", "journal", "proceedings", "publication", "publish", "published", "venue"}
)
_YEAR_IN_MESSAGE = re.compile(
    r"^(?P<name>[^\W\d_][^\n]*?)(?P<sep>\s*['’]|\s*,\s*|\s+)?"
    r"(?P<year>(?:19|20)\d{2}|(?<=['’])\d{2})(?!\d)(?P<rest>[^\d]*)$"
)
# What may stand between a venue's name and its year in the URL as written.
_RAW_SEPARATOR = re.compile(r"(?:['’_, ]|%20|%27|%2C|%E2%80%99)+$", re.IGNORECASE)


def _decoded(raw: str) -> str:
    text = unquote(raw).replace("__", "\0").replace("_", " ").replace("\0", "_")
    return text.replace("--", "-")


def _images(pieces: Iterable[Piece]) -> Iterator[Piece]:
    for piece in pieces:
        if piece.kind == "image":
            yield piece
        elif piece.children:
            yield from _images(piece.children)


def venue_in_badges(source: Source, pieces: Iterable[Piece]) -> Venue | None:
    """The venue of the first venue badge among ``pieces`` (`Conference-NeurIPS'24-blue`), if any."""
    for image in _images(pieces):
        if image.dest is None:
            continue
        written = source.normalized[image.dest[0] : image.dest[1]]
        found = _STATIC_BADGE.match(written)
        if found is None:
            continue
        path_start = image.dest[0] + found.start("path")
        cuts = [0, *(m.start() for m in _PART_SEPARATOR.finditer(found["path"]))]
        if len(cuts) < 3:
            continue  # `MESSAGE-COLOR`: no label to say what the message is
        label = _decoded(found["path"][: cuts[1]]).strip().casefold()
        alt = source.normalized[image.inner_start : image.inner_end].strip().casefold()
        if label not in _VENUE_LABELS and alt not in _VENUE_LABELS:
            continue
        venue = _venue(source, path_start + cuts[1] + 1, path_start + cuts[2])
        if venue is not None:
            return venue
    return None


def _venue(source: Source, lo: int, hi: int) -> Venue | None:
    """The venue in a badge's message at ``normalized[lo:hi]`` (`NeurIPS'24%20Workshop`)."""
    raw = source.normalized[lo:hi]
    found = _YEAR_IN_MESSAGE.match(_decoded(raw).strip())
    if found is None:
        return _yearless_venue(source, lo, hi)
    if len(found["name"].split()) > 6 or len(found["rest"].split()) > 3:
        return None
    name = found["name"].strip()
    # The year's digits are written as they are; find the occurrence that follows the name.
    year_at = next(
        (
            m.start()
            for m in re.finditer(rf"(?<!\d){found['year']}(?!\d)", raw)
            if _decoded(raw[: m.start()]).strip().rstrip("'’,").strip() == name
        ),
        None,
    )
    if year_at is None:
        return None
    name_end = lo + len(_RAW_SEPARATOR.sub("", raw[:year_at]))
    year_end = lo + year_at + len(found["year"])
    span = source.span(lo, hi)
    return Venue(
        source.text[span.start : span.end],
        span,
        field_at(source, lo, name_end, " ".join(name.split())),
        field_at(source, lo + year_at, year_end, four_digit_year(found["year"])),
        "badge",
        year_style(found["sep"]) if found["sep"] else "glued",
    )


def _yearless_venue(source: Source, lo: int, hi: int) -> Venue | None:
    """A known venue's name alone in a badge's message (`Conference-Nature%20Scientific%20Reports`);
    an unknown one may be a status (`Under Review`)."""
    from ..venues import builtin_venues

    name = " ".join(_decoded(source.normalized[lo:hi]).split())
    if not name or len(name.split()) > 6 or not builtin_venues().is_known(name):
        return None
    span = source.span(lo, hi)
    raw = source.text[span.start : span.end]
    return Venue(raw, span, field_at(source, lo, hi, name), None, "badge", "none")
