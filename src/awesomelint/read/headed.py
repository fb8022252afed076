"""Entries written as headings: a heading that is only a link to the thing, over bullets that give its
facts (`## [(owner/dataset)|52K|EN](https://...)` then `- Summary: ...`, `- paper: [Title](u)`,
`- License: ...`). The heading stays a section (the contents link to it); the section gets one entry,
and its field bullets are no entries of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Document, Entry, Field, Link, Section
from ..text import Source
from .kinds import is_paper_url

# A field bullet: `- Summary: ...`, `- Data generation model: ...`, `* paper: [Title](u)`, `- Size:`52K``.
_FIELD_ITEM = re.compile(r"[ \t]*[-*+][ \t]+[^\W\d_][\w .'/()-]{0,40}?[ \t]*:(?!//)")
# A link's label that carries tags after the name: `(owner/name)|5K|EN|MT`.
_TAGGED_NAME = re.compile(r"\(?(?P<name>[^|()]+?)\)?\s*(?:\|.*)?\Z", re.DOTALL)
_ONE_LINK = re.compile(r"\[.+\]\(\s*<?https?://[^\s)]*>?(?:\s+[\"'(].*)?\)", re.DOTALL)  # a quick first test
_MIN_RUN = 3  # headings of this shape a list needs before they count as its entries
_PAPER_KEYS = ("paper", "arxiv", "publication")


def read_headed_entries(document: Document, source: Source) -> None:
    """Turn each section whose heading is an entry into a section that holds that one entry."""
    headed = [
        (section, link) for section, link in _linked_headings(document) if _holds_fields(section, source)
    ]
    if len(headed) < _MIN_RUN:
        return
    for section, link in headed:
        _make_entry(section, link, source)


def _linked_headings(document: Document) -> Iterator[tuple[Section, Link]]:
    """The leaf sections whose heading is one link to a web page, with that link."""
    candidates = [section for section in document.iter_sections() if is_headed_candidate(section)]
    if len(candidates) < _MIN_RUN:
        return
    by_start = {link.span.start: link for link in document.links}
    text = document.text
    for section in candidates:
        at = text.find(section.raw, section.span.start, section.span.end)
        link = by_start.get(at)
        if (
            link is not None
            and link.span.end == at + len(section.raw)
            and link.url.startswith(("http://", "https://"))
        ):
            yield section, link


def is_headed_candidate(section: Section) -> bool:
    """Whether the section could be an entry written as a heading: a leaf, its heading one link."""
    return not section.children and _ONE_LINK.fullmatch(section.raw) is not None


def _holds_fields(section: Section, source: Source) -> bool:
    """Whether the section's items are the heading's fields: each top-level item starts with a label
    and a colon (items nested below one, `- Related:` then links, belong to it)."""
    if not section.entries:
        return any(block.kind in ("paragraph", "list") for block in section.blocks)
    firsts = [entry.marker_span.start_line for entry in section.entries]
    firsts += [block.span.start_line for block in section.blocks if block.kind == "list"]
    items = [source.line(number).text for number in firsts]
    indents = [len(line) - len(line.lstrip(" \t")) for line in items]
    top = min(indents)
    return all(_FIELD_ITEM.match(line) for indent, line in zip(indents, items, strict=True) if indent == top)


def _make_entry(section: Section, link: Link, source: Source) -> None:
    fields = section.entries
    end = max(
        [section.span.end, *(entry.span.end for entry in fields), *(b.span.end for b in section.blocks)]
    )
    heading = source.text[section.span.start : section.span.end]
    stripped = heading.lstrip(" \t")  # a heading may be indented up to three spaces
    marker_start = section.span.start + len(heading) - len(stripped)
    marker_end = marker_start + len(stripped) - len(stripped.lstrip("#"))
    links = [
        link.with_role("title"),
        *(_field_link(item, source) for entry in fields for item in entry.links),
    ]
    entry = Entry(
        number=None,
        marker="heading",
        marker_span=source.original_span(marker_start, marker_end),
        span=source.original_span(section.span.start, end),
        section_path=section.path[:-1],  # the heading is the entry; its section is the one above
        paragraphs=[entry.span for entry in fields],
        title=_title(link, source),
        links=links,
        kind="paper" if is_paper_url(link.url) else "resource",
    )
    section.blocks.extend(
        Block("list", item.span, source.text[item.span.start : item.span.end]) for item in fields
    )
    section.blocks.sort(key=lambda block: block.span.start)
    section.entries = [entry]


def _field_link(link: Link, source: Source) -> Link:
    """A link of a field bullet, its role by the field's label (`- paper: [Title](u)`)."""
    line = source.line(link.span.start_line).text.lstrip(" \t-*+").casefold()
    return link.with_role("paper" if line.startswith(_PAPER_KEYS) else "other")


def _title(link: Link, source: Source) -> Field | None:
    """The name in the heading link's label, without the tags after it (`(owner/name)|5K|EN`)."""
    label_start = link.span.start + 1
    label_end = source.text.rfind("](", label_start, link.url_span.start)
    found = _TAGGED_NAME.match(source.text, label_start, label_end) if label_end > 0 else None
    if found is None or not found["name"].strip():
        return None
    begin = found.start("name")
    end = begin + len(found["name"].rstrip())
    span = source.original_span(begin, end)
    return Field(text=" ".join(found["name"].split()), raw=source.text[begin:end], span=span)
