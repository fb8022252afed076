from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity, StartsEntry
from ..engine import Context, entry_rule
from ..model import Entry

# `3.**Title**` on a line of its own: in a tightly spaced list Markdown reads it as more text of the
# entry above, so the reader sees no entry there.
_GLUED_LINE = re.compile(r"[ \t]*(\d{1,9})\.(?=\*\*|\[|[^\W\d_])")
# The same after a line break, looked for in the entry's text at once: most entries have no such line.
_AFTER_BREAK = re.compile(r"[\r\n]" + _GLUED_LINE.pattern)


def _edits(ctx: Context, entry: Entry) -> list[Edit]:
    """Insert the space, and indent the entry's later lines so they stay inside the list item."""
    marker = entry.marker_span
    indent = " " * (marker.end - marker.start + 1)
    edits = [Edit(marker.end, marker.end, " ")]
    for line in ctx.document.source.lines_between(entry.span.start_line, entry.span.end_line):
        if line.text.strip():
            stripped = len(line.text) - len(line.text.lstrip(" \t"))
            edits.append(Edit(line.start, line.start + stripped, indent))
    return edits


@entry_rule(
    "AL201",
    "glued-marker",
    "Entry number glued to its text (`1.**Title**`), so Markdown renders no list",
    severity=Severity.ERROR,
    fix=Applicability.SAFE,
    tags=("entries", "markdown"),
    cites_line=True,
)
def glued_marker(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    number = entry.number if entry.marker in ("ordered", "glued") else None
    if entry.marker != "glued" and number is None:
        return ()  # (most entries)
    found: list[Diagnostic] = []
    if entry.marker == "glued":
        marker = ctx.document.text[entry.marker_span.start : entry.marker_span.end]
        message = (
            f"no space after `{marker}`: Markdown shows this entry as a plain paragraph, not a list item"
        )
        found.append(
            ctx.report(entry.marker_span, message, ctx.fix(f"write `{marker} `", *_edits(ctx, entry)))
        )
    if number is not None:
        found.extend(_glued_lines(ctx, entry, number))
    return found


def _glued_lines(ctx: Context, entry: Entry, number: int) -> Iterator[Diagnostic]:
    """Numbers glued to their text on the later lines of entry ``number``, next in its sequence."""
    text = ctx.document.text
    last_line_end = text.find("\n", entry.span.end)
    if _AFTER_BREAK.search(text, entry.span.start, len(text) if last_line_end < 0 else last_line_end) is None:
        return  # no later line starts with a number (and the lines need no look-up)
    expected = number + 1
    for line in ctx.document.source.lines_between(entry.span.start_line, entry.span.end_line):
        match = _GLUED_LINE.match(line.text)
        if match is None or int(match[1]) != expected:
            continue
        expected += 1
        end = line.start + match.end()
        marker = f"{match[1]}."
        message = (
            f"no space after `{marker}`: Markdown reads this line as more text of the entry "
            f"at line {entry.span.start_line}, not as entry {match[1]}"
        )
        # The line break before the number is rewritten too: it ends a paragraph now.
        start = line.start - 1
        edit = Edit(start, end, ctx.document.text[start:end] + " ")
        fix = ctx.fix(f"write `{marker} `", edit, intents=(StartsEntry(line.start),))
        yield ctx.report(ctx.span(end - len(marker), end), message, fix)
