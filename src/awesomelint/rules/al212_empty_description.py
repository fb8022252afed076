from __future__ import annotations

import re
from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..model import Document, Entry
from ._classic import Item, ItemConventions, counted_conventions, description, item_of, item_property

_ONLY_CODE = re.compile(r"(?:\s*`+[^`\n]*`+)+[\s.!?…]*")


_CONTENTS = "description contents"


@item_property(_CONTENTS)
def _content(document: Document, item: Item) -> str | None:
    if not item.separator or item.separator == "missing":
        return None
    text = description(document, item).strip()
    if not text:
        return "empty"
    return "code" if _ONLY_CODE.fullmatch(text) else "prose"


def _conventions(ctx: Context) -> ItemConventions:
    return counted_conventions(ctx.document, _CONTENTS)


@entry_rule(
    "AL212",
    "empty-description",
    "Classic item whose separator is followed by nothing, or by code only where the list describes",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("entries", "classic"),
    tally=_conventions,
    cites_counts=True,
    decisive=ItemConventions.decisive,
)
def empty_description(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    item = item_of(ctx.document, entry)
    content = _content(ctx.document, item) if item is not None else None
    if item is None or content not in ("empty", "code"):
        return ()
    conventions: ItemConventions = ctx.tally
    if content == "empty":
        span = ctx.span(item.separator_start, item.separator_end)
        mark = ctx.document.text[item.separator_start : item.separator_end].strip()
        return (ctx.report(span, f"`{mark}` after the name, then no description"),)
    elif (convention := conventions.of(entry.section_path)) and convention.value == "prose":
        span = ctx.span(item.description_start, item.description_end)
        message = "the description is only code; " + convention.evidence(
            "a description in words", "items", "give"
        )
        return (ctx.report(span, message),)
    return ()
