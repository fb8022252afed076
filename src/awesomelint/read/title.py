"""Finding an entry's title: past whatever a list puts before it.

Lists put many things before a title: badges and images, HTML (`<br>`, `<u>T5</u>:`), date tags
(`[2023/10]`), indices (`[12]`, `**[2]**`), emoji and `:star:`, a venue (`**NeurIPS 2020**`,
`(ICML 2024)`), a short name and a colon (`**LM-Nav**: "Title"`, `Paper: [Title](u)`), or the authors
before a quoted title (`Hinton, G. "**Title**."`). The title itself is bold, emphasised, a link, a
quoted phrase, or plain text up to the first link or sentence end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from .authors import read_names
from .dates import find_date
from .kinds import is_link_word, label_role
from .tokens import Piece, plain_text

# A tag before a title: brackets or parentheses that are not a link, `:emoji:`, symbols, escaped
# brackets (`\[[arxiv](u)\] Title`).
_TAG = re.compile(
    r"""\s*(?:\[[^\[\]\n]{1,40}\](?!\()|\([^()\n]{1,60}\)|:[a-z0-9_+\-]+:|\\[\[\]]|[^\w\s\[\]()"'“”‘’*_`<>~\\]+)""",
    re.IGNORECASE,
)
# A quoted title after the authors of a reference.
_CITED_TITLE = re.compile(r"[.,]\s+(?P<quote>[\"“])[^\"“”\n]{10,}[\"”]")
_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’"}
INDEX = re.compile(r"^\s*\[?\d{1,4}\]?[.)]?\s*$")
_BRACKETED = re.compile(r"\s*\[[^\[\]]+\]\s*")
# A short label and a colon before the title (`Paper:`, `LM-Nav:`).
_LABEL = re.compile(r"^\s*[^\s:.]{1,30}(?:\s+[^\s:.]{1,30}){0,3}\s*:\s*$")
_LABEL_WORDS = re.compile(r"[\w\s().+/-]*")  # what the label before a colon may be made of


class TitleStart(NamedTuple):
    """Where the title is: ``piece`` holds it; for a text piece, it starts at ``offset`` (an offset
    in the document) and is quoted when ``quoted``."""

    piece: Piece
    offset: int
    quoted: bool = False
    marked: bool = False  # set off by an HTML tag pair (`<u>WebCrawl</u>: [[Source](u)]`): all of it


_MARKING_TAG = re.compile(r"<(?P<close>/?)(?P<name>u|b|i|em|strong|code|ins|mark)\s*>", re.IGNORECASE)


def _marked(significant: Sequence[Piece], index: int) -> bool:
    """Whether the text piece at ``index`` is the whole content of an inline tag pair (`<u>X</u>`)."""
    if index == 0 or index + 1 >= len(significant):
        return False
    before, after = significant[index - 1], significant[index + 1]
    if before.kind != "html" or after.kind != "html":
        return False
    opening = _MARKING_TAG.fullmatch(before.plain)
    closing = _MARKING_TAG.fullmatch(after.plain)
    return (
        opening is not None
        and closing is not None
        and not opening["close"]
        and closing["close"] == "/"
        and opening["name"].lower() == closing["name"].lower()
    )


def skip_tags(text: str) -> int:
    """How many characters of ``text`` are tags (and the spaces around them) before its content."""
    position = 0
    while True:
        match = _TAG.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
    return len(text) - len(text[position:].lstrip())  # (the white space after them too)


def tags(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each leading tag's content in ``text``, brackets excluded."""
    position = 0
    while (match := _TAG.match(text, position)) is not None and match.end() > position:
        inner = text[match.start() : match.end()].strip()
        begin = match.end() - len(inner)
        if inner[:1] in "[(" and inner[-1:] in "])":
            yield begin + 1, match.end() - 1
        position = match.end()


def _significant(pieces: Sequence[Piece], start: int) -> list[Piece]:
    # (a text piece's part from ``start`` is blank when it is empty or all white space: no copy made
    # of it where the piece starts there or after, as most do)
    return [
        piece
        for piece in pieces
        if piece.end > start
        and (
            piece.kind != "text"
            or _written(piece.plain if piece.start >= start else piece.plain[start - piece.start :])
        )
    ]


def _written(text: str) -> bool:
    """Whether ``text`` holds more than white space (``text.strip()``, with no string made)."""
    return bool(text) and not text.isspace()


def _dated(piece: Piece) -> bool:
    """An emphasised venue and date (`*FAccT, Jun 2022*`) is no title for a label to announce."""
    return find_date(plain_text(piece.children)) is not None


def _closes(text: str) -> bool:
    """Whether a quote opening ``text`` closes within it: a quoted title, not a stray mark."""
    return text.find({"“": "”", "‘": "’"}.get(text[0], text[0]), 1) > 1


def _titled(piece: Piece) -> bool:
    """Whether a text piece goes on with a title of two words or more, not a date (`Jun 2015`)."""
    if piece.kind != "text":
        return False
    rest = piece.plain[skip_tags(piece.plain) :].lstrip(" \t:|-–—")
    # (two words split off at most: the rest may be a long description)
    return len(rest.split(maxsplit=1)) >= 2 and find_date(rest[:12]) is None


def is_decoration(piece: Piece) -> bool:
    """A badge, an image, or an HTML tag: never a title."""
    if piece.kind in ("image", "html"):
        return True
    if piece.kind != "link":
        return False
    pictured = False  # whether the label shows a picture; blank text aside, it must show nothing else
    for child in piece.children:
        if child.kind == "image" or (child.kind == "html" and child.plain[:4].lower() == "<img"):
            pictured = True
        elif child.kind != "text" or child.plain.strip():
            return False
    return pictured


def _title_like(piece: Piece) -> bool:
    """Bold, emphasis, or a link whose label is not a role word (`[paper]`, `[code]`)."""
    if piece.kind in ("strong", "em"):
        return True
    return piece.kind == "link" and not is_link_word(plain_text(piece.children))


_LABEL_KINDS = frozenset(["text", "html", "strong", "em"])  # the pieces a label before a title is made of


def _label_end(significant: Sequence[Piece], index: int) -> int | None:
    """When the pieces from ``index`` are a short label ending with a colon before a title
    (`<u>T5</u>: **Title**`, `**PaLM Coder** (PaLM): "Title"`), the index of the piece that holds
    the colon; else None."""
    length = 0
    for position in range(index, min(index + 6, len(significant))):
        piece = significant[position]
        if piece.kind not in _LABEL_KINDS:
            return None  # (before the text is worked out)
        text = piece.plain if piece.kind == "text" else plain_text(piece.children)
        if piece.kind == "text" and ":" in text:
            head, _, after = text.partition(":")
            if len(head.strip()) + length > 40 or (head.strip() and not _LABEL_WORDS.fullmatch(head)):
                return None
            following = significant[position + 1] if position + 1 < len(significant) else None
            if after.strip()[:1] in _QUOTES or (
                not after.strip()
                and following is not None
                and _title_like(following)
                and not _dated(following)
            ):
                return position
            return None
        length += len(text)
        if length > 40:
            return None
    return None


def find_title(
    pieces: Sequence[Piece],
    start: int,
    looks_like_venue: Callable[[str], bool],
    is_known_venue: Callable[[str], bool] = lambda text: False,
) -> TitleStart | None:
    """Where the title of a paragraph's pieces is (``start`` skips a marker glued to the text)."""
    significant = _significant(pieces, start)
    skip_to = -1
    for index, piece in enumerate(significant):
        if index < skip_to:
            continue
        # (a label starts with text, HTML or emphasis: most titles are links, which start none)
        label = _label_end(significant, index) if index > skip_to and piece.kind in _LABEL_KINDS else None
        if label is not None:
            colon = significant[label]
            after = colon.plain.partition(":")[2]
            if after.strip()[:1] in _QUOTES:
                offset = colon.end - len(after) + (len(after) - len(after.lstrip()))
                return TitleStart(colon, offset, quoted=True)
            skip_to = label + 1
            continue
        following = significant[index + 1] if index + 1 < len(significant) else None
        if is_decoration(piece):
            continue
        if piece.kind == "text":
            begin = max(start, piece.start)
            text = piece.plain[begin - piece.start :]
            offset = skip_tags(text)
            if text[offset : offset + 1] == "]" and index and significant[index - 1].kind == "strong":
                offset += 1 + skip_tags(text[offset + 1 :])  # `[**Tag**] [ICLR2025] Title`
            rest = text[offset:]
            if not rest.strip(" \t\n:|-–—,"):
                continue  # only tags
            quoted_title = rest[:1] in _QUOTES and _closes(rest)
            if following is not None and _title_like(following) and not quoted_title:
                if _LABEL.match(rest):
                    continue  # `Paper: [Title](u)`
                if rest.rstrip().endswith(tuple(_QUOTES)) and following.kind == "strong":
                    continue  # authors before a quoted bold title: `Hinton, G. "**Title**."`
                in_sentence = following.kind == "em" and rest[-1:].isspace() and rest.rstrip()[-1:].isalnum()
                if len(rest.split()) <= 3 and ". " not in rest and not in_sentence:
                    continue  # a short tag before a bold or linked title, not words before emphasis
            if _marked(significant, index) and label_role(rest.strip()) is None:
                return TitleStart(piece, begin + offset, marked=True)
            quote = rest[:1]
            if quote in _QUOTES:
                return TitleStart(piece, begin + offset, quoted=True)
            cited = _CITED_TITLE.search(rest)
            if cited is not None and read_names(rest[: cited.start()].rstrip(" .,")) is not None:
                # A reference: `Oord, Aaron van den, et al. "Conditional image generation ..."`
                return TitleStart(piece, begin + offset + cited.start("quote"), quoted=True)
            return TitleStart(piece, begin + offset)
        if piece.kind == "link" and following is not None:
            link_label = plain_text(piece.children)
            before = significant[index - 1] if index else None
            bracketed = before is not None and before.kind == "text" and before.plain.rstrip().endswith("[")
            # (the costly lookups last: a title is seldom bracketed or written as a venue and year)
            if (
                (bracketed or looks_like_venue(link_label))
                and is_known_venue(link_label)
                and _titled(following)
            ):
                continue  # `\[[NeurIPS 2024](u)\] Title`: the venue, linked to the paper, comes first
        if piece.kind == "strong" and following is not None:
            inner = plain_text(piece.children)
            if INDEX.match(inner):
                continue  # `**[2]**`: an index
            before = significant[index - 1] if index else None
            if (
                before is not None
                and before.kind == "text"
                and before.plain.rstrip().endswith("[")
                and following.kind == "text"
                and following.plain.startswith("]")
            ):
                continue  # `[**MP: ZeRO**] DeepSpeed-ZeRO: ...`: a bracketed tag
            if _BRACKETED.fullmatch(inner):
                continue  # `**[R-CNN]** Title`, `**[ICML, 2021 oral]** Title`: a tag or a venue
            if following.kind in ("strong", "link") and looks_like_venue(inner):
                continue  # `**NeurIPS 2020** [Title](url)`: the venue comes first
        return TitleStart(piece, piece.start)
    return None
