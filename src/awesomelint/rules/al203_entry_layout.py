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
    text = ctx.document.text
    entries = list(ctx.document.iter_entries())
    for kind, dominant in ctx.style.layouts.items():
        if dominant.total < 3:
            continue
        group = [entry for entry in entries if entry.kind == kind]
        template = Template.from_entries(text, group, dominant.value)
        noun = "papers" if kind == "paper" else "resources"
        for entry in group:
            if entry.title is None or entry.marker == "table":
                continue  # a table's columns fix its layout
            layout = entry_layout(entry)
            if within(layout, dominant.value):
                continue
            evidence = dominant.evidence(f"`{dominant.value}`", noun=noun, verb="use")
            message = f"entry laid out as `{layout}`; {evidence}"
            edit = rewrite(text, entry, template) if template else None
            fix = ctx.fix(f"rewrite the entry as `{dominant.value}`", edit) if edit else None
            yield ctx.report(entry.span, message, fix)
