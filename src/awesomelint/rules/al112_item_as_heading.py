from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity, StartsEntry
from ..engine import Context, rule

# A heading that reads as a classic item: a link to a page, a separator, a description.
_ITEM_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+\[[^\]\n]+\]\((?!#)[^)\s]+\)[ \t]*(?:-|–|—|:)[ \t]+\S")
_LINK_ITEM = re.compile(r"[ \t]{0,3}([-*+])[ \t]+\[[^\]\n]+\]\(")


@rule(
    "AL112",
    "item-as-heading",
    "Item typed as a heading (`# [Name](url) - ...`) among list items",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("structure", "classic"),
)
def item_as_heading(ctx: Context) -> Iterator[Diagnostic]:
    source = ctx.document.source  # (a heading's line and those around it: no table of every line)
    pointed = {anchor.fragment.lower() for anchor in ctx.document.anchors}
    found = []
    for section in ctx.document.iter_sections():
        if section.slug.lower() in pointed:
            continue
        line = source.line(section.span.start_line)
        heading = _ITEM_HEADING.match(line.text)
        if heading is None:
            continue
        bullets = {
            item[1]
            for around in source.lines_between(line.number - 2, line.number + 1)
            if around.number != line.number and (item := _LINK_ITEM.match(around.text))
        }
        if len(bullets) == 1:  # among the items of one list
            found.append((line, heading, bullets.pop()))
    if not found:
        return  # (most lists: no count of the entries)
    items = sum(1 for _ in ctx.document.iter_entries())
    if items < 10 or len(found) * 5 > items + len(found):
        return  # items as headings are this list's way (a fifth of them or more), or too few to tell
    for line, heading, bullet in found:
        start = line.start + heading.start(1)
        message = f"`{heading[1]}` makes this item a heading; the items around it start with `{bullet}`"
        edit = Edit(start, start + len(heading[1]), bullet)
        fix = ctx.fix(f"write `{bullet}`", edit, intents=(StartsEntry(line.start),))
        yield ctx.report(ctx.span(start, start + len(heading[1])), message, fix)
