"""Entry fields (title, venue, year, authors, links, description) from located inline pieces.

Markdown structure (bold, emphasis, links) comes from the pieces; the regular expressions here only
read the text inside them that Markdown leaves unstructured: a venue string, an author list.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal

from ..model import Authors, Field, Link, Venue, VenueMarkup, YearStyle
from ..text import Source
from .authors import read_names
from .badges import venue_in_badges
from .dates import MONTH, find_date, four_digit_year, year_style
from .kinds import is_link_word, is_paper_url, label_role
from .source import field_at
from .title import TitleStart, find_title
from .tokens import Piece, plain_text, rendered_text

_YEAR = r"(?:19|20)\d{2}"
# Words after a venue's year that belong to the venue: `EMNLP 2022 Findings`, `ICML, 2021 oral`.
_AFTER_YEAR = (
    r"(?:findings|workshops?|demo(?:nstrations?)?|oral|poster|spotlight|highlight|short|long|main"
    r"|industry|tutorial|(?:best|outstanding)\s+(?:student\s+)?paper(?:\s+award)?|award|(?:journal\s+)?track)"
)
# A venue with its year, as written inside bold, emphasis or brackets: "EMNLP'2020", "ACL 2022",
# "NeurIPS2021", "ICML, 2019", "AAAI (2020)", "ACL'19", "CVPR' 14", "[ICML, 2021 oral]",
# "[Arxiv, 2025.07]" (a month after the year is the entry's date), "[ICLR, 2025/2024.10]" (the venue's
# year, then the preprint's date). Trailing punctuation is allowed (and reported by the rules).
_VENUE_IN_MARKUP = re.compile(
    rf"""^\s*(?:in\s+)?(?P<open>[\[(](?=[^\[\]()]*[\])]\W*$))?\s*(?P<name>\S.*?)[.]?
    (?P<sep>\s*['’]\s*|\s*,\s*|\s*\(|\s+|)
    (?<![\d.])(?P<year>{_YEAR}|(?<=['’])\d{{2}}|(?<=['’\s])\d{{2}})(?!\d)\)?
    (?P<month>(?:/{_YEAR})?(?:[./,-](?:1[0-2]|0?[1-9])(?:[./-]\d{{1,2}})?)?(?<=\d)(?!\d))?
    (?P<note>(?:[\s,]+{_AFTER_YEAR}|(?:\s+[^\W\d_][\w&/\-]*){{1,3}}\s+workshops?)*\s*(?:\([^()\n]{{1,40}}\))?)
    (?(open)(?:\s*,[^\[\]()\n]{{0,40}})?\s*[\])])
    (?P<trail>[\s.,;:]*)$""",
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
# A venue in running text: "NeurIPS 2020.", "[ICLR 2021]", "In ACL'19", "Findings of EMNLP 2022",
# "EMNLP demo 2020", "(NAACL-25)", "[ACL23 (Findings)]" (a short year glued on: known venues only).
# A month is a date, not a venue ("Feb 2023").
_QUALIFIER = r"(?:of|on|in|for|and|with|the|demo|workshop|findings|short|long|main|track|oral|poster)"
_VENUE_IN_TEXT = re.compile(
    rf"""(?:(?<![\w'])|(?=\[))(?P<open>\[)?(?!{MONTH}[ \t,])
    (?P<name>[a-z]*[A-Z][\w&./\-]*
      (?:[ \t]+(?:{_QUALIFIER}[ \t]+)*[A-Z&][\w&./\-]*){{0,7}}(?:[ \t]+{_QUALIFIER})?
      |[a-z][a-z]+(?=[ \t]+(?:19|20)\d{{2}}))
    (?P<sep>['’]|[ \t]+['’]?|,[ \t]*|)
    (?P<year>{_YEAR}|(?<=['’])\d{{2}}
      |(?:(?<=[^\W\d_][ \t])|(?<=[A-Z]-)|(?<=[A-Z]))\d{{2}}(?=[\s.,;:)\]]|$))\b
    (?P<after>(?:[ \t]+(?i:{_AFTER_YEAR})|(?:[ \t]+[A-Z][\w&/\-]*){{1,3}}[ \t]+(?i:workshops?))*)
    (?P<close>(?:[ \t]+[^\[\]\n]{{1,60}})?\])?""",
    re.VERBOSE,
)
# The venue before a date: `arXiv, ` of `arXiv, July 2022`, `International Conference on Robotics
# and Automation (ICRA), ` of `... (ICRA), May 2025`.
_NAME_BEFORE_DATE = re.compile(
    r"\s*(?P<name>[^\W\d_][\w&./\-]*(?:[ \t]+[\w&./\-:()]+){0,11}?)[ \t]*,?[ \t]*$"
)
_VOLUME_OR_PAGES = re.compile(r"(?:vol(?:ume)?|no|number|issue|pages?|pp)\.?[ \t]*\d", re.IGNORECASE)
_MONTH_FIRST = re.compile(rf"{MONTH}(?![^\W\d_])", re.IGNORECASE)
_FOUR_DIGITS = re.compile(_YEAR)
# After a reference's quoted title: the venue up to its volume, pages or the year (an ordinal before
# a word is the name's: `Proceedings of the 24th CVPR`).
_VOLUME = r"(?!Vol\b|vol\b|abs/|arXiv:)"  # where a reference's venue ends and its volume starts
_CITATION_VENUE = re.compile(
    rf"""[\s.,"”]*(?:[Ii]n\s+)?
    (?P<name>[^\W\d_][^\s\[\]()"“”,.]*
      (?:[ \t]+{_VOLUME}(?:[^\s\d\[\]()"“”,.][^\s\[\]()"“”,.]*|\d{{1,3}}(?:st|nd|rd|th)(?=[ \t]+[^\W\d_])))*)
    [^\n\[\]"“”]{{0,40}}?(?<![:/\d])(?P<year>{_YEAR})(?!\d|\.\d)""",
    re.VERBOSE,
)
# Cheap necessary conditions, checked before the venue patterns: a year, or an apostrophe's two digits,
# stands in the text (`Name456` has neither). Written to open with a digit, which the search skips to.
_HAS_YEAR = re.compile(rf"\d\d(?:(?<=(?<![\d.]){_YEAR})|(?<=['’\s]\d\d)|(?<=['’\s]\s\d\d))")
_YEARISH = re.compile(  # searched in a slice; `ACL23` and `NAACL-25` glue a short year to the name
    rf"\d\d(?:(?<={_YEAR})|(?<=['’]\d\d)|(?:(?<=\s\d\d)|(?<=[A-Z]\d\d)|(?<=[A-Z]-\d\d))(?!\d))"
)
_LETTER = re.compile(r"[^\W\d_]")
_QUOTE_AFTER = ('"', "”", '."', ".”", ',"', ",”")  # a bold title inside quotes: `"**Title**."`
# a sentence end (`words. `) or a bracket or quote, opening with its character (which the search skips to);
# `et al.` ends the names before it, with or without a period of theirs (`Zhang, Zizhao. et al.`, `et. al.`)
_SENTENCE = re.compile(
    r"[.()\[\]\"“”|](?:(?<=[^\W\d_]{2}\.)(?<!\bet\.)\s+(?!et\.?\s*al\b)|(?<=[()\[\]\"“”|]))", re.IGNORECASE
)
# what may stand between authors and the title, venue or date after them: `Wang, Xiaojie. NeurIPS`
_BEFORE_FIELD = ' \t.,;:"“*_'
_INDEX_INSIDE = re.compile(r"\s*\[\d{1,4}\]\s+")
_TITLE_TRIM = " \t\n.,:;\"'“”"
_QUOTE_PAIRS = ('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’")


def _trimmed(title: str) -> str:
    """A title without the punctuation and quotes around it (`"Title."` -> `Title`), keeping a quote
    or a dot that belongs to its words (`"Quoted" words`, `.NET Tools`)."""
    text = title.strip(_TITLE_TRIM)
    written = title.strip()
    if written[:1] not in "\"“'‘.":
        return text
    for opening, closing in _QUOTE_PAIRS:
        if text and written.startswith(opening):
            if opening == closing:
                unpaired = text.count(opening) % 2 == 1
            else:
                unpaired = text.count(closing) > text.count(opening)
            if unpaired:  # the quote opens a quotation inside the title
                text = opening + text
            break
    if written[:1] == "." and written[1:2].isalnum():
        text = "." + text
    return text


# Where a plain title ends: a sentence end, a dash between words, a year or date in parentheses, a
# column bar (`Title | **[CVPR' 14]** |`), a bracketed tag (`Title [KDD 2021]`).
_TITLE_END = re.compile(  # opens with a lookahead for the first characters: no alternative tried elsewhere
    r"(?=[.:\s(\[])(?:\.\s|[.:]$|\s[-–—]\s|\s*\((?:19|20)\d{2}\b[^()]*\)|\s+\|(?:\s|$)|\s*\[[^\[\]\n]{1,40}\](?![(\w]))"
)
_DASHES = ("-", "–", "—")
_COLUMN_BAR = re.compile(r"\s+\|(?:\s|$)")
_AFFILIATION = re.compile(r"\s*\(@[^()]*\)\s*$")  # `Title(@NVIDIA)`
_LEADING_SYMBOLS = re.compile(  # emoji and dingbats before a title: `🔥`, `✨`, `⭐`
    "^[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+\\s*(?=\\w)"
)
_CODE_DATE = re.compile(r"\s*(?:19|20)\d{2}(?:[./-](?:1[0-2]|0?[1-9])(?:[./-]\d{1,2})?)?\s*")
_DESCRIPTION_LEAD = re.compile(r"^[\s\-–—:|.,]+")
_SEPARATOR = re.compile(r"[-–—:|]")  # in a description's lead, what sets it off from the title
_WORD_OF_PROSE = re.compile(r"[^\W\d_]{2,}")
_SPACES = re.compile(r"[ \t]*")


@dataclass
class EntryFields:
    title: Field | None = None
    venue: Venue | None = None
    authors: Authors | None = None
    links: list[Link] = field(default_factory=list)
    description: Field | None = None
    date: Field | None = None


Range = tuple[int, int]  # normalised offsets, end exclusive


_VENUE_HOLDERS = frozenset(["text", "strong", "em", "link"])  # the pieces a venue may be read from


def _free(piece: Piece, taken: Sequence[Range]) -> list[Range]:
    """The parts of a text piece that no field has taken yet."""
    start, end = piece.start, piece.end
    free = [(start, end)]
    for lo, hi in taken:
        if lo < end and start < hi:  # most taken ranges lie outside the piece
            parts = []  # each free part less the range: what lies before it, and what after
            for a, b in free:
                if a < b and a < lo:
                    parts.append((a, min(b, lo)))
                if a < b and hi < b:
                    parts.append((max(a, hi), b))
            free = parts
    return free


def _plausible(match: re.Match[str]) -> bool:
    """A venue whose year is two digits after a space (`ACL 24`) must be a known one (`Top 10` is not)."""
    short = len(match["year"]) == 2 and "'" not in match["sep"] and "’" not in match["sep"]
    return not short or _known(match["name"])


def _markup_venue(text: str) -> re.Match[str] | None:
    """``text`` read as a venue with its year in markup (``EMNLP'2020``), if it reads as one."""
    # (the cache only for text with a year: most labels and bold titles have none, and are written once)
    return _dated_markup_venue(text) if _HAS_YEAR.search(text) else None


@functools.lru_cache(maxsize=4096)  # a list writes the same venues and years many times
def _dated_markup_venue(text: str) -> re.Match[str] | None:
    return _VENUE_IN_MARKUP.match(text)


def looks_like_venue(text: str) -> bool:
    """Whether bold text or a link's label is a venue with its year (``EMNLP'2020``) rather than a
    title."""
    return _HAS_YEAR.search(text) is not None and _dated_looks_like_venue(text)


@functools.lru_cache(maxsize=4096)
def _dated_looks_like_venue(text: str) -> bool:
    match = _dated_markup_venue(text)
    # `**Editing Language Models, AACL 2023 Tutorial**` is a title that names its venue
    return (
        match is not None
        and _plausible(match)
        and len(match["name"].split()) <= 6
        and ", " not in match["name"]
    )


@functools.lru_cache(maxsize=4096)
def is_known_venue(text: str) -> bool:
    """Whether ``text`` names a known venue, with its year or without (`arxiv`, `NeurIPS 2024`)."""
    match = _markup_venue(text)
    name = (match["name"] if match else text).strip(" \t\n[]().,;:")
    return 0 < len(name) <= 40 and _known(name)


def extract(
    source: Source, paragraphs: Sequence[Sequence[Piece]], start: int, links: list[Link]
) -> EntryFields:
    """Read an entry's fields from its paragraphs; ``start`` skips a marker glued to the text.
    ``links`` are the paragraphs' links in order, already read for the document's own list."""
    fields = EntryFields()
    first = paragraphs[0] if paragraphs else []
    found = find_title(first, start, looks_like_venue, is_known_venue)
    taken: list[Range] = []
    used: set[int] = set()  # ids of the pieces the title used up
    title_range: Range | None = None
    if found is not None:
        fields.title, title_used, title_range = _title(source, found, first)
        used.update(map(id, title_used))
        if title_range is not None:
            taken.append(title_range)
    everything = first if len(paragraphs) == 1 else [piece for paragraph in paragraphs for piece in paragraph]
    fields.links = links
    paper_link = _LinksToPaper(links)
    quoted = title_range is not None and (
        (found is not None and found.quoted) or source.normalized.startswith(_QUOTE_AFTER, title_range[1])
    )
    venue = _venue_in_citation(source, first, title_range) if quoted else None
    described_from = _description_start(source, first, title_range)
    title_start = title_range[0] if title_range is not None else None
    venue = venue or _venue(source, everything, used, taken, described_from, title_start, paper_link)
    if venue is None and (badge := venue_in_badges(source, everything)) is not None:
        venue = badge, (source.normalized_offset(badge.span.start), source.normalized_offset(badge.span.end))
    venue_year: Range | None = None
    if venue is not None:
        fields.venue, venue_range = venue
        taken.append(venue_range)
        if fields.venue.year is not None and fields.venue.markup != "plain":
            venue_year = _normalized_range(source, fields.venue.year)  # in markup, read with the rest
    fields.date = _date(source, everything, used, taken, venue_year) or _date_in_venue(source, fields.venue)
    if fields.date is not None:
        taken.append(_normalized_range(source, fields.date))
    fields.authors = _authors(source, everything, used, taken, fields, paper_link)
    fields.description = _description(source, first, fields, found)
    return fields


def _normalized_range(source: Source, value: Field | Venue) -> Range:
    """A field's span as offsets into the normalised text (spans are kept in original offsets)."""
    return source.normalized_offset(value.span.start), source.normalized_offset(value.span.end)


def walk(pieces: Sequence[Piece]) -> Iterator[Piece]:
    """Every piece and, after each, its children, depth first (without a generator per level)."""
    stack = [iter(pieces)]
    while stack:
        for piece in stack[-1]:
            yield piece
            if piece.children:
                stack.append(iter(piece.children))
                break
        else:
            stack.pop()


def _role_word(label: str) -> bool:
    """A link label that is one word naming the link's role (`[code]`, `[[pdf]]`)."""
    return len(label.split()) == 1 and is_link_word(label)


def _title(
    source: Source, found: TitleStart, paragraph: Sequence[Piece] = ()
) -> tuple[Field | None, list[Piece], Range | None]:
    """The title field, the pieces it used up, and the text range it took (``paragraph``: the pieces
    of the title's paragraph, whose pieces after the title's own may belong to it)."""
    piece = found.piece
    if piece.kind in ("strong", "em"):
        inner = [child for child in piece.children if child.kind != "text" or child.plain.strip()]
        if len(inner) == 1 and inner[0].kind == "link":
            title, used, taken = _title(source, TitleStart(inner[0], inner[0].start))
            return title, [piece, *used], taken
        text = _trimmed(plain_text(piece.children))
        following = next((other for other in paragraph if other.start >= piece.end), None)
        named = _named_title(source, piece, following)
        if named is not None:
            return named
        # An index inside the bold (`**[1] Alpha Adapter,**`) numbers the entry; it is no part of the title.
        start = piece.inner_start
        index = _INDEX_INSIDE.match(source.normalized, start, piece.inner_end)
        if index is not None and _INDEX_INSIDE.match(text) and index.end() < piece.inner_end:
            start, text = index.end(), _INDEX_INSIDE.sub("", text, count=1)
        if not text:
            return None, [], None
        return field_at(source, start, piece.inner_end, text), [piece], (piece.start, piece.end)
    if piece.kind == "link":
        # a marker glued in front of the label (`[🔥Masked Autoencoders ...](u)`) is no part of the title
        text = _trimmed(_LEADING_SYMBOLS.sub("", unbracketed(plain_text(piece.children))))
        if not text:
            return None, [], None
        return field_at(source, piece.inner_start, piece.inner_end, text), [piece], (piece.start, piece.end)
    if piece.kind != "text":
        return None, [], None
    begin = found.offset
    raw = source.normalized[begin : piece.end]
    if found.marked:  # `<u>WebCrawl</u>`: the tags set the name off whole, one word or more
        body = raw.rstrip()
        text = _trimmed(" ".join(body.split()))
        return (
            (field_at(source, begin, begin + len(body), text), [], (begin, begin + len(body)))
            if text
            else (None, [], None)
        )
    if found.quoted:
        close = raw.find({"“": "”", "‘": "’"}.get(raw[0], raw[0]), 1)
        if close > 1:
            text = _trimmed(" ".join(raw[1:close].split()))
            if text:
                return field_at(source, begin + 1, begin + close, text), [], (begin, begin + close + 1)
    # A plain title: the text up to the first sentence end, link or tag, emphasis inside it included
    # (`Distilled Person _Re-identification_: Towards ...`).
    after = (other for other in paragraph if other.start >= piece.end)
    inline = list(itertools.takewhile(_inside_a_title, after))
    match = _TITLE_END.search(raw)
    if inline and match is None:
        raw = source.normalized[begin : inline[-1].end]
        match = _TITLE_END.search(raw)
    stop = match.start() if match else len(raw.rstrip())
    if match is not None and match[0].strip() in _DASHES:
        stop = _bar_after_dash(raw, match.end(), stop)
    if "? " in raw[:stop] or raw[stop - 1 : stop].isupper():
        stop = _names_after_title(raw, stop)
    body = _AFFILIATION.sub("", raw[:stop].rstrip(" \t\n[("))
    text = _trimmed(" ".join(_plain_between(source, [piece, *inline], begin, begin + len(body)).split()))
    if len(text.split()) < 2 and not (text and (found.quoted or _alone(paragraph, piece))):
        return None, [], None
    used = [p for p in inline if p.kind != "text" and p.end <= begin + len(body)]
    return field_at(source, begin, begin + len(body), text), used, (begin, begin + len(body))


def _alone(paragraph: Sequence[Piece], title: Piece) -> bool:
    """Whether the title's piece is all of its paragraph (a table's name column), or all but links
    labelled by their role (`VQGAN-CLIP [[code](u)]`): then its title may be a single word."""
    rest = [p for p in paragraph if p is not title and (p.kind != "text" or p.plain.strip(" \t\n[]()|,"))]
    return not rest or (
        len(rest) < 4 and all(p.kind == "link" and _role_word(plain_text(p.children)) for p in rest)
    )


def _bar_after_dash(raw: str, after_dash: int, stop: int) -> int:
    """Where a plain title that a column bar ends stops when a dash comes first: the dash is part of
    the title (`What Object Should I Use? - Task Driven Object Detection | **[CVPR' 19]**`)."""
    bar = _COLUMN_BAR.search(raw, after_dash)
    if bar is None:
        return stop
    following = _TITLE_END.search(raw, after_dash)
    return bar.start() if following is not None and following.start() == bar.start() else stop


def _names_after_title(raw: str, stop: int) -> int:
    """Where a plain title stops when authors follow it before ``stop``, the sentence end found: after
    a question mark (`Does It Help? Doe, Jane et al. ICML 2020`; a question inside a title stays), or
    after a comma when the period found is an initial's (`Title, G. Hinton and R. Roe. [pdf]`)."""
    initials = _INITIALS_BEFORE.search(raw, 0, stop)
    if initials is not None:
        end = _SENTENCE_END.search(raw, stop)
        names = raw[initials.end() : end.start() if end is not None else len(raw)].strip(" [(")
        if read_names(names, plain=True) is not None:
            return initials.start()
    mark = raw.find("? ", 0, stop)
    while mark >= 0:
        if read_names(raw[mark + 2 : stop], plain=True) is not None:
            return mark + 1
        mark = raw.find("? ", mark + 2, stop)
    return stop


def _inside_a_title(piece: Piece) -> bool:
    """Whether a piece after the start of a plain title may be part of it: text, code, or emphasis that
    is neither a list of authors nor a venue (`Distilling _Object Detectors_ with ...`)."""
    if piece.kind in ("text", "code"):
        return piece.kind == "text" or not _CODE_DATE.fullmatch(piece.plain)  # `` `2023.09` `` is a date
    if piece.kind not in ("em", "strong"):
        return False
    words = plain_text(piece.children)
    listed = any(mark in words for mark in (",", " and ", "et al"))  # `*Jane Doe, John Roe*`
    return (
        not (listed and read_names(words) is not None)
        and not looks_like_venue(words)
        and not is_known_venue(words)
    )


def _plain_between(source: Source, pieces: Sequence[Piece], lo: int, hi: int) -> str:
    """The text a reader sees of ``normalized[lo:hi]``, which these pieces tile: emphasis markers
    dropped (a piece cut by ``hi`` is taken as written)."""
    parts = []
    for piece in pieces:
        if piece.end <= lo or piece.start >= hi:
            continue
        if piece.kind == "text" or piece.end > hi:
            parts.append(source.normalized[max(lo, piece.start) : min(hi, piece.end)])
        else:
            parts.append(plain_text([piece]) if piece.kind != "code" else piece.plain)
    return "".join(parts)


def unbracketed(label: str) -> str:
    """A link's label without the brackets around it (`[[paper]](u)`, `[(code)](u)`) or left over on
    one side (`[[paper](u)]`); brackets that belong to the words stay (`Principal Component Analysis
    (PCA)`)."""
    text = label.strip()
    if "[" not in text and "]" not in text and "(" not in text and ")" not in text:
        return text
    while text[:1] + text[-1:] in ("[]", "()") and _wraps(text):
        text = text[1:-1].strip()
    for opening, closing in ("[]", "()"):
        if text.endswith(closing) and text.count(closing) > text.count(opening):
            text = text[:-1].rstrip()
        if text.startswith(opening) and text.count(opening) > text.count(closing):
            text = text[1:].lstrip()
    return text


def _wraps(text: str) -> bool:
    """Whether the bracket opening ``text`` is the one that closes it (`(a) and (b)` is two pairs)."""
    depth = 0
    for position, character in enumerate(text):
        depth += (character == text[0]) - (character == text[-1])
        if depth == 0:
            return position == len(text) - 1
    return False


def _named_title(
    source: Source, piece: Piece, following: Piece | None
) -> tuple[Field | None, list[Piece], Range | None] | None:
    """A bold or emphasised short name and a colon before the rest of the title in plain text
    (`**ImageGPT:** Generative Pretraining from Pixels`): the title is both, from the name's markup
    to the plain title's end."""
    if following is None or following.kind != "text":
        return None
    name = plain_text(piece.children).strip()
    colon_inside = name.endswith(":")
    after = following.plain
    if not colon_inside and not after.startswith(":"):
        return None
    if len(name.rstrip(":").split()) > 4:
        return None
    begin = following.start + (0 if colon_inside else 1)
    raw = source.normalized[begin : following.end]
    match = _TITLE_END.search(raw)
    stop = match.start() if match else len(raw.rstrip())
    rest = _trimmed(" ".join(raw[:stop].split()))
    listed = "," in rest or " and " in rest or len(rest.split()) <= 3  # names come listed, or few
    if len(rest.split()) < 2 or (listed and read_names(rest) is not None):
        return None  # `**BERT**: Jacob Devlin, Ming-Wei Chang` names the authors
    text = f"{name.rstrip(':').strip()}: {rest}"
    end = begin + len(raw[:stop].rstrip(" \t\n.,;:"))
    return field_at(source, piece.start, end, text), [piece], (piece.start, end)


def make_link(source: Source, piece: Piece) -> Link:
    span = source.span(piece.start, piece.end)
    if piece.dest is not None:
        url_span = source.span(*piece.dest)
        url = source.normalized[piece.dest[0] : piece.dest[1]]
    else:
        url_span, url = span, piece.href
    label = unbracketed(plain_text(piece.children))
    # a tuple made at once (as `Link.with_role` makes it): keywords cost twice as much, once per link
    return tuple.__new__(Link, (label, url, source.text[span.start : span.end], span, url_span, "other"))


def _description_start(source: Source, first: Sequence[Piece], title: Range | None) -> int | None:
    """Where a classic description starts (`[Name](url) - Description`), if the entry has one."""
    end = first[-1].end if first else 0
    if title is None or end <= title[1]:
        return None
    # (where the spaces after the title end, found with no copy of the rest of the paragraph)
    start = _SPACES.match(source.normalized, title[1], end).end()  # type: ignore[union-attr]
    return start if start < end and source.normalized[start] in "-–—" else None


def _venue_in_citation(
    source: Source, first: Sequence[Piece], title: Range | None
) -> tuple[Venue, Range] | None:
    """The venue of a reference written after its quoted title: `"Title." Neural computation 18.7
    (2006)`, `"Title." arXiv preprint arXiv:1409.1556 (2014)`, `"Title." ICML. Vol. 14. 2014.`"""
    if title is None or not first:
        return None
    text = source.normalized[title[1] : first[-1].end]
    found = _CITATION_VENUE.match(text)
    if found is None or _MONTH_FIRST.match(found["name"]):
        return None  # `"Title", Nov. 2024`: a date, no venue
    base = title[1]
    month = _MONTH_AT_END.search(found["name"])  # `AAAI Jan 2024`: the month is the date's
    written = found["name"][: month.start()] if month else found["name"]
    name_start = base + found.start("name")
    name = field_at(source, name_start, name_start + len(written), " ".join(written.split()))
    year = field_at(source, base + found.start("year"), base + found.end("year"), found["year"])
    span = source.span(name_start, base + found.end("year"))
    venue = Venue(source.text[span.start : span.end], span, name, year, "plain", "space")
    return venue, (name_start, base + found.end("year"))


@functools.lru_cache(maxsize=4096)  # a list names few venues, each many times
def _known(name: str) -> bool:
    from ..venues import builtin_venues

    return builtin_venues().is_known(name)


def _miscased(name: str) -> bool:
    from ..venues import builtin_venues

    return builtin_venues().miscasing(name) is not None


def _venue(
    source: Source,
    pieces: Sequence[Piece],
    used: AbstractSet[int],
    taken: Sequence[Range],
    described_from: int | None = None,
    title_start: int | None = None,
    paper_link: Callable[[], bool] = lambda: False,
) -> tuple[Venue, Range] | None:
    r"""The first venue outside the title (a link's label counts: `[NeurIPS 2024](url)`). In a
    classic description only a known venue counts: `Excel 2010 files` or `MIT Press, 2011` there are
    prose, not where a paper appeared. A known venue written alone (`In **arXiv**,`, `*TACL*`,
    `. TACL.`) or an arXiv identifier (`arXiv:1503.02531`) counts only where no venue with a year
    stands, and a link's label only before the title (`\[[arxiv](url)\] Title`)."""
    # each piece with the parts of its text still free (for text pieces), for both passes
    # (code, images and HTML hold none)
    free = [
        (piece, _free(piece, taken) if piece.kind == "text" else [])
        for piece in pieces
        if piece.kind in _VENUE_HOLDERS and id(piece) not in used
    ]
    venue = None
    for piece, ranges in free:
        venue = (
            _dated_venue_in_text(source, piece, ranges, described_from)
            if piece.kind == "text"
            else _dated_venue_in_markup(source, piece)
        )
        if venue is not None:
            break
    else:  # a paper list's entries without a venue: most give a date tag and a link to the paper
        evidence = paper_link() or _written_date(source, free)
        for piece, ranges in free:
            venue = _yearless_venue(source, piece, ranges, described_from, title_start, evidence)
            if venue is not None:
                break
    if venue is None:
        return None
    start = source.normalized_offset(venue.span.start)
    return venue, (start, source.normalized_offset(venue.span.end))


def _written_date(source: Source, free: Sequence[tuple[Piece, Sequence[Range]]]) -> bool:
    """Whether plain text outside the title (``free``: the pieces and the ranges of text in them)
    gives a date written out (`27 June 2004`, `May 2021`): a reference's, which is paper evidence as
    a link to the paper is (a date tag `[2023-05]` is not)."""
    for piece, ranges in free:
        if not ranges or _FOUR_DIGITS.search(source.normalized, piece.start, piece.end) is None:
            continue  # every date holds a year
        for lo, hi in ranges:
            date = find_date(source.normalized, lo, hi)
            if date is not None and not date[0].replace(".", "").replace("-", "").isdigit():
                return True
    return False


def _dated_venue_in_markup(source: Source, piece: Piece) -> Venue | None:
    """A venue with its year in bold, emphasis or a link's label."""
    if piece.kind == "strong":
        return _venue_in_markup(source, piece)
    if piece.kind == "em":
        within = (piece.inner_start, piece.inner_end)
        date = find_date(source.normalized, *within)
        dated = date is not None and not date[0].isdigit()  # `*RA-L, 2025*` has a year, not a date
        return (
            _venue_with_date(source, *within, piece) if dated else _venue_in_markup(source, piece, "italic")
        )
    # a link: only a known venue (`[Fall 2016](u)` names a course)
    venue = _venue_in_markup(source, piece, "link")
    return venue if venue is not None and _known(venue.name.text) else None


def _dated_venue_in_text(
    source: Source, piece: Piece, ranges: Sequence[Range], described_from: int | None
) -> Venue | None:
    """A venue with its year in a text piece's ``ranges`` (its parts still free)."""
    for lo, hi in ranges:
        # both readings need a year (a date holds one) and a name before it: most text lacks one
        # (` [2024-10] [` has no name); the look-behinds of _YEARISH see no text before ``lo``
        text = source.normalized[lo:hi]
        if not _YEARISH.search(text) or not _LETTER.search(text):
            continue
        venue = _venue_in_text(source, piece, lo, hi) or _venue_with_date(source, lo, hi)
        in_description = (
            venue is not None
            and described_from is not None
            and source.normalized_offset(venue.span.start) >= described_from
        )
        if (
            venue is not None
            and in_description
            and (not _known(venue.name.text) or venue.year_style == "glued")
        ):
            venue = None  # in a description only a known venue written as one (not `CVPR2019 paper`)
        if venue is not None:
            return venue
    return None


def _yearless_venue(
    source: Source,
    piece: Piece,
    ranges: Sequence[Range],
    described_from: int | None,
    title_start: int | None,
    paper_link: bool,
) -> Venue | None:
    """A known venue without a year in ``piece``, or an arXiv identifier; in plain text, a venue's
    name alone only in an entry that links to its paper."""
    if piece.kind in ("strong", "em"):
        return _known_in_markup(source, piece, "bold" if piece.kind == "strong" else "italic")
    if piece.kind == "link":
        before_title = title_start is not None and piece.end <= title_start
        return _known_in_markup(source, piece, "link") if before_title else None
    for lo, hi in ranges:
        if described_from is None or lo < described_from:
            stop = min(hi, described_from or hi)
            if _LETTER.search(source.normalized, lo, stop) is None:
                continue  # no name, nor `arXiv`: most text between an entry's fields (` [`, `] `)
            venue = _known_alone(source, lo, stop, paper_link)
            if venue is not None:
                return venue
    return None


# A known venue alone in plain text: a chunk between sentence marks (`. TACL.`, `In arXiv,`).
_CHUNK = re.compile(
    r"(?:^|(?<=[.,;:|]))[ \t]*(?:[Ii]n[ \t]+)?(?P<name>[^\W\d_][\w&/\- ]{0,40}?)[ \t]*(?=[.,;|]|$)"
)
# A known venue alone in brackets or parentheses: `[JMLR]`, `(IEEE Sensors Journal)`.
_ENCLOSED = re.compile(r"[\[(][ \t]*(?P<name>[^\W\d_][\w&/\- ]{0,80}?)[ \t]*[\])](?!\()")
# A journal or proceedings by its written-out name, each word of it capitalised but the small ones
# (`IEEE Internet of Things Journal`, `Journal of Field Robotics`): a venue, in brackets, known or not.
_SERIAL_NAME = re.compile(
    r"(?=.*\b(?:Journal|Transactions|Letters|Proceedings|Symposium)\b)"
    r"(?:[A-Z][\w&/\-]*|of|on|and|for|in|the)(?:[ \t]+(?:[A-Z][\w&/\-]*|of|on|and|for|in|the))+"
)
_ARXIV_ID = re.compile(  # `arXiv:1503.02531`, `[Arxiv 2110.06483]`, misspelt `arXv:2003.01474`
    r"\b(?P<name>ar[xv]i?v|arxv)(?:[ \t]*:[ \t]*|[ \t]+)\d{4}\.\d{4,5}(?:v\d+)?", re.IGNORECASE
)
_ARXIV_NUMBER = re.compile(r"\d{4}\.\d{4}")  # in every arXiv identifier: a cheap test before the pattern


def _known_in_markup(source: Source, piece: Piece, markup: Literal["bold", "italic", "link"]) -> Venue | None:
    """Bold, emphasis or a link's label that is a known venue and nothing else: `**arXiv**`, `*TACL*`."""
    raw = source.normalized[piece.inner_start : piece.inner_end]
    name = raw.strip(" \t\n.,;:")
    if name.lower().startswith("in "):
        name = name[3:].lstrip()
    if not name or len(name) > 60 or not _known(name):
        return None
    begin = piece.inner_start + raw.find(name)
    span = source.span(piece.start, piece.end)
    name_field = field_at(source, begin, begin + len(name), " ".join(name.split()))
    return Venue(source.text[span.start : span.end], span, name_field, None, markup, "none")


def _known_alone(source: Source, lo: int, hi: int, names: bool) -> Venue | None:
    """A known venue standing alone in plain text (which holds a letter), or an arXiv identifier
    (`arXiv:1503.02531`)."""
    text = source.normalized[lo:hi]
    arxiv = _ARXIV_ID.search(text) if _ARXIV_NUMBER.search(text) else None
    if arxiv is not None:
        begin = lo + arxiv.start("name")
        span = source.span(lo + arxiv.start(), lo + arxiv.end())
        server = field_at(source, begin, lo + arxiv.end("name"), "arXiv")
        return Venue(source.text[span.start : span.end], span, server, None, "plain", "none")
    if not names:
        return None
    for chunk in itertools.chain(
        _CHUNK.finditer(text), _ENCLOSED.finditer(text) if "[" in text or "(" in text else ()
    ):
        name = chunk["name"]
        if text.startswith(".", chunk.end()) and _known(name + "."):
            name += "."  # an abbreviation's period: `VLDB J.`
        enclosed = chunk.re is _ENCLOSED
        if len(name.split()) > (8 if enclosed else 4) or _YEARISH.search(name):
            continue
        if not (_known(name) or (enclosed and _SERIAL_NAME.fullmatch(name))) or _miscased(name):
            continue  # in prose only a venue's own spelling counts (`FAST`, not `Fast`)
        begin = lo + chunk.start("name")
        # `[JMLR]` is bracket markup, brackets included; `(TOMM)` is plain, as `(ICML 2024)` reads
        bracketed = enclosed and chunk[0].startswith("[")
        span = (
            source.span(lo + chunk.start(), lo + chunk.end())
            if bracketed
            else source.span(begin, begin + len(name))
        )
        name_field = field_at(source, begin, begin + len(name), " ".join(name.split()))
        markup: VenueMarkup = "bracket" if bracketed else "plain"
        return Venue(source.text[span.start : span.end], span, name_field, None, markup, "none")
    return None


def _venue_with_date(source: Source, lo: int, hi: int, markup: Piece | None = None) -> Venue | None:
    """A venue followed by a date: `*arXiv, July 2022*` (``markup`` is the emphasis around it),
    `, CVPR, June 2025.` in running text, `[TSE, July 2025]` after a date tag (`[2025-05]`)."""
    raw = source.normalized[lo:hi]
    date = find_date(raw)
    found = None
    while date is not None and found is None:
        if date[0].isdigit():
            return None  # a year alone (`Yann LeCun 2014`) is no date to hang a venue on
        found = _name_before_date(raw[: date.start()], whole=markup is not None)
        if found is None:
            if markup is not None:
                return None  # inside emphasis the name is all that comes before its first date
            date = find_date(raw, date.end())  # a date tag with no name before it: the next date
    year_match = _FOUR_DIGITS.search(date[0]) if date is not None else None
    if found is None or date is None or year_match is None:
        return None
    if found["name"][:1].islower() and not _known(found["name"]):
        return None  # `in the summer of July 2022`: prose, unless it is a known venue (`arxiv`)
    acronym = found["name"].isupper() and " " not in found["name"]  # `PACMSE, July 2025`
    if not acronym and read_names(found["name"]) is not None and not _known(found["name"]):
        return None  # `Jane Doe, July 2022`: a person and a date
    name = field_at(source, lo + found.start("name"), lo + found.end("name"), " ".join(found["name"].split()))
    year_at = lo + date.start() + year_match.start()
    year = field_at(source, year_at, year_at + 4, year_match[0])
    if markup is not None:
        span = source.span(markup.start, markup.end)
        return Venue(source.text[span.start : span.end], span, name, year, "italic", "comma")
    begin, end = found.start("name"), date.end()
    opening = raw[:begin].rstrip(" \t")
    closing = len(raw[end:]) - len(raw[end:].lstrip(" \t"))
    if opening.endswith("[") and raw[end + closing : end + closing + 1] == "]":  # `[TSE, July 2025]`
        span = source.span(lo + len(opening) - 1, lo + end + closing + 1)
        return Venue(source.text[span.start : span.end], span, name, year, "bracket", "comma")
    span = source.span(lo + begin, lo + end)
    return Venue(source.text[span.start : span.end], span, name, year, "plain", "comma")


def _name_before_date(before: str, whole: bool) -> re.Match[str] | None:
    """The venue's name that ends ``before`` (a date follows it), past the volume, issue and pages
    a reference writes between them (`IEEE Trans. on X, Vol. 23, No. 6, Pages 2569-2582, June
    2014`); none when it is the first half of a range of dates (`27 June - 2 July 2004`).
    ``whole``: the name is all of ``before`` (inside emphasis)."""
    found = _NAME_BEFORE_DATE.fullmatch(before) if whole else _NAME_BEFORE_DATE.search(before)
    while found is not None and not whole and _VOLUME_OR_PAGES.match(found["name"]):
        found = _NAME_BEFORE_DATE.search(before, 0, found.start("name"))
    if found is None or _MONTH_FIRST.match(found["name"]):
        return None
    return found


def _venue_in_markup(
    source: Source, piece: Piece, markup: Literal["bold", "italic", "link"] = "bold"
) -> Venue | None:
    raw = source.normalized[piece.inner_start : piece.inner_end]
    match = _markup_venue(raw)
    if match is None or not _LETTER.search(match["name"]) or len(match["name"]) > 120:
        return None
    if not _plausible(match):
        return None
    base = piece.inner_start
    name = field_at(
        source,
        base + match.start("name"),
        base + match.end("name"),
        " ".join(match["name"].split()),
    )
    year_raw = match["year"]
    year = field_at(source, base + match.start("year"), base + match.end("year"), four_digit_year(year_raw))
    style: YearStyle = year_style(match["sep"]) if match["sep"] else "glued"
    span = source.span(piece.start, piece.end)
    return Venue(source.text[span.start : span.end], span, name, year, markup, style)


def _venue_in_text(source: Source, piece: Piece, lo: int, hi: int) -> Venue | None:
    lo, hi = lo - piece.start, hi - piece.start
    for match in _VENUE_IN_TEXT.finditer(piece.plain, lo, hi):
        venue = _text_venue(source, piece, match)
        if venue is not None:
            return venue
    return None


# a sentence end, not an initial's period (`Fayek, Haytham M. & Kumar, Anurag. IJCAI`)
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.(?:\s+|$)")
# a comma and the initials that open a name, where a title's sentence end was found: `, G` of `, G. Hinton`
_INITIALS_BEFORE = re.compile(r",(?=\s+(?:[A-Z]\.\s?-?)*[A-Z]$)\s+")
_MONTH_AT_END = re.compile(rf"[ \t]+{MONTH}$", re.IGNORECASE)
_CAPITAL = re.compile(r"[A-Z]")


def _ends_names(text: str) -> bool:
    """Whether ``text`` ends an author list (`Cho, Jang Hyun & Hariharan, Bharath`, `Wang Zi`), not an
    abbreviated venue (`Int. J. Comput`)."""
    words = text.split()
    listed = any(mark in text for mark in (",", "&", " and "))
    plain = len(words) == 2 and not any(word.endswith(".") for word in words)
    return (listed or plain) and read_names(text) is not None


def _text_venue(source: Source, piece: Piece, match: re.Match[str]) -> Venue | None:
    """The venue ``match`` found in running text, unless it is prose: a name in lower case, glued to
    its year or with a bare two-digit year must be a known venue (`arxiv 2018`, `COLING2022`,
    `EMNLP 18`)."""
    # `in CVPR. 2016`: the period ends the name's sentence; `NAACL-25`: the hyphen joins the year
    written = match["name"].rstrip(".").removesuffix("-")
    period = max(written.rfind(". "), written.rfind("._ "))  # `._`: an emphasis the list left open
    lead = written.index(" ", period) + 1 if period >= 0 else 0
    # the sentence the venue's first words end: from the text before the venue, not the match alone
    before = _SENTENCE_END.split(piece.plain[: match.start("name") + period])[-1] if lead else ""
    listed = any(mark in before for mark in (",", "&", " and "))
    if lead and not (
        (listed or _known(written[lead:]))
        and (_ends_names(before) or (before.isalpha() and before.islower()))
    ):
        lead = 0  # `ACM Comput. Surv` is one name; `Hariharan, Bharath. ICCV`, `et al. ICCV` end the authors
    if not lead and match["name"].endswith(".") and not _known(written):
        sentence = _SENTENCE_END.split(piece.plain[: match.start("name") + len(written)])[-1]
        names = read_names(sentence) if "," in sentence or "&" in sentence else None
        if names is not None and names.names[-1] != written:
            return None  # `Huang, Zehao & Wang, Naiyan. 2017`: a surname ends the names, a year follows
    month = _MONTH_AT_END.search(written)
    if month is not None:  # `AAAI Jan 2024`: the month is the date's, not the venue's
        written = written[: month.start()]
    written = written[lead:]
    if not written.strip() or (not match["open"] and written[:1] in "&"):
        return None
    apostrophe = "'" in match["sep"] or "’" in match["sep"]
    lax = not _CAPITAL.search(written) or not match["sep"] or (len(match["year"]) == 2 and not apostrophe)
    if lax and not _known(written):
        return None
    base = piece.start
    bracketed = bool(match["open"] and match["close"])
    name_start = base + match.start("name") + lead
    begin = match.start() if bracketed else name_start - base
    end = match.end() if bracketed else (match.end("after") if match["after"] else match.end("year"))
    name = field_at(source, name_start, name_start + len(written), " ".join(written.split()))
    year = field_at(
        source, base + match.start("year"), base + match.end("year"), four_digit_year(match["year"])
    )
    span = source.span(base + begin, base + end)
    markup: Literal["bracket", "plain"] = "bracket" if bracketed else "plain"
    style = year_style(match["sep"]) if match["sep"] else "glued"
    return Venue(source.text[span.start : span.end], span, name, year, markup, style)


def _date(
    source: Source,
    pieces: Sequence[Piece],
    used: AbstractSet[int],
    taken: Sequence[Range],
    venue_year: Range | None = None,
) -> Field | None:
    """A date tag or publication date anywhere in the entry outside the title and the venue's name
    (an emphasised venue and date, `*arXiv, July 2022*`, gives its date too; the venue's year alone
    is no date); a year or date alone in code (`` `2020` ``) is one too."""
    for piece in pieces:
        if id(piece) in used:
            continue
        if piece.kind == "code":
            if _CODE_DATE.fullmatch(piece.plain):  # between the backticks, spaces aside
                ticks = len(piece.markup)
                inner = source.normalized[piece.start + ticks : piece.end - ticks]
                begin = piece.start + ticks + len(inner) - len(inner.lstrip())
                return field_at(source, begin, begin + len(inner.strip()), inner.strip())
            continue
        if piece.kind not in ("text", "strong", "em"):
            continue
        if piece.kind != "text":
            ranges = [(piece.inner_start, piece.inner_end)]
        elif _FOUR_DIGITS.search(source.normalized, piece.start, piece.end) is None:
            continue  # every date holds a year: most text between an entry's fields holds none
        else:
            ranges = _free(piece, taken)
        for lo, hi in ranges:
            match = find_date(source.normalized, lo, hi)
            while match is not None and (match.start(), match.end()) == venue_year:
                match = find_date(source.normalized, match.end(), hi)
            if match is not None:
                return field_at(source, match.start(), match.end(), match[0])
    return None


def _date_in_venue(source: Source, venue: Venue | None) -> Field | None:
    """A date written inside a venue in running text or brackets (`CVPR, June 2025`, `[TSE, July
    2025]`), not its year alone."""
    if venue is None or venue.markup not in ("plain", "bracket") or venue.year is None:
        return None
    start, end = _normalized_range(source, venue)
    match = find_date(source.normalized, start, end)
    if match is None or match[0] == venue.year.raw:
        return None
    return field_at(source, match.start(), match.end(), match[0])


def _authors(
    source: Source,
    pieces: Sequence[Piece],
    used: AbstractSet[int],
    taken: Sequence[Range],
    fields: EntryFields,
    paper_link: Callable[[], bool],
) -> Authors | None:
    """An emphasised author line, else (for an entry with other paper evidence) names in plain
    text: `(2015), S. Loffe and C. Szegedy`, a table cell's `<br> Jane Doe, John Roe`."""
    for piece in pieces:
        if piece.kind != "em" or id(piece) in used:
            continue
        if any(a < piece.end and piece.start < b for a, b in taken):
            continue
        text = plain_text(piece.children)
        names = read_names(text)
        if names is None:
            continue
        span = source.span(piece.start, piece.end)
        inner = field_at(source, piece.inner_start, piece.inner_end, text)
        raw = source.text[span.start : span.end]
        return Authors(raw, span, inner, names.names, piece.markup, names.separator, names.et_al)
    evidence = fields.venue is not None or paper_link()
    if not (evidence or fields.date is not None) or fields.title is None:
        return None
    # where a reference's authors end: the title, venue or date after them; in an entry whose only
    # other field is a date, only names written as a reference writes them, right before the date
    # (`Doe, Jane & Roe, John. 2017`, not a book's `- David Roe, Acme Press, 2012`)
    date = fields.date
    starts = [lo for lo, _ in taken] if evidence or date is None else [_normalized_range(source, date)[0]]
    for piece in pieces:
        if piece.kind != "text":
            continue
        for lo, hi in _free(piece, taken):
            for chunk_lo, chunk_hi in _chunks(source.normalized, lo, hi):
                text = source.normalized[chunk_lo:chunk_hi]
                placed = any(
                    0 <= start - chunk_hi <= 8 and not source.normalized[chunk_hi:start].strip(_BEFORE_FIELD)
                    for start in starts
                )
                names = read_names(text, plain=True, placed=placed) if evidence or placed else None
                if names is not None and (evidence or (names.inverted and len(names.names) >= 2)):
                    inner = field_at(source, chunk_lo, chunk_hi, " ".join(text.split()))
                    return Authors(
                        inner.raw, inner.span, inner, names.names, "", names.separator, names.et_al
                    )
    return None


class _LinksToPaper:
    """Whether one of an entry's links leads to its paper, worked out when first asked: the venue's
    reading and the authors' both ask it of an entry with no venue (each address is parsed)."""

    __slots__ = ("_answer", "_links")

    def __init__(self, links: Sequence[Link]) -> None:
        self._links = links
        self._answer: bool | None = None

    def __call__(self) -> bool:
        if self._answer is None:
            self._answer = any(map(_is_paper_link, self._links))
        return self._answer


def _is_paper_link(link: Link) -> bool:
    return label_role(link.label) == "paper" or is_paper_url(link.url)


def _chunks(text: str, lo: int, hi: int) -> list[Range]:
    """A stretch of plain text cut at sentence ends, brackets and quotes, each chunk trimmed."""
    if not text[lo:hi].strip(' \t\n,;:.-–—()[]"“”|'):
        return []  # only what trimming and cutting remove (`. `, ` [`): no chunk, and no search
    chunks = []
    cursor = lo
    for match in [*_SENTENCE.finditer(text, lo, hi), None]:
        end = match.start() if match is not None else hi
        piece = text[cursor:end]
        left = len(piece) - len(piece.lstrip(" \t\n,;:.-–—"))
        right = len(piece.rstrip(" \t\n,;:-–—"))
        if right > left:
            chunks.append((cursor + left, cursor + right))
        if match is not None:
            cursor = match.end()
    return chunks


def _description(
    source: Source, first: Sequence[Piece], fields: EntryFields, found: TitleStart | None
) -> Field | None:
    """Free text after the title: the ``- Description.`` of a classic awesome-list item. Text after a
    separator (`-`, `:`) always is; other prose only in an entry without venue, authors or date.
    Role links (`[[code](u)]`), badges and tags around it are not prose."""
    if found is None or not first or fields.title is None or fields.venue or fields.authors:
        return None
    begin = found.piece.end if found.piece.kind != "text" else source.normalized_offset(fields.title.span.end)
    end = first[-1].end
    raw = source.normalized[begin:end]
    lead = _DESCRIPTION_LEAD.match(raw)
    separated = lead is not None and _SEPARATOR.search(lead[0]) is not None
    if not separated and fields.date is not None:
        return None
    # words of prose, counted piece by piece up to those needed (white space changes none of them)
    needed = 1 if separated else 3
    for piece in first:
        if piece.end <= begin or (
            piece.kind == "link" and label_role(plain_text(piece.children)) is not None
        ):
            continue
        for _ in _WORD_OF_PROSE.finditer(rendered_text([piece])):  # (no more words found than needed)
            needed -= 1
            if needed <= 0:
                break
        if needed <= 0:
            break
    if needed > 0:
        return None
    offset = lead.end() if lead else 0
    stop = len(raw.rstrip())
    return field_at(source, begin + offset, begin + stop, " ".join(raw[offset:stop].split()))


def venue_from_cells(source: Source, venue: Sequence[Piece], year: Sequence[Piece]) -> Venue | None:
    """A venue from a table's venue column (`ICML 2023`), its year from the year column when the venue
    has none (`ICML` | `2023`)."""
    cell = [piece for piece in venue if piece.kind != "text" or piece.plain.strip()]
    if not cell:
        return None
    written = _venue(source, cell, set(), [])
    if written is not None and written[0].year is not None:
        return written[0]
    start, end = cell[0].start, cell[-1].end
    raw = source.normalized[start:end]
    name = " ".join(plain_text(cell).split())
    if not _LETTER.search(name):
        return None
    year_field = None
    year_text = source.normalized[year[0].start : year[-1].end] if year else ""
    found = re.search(_YEAR, year_text)
    if found is not None and year:
        offset = year[0].start + found.start()
        year_field = field_at(source, offset, offset + 4, found[0])
    lead = len(raw) - len(raw.lstrip())
    name_field = field_at(source, start + lead, start + len(raw.rstrip()), name)
    span = source.span(start, end)
    return Venue(source.text[span.start : span.end], span, name_field, year_field, "plain", "none")


def _cell(source: Source, cell: Sequence[Piece]) -> tuple[list[Piece], int, int] | None:
    """A table cell's pieces other than blank text, and the range of its text, spaces trimmed."""
    content = [piece for piece in cell if piece.kind != "text" or piece.plain.strip()]
    if not content:
        return None
    start, end = content[0].start, content[-1].end
    raw = source.normalized[start:end]
    return content, start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip())


def authors_from_cell(source: Source, cell: Sequence[Piece]) -> Authors | None:
    """Authors written as plain text in a table's authors column."""
    found = _cell(source, cell)
    if found is None:
        return None
    content, start, end = found
    text = plain_text(content)
    names = read_names(text)
    if names is None:
        return None
    inner = field_at(source, start, end, text)
    return Authors(inner.raw, inner.span, inner, names.names, "", names.separator, names.et_al)


def description_from_cell(source: Source, cell: Sequence[Piece]) -> Field | None:
    """A table's description column: the cell's text as written, white space folded."""
    found = _cell(source, cell)
    if found is None or not re.search(r"[^\W\d_]{2}", plain_text(found[0])):
        return None
    _, start, end = found
    return field_at(source, start, end, " ".join(source.normalized[start:end].split()))
