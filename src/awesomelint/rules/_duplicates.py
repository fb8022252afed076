"""What makes two entries the same, shared by the duplicate rules (AL206, AL501).

A paper is the same paper when its title is the same (ignoring case, spacing and punctuation, but
not `+` or `#`: `ABC` and `ABC++` are different methods). A resource (a library, a course) is the
same resource only when it also links to the same place: `Learning` under Rust and `Learning` under
Go are two entries. Many lists file one paper under several sections on purpose; a list that does
so more than once is taken to cross-list, and then only a repeat within one section is reported.

With `--since`, the entries a change added come after all the others in the pairing, so that a
duplicate pair with one new member is reported on the new entry, naming the old one.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TypeVar, cast

from ..entry_facts import EntryKey, carried, carry, crowded, entry_keys, fact
from ..model import Document, Entry, Link
from ..read.kinds import label_role
from ..urls import split_url

_DEFAULT_PORTS = {"http": 80, "https": 443}


# (the duplicate rules ask through their table, `url_identities`; the fixer's guard asks again for
# the links of the entries it compares, most of them just asked by the rules or by the guard itself)
@functools.lru_cache(maxsize=2**14)
def normalized_url(url: str) -> str | None:
    """The URL with the differences that do not change the page removed (scheme, ``www.``, case of
    the host, default port, trailing slash, fragment); None when it is not a web URL."""
    parts = split_url(url.strip())
    if parts is None or (scheme := parts.scheme.lower()) not in _DEFAULT_PORTS:
        return None
    netloc = parts.netloc
    # (four searches, not a generator over the marks: asked of every address of a list)
    if "@" in netloc or ":" in netloc or "[" in netloc or "%" in netloc:
        try:
            hostname, port = parts.hostname, parts.port
        except ValueError:  # a port out of range
            return None
    else:  # a plain host (most are): what urllib's `hostname` would give, without its parsing
        hostname, port = netloc.lower(), None
    if not hostname:
        return None
    host = hostname.lower().removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    return f"{host}{path}?{parts.query}" if parts.query else f"{host}{path}"


_IGNORED = re.compile(r"[^\w+#]+|_+")
_PLACEHOLDERS = frozenset({"unnamed", "untitled", "none", "tbd", "todo"})  # a table's name left blank
_MIN_KEY = 4  # shorter titles (`Go`, `R`) are names that lists reuse freely


T = TypeVar("T")


class _Known(dict[str, T]):
    """The values of a function of a string (``work``), each worked out at its first ask."""

    def __init__(self, work: Callable[[str], T]) -> None:
        super().__init__()
        self._work = work

    def __missing__(self, text: str) -> T:
        value = self[text] = self._work(text)
        return value


def _known(document: Document, name: str, work: Callable[[str], T]) -> _Known[T]:
    """The document's table of ``work``'s values (`_Known`), the earlier run's when there is one
    (the fixer's edits and an editor's seldom change a link or a title): the duplicate rules ask
    for each link's and each title's several times per run, and again in each run. Values of texts
    gone from the list stay, up to a bound that keeps the table the size of a list, not of a session."""
    found = document.derived.get(name)
    if isinstance(found, _Known):
        return found
    kept = carried(document, name)
    table = kept[1] if kept is not None and isinstance(kept[1], _Known) else None
    if table is None or len(table) > len(document.text) // 8:
        table = _Known(work)
    document.derived[name] = table
    carry(document, name, table)
    return table


def folded_texts(document: Document) -> Mapping[str, str]:
    """Each text (a title, a label) folded as titles are compared: `_folded`."""
    return _known(document, "folded texts", _folded)


def title_key(entry: Entry, document: Document | None = None) -> str | None:
    """The key of the entry's title, None when it names nothing (with its ``document``, the title
    folded once: `folded_texts`)."""
    if entry.title is None:
        return None
    text = entry.title.text
    return _named(_folded(text) if document is None else folded_texts(document)[text])


def _named(folded: str) -> str | None:
    if folded.isdigit():
        return None  # a date or a number read where a title stands (`2021/05` in a table): no name
    return folded if len(folded) >= _MIN_KEY and folded not in _PLACEHOLDERS else None


# What `_IGNORED` removes from an ASCII text: every character but a letter, a digit, `+` and `#`.
_IGNORED_ASCII = bytes(code for code in range(128) if not (chr(code).isalnum() or chr(code) in "+#"))


def _folded(text: str) -> str:
    if text.isascii():  # (most titles: their bytes folded and stripped in C, no regex match per gap)
        return text.encode().lower().translate(None, _IGNORED_ASCII).decode()
    return _IGNORED.sub("", text.casefold())


def names_of(entry: Entry, document: Document) -> set[str]:
    """Every way the entry names its paper: the title, the part of it before a colon (`ShareGPT4V`
    of `ShareGPT4V: Improving ...`), and the labels of its title and paper links."""
    texts = [entry.title.text] if entry.title else []
    if entry.title and ":" in entry.title.text:
        texts.append(entry.title.text.partition(":")[0])
    texts.extend(
        link.label
        for link in entry.links
        if link.role in ("title", "paper") and label_role(link.label) is None
    )
    folded = folded_texts(document)
    return {key for text in texts if len(key := folded[text]) >= _MIN_KEY}


_ARXIV = re.compile(r"^(?:export\.)?arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$")


def link_identity(link: Link) -> str | None:
    """The page a link opens: the normalised URL with its fragment (`#section-2` is another place);
    an arXiv paper by its identifier, whichever of its pages or versions the link opens."""
    return _url_identity(link.url)


def _url_identity(url: str) -> str | None:
    base = normalized_url(url)
    if base is None:
        return None
    # (`_ARXIV` tried only where it can match)
    if base.startswith(("arxiv.org/", "export.arxiv.org/")) and (arxiv := _ARXIV.match(base)) is not None:
        return f"arxiv:{arxiv[1]}"
    fragment = url.partition("#")[2]
    return f"{base}#{fragment}" if fragment else base


def url_identities(document: Document) -> Mapping[str, str | None]:
    """Each link address's `link_identity`, worked out once (`_known`)."""
    return _known(document, "url identities", _url_identity)


