from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import cast

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rescanned, rule
from ..entry_facts import carried, carry, keeps_facts, read_again
from ..model import Document, Link
from ._lines import front_matter_end, lines_in, link_start, overlapping, verbatim_lines, whole

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
    defined = _defined(ctx.document)
    depends = (defined, front_matter_end(ctx.document))
    return rescanned(ctx, lambda parts: _scan(ctx, defined, parts), depends)


def _scan(ctx: Context, defined: frozenset[str], parts: Sequence[tuple[int, int]]) -> Iterator[Diagnostic]:
    """The findings on the lines that start in the ``parts`` of the text."""
    # Two bracketed tags side by side (`[2024-05][ACL 2024]`) read as a reference only in a list
    # that writes references; `[text][]` is one wherever it is.
    uses_references = bool(defined)
    linked: list[Link] | None = None  # at the first reference (most lists write none)
    verbatim: frozenset[int] | None = None  # at the first line with a bracket
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
            if _in_link(linked, at):
                continue
            if (match[2] and not uses_references) or match[0].startswith("[^"):
                continue  # two tags side by side, or footnotes (`[^1][^2]`)
            label = match[2] or match[1]
            message = f"`{match[0]}` refers to `[{label}]`, which is defined nowhere: it shows as plain text"
            yield ctx.report(ctx.span(at, line.start + match.end()), message)


def _linked(ctx: Context, parts: Sequence[tuple[int, int]]) -> list[Link]:
    """The links that overlap ``parts``, in order (the document's links are, by their starts)."""
    links = ctx.document.links
    if not whole(ctx.document, parts):
        overlaps = overlapping(parts)
        links = [link for link in links if overlaps(link.span.start, link.span.end)]
    return links


def _in_link(linked: list[Link], at: int) -> bool:
    """Whether ``at`` lies in the link of ``linked`` that starts last at or before it (of several
    that start there, the one that ends last)."""
    inside = bisect.bisect_right(linked, at, key=link_start) - 1
    if inside < 0:
        return False
    start, end = linked[inside].span.start, linked[inside].span.end
    while inside > 0 and linked[inside - 1].span.start == start:  # (seldom: one start, two links)
        inside -= 1
        end = max(end, linked[inside].span.end)
    return at < end


_LABELS = "AL506 (defined labels)"


def _defined(document: Document) -> frozenset[str]:
    """The labels defined in the document's text (`_defined_labels`). After an edit read again in
    parts (`entry_facts.read_again`), the earlier run's count of them, less those of the parts as
    they were, and with those of the parts as they are (a definition is one line: the lines outside
    the parts are the earlier ones)."""
    text = document.text
    if not keeps_facts(document):
        return frozenset(_defined_labels(text, 0, len(text)))
    earlier, again = carried(document, _LABELS), read_again(document)
    if earlier is not None and again is not None and earlier[0] == again[0]:
        counted = cast("Counter[str]", earlier[1]).copy()
        shift = 0  # how far the text before the part moved
        for start, end, after in again[1]:
            counted.subtract(_defined_labels(again[0], start, end))
            counted.update(_defined_labels(text, start + shift, end + after))
            shift = after
        counted = +counted  # (the labels no longer defined dropped)
    else:
        counted = Counter(_defined_labels(text, 0, len(text)))
    carry(document, _LABELS, counted)
    return frozenset(counted)


def _defined_labels(text: str, start: int, end: int) -> list[str]:
    """The labels of the link reference definitions on the lines of ``text[start:end]`` (whole
    lines), casefolded, once per definition: only the lines that hold `]:` are tried (a definition's
    pattern from each line's start costs more than one scan)."""
    labels = []
    at = text.find("]:", start, end)
    while at >= 0:
        definition = _DEFINITION.match(text, text.rfind("\n", 0, at) + 1)
        if definition is not None:
            labels.append(definition[1].casefold())
        line_end = text.find("\n", at, end)
        at = text.find("]:", line_end, end) if line_end >= 0 else -1
    return labels
