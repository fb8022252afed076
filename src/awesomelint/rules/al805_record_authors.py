from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@rule(
    "AL805",
    "record-authors",
    "The authors differ from the bibliographic record's: missing, extra, misspelled or reordered "
    "(with --verify)",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("verify", "network", "authors"),
)
def record_authors(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.records is None:
        return
    from ..evidence.matching import author_differences
    from ..evidence.records import as_markdown, plain
    from ._records import verified

    for entry, outcome in verified(ctx, "matched"):
        record, authors = outcome.record, entry.authors
        if record is None or authors is None:
            continue
        found = author_differences(authors.names, record, authors.et_al)
        if not found:
            continue
        parts = []
        if found.misspelled:
            parts.append(
                "misspelled " + ", ".join(f"`{word}` (`{right}`)" for _, word, right in found.misspelled)
            )
        if found.missing:
            parts.append("missing " + ", ".join(f"`{name}`" for name in found.missing))
        if found.extra:
            parts.append("not in the record " + ", ".join(f"`{name}`" for name in found.extra))
        if found.reordered:
            parts.append("in another order than the record's")
        message = f"authors differ from {record.identifier}: " + "; ".join(parts)
        edits = []
        inner = authors.inner
        for _, word, right in found.misspelled:
            place = next((m for m in _WORD.finditer(inner.raw) if plain(m[0]) == word), None)
            if place is not None:
                start = inner.span.start + place.start()
                edits.append(Edit(start, start + len(place[0]), as_markdown(right)))
        # Only misspellings are rewritten; a missing, extra or moved name is the maintainer's call.
        whole = edits and len(edits) == len(found.misspelled) and not (found.missing or found.extra)
        fix = ctx.fix("write the record's spelling", *edits) if whole else None
        yield ctx.report(authors.span, message, fix)
