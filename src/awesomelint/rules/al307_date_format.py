from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..entry_facts import fact, tallied
from ..model import Entry, Field

_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.IGNORECASE)
_PART = re.compile(r"[A-Z]|\d+")
# A date tag the reader may not take for a date because it cannot be one: `[2023/13]`, `(20234.02.01)`.
# (the bracket first, then the look behind it: a pattern that starts with its bracket is searched
# for quickly)
_DATE_TAG = re.compile(r"[\[(](?<!\][\[(])\s*(\d{4,5}[./-]\d{1,2}(?:[./-]\d{1,2})?)\s*[\])]")
_YEAR_DIGITS = re.compile(r"\d{3,}")
_NUMBER_DIGITS = re.compile(r"\d{1,2}")
_FIVE_DIGITS = re.compile(r"(?<!\d)\d{5,}(?!\d)")
_NUMBER = re.compile(r"\d+")
_YEAR_FIRST = re.compile(r"Y[./-]N(?:[./-]N)?")


@functools.lru_cache(maxsize=2**16)  # (the tally and the check both ask, of each date)
def date_shape(text: str) -> str:
    """How a date is written: `7 Sep 2023` is `D M Y`, `2023.10` is `Y.N`, `2023/10/05` is `Y/N/N`."""
    shape = _MONTH.sub("M", text.strip())
    return _NUMBER_DIGITS.sub("N", _YEAR_DIGITS.sub("Y", shape))


@functools.lru_cache(maxsize=2**16)  # (a list writes the same dates again and again)
def _impossible(text: str, shape: str, this_year: int) -> str | None:
    """Why the date cannot be (``shape``: its `date_shape`): a year of five digits, a year after next
    year, a month past 12, a day past its month's end."""
    five = _FIVE_DIGITS.search(text)
    if five is not None:
        return f"`{five[0]}` is no year"
    if not _YEAR_FIRST.fullmatch(shape):
        return None  # only the year-first numeric dates say which number is the month
    numbers = _NUMBER.findall(_MONTH.sub(lambda m: f" {_month(m[1])} ", text))
    if not numbers:
        return None
    year, month = int(numbers[0]), int(numbers[1])
    latest = this_year + 1
    if not 1900 <= year <= latest:
        return f"year {year} is outside 1900-{latest}"
    if not 1 <= month <= 12:
        return f"month {month} does not exist"
    if len(numbers) > 2 and not 1 <= int(numbers[2]) <= calendar.monthrange(year, month)[1]:
        return f"day {int(numbers[2])} does not exist in {calendar.month_name[month]} {year}"
    return None


def _month(name: str) -> int:
    return [m.lower() for m in calendar.month_abbr].index(name[:3].lower())


def _own_date(entry: Entry) -> Field | None:
    """The entry's date when it is written apart from its venue (not the venue's own year)."""
    date, venue = entry.date, entry.venue
    if date is None or (venue is not None and venue.span.start <= date.span.start < venue.span.end):
        return None
    return date


class _Dates(NamedTuple):
    """How the list's papers are dated, per style group (each part of the list, a news part and a
    papers part, is its own group); and this year, which the impossible dates depend on."""

    # Shapes are compared among dates of the same parts (`Y.N` with `Y/N`, `D M Y` with `M D Y`):
    # a list may date some entries by month and others by day.
    shapes: dict[tuple[str, str], Counter[str]]
    papers: Counter[str]
    with_date: Counter[str]
    year: int


def _dates(ctx: Context) -> _Dates:
    """The `_Dates` of the list, counted entry by entry (kept up to date so between runs)."""
    style = ctx.style

    def said(entry: Entry) -> tuple[tuple[str, ...], ...]:
        """What the entry says of the dates: a paper of its group, dated so (or not)."""
        if entry.kind != "paper":
            return ()
        group = style.group(entry)
        if (written := _own_date(entry)) is None:
            return (("papers", group),)
        shape = date_shape(written.text)
        return ("papers", group), ("dated", group), ("shape", group, _parts(shape), shape)

    found = _Dates({}, Counter(), Counter(), datetime.date.today().year)
    for counted, times in tallied(ctx.document, "AL307 dates", said).items():
        if times <= 0:
            continue  # (a count kept up to date may hold a zero)
        if counted[0] == "papers":
            found.papers[counted[1]] += times
        elif counted[0] == "dated":
            found.with_date[counted[1]] += times
        else:
            found.shapes.setdefault((counted[1], counted[2]), Counter())[counted[3]] += times
    return found


@functools.lru_cache(maxsize=2**10)
def _parts(shape: str) -> str:
    return "".join(sorted(_PART.findall(shape)))


@entry_rule(
    "AL307",
    "date-format",
    "A date written unlike the list's other dates, an impossible date, or no date where every other "
    "paper like it has one",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("dates", "consistency"),
    tally=_dates,
)
def date_format(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    if entry.kind != "paper":
        return ()
    dates: _Dates = ctx.tally
    group = ctx.style.group(entry)
    date = _own_date(entry)
    if date is None:
        found = _impossible_tag(ctx, entry)
        papers, with_date = dates.papers[group], dates.with_date[group]
        if papers >= 10 and with_date == papers - 1 and entry.year is not None:
            message = f"entry has no date; the {with_date} other papers like it give one"
            found = [*found, ctx.report(entry.span, message)]
        return found
    shape = date_shape(date.text)
    impossible = _impossible(date.text, shape, dates.year)
    if impossible is not None:
        return (ctx.report(date.span, f"date `{date.text}`: {impossible}"),)
    counts = dates.shapes[(group, _parts(shape))]
    usual = max(counts, key=counts.__getitem__)  # (the first of the most frequent, as most_common)
    count = counts[usual]
    if shape == usual:
        return ()
    total = sum(counts.values())
    if count >= 5 and count >= 0.8 * total:
        message = f"date `{date.text}` is written `{shape}`; {count} of {total} dates are written `{usual}`"
        return (ctx.report(date.span, message),)
    return ()


def _date_tags(text: str, entry: Entry) -> tuple[tuple[int, str], ...]:
    """Where the entry's first paragraph writes what looks like a date tag, from the entry's start,
    and its date (a fact of the entry: see `entry_facts`)."""
    first = entry.paragraphs[0] if entry.paragraphs else entry.span
    return tuple(
        (match.start(1) - entry.span.start, match[1])
        for match in _DATE_TAG.finditer(text, first.start, first.end)
    )


def _impossible_tag(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    """An impossible date tag in an entry without a date (the reader reads only possible ones): the
    first, if any."""
    text, year = ctx.document.text, ctx.tally.year
    for offset, written in fact(ctx.document, "date tags", entry, lambda e: _date_tags(text, e)):
        impossible = _impossible(written, date_shape(written), year)
        if impossible is not None:
            start = entry.span.start + offset
            return (ctx.report(ctx.span(start, start + len(written)), f"date `{written}`: {impossible}"),)
    return ()