def identity_links(entry: Entry, identities: Mapping[str, str | None]) -> set[str]:
    """The entry's title and paper links (``identities``: `url_identities`): what names the entry
    itself, not its code or extras."""
    found = set()
    for link in entry.links:
        if link.role in ("title", "paper") and (identity := identities[link.url]) is not None:
            found.add(identity)
    return found


def mark_new(document: Document, entries: Collection[Entry]) -> None:
    """Say which entries of ``document`` a change added (`--since`), before its rules run."""
    document.derived["new entries"] = frozenset(id(entry) for entry in entries)
    document.derived.pop("duplicates", None)


def in_pairing_order(document: Document, entries: list[Entry] | None = None) -> list[Entry]:
    """The entries (or the given ones, in the list's order) in the order a duplicate's first
    occurrence is chosen: the list's order, the entries a change added last."""
    entries = list(document.iter_entries()) if entries is None else entries
    added = document.derived.get("new entries")
    if not isinstance(added, frozenset) or not added:
        return entries
    return [e for e in entries if id(e) not in added] + [e for e in entries if id(e) in added]


# Where posts are published (a blog, a newsletter, a magazine), and the labels that name one.
_POST_HOST = re.compile(
    r"(?:^|\.)(?:medium\.com|substack\.com|wordpress\.com|blogspot\.com|hashnode\.dev|dev\.to|"
    r"towardsdatascience\.com|thegradient\.pub|distill\.pub)$|(?:^|\.)blogs?\.|/blogs?(?:/|$)|/posts?/"
)
_POST_LABEL = re.compile(r"^\W*(?:blog|post|article|news|tweet|thread)\b", re.IGNORECASE)


