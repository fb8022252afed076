"""Category headings written at the level of their own sub-headings (AL101, AL102).

Many lists write a category and its parts at one level: `## Language Models` followed at once by
`## 2025` and `## 2024` that hold the entries, then `## Vision` with its own `## 2025`. Markdown makes
the category an empty sibling of its parts, but the author means it as their parent: it is no empty
section, and the `2025` under two categories are no duplicate headings.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document, Section
from ._sections import is_empty, sibling_groups

# A part of a period: a year, a year range, a month or a quarter (`2025`, `2023-2024`, `Jan 2024`).
_PERIOD = re.compile(
    r"^\W*(?:(?:19|20)\d{2}(?:\s*[-/–]\s*(?:19|20)?\d{2})?|q[1-4]|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(?:19|20)\d{2})?)\W*$",
    re.IGNORECASE,
)
_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def heading_ids(document: Document, section: Section) -> set[str]:
    """The `id`/`name` attributes written on the heading's own lines (`<h3 id="llm">`)."""
    found: set[str] = set()
    for line in document.source.lines_between(section.span.start_line - 1, section.span.end_line):
        found.update(match[1].lower() for match in _ID.finditer(line.text))
    return found


def _key(section: Section) -> str:
    return " ".join(section.text.casefold().split())


def _contents_line(document: Document, fragments: set[str]) -> tuple[int, int] | None:
    """The line of the first same-page link to one of ``fragments``, and its indentation."""
    first = document.derived.get("first anchors")
    if not isinstance(first, dict):
        lines_of: dict[str, int] = {}
        for anchor in document.anchors:
            lines_of.setdefault(anchor.fragment.lower(), anchor.span.start_line)
        document.derived["first anchors"] = first = lines_of
    found = [first[fragment] for fragment in fragments if fragment in first]
    if not found:
        return None
    text = document.source.line(min(found)).text
    return min(found), len(text) - len(text.lstrip())


def _indent(document: Document, section: Section) -> int:
    """How far in the heading's line starts (`  - ##### Part` is 2, `    ##### Part` under it is 4)."""
    text = document.source.line(section.span.start_line).text
    return len(text) - len(text.lstrip(" \t"))


def _nested_in_contents(document: Document, category: Section, part: Section) -> bool:
    """Whether the table of contents lists ``part`` indented under ``category``."""
    above = _contents_line(document, {category.slug.lower(), *heading_ids(document, category)})
    below = _contents_line(document, {part.slug.lower(), *heading_ids(document, part)})
    return above is not None and below is not None and below[0] > above[0] and below[1] > above[1]


def categories(document: Document) -> dict[int, Section]:
    """Each section that falls under a category heading of its own level, by id, with that category
    (the categories themselves included, mapped to themselves)."""
    found = document.derived.get("categories")
    if isinstance(found, dict):
        return found
    result: dict[int, Section] = {}
    for group in sibling_groups(document):
        empty = [is_empty(document, s) for s in group]
        # The headings that open a run after an empty one: `2025` opening two categories' runs.
        openers = Counter(_key(group[i + 1]) for i in range(len(group) - 1) if empty[i] and not empty[i + 1])
        current: Section | None = None
        for index, section in enumerate(group):
            following = group[index + 1] if index + 1 < len(group) else None
            if (
                empty[index]
                and following is not None
                and not empty[index + 1]
                and (
                    openers[_key(following)] > 1
                    or _PERIOD.match(following.text) is not None
                    or _nested_in_contents(document, section, following)
                    or _indent(document, following) > _indent(document, section)
                )
            ):
                current = section
            elif current is not None and empty[index] and not _PERIOD.match(section.text):
                current = None  # an empty peer ends the category's run
            if current is not None:
                result[id(section)] = current
    document.derived["categories"] = result
    return result


def is_category(document: Document, section: Section) -> bool:
    return categories(document).get(id(section)) is section


def category_of(document: Document, section: Section) -> Section | None:
    return categories(document).get(id(section))
