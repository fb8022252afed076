from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..entry_facts import reused
from ..model import Section
from ._anchors import near
from ._contents import contents, words
from ._sections import sibling_groups

_MIN_SCOPE = 5


def _has_entries(section: Section) -> bool:
    return any(s.entries for s in section.walk())


@rule(
    "AL109",
    "contents-omission",
    "Section that the table of contents leaves out while it lists the sections around it",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("structure", "contents"),
)
def contents_omission(ctx: Context) -> Iterator[Diagnostic]:
    rows, broken = contents(ctx.document)
    if not rows:
        return
    listed = {id(row.section) for row in rows}
    # A row whose link is broken still lists the section its text names, or nearly names (AL103's
    # or AL105's finding: `2. Additive` for `Addictive`).
    named = [words(anchor.text) for anchor in broken]
    # The sections the contents answer for: in each set of siblings of which they list any, those
    # after the contents; at the contents' top level (or above), after the last listed only those with entries
    # (a closing `License` or `Contributing` is often left out on purpose).
    after = rows[0].anchor.span.start
    top = rows[0].section
    scope: list[Section] = []
    for group in sibling_groups(ctx.document):
        indexes = [i for i, section in enumerate(group) if id(section) in listed]
        if not indexes:
            continue
        last = indexes[-1] + 1 if group[0].level <= top.level else len(group)
        scope.extend(s for s in group[:last] if s.span.start > after)
        scope.extend(s for s in group[last:] if _has_entries(s))
    unlisted = [s for s in scope if id(s) not in listed]
    headings = tuple([words(s.text) for s in unlisted])
    named_of = reused(
        ctx.document,
        "contents: unlisted sections that broken rows name",
        (tuple(named), headings),
        lambda: [any(text == heading or near(text, heading) for text in named) for heading in headings],
    )
    left_out = [s for s, named_by_row in zip(unlisted, named_of, strict=True) if not named_by_row]
    shown = len(scope) - len(left_out)
    if len(scope) < _MIN_SCOPE or shown < 0.8 * len(scope):
        return  # the contents list a selection, not every section
    for section in left_out:
        message = (
            f"`{section.text}` is not in the table of contents (line {rows[0].anchor.span.start_line}), "
            f"which lists {shown} of the {len(scope)} sections around it"
        )
        yield ctx.report(section.span, message)
