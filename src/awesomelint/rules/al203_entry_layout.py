from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..entry_facts import each_fact, fact
from ..model import STRUCTURED_MARKERS, Document, Entry
from ..style import within
from ._layout import Template, rewrite


def _templates(ctx: Context) -> dict[tuple[str, str], Template | None]:
    """Each judged group's (entry kind, style group) template: the separators of the first entry
    laid out the dominant way that gives one, to rewrite the others by."""
    document, text, style = ctx.document, ctx.document.text, ctx.style
    layouts = style.layouts

    def placed(entry: Entry) -> tuple[tuple[str, str], str] | None:
        """The entry's group and layout; None for a table's row or a heading over field bullets (their
        columns or bullets fix an entry's layout)."""
        if entry.title is None or entry.marker in STRUCTURED_MARKERS:
            return None
        return (entry.kind, style.group(entry)), style.layout(entry)

    templates: dict[tuple[str, str], Template | None] = {}
    settled: set[tuple[str, str]] = set()  # the groups judged by no template, or whose one is found
    for entry, found in each_fact(document, "AL203 group and layout", placed):
        if found is None or found[0] in settled:
            continue
        key, layout = found
        dominant = layouts.get(key)
        if dominant is None or dominant.total < 3:
            settled.add(key)
            continue
        templates.setdefault(key, None)
        if layout == dominant.value and (template := _template_of(document, text, entry)) is not None:
            templates[key] = template
            settled.add(key)
    return templates


def _template_of(document: Document, text: str, entry: Entry) -> Template | None:
    return fact(document, "AL203 template", entry, lambda e: Template.of_entry(text, e))


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
