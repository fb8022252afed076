"""HTML tables as the reader reads Markdown tables: rows of cells, each cell located pieces.

markdown-it leaves an HTML block as one string, so its rows and cells are found here, and a cell's
text, inline tags and `<a href>` links become pieces at their exact offsets, as markdown-it's inline
reading gives for a Markdown cell: a finding in a cell points into the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import NamedTuple

from .tokens import Piece

_ROW = re.compile(r"<tr\b[^>]*>", re.IGNORECASE)
_ROW_END = re.compile(r"</tr\s*>|</t(?:body|head|foot)\s*>|</table\s*>", re.IGNORECASE)
_CELL = re.compile(r"<t([dh])\b([^>]*)>", re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_COLSPAN = re.compile(r"""\bcolspan\s*=\s*["']?(\d+)""", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)\b[^>]*>|<!--.*?-->", re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


class HtmlRow(NamedTuple):
    start: int  # offset of the row's `<tr>`
    cells: list[list[Piece]]
    widths: list[int]  # each cell's colspan
    heading: bool  # every cell is a `<th>`


def html_rows(text: str, start: int, end: int) -> Iterator[HtmlRow]:
    """The rows of the HTML table in ``text[start:end]``, in order."""
    found = _ROW.search(text, start, end)
    while found is not None:
        row_end_match = _ROW_END.search(text, found.end(), end)
        row_end = row_end_match.start() if row_end_match is not None else end
        following = _ROW.search(text, found.end(), end)
        if following is not None and following.start() < row_end:
            row_end = following.start()  # `</tr>` left out: the next row ends this one
        cells: list[list[Piece]] = []
        widths: list[int] = []
        heading = True
        cell = _CELL.search(text, found.end(), row_end)
        while cell is not None:
            close = _CELL_END.search(text, cell.end(), row_end)
            following_cell = _CELL.search(text, cell.end(), row_end)
            cell_end = close.start() if close is not None else row_end
            if following_cell is not None and following_cell.start() < cell_end:
                cell_end = following_cell.start()
            cells.append(cell_pieces(text, cell.end(), cell_end))
            span = _COLSPAN.search(cell[2])
            widths.append(max(1, min(int(span[1]), 100)) if span else 1)
            heading = heading and cell[1].lower() == "h"
            cell = following_cell
        yield HtmlRow(found.start(), cells, widths, heading and bool(cells))
        found = following if following is not None else _ROW.search(text, row_end, end)


def cell_pieces(text: str, start: int, end: int) -> list[Piece]:
    """The pieces of the HTML in ``text[start:end]``: text between tags, each tag an ``html`` piece,
    an `<img>` an ``image`` piece, and each `<a href>...</a>` a ``link`` piece holding its label's
    pieces."""
    pieces: list[Piece] = []
    position = start
    link_open: re.Match[str] | None = None
    outer: list[Piece] = pieces
    for tag in _TAG.finditer(text, start, end):
        if tag.start() > position:
            outer.append(_text(text, position, tag.start()))
        name = (tag[2] or "").lower()
        if name == "a" and not tag[1] and link_open is None:
            link_open, outer = tag, []
        elif name == "a" and tag[1] and link_open is not None:
            pieces.append(_link(text, link_open, tag, outer))
            link_open, outer = None, pieces
        else:  # an `<img>` is an image, as Markdown's `![](...)` is: a logo or badge, never a name
            kind = "image" if name == "img" else "html"
            outer.append(Piece(kind, tag.start(), tag.end(), tag.start(), tag.end(), plain=tag[0]))
        position = tag.end()
    if position < end:
        outer.append(_text(text, position, end))
    if link_open is not None:  # an `<a>` never closed: its label runs to the cell's end
        pieces.append(_link(text, link_open, None, outer, end))
    return pieces


def _text(text: str, start: int, end: int) -> Piece:
    return Piece("text", start, end, start, end, plain=text[start:end])


def _link(
    text: str, opening: re.Match[str], closing: re.Match[str] | None, label: list[Piece], end: int = 0
) -> Piece:
    href = _HREF.search(opening[0])
    dest = None
    url = ""
    if href is not None:
        group = next(index for index in (1, 2, 3) if href[index] is not None)
        url = unescape(href[group]).strip()
        dest = (opening.start() + href.start(group), opening.start() + href.end(group))
    stop = closing.end() if closing is not None else end
    inner_end = closing.start() if closing is not None else end
    return Piece(
        "link", opening.start(), stop, opening.end(), inner_end, href=url, dest=dest, children=tuple(label)
    )
