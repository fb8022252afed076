from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..entry_facts import fact_lists, reused, tallied
from ..model import Entry
from ..style import counted_majority


@dataclass
class UnknownVenueOptions:
    report_all: bool = False  # also list, as info, every venue that is in no table


@rule(
    "AL303",
    "unknown-venue",
    "Unknown venue that looks like a misspelling of a known one (`NeurrIPS`) or unlike the list's venues",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("venues",),
    options=UnknownVenueOptions,
)
def unknown_venue(ctx: Context) -> Iterator[Diagnostic]:
    venues, document = ctx.settings.venues, ctx.document

    def named(entry: Entry) -> tuple[tuple[str, bool], ...]:
        """The paper's venue name and whether the venue is known (a fact of the entry)."""
        venue = entry.venue
        if entry.kind != "paper" or venue is None:
            return ()
        return ((venue.name.text, venues.is_known(venue.name.text)),)

    # (counted so between runs, kept up to date by the entries that came in and went out)
    said = tallied(document, "venues named", named)
    counted = Counter({name: count for (name, _), count in said.items() if count > 0})
    rare = {name for (name, known), count in said.items() if 0 < count < 3 and not known}
    if not rare:
        return  # no name to judge
    # each entry's name (a name has one value of `named`: its first in the list's order is the name's)
    entries, held = fact_lists(document, "venues named", named)
    frequent = [value[0][0] for value in dict.fromkeys(held) if value and counted[value[0][0]] >= 3]
    shape_of = {name: venue_shape(name) for name in counted}  # (a few names, written many times)
    shape_counts: Counter[str] = Counter()
    for name, count in counted.items():
        shape_counts[shape_of[name]] += count
    shapes = counted_majority(shape_counts)
    # each unknown name's near miss, kept between runs while the frequent names stay the same
    misses: dict[str, str | None] = reused(ctx.document, "venue near misses", tuple(frequent), dict)
    misses.update(venues.near_misses([name for name in rare if name not in misses], frequent))
    judged = {((name, False),) for name in rare}  # (a rare name is no known venue)
    for entry in compress(entries, map(judged.__contains__, held)):  # (the others: a known venue, a habit)
        assert entry.venue is not None
        name = entry.venue.name.text
        near = misses[name]
        shape = shape_of[name]
        if near is not None:
            yield ctx.report(entry.venue.name.span, f"`{name}` is not a known venue; did you mean `{near}`?")
        elif (
            shapes is not None
            and shape != shapes.value
            and _out_of_place(name, shape, shapes.count, shapes.total)
        ):
            evidence = shapes.evidence(_SHAPES[shapes.value], noun="venues", verb="are")
            message = f"`{name}` is not a known venue and is {_SHAPES[shape]}, unlike the list's ({evidence})"
            yield ctx.report(entry.venue.name.span, message)
        elif ctx.options.report_all:
            message = f"`{name}` is not a known venue; add it to `venues.known` in the configuration"
            yield ctx.report(entry.venue.name.span, message, severity=Severity.INFO)


_SHAPES = {
    "acronym": "a short name",
    "name": "a name of several words",
    "script": "written in another script",
}


_CITATION_STYLE = re.compile(
    r"\b(?:Trans|Transactions|J|Journal|Letters|Proc|Proceedings|Conf|Conference|Symposium|Int|Workshops?)\b|\w\.\s"
)


def _out_of_place(name: str, shape: str, count: int, total: int) -> bool:
    """Another script among Latin names; or a long name among short ones that is no abbreviated
    citation of a journal or proceedings (`IEEE Trans. Softw. Eng.` is a real venue written the
    citation tools' way, not a slip)."""
    if shape == "script":
        return count >= 0.75 * total
    return len(name.split()) >= 5 and count >= 0.9 * total and not _CITATION_STYLE.search(name)


@functools.lru_cache(maxsize=2**14)  # (asked for each venue name on each run)
def venue_shape(name: str) -> str:
    """How a venue's name is written: a short name (`ACL`, `NeurIPS`), several words (`Neural
    Computation`), or not in the Latin script."""
    letters = [char for char in name if char.isalpha()]
    if letters and not any(char.isascii() for char in letters):
        return "script"
    return "acronym" if len(name.split()) <= 2 and len(name) <= 16 else "name"
