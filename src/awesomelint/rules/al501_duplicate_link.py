from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import cast

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..entry_facts import EntryKey, carried, carry, crowded, entry_keys, fact
from ..model import Document, Entry, Link
from ..style import entry_shape
from ._duplicates import (
    Repeat,
    duplicates,
    identity_links,
    in_pairing_order,
    names_of,
    title_key,
    url_identities,
)


@rule(
    "AL501",
    "duplicate-link",
    "Two different entries share one title or paper link, or two papers with no author in common "
    "one code, project or tweet link (a link copied from another entry)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("links",),
)
def duplicate_link(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    repeats = duplicates(document).repeats
    identities = url_identities(document)
    held = crowded(document, "held links", functools.partial(_held_links, identities))
    pages = _holders(document, in_pairing_order(document, held), identities)
    for _, link, first_entry, first_link in _kept(
        ctx, "held links", pages, repeats, functools.partial(_copied, document, identities)
    ):
        yield _copied_from(
            ctx, link, first_entry, first_link, _role(first_link), ": a link copied from another entry?"
        )
    extras = crowded(document, "extra links", functools.partial(_extra_links, identities))
    for entry, link, first, first_link in _kept(
        ctx,
        "extra links",
        {None: in_pairing_order(document, extras)},
        repeats,
        functools.partial(_copied_extras, document),
    ):
        if entry is first:
            message = f"the {_kind(link)} link `{link.url}` is the entry's own paper link: pasted twice?"
            yield ctx.report(link.url_span, message)
            continue
        suspicion = ", a paper with none of these authors: copied from it?"
        yield _copied_from(ctx, link, first, first_link, _kind(first_link), suspicion)
    found_in = crowded(document, "repository names", functools.partial(_repository_names, document))
    named = list(document.iter_entries()) if found_in is None else found_in
    swapped = functools.partial(_swapped_repositories, document)
    for _, link, named_after, other_link in _kept(ctx, "repository names", {None: named}, [], swapped):
        title = named_after.title.text if named_after.title else "another entry"
        message = (
            f"the code link `{link.url}` is named after `{title}` (line {named_after.span.start_line}), "
            f"whose code link `{other_link.url}` is named after this entry: swapped?"
        )
        yield ctx.report(link.url_span, message, related=named_after.span)


def _copied_from(
    ctx: Context, link: Link, first: Entry, first_link: Link, role: str, suspicion: str
) -> Diagnostic:
    """The finding of ``link``, whose page is already ``first``'s ``first_link`` (its ``role``)."""
    other = first.title.text if first.title else "another entry"
    message = (
        f"`{link.url}` is already the {role} link of `{other}` (line {first_link.span.start_line}){suspicion}"
    )
    return ctx.report(link.url_span, message, related=first.span)


# What a part of the rule finds: the entry and link of each finding, and the entry and link it names
# (the entry's own for a finding of the entry alone).
_Found = list[tuple[Entry, Link, Entry, Link]]


def _kept(
    ctx: Context,
    part: str,
    groups: Mapping[object, list[Entry]],
    repeats: list[Repeat],
    find: Callable[[object, list[Entry], dict[int, Entry]], _Found],
) -> _Found:
    """``find(group, entries, repeated)`` for each group of ``groups`` (``repeated``: of
    ``repeats``, each repeat's entry's id -> the entry it repeats): a part's findings, which depend
    on each group's entries alone (their facts, in their order) and the repeats among them. Where a
    group's entries' keys (`entry_facts.entry_keys`) are the earlier run's in the same order, and
    so are the repeats among them, its findings are the earlier run's, on the entries as they are
    now (kept by their indexes)."""
    repeated = {id(r.entry): r.first for r in repeats}
    keys = entry_keys(ctx.document)
    if keys is None:
        return [found for group, entries in groups.items() for found in find(group, entries, repeated)]
    name = f"{ctx.rule.code} ({part})"
    earlier = carried(ctx.document, name)
    kept_before = cast("dict[object, _Kept]", earlier[1] if earlier is not None else {})
    kept: dict[object, _Kept] = {}
    found: _Found = []
    for group, entries in groups.items():
        index = dict(zip(map(id, entries), range(len(entries)), strict=True))
        among = tuple(
            [
                (index[id(first)], at)
                for at, entry in enumerate(entries)
                if (first := repeated.get(id(entry))) is not None and id(first) in index
            ]
        )
        held = (tuple(map(keys.__getitem__, index)), among)
        known = kept_before.get(group)
        if known is not None and known[0] == held:
            found.extend(
                (entries[e], entries[e].links[at], entries[o], entries[o].links[to])
                for e, at, o, to in known[1]
            )
        else:
            made = find(group, entries, repeated)
            placed = [
                (index[id(e)], _position(e, link), index[id(o)], _position(o, other_link))
                for e, link, o, other_link in made
            ]
            found.extend(made)
            known = held, placed
        kept[group] = known
    carry(ctx.document, name, kept)
    return found


# What `_kept` keeps of a group: its entries' keys and the repeats among them, and its findings by
# the indexes of their entries and links.
_Kept = tuple[tuple[tuple[EntryKey, ...], tuple[tuple[int, int], ...]], list[tuple[int, int, int, int]]]


def _position(entry: Entry, link: Link) -> int:
    return next(number for number, own in enumerate(entry.links) if own is link)


def _holders(
    document: Document, entries: list[Entry], identities: Mapping[str, str | None]
) -> dict[object, list[Entry]]:
    """The entries of ``entries`` (in their order) whose title or paper links open each page, for the
    pages two or more entries hold (`_copied` finds nothing on a page one entry holds)."""
    holders: dict[object, list[Entry]] = {}
    held_links = functools.partial(_held_links, identities)
    for entry in entries:
        for page in dict.fromkeys(fact(document, "held links", entry, held_links)):
            holders.setdefault(page, []).append(entry)
    return {page: held for page, held in holders.items() if len(held) >= 2}


def _copied(
    document: Document,
    identities: Mapping[str, str | None],
    page: object,
    entries: list[Entry],
    repeated: dict[int, Entry],
) -> _Found:
    """The title and paper links to ``page`` of ``entries`` (those that hold it, in pairing order)
    that another entry owns (`_owner`), with the owner's link (`duplicate_link`'s first part)."""
    held = [
        (entry, link)
        for entry in entries
        for link in entry.links
        if link.role in ("title", "paper") and identities[link.url] == page
    ]
    first_entry, first_link = _owner(held, document)
    found: _Found = []
    for entry, link in held:
        if first_entry is entry or repeated.get(id(entry)) is first_entry:
            continue  # the same entry, or a repeat of the same paper (AL206's concern)
        key = title_key(entry, document)
        if key is not None and key == title_key(first_entry, document):
            continue  # the owner's paper again (a list that cross-lists it)
        if names_of(first_entry, document) & names_of(entry, document):
            continue  # the same paper under another name (a dataset's name, a model's)
        if entry_shape(first_entry) != entry_shape(entry):
            continue  # a table of benchmarks citing a paper the list also has: a reference
        if entry.marker == "table" and _same_source(entry, first_entry):
            continue  # two rows (benchmarks, models) of one paper: the same date and venue
        if "paper" not in (entry.kind, first_entry.kind) and entry.section_path != first_entry.section_path:
            continue  # a tool filed under two categories under two names
        found.append((entry, link, first_entry, first_link))
    return found


def _held_links(identities: Mapping[str, str | None], entry: Entry) -> tuple[str, ...]:
    """The pages the entry's title and paper links open, once per link."""
    return tuple(
        [
            identity
            for link in entry.links
            if link.role in ("title", "paper") and (identity := identities[link.url]) is not None
        ]
    )


def _owner(held: list[tuple[Entry, Link]], document: Document) -> tuple[Entry, Link]:
    """The entry a title or paper link belongs to, of the entries that hold it (``held``, with their
    links to it): the first with the title most of them have, when three or more have it (a paper
    cross-listed five times owns its link, and the one other entry that holds it is the copy), else
    the first."""
    if len(held) >= 4:  # three of one title and one other entry at the least
        usual, count = Counter(title_key(entry, document) for entry, _ in held).most_common(1)[0]
        if count >= 3:  # one or two entries may carry the same slip (a copy cross-listed)
            return next(h for h in held if title_key(h[0], document) == usual)
    return held[0]


def _same_source(entry: Entry, other: Entry) -> bool:
    """Whether two entries give the same venue and the same date (or year): one paper's artifacts."""
    venues = [" ".join(e.venue.raw.split()) if e.venue else None for e in (entry, other)]
    dates = [e.date.text if e.date else e.year for e in (entry, other)]
    return venues[0] == venues[1] and venues[0] is not None and dates[0] == dates[1] and dates[0] is not None


def _role(link: Link) -> str:
    return "title" if link.role == "title" else "paper"


_TWEET = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status/", re.IGNORECASE)


def _extra(link: Link) -> bool:
    """A link that belongs to one paper alone: its code, its project page, a tweet about it."""
    return link.role in ("code", "project") or _TWEET.match(link.url) is not None


def _authors(entry: Entry) -> set[str] | None:
    """The entry's authors, folded; None when they are unknown or only the first ones (`et al.`)."""
    if entry.authors is None or entry.authors.et_al:
        return None
    return {" ".join(name.casefold().split()) for name in entry.authors.names}


def _copied_extras(document: Document, _: object, entries: list[Entry], repeated: dict[int, Entry]) -> _Found:
    """Of ``entries`` (those that hold an extra link another entry holds too, or their own paper
    link as an extra), an extra link equal to the entry's own paper link (named with the entry's own
    link), and one extra link held by exactly two papers with no author in common (a repository
    many entries share is a framework they use), with the first's link."""
    identities = url_identities(document)
    holders: dict[str, list[tuple[Entry, Link]]] = {}
    found: _Found = []
    for entry in entries:
        if entry.kind != "paper":
            continue
        papers = {i for link in entry.links if link.role == "paper" and (i := identities[link.url])}
        for link in entry.links:
            identity = identities[link.url] if _extra(link) else None
            if identity is None:
                continue
            if identity in papers:
                found.append((entry, link, entry, link))
                continue
            holders.setdefault(identity, []).append((entry, link))
    for pairs in holders.values():
        if len(pairs) < 2:
            continue  # (most links: held once)
        held_by = {id(entry): entry for entry, _ in pairs}
        if len(held_by) != 2:
            continue
        (first, first_link), (entry, link) = pairs[0], next(p for p in pairs if p[0] is not pairs[0][0])
        if repeated.get(id(entry)) is first or title_key(first, document) == title_key(entry, document):
            continue  # one paper listed twice (AL206's concern, or a list that cross-lists)
        if names_of(first, document) & names_of(entry, document):
            continue  # the same paper under another name
        if identity_links(first, identities) & identity_links(entry, identities):
            continue
        first_authors, authors = _authors(first), _authors(entry)
        if first_authors is None or authors is None or first_authors & authors:
            continue  # the same people's follow-up work may share its repository
        found.append((entry, link, first, first_link))
    return found


def _extra_links(identities: Mapping[str, str | None], entry: Entry) -> tuple[str, ...]:
    """What `_copied_extras` pairs a paper by: the pages its extra links open, and a mark held twice
    when one of them is its own paper's (a finding of the entry alone)."""
    if entry.kind != "paper":
        return ()
    extras = [i for link in entry.links if _extra(link) and (i := identities[link.url]) is not None]
    if not extras:
        return ()  # (a paper with no code, project or tweet link)
    papers = {i for link in entry.links if link.role == "paper" and (i := identities[link.url])}
    if papers.isdisjoint(extras):
        return tuple(extras)
    return (*[i for i in extras if i not in papers], "own paper link", "own paper link")


_NOT_IN_KEY = re.compile(r"[\W_]+")
_REPOSITORY = re.compile(r"^https?://(?:www\.)?(?:github|gitlab)\.com/[^/\s]+/([^/\s#?]+)", re.IGNORECASE)


def _repository_key(entry: Entry) -> tuple[Link, str] | None:
    """The entry's one code repository and its name as a key (`github.com/x/Fast-Rank` -> `fastrank`)."""
    found = None
    for link in entry.links:
        if link.role == "code" and (match := _REPOSITORY.match(link.url)):
            if found is not None:
                return None  # two repositories
            found = link, match[1]
    if found is None:
        return None
    link, name = found
    key = _NOT_IN_KEY.sub("", name.casefold().removesuffix(".git"))
    return (link, key) if len(key) >= 4 else None


def _swapped_repositories(
    document: Document, _: object, entries: list[Entry], repeated: dict[int, Entry]
) -> _Found:
    """Two papers of ``entries`` whose code links are swapped: each one's repository is named after
    the other (with the other's code link)."""
    named: dict[str, list[Entry]] = {}
    repositories: dict[int, tuple[Link, str]] = {}
    names: dict[int, set[str]] = {}  # each such entry's `names_of`, worked out once
    found: _Found = []
    for entry in entries:
        if entry.kind != "paper" or (repository := _repository_key(entry)) is None:
            continue
        repositories[id(entry)] = repository
        names[id(entry)] = names_of(entry, document)
        for name in names[id(entry)]:
            named.setdefault(name, []).append(entry)
    reported: set[int] = set()
    for entry in entries:
        if id(entry) not in repositories or id(entry) in reported:
            continue
        link, key = repositories[id(entry)]
        if key in names[id(entry)]:
            continue  # its own repository
        for other in named.get(key, []):
            if other is entry or id(other) not in repositories:
                continue
            other_link, other_key = repositories[id(other)]
            if other_key in names[id(entry)] and other_key not in names[id(other)]:
                reported.update((id(entry), id(other)))
                found.append((entry, link, other, other_link))
                break
    return found


def _repository_names(document: Document, entry: Entry) -> tuple[str, ...]:
    """What `_swapped_repositories` pairs a paper with a code repository by: its names, and its
    repository's name when that is none of them."""
    found = _repository_key(entry) if entry.kind == "paper" else None
    return () if found is None else tuple(sorted(names_of(entry, document) | {found[1]}))


def _kind(link: Link) -> str:
    return link.role if link.role in ("code", "project") else "tweet"
