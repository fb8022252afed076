"""Which URLs of a list to fetch, deduplicated, and whether their page title matters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

from ..model import Document, Entry, Link
from ..read.kinds import is_paper_url


def link_key(url: str) -> str | None:
    """The URL as fetched: http(s) only, fragment dropped, scheme and host lower-cased."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit((scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def is_paper_link(entry: Entry, link: Link) -> bool:
    """A link that should open the paper entry's own page (its title matters, AL514): one labelled as
    the paper (`[paper]`, `[arXiv]`), or the title's link when it goes to a paper host or a PDF. A
    resource's links, code and project links, and a title linked to a project site are not."""
    if entry.kind != "paper" or entry.title is None:
        return False
    return link.role == "paper" or (link.role == "title" and is_paper_url(link.url))


def targets(
    documents: Iterable[Document], keep: Callable[[Document, Link], bool] | None = None
) -> dict[str, bool]:
    """Every fetchable URL of the documents (those ``keep`` keeps) -> whether a paper link points at it."""
    wanted: dict[str, bool] = {}
    for document in documents:
        for link in document.links:
            key = link_key(link.url)
            if key is not None and (keep is None or keep(document, link)):
                wanted.setdefault(key, False)
        for entry in document.iter_entries():
            for link in entry.links:
                key = link_key(link.url)
                if key is not None and key in wanted and is_paper_link(entry, link):
                    wanted[key] = True
    return wanted
