"""Where entries start (DESIGN.md step 2, first half): which list items and paragraphs open an
entry, and which paragraphs continue the entry above them.

An entry starts at an ordered-list item, at a bullet item whose text starts with a link or a bold
title (after any tags and badges), at a paragraph that begins with a number glued to text
(``1.**Title**``), or at a paragraph led by a bold title over an author or link line. It takes in its
own paragraphs and the following paragraphs that continue it (author line, link line) up to the next
entry, heading, thematic break or block of another kind. News lines and table-of-contents items are
not entries, nor is anything in a section about the list itself (its contents, news, contributors,
citation, licence): `is_contents_link` and `section_about_the_list` say which, once the page is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from markdown_it.token import Token

from ..text import Source
from .dates import date_at_start
from .fields import is_known_venue, looks_like_venue, walk
from .kinds import is_link_word, is_paper_url, label_role
from .title import INDEX, find_title, is_decoration, skip_tags
from .tokens import Piece, plain_text

_GLUED_MARKER = re.compile(r"\s*(\d{1,4})[.)]")
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


def significant(pieces: Sequence[Piece]) -> Piece | None:
    for piece in pieces:
        if piece.kind != "text" or piece.plain.strip():
            return piece
    return None


def starts_with_title(pieces: Sequence[Piece]) -> bool:
    """A bold title or a link to elsewhere (a link into the page is a table-of-contents item); or a
    plain title, after any tags and badges, in an item that links to its paper or code."""
    first = significant(pieces)
    if first is None:
        return False
    if first.kind == "link" and not is_decoration(first):  # a linked title: never an announcement
        return not first.href.startswith("#")
    if is_announcement(pieces):
        return False
    if first.kind == "strong":
        return True
    found = find_title(pieces, first.start, looks_like_venue, is_known_venue)
    if found is None:
        return False
    if found.piece.kind == "strong" or (found.piece.kind == "link" and not found.piece.href.startswith("#")):
        return True  # after a badge or a tag
    if found.piece.kind == "text" and not found.quoted and not found.marked:
        before_link = found.piece.plain[found.offset - found.piece.start :].split("[", 1)[0].split()
        if not before_link or before_link[-1].lower() in _LEAD_IN_WORDS:
            return False  # prose leading to a link: "Please cite our [paper](u)"
        if len(before_link) == 1 and not _one_word_name(before_link[0], pieces):
            return False  # "See [paper](u)", "Paper: [x](u)"
    return any(_entry_link(piece) for piece in walk(pieces) if piece.kind == "link")


def _one_word_name(word: str, pieces: Sequence[Piece]) -> bool:
    """A single word before the item's links that names the thing (`- VQGAN-CLIP [[code](u)]`): no
    sentence's first word or punctuation, and the first link after it labelled by its role."""
    link = next((piece for piece in walk(pieces) if piece.kind == "link"), None)
    return (
        word.lower() not in _SENTENCE_OPENERS
        and label_role(word) is None
        and re.fullmatch(r"[^\W_][\w./+#-]*", word) is not None
        and link is not None
        and len(plain_text(link.children).split()) == 1
        and is_link_word(plain_text(link.children))
        and not link.href.startswith("#")
    )


# Headings of sections about the list itself, not of its entries (emoji and punctuation aside). A
# contents heading is often the parent of every category: only its own items are the contents.
_ABOUT_THE_LIST = re.compile(
    r"(?:table of )?contents?|toc"
    r"|contribut(?:ors?|ing|ions?|e)|how to contribute|maintainers?|authors? of this list"
    r"|acknowledge?ments?|thanks|special thanks|credits"
    r"|citations?|cite(?: us| this)?|citing|how to cite|bibtex|reference this (?:repo|list)"
    r"|contact(?: us)?(?: (?:and )?feedback)?|feedback"
    r"|licen[cs]e|copyright|star history|stargazers|sponsors?|backers"
    r"|目录|贡献者?|贡献指南|致谢|引用|联系(?:我们)?|许可证?",
    re.IGNORECASE,
)
# Headings of news about the list, when no entries come before them (a "News" category among the
# categories of a classic list holds entries); papers announced there are still entries.
_NEWS = re.compile(
    r"(?:latest |recent )?(?:news|updates?)|update (?:records?|logs?|history)|change ?logs?"
    r"|what'?s new|release notes|announcements?|更新(?:记录|日志)?|新闻|动态",
    re.IGNORECASE,
)
_README = re.compile(r"(?:^|/)readme(?:\.md|\.markdown)?$", re.IGNORECASE)
AboutTheList = Literal["about", "news"]


