from __future__ import annotations

from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..model import Document, Entry
from ._classic import Item, ItemConventions, counted_conventions, description, item_of, item_property

_SPACINGS = "separator spacings"


@item_property(_SPACINGS)
def _spacing(document: Document, item: Item) -> str | None:
    if not item.separator or item.separator == "missing" or not description(document, item).strip():
        return None  # an empty description is AL212's finding
    if document.text[item.separator_end : item.separator_end + 1] in ("\n", "\r"):
        return None  # the description goes on on the next line: the line break is the space after it
    return document.text[item.separator_start : item.separator_end]


def _conventions(ctx: Context) -> ItemConventions:
    return counted_conventions(ctx.document, _SPACINGS)


def _what(raw: str) -> str:
    if any(char not in " \t-–—:|" for char in raw):
        return "a non-breaking or other special space"
    if "  " in raw or "\t" in raw:
        return "a double space"
    return "a missing space"


@entry_rule(
    "AL209",
    "separator-spacing",
    "Classic item separator with a double, missing or non-breaking space, unlike the list's others",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "classic", "whitespace"),
    tally=_conventions,
    cites_counts=True,
    decisive=ItemConventions.decisive,
)
def separator_spacing(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    item = item_of(ctx.document, entry)
    got = _spacing(ctx.document, item) if item is not None else None
    conventions: ItemConventions = ctx.tally
    convention = conventions.of(entry.section_path) if got is not None else None
    if item is None or got is None or convention is None or got == convention.value:
        return ()
    if "".join(got.split()).strip("\u200b") != convention.value.strip():
        return ()  # another separator altogether: AL208's finding
    message = (
        f"{_what(got)} around the separator `{got.strip()}`; "
        f"{convention.evidence(f'`{convention.value}`', 'items', 'use')}"
    )
    fix = ctx.fix(
        f"write `{convention.value}`", Edit(item.separator_start, item.separator_end, convention.value)
    )
    return (ctx.report(ctx.span(item.separator_start, item.separator_end), message, fix),)
