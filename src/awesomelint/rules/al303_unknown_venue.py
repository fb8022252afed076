from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule


@rule(
    "AL303",
    "unknown-venue",
    "Venue in neither the built-in venue list nor the configured ones",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("venues",),
)
def unknown_venue(ctx: Context) -> Iterator[Diagnostic]:
    for entry in ctx.document.iter_entries():
        if entry.venue is None or entry.kind != "paper":
            continue
        if ctx.settings.venues.is_known(entry.venue.name.text):
            continue
        name = entry.venue.name.text
        message = (
            f"`{name}` is not a known venue; correct it, or add it to `venues.known` in the configuration"
        )
        yield ctx.report(entry.venue.name.span, message)
