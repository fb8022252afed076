from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._classic import Conventions, Item, description, has_words, items, prose_end

_CLOSING = re.compile(r"(?:\*\*|__|\*|_)*")
_ENDS = ".!?。…"  # what ends a sentence
# A short tag after the sentence's end (`. (Japanese)`, `. **(in Chinese)**`); a longer note is a
# sentence of its own.
_NOTE = re.compile(r"[.!?。…][ \t]+(?:\*\*|__)?\([^()\s]+(?:[ \t][^()\s]+)?\)")
_ABBREVIATION = re.compile(r"(?:\b(?:etc|al|Inc|Ltd|Co|vs|e\.g|i\.e|approx|[A-Z])|\.\.)\.$")


def _end(ctx: Context, item: Item) -> int | None:
    """The offset of the description's last character of prose, or None when there is none."""
    text = description(ctx.document, item)
    end = prose_end(text)
    return item.description_start + end if has_words(text[:end]) else None


def _ending(ctx: Context, item: Item) -> str | None:
    end = _end(ctx, item)
    if end is None:
        return None
    text = ctx.document.text
    last = text[end - 1]
    if last in "\"'”’)" and text[end - 2] in _ENDS:
        return "period"  # `... "Say hello."` ends its sentence inside the quote
    if last in _ENDS:
        return "period"
    note = _NOTE.search(text, item.description_start, end)
    if note is not None and note.end() == end:
        return "period"  # `Sentence. (Japanese)`: a tag after a sentence that has its period
    if last.isalnum() or last in ")\"'”’":
        return "none"
    return None  # a colon, an emoji, a closing emphasis: no sentence to judge


@rule(
    "AL211",
    "description-ending",
    "Classic item description that ends with or without a period unlike the list's others",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "classic"),
)
def description_ending(ctx: Context) -> Iterator[Diagnostic]:
    found = items(ctx.document)
    conventions = Conventions(found, lambda item: _ending(ctx, item))
    text = ctx.document.text
    for item, got, convention in conventions.deviations():
        end = _end(ctx, item)
        assert end is not None  # counted items have an end
        if got == "none":
            message = "description ends without a period; " + convention.evidence(
                "a period (or `!`, `?`)", "descriptions", "end with"
            )
            closing = _CLOSING.match(text, end)
            after = closing.end() if closing else end  # `**bold**.`, not `**bold.**`
            fix = ctx.fix("add `.`", Edit(after, after, "."))
            yield ctx.report(ctx.span(end - 1, end), message, fix)
            continue
        body = text[item.description_start : end]
        if text[end - 1] != "." or _ABBREVIATION.search(body) or ". " in body:
            continue  # `etc.`, an ellipsis, or several sentences: the period belongs there
        message = "description ends with a period; " + convention.evidence(
            "no ending punctuation", "descriptions", "have"
        )
        yield ctx.report(ctx.span(end - 1, end), message, ctx.fix("remove the `.`", Edit(end - 1, end, "")))
