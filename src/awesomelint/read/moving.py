"""Moving parts of a tree read earlier onto an edited text: the same parts, each span shifted by the
same number of characters and placed on the new text's lines (`reread`: the sections an edit left
alone; `blocks`: the entries whose text an edit left alone)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Anchor, Authors, Block, Comment, Entry, Field, Link, Venue
from ..text import Span

_new = tuple.__new__  # a named tuple made from its fields' values without its own __new__ (quicker)


class Move:
    """Moves the earlier tree's parts by ``by`` characters, onto the new text's lines. (Half the
    entries of a list move at each edit: the parts are unpacked and made again with no call per
    span, which costs about as much as the spans themselves.)"""

    __slots__ = ("by", "lines")

    def __init__(self, by: int, lines: Sequence[int]) -> None:
        self.by = by
        self.lines = lines

    def span(self, span: Span) -> Span:
        return Span(span.start + self.by, span.end + self.by, self.lines)

    def field(self, value: Field | None) -> Field | None:
        if value is None:
            return None
        text, raw, span = value
        return _new(Field, (text, raw, Span(span.start + self.by, span.end + self.by, self.lines)))

    def link(self, link: Link) -> Link:
        label, url, raw, span, url_span, role = link
        by, lines = self.by, self.lines
        moved, url_moved = (
            Span(span.start + by, span.end + by, lines),
            Span(url_span.start + by, url_span.end + by, lines),
        )
        return _new(Link, (label, url, raw, moved, url_moved, role))

    def anchor(self, anchor: Anchor) -> Anchor:
        return Anchor(anchor.fragment, self.span(anchor.span), anchor.text)

    def comment(self, comment: Comment) -> Comment:
        return Comment(comment.text, self.span(comment.span))

    def block(self, block: Block) -> Block:
        return Block(block.kind, self.span(block.span), block.text)

    def venue(self, venue: Venue | None) -> Venue | None:
        if venue is None:
            return None
        raw, span, name, year, markup, year_style = venue
        moved = Span(span.start + self.by, span.end + self.by, self.lines)
        return _new(Venue, (raw, moved, self.field(name), self.field(year), markup, year_style))

    def authors(self, authors: Authors | None) -> Authors | None:
        if authors is None:
            return None
        raw, span, inner, names, emphasis, separator, et_al = authors
        moved = Span(span.start + self.by, span.end + self.by, self.lines)
        return _new(Authors, (raw, moved, self.field(inner), names, emphasis, separator, et_al))

    def entry(self, entry: Entry) -> Entry:
        by, lines, field = self.by, self.lines, self.field
        marker, span = entry.marker_span, entry.span
        return Entry(
            entry.number,
            entry.marker,
            Span(marker.start + by, marker.end + by, lines),
            Span(span.start + by, span.end + by, lines),
            entry.section_path,
            [Span(paragraph.start + by, paragraph.end + by, lines) for paragraph in entry.paragraphs],
            field(entry.title),
            self.venue(entry.venue),
            self.authors(entry.authors),
            [self.link(link) for link in entry.links],
            field(entry.description),
            field(entry.date),
            entry.kind,
        )
