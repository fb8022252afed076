from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ._sections import sibling_groups


@rule(
    "AL108",
    "sibling-sections",
    "Sibling sections hold different sets of sub-sections",
    severity=Severity.INFO,
    fix=Applicability.NONE,
    tags=("structure",),
)
def sibling_sections(ctx: Context) -> Iterator[Diagnostic]:
    for group in sibling_groups(ctx.document):
        parents = [s for s in group if s.children]
        if len(parents) < 4:
            continue
        names = {id(s): frozenset(c.text for c in s.children) for s in parents}
        template, count = Counter(names.values()).most_common(1)[0]
        # Only a list whose categories follow one template (the same sub-sections in nearly every
        # one) is judged; categories that each have their own sub-sections are no template.
        if count < 3 or count < 0.75 * len(parents):
            continue
        in_order = [
            name for name in dict.fromkeys(c.text for p in parents for c in p.children) if name in template
        ]
        for section in parents:
            missing = [name for name in in_order if name not in names[id(section)]]
            if not missing:
                continue
            listed = ", ".join(f"`{name}`" for name in missing)
            message = (
                f"section `{section.text}` lacks {listed}, which {count} of its {len(parents)} "
                "sibling sections have (they all have the same sub-sections)"
            )
            yield ctx.report(section.span, message)
