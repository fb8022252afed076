from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..model import Document
from ._classic import Conventions, Item, description, items

# A plain first word: letters only, capitalised or lower case, followed by a space or punctuation
# (`iOS`, `API`, `go-kit`, `node.js` are names written as their owners write them).
_FIRST_WORD = re.compile(r"(?:[A-Z][a-z]+|[a-z]+)(?=[\s,;:!?]|$)")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
# (the plain words that start with a capital, and those that do not: two patterns that find what
# one would, each counted its own way; each starts with its first letter, then looks behind it, so
# that it is searched for quickly)
_CAPITALISED_WORD = re.compile(r"[A-Z](?<![\w.-][A-Z])[a-z]+(?![\w-])")
_LOWER_WORD = re.compile(r"[a-z](?<![\w.-][a-z])[a-z]+(?![\w-])")


def _names(document: Document) -> frozenset[str]:
    """Of the descriptions' first words (what `_first_word` asks about), those the descriptions treat
    as names: capitalised in the middle of a sentence, written in lower case several times and never
    capitalised (`npm`, `webpack`), and the items' names."""
    cached = document.derived.get("names")
    if isinstance(cached, frozenset):
        return cached
    descriptions = [description(document, item) for item in items(document)]
    asked = {match[0] for text in descriptions if (match := _FIRST_WORD.match(text.lstrip()))}
    text = "\n".join(descriptions)
    found = asked.intersection(" ".join([e.title.text for e in document.iter_entries() if e.title]).split())
    capitalised: set[str] = set()
    for match in _CAPITALISED_WORD.finditer(text):
        word, at = match[0], match.start()
        capitalised.add(word)
        if at >= 2 and text[at - 1] == " " and (text[at - 2].islower() or text[at - 2] == ","):
            found.add(word)
    lower = {word for word in asked if word.islower()}
    if lower:  # (plain lower-case words are never capitalised but at their first letter)
        counted = Counter(filter(lower.__contains__, _LOWER_WORD.findall(text)))
        found.update(w for w, count in counted.items() if count >= 2 and w.capitalize() not in capitalised)
    names = frozenset(found & asked)
    document.derived["names"] = names
    return names


def _first_word(ctx: Context, item: Item) -> str | None:
    """The description's first word, unless it is a name whose case is its owner's: one the list
    writes so elsewhere (`npm`, `Python`), or the item's own (`glmnet: Lasso ...`)."""
    text = description(ctx.document, item).lstrip()
    match = _FIRST_WORD.match(text)
    if match is None or match[0] in _names(ctx.document) or not _VOWEL.search(match[0]):
        return None  # a name, or a word with no vowel: a name or an abbreviation (`npm`, `gcc`)
    own = " ".join([item.entry.title.text if item.entry.title else "", item.entry.links[0].url])
    return None if match[0].lower() in own.lower() else match[0]


def _case(ctx: Context, item: Item) -> str | None:
    word = _first_word(ctx, item)
    if word is None:
        return None
    return "upper" if word[0].isupper() else "lower"


@rule(
    "AL210",
    "description-case",
    "Classic item description whose first letter is cased unlike the list's other descriptions",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("entries", "classic"),
)
def description_case(ctx: Context) -> Iterator[Diagnostic]:
    found = items(ctx.document)
    conventions = Conventions(found, lambda item: _case(ctx, item))
    for item, got, convention in conventions.deviations():
        word = _first_word(ctx, item)
        assert word is not None  # counted items have a first word
        wanted = word.capitalize() if got == "lower" else word.lower()
        start = item.description_start + description(ctx.document, item).index(word)
        shown = "an upper-case" if convention.value == "upper" else "a lower-case"
        message = (
            f"description starts with `{word}`; "
            f"{convention.evidence(f'{shown} first letter', 'descriptions', 'start with')}"
        )
        fix = ctx.fix(f"write `{wanted}`", Edit(start, start + 1, wanted[0]))
        yield ctx.report(ctx.span(start, start + len(word)), message, fix)
