"""Tokens -> typed tree (DESIGN.md step 2).

An entry starts at an ordered-list item, at a bullet item whose text starts with a link or a bold
title, or at a paragraph that begins with a number glued to text (``1.**Title**``). It takes in
its own paragraphs and the following paragraphs that continue it (author line, link line) up to
the next entry, heading, thematic break or block of another kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html import unescape

from markdown_it.token import Token

from .dates import find_date
from .fields import authors_from_cell, extract, looks_like_venue, make_link, venue_from_cells, walk
from .kinds import entry_kind, is_paper_url, label_role, link_role
from .model import Anchor, Block, BlockKind, Comment, Document, Entry, MarkerKind, Section
from .slug import Slugger
from .source import Source
from .title import INDEX, find_title, is_decoration, skip_tags
from .tokens import Piece, RowCursor, inline_pieces, parse_tokens, plain_text, rendered_text

_GLUED_MARKER = re.compile(r"\s*(\d{1,4})[.)]")
_HTML_ATTRIBUTE = re.compile(r"""\b(href|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
# An HTML block that is one heading and nothing else.
_HTML_HEADING = re.compile(
    r"\s*<h(?P<level>[1-6])\b[^>]*>(?P<inner>(?:(?!</?h[1-6]\b).)*?)</h(?P=level)\s*>\s*",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<[^>]*>")
# Table headers naming the columns we read.
_COLUMN_ROLES = {
    **dict.fromkeys(
        ["title", "paper", "papers", "name", "method", "model", "work", "article", "benchmark", "dataset"],
        "title",
    ),
    **dict.fromkeys(["venue", "conference", "conf", "journal", "published", "publication"], "venue"),
    **dict.fromkeys(["year", "date", "time"], "year"),
    **dict.fromkeys(["author", "authors"], "authors"),
}
# Words that end prose leading to a link, never a title.
_LEAD_IN_WORDS = frozenset(
    [
        "the",
        "our",
        "this",
        "a",
        "an",
        "see",
        "in",
        "at",
        "of",
        "to",
        "and",
        "from",
        "by",
        "with",
        "for",
        "our",
        "your",
        "its",
        "their",
    ]
)
# First words of news lines and notes, never of a title.
_SENTENCE_OPENERS = frozenset(
    [
        "we",
        "our",
        "i",
        "my",
        "this",
        "these",
        "thanks",
        "thank",
        "check",
        "please",
        "welcome",
        "congratulations",
        "released",
        "release",
        "updated",
        "update",
        "added",
        "add",
        "announcing",
        "new",
        "news",
        "note",
    ]
)
# Labels of links that belong to the entry above them when they open a nested bullet item.
_LINK_WORDS = frozenset(
    [
        "paper",
        "pdf",
        "code",
        "github",
        "project",
        "page",
        "website",
        "site",
        "homepage",
        "arxiv",
        "openreview",
        "slides",
        "video",
        "talk",
        "poster",
        "blog",
        "demo",
        "data",
        "dataset",
        "datasets",
        "model",
        "models",
        "doi",
        "bibtex",
        "supplementary",
        "appendix",
    ]
)


def parse(text: str) -> Document:
    """Parse an awesome list into its typed tree. Never raises on any text."""
    source = Source(text)
    return _Builder(source).build(parse_tokens(source))


@dataclass
class _OpenEntry:
    entry: Entry
    marker_start: int
    text_start: int  # normalised offset where the entry's own text starts (after a glued marker)
    paragraphs: list[list[Piece]] = field(default_factory=list)
    venue_cells: tuple[list[Piece], list[Piece]] | None = None  # a table's venue and year columns
    author_cell: list[Piece] | None = None  # a table's authors column


@dataclass
class _Container:
    kind: str  # "item" or "quote"
    owner: _OpenEntry | None = None
    creates_entry: bool = False


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.doc = Document(text=source.text, source=source)
        self.slugger = Slugger()
        self.section: Section | None = None
        self.open_entries: list[_OpenEntry] = []
        self.containers: list[_Container] = []
        self.pending: tuple[_OpenEntry, int] | None = None
        # A list item's first paragraph is read once to decide whether the item is an entry, then
        # again as a paragraph: the first reading is kept for the second, and only until then.
        self._first_paragraphs: dict[int, list[Piece]] = {}

    # -- the walk ---------------------------------------------------------------------------------

    def build(self, tokens: Sequence[Token]) -> Document:
        index = 0
        while index < len(tokens):
            index = self._token(tokens, index)
        for open_entry in self.open_entries:
            self._finish(open_entry)
        return self.doc

    def _token(self, tokens: Sequence[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            self.pending = None
            self._heading(token, tokens[index + 1])
            return index + 3
        if kind == "paragraph_open":
            self._paragraph(token, tokens[index + 1])
            return index + 3
        if kind == "list_item_open":
            self._item_open(tokens, index)
        elif kind == "list_item_close":
            self._item_close()
        elif kind == "blockquote_open":
            self.containers.append(_Container("quote", self._owner()))
        elif kind == "blockquote_close":
            self.containers.pop()
            if self.pending is not None and self.pending[1] > len(self.containers):
                self.pending = None
        elif kind == "hr":
            self.pending = None
        elif kind == "html_block":
            self._html_block(token)
        elif kind in ("fence", "code_block"):
            self.pending = None
            self._block("code", token, token.content)
        elif kind == "table_open":
            return self._table(tokens, index)
        return index + 1

    def _owner(self) -> _OpenEntry | None:
        return self.containers[-1].owner if self.containers else None

    # -- headings and sections --------------------------------------------------------------------

    def _heading(self, token: Token, inline: Token) -> None:
        pieces = inline_pieces(self.source, inline)
        self._collect_links(pieces)
        text = plain_text(pieces)
        start = pieces[0].start if pieces else self.source.norm_line_start(token.map[0] if token.map else 0)
        end = pieces[-1].end if pieces else start
        raw_span = self.source.span(start, end)
        first, last = token.map if token.map else (0, 1)
        section = Section(
            level=int(token.tag[1]),
            text=text,
            raw=self.source.text[raw_span.start : raw_span.end],
            slug=self.slugger.slug(rendered_text(pieces).strip("\n")),
            span=self.source.line_span(first, last - 1),
        )
        self._open_section(section)

    def _html_heading(self, token: Token, heading: re.Match[str], offset: int) -> None:
        """A heading written in HTML (`<h2 id="x">Title</h2>`): a section like a Markdown one."""
        self.pending = None
        text = " ".join(unescape(_HTML_TAG.sub("", heading["inner"])).split())
        raw_span = self.source.span(offset + heading.start("inner"), offset + heading.end("inner"))
        first, last = token.map if token.map else (0, 1)
        section = Section(
            level=int(heading["level"]),
            text=text,
            raw=self.source.text[raw_span.start : raw_span.end],
            slug=self.slugger.slug(text),
            span=self.source.line_span(first, last - 1),
        )
        self._open_section(section)

    def _open_section(self, section: Section) -> None:
        parent = self.section
        while parent is not None and parent.level >= section.level:
            parent = parent.parent
        section.parent = parent
        (parent.children if parent else self.doc.sections).append(section)
        self.section = section

    # -- entries ----------------------------------------------------------------------------------

    def _new_entry(
        self, marker: MarkerKind, number: int | None, marker_start: int, marker_end: int
    ) -> _OpenEntry:
        span = self.source.span(marker_start, marker_end)
        entry = Entry(
            number=number,
            marker=marker,
            marker_span=span,
            span=span,
            section_path=self.section.path if self.section else (),
        )
        (self.section.entries if self.section else self.doc.entries).append(entry)
        open_entry = _OpenEntry(entry, marker_start, marker_end)
        self.open_entries.append(open_entry)
        return open_entry

    def _item_open(self, tokens: Sequence[Token], index: int) -> None:
        token = tokens[index]
        parent = self._owner()
        pieces = self._first_paragraph(tokens, index)
        self.pending = None  # a new item ends whatever paragraphs were continuing an entry
        ordered = bool(token.info)
        starts_entry = (ordered and not _is_announcement(pieces)) or (
            _starts_with_title(pieces) and not _is_category(tokens, index, pieces)
        )
        if parent is not None and (not starts_entry or _starts_with_link_word(pieces)):
            self.containers.append(_Container("item", parent))
            return
        if not starts_entry:
            self.containers.append(_Container("item"))
            return
        self.pending = None
        line = token.map[0] if token.map else 0
        marker_text = f"{token.info}{token.markup}"
        line_text = self.source.norm_line(line)
        column = line_text.find(marker_text, len(line_text) - len(line_text.lstrip(" \t>")))
        marker_start = self.source.norm_line_start(line) + max(column, 0)
        number = int(token.info) if ordered and token.info.isdigit() else None
        open_entry = self._new_entry(
            "ordered" if ordered else "bullet",
            number,
            marker_start,
            marker_start + len(marker_text),
        )
        self.containers.append(_Container("item", open_entry, creates_entry=True))

    def _item_close(self) -> None:
        container = self.containers.pop()
        if container.creates_entry and container.owner is not None:
            self.pending = (container.owner, len(self.containers))
        elif self.pending is not None and self.pending[1] > len(self.containers):
            self.pending = None  # the list that held the entry has ended

    def _first_paragraph(self, tokens: Sequence[Token], index: int) -> list[Piece]:
        following = tokens[index + 1] if index + 2 < len(tokens) else None
        if following is None or following.type != "paragraph_open":
            return []
        pieces = inline_pieces(self.source, tokens[index + 2])
        self._first_paragraphs[id(tokens[index + 2])] = pieces
        return pieces

    def _paragraph(self, token: Token, inline: Token) -> None:
        pieces = self._first_paragraphs.pop(id(inline), None) or inline_pieces(self.source, inline)
        self._collect_links(pieces)
        owner = self._owner()
        if owner is not None:
            owner.paragraphs.append(pieces)
            return
        depth = len(self.containers)
        glued = _glued_marker(pieces, self.source)
        if glued is not None:
            number, start, end = glued
            open_entry = self._new_entry("glued", number, start, end)
            open_entry.paragraphs.append(pieces)
            self.pending = (open_entry, depth)
            return
        if self.pending is not None and self.pending[1] == depth and _continues(pieces):
            self.pending[0].paragraphs.append(pieces)
            return
        if self.pending is not None and self.pending[1] >= depth:
            self.pending = None
        title = _title_paragraph(pieces)
        if title is not None:
            open_entry = self._new_entry("paragraph", None, title.start, title.start)
            open_entry.paragraphs.append(pieces)
            self.pending = (open_entry, depth)
            return
        kind: BlockKind = "list" if self.containers and self.containers[-1].kind == "item" else "paragraph"
        if self.containers and self.containers[-1].kind == "quote":
            kind = "quote"
        self._block(kind, token, plain_text(pieces))

    def _finish(self, open_entry: _OpenEntry) -> None:
        entry = open_entry.entry
        paragraphs = [paragraph for paragraph in open_entry.paragraphs if paragraph]
        fields = extract(self.source, paragraphs, open_entry.text_start)
        if fields.venue is None and open_entry.venue_cells is not None:
            fields.venue = venue_from_cells(self.source, *open_entry.venue_cells)
        if fields.authors is None and open_entry.author_cell:
            fields.authors = authors_from_cell(self.source, open_entry.author_cell)
        entry.title = fields.title
        entry.venue = fields.venue
        entry.authors = fields.authors
        entry.description = fields.description
        entry.date = fields.date
        entry.links = [replace(link, role=link_role(entry, link)) for link in fields.links]
        entry.kind = entry_kind(entry)
        entry.paragraphs = [self.source.span(p[0].start, p[-1].end) for p in paragraphs]
        if paragraphs:
            entry.span = self.source.span(open_entry.marker_start, paragraphs[-1][-1].end)

    # -- other blocks -----------------------------------------------------------------------------

    def _block(self, kind: BlockKind, token: Token, text: str) -> None:
        first, last = token.map if token.map else (0, 1)
        block = Block(kind, self.source.line_span(first, max(first, last - 1)), text)
        (self.section.blocks if self.section else self.doc.blocks).append(block)

    def _html_block(self, token: Token) -> None:
        first, last = token.map if token.map else (0, 1)
        start = self.source.norm_line_start(first)
        end = self.source.norm_line_start(last - 1) + len(self.source.norm_line(last - 1))
        html = self.source.normalized[start:end]
        for match in _HTML_COMMENT.finditer(html):
            span = self.source.span(start + match.start(), start + match.end())
            self.doc.comments.append(Comment(match[1], span))
        self._collect_html(html, start)
        heading = _HTML_HEADING.fullmatch(html)
        if heading is not None:
            self._html_heading(token, heading, start)
        elif _HTML_COMMENT.sub("", html).strip():
            self._block("html", token, html)

    def _table(self, tokens: Sequence[Token], index: int) -> int:
        """A table; in a table of papers (a title column, or links in the first column) each body
        row is an entry, its columns read by their headers."""
        self.pending = None
        self._block("table", tokens[index], "")
        header: list[str] = []
        row: list[list[Piece]] = []
        row_line = 0
        cells = RowCursor(self.source)
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                row, row_line = [], token.map[0] if token.map else 0
                cells.start_row()
            elif token.type == "inline":
                pieces = cells.cell(token)
                self._collect_links(pieces)
                row.append(pieces)
            elif token.type == "tr_close":
                if not header:
                    header = [plain_text(cell).casefold() for cell in row]
                else:
                    self._table_row(header, row, row_line)
            index += 1
        return index + 1

    def _table_row(self, header: list[str], cells: list[list[Piece]], line: int) -> None:
        roles = [_COLUMN_ROLES.get(re.sub(r"[^\w ]+", "", name).strip(), "") for name in header]
        title_column = roles.index("title") if "title" in roles else 0
        if title_column >= len(cells) or _significant(cells[title_column]) is None:
            return
        if "title" not in roles and not any(p.kind in ("link", "strong") for p in walk(cells[0])):
            return
        start = self.source.norm_line_start(line)
        open_entry = self._new_entry("table", None, start, start)
        ordered = [cells[title_column], *(cell for i, cell in enumerate(cells) if i != title_column)]
        open_entry.paragraphs.extend(ordered)
        columns = dict(zip(roles, cells, strict=False))
        open_entry.venue_cells = (columns.get("venue", []), columns.get("year", []))
        open_entry.author_cell = columns.get("authors")

    # -- links, anchors, HTML ids -----------------------------------------------------------------

    def _collect_links(self, pieces: Sequence[Piece]) -> None:
        for piece in walk(pieces):
            if piece.kind == "link":
                link = make_link(self.source, piece)
                self.doc.links.append(link)
                if link.url.startswith("#") and link.url_span != link.span:
                    fragment = self.source.original_span(link.url_span.start + 1, link.url_span.end)
                    self.doc.anchors.append(Anchor(link.url[1:], fragment, link.label))
            elif piece.kind == "html":
                html = self.source.normalized[piece.start : piece.end]
                comment = _HTML_COMMENT.fullmatch(html)
                if comment is not None:
                    self.doc.comments.append(Comment(comment[1], self.source.span(piece.start, piece.end)))
                self._collect_html(html, piece.start)

    def _collect_html(self, html: str, offset: int) -> None:
        for match in _HTML_ATTRIBUTE.finditer(html):
            value_group = next(group for group in (2, 3, 4) if match[group] is not None)
            value = match[value_group]
            attribute = match[1].lower()
            if attribute != "href":
                self.doc.html_ids.add(value)
            elif value.startswith("#"):
                span = self.source.span(
                    offset + match.start(value_group) + 1, offset + match.end(value_group)
                )
                self.doc.anchors.append(Anchor(value[1:], span, ""))


def _significant(pieces: Sequence[Piece]) -> Piece | None:
    for piece in pieces:
        if piece.kind != "text" or piece.plain.strip():
            return piece
    return None


def _starts_with_title(pieces: Sequence[Piece]) -> bool:
    """A bold title or a link to elsewhere (a link into the page is a table-of-contents item); or a
    plain title, after any tags and badges, in an item that links to its paper or code."""
    first = _significant(pieces)
    if first is None or _is_announcement(pieces):
        return False
    if first.kind == "link" and not is_decoration(first):
        return not first.href.startswith("#")
    if first.kind == "strong":
        return True
    found = find_title(pieces, first.start, looks_like_venue)
    if found is None:
        return False
    if found.piece.kind == "strong" or (found.piece.kind == "link" and not found.piece.href.startswith("#")):
        return True  # after a badge or a tag
    if found.piece.kind == "text" and not found.quoted and not found.marked:
        before_link = found.piece.plain[found.offset - found.piece.start :].split("[", 1)[0].split()
        if len(before_link) < 2 or before_link[-1].lower() in _LEAD_IN_WORDS:
            return False  # prose leading to a link: "Please cite our [paper](u)"
    return any(_entry_link(piece) for piece in walk(pieces) if piece.kind == "link")


def _is_announcement(pieces: Sequence[Piece]) -> bool:
    """A news line, not an entry: it opens with a date and goes on in prose (`**2024-09-26 Our
    paper ...**`), or opens like a sentence (`We released [X](u), ...`, `Check out ...`)."""
    text = plain_text(pieces)
    opening = text[skip_tags(text) :]
    date = find_date(opening)
    if date is not None and date.start() == 0 and len(opening[date.end() :].split()) >= 3:
        return True
    first = _significant(pieces)
    if first is None or first.kind != "text":
        return False  # a bold or linked title may well begin with `New` or `Welcome`
    words = opening.split(maxsplit=1)
    return bool(words) and words[0].lower().strip(",:!") in _SENTENCE_OPENERS and len(opening.split()) >= 4


def _entry_link(piece: Piece) -> bool:
    """A link an entry gives for itself: to a paper, or labelled as its paper, code, project..."""
    if piece.href.startswith("#"):
        return False
    return label_role(plain_text(piece.children)) is not None or is_paper_url(piece.href)


def _is_category(tokens: Sequence[Token], index: int, pieces: Sequence[Piece]) -> bool:
    """A bullet that is only a bold name (``- **Frameworks**``) over a nested list: a category."""
    content = [piece for piece in pieces if piece.kind != "text" or piece.plain.strip(" \t\n:.-–—")]
    if len(content) != 1 or content[0].kind != "strong" or any(p.kind == "link" for p in walk(content)):
        return False
    depth = 0
    for token in tokens[index:]:
        depth += token.nesting if token.type.startswith("list_item") else 0
        if depth == 0:
            return False
        if token.type in ("bullet_list_open", "ordered_list_open"):
            return True
    return False


def _starts_with_link_word(pieces: Sequence[Piece]) -> bool:
    first = _significant(pieces)
    if first is None or first.kind != "link":
        return False
    return plain_text(first.children).strip("[]() ").lower() in _LINK_WORDS


def _continues(pieces: Sequence[Piece]) -> bool:
    """Whether a paragraph reads as part of the entry above it (an author line, a link line, a
    venue line); a paragraph led by a bold title starts an entry of its own."""
    first = _significant(pieces)
    if first is None:
        return False
    links = [piece for piece in walk(pieces) if piece.kind == "link"]
    if links and all(link.href.startswith("#") for link in links):
        return False  # navigation, such as a "back to top" line
    if first.kind == "strong":
        return _title_paragraph(pieces) is None
    if first.kind in ("em", "link", "code", "image"):
        return True
    return first.kind == "text" and first.plain.lstrip().startswith(("[", "("))


def _title_paragraph(pieces: Sequence[Piece]) -> Piece | None:
    """The bold title of a paragraph that is an entry by itself (``**Title** <br> *Authors* <br>
    [paper](u)``): a title-like bold text followed by authors or a link; or a bold index
    (``**[2]** Authors. "**Title**." Venue. [[pdf]](u)``) before a title and a link."""
    first = _significant(pieces)
    if first is None or first.kind != "strong":
        return None
    text = plain_text(first.children)
    rest = [piece for piece in walk(pieces) if piece.start >= first.end]
    if INDEX.match(text):
        found = find_title(pieces, first.start, looks_like_venue)
        has_link = any(_entry_link(piece) for piece in rest if piece.kind == "link")
        return first if found is not None and found.piece is not first and has_link else None
    # A title of one or two words counts when it stands alone on its line over an author line
    # (`**Delta Diffusion** \` then `*Mary Major, Sam Poe*`); a short bold phrase in prose does not.
    after = "".join(piece.plain for piece in pieces if piece.kind == "text" and piece.start >= first.end)
    on_own_line = "\n" in after and not re.search(r"[^\W\d_]", after.split("\n", 1)[0])
    short = len(text.split()) < 3 and not (on_own_line and any(piece.kind == "em" for piece in rest))
    if short or text.rstrip().endswith(":") or looks_like_venue(text):
        return None
    if any(piece.kind == "em" for piece in rest):
        return first  # an author line follows
    # Otherwise the title stands alone on its line (prose goes on: "**This list** is ...").
    return first if on_own_line and any(piece.kind == "link" for piece in rest) else None


def _glued_marker(pieces: Sequence[Piece], source: Source) -> tuple[int, int, int] | None:
    """``(number, start, end)`` of a ``1.`` glued to the text that follows it."""
    if not pieces or pieces[0].kind != "text":
        return None
    match = _GLUED_MARKER.match(pieces[0].plain)
    if match is None:
        return None
    end = pieces[0].start + match.end()
    following = source.normalized[end : end + 1]
    if not following or following.isspace() or following.isdigit():
        return None
    return int(match[1]), pieces[0].start + match.start(1), end
