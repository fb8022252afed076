from __future__ import annotations

import functools
from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..entry_facts import fact_getter
from ..model import STRUCTURED_MARKERS, Entry
from ..style import laid_out, within
from ._layout import Template, rewrite


def _templates(ctx: Context) -> dict[tuple[str, str], Template | None]:
    """Each judged group's (entry kind, style group) template: the separators of the first entry
    laid out the dominant way that gives one, to rewrite the others by. (The entries' groups and
    layouts as the style read them: a table's row or a heading over field bullets has none, its
    columns or bullets fix an entry's layout.)"""
    document = ctx.document
    template_of = fact_getter(document, "AL203 template", functools.partial(Template.of_entry, document.text))
    judged = {key: dominant.value for key, dominant in ctx.style.layouts.items() if dominant.total >= 3}
    templates: dict[tuple[str, str], Template | None] = dict.fromkeys(judged)
    # (only the entries laid out the dominant way are looked at: most of the list in a C pass)
    for entry, key in laid_out(document, ctx.settings.venues, judged):
        if templates[key] is None and (template := template_of(entry)) is not None:
            templates[key] = template
    return templates


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
def entry_layout_rule(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    if entry.title is None or entry.marker in STRUCTURED_MARKERS:
        return ()
    key = (entry.kind, ctx.style.group(entry))
    templates: dict[tuple[str, str], Template | None] = ctx.tally
    dominant = ctx.style.layouts.get(key)
    if key not in templates or dominant is None:
        return ()  # no dominant layout, or too few entries to judge by
    layout = ctx.style.layout(entry)
    if within(layout, dominant.value):
        return ()
    template = templates[key]
    noun = "papers" if key[0] == "paper" else "resources"
    evidence = dominant.evidence(f"`{dominant.value}`", noun=noun, verb="use")
    message = f"entry laid out as `{layout}`; {evidence}"
    edit = rewrite(ctx.document.text, entry, template) if template else None
    fix = ctx.fix(f"rewrite the entry as `{dominant.value}`", edit) if edit else None
    return (ctx.report(entry.span, message, fix),)
