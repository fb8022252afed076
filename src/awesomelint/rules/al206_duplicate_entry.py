from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..model import Entry


def _key(title: str) -> str:
    return re.sub(r"[\W_]+", "", title.casefold())


@rule(
    "AL206",
    "duplicate-entry",
    "The same paper listed twice (titles compared ignoring case and punctuation)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("entries",),
)
def duplicate_entry(ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, Entry] = {}
    for entry in ctx.document.iter_entries():
        if entry.title is None or len(_key(entry.title.text)) < 4:
            continue
        first = seen.setdefault(_key(entry.title.text), entry)
        if first is entry:
            continue
        where = " > ".join(first.section_path[-2:]) or "the top"
        message = f"`{entry.title.text}` is already listed at line {first.span.start_line} (in {where})"
        yield ctx.report(entry.title.span, message)
