"""Tokens -> blocks -> the typed tree (DESIGN.md step 2): sections from headings (Markdown or HTML),
entries where `entries` says they start, table rows read by their column headers, other blocks, and the
page's links, anchors, HTML ids and comments. Each finished entry's fields are read by `fields`,
its link roles and kind decided by `kinds`.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from html import unescape
from itertools import pairwise
from typing import Any, NamedTuple

from markdown_it.token import Token

from ..entry_facts import note_moved
from ..model import (
    Anchor,
    Authors,
    Block,
    BlockKind,
    Comment,
    Document,
    Entry,
    EntryKind,
    Field,
    Link,
    MarkerKind,
    Section,
    Venue,
)
from ..slug import Slugger
from ..text import Source
from .edited import Change, Shifts, edited_tokens
from .entries import (
    AboutTheList,
    continues,
    glued_marker,
    is_announcement,
    is_category,
    is_contents_link,
    is_plain_citation,
    is_plain_name,
    run_in_entries,
    section_about_the_list,
    significant,
    starts_with_link_word,
    starts_with_title,
    title_paragraph,
)
from .fields import authors_from_cell, description_from_cell, extract, make_link, venue_from_cells, walk
from .headed import read_headed_entries
from .html import html_rows
from .kinds import PAPER_COUNT, entry_kind, link_role, settle_kinds
from .moving import Move
from .title import is_decoration
from .tokens import Parsed, Piece, RowCursor, parse_tokens, plain_text, rendered_text

_HTML_ATTRIBUTE = re.compile(r"""\b(href|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
# An HTML block that is one heading and nothing else.
_HTML_HEADING = re.compile(
    r"\s*<h(?P<level>[1-6])\b[^>]*>(?P<inner>(?:(?!</?h[1-6]\b).)*?)</h(?P=level)\s*>\s*",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<[^>]*>")
_INDENT = re.compile(r"[ \t>]*")  # what stands before a list item's marker on its line
_NUMBER = re.compile(r"\d+")
_ITEM_START = operator.itemgetter(4)  # where an item read earlier (`_Builder._items_read`) starts
_HTML_TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
# Table headers naming the columns we read.
_COLUMN_ROLES = {
    **dict.fromkeys(
        [
            *(
                "title",
                "paper",
                "papers",
                "name",
                "method",
                "model",
                "work",
                "article",
                "benchmark",
                "dataset",
            ),
            *("project", "tool", "library", "framework", "resource", "course", "book"),
        ],
        "title",
    ),
    **dict.fromkeys(
        ["description", "details", "summary", "notes", "remarks", "comments", "introduction"], "description"
    ),
    **dict.fromkeys(["venue", "conference", "conf", "journal", "published", "publication"], "venue"),
    **dict.fromkeys(["year", "date", "time"], "year"),
    **dict.fromkeys(["author", "authors"], "authors"),
    # Columns about the entry that hold no field of it: who made it, its keywords.
    **dict.fromkeys(
        ["institute", "institution", "affiliation", "organization", "organisation", "company", "lab"], "aside"
    ),
    **dict.fromkeys(["keywords", "keyword", "tags", "tag", "category", "type"], "aside"),
}


# What, after the closing of the list whose last item an entry opened, ends whatever the entry might
# continue into (a paragraph after the list may): a heading, another list or block, the closing
# of the container that holds the list.
_NO_CONTINUATION = frozenset(
    {
        "heading_open",
        "bullet_list_open",
        "ordered_list_open",
        "hr",
        "fence",
        "code_block",
        "table_open",
        "list_item_close",
        "blockquote_close",
    }
)
_READING = "reading"  # where a document kept with ``keep_reading`` holds markdown-it's reading
_REFERENCES = "references"  # where a document holds the link reference definitions of its text
_RELEASED_AT_ONCE = 4096  # tokens: dropped in batches, the moves of the list's tail stay linear


def read(
    text: str,
    keep_reading: bool = False,
    earlier: Parsed | None = None,
    changes: Sequence[Change] | None = None,
) -> Document:
    """Parse an awesome list into its typed tree. Never raises on any text. With ``keep_reading``
    the document keeps what markdown-it read (`reading`), for the fixer's guard to compare;
    ``earlier`` is such a reading of a text this one was edited from, whose unchanged paragraphs
    need not be read again; with the ``changes`` that made this text of that one, its blocks need
    not be parsed again either when the edits leave every line's kind alone (`edited_tokens`)."""
    source = Source(text)
    edited = edited_tokens(earlier, source, changes) if earlier is not None and changes else None
    shifts = Shifts(changes or ())  # where the earlier text was
    moved_by = shifts.after_new if changes else None
    if edited is None:
        parsed = parse_tokens(source, keep_pieces=keep_reading, earlier=earlier, moved_by=moved_by)
    else:
        parsed = Parsed(source, *edited, keep_pieces=keep_reading, earlier=earlier, moved_by=moved_by)
    builder = _Builder(parsed, earlier, shifts)
    document = builder.build(release_tokens=not keep_reading)
    if builder.items_moved:  # the rules need not work out again which entries these are
        note_moved(
            document,
            {
                id(entry): old
                for entry, old in builder.items_moved
                if entry.kind == old.kind and entry.section_path == old.section_path
            },
        )
    parsed.forget_earlier()
    document.derived[_REFERENCES] = parsed.references
    if keep_reading:
        document.derived[_READING] = parsed
    return document


def _same_offsets(source: Source) -> bool:
    """Whether the text's offsets are its normalised form's (no BOM, no CR)."""
    return source.text == source.normalized


def _title_column(roles: list[str], cells: list[list[Piece]]) -> tuple[int, bool] | None:
    """The column of a table row that holds its entry's title, and whether the row names the entry
    there (a title column, or bold or linked text in the first cell after any logo or preview); None
    when the row has no such cell, or it is empty."""
    if "title" in roles:
        column, named = roles.index("title"), True
    else:
        column = next((index for index, cell in enumerate(cells) if not _pictures_only(cell)), len(cells))
        named = column < len(cells) and any(
            p.kind == "strong" or (p.kind == "link" and not is_decoration(p)) for p in walk(cells[column])
        )
    if column >= len(cells) or significant(cells[column]) is None:
        return None
    return column, named


def _pictures_only(cell: Sequence[Piece]) -> bool:
    """A cell that shows only images or logos (a preview column)."""
    content = [piece for piece in cell if piece.kind != "text" or piece.plain.strip()]
    return bool(content) and all(piece.kind == "image" or is_decoration(piece) for piece in content)


def _line_start(source: Source, line: int) -> int:
    """Where the 0-based ``line`` starts in the normalised text (past its last line: its end)."""
    return source.norm_line_start(line) if line < source.line_count else len(source.normalized)


def _bare(entry: Entry) -> bool:
    """An item with no link, venue, authors or date."""
    return entry.kind == "resource" and not (entry.links or entry.venue or entry.authors or entry.date)


def _notes(entries: Sequence[Entry], text: str) -> set[int]:
    """The entries (by id) that are notes: all of a section's items when none names a thing, else
    those of each list of two or more items that are all bare (a list: a run of items of one
    marker with nothing but blank lines, or a table's bars, between them)."""
    bare = sum(map(_bare, entries))
    if bare == len(entries):
        return set(map(id, entries))
    notes: set[int] = set()
    if bare < 2:
        return notes  # no list of two bare items
    run: list[Entry] = []
    for entry in [*entries, None]:
        if run and (
            entry is None
            or entry.marker != run[-1].marker
            or text[run[-1].span.end : entry.span.start].strip(" \t\r\n|")
        ):
            if len(run) > 1 and all(map(_bare, run)):
                notes.update(map(id, run))
            run = []
        if entry is not None:
            run.append(entry)
    return notes


# A relative link to a Markdown page of the same repository (`quantization.md`, `./docs/nlp.md#top`).
_LOCAL_PAGE = re.compile(r"(?![a-z][\w+.-]*:|/|#)[^#?\s]+\.(?:md|markdown|mdx)(?:#\S*)?", re.IGNORECASE)


def _page_index(entries: Sequence[Entry], text: str) -> set[int]:
    """The entries (by id) that index the repository's own pages: items that are only a short link
    to a Markdown page beside the list (`- [Quantization](quantization.md)`), when three or more
    make up most of the section (a list split into pages, whose README lists the pages)."""
    index = [
        entry
        for entry in entries
        if len(entry.links) == 1
        and _LOCAL_PAGE.fullmatch(entry.links[0].url)
        and len(entry.links[0].label.split()) <= 6
        and text[entry.marker_span.end : entry.span.end].strip(" \t\n.")
        == text[entry.links[0].span.start : entry.links[0].span.end]
    ]
    return set(map(id, index)) if len(index) >= 3 and 4 * len(index) >= 3 * len(entries) else set()


def page_anchors(document: Document) -> set[str]:
    """The anchors of the page: its headings' slugs and its HTML ids."""
    anchors = {section.slug for section in document.iter_sections()}
    anchors.update(anchor.lower() for anchor in document.html_ids)
    return anchors


def settle_entries(
    entries: list[Entry], blocks: list[Block], about: AboutTheList | None, anchors: set[str], text: str
) -> list[Entry]:
    """The items of one section that are entries; the others join its ``blocks``: the items of a
    table of contents (every link into this page), those of a section about the list itself (its
    contents, contributors, citation; its news, but for papers) and items none of which links to or
    names anything (steps, criteria, notes)."""
    notes = _notes(entries, text)
    pages = _page_index(entries, text) if len(entries) > 2 else set()
    kept = []
    for entry in entries:
        if (
            entry.links
            and "#" in entry.links[0].url  # a quick first look: most entries link elsewhere
            and all(is_contents_link(link.url, anchors) for link in entry.links)
        ):
            blocks.append(Block("contents", entry.span, text[entry.span.start : entry.span.end]))
        elif (
            about == "about"
            or (about == "news" and entry.kind != "paper")
            or id(entry) in notes
            or id(entry) in pages
        ):
            blocks.append(Block("list", entry.span, text[entry.span.start : entry.span.end]))
        else:
            kept.append(entry)
    if len(kept) < len(entries):
        blocks.sort(key=lambda block: block.span.start)
    return kept


def reading(document: Document) -> Parsed | None:
    """What markdown-it read of the document's text, when it was parsed with ``keep_reading``."""
    found = document.derived.get(_READING)
    return found if isinstance(found, Parsed) else None


def references(document: Document) -> dict[str, Any] | None:
    """The link reference definitions markdown-it read in the document's text (None: not known)."""
    found = document.derived.get(_REFERENCES)
    return found if isinstance(found, dict) else None


def keep_references(document: Document, found: dict[str, Any]) -> None:
    document.derived[_REFERENCES] = found


def forget_reading(document: Document) -> None:
    document.derived.pop(_READING, None)


class _Built(NamedTuple):
    """An entry as `_Builder._finish` made it of its paragraphs' pieces (before the page settles its
    kind), kept with a reading of the text (`Parsed.built`): in a text edited from it, an entry of
    the same pieces, moved alike, is this one moved."""

    read: tuple[list[Piece] | None, ...]  # the pieces its fields were read from (`_OpenEntry.read`)
    text_start: int
    title: Field | None
    venue: Venue | None
    authors: Authors | None
    description: Field | None
    date: Field | None
    links: tuple[Link, ...]
    kind: EntryKind
    entry: Entry  # the entry made (in a text edited from it, the one an entry of the same lines is)


@dataclass
class _OpenEntry:
    entry: Entry
    marker_start: int
    text_start: int  # normalised offset where the entry's own text starts (after a glued marker)
    paragraphs: list[list[Piece]] = field(default_factory=list)
    venue_cells: tuple[list[Piece], list[Piece]] | None = None  # a table's venue and year columns
    author_cell: list[Piece] | None = None  # a table's authors column
    description_cell: list[Piece] | None = None  # a table's description column

    def read(self, paragraphs: list[list[Piece]]) -> tuple[list[Piece] | None, ...]:
        """The pieces its fields are read from: its (non-empty) ``paragraphs``, a table's cells."""
        if self.venue_cells is None:
            return (*paragraphs,)
        return (*paragraphs, *self.venue_cells, self.author_cell, self.description_cell)


# Where the page stood when a list item or a table opened (`_Builder._item_open`, `_table`): its
# opening token, the containers around it, the entries made, the page's links, anchors and comments,
# the blocks made, the HTML ids read, whether it is kept only if it makes no entry, the section,
# where its first line starts.
_ItemMark = tuple[int, int, int, int, int, int, int, int, bool, Section | None, int]


@dataclass
class _Container:
    kind: str  # "item" or "quote"
    owner: _OpenEntry | None = None
    creates_entry: bool = False
    continued: bool = True  # whether the paragraphs that follow the item may continue its entry
    mark: _ItemMark | None = None  # (an item that opened an entry, read to be moved later)


class _Builder:
    def __init__(self, parsed: Parsed, earlier: Parsed | None = None, shifts: Shifts | None = None) -> None:
        self.parsed = parsed
        self.source = source = parsed.source
        # The entries of the earlier reading ``parsed`` moved pieces from (`Parsed.moved_from`); both
        # texts' offsets must be their normalised forms' (the fields' spans are kept in the former)
        self._built_before: dict[int, _Built] = {}
        self._earlier_text = ""
        # The earlier reading's list items that opened entries (`Parsed.items`), by their first
        # paragraph's content: an item of the same text, depth and tokens is moved whole.
        self._items_before: dict[str, list[tuple[int, ...]]] = {}
        self._items_from: Parsed | None = None
        # Its tables (`Parsed.items` too), by their text: a table of the same text and depth is moved
        # whole (its reading depends on nothing outside it but the link reference definitions).
        self._tables_before: dict[str, list[tuple[int, ...]]] = {}
        if earlier is not None and earlier.built and _same_offsets(earlier.source) and _same_offsets(source):
            self._built_before, self._earlier_text = earlier.built, earlier.source.normalized
            if parsed.items_from is not None and earlier.items:
                self._items_from, tokens = earlier, earlier.tokens
                for item in earlier.items:
                    if tokens[item[0]].type == "table_open":
                        table = self._earlier_text[item[4] : item[5]]
                        self._tables_before.setdefault(table, []).append(item)
                    else:
                        self._items_before.setdefault(tokens[item[0] + 2].content, []).append(item)
        # Each list item read here outside any other, and each table, which a later text may move
        # whole: (its opening and closing tokens, the containers around it, its level, where
        # its lines start and end, then the ranges of `entries_made`, the page's links, anchors and
        # comments, and `blocks_made` it made).
        self._recording = parsed.built is not None
        self._items_read: list[tuple[int, ...]] = []
        self._entries_made: list[Entry] = []  # every entry, as made
        self._blocks_made: list[Block] = []  # every block of a section, as made
        self.items_moved: list[tuple[Entry, Entry]] = []  # each entry moved whole, its earlier one
        self._shifts = shifts or Shifts(())  # where the earlier text was (`_nearest_first`)
        self._ids_read = 0  # the HTML ids and names read so far (an item that holds one is not kept)
        self.doc = Document(text=source.text, source=source)
        self.slugger = Slugger()
        self.section = None  # the section being read, with its path (shared by its entries)
        self.open_entries: list[_OpenEntry] = []
        self.containers: list[_Container] = []
        self.pending: tuple[_OpenEntry, int] | None = None
        # A list item's first paragraph is read once to decide whether the item is an entry, then
        # again as a paragraph: the first reading is kept for the second, and only until then.
        self._first_paragraphs: dict[int, list[Piece]] = {}
        # Each paragraph's links (by its first offset): read once for the page and the entry.
        self._links_in: dict[int, list[Link]] = {}

    @property
    def section(self) -> Section | None:
        return self._section

    @section.setter
    def section(self, section: Section | None) -> None:
        self._section = section
        self.section_path: tuple[str, ...] = section.path if section else ()

    # -- the walk ---------------------------------------------------------------------------------

    def build(self, release_tokens: bool = False) -> Document:
        """The tree of the parsed text. With ``release_tokens`` markdown-it's tokens are let go as
        the walk leaves them, at the start of a top-level block (whose tokens the walk never looks
        back at) once a few thousand have been read: markdown-it's reading and the tree are then
        never both whole in memory (a fifth less at the peak of a long list)."""
        tokens = self.parsed.tokens
        index = 0
        while index < len(tokens):
            if release_tokens and index >= _RELEASED_AT_ONCE and tokens[index].level == 0:
                del tokens[:index]
                index = 0
            index = self._token(tokens, index)
        for open_entry in self.open_entries:
            self._finish(open_entry)
        self._keep_items()
        self._settle_non_entries()
        read_headed_entries(self.doc, self.source)
        self.doc.derived[PAPER_COUNT] = settle_kinds(self.doc.sections, self.doc.entries)
        return self.doc

    def _settle_non_entries(self) -> None:
        """Once the page is read: items of a table of contents, of a section about the list itself,
        and notes are not entries but blocks of their own (`settle_entries`)."""
        anchors = page_anchors(self.doc)
        text = self.source.text
        self.doc.entries = settle_entries(self.doc.entries, self.doc.blocks, None, anchors, text)
        entries_before = bool(self.doc.entries)
        for top in self.doc.sections:
            for section in top.walk():
                about = section_about_the_list(section.text, entries_before)
                section.entries = settle_entries(section.entries, section.blocks, about, anchors, text)
                entries_before = entries_before or bool(section.entries)

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
            return self._item_open(tokens, index)
        if kind == "list_item_close":
            self._item_close(index)
        elif kind == "blockquote_open":
            self.containers.append(_Container("quote", self._owner()))
        elif kind == "blockquote_close":
            self.containers.pop()
            if self.pending is not None and self.pending[1] > len(self.containers):
                self.pending = None
        elif kind == "hr":
            self.pending = None
        elif kind == "html_block":
            return self._html_block(tokens, index)
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
        pieces = self.parsed.pieces(inline)
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
            section_path=self.section_path,
        )
        (self.section.entries if self.section else self.doc.entries).append(entry)
        self._entries_made.append(entry)
        open_entry = _OpenEntry(entry, marker_start, marker_end)
        self.open_entries.append(open_entry)
        return open_entry

    def _item_open(self, tokens: Sequence[Token], index: int) -> int:
        """Read a list item's opening; where the walk goes on (past the item when it is moved whole)."""
        token = tokens[index]
        parent = self._owner()
        if parent is None and self._items_from is not None and tokens[index + 1].type == "paragraph_open":
            after = self._moved_item(tokens, index)
            if after:
                return after
        pieces = self._first_paragraph(tokens, index)
        self.pending = None  # a new item ends whatever paragraphs were continuing an entry
        ordered = bool(token.info)
        starts_entry = (
            (ordered and not is_announcement(pieces))
            or (starts_with_title(pieces) and not is_category(tokens, index, pieces))
            or self._title_over_links(tokens, index, pieces)
        )
        plain = not starts_entry and parent is None and self._plain_item_among_entries(tokens, index, pieces)
        if parent is not None and (not starts_entry or starts_with_link_word(pieces)):
            self.containers.append(_Container("item", parent))
            return index + 1
        if not (starts_entry or plain):
            # (an item that is not an entry, a table of contents' link, is moved whole too when it
            # makes none; one in plain text may be an entry by its neighbours in a later text)
            mark = None
            if (
                parent is None
                and self._recording
                and token.map is not None
                and not (is_plain_name(pieces) or is_plain_citation(pieces))
            ):
                mark = self._item_mark(index, True, self.source.norm_line_start(token.map[0]))
            self.containers.append(_Container("item", mark=mark))
            return index + 1
        line_start, line_end = self.source.norm_line_bounds(token.map[0] if token.map else 0)
        marker_text = f"{token.info}{token.markup}"
        after_indent = _INDENT.match(self.source.normalized, line_start, line_end).end()  # type: ignore[union-attr]
        found = self.source.normalized.find(marker_text, after_indent, line_end)
        marker_start = found if found >= 0 else line_start
        number = int(token.info) if ordered and token.info.isdigit() else None
        # (a plain item is an entry by its neighbours: it is read again each time)
        mark = (
            self._item_mark(index, False, line_start)
            if starts_entry and parent is None and self._recording
            else None
        )
        open_entry = self._new_entry(
            "ordered" if ordered else "bullet",
            number,
            marker_start,
            marker_start + len(marker_text),
        )
        self.containers.append(
            _Container("item", open_entry, creates_entry=True, continued=not plain, mark=mark)
        )
        return index + 1

    def _item_mark(self, index: int, no_entries: bool, start: int) -> _ItemMark:
        """Where the page stands as the list item or table opening at ``index`` opens, its first line
        at ``start`` (`_ItemMark`)."""
        doc = self.doc
        return (
            index,
            len(self.containers),
            len(self._entries_made),
            len(doc.links),
            len(doc.anchors),
            len(doc.comments),
            len(self._blocks_made),
            self._ids_read,
            no_entries,
            self.section,
            start,
        )

    def _title_over_links(self, tokens: Sequence[Token], index: int, pieces: list[Piece]) -> bool:
        """An item whose first paragraph is a plain title with no link and whose second gives its
        links (`- Title` then `[[Paper](u)] [[code](u)]` below, set apart by a blank line)."""
        if (
            not pieces
            or tokens[index + 4].type != "paragraph_open"
            or any(piece.kind != "text" for piece in pieces)
            or len(plain_text(pieces).split()) < 2
        ):
            return False
        links = self._first_paragraph(tokens, index + 3)
        return continues(links) and starts_with_title([*pieces, *links])

    def _plain_item_among_entries(self, tokens: Sequence[Token], index: int, pieces: list[Piece]) -> bool:
        """An item in plain text, a name (`- S3VM`) or a citation with no link yet (`- Title (2014),
        A. Lee et al.`), with nothing below it, next to an item of its list that starts an entry or
        is such a citation: an entry without a link."""
        if (
            index + 4 >= len(tokens)
            or tokens[index + 4].type != "list_item_close"
            or not (is_plain_name(pieces) or is_plain_citation(pieces))
        ):
            return False
        level = tokens[index].level
        following = index + 5
        if following < len(tokens) and tokens[following].type == "list_item_open":
            beside = self._first_paragraph(tokens, following)
            if starts_with_title(beside) or is_plain_citation(beside):
                return True
        if tokens[index - 1].type != "list_item_close":
            return False
        before = index - 2
        while tokens[before].type != "list_item_open" or tokens[before].level != level:
            before -= 1  # back over the item before, once: only a plain item's neighbour is read so
        if tokens[before + 1].type != "paragraph_open":
            return False
        beside = self.parsed.pieces(tokens[before + 2])
        return starts_with_title(beside) or is_plain_citation(beside)

    def _item_close(self, index: int) -> None:
        container = self.containers.pop()
        if container.mark is not None:
            self._keep_read(container.mark, index)
        if container.creates_entry and container.owner is not None and container.continued:
            self.pending = (container.owner, len(self.containers))
        elif self.pending is not None and self.pending[1] > len(self.containers):
            self.pending = None  # the list that held the entry has ended

    def _keep_read(self, mark: _ItemMark, last: int) -> None:
        """Keep where the list item or table opened at ``mark`` and closing at token ``last`` lies and
        what it made, for a later text to move it whole: unless it held a heading or an HTML id, or
        it was to make no entry and made one."""
        doc = self.doc
        first, containers, entries, links, anchors, comments, blocks, ids, no_entries, section, start = mark
        lines = self.parsed.tokens[first].map
        if (
            section is self.section
            and ids == self._ids_read
            and lines is not None
            and not (no_entries and entries < len(self._entries_made))
        ):
            self._items_read.append(
                (
                    *(first, last, containers, self.parsed.tokens[first].level),
                    *(start, _line_start(self.source, lines[1])),
                    *(entries, len(self._entries_made), links, len(doc.links)),
                    *(anchors, len(doc.anchors), comments, len(doc.comments)),
                    *(blocks, len(self._blocks_made)),
                )
            )

    def _first_paragraph(self, tokens: Sequence[Token], index: int) -> list[Piece]:
        following = tokens[index + 1] if index + 2 < len(tokens) else None
        if following is None or following.type != "paragraph_open":
            return []
        pieces = self.parsed.pieces(tokens[index + 2])
        self._first_paragraphs[id(tokens[index + 2])] = pieces
        return pieces

    def _paragraph(self, token: Token, inline: Token) -> None:
        pieces = self._first_paragraphs.pop(id(inline), None) or self.parsed.pieces(inline)
        owner = self._owner()
        if owner is not None:
            container = self.containers[-1]
            if (
                container.creates_entry
                and not owner.paragraphs
                and owner.entry.marker == "bullet"
                and pieces  # a quick first look for the item's bullet and a link after text: most have none
                and self.source.normalized.find(
                    self.source.normalized[owner.marker_start] + " [", pieces[0].start, pieces[-1].end
                )
                >= 0
            ):
                pieces, owner = self._split_run_in(container, owner, pieces)
            self._collect_links(pieces)
            owner.paragraphs.append(pieces)
            return
        self._collect_links(pieces)
        depth = len(self.containers)
        glued = glued_marker(pieces, self.source)
        if glued is not None:
            number, start, end = glued
            open_entry = self._new_entry("glued", number, start, end)
            open_entry.paragraphs.append(pieces)
            self.pending = (open_entry, depth)
            return
        if self.pending is not None and self.pending[1] == depth and continues(pieces):
            self.pending[0].paragraphs.append(pieces)
            return
        if self.pending is not None and self.pending[1] >= depth:
            self.pending = None
        title = title_paragraph(pieces)
        if title is not None:
            open_entry = self._new_entry("paragraph", None, title.start, title.start)
            open_entry.paragraphs.append(pieces)
            self.pending = (open_entry, depth)
            return
        kind: BlockKind = "list" if self.containers and self.containers[-1].kind == "item" else "paragraph"
        if self.containers and self.containers[-1].kind == "quote":
            kind = "quote"
        self._block(kind, token, plain_text(pieces))

    def _split_run_in(
        self, container: _Container, owner: _OpenEntry, pieces: list[Piece]
    ) -> tuple[list[Piece], _OpenEntry]:
        """An item's first paragraph, less the entries run into it (`... Wang+ [Title](u)`), which
        become entries of their own; the item's later paragraphs and nested items go to the last."""
        bullet = self.source.normalized[owner.marker_start]
        starts = run_in_entries(pieces, self.source, bullet)
        if not starts:
            return pieces, owner
        bounds = [0, *starts, len(pieces)]
        parts = [pieces[low:high] for low, high in pairwise(bounds)]
        for index, part in enumerate(parts[:-1]):
            cut = part[-1]  # the text that ends in the next entry's bullet and a space
            at = cut.end - 2
            parts[index] = (
                part[:-1]
                if at == cut.start
                else [*part[:-1], replace(cut, end=at, inner_end=at, plain=cut.plain[:-2])]
            )
            self._collect_links(parts[index])
            owner.paragraphs.append(parts[index])
            owner = self._new_entry("bullet", None, at, at + 1)
        container.owner = owner
        return parts[-1], owner

    def _finish(self, open_entry: _OpenEntry) -> None:
        entry = open_entry.entry
        paragraphs = [paragraph for paragraph in open_entry.paragraphs if paragraph]
        before = self._earlier_entry(open_entry, paragraphs) if self._built_before else None
        if before is not None:
            built, move = before
            entry.title, entry.venue = move.field(built.title), move.venue(built.venue)
            entry.authors, entry.description = move.authors(built.authors), move.field(built.description)
            entry.date, entry.kind = move.field(built.date), built.kind
            entry.links = [move.link(link) for link in built.links]
        else:
            self._read_fields(open_entry, paragraphs)
        entry.paragraphs = [self.source.span(p[0].start, p[-1].end) for p in paragraphs]
        if paragraphs:
            end = paragraphs[-1][-1].end
            if entry.marker == "table":  # the title cell is read first: the row ends at its last cell
                end = max(cell[-1].end for cell in (*paragraphs, open_entry.description_cell) if cell)
            entry.span = self.source.span(open_entry.marker_start, end)
        if before is not None and self._same_lines(entry, before[1].by):
            self.items_moved.append((entry, before[0].entry))
        if self.parsed.built is not None and paragraphs:
            self.parsed.built[id(paragraphs[0])] = _Built(
                open_entry.read(paragraphs),
                open_entry.text_start,
                entry.title,
                entry.venue,
                entry.authors,
                entry.description,
                entry.date,
                (*entry.links,),
                entry.kind,
                entry,
            )

    def _same_lines(self, entry: Entry, shift: int) -> bool:
        """Whether the lines ``entry`` stands on are the earlier text's moved by ``shift``, whole:
        then the entry its fields were moved from is this one moved (a table's row that an edit of
        another row left alone, an item next to blank lines taken out)."""
        text, earlier = self.source.normalized, self._earlier_text
        first = text.rfind("\n", 0, entry.span.start) + 1
        last = text.find("\n", entry.span.end)
        last = len(text) if last < 0 else last
        was_first, was_last = first - shift, last - shift
        return (
            was_first >= 0
            and (was_first == 0 or earlier[was_first - 1] == "\n")
            and (was_last == len(earlier) or earlier[was_last : was_last + 1] == "\n")
            and text[first:last] == earlier[was_first:was_last]
        )

    def _read_fields(self, open_entry: _OpenEntry, paragraphs: list[list[Piece]]) -> None:
        entry = open_entry.entry
        links = [link for paragraph in paragraphs for link in self._links_in.get(paragraph[0].start, ())]
        fields = extract(self.source, paragraphs, open_entry.text_start, links)
        if open_entry.venue_cells is not None:  # a venue column and a year column say it best
            fields.venue = venue_from_cells(self.source, *open_entry.venue_cells) or fields.venue
        if fields.authors is None and open_entry.author_cell:
            fields.authors = authors_from_cell(self.source, open_entry.author_cell)
        if fields.description is None and open_entry.description_cell:
            fields.description = description_from_cell(self.source, open_entry.description_cell)
        entry.title = fields.title
        entry.venue = fields.venue
        entry.authors = fields.authors
        entry.description = fields.description
        entry.date = fields.date
        entry.links = [link.with_role(link_role(entry, link)) for link in fields.links]
        entry.kind = entry_kind(entry)

    def _earlier_entry(
        self, open_entry: _OpenEntry, paragraphs: list[list[Piece]]
    ) -> tuple[_Built, Move] | None:
        """The earlier reading's entry this one is, moved: when each piece list its fields are read
        from is an earlier one's moved alike (or empty where that was), those made one entry in the
        same roles, its text started alike, and the text its fields may read is as it was."""
        moved_from = self.parsed.moved_from
        found = moved_from.get(id(paragraphs[0])) if paragraphs else None
        if found is None or found[0] is not paragraphs[0]:
            return None
        shift = found[2]
        built = self._built_before.get(id(found[1]))
        read = open_entry.read(paragraphs)
        if built is None or len(built.read) != len(read) or built.text_start + shift != open_entry.text_start:
            return None
        start, end = open_entry.text_start, 0
        for pieces, earlier in zip(read, built.read, strict=True):
            if not pieces or not earlier:
                if pieces or earlier:
                    return None
                continue
            found = moved_from.get(id(pieces))
            if found is None or found[0] is not pieces or found[1] is not earlier or found[2] != shift:
                return None
            start, end = min(start, pieces[0].start), max(end, pieces[-1].end)
        # The fields read their pieces (and where the text starts); what lies between the pieces
        # (blank lines, a table's other cells) must be as it was too. Past the last piece a title's
        # quote is looked for (`"**Title**."`): there a paragraph's or cell's content has ended,
        # before white space or a bar, in either text.
        if self.source.normalized[start:end] != self._earlier_text[start - shift : end - shift]:
            return None
        return built, Move(shift, self.source.line_starts)

    def _moved_item(self, tokens: Sequence[Token], index: int) -> int:
        """Where the walk goes on past a list item that an earlier reading's item is, moved whole:
        the same text, tokens and depth, followed by what ends whatever its entries might have
        continued into (`_NO_CONTINUATION`). 0 when there is none."""
        token = tokens[index]
        candidates = self._items_before.get(tokens[index + 2].content)
        if candidates is None or token.map is None:
            return 0
        normalized, earlier_text = self.source.normalized, self._earlier_text
        start, end = self.source.norm_line_start(token.map[0]), _line_start(self.source, token.map[1])
        containers, level, size = len(self.containers), token.level, end - start
        for item in self._nearest_first(candidates, start):
            after = index + item[1] - item[0] + 1
            earlier_start = item[4]
            if (
                item[2] == containers
                and item[3] == level
                and item[5] - earlier_start == size
                and after < len(tokens)
                and tokens[after - 1].type == "list_item_close"
                and tokens[after - 1].level == level
                and (
                    tokens[after].type == "list_item_open"  # (most items: the next of its list)
                    or (after + 1 == len(tokens) or tokens[after + 1].type in _NO_CONTINUATION)
                )
                and normalized[start:end] == earlier_text[earlier_start : earlier_start + size]
                and self._ended_within(item)
            ):
                self._move_item(tokens, index, after, item, start - earlier_start)
                self.pending = None
                return after
        return 0

    def _ended_within(self, item: tuple[int, ...]) -> bool:
        """Whether the entries the earlier reading's ``item`` made ended within it: none went on
        into the paragraphs after it (which an item now opened there no longer leaves to it)."""
        assert self._items_from is not None
        made = self._items_from.item_parts[0]
        return all(entry.span.end <= item[5] for entry in made[item[6] : item[7]])

    def _nearest_first(self, candidates: list[tuple[int, ...]], start: int) -> Iterator[tuple[int, ...]]:
        """The earlier items (tables) of one text (in the text's order), the one nearest where the
        item (table) at ``start`` was (by the changes, when known) first: the one it is rather than
        a copy of it elsewhere in the list (a paper listed in two sections), whose entries are not
        this one's. (The nearest found by a bisect: the others are seldom needed.)"""
        if len(candidates) == 1:
            yield candidates[0]
            return
        was = start - self._shifts.after_new(start)
        index = bisect.bisect_left(candidates, was, key=_ITEM_START)
        after = candidates[index][4] - was if index < len(candidates) else None  # (how far the next is)
        if index and (after is None or was - candidates[index - 1][4] <= after):
            index -= 1  # (the earlier of two as near: the first of the order by distance)
        yield candidates[index]
        others = candidates[:index] + candidates[index + 1 :]
        yield from sorted(others, key=lambda item: abs(item[4] - was))

    def _move_item(
        self, tokens: Sequence[Token], index: int, after: int, item: tuple[int, ...], shift: int
    ) -> None:
        """Give the page the entries, links, anchors and comments of the earlier reading's ``item``
        moved by ``shift``, keep the readings of its paragraphs (a table's cells), moved, as those of
        its tokens here ``tokens[index:after]``, and note it as an item (table) read here."""
        earlier = self._items_from
        assert earlier is not None
        first, _, containers, level, start, end, entries, entries_end, links, links_end = item[:10]
        anchors, anchors_end, comments, comments_end, blocks, blocks_end = item[10:]
        made_entries, made_kinds, made_links, made_anchors, made_comments, made_blocks = earlier.item_parts
        move, doc, made = Move(shift, self.source.line_starts), self.doc, self._entries_made
        entries_from, links_from = len(made), len(doc.links)
        target = (self.section or doc).entries
        for old, kind in zip(made_entries[entries:entries_end], made_kinds[entries:entries_end], strict=True):
            entry = move.entry(old)
            entry.section_path, entry.kind = self.section_path, kind
            target.append(entry)
            made.append(entry)
            self.items_moved.append((entry, old))
        doc.links.extend([move.link(link) for link in made_links[links:links_end]])
        anchors_from, comments_from = len(doc.anchors), len(doc.comments)
        if anchors < anchors_end:
            doc.anchors.extend([move.anchor(anchor) for anchor in made_anchors[anchors:anchors_end]])
        if comments < comments_end:
            doc.comments.extend([move.comment(comment) for comment in made_comments[comments:comments_end]])
        blocks_from = len(self._blocks_made)
        if blocks < blocks_end:
            moved_blocks = [move.block(block) for block in made_blocks[blocks:blocks_end]]
            (self.section or doc).blocks.extend(moved_blocks)
            self._blocks_made.extend(moved_blocks)
        if not self._recording:
            return  # (its readings are kept, moved, only where the reading is kept: the fixer's guard)
        self._items_read.append(
            (
                *(index, after - 1, containers, level, start + shift, end + shift),
                *(entries_from, len(made), links_from, len(doc.links)),
                *(anchors_from, len(doc.anchors), comments_from, len(doc.comments)),
                *(blocks_from, len(self._blocks_made)),
            )
        )
        earlier_tokens, parsed = earlier.tokens, self.parsed
        if tokens[index].type == "table_open":
            parsed.keep_moved_cells(
                tokens[index:after], earlier, earlier_tokens[first : first + after - index], shift
            )
            return
        for at in range(index + 2, after):
            if tokens[at].type == "inline":
                kept = earlier.kept(earlier_tokens[first + at - index])
                if kept is not None:  # (else its pieces are read when asked for)
                    parsed.keep_moved(tokens[at], kept, shift)

    def _keep_items(self) -> None:
        """Keep the items read here that a later text may move whole, and what they made: every
        entry made (its kind as read, before the page settles kinds) and the page's parts."""
        if self._recording:
            doc, made = self.doc, self._entries_made
            self.parsed.items = self._items_read
            self.parsed.item_parts = (
                made,
                [entry.kind for entry in made],
                doc.links,
                doc.anchors,
                doc.comments,
                self._blocks_made,
            )

    # -- other blocks -----------------------------------------------------------------------------

    def _block(self, kind: BlockKind, token: Token, text: str) -> None:
        first, last = token.map if token.map else (0, 1)
        block = Block(kind, self.source.line_span(first, max(first, last - 1)), text)
        (self.section.blocks if self.section else self.doc.blocks).append(block)
        self._blocks_made.append(block)

    def _html_block(self, tokens: Sequence[Token], index: int) -> int:
        token = tokens[index]
        start, html = self._html_of(token)
        table = _HTML_TABLE_START.search(html)
        if table is not None:
            return self._html_table(tokens, index, start + table.start())
        self._html_facts(html, start)
        heading = _HTML_HEADING.fullmatch(html)
        if heading is not None:
            self._html_heading(token, heading, start)
        elif _HTML_COMMENT.sub("", html).strip():
            self._block("html", token, html)
        return index + 1

    def _html_of(self, token: Token) -> tuple[int, str]:
        """Where an HTML block starts in the normalised text, and its text."""
        first, last = token.map if token.map else (0, 1)
        start = self.source.norm_line_start(first)
        end = self.source.norm_line_start(last - 1) + len(self.source.norm_line(last - 1))
        return start, self.source.normalized[start:end]

    def _html_facts(self, html: str, offset: int, table: tuple[int, int] | None = None) -> None:
        """The comments, ids and in-page links of HTML at ``offset``; links inside ``table`` are
        read as its cells' links instead."""
        for match in _HTML_COMMENT.finditer(html):
            span = self.source.span(offset + match.start(), offset + match.end())
            self.doc.comments.append(Comment(match[1], span))
        self._collect_html(html, offset, table)

    def _html_table(self, tokens: Sequence[Token], index: int, start: int) -> int:
        """An HTML table (`<table><tr><td>...`), read as a Markdown table is: in a table of papers
        each row is an entry, and every cell's `<a href>` is a link of the page. A table may hold
        blank lines, which end markdown-it's HTML block: it runs to its `</table>`, and the HTML
        blocks markdown-it made of its lines give only their comments and ids."""
        self.pending = None
        normalized = self.source.normalized
        close = _HTML_TABLE_END.search(normalized, start)
        end = close.end() if close is not None else len(normalized)
        self._block("table", tokens[index], "")
        header: list[str] = []
        rows_read = False
        rows: list[tuple[list[list[Piece]], int]] = []
        for row in html_rows(normalized, start, end):
            for cell in row.cells:
                self._collect_links(cell)
            linked = any(piece.kind == "link" for cell in row.cells for piece in walk(cell))
            if not row.cells:
                continue
            if not rows_read and not header and not linked:  # a cell spanning columns names each
                header = [
                    plain_text(cell).casefold()
                    for cell, width in zip(row.cells, row.widths, strict=True)
                    for _ in range(width)
                ]
                continue
            if not rows_read and header and (row.heading or (len(row.cells) < len(header) and not linked)):
                continue  # the header's second row, under its cells that span columns
            if len(row.cells) == 1 and len(header) > 1:
                continue  # a row that only names the group of rows below it
            rows_read = True
            rows.append((row.cells, row.start))
        self._table_rows(header, rows)
        last_line = self.source.norm_line_at(end)
        level = tokens[index].level
        while index < len(tokens):
            following = tokens[index]
            if following.nesting == -1 and following.level < level:
                break  # the container that holds the table closes
            if following.map is not None and following.map[0] > last_line:
                break  # a block after the table opens
            if following.type == "html_block":
                offset, html = self._html_of(following)
                self._html_facts(html, offset, table=(start, end))
            index += 1
        return index

    def _table(self, tokens: Sequence[Token], index: int) -> int:
        """A table; in a table of papers (a title column, or links in the first column) each body
        row is an entry, its columns read by their headers. A table an earlier reading read is moved
        whole."""
        self.pending = None
        if self._tables_before:
            after = self._moved_table(tokens, index)
            if after:
                return after
        lines = tokens[index].map
        mark = (
            self._item_mark(index, False, self.source.norm_line_start(lines[0]))
            if self._recording and lines is not None
            else None
        )
        self._block("table", tokens[index], "")
        header: list[str] = []
        row: list[list[Piece]] = []
        rows: list[tuple[list[list[Piece]], int]] = []
        row_line = 0
        cells = RowCursor(self.parsed)
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
                    rows.append((row, self.source.norm_line_start(row_line)))
            index += 1
        self._table_rows(header, rows)
        if mark is not None and index < len(tokens):
            self._keep_read(mark, index)
        return index + 1

    def _moved_table(self, tokens: Sequence[Token], index: int) -> int:
        """Where the walk goes on past a table that an earlier reading's table is, moved whole: the
        same text (its lines), depth and tokens. 0 when there is none."""
        token = tokens[index]
        if token.map is None:
            return 0
        start, end = self.source.norm_line_start(token.map[0]), _line_start(self.source, token.map[1])
        candidates = self._tables_before.get(self.source.normalized[start:end])
        if candidates is None:
            return 0
        containers, level = len(self.containers), token.level
        for item in self._nearest_first(candidates, start):
            after = index + item[1] - item[0] + 1
            if (
                item[2] == containers
                and item[3] == level
                and after <= len(tokens)
                and tokens[after - 1].type == "table_close"
                and tokens[after - 1].level == level
            ):
                self._move_item(tokens, index, after, item, start - item[4])
                return after
        return 0

    def _table_rows(self, header: list[str], rows: list[tuple[list[list[Piece]], int]]) -> None:
        """The entries of a table's body rows (their cells, where each starts), by the header. A table
        whose columns are years or numbers (`| Venue | 2019 | 2020 |`) is a grid of figures or of pages
        by year, whose rows are no entries."""
        if len(header) > 2 and all(_NUMBER.fullmatch(name.strip()) for name in header[1:]):
            return
        roles = [_COLUMN_ROLES.get(re.sub(r"[^\w ]+", "", name).strip(), "") for name in header]
        columns = [_title_column(roles, cells) for cells, _ in rows]
        # Where most rows name their entry (bold or linked), a row that names it in plain words is an
        # entry too (`| Jane Doe | Data scientist |` among linked names).
        named = sum(column is not None and column[1] for column in columns)
        plain_too = named >= 3 and 2 * named >= len(rows)
        for (cells, start), column in zip(rows, columns, strict=True):
            if column is not None and (column[1] or plain_too):
                self._table_row(roles, cells, start, column[0])

    def _table_row(self, roles: list[str], cells: list[list[Piece]], start: int, title_column: int) -> None:
        open_entry = self._new_entry("table", None, start, start)
        # The title cell first; a description column is prose, where no field is read.
        others = (
            cell
            for i, cell in enumerate(cells)
            if i != title_column and roles[i : i + 1] not in (["description"], ["aside"])
        )
        open_entry.paragraphs.extend([cells[title_column], *others])
        columns = dict(zip(roles, cells, strict=False))
        open_entry.venue_cells = (columns.get("venue", []), columns.get("year", []))
        open_entry.author_cell = columns.get("authors")
        open_entry.description_cell = columns.get("description")

    # -- links, anchors, HTML ids -----------------------------------------------------------------

    def _collect_links(self, pieces: Sequence[Piece]) -> None:
        links: list[Link] = []
        self._collect_links_in(pieces, links)
        if links:
            self._links_in[pieces[0].start] = links

    def _collect_links_in(self, pieces: Sequence[Piece], links: list[Link]) -> None:
        """The page's links, anchors, comments and ids in ``pieces`` and their children, in order;
        the links also into ``links``."""
        for piece in pieces:
            kind = piece.kind
            if kind == "link":
                link = make_link(self.source, piece)
                links.append(link)
                self.doc.links.append(link)
                if link.url.startswith("#") and link.url_span != link.span:
                    fragment = self.source.original_span(link.url_span.start + 1, link.url_span.end)
                    self.doc.anchors.append(Anchor(link.url[1:], fragment, link.label))
            elif kind == "html":
                html = self.source.normalized[piece.start : piece.end]
                comment = _HTML_COMMENT.fullmatch(html)
                if comment is not None:
                    self.doc.comments.append(Comment(comment[1], self.source.span(piece.start, piece.end)))
                self._collect_html(html, piece.start)
            children = piece.children
            if children and (len(children) > 1 or children[0].kind != "text"):  # a label of text holds none
                self._collect_links_in(children, links)

    def _collect_html(self, html: str, offset: int, table: tuple[int, int] | None = None) -> None:
        for match in _HTML_ATTRIBUTE.finditer(html):
            value_group = next(group for group in (2, 3, 4) if match[group] is not None)
            value = match[value_group]
            attribute = match[1].lower()
            if attribute != "href":
                self.doc.html_ids.add(value)
                self._ids_read += 1
            elif value.startswith("#") and not (table and table[0] <= offset + match.start() < table[1]):
                span = self.source.span(
                    offset + match.start(value_group) + 1, offset + match.end(value_group)
                )
                self.doc.anchors.append(Anchor(value[1:], span, ""))
