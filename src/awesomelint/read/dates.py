"""Reading dates: a date tag (`[2023/10]`, `(2024.02.08)`, `**[2026.05.12]**`) or a publication
date (`4 Feb 2023`, `July 2022`, `2021.9`), or a year standing alone at the end of a line or before
the links (`_Jane Doe._ 2024.`). A date is a field of its own, never a venue."""

from __future__ import annotations

import re

from ..model import YearStyle

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NUMERIC = r"(?:19|20)\d{2}[./-](?:1[0-2]|0?[1-9])(?:[./-](?:3[01]|[12]\d|0?[1-9]))?"
# Every date starts with a digit or a month's initial: the lookahead in front lets the search pass
# over other characters without trying each alternative there (half the time of the search).
DATE = re.compile(
    rf"""(?=[0-9JFMASOND])(?:
    (?<![\w.])(?:{_NUMERIC})(?![\w.]*\d)
    |(?<!\w)(?:\d{{1,2}}[ \t]+)?{MONTH}[ \t]+(?:\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+)?(?:19|20)\d{{2}}(?!\d)
    |(?<=[\[(])(?:19|20)\d{{2}}(?=[\])])
    |(?<=\s)(?:19|20)\d{{2}}(?=\.?[ \t]*(?:$|\n|\[)))""",
    re.VERBOSE | re.IGNORECASE,
)
# Every kind of date holds a year: where there is none, the costly search above is not run.
_YEAR = re.compile(r"(?:19|20)\d{2}")


def find_date(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first date in ``text[start:end]``."""
    stop = len(text) if end is None else end
    if _YEAR.search(text, start, stop) is None:
        return None
    return DATE.search(text, start, stop)


def date_at_start(text: str) -> re.Match[str] | None:
    """The date ``text`` opens with, if it opens with one."""
    return DATE.match(text)


def year_style(separator: str) -> YearStyle:
    """How a venue's year is joined to its name (`ACL'23`, `ACL 2023`, `ACL, 2023`, `ACL (2023)`)."""
    separator = separator.strip()
    if separator in ("'", "’"):
        return "apostrophe"
    if separator == ",":
        return "comma"
    if separator == "(":
        return "paren"
    return "space"


def four_digit_year(year: str) -> str:
    """`23` -> `2023`, `98` -> `1998`."""
    if len(year) == 4:
        return year
    return f"20{year}" if int(year) <= 40 else f"19{year}"
