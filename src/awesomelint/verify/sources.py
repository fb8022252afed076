"""The bibliographic sources: for each, the request for a title search or an identifier, and the
parser of its answer into records. Pure functions; the research notes' quirks are handled here
(DBLP: no `hit` with zero results, one author as an object, `ee` or `venue` as a list; arXiv: both
feed formats, the error entry; Crossref: `[[null]]` dates, 404 for an unknown DOI; Semantic Scholar:
404 for no title match)."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .record import Record, normalized_title, person

_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I)


class SourceError(Exception):
    """The source's answer cannot be used; the message says why."""


@dataclass(frozen=True)
class Request:
    source: str
    url: str
    params: Mapping[str, str]

    @property
    def key(self) -> str:
        """The cache key: the same question asked of the same source."""
        query = "&".join(f"{k}={v}" for k, v in sorted(self.params.items()) if k not in ("mailto",))
        return f"{self.source} {self.url} {query}"


Parser = Callable[[int, bytes], list[Record]]


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _year(value: Any) -> int | None:
    try:
        return int(str(value)[:4])
    except (TypeError, ValueError):
        return None


# -- DBLP ---------------------------------------------------------------------------------------------


def dblp_search(url: str, title: str, author: str | None) -> Request:
    words = normalized_title(title).split()
    if author:
        words.append(author)
    return Request("dblp", url, {"q": " ".join(words), "format": "json", "h": "30", "c": "0"})


def parse_dblp(status: int, body: bytes) -> list[Record]:
    data = _json(status, body, "DBLP")
    hits = data.get("result", {}).get("hits", {}) if isinstance(data, dict) else {}
    found = hits.get("hit", []) if isinstance(hits, dict) else []
    if isinstance(found, dict):
        found = [found]
    records = []
    for hit in found if isinstance(found, list) else []:
        info = hit.get("info") if isinstance(hit, dict) else None
        if not isinstance(info, dict) or not isinstance(info.get("title"), str):
            continue
        authors = (info.get("authors") or {}).get("author", [])
        if isinstance(authors, dict):
            authors = [authors]  # a single author is an object
        names = tuple(
            person(html.unescape(a.get("text", "") if isinstance(a, dict) else str(a))) for a in authors
        )
        venue = _first(info.get("venue"))
        key = str(info.get("key", ""))
        kind = str(info.get("type", ""))
        ee = _first(info.get("ee"))
        doi = info.get("doi")
        records.append(
            Record(
                source="dblp",
                identifier=f"DBLP {key}" if key else "DBLP",
                title=html.unescape(info["title"]).strip().removesuffix("."),
                authors=names,
                venue=html.unescape(str(venue)) if venue else None,
                year=_year(info.get("year")),
                preprint=kind.startswith("Informal") or key.startswith("journals/corr/") or venue == "CoRR",
                url=str(ee) if ee else (f"https://doi.org/{doi}" if doi else info.get("url")),
                kind=kind,
            )
        )
    return records


# -- arXiv --------------------------------------------------------------------------------------------


def arxiv_by_id(url: str, identifier: str) -> Request:
    return Request("arxiv", url, {"id_list": identifier, "max_results": "1"})


def arxiv_search(url: str, title: str, author: str | None) -> Request:
    words = " ".join(normalized_title(title).split())
    query = f'ti:"{words}"' + (f" AND au:{author}" if author else "")
    return Request("arxiv", url, {"search_query": query, "start": "0", "max_results": "10"})


def _local(tag: str) -> str:
    """An element's name without its namespace: the feed's namespaces moved in 2025."""
    return tag.rsplit("}", 1)[-1]


def parse_arxiv(status: int, body: bytes) -> list[Record]:
    if status != 200:
        raise SourceError(f"arXiv answered HTTP {status}")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise SourceError(f"arXiv's answer is not XML ({error})") from None
    records = []
    for entry in (e for e in root if _local(e.tag) == "entry"):
        fields: dict[str, str] = {}
        names: list[str] = []
        for child in entry:
            name = _local(child.tag)
            if name == "author":
                names.extend(" ".join((g.text or "").split()) for g in child if _local(g.tag) == "name")
            elif name not in fields:
                fields[name] = " ".join((child.text or "").split())
        address = fields.get("id", "")
        if "/api/errors" in address:
            raise SourceError(f"arXiv: {fields.get('summary') or 'error'}")
        found = _ARXIV_ID.search(address.rsplit("/abs/", 1)[-1])
        if not found or not fields.get("title"):
            continue
        year = _year(fields.get("published"))
        records.append(
            Record(
                source="arxiv",
                identifier=f"arXiv {found[1]}",
                title=fields["title"],
                authors=tuple(names),
                venue="arXiv",
                year=year,
                preprint=True,
                url=f"https://arxiv.org/abs/{found[1]}",
                published_year=year,
            )
        )
    return records


