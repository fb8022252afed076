from __future__ import annotations

import re
from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..model import Entry
from ..venues import INTERCHANGEABLE_PREPRINTS

# A new-style arXiv identifier (since April 2007): `YYMM.NNNN` or `YYMM.NNNNN`, in an abs/pdf/html URL.
_ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{2})(\d{2})\.\d{4,5}", re.IGNORECASE)
# A year and a month in a date: `2023.10`, `2023/10`, `2023-10`, `10/2023`, `Oct 2023`, `7 Oct 2023`.
_NUMERIC = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[./-](\d{1,2})(?!\d)|(?<!\d)(\d{1,2})[./-]((?:19|20)\d{2})(?!\d)"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NAMED = re.compile(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?,?\s+(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def arxiv_month(entry: Entry) -> tuple[int, int] | None:
    """The year and month of the entry's own arXiv paper (`2203.01234` is March 2022), or None
    when it links none or several."""
    found: tuple[int, int] | None = None
    for link in entry.links:
        if link.role in ("title", "paper"):
            for match in _ARXIV_ID.finditer(link.url):
                posted = (2000 + int(match[1]), int(match[2]))
                if found is not None and posted != found:
                    return None  # two papers
                found = posted
    if found is None:
        return None
    year, month = found
    return found if year >= 2007 and 1 <= month <= 12 else None


def date_month(text: str) -> tuple[int, int | None] | None:
    """The year of a date and its month when the date gives one."""
    numeric = _NUMERIC.search(text)
    if numeric is not None:
        year, month = (numeric[1], numeric[2]) if numeric[1] else (numeric[4], numeric[3])
        return (int(year), int(month)) if 1 <= int(month) <= 12 else (int(year), None)
    named = _NAMED.search(text)
    if named is not None:
        return int(named[2]), _MONTHS.index(named[1][:3].lower()) + 1
    year_only = _YEAR.search(text)
    return (int(year_only[0]), None) if year_only else None


@entry_rule(
    "AL305",
    "arxiv-year",
    "The year or date given for an arXiv paper contradicts its identifier (`2203.01234` is March 2022)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("venues", "dates"),
)
def arxiv_year(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    if entry.marker == "table":
        return ()  # (a table's date column is as often a later version's or the release's)
    venue = entry.venue
    if venue is not None and venue.year is not None and len(venue.year.text) == 4:
        # A conference may publish a paper years after its preprint (or before it is posted):
        # only the preprint server's own year is the identifier's. (The identifier is looked for
        # last: most entries give no preprint's year and no date.)
        if ctx.settings.venues.canonical_name(venue.name.text) not in INTERCHANGEABLE_PREPRINTS:
            return ()
        posted = arxiv_month(entry)
        if posted is None:
            return ()
        # An identifier's month is its announcement's: a paper sent on 30 December is `2401.x`.
        # A month either side is the same posting; a later version may date the entry later.
        earliest = _months(posted) - 1
        year = int(venue.year.text)
        if not earliest // 12 <= year <= (earliest + 2) // 12:
            message = (
                f"`{venue.name.text} {year}`, but the arXiv identifier {_identifier(posted)}.x "
                f"was posted in {posted[0]}"
            )
            return (ctx.report(venue.year.span, message),)
        return ()
    if entry.date is None or (posted := arxiv_month(entry)) is None:
        return ()
    dated = date_month(entry.date.text)
    if dated is None or dated[1] is None:
        return ()
    # Lists date an entry by its code, model or blog release as often as by its preprint: only
    # the preprint's month with another year is plainly a slip (`2024.05.13` for `2505.x`).
    shift = _months((dated[0], dated[1])) - _months(posted)
    if dated[0] != posted[0] and min(shift % 12, -shift % 12) <= 1 and abs(shift) >= 11:
        message = (
            f"dated {dated[0]}-{dated[1]:02d}, but its arXiv identifier {_identifier(posted)}.x "
            f"was posted in {posted[0]}-{posted[1]:02d}: another year?"
        )
        return (ctx.report(entry.date.span, message),)
    return ()


def _identifier(posted: tuple[int, int]) -> str:
    """How an arXiv identifier of ``posted``'s month starts (`2203` for March 2022)."""
    return f"{posted[0] % 100:02d}{posted[1]:02d}"


def _months(year_month: tuple[int, int]) -> int:
    """Months since year 0 (January 2022 is 2022 * 12): months before and after are one apart."""
    return year_month[0] * 12 + year_month[1] - 1
