from __future__ import annotations

import functools
import operator
import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from typing import NamedTuple

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..entry_facts import fact
from ..model import Entry
from ._classic import MIN_SHARE, Item, items
from ._prose import blank

# A word standing alone: not part of an identifier, a path, a domain or a handle (`github.com`,
# `go-github`, `@github` are not prose). `Node.js` is one word.
_WORD = re.compile(r"(?<![\w./@#:\\-])[A-Za-z][A-Za-z0-9]*(?:\.js)?(?![\w/@\\-]|\.\w)")
_MIN_OCCURRENCES = 5
_MIN_PROPER = 10  # a capitalised common noun in a few titles (`Gaussian Mixture Model`) is no name
_LINK_TEXT = re.compile(r"\[[^\[\]\n]*\]")  # a link's text names something as its owner writes it
_TOKEN = re.compile(r"[^\W_]+")  # the fixer's guard compares an entry's words, split so


class _Word(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # what the spellings of one name share: `nodejs`, `node.js` and `NodeJS` are one
    initial: bool  # where a sentence starts: a capital there says nothing about the name


_AFTER_SENTENCE = frozenset(".!?:;([\"'“‘*_-–—|")


def _key(word: str) -> str:
    return word.casefold().replace(".", "")


def _distinctive(word: str) -> bool:
    """Spelled in a way a plain word is not: `GitHub`, `macOS`, `JSON`, `Node.js`, `Mac OS` (not
    `Web Page`: capitals that start words are a title's)."""
    return any(char.isupper() for part in word.split() for char in part[1:]) or "." in word


def _proper(word: str) -> bool:
    """A capitalised word (`Docker`): a name only if the list capitalises it inside sentences."""
    return len(word) >= 3 and word[0].isupper() and word[1:].islower()


def _acceptable(majority: str, form: str) -> bool:
    """An all-capitals name (`JSON`) written all lower case is often a file type or an identifier;
    the plural of an acronym (`IDs`) in capitals is another acronym (`IDS`); one word in lower case
    where the list writes two (`httprouter`, `HTTP router`) is a package's name."""
    plural = majority.endswith("s") and majority[:-1].isupper() and form.isupper()
    identifier = form.islower() and " " in majority and " " not in form
    return plural or identifier or (majority.isupper() and form.islower())


_Pairs = list[tuple[_Word, _Word, str]]


def _words(ctx: Context) -> list[tuple[int, list[_Word], _Pairs]]:
    """The words of each classic item's description and its pairs of words, at offsets from the
    item's entry, with the entry's offset in the document."""
    text = ctx.document.text
    return [
        (
            item.entry.span.start,
            *fact(ctx.document, "prose words", item.entry, functools.partial(_item_words, text, item)),
        )
        for item in items(ctx.document)
        if item.description_end > item.description_start
    ]


def _item_words(text: str, item: Item, _entry: Entry) -> tuple[list[_Word], _Pairs]:
    """The words and pairs of words of a classic item's description (a fact of its entry: see
    `entry_facts`)."""
    offset = item.description_start - item.entry.span.start
    prose = blank(text[item.description_start : item.description_end])
    prose = _LINK_TEXT.sub(lambda link: " " * len(link[0]), prose)
    own = set(item.entry.title.text.split()) if item.entry.title else set()
    words: list[_Word] = []
    for match in _WORD.finditer(prose):
        written = match[0]
        if written in own:
            continue  # the item's own name, as its owner writes it (`Package sqlite is ...`)
        start = match.start()
        at = start
        while at > 0 and prose[at - 1].isspace():
            at -= 1
        # A capital after a capitalised word is a title's (`Linear Discriminant Analysis`).
        titled = bool(words) and words[-1].text[0].isupper() and words[-1].end == offset + start - 1
        initial = at == 0 or prose[at - 1] in _AFTER_SENTENCE or titled
        words.append(_Word(offset + start, offset + match.end(), written, _key(written), initial))
    return words, _pairs(words)


def _pairs(words: list[_Word]) -> list[tuple[_Word, _Word, str]]:
    """Adjacent words one space apart and their joined key, unless a third capitalised one follows
    (`Mac OS X` is a name of its own, not `Mac OS` and an X)."""
    pairs = []
    for index in range(len(words) - 1):
        first, second = words[index], words[index + 1]
        if second.start != first.end + 1:
            continue
        third = words[index + 2] if index + 2 < len(words) else None
        if third is not None and third.start == second.end + 1 and third.text[0].isupper():
            continue
        pairs.append((first, second, first.key + second.key))
    return pairs


_COUNTED = operator.attrgetter("key", "text", "initial")


def _spellings(
    found: list[list[_Word]], pairs: list[list[tuple[_Word, _Word, str]]]
) -> dict[str, tuple[str, int, int]]:
    """Key -> the spelling at least 80% of the name's occurrences use: one with capitals a plain
    word lacks (at least 5 occurrences), or one capitalised inside sentences (at least 10)."""
    # The words counted at once by what matters of them, in the order each first occurs (which
    # orders each name's forms as the words do: a tie between forms goes to the first written).
    occurrences = Counter(map(_COUNTED, chain.from_iterable(found)))
    forms: dict[str, dict[str, int]] = {}
    inside: dict[str, dict[str, int]] = {}  # the forms inside sentences only
    for (key, written, initial), times in occurrences.items():
        counts = forms.setdefault(key, {})
        counts[written] = counts.get(written, 0) + times
        if not initial:
            counts = inside.setdefault(key, {})
            counts[written] = counts.get(written, 0) + times
    for listed in pairs:  # a name written as two words (`Stack Overflow`) where it is also one
        for first, second, key in listed:
            # (a name split in two keeps its capital: `in C` and `no SQL` are prose, no `Inc`, `NoSQL`)
            if first.text[0].isupper() and (apart := forms.get(key)) is not None:
                joined = f"{first.text} {second.text}"
                apart[joined] = apart.get(joined, 0) + 1
    spelling = {}
    for key, counts in forms.items():
        if _distinctive(best := max(counts, key=counts.__getitem__)):
            judged, least = counts, _MIN_OCCURRENCES
        elif (within := inside.get(key)) and _proper(best := max(within, key=within.__getitem__)):
            judged, least = within, _MIN_PROPER
        else:
            continue
        total = sum(judged.values())
        if total >= least and judged[best] >= MIN_SHARE * total:
            spelling[key] = (best, judged[best], total)
    return spelling


@rule(
    "AL604",
    "name-spelling",
    "A name spelled unlike the list's own usage (`Github` where the list writes `GitHub`)",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("text", "spelling"),
)
def name_spelling(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.document.text
    found = _words(ctx)
    spelling = _spellings([words for _, words, _ in found], [pairs for _, _, pairs in found])
    if not spelling:
        return
    # Each occurrence of a name the list has a spelling for: one word, or two (`Git Hub`, `Mac OS`).
    author_lines = {
        item.entry.span.start: item.entry.authors.span for item in items(ctx.document) if item.entry.authors
    }
    for at, words, listed in found:
        byline = author_lines.get(at)
        # (only a pair that joins into a name the list has a spelling for is looked up below)
        following = {id(first): (second, key) for first, second, key in listed if key in spelling}
        for word in words:
            if word.key in spelling:
                best = spelling[word.key][0]
                if word.initial and _proper(best) and word.text.lower() == best.lower():
                    continue  # `docker` or `Docker` at a sentence's start: the capital is the sentence's
                start, end, key = at + word.start, at + word.end, word.key
            elif (
                (pair := following.get(id(word))) is not None
                and word.text[0].isupper()
                and _distinctive(spelling[pair[1]][0])
            ):
                # (only a name with capitals inside is written split, `Git Hub`: `Inc` has no two-word form)
                start, end, key = at + word.start, at + pair[0].end, pair[1]
            else:
                continue
            best, count, total = spelling[key]
            written = text[start:end]
            if (
                written == best
                or _acceptable(best, written)
                or (byline and byline.start <= start < byline.end)
            ):
                continue  # (a person's name in an author line is spelled as its owner spells it)
            message = f"`{written}`: this list writes `{best}` in {count} of {total} places"
            # Only a change of case is certain to keep the words: `Node JS` -> `Node.js`, `Open API`
            # -> `OpenAPI` join or split words, which may be the list's own phrase (an open API).
            same_words = _TOKEN.findall(written.casefold()) == _TOKEN.findall(best.casefold())
            fix = ctx.fix(f"write `{best}`", Edit(start, end, best)) if same_words else None
            yield ctx.report(ctx.span(start, end), message, fix)
