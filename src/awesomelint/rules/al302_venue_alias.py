from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule


@rule(
    "AL302",
    "venue-alias",
    "Non-canonical name of a known venue (`NIPS`, `Neurips`), or preprint servers mixed (`CoRR`/`arXiv`)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("venues", "consistency"),
)
def venue_alias(ctx: Context) -> Iterator[Diagnostic]:
    venues, preprint = ctx.settings.venues, ctx.style.preprint
    for entry in ctx.document.iter_entries():
        if entry.venue is None:
            continue
        name = entry.venue.name
        canonical = venues.canonical_name(name.text)
        if canonical is None:
            continue
        if preprint is not None and canonical in venues.preprints and canonical != preprint.value:
            target = preprint.value
            why = preprint.evidence(f"`{target}`", noun="preprint entries")
            message = f"`{name.text}` and `{target}` name the same preprint server; {why}"
        elif (alias := venues.alias_target(name.text)) is not None:
            target = alias
            kind = "a case variant" if alias.casefold() == name.text.casefold() else "another name"
            message = f"`{name.text}` is {kind} of `{alias}`"
        else:
            continue
        fix = ctx.fix(f"write `{target}`", Edit(name.span.start, name.span.end, target))
        yield ctx.report(name.span, message, fix)