def is_post(entry: Entry) -> bool:
    """Whether the entry is a post about a paper rather than the paper: its title or paper link
    opens a blog, or it names its own link a blog, and it links no paper of arXiv."""
    own = entry.own_links
    if any("arxiv.org" in link.url for link in own):
        return False  # (told first: most papers link arXiv)
    links = [link for link in own if link.role in ("title", "paper") or _POST_LABEL.match(link.label)]
    if not links:
        return False
    for link in links:
        url = normalized_url(link.url) or ""
        host, _, path = url.partition("/")
        if _POST_LABEL.match(link.label) or _POST_HOST.search(host) or _POST_HOST.search("/" + path):
            return True
    return False


def _other_papers(
    index: int, bucket: dict[tuple[str, ...], int], entries: list[Entry], links_of: list[frozenset[str]]
) -> bool:
    """Whether every entry of the bucket (by its index in ``entries``) is another paper of the same
    title as the entry ``index``: published three or more years apart, with another link (`Word
    Sense Disambiguation: A Survey`, 2009 and 2015), or written by other people (no author in
    common). ``links_of``: each entry's `identity_links`."""
    entry, links = entries[index], links_of[index]
    for other in bucket.values():
        if links & links_of[other] or not (
            _years_apart(entry, entries[other]) or _other_authors(entry, entries[other])
        ):
            return False
    return True


def _years_apart(entry: Entry, other: Entry) -> bool:
    return entry.year is not None and other.year is not None and abs(other.year - entry.year) >= 3


def _other_authors(entry: Entry, other: Entry) -> bool:
    if entry.authors is None or other.authors is None:
        return False
    # compared word by word: `Sutskever` and `Ilya Sutskever`, `Lee, Ann` and `Ann Lee` are one person
    words = [
        {w for n in e.authors.names for w in re.findall(r"\w{2,}", n.casefold())}
        for e in (entry, other)
        if e.authors
    ]
    return not words[0] & words[1]


@dataclass
class Repeat:
    """An entry listed again: ``entry`` repeats ``first``."""

    first: Entry
    entry: Entry

    @property
    def same_section(self) -> bool:
        return self.first.section_path == self.entry.section_path


@dataclass
class Duplicates:
    repeats: list[Repeat]
    cross_lists: bool  # the list files papers under several sections on purpose

    def reported(self) -> list[Repeat]:
        return [r for r in self.repeats if r.same_section or not self.cross_lists]


def _pairing_key(entry: Entry, folded: Mapping[str, str]) -> str | None:
    """The key of the entry's title that every bucket of the entry is named by (see `duplicates`)
    (``folded``: `folded_texts`)."""
    if entry.title is None:
        return None
    text = folded[entry.title.text]
    key = _named(text)
    if key is None and entry.kind != "paper":
        key = text or None  # `cpy`: the link makes it one
    return key


# What pairs an entry with its repeats: the key of its title, its title and paper links (their
# pages), and whether it is a post about a paper.
_Paired = tuple[str | None, tuple[str, ...], bool]


def _pairing(folded: Mapping[str, str], identities: Mapping[str, str | None], entry: Entry) -> _Paired:
    """What pairs the entry with its repeats (a fact of the entry: see `entry_facts`)."""
    key = _pairing_key(entry, folded)
    if key is None:
        return None, (), False
    return key, tuple(sorted(identity_links(entry, identities))), entry.kind == "paper" and is_post(entry)


def _pairing_keys(folded: Mapping[str, str], entry: Entry) -> tuple[str, ...]:
    key = _pairing_key(entry, folded)
    return () if key is None else (key,)


def _sharing_a_key(document: Document) -> list[Entry]:
    """The entries whose title's key another entry's is too (in the list's order): each bucket of an
    entry is named by that key, so no other entry can be in a bucket of the others. (Kept up to
    date between runs with `crowded`: naming each entry's buckets costs more than it leaves out.)"""
    folded = folded_texts(document)
    shared = crowded(document, "pairing keys", functools.partial(_pairing_keys, folded))
    if shared is not None:
        return shared
    entries = list(document.iter_entries())
    keys = [_pairing_key(entry, folded) for entry in entries]
    counted = Counter(keys)
    return [entry for entry, key in zip(entries, keys, strict=True) if key is not None and counted[key] >= 2]


