from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._classic import Conventions, Item, description, items

_ONLY_CODE = re.compile(r"(?:\s*`+[^`\n]*`+)+[\s.!?…]*")


def _content(ctx: Context, item: Item) -> str | None:
    if not item.separator or item.separator == "missing":
        return None
    text = description(ctx.document, item).strip()
    if not text:
        return "empty"
    return "code" if _ONLY_CODE.fullmatch(text) else "prose"


@rule(
    "AL212",
    "empty-description",
    "Classic item whose separator is followed by nothing, or by code only where the list describes",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("entries", "classic"),
)
def empty_description(ctx: Context) -> Iterator[Diagnostic]:
    found = items(ctx.document)
    conventions = Conventions(found, lambda item: _content(ctx, item))
    for item in found:
        content = _content(ctx, item)
        if content == "empty":
            span = ctx.span(item.separator_start, item.separator_end)
            mark = ctx.document.text[item.separator_start : item.separator_end].strip()
            yield ctx.report(span, f"`{mark}` after the name, then no description")
        elif content == "code" and (convention := conventions.of(item)) and convention.value == "prose":
            span = ctx.span(item.description_start, item.description_end)
            message = "the description is only code; " + convention.evidence(
                "a description in words", "items", "give"
            )
            yield ctx.report(span, message)
