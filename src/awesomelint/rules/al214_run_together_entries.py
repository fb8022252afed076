from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity, StartsEntry
from ..engine import Context, rule

# A bullet run into the text before it (`... Limin Wang+ [Title](url)`): a line break went missing,
# so two entries render as one list item. The character before is a word or a closing mark, never
# another bullet character (`C++ [Primer](url)`).
_RUN_IN = re.compile(r"(?<=[\w.,;:)\]])([-+*]) (?=\[[^\]\n]*\w[^\]\n]*\]\((?!#))")


@rule(
    "AL214",
    "run-together-entries",
    "Two entries on one line (`... Wang+ [Title](url)`), rendered as one list item",
    severity=Severity.ERROR,
    fix=Applicability.UNSAFE,
    tags=("entries", "markdown"),
)
def run_together_entries(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.document.text
    for entry in ctx.document.iter_entries():
        if entry.marker != "bullet":
            continue
        bullet = text[entry.marker_span.start : entry.marker_span.end]
        body = text[entry.marker_span.end : entry.span.end]
        opening = body.lstrip()[:1]
        if bullet not in "-+*" or opening != "[" or bullet not in body:
            continue  # the second entry must start as this one does: with its link
        line_start = text.rfind("\n", 0, entry.marker_span.start) + 1
        indent = text[line_start : entry.marker_span.start]
        indent = indent if not indent.strip() else ""  # in a quote or table, no indentation to copy
        for match in _RUN_IN.finditer(body):
            if match[1] != bullet:
                continue
            line_before = body[body.rfind("\n", 0, match.start()) + 1 : match.start()]
            if bullet == "*" and line_before.count("*") % 2:
                continue  # `*Authors.* [code](u)`: the star closes an emphasis
            at = entry.marker_span.end + match.start()
            message = (
                f"`{bullet} [` in the middle of the entry at line {entry.span.start_line} starts another "
                "entry: without a line break before it, Markdown shows both as one list item"
            )
            fix = ctx.fix("start a new list item", Edit(at, at, "\n" + indent), intents=(StartsEntry(at),))
            yield ctx.report(ctx.span(at, at + 1), message, fix)