def duplicates(document: Document) -> Duplicates:
    """Every repeat in the document (grouped by their titles' keys), computed once (AL206 and AL501
    both need them). Each bucket of an entry is named by its title's key, so the repeats among the
    entries of one key depend on those entries alone: between runs, a key whose entries are the
    earlier run's (`entry_facts.entry_keys`, in the same order) keeps its repeats."""
    found = document.derived.get("duplicates")
    if isinstance(found, Duplicates):
        return found
    pairing = functools.partial(_pairing, folded_texts(document), url_identities(document))
    # each title's key -> its entries and what pairs each (an entry whose key no other shares is left out)
    groups: dict[str, tuple[list[Entry], list[_Paired]]] = {}
    for entry in in_pairing_order(document, _sharing_a_key(document)):
        paired = fact(document, "pairing", entry, pairing)
        if paired[0] is not None:
            entries, pairs = groups.get(paired[0]) or groups.setdefault(paired[0], ([], []))
            entries.append(entry)
            pairs.append(paired)
    keys = entry_keys(document)
    carried_groups = carried(document, _GROUPS)
    earlier = cast("dict[str, _Group]", carried_groups[1]) if carried_groups is not None else {}
    kept: dict[str, _Group] = {}
    repeats: list[Repeat] = []
    across: set[str | None] = set()  # the keys (`title_key`) of the repeats across sections
    for key, (entries, pairs) in groups.items():
        held = tuple([keys[id(entry)] for entry in entries]) if keys is not None else None
        group = earlier.get(key)
        if group is None or held is None or group[0] != held:
            group = held, _repeats_among(entries, pairs)
        kept[key] = group
        for first, repeat in group[1]:
            repeats.append(Repeat(entries[first], entries[repeat]))
            if entries[first].section_path != entries[repeat].section_path:
                across.add(_named(key))  # (each entry's `title_key`: its title folded is the key)
    carry(document, _GROUPS, kept)
    result = Duplicates(repeats, cross_lists=len(across) >= 2)
    document.derived["duplicates"] = result
    return result


_GROUPS = "duplicate groups"
# the entries of one title's key (by their keys, in pairing order) and their repeats among them, as
# (the first's index, the repeat's index)
_Group = tuple["tuple[EntryKey, ...] | None", "tuple[tuple[int, int], ...]"]


def _repeats_among(entries: list[Entry], pairs: list[_Paired]) -> tuple[tuple[int, int], ...]:
    """The repeats among ``entries`` (in pairing order, all of one title's key, each with what pairs
    it in ``pairs``: `_pairing`), by their indexes: the first occurrence of each paper (by title)
    and of each named resource (by title and link), per section; a repeat is paired with the one in
    its own section when there is one."""
    # each bucket: the first entry of each section in it, by its index
    papers: dict[str, dict[tuple[str, ...], int]] = {}
    named: dict[str, dict[tuple[str, ...], int]] = {}
    repeats: list[tuple[int, int]] = []
    links_of = [frozenset(links) for _, links, _ in pairs]  # each entry's title and paper links
    for index, (entry, (_, links, post)) in enumerate(zip(entries, pairs, strict=True)):
        buckets = [named.setdefault(link, {}) for link in links]
        if entry.kind == "paper":
            buckets.insert(0, papers.setdefault("blog" if post else "", {}))
        section = entry.section_path
        found = [b for b in buckets if b and not _other_papers(index, b, entries, links_of)]
        if found:
            own = next((b[section] for b in found if section in b), None)
            repeats.append((own if own is not None else next(iter(found[0].values())), index))
        for bucket in buckets:
            bucket.setdefault(section, index)
    return tuple(repeats)
