"""Located inline pieces, and a direct reading of the simple inline content most entries hold.

Most paragraphs of a list are text with links, bold, italics and code spans. For those,
`simple_pieces` finds the very pieces that markdown-it's inline pass and `tokens` give, in one pass
over the text and without a token: each construct is recognised by markdown-it's own tests (the
flanking of a delimiter run, its pairing by markdown-it's `processDelimiters`, a label's brackets
counted as its `parseLinkLabel` counts them, an HTML tag matched by its own pattern), and anything
that needs more (an autolink, an HTML comment or HTML in a link label, strike-through, a reference
link, a link destination in angle brackets, with spaces, a title or brackets) declines the whole
content to markdown-it.
`tests/test_reading_inline.py` checks that both readings agree wherever this one answers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt, __version__
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.common.utils import (
    isMdAsciiPunct,
    isPunctChar,
    isWhiteSpace,
    normalizeReference,
    unescapeAll,
)
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.autolink import AUTOLINK_RE, EMAIL_RE
from markdown_it.rules_inline.balance_pairs import processDelimiters
from markdown_it.rules_inline.state_inline import Delimiter

# The markdown-it-py releases whose inline rules this reading was checked against (their helpers
# change between releases: HTML_TAG_RE was anchored at the string's start before 4.3), and whose
# block code `tokens` copies (its block state's tokens, the paragraph and setext-heading rules, the
# table's cell split). Under any other release markdown-it reads everything with its own rules;
# tests/test_reading_inline.py and tests/test_reading_tokens.py are the checks to add one.
CHECKED_RELEASES = frozenset({"4.3.0"})
READS_DIRECTLY = __version__ in CHECKED_RELEASES

Align = Callable[[int], int]  # an offset in an inline token's content -> one in the document
References = Mapping[str, object] | None  # a document's link reference definitions, None without any


@dataclass(slots=True)
class Piece:
    """A located inline element. Offsets are into the normalised document text.

    ``kind`` is one of strong, em, strike, link, image, code, html, text. ``inner_*`` is the
    content range (between the markers, or a link's label). Text pieces are the gaps between the
    others, so a paragraph's pieces tile it from start to end. ``plain`` is a text piece's text, a
    code span's content, or an inline HTML tag as written."""

    kind: str
    start: int
    end: int
    inner_start: int
    inner_end: int
    markup: str = ""
    plain: str = ""
    href: str = ""
    dest: tuple[int, int] | None = None
    children: Sequence[Piece] = ()  # shared when empty: most pieces are text, which has none


def text_piece(document: str, start: int, end: int) -> Piece:
    return Piece("text", start, end, start, end, "", document[start:end])  # by position: quicker


def filled(document: str, located: list[Piece], start: int, end: int) -> list[Piece]:
    """``located`` (in order, from ``start`` to ``end`` of the document) with text pieces in the gaps."""
    if not located:
        return [text_piece(document, start, end)] if end > start else []
    pieces: list[Piece] = []
    cursor = start
    for piece in located:
        if piece.start > cursor:
            pieces.append(text_piece(document, cursor, piece.start))
        pieces.append(piece)
        if piece.end > cursor:
            cursor = piece.end
    if end > cursor:
        pieces.append(text_piece(document, cursor, end))
    return pieces


# A link destination without angle brackets, parentheses or backslashes runs to the first space or
# control character, or to a closing parenthesis (markdown-it's parseLinkDestination, in one match).
PLAIN_DESTINATION = re.compile(r"[^\x00-\x20\x7f()\\]*")

# A web address that markdown-it's normalisation (parse, punycode, percent-encode, format) returns
# unchanged: lower-case scheme, an ASCII host of valid labels with no port or user, and only
# characters that need no encoding (or valid escapes); or such characters after `#`, `/` (not `//`:
# a host), `./` or `../` (an anchor of the page, a file of the repository). Checked against
# normalizeLink in the tests. Runs of such characters, then each escape with the run after it: a
# choice between the two at every character costs three times as much.
_NO_ENCODING_CHAR = r"[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]"
_NEEDS_NO_ENCODING = rf"{_NO_ENCODING_CHAR}*(?:%[0-9A-Fa-f]{{2}}{_NO_ENCODING_CHAR}*)*"
PLAIN_URL = re.compile(
    r"https?://(?=[^/?#]{1,255}(?:[/?#]|\Z))(?:[A-Za-z0-9_-]{1,63}\.)*[A-Za-z0-9_-]{1,63}"
    rf"(?:[/?#]{_NEEDS_NO_ENCODING})?"
    rf"|(?:#|/(?!/)|\.\.?/){_NEEDS_NO_ENCODING}"
)

# Where something may start in a run of inline content (`~`, strike-through, declines), and in a
# link label while its end is looked for (what markdown-it's skipToken can step over in one go).
_CONTENT_MARK = re.compile(r"[`*_\[!\\<~]")
_TAG_START = re.compile(r"</?[A-Za-z]")  # an HTML tag (comments, declarations and the like decline)
_LABEL_MARK = re.compile(r"[\]`\[!\\<]")
_BACKTICKS = re.compile(r"`+")
_ANGLE = re.compile(r"[<>]")
_MAX_DEPTH = 4  # brackets within brackets: deeper nesting goes to markdown-it (and its nesting limit)


# A run of emphasis markers: its start, length, marker (as a code point), whether it can open and close.
_Run = tuple[int, int, int, bool, bool]


class _Declined(Exception):
    """Content this reading does not take: markdown-it reads it."""


@functools.cache
def _flanking_class(char: str) -> tuple[bool, bool]:
    """(punctuation, white space) as markdown-it's scanDelims tells them."""
    return isMdAsciiPunct(ord(char)) or isPunctChar(char), isWhiteSpace(ord(char))


@functools.cache
def _pairing_state(md: MarkdownIt) -> StateInline:
    """A state to hand markdown-it's processDelimiters, which pairs the delimiters it is given."""
    return StateInline("", md, {}, [])


class _Link:
    """A link or image found at ``start``: its label, destination and end (content offsets)."""

    __slots__ = ("dest_end", "dest_start", "end", "href", "label_end", "start")

    def __init__(self, start: int, label_end: int, dest_start: int, dest_end: int, href: str) -> None:
        self.start = start
        self.label_end = label_end
        self.dest_start = dest_start
        self.dest_end = dest_end
        self.end = dest_end + 1
        self.href = href


class _Reader:
    """One inline content's direct reading, in content offsets until its pieces are built."""

    def __init__(
        self,
        md: MarkdownIt,
        content: str,
        document: str,
        align: Align,
        references: References,
    ) -> None:
        self.md = md
        self.src = content
        self.document = document
        self.align = align
        self.references = references  # the document's link reference definitions, if it has any
        # Links found inside a label that they end as a link (`[[paper](u)]`), by their bracket,
        # with the end of the content they were read in: the reading comes to each again at once.
        self.inner_links: dict[int, tuple[int, _Link]] = {}

    # -- finding links and images as markdown-it's rules do ------------------------------------

    def label_end(self, bracket: int, maximum: int, disable_nested: bool, depth: int) -> int:
        """markdown-it's parseLinkLabel: the `]` closing the label opened at ``bracket``, or -1."""
        if depth > _MAX_DEPTH:
            raise _Declined
        src, level, pos = self.src, 1, bracket + 1
        while pos < maximum:
            mark = _LABEL_MARK.search(src, pos, maximum)
            if mark is None:
                return -1
            pos, char = mark.start(), mark[0]
            if char == "]":
                level -= 1
                if level == 0:
                    return pos
                pos += 1
            elif char == "`":
                pos = self.code_span(pos, maximum)[1]
            elif char == "!":
                image = self.image(pos, maximum, depth + 1)
                pos = image.end if image is not None else pos + 1
            elif char == "\\":
                pos += 2  # markdown-it's escape rule: the next character is text, or a line break
            elif char == "[":
                nested = self.link(pos, maximum, True, depth + 1)
                if nested is None:
                    level += 1
                    pos += 1
                elif disable_nested:
                    self.inner_links[pos] = (maximum, nested)
                    return -1
                else:
                    pos = nested.end
            else:
                raise _Declined
        return -1

    def link(self, bracket: int, maximum: int, disable_nested: bool, depth: int) -> _Link | None:
        """The inline link (or, without ``disable_nested``, the image) whose label opens at
        ``bracket``; None where markdown-it finds none; declined where it might find a reference
        link or its destination takes more than one plain run."""
        if disable_nested and bracket in self.inner_links:
            read_to, inner = self.inner_links[bracket]
            if read_to == maximum:  # read the same way: only the depth was one more, and it passed
                return inner
        label_end = self.label_end(bracket, maximum, disable_nested, depth)
        if label_end < 0:
            return None
        src, dest_start = self.src, label_end + 2
        if label_end + 1 >= maximum or src[label_end + 1] != "(":
            if self.references is None:
                return None
            if (
                src.startswith("[", label_end + 1)
                or normalizeReference(src[bracket + 1 : label_end]) in self.references
            ):
                raise _Declined  # a reference link
            return None
        if dest_start >= maximum:
            raise _Declined
        dest_end = PLAIN_DESTINATION.match(src, dest_start, maximum).end()  # type: ignore[union-attr]
        if dest_end == dest_start or dest_end >= maximum or src[dest_end] != ")":
            raise _Declined
        destination = src[dest_start:dest_end]
        if "&" not in destination and PLAIN_URL.fullmatch(destination):
            # most addresses: nothing to unescape or normalise, and a valid scheme (or none)
            return _Link(bracket, label_end, dest_start, dest_end, destination)
        if destination.startswith("<") or "[" in destination or "]" in destination:
            raise _Declined  # in angle brackets, or brackets that a label's end may hang on
        href = self.md.normalizeLink(unescapeAll(destination))
        if not self.md.validateLink(href):
            raise _Declined
        return _Link(bracket, label_end, dest_start, dest_end, href)

    def image(self, bang: int, maximum: int, depth: int) -> _Link | None:
        """The image at ``bang`` (its `!`), as markdown-it's image rule finds it."""
        if bang + 1 >= maximum or self.src[bang + 1] != "[":
            return None
        return self.link(bang + 1, maximum, False, depth)

    def html_tag(self, start: int, maximum: int) -> str | None:
        """The HTML tag at ``start`` (a `<`) as markdown-it's HTML rule reads it; None where it and the
        autolink rule before it read none (the `<` is text); declined where the autolink rule might."""
        src = self.src
        closing = _ANGLE.search(src, start + 1, maximum)
        if closing is not None and closing[0] == ">":
            inside = src[start + 1 : closing.start()]
            if AUTOLINK_RE.search(inside) or EMAIL_RE.search(inside):
                raise _Declined
        if start + 2 >= maximum or not _TAG_START.match(src, start):
            if src.startswith(("<!", "<?"), start):
                raise _Declined
            return None
        tag = HTML_TAG_RE.match(src, start)
        if tag is None:
            return None
        if tag.end() > maximum:
            raise _Declined
        return tag[0]

    def code_span(self, start: int, maximum: int) -> tuple[str, int, str]:
        """markdown-it's backtick rule at ``start``: the code's content, its end and its marker; an
        empty marker and the run's end where the run has no closing run (it stands as text)."""
        src = self.src
        run_end = start + 1
        while run_end < maximum and src[run_end] == "`":
            run_end += 1
        width = run_end - start
        for run in _BACKTICKS.finditer(src, run_end):
            if run.start() >= maximum or run.end() > maximum:
                break
            if run.end() - run.start() == width:
                content = src[run_end : run.start()].replace("\n", " ")
                if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
                    content = content[1:-1]
                return content, run.end(), src[start:run_end]
        return "", run_end, ""

    # -- reading a run of content into pieces ----------------------------------------------------

    def pieces(self, lo: int, hi: int) -> list[Piece]:
        """The pieces of ``src[lo:hi]`` (a whole content or a link's label), gaps filled with text."""
        src, align = self.src, self.align
        mark = _CONTENT_MARK.search(src, lo, hi)
        if mark is None:  # plain text, as most link labels are
            start, end = align(lo), align(hi)
            return [text_piece(self.document, start, end)] if end > start else []
        located: list[tuple[int, int, Piece]] = []  # with their content start and end
        runs: list[_Run] = []
        while mark is not None:
            start, char = mark.start(), mark[0]
            if char == "*" or char == "_":
                pos = self.delimiter_run(start, hi, char, runs)
            elif char == "`":
                content, pos, marker = self.code_span(start, hi)
                if marker:
                    doc_start, doc_end = align(start), align(pos)
                    located.append(
                        (start, pos, Piece("code", doc_start, doc_end, doc_start, doc_end, marker, content))
                    )
            elif char == "[":
                link = self.link(start, hi, True, 0)
                if link is None:
                    pos = start + 1
                else:
                    located.append((start, link.end, self.link_piece(link)))
                    pos = link.end
            elif char == "!":
                image = self.image(start, hi, 0)
                if image is None:
                    pos = start + 1
                else:
                    located.append((start, image.end, self.image_piece(start, image)))
                    pos = image.end
            elif char == "\\":
                pos = start + 2  # markdown-it's escape rule: the next character is text, or a line break
            elif char == "<":
                tag = self.html_tag(start, hi)
                if tag is None:
                    pos = start + 1
                else:
                    pos = start + len(tag)
                    doc_start, doc_end = align(start), align(pos)
                    located.append(
                        (start, pos, Piece("html", doc_start, doc_end, doc_start, doc_end, plain=tag))
                    )
            else:
                raise _Declined
            mark = _CONTENT_MARK.search(src, pos, hi)
        if runs:
            located = self.with_emphasis(located, runs)
        return filled(self.document, [item[2] for item in located], align(lo), align(hi))

    def delimiter_run(self, start: int, maximum: int, marker: str, runs: list[_Run]) -> int:
        """markdown-it's emphasis rule: the run of markers at ``start``, flanked as scanDelims says."""
        src, pos = self.src, start + 1
        while pos < maximum and src[pos] == marker:
            pos += 1
        last_punct, last_white = _flanking_class(src[start - 1] if start > 0 else " ")
        next_punct, next_white = _flanking_class(src[pos] if pos < maximum else " ")
        left = not (next_white or (next_punct and not (last_white or last_punct)))
        right = not (last_white or (last_punct and not (next_white or next_punct)))
        if marker == "*":
            can_open, can_close = left, right
        else:
            can_open = left and (not right or last_punct)
            can_close = right and (not left or next_punct)
        runs.append((start, pos - start, ord(marker), can_open, can_close))
        return pos

    def with_emphasis(
        self, located: list[tuple[int, int, Piece]], runs: list[_Run]
    ) -> list[tuple[int, int, Piece]]:
        """The located pieces nested in the emphasis markdown-it pairs among the delimiter ``runs``."""
        if len(runs) == 2:
            first, width, marker, opens, closes = runs[0]
            last, last_width, last_marker, last_opens, last_closes = runs[1]
            if (
                width == last_width <= 2
                and marker == last_marker
                and opens
                and not closes
                and last_closes
                and not last_opens
            ):
                # `**Title**`, `*Authors*`: two runs alike, the first only opening, the second only
                # closing, which processDelimiters pairs mark by mark into one emphasis
                return self.nested(located, [(first, first + width, last, last + width, chr(marker) * width)])
        delimiters = [  # one per marker, its position standing for markdown-it's token index
            Delimiter(marker, length, position, -1, opens, closes)
            for start, length, marker, opens, closes in runs
            for position in range(start, start + length)
        ]
        processDelimiters(_pairing_state(self.md), delimiters)
        pairs: list[tuple[int, int, int, int, str]] = []  # markdown-it's emphasis post-pass
        index = len(delimiters) - 1
        while index >= 0:
            opener = delimiters[index]
            if opener.end == -1:
                index -= 1
                continue
            closer = delimiters[opener.end]
            strong = (
                index > 0
                and delimiters[index - 1].end == opener.end + 1
                and delimiters[index - 1].marker == opener.marker
                and delimiters[index - 1].token == opener.token - 1
                and delimiters[opener.end + 1].token == closer.token + 1
            )
            width = 2 if strong else 1
            markup = chr(opener.marker) * width
            pairs.append(
                (opener.token + 1 - width, opener.token + 1, closer.token, closer.token + width, markup)
            )
            index -= 2 if strong else 1
        if not pairs:
            return located
        pairs.sort()
        return self.nested(located, pairs)

    def nested(
        self, located: list[tuple[int, int, Piece]], pairs: list[tuple[int, int, int, int, str]]
    ) -> list[tuple[int, int, Piece]]:
        """Emphasis pieces (``pairs``: start, inner start, inner end, end, markup, by start) holding
        the located pieces and the emphasis within them; declined where two would cross."""
        align, document = self.align, self.document
        items = iter(located)
        item = next(items, None)
        result: list[tuple[int, int, Piece]] = []
        # the open emphasis: its pair and the pieces found in it so far
        stack: list[tuple[tuple[int, int, int, int, str], list[Piece]]] = []

        def close_until(position: int) -> None:
            while stack and stack[-1][0][3] <= position:
                (start, inner_start, inner_end, end, markup), inside = stack.pop()
                doc_inner_start, doc_inner_end = align(inner_start), align(inner_end)
                piece = Piece(
                    "strong" if len(markup) == 2 else "em",
                    align(start),
                    align(end),
                    doc_inner_start,
                    doc_inner_end,
                    markup,
                    children=filled(document, inside, doc_inner_start, doc_inner_end),
                )
                add(start, end, piece)

        def add(start: int, end: int, piece: Piece) -> None:
            if stack:
                around = stack[-1][0]
                if start < around[1] or end > around[2]:
                    raise _Declined  # crosses the emphasis around it
                stack[-1][1].append(piece)
            else:
                result.append((start, end, piece))

        for pair in pairs:
            while item is not None and item[0] < pair[0]:
                close_until(item[0])
                add(item[0], item[1], item[2])
                item = next(items, None)
            close_until(pair[0])
            if stack and (pair[0] < stack[-1][0][1] or pair[3] > stack[-1][0][2]):
                raise _Declined
            stack.append((pair, []))
        while item is not None:
            close_until(item[0])
            add(item[0], item[1], item[2])
            item = next(items, None)
        close_until(len(self.src) + 1)
        return result

    def link_piece(self, link: _Link) -> Piece:
        align = self.align
        inner_start, inner_end = align(link.start + 1), align(link.label_end)
        return Piece(
            "link",
            align(link.start),
            align(link.end),
            inner_start,
            inner_end,
            href=link.href,
            dest=(align(link.dest_start), align(link.dest_end)),
            children=self.pieces(link.start + 1, link.label_end),
        )

    def image_piece(self, start: int, image: _Link) -> Piece:
        alt = self.src[image.start + 1 : image.label_end]
        if "[" in alt or "]" in alt or "!" in alt:
            # markdown-it reads the alt text as inline content of its own, and where that holds a
            # label, its position overwrites the image's own in what `tokens` notes of labels
            raise _Declined
        align = self.align
        return Piece(
            "image",
            align(start),
            align(image.end),
            align(image.start + 1),
            align(image.label_end),
            href=image.href,
            dest=(align(image.dest_start), align(image.dest_end)),
        )


def simple_pieces(
    md: MarkdownIt, content: str, document: str, align: Align, references: References
) -> list[Piece] | None:
    """The pieces of an inline token's ``content`` as markdown-it reads them (``references``: the
    document's link reference definitions, None without any), or None where its reading takes more
    than this one knows (then markdown-it reads it)."""
    try:
        return _Reader(md, content, document, align, references).pieces(0, len(content))
    except _Declined:
        return None
