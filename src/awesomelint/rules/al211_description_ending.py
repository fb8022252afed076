from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..entry_facts import fact_once
from ..model import Document, Entry
from ._classic import (
    Item,
    ItemConventions,
    counted_conventions,
    description,
    has_words,
    item_of,
    item_property,
    prose_end,
)

_CLOSING = re.compile(r"(?:\*\*|__|\*|_)*")
_ENDS = ".!?。…"  # what ends a sentence
# A short tag after the sentence's end (`. (Japanese)`, `. **(in Chinese)**`); a longer note is a
# sentence of its own.
_NOTE = re.compile(r"[.!?。…][ \t]+(?:\*\*|__)?\([^()\s]+(?:[ \t][^()\s]+)?\)")
_ABBREVIATION = re.compile(r"(?:\b(?:etc|al|Inc|Ltd|Co|vs|e\.g|i\.e|approx|[A-Z])|\.\.)\.$")


def _end(document: Document, item: Item) -> int | None:
    """The offset of the description's last character of prose, or None when there is none."""
    text = description(document, item)
    end = prose_end(text)
    return item.description_start + end if has_words(text[:end]) else None


def _ending(document: Document, item: Item, _entry: Entry) -> tuple[int, str] | None:
    """Where the description's prose ends (from the entry's start) and how: "period" or "none";
    None when it has no sentence to judge."""
    end = _end(document, item)
    if end is None:
        return None
    text = document.text
    last = text[end - 1]
    at = end - item.entry.span.start
    if last in "\"'”’)" and text[end - 2] in _ENDS:
        return at, "period"  # `... "Say hello."` ends its sentence inside the quote
    if last in _ENDS:
        return at, "period"
    note = _NOTE.search(text, item.description_start, end)
    if note is not None and note.end() == end:
        return at, "period"  # `Sentence. (Japanese)`: a tag after a sentence that has its period
    if last.isalnum() or last in ")\"'”’":
        return at, "none"
    return None  # a colon, an emoji, a closing emphasis: no sentence to judge


def _ending_of(document: Document, item: Item) -> tuple[int, str] | None:
    """`_ending` of a classic item (a fact of its entry: see `entry_facts`)."""
    return fact_once(document, "description ending", item.entry, functools.partial(_ending, document, item))


_ENDINGS = "description endings"


@item_property(_ENDINGS)
def _described_ending(document: Document, item: Item) -> str | None:
    found = _ending_of(document, item)
    return None if found is None else found[1]


def _conventions(ctx: Context) -> ItemConventions:
    """The conventions of the list's descriptions (counted entry by entry, and kept up to date so
    between runs)."""
    return counted_conventions(ctx.document, _ENDINGS)


@entry_rule(
    "AL211",
    "description-ending",
    "Classic item description that ends with or without a period unlike the list's others",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "classic"),
    tally=_conventions,
    cites_counts=True,
    decisive=ItemConventions.decisive,
)
def description_ending(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    conventions: ItemConventions = ctx.tally
    convention = conventions.of(entry.section_path)
    item = item_of(ctx.document, entry)
    found = _ending_of(ctx.document, item) if item is not None and convention is not None else None
    if found is None or item is None or convention is None:
        return ()
    at, got = found
    if got == convention.value:
        return ()
    text, end = ctx.document.text, entry.span.start + at
    if got == "none":
        message = "description ends without a period; " + convention.evidence(
            "a period (or `!`, `?`)", "descriptions", "end with"
        )
        closing = _CLOSING.match(text, end)
        after = closing.end() if closing else end  # `**bold**.`, not `**bold.**`
        fix = ctx.fix("add `.`", Edit(after, after, "."))
        return (ctx.report(ctx.span(end - 1, end), message, fix),)
    body = text[item.description_start : end]
    if text[end - 1] != "." or _ABBREVIATION.search(body) or ". " in body:
        return ()  # `etc.`, an ellipsis, or several sentences: the period belongs there
    message = "description ends with a period; " + convention.evidence(
        "no ending punctuation", "descriptions", "have"
    )
    return (ctx.report(ctx.span(end - 1, end), message, ctx.fix("remove the `.`", Edit(end - 1, end, ""))),)