def section_about_the_list(title: str, entries_before: bool) -> AboutTheList | None:
    """Whether a section is about the list itself (its contents, contributors, citation, licence),
    so that its own items are not entries; or its news, where only papers are."""
    words = " ".join(re.sub(r"[^\w\s'’]+", " ", title).split()).replace("’", "'")
    if _ABOUT_THE_LIST.fullmatch(words):
        return "about"
    return "news" if not entries_before and _NEWS.fullmatch(words) else None


def is_contents_link(url: str, page_anchors: set[str]) -> bool:
    """A link into this page: `#anchor`, `./#anchor`, or a readme's address with the fragment of one
    of this page's headings (`https://github.com/o/r/blob/main/README.md#2014`)."""
    path, hash_sign, fragment = url.partition("#")
    if not hash_sign:
        return False
    if path in ("", ".", "./"):
        return True
    return fragment.lower() in page_anchors and bool(_README.search(path.rstrip("/")))


def is_announcement(pieces: Sequence[Piece]) -> bool:
    """A news line, not an entry: it opens with a date and goes on in prose (`**2024-09-26 Our
    paper ...**`), or opens like a sentence (`We released [X](u), ...`, `Check out ...`)."""
    first = significant(pieces)
    if first is not None and first.kind == "link" and not is_decoration(first):
        return False  # a linked title may open with a date (`[**2024.5 A Comparison of ...**](u)`)
    text = plain_text(pieces)
    opening = text[skip_tags(text) :]
    date = date_at_start(opening)
    if date is not None and len(opening[date.end() :].split()) >= 3:
        return True
    if first is None or first.kind != "text":
        return False  # a bold or linked title may well begin with `New` or `Welcome`
    words = opening.split(maxsplit=1)
    return bool(words) and words[0].lower().strip(",:!") in _SENTENCE_OPENERS and len(opening.split()) >= 4


def _entry_link(piece: Piece) -> bool:
    """A link an entry gives for itself: to a paper, or labelled as its paper, code, project, or
    its address (`[[URL](u)]`)."""
    if piece.href.startswith("#"):
        return False
    return is_link_word(plain_text(piece.children)) or is_paper_url(piece.href)


def is_category(tokens: Sequence[Token], index: int, pieces: Sequence[Piece]) -> bool:
    """A bullet that is only a bold name (``- **Frameworks**``) over a nested list: a category."""
    name = None  # the one piece that is not punctuation or space, read until a second shows
    for piece in pieces:
        if piece.kind != "text" or piece.plain.strip(" \t\n:.-–—"):
            if name is not None or piece.kind != "strong":
                return False
            name = piece
    if name is None or any(p.kind == "link" for p in walk(name.children)):
        return False
    depth = 0
    for position in range(index, len(tokens)):  # (a slice would copy every token after it)
        token = tokens[position]
        depth += token.nesting if token.type.startswith("list_item") else 0
        if depth == 0:
            return False
        if token.type in ("bullet_list_open", "ordered_list_open"):
            return True
    return False


# The character before a bullet run into the text (`... Wang+ [Title](u)`): a word or a closing mark,
# never another bullet character or a space (`C++ [Primer](u)`, `Title - [code](u)`).
_BEFORE_RUN_IN = re.compile(r"[\w.,;:)\]]")


def run_in_entries(pieces: Sequence[Piece], source: Source, bullet: str) -> list[int]:
    """Where entries run into a bullet item's text start (the index of each one's title link): its own
    bullet character and a space glued to the text before, then a link to elsewhere labelled with a
    name, not a role (`... Limin Wang+ [Next Title](u)`), in an item that itself opens with such a
    link. A line break went missing there: Markdown shows one item, the list means two entries."""
    glued = bullet + " "
    candidates = [
        index
        for index in range(1, len(pieces))
        if pieces[index].kind == "link"
        and pieces[index - 1].kind == "text"
        and pieces[index - 1].plain.endswith(glued)
    ]
    first = significant(pieces) if candidates else None
    if first is None or first.kind != "link" or not _names_a_thing(first):
        return []
    text = source.normalized
    return [
        index
        for index in candidates
        if pieces[index - 1].end == pieces[index].start
        and pieces[index - 1].end - 2 >= max(pieces[index - 1].start, 1)  # the bullet is in this piece
        and _BEFORE_RUN_IN.fullmatch(text[pieces[index].start - 3])
        and text[pieces[index].start] == "["
        and text[pieces[index].inner_end : pieces[index].inner_end + 2] == "]("
        and _names_a_thing(pieces[index])
    ]


def _names_a_thing(link: Piece) -> bool:
    """A link labelled with a name (a title), not a role word (`code`, `paper`), leading elsewhere."""
    label = plain_text(link.children)
    return (
        not link.href.startswith("#")
        and not is_decoration(link)
        and re.search(r"\w", label) is not None
        and label_role(label) is None
    )


