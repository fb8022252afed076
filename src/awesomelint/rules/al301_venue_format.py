from __future__ import annotations

from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..model import STRUCTURED_MARKERS, Entry, Venue
from ..read.reread import changed_range
from ..style import MARKUP_WRAP, VENUE_SHAPES, venue_note, venue_punctuation, venue_shape

_SEPARATORS = {"apostrophe": "'", "space": " ", "comma": ", ", "paren": " (", "glued": ""}


def _rewrite(ctx: Context, entry: Entry, venue: Venue, markup: str, year_style: str) -> tuple[Edit, ...]:
    """The venue in the list's format, with punctuation moved out of the markup: the edits around
    its name, which stays as written (a fix of the name itself, its spelling or its full name,
    lands in the same pass)."""
    if venue.year is None:
        return ()
    if venue.markup in ("bold", "italic") and venue.raw.strip("*_ ")[:1] in "[(":
        return ()  # a tag in brackets before the title (`**[ICML, 2021 oral]** Title`): left as written
    title = entry.title
    after_title = (
        title is not None
        and title.span.end <= venue.span.start
        and not ctx.document.text[title.span.end : venue.span.start].strip()
    )
    if venue.markup == "bracket" and after_title:
        return ()  # `Title [NIPS 2022]`: without its brackets the venue would read as the title's end
    if markup == "plain" and venue.markup != "plain" and _bound_by_markup(ctx, entry, venue):
        return ()
    opening, closing = MARKUP_WRAP[markup]
    year = venue.year.text + (")" if year_style == "paren" else "")
    punctuation = venue_punctuation(venue)
    following = ctx.document.text[venue.span.end : venue.span.end + len(punctuation)]
    outside = "" if not punctuation or following == punctuation else punctuation
    between = ctx.document.text[venue.name.span.end : venue.year.span.start]
    # A month between the name and the year (`CVPR, June 2025`) is the entry's date: kept as written.
    separator = between if venue.dated else _SEPARATORS[year_style]
    rest = f"{separator}{year}{venue_note(venue)}{closing}{outside}"
    document, name = ctx.document.text, venue.name.span
    if not venue.span.start <= name.start <= name.end <= venue.span.end or (
        document[name.start : name.end] != venue.name.text  # (a name read across a line break)
    ):
        text = f"{opening}{venue.name.text}{rest}"
        return (Edit(venue.span.start, venue.span.end, text),) if text != venue.raw else ()
    edits = (
        _narrowed(document, venue.span.start, name.start, opening),
        _narrowed(document, name.end, venue.span.end, rest),
    )
    return tuple(edit for edit in edits if edit is not None)


def _narrowed(text: str, start: int, end: int, replacement: str) -> Edit | None:
    """The edit that replaces ``text[start:end]`` with ``replacement``, without what the two share
    at either end; None when they are the same."""
    old = text[start:end]
    if old == replacement:
        return None
    change = changed_range(old, replacement)
    return Edit(
        start + change.start, start + change.end, replacement[change.start : change.start + change.length]
    )


def _bound_by_markup(ctx: Context, entry: Entry, venue: Venue) -> bool:
    """Whether only its markup makes ``venue`` one: plain text reads a venue as capitalised words and
    a year, so a note in parentheses (`Conference on Robot Learning (CoRL)`) or a leading ordinal
    (`6th Annual Conference`) would fall out of it, and after a title and a colon (`**Name**: *FAccT,
    Jun 2022*`) plain text reads as the title's rest (`**ImageGPT**: Generative Pretraining`)."""
    name = venue.name.text
    if "(" in name or not name[:1].isalpha():
        return True
    title = entry.title
    between = ctx.document.text[title.span.end : venue.span.start] if title is not None else ""
    return title is not None and title.span.end <= venue.span.start and between.strip(" \t*_") == ":"


@entry_rule(
    "AL301",
    "venue-format",
    "Venue written unlike the list's dominant pattern (punctuation inside, line break, year style, markup)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("venues", "consistency"),
    cites_counts=True,
)
def venue_format(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    style = ctx.style
    markup_style, year_style = style.venue_markup, style.venue_year
    venue = entry.venue
    if (
        venue is None
        or entry.kind != "paper"
        or entry.marker in STRUCTURED_MARKERS
        or venue.markup in ("badge", "link")
    ):
        return ()
    markup = markup_style.value if markup_style else venue.markup
    years = year_style.value if year_style else venue.year_style
    problems = []
    punctuation = venue_punctuation(venue)
    inside = style.venue_punctuation
    if punctuation and not (inside and inside.value == "yes"):
        evidence = f" ({inside.evidence('none there', noun='venues', verb='have')})" if inside else ""
        problems.append(f"`{punctuation}` inside the {venue.markup} markup{evidence}")
    if "\n" in venue.raw or "\r" in venue.raw:
        problems.append("a line break inside it")
    # In running text (`..., CVPR, 2015.`) the comma is the sentence's: only markup sets a year style.
    # A month before the year (`[TSE, July 2025]`) makes it a date, which is no year style.
    if (
        venue.year is not None
        and venue.year_style != years
        and year_style is not None
        and venue.markup != "plain"
        and not venue.dated
    ):
        shape = VENUE_SHAPES[years]
        problems.append(f"another year style ({year_style.evidence(f'`{shape}`')})")
    if venue.markup != markup and markup_style is not None:
        shown = venue_shape(markup, years)
        problems.append(f"{venue.markup} instead of {markup} markup ({markup_style.evidence(f'`{shown}`')})")
    if not problems:
        return ()
    shape = venue_shape(markup, years)
    message = f"venue `{' '.join(venue.raw.split())}` has {' and '.join(problems)}"
    edits = _rewrite(ctx, entry, venue, markup, years)
    return (
        ctx.report(venue.span, message, ctx.fix(f"write the venue as `{shape}`", *edits) if edits else None),
    )
