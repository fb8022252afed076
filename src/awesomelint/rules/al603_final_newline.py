from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..text import LINE_BREAK, line_ending


@rule(
    "AL603",
    "final-newline",
    "File does not end with exactly one newline",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("whitespace",),
)
def final_newline(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.document.text
    if not text or text.isspace():
        return
    newline = line_ending(text)
    # where the last content ends, from the text's tail (a copy of the whole text stripped costs a
    # pass over it)
    tail = text[-1024:]
    last = len(text) - len(tail) + len(tail.rstrip()) if tail.rstrip() else len(text.rstrip())
    # The end of the last line with content, its own trailing spaces included (those are AL601's).
    content_end = last + len(LINE_BREAK.split(text[last:], maxsplit=1)[0])
    ending = text[content_end:]
    if ending == newline:
        return
    if "\n" not in ending and "\r" not in ending:
        message = "the file does not end with a newline"
    else:
        message = "the file ends with blank lines"
    fix = ctx.fix("end the file with one newline", Edit(content_end, len(text), newline))
    yield ctx.report(ctx.span(content_end, len(text)), message, fix)
