from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..model import STRUCTURED_MARKERS, Entry
from ..style import within
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
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in ctx.document.iter_entries():
        # A table's columns, or a heading over field bullets, fix an entry's layout.
        if entry.title is not None and entry.marker not in STRUCTURED_MARKERS:
            groups.setdefault((entry.kind, ctx.style.group(entry)), []).append(entry)
    for key, group in groups.items():
        dominant = ctx.style.layouts.get(key)
        if dominant is None or dominant.total < 3:
            continue
        template = Template.from_entries(text, group, dominant.value, ctx.style.layout)
        noun = "papers" if key[0] == "paper" else "resources"
        agrees: dict[str, bool] = {}  # a list uses few layouts: each is compared once
        for entry in group:
            layout = ctx.style.layout(entry)
            if layout not in agrees:
                agrees[layout] = within(layout, dominant.value)
            if agrees[layout]:
                continue
            evidence = dominant.evidence(f"`{dominant.value}`", noun=noun, verb="use")
            message = f"entry laid out as `{layout}`; {evidence}"
            edit = rewrite(text, entry, template) if template else None
            fix = ctx.fix(f"rewrite the entry as `{dominant.value}`", edit) if edit else None
            yield ctx.report(entry.span, message, fix)
