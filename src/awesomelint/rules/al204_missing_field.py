from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..model import Entry
from ..read.kinds import is_paper_url
from ._leftover import may_hold_names


@dataclass
class MissingFieldOptions:
    threshold: float = 0.9  # the share of entries that must have a field before its absence is a slip


_FIELDS = {"title": "a title", "venue": "a venue", "authors": "authors", "link": "a link"}


def _links_to_a_paper(entry: Entry) -> bool:
    return any(link.role in ("title", "paper") and is_paper_url(link.url) for link in entry.links)


def _list_fields(ctx: Context) -> Counter[str]:
    """How many of the list's papers there are and how many give each field, over all its parts
    (added up once per run: a list has hundreds of parts)."""
    return sum(ctx.style.field_counts.values(), Counter())


def _given_across_the_list(ctx: Context, name: str, threshold: float) -> bool:
    """Whether the list's papers as a whole, not only the part that ``ctx``'s entry is in, give the
    field (asked only of an entry that lacks it, in a part where most papers give it)."""
    counts: Counter[str] = ctx.tally
    return counts[name] >= threshold * counts["papers"]


@entry_rule(
    "AL204",
    "missing-field",
    "Paper lacks a field (title, venue, authors, link) that most of the list's papers have",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("entries", "consistency"),
    options=MissingFieldOptions,
    tally=_list_fields,
)
def missing_field(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    if entry.kind != "paper" or (entry.title and entry.venue and entry.authors and entry.own_links):
        return ()  # (most papers give every field)
    threshold: float = ctx.options.threshold
    counts = ctx.style.fields_of(entry)
    total = counts["papers"]
    if total < 3:
        return ()
    present = {
        "title": entry.title,
        "venue": entry.venue,
        "authors": entry.authors,
        "link": entry.own_links,
    }
    found: list[Diagnostic] = []
    for name, label in _FIELDS.items():
        if present[name] or counts[name] < threshold * total:
            continue
        if name == "venue" and not _links_to_a_paper(entry):
            continue  # a blog post or a company's report among papers has no venue to give
        if name == "title" and entry.marker == "table":
            continue  # a table row with `-` in its name column: the table's choice
        if name in ("venue", "authors") and may_hold_names(ctx.document.text, entry):
            continue  # words the reader could not place may be this field, written unusually
        if not _given_across_the_list(ctx, name, threshold):
            continue  # a part that gives it mostly, in a list where it is optional (a list's habit)
        message = f"entry has no {name}; {counts[name]} of {total} papers like it have {label}"
        found.append(ctx.report(entry.span, message))
    return found
