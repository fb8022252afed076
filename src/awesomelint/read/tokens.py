"""markdown-it-py, set up for awesome lists, with exact source positions for inline markup.

markdown-it-py gives block tokens a line map but inline tokens no position at all. We wrap the
inline rules that build structure (emphasis, links, code, HTML, ...) so that each token they push
records where in the inline source it came from, then translate those positions to the document.
Nothing is re-parsed: what a thing is comes from markdown-it-py; we only note where it was.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import types
from collections.abc import Callable, Sequence
from typing import Any, Literal, NamedTuple, cast

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS, mdTrim, unescapeAll
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock, code, hr, lheading, paragraph, reference, table
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict, OptionsType
from mdit_py_plugins.front_matter import front_matter_plugin

from ..text import Source
from .inline import PLAIN_DESTINATION, READS_DIRECTLY, Align, filled, simple_pieces
from .inline import PLAIN_URL as PLAIN_URL  # where the tests import it from
from .inline import Piece as Piece  # where the reader's stages and the fixer import it from

_POS = "awesomelint_pos"
_LABEL = "awesomelint_label"
_DEST = "awesomelint_dest"

# Rules whose tokens we locate, with the characters they can start at (each rule's first test);
# emphasis-like rules push one token per delimiter run piece.
_TRACKED_RULES = {
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
}
_DELIMITER_RULES = frozenset({"strikethrough", "emphasis"})

InlineRule = Callable[[StateInline, bool], bool]
BlockRule = Callable[[StateBlock, int, int, bool], bool]
# Where markdown-it's text rule stops a run of plain text: where one of our parser's inline rules may
# start, and at `]` (the end of a link label). markdown-it's own set also stops at `-`, `:`, `#` and
# others that start nothing here; there every rule is tried and fails, one character at a time.
_TEXT_END = re.compile(r"[\n\\`~*_\[\]!<&]")


# The characters that start a delimiter run, the only tokens markdown-it's inline post-pass changes.
_DELIMITER_CHARS = re.compile(r"[*_~]")


class _Markdown(MarkdownIt):
    """markdown-it-py, skipping link normalisation where it would change nothing (a tenth of the
    inline pass on a list of papers: every link's address is parsed, re-encoded and formatted)."""

    def normalizeLink(self, url: str) -> str:
        return url if PLAIN_URL.fullmatch(url) else super().normalizeLink(url)

    def set(self, options: OptionsType) -> None:
        self.options = _Options(options)


class _Options(OptionsDict):
    """markdown-it's options, looked up by a dict's own `get`: the rules ask for some at every list
    item and inline run, and the mapping's generic `get` goes through two Python calls."""

    def __init__(self, options: OptionsType) -> None:
        super().__init__(options)
        self._found: dict[str, Any] = cast(dict[str, Any], self._options)

    def get(self, key: str, default: Any = None) -> Any:
        return self._found.get(key, default)


_new_token = Token.__new__
# The attributes and the metadata of every block token made with none: one read-only mapping shared
# by all (two empty dictionaries per token were a tenth of the memory of a reading kept for the
# fixer). markdown-it gives a token that has some a dictionary of its own (an ordered list's start, a
# table cell's alignment); none of the block rules we enable writes into a token's.
_NOTHING: dict[str, Any] = cast("dict[str, Any]", types.MappingProxyType({}))


class _BlockState(StateBlock):
    """markdown-it's block state, pushing each token made field by field: the dataclass's
    constructor calls a factory for two of its fields and a post-init for one (a tenth of the block
    pass, at every block's opening, content and closing)."""

    def __init__(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> None:
        """The state of markdown-it's release, its table of lines made from the text's lines split
        at once rather than found one at a time (each line's indent by a strip, not character by
        character)."""
        super().__init__("", md, env, tokens)
        self.src = src
        lines = src.split("\n")
        if not lines[-1].strip(" \t"):
            lines.pop()  # a last line of spaces only, or the nothing after a last line break
        starts = [0, *itertools.accumulate(len(line) + 1 for line in lines)]
        self.bMarks = starts[:-1]
        self.eMarks = [start + len(line) for start, line in zip(self.bMarks, lines, strict=True)]
        self.tShift = [len(line) - len(line.lstrip(" \t")) for line in lines]
        self.sCount = [
            _indent_width(line, indent) if indent and "\t" in line[:indent] else indent
            for line, indent in zip(lines, self.tShift, strict=True)
        ]
        self.bsCount = [0] * (len(lines) + 1)
        self.bMarks.append(len(src))  # markdown-it's fake line past the last
        self.eMarks.append(len(src))
        self.tShift.append(0)
        self.sCount.append(0)
        self.lineMax = len(lines)

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        token = _new_token(Token)
        token.type, token.tag, token.nesting = ttype, tag, nesting
        token.attrs, token.map, token.children = _NOTHING, None, None
        token.content = token.markup = token.info = ""
        token.meta, token.block, token.hidden = _NOTHING, True, False
        if nesting < 0:
            self.level -= 1  # closing tag
        token.level = self.level
        if nesting > 0:
            self.level += 1  # opening tag
        self.tokens.append(token)
        return token


def _indent_width(line: str, indent: int) -> int:
    """The width of a line's first ``indent`` characters, spaces and tabs (to the next multiple of 4)."""
    width = 0
    for character in line[:indent]:
        width += 4 - width % 4 if character == "\t" else 1
    return width


class _BlockParser(ParserBlock):
    """markdown-it's block parser, over a `_BlockState`."""

    def parse(self, src: str, md: MarkdownIt, env: Any, outTokens: list[Token]) -> list[Token] | None:
        if not src:
            return None
        state = _BlockState(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens


def _track(name: str, rule: InlineRule) -> InlineRule:
    delimiter_rule = name in _DELIMITER_RULES
    label_offset = 2 if name == "image" else 1

    def tracked(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start = state.pos
        first = len(state.tokens)
        had_pending = bool(state.pending)
        if not rule(state, silent):
            return False
        tokens = state.tokens
        if had_pending and not state.pending:
            first += 1  # the rule flushed earlier plain text into a token of its own
        if delimiter_rule:
            position = start
            for token in tokens[first:]:
                token.meta[_POS] = (position, position + len(token.content))
                position += len(token.content)
            return True
        for token in tokens[first:]:
            if token.type != "text" and _POS not in token.meta:
                token.meta[_POS] = (start, state.pos)
        if name in ("link", "image"):
            _record_link_parts(state, start + label_offset - 1, tokens[first])
        return True

    return tracked


def _located(md: MarkdownIt) -> InlineRule:
    """One inline rule for the tracked ones, each wrapped by `_track`. markdown-it tries every rule
    at every markup character; this one calls only those that can start at the character."""
    by_start: dict[str, InlineRule] = {}
    for rule in md.inline.ruler.__rules__:  # in markdown-it's order (`<`: autolink, then HTML)
        if rule.name in _TRACKED_RULES:
            tracked = _track(rule.name, rule.fn)
            for char in _TRACKED_RULES[rule.name]:
                earlier = by_start.get(char)
                by_start[char] = tracked if earlier is None else _either(earlier, tracked)

    def located(state: StateInline, silent: bool) -> bool:
        rule = by_start.get(state.src[state.pos])
        return rule is not None and rule(state, silent)

    return located


def _either(first: InlineRule, second: InlineRule) -> InlineRule:
    return lambda state, silent: first(state, silent) or second(state, silent)


class _LinkHelpers:
    """markdown-it's link helpers for our parser only, noting where each label and destination they
    parse ends, so that a link's parts are located without parsing them a second time. Keyed by
    start position, and written on every call (a failure as -1): the link rule's own calls always
    overwrite what an earlier inline text left at the same position."""

    def __init__(self) -> None:
        self.label_ends: dict[int, int] = {}
        self.destination_ends: dict[int, int] = {}

    def parseLinkLabel(self, state: StateInline, start: int, disableNested: bool = False) -> int:
        end = parseLinkLabel(state, start, disableNested)
        self.label_ends[start] = end
        return end

    def parseLinkDestination(self, text: str, start: int, maximum: int) -> Any:  # markdown-it's result
        run_end = PLAIN_DESTINATION.match(text, start, maximum).end()  # type: ignore[union-attr]
        if start < run_end and (run_end == maximum or text[run_end] not in "(\\") and text[start] != "<":
            # markdown-it scans it a character at a time to the same end (a tenth of its link rule)
            self.destination_ends[start] = run_end
            return _Destination(True, run_end, unescapeAll(text[start:run_end]))
        result = parseLinkDestination(text, start, maximum)
        self.destination_ends[start] = result.pos if result.ok else -1
        return result

    parseLinkTitle = staticmethod(parseLinkTitle)


class _Destination(NamedTuple):
    """A link destination as markdown-it's parser returns it (the link rules read these three)."""

    ok: bool
    pos: int
    str: str


def _record_link_parts(state: StateInline, bracket: int, opener: Token) -> None:
    helpers = cast(_LinkHelpers, state.md.helpers)
    label_end = helpers.label_ends.get(bracket, -1)
    if label_end < 0:
        return
    opener.meta[_LABEL] = (bracket + 1, label_end)
    end, pos = state.pos, label_end + 1
    if pos < end and state.src[pos] == "(":
        pos += 1
        while pos < end and state.src[pos] in " \t\n":
            pos += 1
        dest_end = helpers.destination_ends.get(pos, -1)
        if dest_end >= 0:
            dest_start = pos
            if state.src.startswith("<", dest_start):
                dest_start, dest_end = dest_start + 1, dest_end - 1
            opener.meta[_DEST] = (dest_start, dest_end)


# What ends a link label's first line for the reference rule: another `[` (no definition), its
# `]`, or an escape (read by the rule itself).
LABEL_STOP = re.compile(r"[\[\]\\]")


def _reference(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's rule for a link reference definition (`[label]: address`), told at once when a
    block's first line opens with a label followed by anything but `:`: a link, as most entries
    open (the rule scans the label a character at a time first, for each block and each line of a
    paragraph)."""
    src, start = state.src, state.bMarks[start_line] + state.tShift[start_line]
    if src.startswith("[", start):
        stop = LABEL_STOP.search(src, start + 1, state.eMarks[start_line])
        if stop is not None and (stop[0] == "[" or (stop[0] == "]" and not src.startswith(":", stop.end()))):
            return False
    return reference(state, start_line, end_line, silent)


# The characters that the line of each of these block rules opens with: at any other line the rule
# is not called (markdown-it tries every rule at every line, and each logs its call first).
_BLOCK_OPENERS = {
    "fence": "`~",
    "blockquote": ">",
    "list": "*-+0123456789",
    "html_block": "<",
    "heading": "#",
}


# The characters a block's first line opens with for each rule that needs one: its opener, a
# thematic break's marks, a reference definition's `[` (front matter is told by the text's first
# character, and the characters after the block's first: it is asked at every block).
_OPENINGS = {**_BLOCK_OPENERS, "hr": "*_-", "reference": "["}


def _openings(rules: list[tuple[str, BlockRule]]) -> BlockRule:
    """The first rule at a block's start: it calls, in their order, those of ``rules`` (the block
    rules, by name) that may open a block at the line's first character, the paragraph's last
    (markdown-it calls each rule at each block's start, where most return at their first test)."""
    anywhere = [rule for name, rule in rules if name not in _OPENINGS]
    by_opening = {
        char: [rule for name, rule in rules if name not in _OPENINGS or char in _OPENINGS[name]]
        for char in {"", *"".join(_OPENINGS.values())}  # ("" opens anything, as in `_opening_with`)
    }

    def opening(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        start = state.bMarks[start_line] + state.tShift[start_line]
        for rule in by_opening.get(state.src[start : start + 1], anywhere):
            if rule(state, start_line, end_line, silent):
                return True
        return False

    return opening


def _opening_with(rule: BlockRule, openers: str) -> BlockRule:
    def guarded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        start = state.bMarks[start_line] + state.tShift[start_line]
        return state.src[start : start + 1] in openers and rule(state, start_line, end_line, silent)

    return guarded


# What a thematic break's line opens with: one of its marks, then (past spaces) the same again.
_BREAK_OPENING = re.compile(r"([*_-])[ \t]*\1")


def _hr(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's rule for a thematic break, not called where the line does not open with two of
    its marks (a bullet item's line opens with one, then its text)."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    return _BREAK_OPENING.match(state.src, start) is not None and hr(state, start_line, end_line, silent)


def _code(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's rule for an indented code block, not called where the line is indented less than
    four columns past the block's own (most lines: the rule logs its call before it looks)."""
    return state.sCount[start_line] - state.blkIndent >= 4 and code(state, start_line, end_line, silent)


# A pipe that separates two cells of a table's row: one not escaped by the character before it.
_CELL_PIPE = re.compile(r"(?<!\\)\|")


def escaped_split(row: str) -> list[str]:
    """markdown-it's escapedSplit (a table row's cells, `\\|` read as `|`) by a split rather than
    a call per character: a fifth of the block pass over a list held in tables."""
    if "\\" not in row:
        return row.split("|")
    return [cell.replace("\\|", "|") for cell in _CELL_PIPE.split(row)]


# markdown-it's table rule, its own code, reading cells with `escaped_split` (under a release this
# was checked against, as the block state and the paragraph rules below; under another, its own)
_table_rule = (
    types.FunctionType(table.__code__, {**table.__globals__, "escapedSplit": escaped_split}, "table")
    if READS_DIRECTLY
    else table
)


# A table's delimiter row as markdown-it's rule first tests it: its marks and spaces only, and not a
# `-` then a space (a list item's line).
DELIMITER_ROW = re.compile(r"(?!-[ \t])[|:-][-|: \t]+")


def _table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's table rule, not called where the next line cannot be a table's delimiter row
    (in a list of `-` items, every item's next line opens with one of its marks)."""
    if start_line + 2 > end_line:
        return False
    line = start_line + 1
    start = state.bMarks[line] + state.tShift[line]
    return DELIMITER_ROW.fullmatch(state.src, start, state.eMarks[line]) is not None and _table_rule(
        state, start_line, end_line, silent
    )


# A setext heading's underline: a run of `=` or of `-`, then only spaces (markdown-it's own test).
UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*")


class _ParagraphEnds:
    """markdown-it's rules for a setext heading and a paragraph, tried in turn at every line no other
    rule takes: both look for the line that ends the paragraph, asking each rule that can interrupt
    one at every line after it. Here the heading's rule looks once, calling markdown-it's own only
    where a line is an underline, and the paragraph's rule is given where the look ended."""

    def __init__(self) -> None:
        self._found: tuple[StateBlock, int, int] | None = None  # the state, the line, its paragraph's end

    def setext(self, state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        self._found = None
        if state.is_code_block(start_line):
            return False
        old_parent = state.parentType
        # markdown-it's rule sets this and leaves it so when it fails (a list's item reads it later)
        state.parentType = "paragraph"
        src, line = state.src, start_line + 1
        terminators = state.md.block.ruler.getRules("paragraph")
        begins, shifts, ends = state.bMarks, state.tShift, state.eMarks
        while line < end_line and begins[line] + shifts[line] < ends[line]:  # (not empty)
            indent = state.sCount[line] - state.blkIndent
            if indent > 3:
                line += 1
                continue
            if indent >= 0 and UNDERLINE.fullmatch(
                src, state.bMarks[line] + state.tShift[line], state.eMarks[line]
            ):
                state.parentType = old_parent
                return lheading(state, start_line, end_line, silent)
            if state.sCount[line] < 0:
                line += 1
                continue
            for rule in terminators:  # (not `any` over a generator: a paragraph's every line asks)
                if rule(state, line, end_line, True):
                    break
            else:
                line += 1
                continue
            break
        if end_line == state.lineMax:  # where the paragraph's rule looks to
            self._found = (state, start_line, line)
        return False

    def paragraph(self, state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        found, self._found = self._found, None
        if found is None or found[0] is not state or found[1] != start_line:
            return paragraph(state, start_line, end_line, silent)
        # markdown-it's rule from where it has found the paragraph's end; the parent type it would
        # restore is the heading's rule's "paragraph"
        end = found[2]
        start, text_start = state.bMarks[start_line], state.bMarks[start_line] + state.tShift[start_line]
        if end == start_line + 1 and state.src.find("\t", start, text_start) < 0:
            # one line, as most are, indented with spaces: what getLines cuts, trimmed, is its text
            content = state.src[text_start : state.eMarks[start_line]].strip(MD_TRIM_CHARS)  # (mdTrim)
        else:
            content = mdTrim(state.getLines(start_line, end, state.blkIndent, False))
        state.line = end
        token = state.push("paragraph_open", "p", 1)
        token.map = [start_line, end]
        token = state.push("inline", "", 0)
        token.content = content
        token.map = [start_line, end]
        token.children = []
        state.push("paragraph_close", "p", -1)
        return True


# Options markdown-it's rules read with a default (`options.get("tasklists", False)`), written out
# with that default: a missing one is found by a raised KeyError, at every list item and inline run.
_UNSET_OPTIONS = dict.fromkeys(
    ["tasklists", "strikethrough_single_tilde", "inline_definitions", "alerts", "store_labels"], False
)


@functools.cache
def markdown() -> MarkdownIt:
    """The shared parser: CommonMark with HTML, tables, strikethrough and front matter. Its core
    runs the block pass only: `Parsed.pieces` runs the inline pass of one inline token at a time."""
    md = _Markdown("commonmark", {"html": True, **_UNSET_OPTIONS}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    if READS_DIRECTLY:
        block = _BlockParser()
        block.ruler = md.block.ruler  # as configured
        md.block = block
    md.helpers = _LinkHelpers()  # type: ignore[assignment]
    md.block.ruler.at("reference", _reference)
    for rule in md.block.ruler.__rules__:  # `at` replaces a rule's function and the chains it ends
        if rule.name in _BLOCK_OPENERS:
            md.block.ruler.at(rule.name, _opening_with(rule.fn, _BLOCK_OPENERS[rule.name]), {"alt": rule.alt})
        elif rule.name == "table":
            md.block.ruler.at("table", _table, {"alt": rule.alt})
        elif rule.name == "hr":
            md.block.ruler.at("hr", _hr, {"alt": rule.alt})
        elif rule.name == "code":
            md.block.ruler.at("code", _code, {"alt": rule.alt})
        elif rule.name == "front_matter":  # it opens at the first line only: it never ends a block
            md.block.ruler.at("front_matter", rule.fn, {"alt": []})
    if READS_DIRECTLY:
        paragraph_ends = _ParagraphEnds()
        md.block.ruler.at("lheading", paragraph_ends.setext)
        md.block.ruler.at("paragraph", paragraph_ends.paragraph)
    starting = [(rule.name, rule.fn) for rule in md.block.ruler.__rules__ if rule.enabled]
    md.block.ruler.before(starting[0][0], "openings", _openings(starting))  # (at a block's start only)
    md.inline.ruler.before("backticks", "located", _located(md))
    md.inline.ruler.disable(list(_TRACKED_RULES))
    md.inline.terminator_re = _TEXT_END
    # text_join only merges text tokens, and text pieces are read from the source, not from them;
    # the text parsed is `Source.normalized`, with no "\r" and no NUL: normalising it would replace
    # each line break by itself (a tenth of the block pass)
    md.core.ruler.disable(["normalize", "inline", "text_join"])
    return md


def parse_tokens(
    source: Source,
    keep_pieces: bool = False,
    earlier: Parsed | None = None,
    moved_by: Callable[[int], int] | None = None,
) -> Parsed:
    env: dict[str, Any] = {}
    tokens = markdown().parse(source.normalized, env)
    return Parsed(source, tokens, env, keep_pieces, earlier, moved_by)


_FIRST_LINE = (0,)  # where the one line of a one-line content starts in it


def content_line_starts(
    source: Source, token: Token, from_column: int | None
) -> tuple[Sequence[int], list[int]]:
    """Where each line of an inline token's content starts, in the content and in the normalised
    document (``from_column``: where in its first line to look for it, a table cell's; None for a
    paragraph's or heading's, whose lines end with their content)."""
    first_line = token.map[0] if token.map else 0
    content, text = token.content, source.normalized
    if "\n" not in content:  # one line, as most are
        start, end = source.norm_line_bounds(first_line)
        return _FIRST_LINE, [_content_start(text, start, end, content, from_column)]
    content_starts, doc_starts = [], []
    position = 0
    for index, content_line in enumerate(content.split("\n")):
        start, end = source.norm_line_bounds(first_line + index)
        content_starts.append(position)
        doc_starts.append(_content_start(text, start, end, content_line, from_column if index == 0 else None))
        position += len(content_line) + 1
    return content_starts, doc_starts


class _Aligner:
    """Maps offsets in an inline token's content of several lines back to offsets in the normalised
    document (one line's are a plain shift)."""

    def __init__(self, content_starts: Sequence[int], doc_starts: Sequence[int]) -> None:
        self.content_starts = content_starts
        self.doc_starts = doc_starts

    def __call__(self, offset: int) -> int:
        line = max(bisect.bisect_right(self.content_starts, offset) - 1, 0)  # the line holding offset
        return self.doc_starts[line] + offset - self.content_starts[line]


def _content_start(text: str, start: int, end: int, content_line: str, from_column: int | None = None) -> int:
    """Where ``content_line`` (a line of inline content) starts in the line of ``text`` from ``start``
    to ``end``: a table cell's at or after ``from_column`` (a row holds several cells: each is looked
    for after the one before, the first from the row's start), in the line (its text may differ: an
    escaped `\\|`); a paragraph's mostly where the line ends, less trailing white space."""
    if not content_line:
        return end
    if from_column is not None:
        found = text.find(content_line, start + from_column, end)
        return found if found >= 0 else max(start, min(start + from_column, end - len(content_line)))
    if text.endswith(content_line, start, end):
        return end - len(content_line)
    trimmed_end = start + len(text[start:end].rstrip())
    if text.endswith(content_line, start, trimmed_end):
        return trimmed_end - len(content_line)
    return max(text.rfind(content_line, start, end), start)


class _Reading(NamedTuple):
    """The pieces of one inline token, with where its content lies in the document."""

    content: str
    line_starts: Sequence[int]  # where each line of the content starts in the document
    end: int
    pieces: list[Piece]


def read_alike(earlier: dict[str, Any], definitions: dict[str, Any]) -> bool:
    """Whether a text's link reference definitions read its links as ``earlier`` did: the same
    labels, each with the same address and title (the line each stands on, its `map`, moves with
    any edit above it and reads nothing)."""
    return earlier.keys() == definitions.keys() and all(
        (found := definitions[label])["href"] == old["href"] and found["title"] == old["title"]
        for label, old in earlier.items()
    )


class _MovedReading:
    """An earlier reading of an inline token that an edit left as it was and moved by ``shift``,
    its pieces moved only when they are asked for (the tree's builder moves the entry they make
    whole, and the guard asks for few of them). A reading moved again moves its first one."""

    __slots__ = ("_base", "_pieces", "_shift", "content", "end")

    content: str
    end: int

    def __init__(self, base: _Reading | _MovedReading, shift: int) -> None:
        if isinstance(base, _MovedReading) and base._pieces is None:
            shift += base._shift
            base = base._base
        self._base: _Reading | _MovedReading = base
        self._shift: int = shift
        self._pieces: list[Piece] | None = None
        self.content = base.content
        self.end = base.end + shift

    @property
    def line_starts(self) -> list[int]:
        shift = self._shift
        return [start + shift for start in self._base.line_starts]

    @property
    def pieces(self) -> list[Piece]:
        if self._pieces is None:
            self._pieces = _moved_pieces(self._base.pieces, self._shift)
        return self._pieces


_Kept = _Reading | _MovedReading


class Parsed:
    """markdown-it's block tokens of a text. The inline tokens of each `inline` block token are
    parsed when its pieces are asked for and not kept: only the block tokens and the pieces being
    read are alive at any time, never every inline token of the list. With ``keep_pieces`` each
    token's pieces are kept once read, for a second reader of the same text (the fixer's guard).
    Given the kept reading of an ``earlier`` text (the fixer's text before its edits), an inline
    token that the edits left as it was is not read again: its earlier pieces are moved. Simple
    inline content is read directly (`inline.simple_pieces`), the rest by markdown-it."""

    read_simple_directly = READS_DIRECTLY  # False in the tests that compare the two readings

    def __init__(
        self,
        source: Source,
        tokens: list[Token],
        env: dict[str, Any],
        keep_pieces: bool = False,
        earlier: Parsed | None = None,
        moved_by: Callable[[int], int] | None = None,
    ) -> None:
        self.source = source
        self.tokens = tokens
        self._env = env  # link reference definitions, for the inline pass
        self._kept: dict[tuple[int, int | None], _Kept] | None = {} if keep_pieces else None
        self._columns: dict[int, int] = {}  # each kept table cell (by id) -> where its row was read from
        self._earlier: dict[str, list[_Kept]] = {}
        self._earlier_text = ""
        # Each list of pieces moved from the earlier reading (by id) -> (the list, the earlier pieces,
        # the shift), and what the tree's builder made of the pieces kept here (`blocks`, by the id of
        # an entry's first paragraph): an entry of pieces all moved alike is moved whole.
        self.moved_from: dict[int, tuple[list[Piece], list[Piece], int]] = {}
        self._earlier_at: dict[int, _Kept] = {}  # the earlier readings by where each starts
        self._shift = 0  # how far the last reading moved
        self._moved_by = moved_by  # how far the text at an offset moved, by the edits (when known)
        self.built: dict[int, Any] | None = {} if keep_pieces else None
        # Where the builder read each list item and table, and what it made of them (`blocks`): in
        # a text edited from this one, an item or table of the same text is moved whole.
        self.items: list[tuple[int, ...]] = []
        self.item_parts: Any = None
        self.items_from: Parsed | None = None  # the earlier reading, when its items may be moved
        same_references = earlier is not None and read_alike(earlier.references, self.references)
        if earlier is not None and earlier._kept is not None and same_references:
            self._earlier_text = earlier.source.normalized
            self.items_from = earlier
            for kept in earlier._kept.values():
                self._earlier.setdefault(kept.content, []).append(kept)
                self._earlier_at[kept.line_starts[0]] = kept

    @property
    def references(self) -> dict[str, Any]:
        """The link reference definitions markdown-it read in the text."""
        found: dict[str, Any] = self._env.get("references", {})
        return found

    def forget_earlier(self) -> None:
        self.items_from = None
        self._earlier.clear()
        self._earlier_at.clear()
        self.moved_from.clear()

    def pieces(self, token: Token, from_column: int | None = None) -> list[Piece]:
        """The located pieces of an inline token (a paragraph's or heading's content, a table cell's:
        ``from_column`` is where in its row to look for it)."""
        if self._kept is not None:
            key = (id(token), from_column)
            found = self._kept.get(key)
            if found is None:
                found = self._kept[key] = _Reading(token.content, *self._read(token, from_column))
                if from_column is not None:
                    self._columns[key[0]] = from_column
            return found.pieces
        return self._read(token, from_column)[2]

    def kept(self, token: Token) -> _Kept | None:
        """The kept reading of a paragraph's inline token, if its pieces were asked for."""
        return self._kept.get((id(token), None)) if self._kept is not None else None

    def keep_moved(self, token: Token, earlier: _Kept, shift: int) -> _Kept:
        """Keep ``earlier`` (a reading of the earlier text), moved by ``shift``, as the reading of
        a paragraph's inline token whose text it is: its pieces are moved when asked for."""
        moved = _MovedReading(earlier, shift)
        if self._kept is not None:
            self._kept[(id(token), None)] = moved
        return moved

    def keep_moved_cells(
        self, tokens: Sequence[Token], earlier: Parsed, earlier_tokens: Sequence[Token], shift: int
    ) -> None:
        """Keep the readings of the cells of an earlier table (``earlier_tokens``), moved by
        ``shift``, as those of the same table's cells here (``tokens``, of the same text): a table's
        cells are all asked for again (the fixer's guard), each from where its row was read."""
        kept, earlier_kept = self._kept, earlier._kept
        if kept is None or earlier_kept is None:
            return
        columns, earlier_columns = self._columns, earlier._columns
        for token, old in zip(tokens, earlier_tokens, strict=True):
            column = earlier_columns.get(id(old)) if token.type == "inline" else None
            if column is None:
                continue  # (not a cell, or one never read)
            found = earlier_kept.get((id(old), column))
            if found is not None:
                kept[(id(token), column)] = _MovedReading(found, shift)
                columns[id(token)] = column

    def _read(self, token: Token, from_column: int | None) -> tuple[list[int], int, list[Piece]]:
        """Where the token's lines start in the document, where it ends, and its pieces."""
        content_starts, starts = content_line_starts(self.source, token, from_column)
        align: Align = starts[0].__add__ if len(starts) == 1 else _Aligner(content_starts, starts)
        start, end = starts[0], align(len(token.content))
        pieces = self._moved(token.content, starts, end) if self._earlier else None
        if pieces is None and self.read_simple_directly:
            references = self._env.get("references")  # absent without a definition
            pieces = simple_pieces(markdown(), token.content, self.source.normalized, align, references)
        if pieces is None:
            children = self._inline_tokens(token)
            pieces = _Located(self.source, children, align).pieces(0, len(children), start, end)
        return starts, end, pieces

    def _moved(self, content: str, starts: Sequence[int], end: int) -> list[Piece] | None:
        """The earlier pieces of the same content, moved, when every line of it moved alike and the
        document between its start and end is unchanged (what text pieces hold); else None. The
        reading as far before as the last one moved is tried first: a content as common as a table's
        `-` cell is then moved from its own place (`blocks` moves an entry of pieces moved alike),
        the reading where the edits put it when they are known (the cells of a table whose rows
        the edits moved unalike)."""
        shift = self._moved_by(starts[0]) if self._moved_by is not None else self._shift
        likely = self._earlier_at.get(starts[0] - shift)
        first = (likely,) if likely is not None and likely.content == content else ()
        for kept in itertools.chain(first, self._earlier.get(content, ())):
            shift = starts[0] - kept.line_starts[0]
            if (
                len(kept.line_starts) == len(starts)
                and kept.end + shift == end
                and (
                    len(starts) == 1  # one line, as most are: its start moved by the shift itself
                    or all(new - old == shift for new, old in zip(starts, kept.line_starts, strict=True))
                )
                and self.source.normalized[starts[0] : end]
                == self._earlier_text[kept.line_starts[0] : kept.end]
            ):
                moved = _moved_pieces(kept.pieces, shift)
                self.moved_from[id(moved)] = (moved, kept.pieces, shift)
                self._shift = shift
                return moved
        return None

    def _inline_tokens(self, token: Token) -> list[Token]:
        if not _TEXT_END.search(token.content):
            return []  # one run of plain text (a cell, a heading), which the pieces' gap fills
        md = markdown()
        helpers = cast(_LinkHelpers, md.helpers)
        helpers.label_ends.clear()  # positions are within one inline token's content
        helpers.destination_ends.clear()
        children: list[Token] = []
        state = StateInline(token.content, md, self._env, children)
        md.inline.tokenize(state)
        # markdown-it's inline.parse, less its post-pass (pairing delimiters, joining the text of those
        # left unpaired) where there is no delimiter
        if _DELIMITER_CHARS.search(token.content):
            for rule in md.inline.ruler2.getRules(""):
                rule(state)
        return children


class _Located(NamedTuple):
    """What builds the pieces of one inline token: its children and the offset translation."""

    source: Source
    tokens: Sequence[Token]
    align: Align

    def pieces(self, lo: int, hi: int, start: int, end: int) -> list[Piece]:
        """The pieces of ``tokens[lo:hi]``, which lie from ``start`` to ``end`` in the document:
        the located markup, and text pieces in the gaps."""
        located: list[Piece] = []
        self._locate(located, lo, hi)
        return filled(self.source.normalized, located, start, end)

    def _locate(self, located: list[Piece], lo: int, hi: int) -> None:
        """Append the located markup of ``tokens[lo:hi]``, in order."""
        tokens, align = self.tokens, self.align
        index = lo
        while index < hi:
            token = tokens[index]
            position = token.meta.get(_POS)
            if token.nesting == 1:
                close = _matching_close(tokens, index, hi)
                if position is None:  # markup we do not locate: its contents stand in its place
                    self._locate(located, index + 1, close)
                else:
                    located.append(self._container(token, tokens[close], position, index + 1, close))
                index = close + 1
                continue
            if position is not None and token.type == "image":
                located.append(_image(token, position, align))
            elif position is not None and token.type in ("code_inline", "html_inline"):
                start, end = align(position[0]), align(position[1])
                kind = "code" if token.type == "code_inline" else "html"
                located.append(Piece(kind, start, end, start, end, token.markup, token.content))
            index += 1

    def _container(self, opener: Token, closer: Token, position: tuple[int, int], lo: int, hi: int) -> Piece:
        """Emphasis, strike-through or a link, its contents ``tokens[lo:hi]`` as its children."""
        align = self.align
        kind = _CONTAINER_KINDS.get(opener.type) or opener.type.removesuffix("_open")
        if kind == "link":
            start, end = position
            label = opener.meta.get(_LABEL, (start + 1, start + 1))
            dest = opener.meta.get(_DEST)
            inner_start, inner_end = align(label[0]), align(label[1])
            return Piece(
                kind,
                align(start),
                align(end),
                inner_start,
                inner_end,
                opener.markup,
                href=str(opener.attrGet("href") or ""),
                dest=(align(dest[0]), align(dest[1])) if dest else None,
                children=self.pieces(lo, hi, inner_start, inner_end),
            )
        close_position = closer.meta.get(_POS, position)
        width = len(opener.markup)
        inner_start, inner_end = align(position[1]), align(close_position[0])
        return Piece(
            kind,
            align(position[1] - width),
            align(close_position[0] + width),
            inner_start,
            inner_end,
            opener.markup,
            children=self.pieces(lo, hi, inner_start, inner_end),
        )


def _image(token: Token, position: tuple[int, int], align: Align) -> Piece:
    """An image: its alt text is the inner range, its source the destination (a badge's facts)."""
    start, end = align(position[0]), align(position[1])
    alt = token.meta.get(_LABEL)
    dest = token.meta.get(_DEST)
    return Piece(
        "image",
        start,
        end,
        align(alt[0]) if alt else start,
        align(alt[1]) if alt else start,
        token.markup,
        href=str(token.attrGet("src") or ""),
        dest=(align(dest[0]), align(dest[1])) if dest else None,
    )


_CONTAINER_KINDS = {"strong_open": "strong", "em_open": "em", "s_open": "strike", "link_open": "link"}


def _matching_close(tokens: Sequence[Token], index: int, hi: int) -> int:
    depth = 0
    for position in range(index, hi):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return hi - 1


def _moved_pieces(pieces: Sequence[Piece], shift: int) -> list[Piece]:
    moved: list[Piece] = []
    for p in pieces:
        if p.kind == "text":  # most pieces: its inner range is its range, and it has no more fields
            start, end = p.start + shift, p.end + shift
            moved.append(Piece("text", start, end, start, end, "", p.plain))
            continue
        moved.append(
            Piece(
                p.kind,
                p.start + shift,
                p.end + shift,
                p.inner_start + shift,
                p.inner_end + shift,
                p.markup,
                p.plain,
                p.href,
                (p.dest[0] + shift, p.dest[1] + shift) if p.dest else None,
                _moved_pieces(p.children, shift) if isinstance(p.children, list) else p.children,
            )
        )
    return moved


class RowCursor:
    """Locates the cells of table rows in order: each cell is looked for after the one before, so
    that a cell whose text also stands later in the row (`arxiv` before `arxiv.org`) is found in its
    own place."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.source = parsed.source
        self.column = 0

    def start_row(self) -> None:
        self.column = 0

    def cell(self, token: Token) -> list[Piece]:
        line_start, line_end = self.source.norm_line_bounds(token.map[0] if token.map else 0)
        start = self.column
        if token.map:
            # Skip the pipe that opens this cell, so an empty cell's text is not found in the one before.
            text, after = self.source.normalized, line_start + self.column
            bar = text.find("|", after, line_end)
            if bar >= 0 and not text[after:bar].strip():
                start = bar - line_start + 1
        pieces = self.parsed.pieces(token, start)
        if pieces:
            self.column = pieces[-1].end - line_start
        return pieces


def plain_text(pieces: Sequence[Piece]) -> str:
    """Rendered text of pieces: markup dropped, link labels kept, white space folded."""
    if len(pieces) == 1:
        piece = pieces[0]
        if piece.kind == "text":  # most labels and cells (`_unescape` written out: asked of each)
            text = piece.plain
            return " ".join((unescapeAll(text) if "\\" in text or "&" in text else text).split())
    return " ".join(_plain_parts(pieces).split())


def rendered_text(pieces: Sequence[Piece]) -> str:
    """The text a reader sees, white space as written (what GitHub slugs a heading from: a badge
    after a heading's words leaves their trailing space in it)."""
    return _plain_parts(pieces)


def _plain_parts(pieces: Sequence[Piece]) -> str:
    parts: list[str] = []
    for piece in pieces:
        kind = piece.kind
        if kind == "text":
            parts.append(_unescape(piece.plain))
        elif kind == "code":
            parts.append(piece.plain)
        elif kind in ("strong", "em", "strike", "link"):
            parts.append(_plain_parts(piece.children))
    return "".join(parts)


def _unescape(text: str) -> str:
    if "\\" not in text and "&" not in text:
        return text
    return unescapeAll(text)
