from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity, StartsEntry
from ..engine import Context, rescanned, rule
from ._lines import front_matter_end, lines_in, verbatim_lines

_GLUED = re.compile(r"[ \t]*([-+*])\[[^\]\n]*\]\(")
_ITEM = re.compile(r"[ \t]*([-+*])[ \t]+\S")
# The whole shape of a classic item, `-[Name](url) - Description`: an item even with no list around it.
_ITEM_SHAPE = re.compile(r"[ \t]*[-+]\[[^\]\n]+\]\([^()\s]+\)[ \t]*(?:-|–|—|:)[ \t]+\S")


@rule(
    "AL213",
    "glued-bullet",
    "Bullet glued to its link (`-[Name](url)`), so Markdown renders no list item",
    severity=Severity.ERROR,
    fix=Applicability.SAFE,
    tags=("entries", "markdown", "classic"),
)
def glued_bullet(ctx: Context) -> list[Diagnostic]:
    return rescanned(ctx, lambda parts: _scan(ctx, parts), front_matter_end(ctx.document))


def _scan(ctx: Context, parts: Sequence[tuple[int, int]]) -> Iterator[Diagnostic]:
    """The findings on the lines that start in the ``parts`` of the text."""
    verbatim: frozenset[int] | None = None  # at the first glued bullet
    for line in lines_in(ctx.document, parts):
        match = _GLUED.match(line.text)
        if match is None:
            continue
        if verbatim is None:
            verbatim = verbatim_lines(ctx.document)
        if line.number in verbatim:
            continue
        bullet = match[1]
        around = ctx.document.source.lines_between(line.number - 2, line.number + 1)
        neighbours = [other.text for other in around if other.number != line.number]
        among_items = any((item := _ITEM.match(text)) and item[1] == bullet for text in neighbours)
        if not among_items and not _ITEM_SHAPE.match(line.text):
            continue  # neither among list items of this bullet nor an item's shape: perhaps prose
        if bullet == "*" and line.text.count("*") > 1:
            continue  # `*[Name](url)*` is emphasis
        at = line.start + match.end(1)
        message = f"no space after `{bullet}`: Markdown shows this line as text, not a list item"
        # The line break before the bullet is rewritten too: it ends a paragraph now, not a line of it.
        before = max(line.start - 1, 0)
        edit = Edit(before, at, ctx.document.text[before:at] + " ")
        fix = ctx.fix(f"write `{bullet} `", edit, intents=(StartsEntry(line.start),))
        yield ctx.report(ctx.span(at - 1, at), message, fix)
