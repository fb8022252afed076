from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._classic import Conventions, Item, description, items


def _spacing(ctx: Context, item: Item) -> str | None:
    if not item.separator or item.separator == "missing" or not description(ctx.document, item).strip():
        return None  # an empty description is AL212's finding
    return ctx.document.text[item.separator_start : item.separator_end]


def _what(raw: str) -> str:
    if any(char not in " \t-–—:|" for char in raw):
        return "a non-breaking or other special space"
    if "  " in raw or "\t" in raw:
        return "a double space"
    return "a missing space"


@rule(
    "AL209",
    "separator-spacing",
    "Classic item separator with a double, missing or non-breaking space, unlike the list's others",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("entries", "classic", "whitespace"),
)
def separator_spacing(ctx: Context) -> Iterator[Diagnostic]:
    found = items(ctx.document)
    conventions = Conventions(found, lambda item: _spacing(ctx, item))
    for item, got, convention in conventions.deviations():
        if "".join(got.split()).strip("\u200b") != convention.value.strip():
            continue  # another separator altogether: AL208's finding
        message = (
            f"{_what(got)} around the separator `{got.strip()}`; "
            f"{convention.evidence(f'`{convention.value}`', 'items', 'use')}"
        )
        fix = ctx.fix(
            f"write `{convention.value}`", Edit(item.separator_start, item.separator_end, convention.value)
        )
        yield ctx.report(ctx.span(item.separator_start, item.separator_end), message, fix)
