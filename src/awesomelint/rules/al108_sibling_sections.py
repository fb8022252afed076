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
        if len(parents) < 3:
            continue
        names = {id(s): list(dict.fromkeys(c.text for c in s.children)) for s in parents}
        counts = Counter(name for s in parents for name in names[id(s)])
        common = [name for name, count in counts.items() if count * 2 > len(parents)]
        for section in parents:
            missing = [name for name in common if name not in names[id(section)]]
            if not missing:
                continue
            listed = ", ".join(f"`{name}`" for name in missing)
            most = min(counts[name] for name in missing)
            message = (
                f"section `{section.text}` lacks {listed}, which {most} of its {len(parents)} "
                "sibling sections have"
            )
            yield ctx.report(section.span, message)
