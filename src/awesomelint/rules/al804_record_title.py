from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule


@rule(
    "AL804",
    "record-title",
    "The title differs from the bibliographic record's beyond case and punctuation: a typo, or a "
    "title changed since (with --verify)",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("verify", "network"),
)
def record_title(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.records is None:
        return
    from ..evidence.records import as_markdown, normalized_title
    from ._records import verified

    for entry, outcome in verified(ctx, "matched"):
        record, title = outcome.record, entry.title
        if record is None or title is None or normalized_title(title.text) == normalized_title(record.title):
            continue
        message = f"the title differs from {record.identifier}'s: `{record.title}`"
        # Only a title written as plain text is rewritten: markup inside it is the maintainer's.
        plain = title.raw == title.text and "\n" not in title.raw
        fix = ctx.fix(
            "write the record's title", Edit(title.span.start, title.span.end, as_markdown(record.title))
        )
        yield ctx.report(title.span, message, fix if plain else None)
