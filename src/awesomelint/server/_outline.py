"""The list's outline (document symbols: sections nested, entries inside them) and what hovering on
an entry shows: what the reader took from it, with each link's last known verdict from the link
cache (the server itself fetches nothing)."""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from ..evidence.links import link_key
from ..links.cache import LinkCache
from ..model import Entry, Section
from ._documents import Linted


def _entry_symbol(entry: Entry, linted: Linted) -> types.DocumentSymbol:
    title = entry.title.text if entry.title is not None and entry.title.text.strip() else "(no title)"
    selected = entry.title.span if entry.title is not None else entry.marker_span
    year = entry.year
    return types.DocumentSymbol(
        name=title,
        detail=entry.kind if year is None else f"{entry.kind} {year}",
        kind=types.SymbolKind.Class if entry.kind == "paper" else types.SymbolKind.Field,
        range=linted.positions.range(entry.span.start, entry.span.end),
        selection_range=linted.positions.range(selected.start, selected.end),
    )


def _section_symbol(section: Section, linted: Linted) -> types.DocumentSymbol:
    children = [_entry_symbol(entry, linted) for entry in section.entries]
    children.extend(_section_symbol(child, linted) for child in section.children)
    # A section runs from its heading to the end of what it holds.
    ends = [section.span.end, *(entry.span.end for entry in section.entries)]
    ends.extend(block.span.end for block in section.blocks)
    end = max(ends)
    for child in children:
        end = max(end, linted.positions.offset(child.range.end))
    return types.DocumentSymbol(
        name=section.text.strip() or "(untitled section)",
        detail="#" * section.level,
        kind=types.SymbolKind.Namespace,
        range=linted.positions.range(section.span.start, end),
        selection_range=linted.positions.range(section.span.start, section.span.end),
        children=sorted(children, key=lambda symbol: (symbol.range.start.line, symbol.range.start.character)),
    )


def symbols(linted: Linted) -> list[types.DocumentSymbol]:
    """The entries before the first heading, then the sections, each with its entries and sections."""
    found = [_entry_symbol(entry, linted) for entry in linted.document.entries]
    found.extend(_section_symbol(section, linted) for section in linted.document.sections)
    return found


def _verdicts(linted: Linted, urls: Iterable[str]) -> dict[str, str]:
    """The cached verdict of each URL that the link cache knows (successes only are cached)."""
    options = linted.settings.links
    cache = LinkCache.load(options) if options.cache is not None else None
    found = {}
    for url in urls:
        key = link_key(url)
        result = cache.get(key, options) if cache is not None and key is not None else None
        if result is not None:
            found[url] = result.verdict + (f" to {result.final_url}" if result.final_url else "")
    return found


def _escaped(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)


def hover(linted: Linted, position: types.Position) -> types.Hover | None:
    entry = linted.entry_at(linted.positions.offset(position))
    if entry is None:
        return None
    title = entry.title.text if entry.title is not None else "(no title)"
    lines = [f"**{_escaped(title)}** ({entry.kind})", ""]
    if entry.authors is not None:
        names = ", ".join(entry.authors.names) + (" et al." if entry.authors.et_al else "")
        lines.append(f"- authors: {_escaped(names)}")
    if entry.venue is not None:
        lines.append(f"- venue: {_escaped(entry.venue.name.text)}")
    if entry.year is not None:
        lines.append(f"- year: {entry.year}")
    if entry.section_path:
        lines.append(f"- section: {_escaped(' > '.join(entry.section_path))}")
    verdicts = _verdicts(linted, (link.url for link in entry.links))
    for link in entry.links:
        verdict = verdicts.get(link.url, "not checked")
        lines.append(f"- {link.role} link `{link.url.replace('`', '%60')}`: {verdict}")
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n".join(lines)),
        range=linted.positions.range(entry.span.start, entry.span.end),
    )
