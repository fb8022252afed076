from __future__ import annotations

import re
from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..model import Entry
from ._classic import has_words, item_of
from ._prose import blank

_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))
# What closes no bracket: `a)` `1)` enumerations and `:)` smileys.
_NOT_CLOSING = re.compile(r"(?:(?<=\s)|^)(?:[a-z]|\d{1,2})\)|[:;]-?[()]")
# `‘` between letters is an apostrophe typed as an opening quote (`don‘t`).
_WRONG_APOSTROPHE = re.compile(r"(?<=[^\W\d_])‘(?=[^\W\d_])")
# What any finding needs in the description: most have none of it (a quick look before the prose).
_LOOKED_AT = re.compile(r"[()\[\]“”\"‘]")


def _unbalanced(prose: str) -> str | None:
    for opening, closing in _PAIRS:
        if prose.count(opening) != prose.count(closing):
            # (what closes no bracket is taken out only where the brackets do not pair: it holds
            # only parentheses, and the quotes' order and number stay)
            text = _NOT_CLOSING.sub(" ", prose) if opening == "(" else prose
            if text.count(opening) != text.count(closing):
                return f"`{opening}` {text.count(opening)} times but `{closing}` {text.count(closing)} times"
    if "”" in prose and prose.find("”") < prose.find("“"):
        return "`”` before `“`: the curly quotes are reversed"
    quotes = prose.count('"')
    if quotes % 2:
        return f'an odd number of `"` ({quotes})'
    return None


@entry_rule(
    "AL605",
    "unbalanced-punctuation",
    "Description with an unclosed bracket or quote, or `‘` typed for the apostrophe `’`",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("text",),
)
def unbalanced_punctuation(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    item = item_of(ctx.document, entry)
    if item is None or not _LOOKED_AT.search(ctx.document.text, item.description_start, item.description_end):
        return ()  # no classic item, no description, or nothing in it to pair
    offset = item.description_start
    prose = blank(ctx.document.text[offset : item.description_end])
    problem = _unbalanced(prose)
    found: list[Diagnostic] = []
    if problem is not None and has_words(prose):
        span = ctx.span(offset, offset + len(prose.rstrip()))
        found.append(ctx.report(span, f"the description has {problem}"))
    for match in _WRONG_APOSTROPHE.finditer(prose) if "‘" in prose else ():
        at = offset + match.start()
        message = "`‘` is an opening quote; the apostrophe is `’`"
        found.append(ctx.report(ctx.span(at, at + 1), message, ctx.fix("write `’`", Edit(at, at + 1, "’"))))
    return found
