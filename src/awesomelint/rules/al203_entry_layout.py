from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..entry_facts import fact
from ..model import STRUCTURED_MARKERS, Entry
from ..style import within
from ._layout import Template, rewrite


def _templates(ctx: Context) -> dict[tuple[str, str], Template | None]:
    """Each judged group's (entry kind, style group) template: the separators of an entry laid out
    the dominant way, to rewrite the others by."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in ctx.document.iter_entries():
        # A table's columns, or a heading over field bullets, fix an entry's layout.
        if entry.title is not None and entry.marker not in STRUCTURED_MARKERS:
            groups.setdefault((entry.kind, ctx.style.group(entry)), []).append(entry)
    document, text = ctx.document, ctx.document.text

    def template_of(entry: Entry) -> Template | None:
        return fact(document, "AL203 template", entry, lambda e: Template.of_entry(text, e))

    return {
        key: Template.from_entries(group, dominant.value, ctx.style.layout, template_of)
        for key, group in groups.items()
        if (dominant := ctx.style.layouts.get(key)) is not None and dominant.total >= 3
    }


@entry_rule(
    "AL203",
    "entry-layout",
    "Entry's field order or layout differs from the list's dominant one",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("entries", "consistency"),
    tally=_templates,
    cites_counts=True,
)
def entry_layout_rule(ctx: Context, entry: Entry) -> Iterator[Diagnostic]:
    if entry.title is None or entry.marker in STRUCTURED_MARKERS:
        return
    key = (entry.kind, ctx.style.group(entry))
    templates: dict[tuple[str, str], Template | None] = ctx.tally
    dominant = ctx.style.layouts.get(key)
    if key not in templates or dominant is None:
        return  # no dominant layout, or too few entries to judge by
    layout = ctx.style.layout(entry)
    if within(layout, dominant.value):
        return
    template = templates[key]
    noun = "papers" if key[0] == "paper" else "resources"
    evidence = dominant.evidence(f"`{dominant.value}`", noun=noun, verb="use")
    message = f"entry laid out as `{layout}`; {evidence}"
    edit = rewrite(ctx.document.text, entry, template) if template else None
    fix = ctx.fix(f"rewrite the entry as `{dominant.value}`", edit) if edit else None
    yield ctx.report(entry.span, message, fix)