# A name written plainly: a few words, none of a sentence's punctuation.
_PLAIN_NAME = re.compile(r"[^\W_][\w+#'’/&-]*(?: [\w+#'’/&-]+){0,3}")


def is_plain_name(pieces: Sequence[Piece]) -> bool:
    """An item that is only a name in plain text (`- S3VM`), which is an entry among entries (alone
    among linked items; a list of such items is one of notes, `_notes` says)."""
    return (
        len(pieces) == 1
        and pieces[0].kind == "text"
        and _PLAIN_NAME.fullmatch(pieces[0].plain.strip()) is not None
        and pieces[0].plain.split(maxsplit=1)[0].lower() not in _SENTENCE_OPENERS
    )


_CITED_YEAR = re.compile(r"(?<![\d.])(?:(?:19|20)\d\d|\d{4}\.\d{4,5})(?![\d])")  # a year, an arXiv number


def is_plain_citation(pieces: Sequence[Piece]) -> bool:
    """An item in plain text (emphasis aside) that cites a work by its title and year or arXiv number
    (`- Deep Nets for Speech (2014), A. Lee et al.`, `- Title. Lee, Ann et al. ICCV 2019`), with
    no link yet; not a news line."""
    if any(piece.kind not in ("text", "em") for piece in pieces):
        return False
    text = plain_text(pieces).strip()
    return (
        (text[:1].isupper() or text[:1] in '"“')
        and 3 <= len(text.split()) <= 60
        and _CITED_YEAR.search(text) is not None
        and not is_announcement(pieces)
    )


def starts_with_link_word(pieces: Sequence[Piece]) -> bool:
    first = significant(pieces)
    if first is None or first.kind != "link":
        return False
    return plain_text(first.children).strip("[]() ").lower() in _LINK_WORDS


def continues(pieces: Sequence[Piece]) -> bool:
    """Whether a paragraph reads as part of the entry above it (an author line, a link line, a
    venue line); a paragraph led by a bold title starts an entry of its own."""
    first = significant(pieces)
    if first is None:
        return False
    links = [piece for piece in walk(pieces) if piece.kind == "link"]
    if links and all(link.href.startswith("#") for link in links):
        return False  # navigation, such as a "back to top" line
    if first.kind == "strong":
        return title_paragraph(pieces) is None
    if first.kind in ("em", "link", "code", "image"):
        return True
    return first.kind == "text" and first.plain.lstrip().startswith(("[", "("))


def title_paragraph(pieces: Sequence[Piece]) -> Piece | None:
    """The bold title of a paragraph that is an entry by itself (``**Title** <br> *Authors* <br>
    [paper](u)``): a title-like bold text followed by authors or a link; or a bold index
    (``**[2]** Authors. "**Title**." Venue. [[pdf]](u)``) before a title and a link."""
    first = significant(pieces)
    if first is None or first.kind != "strong":
        return None
    text = plain_text(first.children)
    rest = [piece for piece in walk(pieces) if piece.start >= first.end]
    if INDEX.match(text):
        found = find_title(pieces, first.start, looks_like_venue, is_known_venue)
        has_link = any(_entry_link(piece) for piece in rest if piece.kind == "link")
        return first if found is not None and found.piece is not first and has_link else None
    # A title of one or two words counts when it stands alone on its line over an author line
    # (`**Delta Diffusion** \` then `*Mary Major, Sam Poe*`); a short bold phrase in prose does not.
    after = "".join(piece.plain for piece in pieces if piece.kind == "text" and piece.start >= first.end)
    on_own_line = "\n" in after and not re.search(r"[^\W\d_]", after.split("\n", 1)[0])
    short = len(text.split()) < 3 and not (on_own_line and any(piece.kind == "em" for piece in rest))
    if short or text.rstrip().endswith(":") or looks_like_venue(text):
        return None
    if any(piece.kind == "em" for piece in rest) and not _prose_after_emphasis(pieces, first.end):
        return first  # an author line follows
    # Otherwise the title stands alone on its line (prose goes on: "**This list** is ...").
    return first if on_own_line and any(piece.kind == "link" for piece in rest) else None


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _prose_after_emphasis(pieces: Sequence[Piece], after: int) -> bool:
    """Whether the line of the first emphasis after ``after`` goes on as a sentence (`**Papers We
    Love** (*PWL*) is a community built around reading ...`) rather than as an author line."""
    following = iter(piece for piece in pieces if piece.start >= after)
    for piece in following:
        if piece.kind == "em":
            break
    line = next((piece.plain for piece in following if piece.kind == "text"), "").split("\n", 1)[0]
    return len(_LOWER_WORD.findall(line)) >= 5 and _YEAR.search(line) is None


def glued_marker(pieces: Sequence[Piece], source: Source) -> tuple[int, int, int] | None:
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
