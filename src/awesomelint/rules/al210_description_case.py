from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from itertools import chain
from operator import attrgetter
from typing import NamedTuple, cast

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..entry_facts import reused, tallied
from ..model import Document, Entry
from ..style import Majority
from ._classic import (
    Item,
    ItemConventions,
    counted_conventions,
    counted_value,
    counted_values,
    description,
    item_of,
    item_property,
)

# A plain first word: letters only, capitalised or lower case, followed by a space or punctuation
# (`iOS`, `API`, `go-kit`, `node.js` are names written as their owners write them).
_FIRST_WORD = re.compile(r"(?:[A-Z][a-z]+|[a-z]+)(?=[\s,;:!?]|$)")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
# (the plain words that start with a capital, and those that do not: two patterns that find what
# one would, each counted its own way; each starts with its first letter, then looks behind it, so
# that it is searched for quickly)
_CAPITALISED_WORD = re.compile(r"[A-Z](?<![\w.-][A-Z])[a-z]+(?![\w-])")
_LOWER_WORD = re.compile(r"[a-z](?<![\w.-][a-z])[a-z]+(?![\w-])")


# What an entry says of the list's names, counted over the list: each capitalised or lower-case plain
# word of its description as it is (its case tells which), and, marked by a character before the
# word (a plain word starts with a letter), its description's first plain word (`_FIRST`) and its
# capitalised words in the middle of a sentence (`_INSIDE`). (Strings, not pairs of a kind and a
# word: marked and counted in C.)
_Said = tuple[str, ...]
_FIRST, _INSIDE = "\x01", "\x03"


def _said(document: Document, entry: Entry) -> _Said:
    item = item_of(document, entry)
    if item is None:
        return ()
    text = description(document, item)
    first = _FIRST_WORD.match(text.lstrip())
    said = [_FIRST + first[0]] if first else []
    for match in _CAPITALISED_WORD.finditer(text):
        word, at = match[0], match.start()
        said.append(word)
        if at >= 2 and text[at - 1] == " " and (text[at - 2].islower() or text[at - 2] == ","):
            said.append(_INSIDE + word)
    said += _LOWER_WORD.findall(text)
    return tuple(said)


_TITLE = attrgetter("title")
_TEXT = attrgetter("text")


def _title_words(document: Document) -> frozenset[str]:
    """The words of the list's titles (split at white space), made again only when a title changed
    (an edit seldom changes one): only whether a first word is one of them is asked, so they are
    looked up, not counted entry by entry (a list's titles have a hundred thousand words)."""
    titles = tuple(map(_TEXT, filter(None, map(_TITLE, document.iter_entries()))))
    return reused(
        document, "title words", titles, lambda: frozenset(chain.from_iterable(map(str.split, titles)))
    )


def _names(document: Document) -> frozenset[str]:
    """Of the descriptions' first words (what `_first_word` asks about), those the descriptions treat
    as names: capitalised in the middle of a sentence, written in lower case several times and never
    capitalised (`npm`, `webpack`), and the items' names (the descriptions' words counted entry by
    entry, and kept up to date so between runs; the titles' words looked up)."""
    counted = tallied(document, "description words", functools.partial(_said, document))
    get = counted.get  # (a count kept up to date may hold a zero)
    asked = [said[1:] for said, times in counted.items() if said[0] == _FIRST and times]
    titled = _title_words(document)
    found = {word for word in asked if word in titled or get(_INSIDE + word)}
    found.update(
        word for word in asked if word.islower() and get(word, 0) >= 2 and not get(word.capitalize())
    )
    return frozenset(found)


_COUNTED = "description first words"


@item_property(_COUNTED)
def _first_word(document: Document, item: Item) -> str | None:
    """The description's first word, unless it is the item's own name (`glmnet: Lasso ...`), or has
    no vowel: a name or an abbreviation (`npm`, `gcc`); a name the list writes so elsewhere (`npm`,
    `Python`) is left out by `_names`."""
    match = _FIRST_WORD.match(description(document, item).lstrip())
    if match is None or not _VOWEL.search(match[0]):
        return None
    entry = item.entry
    own = " ".join([entry.title.text if entry.title else "", entry.links[0].url])
    return None if match[0].lower() in own.lower() else match[0]


def _case(word: str) -> str:
    return "upper" if word[0].isupper() else "lower"


class _Cases(NamedTuple):
    """The conventions of the descriptions' first letters, and the first words that are names."""

    conventions: ItemConventions
    names: frozenset[str]

    def decisive(self) -> object:
        return self.conventions.decisive(), self.names


def _cases(ctx: Context) -> _Cases:
    """The conventions of the descriptions' first letters, counted by first word (whether a word is a
    name is the list's, not the entry's), and the first words that are names."""
    names = _names(ctx.document)

    def judged(word: str) -> str | None:
        return None if word in names else _case(word)

    return _Cases(counted_conventions(ctx.document, _COUNTED, judged), names)


def _changed_cases(before: _Cases, now: _Cases) -> frozenset[object]:
    """The first words that became names or stopped being names, the sections (by path) whose
    convention asks for another case, and `_WHOLE` when the list's does (their counts show in
    messages only)."""
    changed: set[object] = set(before.names ^ now.names)
    earlier, conventions = before.conventions, now.conventions
    changed.update(
        section
        for section in earlier.sections.keys() | conventions.sections.keys()
        if _asked(earlier.of(section)) != _asked(conventions.of(section))
    )
    if _asked(earlier.whole) != _asked(conventions.whole):
        changed.add(_WHOLE)
    return frozenset(changed)


def _asked(convention: Majority | None) -> str | None:
    return None if convention is None else convention.value


_WHOLE = ("the whole list",)  # (a section of that name would only have the rule run again)


def _holding(ctx: Context, changed: frozenset[object]) -> list[Entry]:
    """The entries whose description's first word, section or (judged by the list's convention)
    `_WHOLE` is one of the ``changed``."""
    sections = cast("_Cases", ctx.tally).conventions.sections
    whole = _WHOLE in changed
    return [
        entry
        for entry, counted in counted_values(ctx.document, _COUNTED)
        for section, word in counted
        if word in changed or section in changed or (whole and section not in sections)
    ]


@entry_rule(
    "AL210",
    "description-case",
    "Classic item description whose first letter is cased unlike the list's other descriptions",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("entries", "classic"),
    tally=_cases,
    cites_counts=True,
    decisive=_Cases.decisive,
    changed=lambda _, before, __, now: _changed_cases(before, now),
    holds=lambda ctx, changed: _holding(ctx, changed),
)
def description_case(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    cases: _Cases = ctx.tally
    word = counted_value(ctx.document, _COUNTED, entry)
    if word is None or word in cases.names:
        return ()
    got, convention = _case(word), cases.conventions.of(entry.section_path)
    if convention is None or got == convention.value:
        return ()
    item = item_of(ctx.document, entry)
    assert item is not None  # (it has a description)
    wanted = word.capitalize() if got == "lower" else word.lower()
    start = item.description_start + description(ctx.document, item).index(word)
    shown = "an upper-case" if convention.value == "upper" else "a lower-case"
    message = (
        f"description starts with `{word}`; "
        f"{convention.evidence(f'{shown} first letter', 'descriptions', 'start with')}"
    )
    fix = ctx.fix(f"write `{wanted}`", Edit(start, start + 1, wanted[0]))
    return (ctx.report(ctx.span(start, start + len(word)), message, fix),)
