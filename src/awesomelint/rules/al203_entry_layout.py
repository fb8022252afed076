from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..style import entry_layout, within
from ._layout import Template, rewrite


@rule(
    "AL203",
    "entry-layout",
    "Entry's field order or layout differs from the list's dominant one",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("entries", "consistency"),
)
def entry_layout_rule(ctx: Context) -> Iterator[Diagnostic]:
    dominant = ctx.style.layout
    if dominant is None or ctx.style.entry_count < 3:
        return
    text = ctx.document.text
    template = Template.from_entries(text, list(ctx.document.iter_entries()), dominant.value)
    for entry in ctx.document.iter_entries():
        if entry.title is None or entry.marker == "table":
            continue  # a table's columns fix its layout
        layout = entry_layout(entry)
        if within(layout, dominant.value):
            continue
        message = f"entry laid out as `{layout}`; {dominant.evidence(f'`{dominant.value}`', verb='use')}"
        edit = rewrite(text, entry, template) if template else None
        fix = ctx.fix(f"rewrite the entry as `{dominant.value}`", edit) if edit else None
        yield ctx.report(entry.span, message, fix)
