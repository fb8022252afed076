"""What checking links found, and the plain facts about a list's links that the rules, the fixer and
the link checker share: which URLs are fetched (``link_key``, ``targets``), which links should open
the entry's own paper (``is_paper_link``), and whether a page title names the paper
(``names_paper``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from ..model import Document, Entry, Link
from ..read.kinds import is_paper_url

Verdict = Literal["ok", "broken", "redirected", "unverifiable", "skipped"]


@dataclass
class LinkResult:
    url: str
    verdict: Verdict
    reason: str = ""
    status: int | None = None
    final_url: str | None = None
    chain: list[tuple[int, str]] = field(default_factory=list)  # (status, location) of each redirect
    titles: list[str] = field(default_factory=list)  # citation_title, og:title, <title> of an HTML page
    attempts: int = 0
    bytes_read: int = 0
    cached: bool = False

    def to_cache(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "status": self.status,
            "final_url": self.final_url,
            "chain": [list(hop) for hop in self.chain],
            "titles": self.titles,
        }

    @classmethod
    def from_cache(cls, url: str, entry: dict[str, Any]) -> LinkResult:
        verdict = entry["verdict"]
        if verdict not in ("ok", "redirected"):
            raise ValueError(verdict)
        return cls(
            url=url,
            verdict=verdict,
            reason="cached",
            status=int(entry["status"]),
            final_url=str(entry["final_url"]) if entry.get("final_url") else None,
            chain=[(int(status), str(location)) for status, location in entry.get("chain", [])],
            titles=[str(title) for title in entry.get("titles", [])],
            cached=True,
        )


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


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def names_paper(page_title: str, paper_title: str) -> bool:
    """Whether a page title names the paper: fuzzy, case-insensitive, site decorations allowed
    (``[2106.09685] LoRA: ... | arXiv``)."""
    page, paper = _normal(page_title), _normal(paper_title)
    if not page or not paper:
        return True
    if paper in page or (len(page) > 20 and page in paper):
        return True
    return difflib.SequenceMatcher(None, page, paper).ratio() >= 0.85
