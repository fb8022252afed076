"""Reading an edited text from the reading of the text before the edit (the language server's path).

Only the sections whose own text an edit touched are read again, each from the line after its heading
to the next heading; the rest of the tree is the earlier one, moved to its new offsets. Whenever an
edit could change what is read anywhere else (a heading, a reference definition, an HTML table, an
HTML id added or removed, whether there are entries before a section, the list's majority of
papers), the whole text is read instead: the result is always the tree `read` gives.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol, TypeVar

from ..entry_facts import note_moved, note_read_again
from ..model import Document, Entry, Section
from ..text import BOM, Source, Span
from .blocks import _Builder, keep_references, page_anchors, read, reading, references, settle_entries
from .edited import Change as Change  # (where the fixer and the tests import it from)
from .edited import Shifts, defines_references
from .entries import section_about_the_list
from .headed import is_headed_candidate
from .kinds import PAPER_COUNT, majority_of, paper_count, settle_group
from .moving import Move
from .tokens import Parsed, markdown

# An HTML table is read up to its `</table>`, past blank lines and headings.
_TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_HTML_ID = re.compile(r"\b(?:id|name)\s*=", re.IGNORECASE)


def common_prefix(old: str, new: str) -> int:
    """The length of the longest start ``old`` and ``new`` share (where `changed_range`'s change starts)."""
    low, high = 0, min(len(old), len(new))
    while low < high:  # compared a half at a time (no loop per character), one side copied
        middle = (low + high + 1) // 2
        if new.startswith(old[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def changed_range(old: str, new: str) -> Change:
    """The one change that turns ``old`` into ``new``: the part between their common start and end."""
    prefix = common_prefix(old, new)
    low, high = 0, min(len(old), len(new)) - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if new.endswith(old[len(old) - middle : len(old) - low], 0, len(new) - low):
            low = middle
        else:
            high = middle - 1
    return Change(prefix, len(old) - low, len(new) - low - prefix)


class _Region(NamedTuple):
    """A section's own text (from the line after its heading to the next heading), as it was."""

    section: Section
    start: int
    end: int


def read_edited(earlier: Document, text: str, changes: Sequence[Change] | None = None) -> Document:
    """The tree of ``text``, made from ``earlier`` (the tree of the text it was edited from) by
    ``changes`` (sorted, in the earlier text's offsets; by default the one range that differs).
    Where the whole text is read, the entries an edit left alone are taken from ``earlier`` when it
    kept its reading (`read`'s ``earlier``)."""
    if changes is None:
        changes = [changed_range(earlier.text, text)]
    old = earlier.text
    if not changes or any("\r" in t or t.startswith(BOM) for t in (old, text)):
        return read(text, earlier=reading(earlier), changes=changes)
    regions = _regions(earlier, changes)
    if regions is None or _tables_cross(old, [(r.start, r.end) for r in regions]):
        return read(text, earlier=reading(earlier), changes=changes)
    defined = references(earlier) if defines_references(text) else {}
    if defined is None:
        return read(text, earlier=reading(earlier), changes=changes)
    found = _Splice(earlier, text, regions, changes, defined).document()
    return found or read(text, earlier=reading(earlier), changes=changes)


def _regions(earlier: Document, changes: Sequence[Change]) -> list[_Region] | None:
    """The sections whose own text holds each change (in order, each once), or None when a change
    touches anything else: a heading, the text before the first heading, a heading not written
    with `#` at the start of its line (whose end another block may share)."""
    sections = list(earlier.iter_sections())
    text = earlier.text
    starts = [section.span.start for section in sections]
    regions: list[_Region] = []
    for change in changes:
        index = bisect.bisect_right(starts, change.start) - 1
        if index < 0:
            return None
        section = sections[index]
        following = sections[index + 1] if index + 1 < len(sections) else None
        start = text.find("\n", section.span.end) + 1
        end = following.span.start if following is not None else len(text)
        if start == 0 or not (start <= change.start and change.end <= end):
            return None
        if regions and regions[-1].section is section:
            continue  # the section was looked at for an earlier change
        if (
            not text.startswith("#", section.span.start)
            or (following is not None and not text.startswith("#", end))
            or is_headed_candidate(section)
        ):
            return None
        regions.append(_Region(section, start, end))
    return regions


def _may_hold_html_ids(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold an HTML id or name: HTML holds one only after its `<`
    (an `id=` in a web address before any HTML is no id)."""
    tag = text.find("<", start, end)
    return tag >= 0 and _HTML_ID.search(text, tag, end) is not None


def _tables_cross(text: str, regions: list[tuple[int, int]]) -> bool:
    """Whether an HTML table of ``text`` (up to its first `</table>` after it) lies partly in a
    region: its reading reaches in or out."""
    for table in _TABLE_START.finditer(text):
        end = _TABLE_END.search(text, table.start())
        stop = end.end() if end is not None else len(text)
        for start, region_end in regions:
            if (
                table.start() < region_end
                and start < stop
                and not (start <= table.start() and stop <= region_end)
            ):
                return True
    return False


def _paper_count(document: Document) -> tuple[int, int]:
    """The document's `paper_count`, kept with it (each edited document's is worked out from the
    earlier one's and the sections read again)."""
    found = document.derived.get(PAPER_COUNT)
    if not isinstance(found, tuple):
        found = document.derived[PAPER_COUNT] = paper_count(document.iter_entries())
    return found


class _Splice:
    """The new tree: the earlier tree's parts moved, and each region read again."""

    def __init__(
        self,
        earlier: Document,
        text: str,
        regions: list[_Region],
        changes: Sequence[Change],
        defined: dict[str, Any],
    ) -> None:
        self.earlier = earlier
        self.defined = defined  # the link reference definitions, none of them in a region
        self.regions = regions
        self.source = Source.edited(earlier.source, text, changes)
        self.lines = self.source.line_starts
        # Where the earlier text's offsets move (offsets inside a changed region are never moved:
        # its parts are read again).
        self.shift = Shifts(changes).after_old
        # Before the first change the earlier parts are kept as they are; from there on they are
        # moved, even by nothing: their lines may have moved (a space replaced by a line break).
        # Where the edits kept every line where it was (the same table of lines), a part moved by
        # nothing is kept too (a word spelled otherwise in a few sections of a long list).
        self.first = changes[0].start
        self.same_lines = self.lines is earlier.source.line_starts
        self.moved: dict[int, Entry] = {}  # each entry kept or moved (by id) -> the earlier one

    def document(self) -> Document | None:
        """The new tree, or None when a region reads in a way that reaches outside it."""
        earlier = self.earlier
        fresh: dict[int, tuple[Section, Document]] = {}
        for region, (start, end) in zip(self.regions, self.new_regions, strict=True):
            read_again = self._read_region(region, start, end)
            if read_again is None:
                return None
            fresh[id(region.section)] = read_again
        if not self._same_list_facts(fresh) or _tables_cross(self.source.text, self.new_regions):
            return None
        document = Document(text=self.source.text, source=self.source)
        document.entries, document.blocks = earlier.entries, earlier.blocks  # before the first heading
        document.html_ids = set(earlier.html_ids)
        keep_references(document, self.defined)
        document.sections = [self._section(section, None, fresh) for section in earlier.sections]
        read_parts = [fresh[id(region.section)][1] for region in self.regions]
        document.links = self._merged(earlier.links, [p.links for p in read_parts], Move.link)
        document.anchors = self._merged(earlier.anchors, [p.anchors for p in read_parts], Move.anchor)
        document.comments = self._merged(earlier.comments, [p.comments for p in read_parts], Move.comment)
        before = _paper_count(earlier)
        gone = paper_count(entry for region in self.regions for entry in region.section.entries)
        come = paper_count(entry for section, _ in fresh.values() for entry in section.entries)
        count = before[0] - gone[0] + come[0], before[1] - gone[1] + come[1]
        document.derived[PAPER_COUNT] = count
        overall = majority_of(*count)
        if overall != majority_of(*before):
            return None  # the list's majority settled entries elsewhere
        for section, _ in fresh.values():
            settle_group(section.entries, overall)
        unheaded = earlier.entries  # (those before the first heading)
        self.moved.update(zip(map(id, unheaded), unheaded, strict=True))
        note_moved(document, self.moved)  # the rules need not work out again which entries these are
        parts = [(region.start, region.end, self.shift(region.end)) for region in self.regions]
        note_read_again(document, earlier.text, parts)
        return document

    @property
    def new_regions(self) -> list[tuple[int, int]]:
        """Where each region lies in the new text."""
        return [(r.start + self.shift(r.start - 1), r.end + self.shift(r.end)) for r in self.regions]

    def _read_region(self, region: _Region, start: int, end: int) -> tuple[Section, Document] | None:
        """The section's own text, now ``start:end``, read again (its heading as before, its own
        entries and blocks new), and what else that text holds (links, anchors, comments); None when
        its reading would not end where the region ends or would open a section."""
        old, normalized = region.section, self.source.normalized
        if end < len(normalized) and normalized[end - 1 : end] != "\n":
            return None  # the edit ran into the next heading's line
        following = normalized[end : normalized.find("\n", end) + 1 or len(normalized)]
        own: dict[str, Any] = {}
        tokens = markdown().parse(normalized[start:end] + following, own)
        if own.get("references", {}) != self._earlier_definitions(region):
            return None  # the links elsewhere may read another way
        # the region's links read the definitions of the whole text (its own among them)
        env: dict[str, Any] = {"references": self.defined} if self.defined else {}
        if following:  # the next heading must still be read as one, right after the region
            heading = tokens[-3:]
            lines = normalized.count("\n", start, end)
            if len(heading) < 3 or heading[0].type != "heading_open" or heading[0].level != 0:
                return None
            if heading[0].map is None or heading[0].map[0] != lines:
                return None
            tokens = tokens[:-3]
        if any(token.type == "heading_open" for token in tokens):
            return None
        first_line = bisect.bisect_right(self.lines, start) - 1  # (the text holds no CR: offsets alike)
        for token in tokens:
            if token.map is not None:
                token.map = [token.map[0] + first_line, token.map[1] + first_line]
        section = Section(old.level, old.text, old.raw, old.slug, old.span, parent=old.parent)
        builder = _Builder(Parsed(self.source, tokens, env))
        builder.section = section
        index = 0
        while index < len(tokens):
            index = builder._token(tokens, index)
        for open_entry in builder.open_entries:
            builder._finish(open_entry)
        part = builder.doc
        if builder.section is not section or part.sections or part.entries or part.blocks:
            return None
        if part.html_ids != self._earlier_html_ids(region):
            return None  # the page's anchors, and what reads as its table of contents, may change
        return section, part

    def _earlier_html_ids(self, region: _Region) -> set[str]:
        """The HTML ids and names the region's text held before the edit: its own reading, as the
        region is read (on its own, from the line after a heading)."""
        text = self.earlier.text
        if not _may_hold_html_ids(text, region.start, region.end):
            return set()
        return read(text[region.start : region.end]).html_ids

    def _earlier_definitions(self, region: _Region) -> dict[str, Any]:
        """The link reference definitions of the region's text as it was."""
        if not defines_references(self.earlier.text, region.start, region.end):
            return {}
        env: dict[str, Any] = {}
        markdown().parse(self.earlier.source.normalized[region.start : region.end], env)
        found: dict[str, Any] = env.get("references", {})
        return found

    def _same_list_facts(self, fresh: dict[int, tuple[Section, Document]]) -> bool:
        """Settle each region's items as a whole reading would; False when its entries change a fact
        that other sections were read by (whether any entry comes before them)."""
        earlier = self.earlier
        anchors = page_anchors(earlier)
        entries_before = bool(earlier.entries)
        for old in earlier.iter_sections():
            found = fresh.get(id(old))
            if found is not None:
                section = found[0]
                about = section_about_the_list(old.text, entries_before)
                section.entries = settle_entries(
                    section.entries, section.blocks, about, anchors, self.source.text
                )
                if not entries_before and bool(section.entries) != bool(old.entries):
                    return False
            entries_before = entries_before or bool(old.entries)
        return True

    def _section(
        self, old: Section, parent: Section | None, fresh: dict[int, tuple[Section, Document]]
    ) -> Section:
        shift = self.shift(old.span.start)
        kept, move = old.span.start < self.first or (self.same_lines and not shift), Move(shift, self.lines)
        span = old.span if kept else move.span(old.span)
        section = Section(old.level, old.text, old.raw, old.slug, span, parent=parent)
        found = fresh.get(id(old))
        if found is not None:
            section.entries, section.blocks = found[0].entries, found[0].blocks
        elif kept:
            section.entries, section.blocks = old.entries, old.blocks
            self.moved.update(zip(map(id, old.entries), old.entries, strict=True))
        else:
            section.entries = [move.entry(entry) for entry in old.entries]
            section.blocks = [move.block(block) for block in old.blocks]
            self.moved.update(zip(map(id, section.entries), old.entries, strict=True))
        section.children = [self._section(child, section, fresh) for child in old.children]
        return section

    def _merged(self, old: list[_Part], fresh: list[list[_Part]], move: _Mover[_Part]) -> list[_Part]:
        """The earlier page-wide ``old`` items (links, anchors, comments, in text order) outside the
        regions, moved, with each region's ``fresh`` ones in its place. (The changes are all in the
        regions: the items between two regions move alike, found by a bisect on their starts.)"""
        merged: list[_Part] = []
        cursor, by = 0, None  # the first item not placed yet; how far the items there move
        for region, items in zip(self.regions, fresh, strict=True):
            start = bisect.bisect_left(old, region.start, cursor, key=_START)
            merged.extend(self._moved(old[cursor:start], by, move))
            merged.extend(items)
            cursor, by = bisect.bisect_left(old, region.end, start, key=_START), self.shift(region.end)
        merged.extend(self._moved(old[cursor:], by, move))
        return merged

    def _moved(self, items: list[_Part], by: int | None, move: _Mover[_Part]) -> list[_Part]:
        """``items`` moved ``by`` characters onto the new text's lines (None: before the first
        change, kept as they are)."""
        if by is None or not items or (self.same_lines and not by):
            return items
        mover = Move(by, self.lines)
        return [move(mover, item) for item in items]


class _Spanned(Protocol):
    @property
    def span(self) -> Span: ...


_Part = TypeVar("_Part", bound=_Spanned)
_Mover = Callable[[Move, _Part], _Part]
_START = operator.attrgetter("span.start")
