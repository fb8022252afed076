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


class _Word(NamedTuple):
    start: int
    end: int
    text: str


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
    return [
        [_Word(offset + m.start(), offset + m.end(), m[0]) for m in _WORD.finditer(prose)]
        for offset, prose in descriptions(ctx.document)
    ]


def _spellings(found: list[list[_Word]]) -> dict[str, tuple[str, int, int]]:
    """Key -> the spelling at least 80% of at least 5 occurrences use, when it is distinctive."""
    forms: dict[str, Counter[str]] = {}
    for words in found:
        for word in words:
            forms.setdefault(_key(word.text), Counter())[word.text] += 1
    spelling = {}
    for key, counts in forms.items():
        total = sum(counts.values())
        best, count = counts.most_common(1)[0]
        if total >= _MIN_OCCURRENCES and count >= MIN_SHARE * total and _distinctive(best):
            spelling[key] = (best, count, total)
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
        for index, word in enumerate(words):
            following = words[index + 1] if index + 1 < len(words) else None
            if _key(word.text) in spelling:
                occurrences.append((word.start, word.end, _key(word.text)))
            elif following is not None and following.start == word.end + 1:
                key = _key(word.text + following.text)
                if key in spelling:
                    occurrences.append((word.start, following.end, key))
    written_apart = Counter(key for start, end, key in occurrences if " " in text[start:end])
    for start, end, key in occurrences:
        best, count, total = spelling[key]
        total += written_apart[key]
        written = text[start:end]
        if written == best or count < MIN_SHARE * total or _acceptable(best, written):
            continue
        message = f"`{written}`: this list writes `{best}` in {count} of {total} places"
        fix = ctx.fix(f"write `{best}`", Edit(start, end, best))
        yield ctx.report(ctx.span(start, end), message, fix)
