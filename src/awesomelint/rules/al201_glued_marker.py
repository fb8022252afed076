from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..model import Entry
from ._lines import lines


def _edits(ctx: Context, entry: Entry) -> list[Edit]:
    """Insert the space, and indent the entry's later lines so they stay inside the list item."""
    marker = entry.marker_span
    indent = " " * (marker.end - marker.start + 1)
    edits = [Edit(marker.end, marker.end, " ")]
    for line in lines(ctx.document)[entry.span.start_line : entry.span.end_line]:
        if line.text.strip():
            stripped = len(line.text) - len(line.text.lstrip(" \t"))
            edits.append(Edit(line.start, line.start + stripped, indent))
    return edits


@rule(
    "AL201",
    "glued-marker",
    "Entry number glued to its text (`1.**Title**`), so Markdown renders no list",
    severity=Severity.ERROR,
    fix=Applicability.SAFE,
    tags=("entries", "markdown"),
)
def glued_marker(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.document.iter_entries():
        if entry.marker != "glued":
            continue
        marker = ctx.document.text[entry.marker_span.start : entry.marker_span.end]
        message = (
            f"no space after `{marker}`: Markdown shows this entry as a plain paragraph, not a list item"
        )
        yield ctx.report(entry.marker_span, message, ctx.fix(f"write `{marker} `", *_edits(ctx, entry)))
