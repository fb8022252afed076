from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rescanned, rule
from ._lines import front_matter_end, lines_in, overlapping, verbatim_lines, whole

# `[text][label]` or `[text][]`; Markdown makes a link of it only when `[label]: url` is defined.
# A lone `[Deprecated]` is bracketed text, not a reference.
_REFERENCE = re.compile(r"(?<![\]\\!])\[([^\[\]\n]+)\]\[([^\[\]\n]*)\](?![(:\[])")
# An item that starts with a bracketed name and a separator (`- [gtkada] - Ada toolkit.`) meant a
# link by reference: its name is where the other items have their link.
_ITEM_REFERENCE = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(\[([^\[\]\n]+)\])(?=[ \t]+(?:-|–|—|:)[ \t])")
_CODE = re.compile(r"(`+)[^`\n]*?\1")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*\S", re.MULTILINE)


@rule(
    "AL506",
    "undefined-reference",
    "Reference link `[text][label]` whose label has no definition, so it renders as plain text",
    severity=Severity.ERROR,
    fix=Applicability.NONE,
    tags=("links",),
)
def undefined_reference(ctx: Context) -> list[Diagnostic]:
    defined = frozenset(_defined_labels(ctx.document.text))
    depends = (defined, front_matter_end(ctx.document))
    return rescanned(ctx, lambda parts: _scan(ctx, defined, parts), depends)


def _scan(ctx: Context, defined: frozenset[str], parts: Sequence[tuple[int, int]]) -> Iterator[Diagnostic]:
    """The findings on the lines that start in the ``parts`` of the text."""
    # Two bracketed tags side by side (`[2024-05][ACL 2024]`) read as a reference only in a list
    # that writes references; `[text][]` is one wherever it is.
    uses_references = bool(defined)
    linked: list[tuple[int, int]] | None = None  # at the first reference (most lists write none)
    verbatim: set[int] | None = None  # at the first line with a bracket
    for line in lines_in(ctx.document, parts):
        if "[" not in line.text:
            continue
        if verbatim is None:
            verbatim = verbatim_lines(ctx.document)
        if line.number in verbatim:
            continue
        item = _ITEM_REFERENCE.match(line.text)
        if item is not None and item[2].casefold() not in defined:
            at = line.start + item.start(1)
            message = f"`{item[1]}` is written as a reference link, but `[{item[2]}]` is defined nowhere"
            yield ctx.report(ctx.span(at, line.start + item.end(1)), message)
        if "][" not in line.text:
            continue
        text = _CODE.sub(lambda code: " " * len(code[0]), line.text)
        for match in _REFERENCE.finditer(text):
            at = line.start + match.start()
            if linked is None:
                linked = _linked(ctx, parts)
            inside = bisect.bisect_right(linked, (at, len(ctx.document.text))) - 1
            if inside >= 0 and linked[inside][0] <= at < linked[inside][1]:
                continue
            if (match[2] and not uses_references) or match[0].startswith("[^"):
                continue  # two tags side by side, or footnotes (`[^1][^2]`)
            label = match[2] or match[1]
            message = f"`{match[0]}` refers to `[{label}]`, which is defined nowhere: it shows as plain text"
            yield ctx.report(ctx.span(at, line.start + match.end()), message)


def _linked(ctx: Context, parts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the links that overlap ``parts`` start and end, in order."""
    links = ctx.document.links
    if not whole(ctx.document, parts):
        overlaps = overlapping(parts)
        links = [link for link in links if overlaps(link.span.start, link.span.end)]
    return sorted((link.span.start, link.span.end) for link in links)


def _defined_labels(text: str) -> set[str]:
    """The labels of the link reference definitions of ``text``, casefolded: only the lines that
    hold `]:` are tried (a definition's pattern from each line's start costs more than one scan)."""
    labels = set()
    at = text.find("]:")
    while at >= 0:
        definition = _DEFINITION.match(text, text.rfind("\n", 0, at) + 1)
        if definition is not None:
            labels.add(definition[1].casefold())
        line_end = text.find("\n", at)
        at = text.find("]:", line_end) if line_end >= 0 else -1
    return labels
