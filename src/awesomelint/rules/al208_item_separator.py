from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._classic import CANONICAL, SEPARATOR_NAMES, Conventions, Item, items


def _reference(item: Item) -> bool:
    """Whether the item is a paper's reference whose fields go on past the separator (`[Name]:
    subtitle. Doe, Jane. arXiv:2001.00001`): there the colon is the reference's, no item separator."""
    entry = item.entry
    fields = (entry.title, entry.authors, entry.venue)
    return entry.kind == "paper" and any(
        field is not None and field.span.start >= item.separator_end for field in fields
    )


@rule(
    "AL208",
    "item-separator",
    "Classic item whose name and description are separated unlike the list's other items",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "classic"),
)
def item_separator(ctx: Context) -> Iterator[Diagnostic]:
    found = items(ctx.document)
    conventions = Conventions(found, lambda item: item.separator or None)
    for item, got, convention in conventions.deviations():
        if _reference(item):
            continue
        span = ctx.span(item.separator_start, item.separator_end)
        if got == "missing":
            span = ctx.span(item.name_end, item.description_start)
        wanted = SEPARATOR_NAMES[convention.value]
        message = (
            f"{SEPARATOR_NAMES[got]} between name and description; "
            f"{convention.evidence(wanted, 'items', 'use')}"
        )
        fix = None
        if got != "missing" and convention.value in CANONICAL:
            edit = Edit(item.separator_start, item.separator_end, CANONICAL[convention.value])
            fix = ctx.fix(f"write {wanted}", edit)
        yield ctx.report(span, message, fix)
