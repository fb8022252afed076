from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._classic import MIN_SHARE
from ._prose import descriptions

# A word standing alone: not part of an identifier, a path, a domain or a handle (`github.com`,
# `go-github`, `@github` are not prose). `Node.js` is one word.
_WORD = re.compile(r"(?<![\w./@#:\\-])[A-Za-z][A-Za-z0-9]*(?:\.js)?(?![\w/@\\-]|\.\w)")
_MIN_OCCURRENCES = 5
_MIN_PROPER = 10  # a capitalised common noun in a few titles (`Gaussian Mixture Model`) is no name
_LINK_TEXT = re.compile(r"\[[^\[\]\n]*\]")  # a link's text names something as its owner writes it


class _Word(NamedTuple):
    start: int
    end: int
    text: str
    initial: bool  # where a sentence starts: a capital there says nothing about the name


_AFTER_SENTENCE = frozenset(".!?:;([\"'“‘*_-–—|")


def _key(word: str) -> str:
    """What the spellings of one name share: `nodejs`, `node.js` and `NodeJS` are one key."""
    return word.casefold().replace(".", "")


def _distinctive(word: str) -> bool:
    """Spelled in a way a plain word is not: `GitHub`, `macOS`, `JSON`, `Node.js`."""
    return any(char.isupper() for char in word[1:]) or "." in word


def _acceptable(majority: str, form: str) -> bool:
    """An all-capitals name (`JSON`) written all lower case is often a file type or an identifier;
    the plural of an acronym (`IDs`) in capitals is another acronym (`IDS`)."""
    plural = majority.endswith("s") and majority[:-1].isupper() and form.isupper()
    return plural or (majority.isupper() and form.islower())


def _words(ctx: Context) -> list[list[_Word]]:
    """The words of each classic item's description, with their offsets in the document."""
    found = []
    for item, prose in descriptions(ctx.document):
        offset = item.description_start
        prose = _LINK_TEXT.sub(lambda link: " " * len(link[0]), prose)
        own = set(item.entry.title.text.split()) if item.entry.title else set()
        words: list[_Word] = []
        for match in _WORD.finditer(prose):
            if match[0] in own:
                continue  # the item's own name, as its owner writes it (`Package sqlite is ...`)
            before = prose[: match.start()].rstrip()
            # A capital after a capitalised word is a title's (`Linear Discriminant Analysis`).
            titled = bool(words) and words[-1].text[0].isupper() and words[-1].end == match.start() - 1
            initial = not before or before[-1] in _AFTER_SENTENCE or titled
            words.append(_Word(offset + match.start(), offset + match.end(), match[0], initial))
        found.append(words)
    return found


def _proper(word: str) -> bool:
    """A capitalised word (`Docker`): a name only if the list capitalises it inside sentences."""
    return len(word) >= 3 and word[0].isupper() and word[1:].islower()


def _pairs(words: list[_Word]) -> Iterator[tuple[_Word, _Word]]:
    """Adjacent words one space apart, not followed by a third capitalised one (`Mac OS X` is a
    name of its own, not `Mac OS` and an X)."""
    for index in range(len(words) - 1):
        first, second = words[index], words[index + 1]
        third = words[index + 2] if index + 2 < len(words) else None
        if second.start != first.end + 1:
            continue
        if third is not None and third.start == second.end + 1 and third.text[0].isupper():
            continue
        yield first, second


def _spellings(found: list[list[_Word]]) -> dict[str, tuple[str, int, int]]:
    """Key -> the spelling at least 80% of at least 5 occurrences use, when it is distinctive."""
    forms: dict[str, Counter[str]] = {}
    inside: dict[str, Counter[str]] = {}  # the forms inside sentences only
    for words in found:
        for word in words:
            forms.setdefault(_key(word.text), Counter())[word.text] += 1
            if not word.initial:
                inside.setdefault(_key(word.text), Counter())[word.text] += 1
    for words in found:  # a name written as two words (`Stack Overflow`) where it is also one
        for first, second in _pairs(words):
            if (key := _key(first.text + second.text)) in forms:
                forms[key][f"{first.text} {second.text}"] += 1
    spelling = {}
    for key, counts in forms.items():
        if _distinctive(best := counts.most_common(1)[0][0]):
            judged = counts
        elif key in inside and _proper(best := inside[key].most_common(1)[0][0]):
            judged = inside[key]
        else:
            continue
        total = sum(judged.values())
        least = _MIN_OCCURRENCES if judged is counts else _MIN_PROPER
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
    spelling = _spellings(found)
    if not spelling:
        return
    # Each occurrence of a name the list has a spelling for: one word, or two (`Git Hub`, `Mac OS`).
    occurrences: list[tuple[int, int, str]] = []
    for words in found:
        paired = {id(first): second for first, second in _pairs(words)}
        for word in words:
            if _key(word.text) in spelling:
                best = spelling[_key(word.text)][0]
                if word.initial and _proper(best) and word.text.lower() == best.lower():
                    continue  # `docker` or `Docker` at a sentence's start: the capital is the sentence's
                occurrences.append((word.start, word.end, _key(word.text)))
            elif (following := paired.get(id(word))) is not None:
                key = _key(word.text + following.text)
                if key in spelling:
                    occurrences.append((word.start, following.end, key))
    for start, end, key in occurrences:
        best, count, total = spelling[key]
        written = text[start:end]
        if written == best or count < MIN_SHARE * total or _acceptable(best, written):
            continue
        message = f"`{written}`: this list writes `{best}` in {count} of {total} places"
        fix = ctx.fix(f"write `{best}`", Edit(start, end, best))
        yield ctx.report(ctx.span(start, end), message, fix)
