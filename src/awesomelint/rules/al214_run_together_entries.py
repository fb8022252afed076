from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, Parts, rescanned, rule
from ..model import Entry
from ..text import line_ending
from ._lines import entries_in


@rule(
    "AL214",
    "run-together-entries",
    "Two entries on one line (`... Wang+ [Title](url)`), rendered as one list item",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    tags=("entries", "markdown"),
)
def run_together_entries(ctx: Context) -> list[Diagnostic]:
    """The reader reads an entry run into a bullet item's text (`... Limin Wang+ [Title](url)`) as an
    entry of its own, whose bullet follows text on its line: each such entry is reported here."""
    ending = line_ending(ctx.document.text)
    return rescanned(ctx, lambda parts: _scan(ctx, ending, parts), ending, cites_lines=True)


def _scan(ctx: Context, ending: str, parts: Parts) -> Iterator[Diagnostic]:
    """The findings of the entries that start in the ``parts`` of the text (a list item and the
    entries run into it lie in one part: no list item crosses a heading)."""
    text = ctx.document.text
    item: Entry | None = None  # the entry whose bullet opens the list item
    for entry in entries_in(ctx.document, parts):
        if entry.marker != "bullet":
            continue
        at = entry.marker_span.start
        if item is None or not text[at - 1 : at].strip(" \t>\r\n"):
            item = entry
            continue
        line_start = (
            max(text.rfind("\n", 0, item.marker_span.start), text.rfind("\r", 0, item.marker_span.start)) + 1
        )
        indent = text[line_start : item.marker_span.start]
        indent = indent if not indent.strip() else ""  # in a quote or table, no indentation to copy
        bullet = text[at : entry.marker_span.end]
        message = (
            f"`{bullet} [` in the middle of the list item at line {item.span.start_line} starts another "
            "entry: without a line break before it, Markdown shows both as one list item"
        )
        yield ctx.report(
            ctx.span(at, at + 1), message, ctx.fix("start a new list item", Edit(at, at, ending + indent))
        )
