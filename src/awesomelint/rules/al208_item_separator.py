from __future__ import annotations

from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..model import Document, Entry
from ._classic import (
    CANONICAL,
    SEPARATOR_NAMES,
    Item,
    ItemConventions,
    counted_conventions,
    item_of,
    item_property,
)


def _reference(item: Item) -> bool:
    """Whether the item is a paper's reference whose fields go on past the separator (`[Name]:
    subtitle. Doe, Jane. arXiv:2001.00001`): there the colon is the reference's, no item separator."""
    entry = item.entry
    fields = (entry.title, entry.authors, entry.venue)
    return entry.kind == "paper" and any(
        field is not None and field.span.start >= item.separator_end for field in fields
    )


_SEPARATORS = "item separators"


@item_property(_SEPARATORS)
def _separator(document: Document, item: Item) -> str | None:
    return item.separator or None


def _conventions(ctx: Context) -> ItemConventions:
    return counted_conventions(ctx.document, _SEPARATORS)


@entry_rule(
    "AL208",
    "item-separator",
    "Classic item whose name and description are separated unlike the list's other items",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "classic"),
    tally=_conventions,
    cites_counts=True,
    decisive=ItemConventions.decisive,
)
def item_separator(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    item = item_of(ctx.document, entry)
    got = item.separator if item is not None else None
    conventions: ItemConventions = ctx.tally
    convention = conventions.of(entry.section_path) if got else None
    if item is None or not got or convention is None or got == convention.value or _reference(item):
        return ()
    span = ctx.span(item.separator_start, item.separator_end)
    if got == "missing":
        span = ctx.span(item.name_end, item.description_start)
    wanted = SEPARATOR_NAMES[convention.value]
    message = (
        f"{SEPARATOR_NAMES[got]} between name and description; {convention.evidence(wanted, 'items', 'use')}"
    )
    fix = None
    if got != "missing" and convention.value in CANONICAL:
        edit = Edit(item.separator_start, item.separator_end, CANONICAL[convention.value])
        fix = ctx.fix(f"write {wanted}", edit)
    return (ctx.report(span, message, fix),)