# -- Crossref -----------------------------------------------------------------------------------------


def crossref_by_doi(url: str, doi: str, mailto: str | None) -> Request:
    return Request("crossref", f"{url}/{doi}", {"mailto": mailto} if mailto else {})


def crossref_search(url: str, title: str, author: str | None, mailto: str | None) -> Request:
    params = {"query.bibliographic": title, "rows": "5"}
    if author:
        params["query.author"] = author
    if mailto:
        params["mailto"] = mailto
    return Request("crossref", url, params)


def parse_crossref(status: int, body: bytes) -> list[Record]:
    if status == 404:
        return []  # an unknown DOI: `Resource not found.` in plain text
    data = _json(status, body, "Crossref")
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict):
        return []
    items = message.get("items") if "items" in message else [message]
    records = []
    for item in items if isinstance(items, list) else []:
        title = _first(item.get("title")) if isinstance(item, dict) else None
        if not isinstance(title, str):
            continue
        names = tuple(
            " ".join(part for part in (a.get("given"), a.get("family")) if part) or str(a.get("name", ""))
            for a in item.get("author", [])
            if isinstance(a, dict)
        )
        year = None
        for key in ("published-print", "published-online", "issued", "published"):
            parts = (item.get(key) or {}).get("date-parts") or [[None]]
            year = _year(_first(_first(parts)))  # `[[null]]` happens
            if year is not None:
                break
        doi = str(item.get("DOI", ""))
        kind = str(item.get("type", ""))
        container = _first(item.get("container-title"))
        records.append(
            Record(
                source="crossref",
                identifier=f"DOI {doi}",
                title=" ".join(html.unescape(title).split()),
                authors=names,
                venue=str(container) if container else None,
                year=year,
                preprint=kind == "posted-content",
                url=f"https://doi.org/{doi}" if doi else None,
                kind=kind,
            )
        )
    return records


# -- Semantic Scholar ---------------------------------------------------------------------------------

S2_FIELDS = "title,venue,year,authors,externalIds,publicationTypes"


def semanticscholar_search(url: str, title: str, author: str | None) -> Request:
    return Request("semanticscholar", f"{url}/paper/search/match", {"query": title, "fields": S2_FIELDS})


def parse_semanticscholar(status: int, body: bytes) -> list[Record]:
    if status == 404:
        return []  # `{"error":"Title match not found"}`
    data = _json(status, body, "Semantic Scholar")
    papers = data.get("data") if isinstance(data, dict) else None
    records = []
    for paper in papers if isinstance(papers, list) else []:
        if not isinstance(paper, dict) or not isinstance(paper.get("title"), str):
            continue
        venue = str(paper.get("venue") or "")
        ids = paper.get("externalIds") or {}
        identifier = (
            f"DBLP {ids['DBLP']}" if ids.get("DBLP") else f"Semantic Scholar {paper.get('paperId', '')}"
        )
        doi, arxiv = ids.get("DOI"), ids.get("ArXiv")
        address = f"https://doi.org/{doi}" if doi else None
        records.append(
            Record(
                source="semanticscholar",
                identifier=identifier,
                title=paper["title"],
                authors=tuple(
                    str(a.get("name", "")) for a in paper.get("authors", []) if isinstance(a, dict)
                ),
                venue=venue or None,
                year=_year(paper.get("year")),
                preprint=venue in ("", "arXiv.org"),
                url=address or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None),
            )
        )
    return records


def _json(status: int, body: bytes, service: str) -> Any:
    if status != 200:
        raise SourceError(f"{service} answered HTTP {status}")
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise SourceError(f"{service}'s answer is not JSON") from None


PARSERS: Mapping[str, Parser] = {
    "dblp": parse_dblp,
    "arxiv": parse_arxiv,
    "crossref": parse_crossref,
    "semanticscholar": parse_semanticscholar,
}
