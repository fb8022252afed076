from __future__ import annotations

from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..model import Entry
from ..style import author_period


@entry_rule(
    "AL402",
    "author-markup",
    "Author line marked up unlike the list's dominant way (`_..._` vs `*...*`; period inside the markup)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("authors", "consistency"),
    cites_counts=True,
)
def author_markup(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    authors = entry.authors
    if authors is None or entry.kind != "paper" or not authors.markup:
        return ()  # plain-text authors (a table column) have no markup to compare
    markup_style, period_style = ctx.style.author_markup, ctx.style.author_period
    text = ctx.document.text
    edits: list[Edit] = []
    problems: list[str] = []
    marker = authors.markup
    if markup_style is not None and marker != markup_style.value:
        wanted = markup_style.value
        shown = f"`{wanted}...{wanted}`"
        problems.append(f"`{marker}...{marker}`; {markup_style.evidence(shown, noun='author lines')}")
        width = len(marker)
        edits.append(Edit(authors.span.start, authors.span.start + width, wanted * width))
        edits.append(Edit(authors.span.end - width, authors.span.end, wanted * width))
    if period_style is not None and period_style.value == "outside" and author_period(entry) == "inside":
        evidence = period_style.evidence("it after", noun="author lines", verb="put")
        problems.append(f"its period inside the markup; {evidence}")
        inner = authors.inner
        period = inner.span.start + len(inner.raw.rstrip()) - 1
        edits.append(Edit(period, period + 1, ""))
        if text[authors.span.end : authors.span.end + 1] != ".":
            edits.append(Edit(authors.span.end, authors.span.end, "."))
    if problems:
        message = "author line written " + "; and ".join(problems)
        return (ctx.report(authors.span, message, ctx.fix("write the author line the list's way", *edits)),)
    return ()
