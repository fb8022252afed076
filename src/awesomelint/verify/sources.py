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
from urllib.parse import quote

from ..evidence.records import Record, doi_url, normalized_title, person, safe_url, valid_doi

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


def _text(value: Any) -> str | None:
    """A string value (a number written as one, as DBLP writes its years, too); None for any other
    shape."""
    value = _first(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, str)):
        return str(value)
    return None


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[Any]:
    """A list, or an object standing for a list of one (DBLP's single author)."""
    if isinstance(value, dict):
        return [value]
    return value if isinstance(value, list) else []


def _year(value: Any) -> int | None:
    text = _text(value)
    return int(text[:4]) if text is not None and text[:4].isascii() and text[:4].isdigit() else None


# -- DBLP ---------------------------------------------------------------------------------------------


def dblp_search(url: str, title: str, author: str | None) -> Request:
    words = normalized_title(title).split()
    if author:
        words.append(author)
    return Request("dblp", url, {"q": " ".join(words), "format": "json", "h": "30", "c": "0"})


def parse_dblp(status: int, body: bytes) -> list[Record]:
    hits = _table(_table(_table(_json(status, body, "DBLP")).get("result")).get("hits"))
    records = []
    for hit in _items(hits.get("hit")):
        info = _table(_table(hit).get("info"))
        title = _text(info.get("title"))
        if title is None:
            continue
        authors = _items(_table(info.get("authors")).get("author"))
        names = tuple(
            person(html.unescape(name))
            for a in authors
            if (name := _text(_table(a).get("text") if isinstance(a, dict) else a))
        )
        venue = _text(info.get("venue"))
        key = _text(info.get("key")) or ""
        kind = _text(info.get("type")) or ""
        link = (
            safe_url(_text(info.get("ee")))
            or doi_url(_text(info.get("doi")))
            or safe_url(_text(info.get("url")))
        )
        records.append(
            Record(
                source="dblp",
                identifier=f"DBLP {key}" if key else "DBLP",
                title=html.unescape(title).strip().removesuffix("."),
                authors=names,
                venue=html.unescape(venue) if venue else None,
                year=_year(info.get("year")),
                preprint=kind.startswith("Informal") or key.startswith("journals/corr/") or venue == "CoRR",
                url=link,
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
                published=(fields.get("published") or "")[:10],
            )
        )
    return records


# -- Crossref -----------------------------------------------------------------------------------------


def crossref_by_doi(url: str, doi: str, mailto: str | None) -> Request | None:
    """The request for a DOI's record; None when ``doi`` has not the DOI syntax. The DOI is one
    percent-encoded path segment: no DOI from a list (`10.1/../../admin`) can steer the path."""
    valid = valid_doi(doi)
    if valid is None:
        return None
    return Request("crossref", f"{url}/{quote(valid, safe='')}", {"mailto": mailto} if mailto else {})


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
    message = _table(_table(_json(status, body, "Crossref")).get("message"))
    items = message.get("items") if "items" in message else [message]
    records = []
    for item in (_table(item) for item in _items(items)):
        title = _text(item.get("title"))
        if title is None:
            continue
        names = tuple(
            " ".join(part for part in (_text(a.get("given")), _text(a.get("family"))) if part)
            or _text(a.get("name"))
            or ""
            for a in map(_table, _items(item.get("author")))
        )
        year = None
        for key in ("published-print", "published-online", "issued", "published"):
            year = _year(_first(_first(_table(item.get(key)).get("date-parts"))))  # `[[null]]` happens
            if year is not None:
                break
        doi = valid_doi(_text(item.get("DOI")))
        kind = _text(item.get("type")) or ""
        records.append(
            Record(
                source="crossref",
                identifier=f"DOI {doi}" if doi else "Crossref",
                title=html.unescape(title),
                authors=names,
                venue=_text(item.get("container-title")),
                year=year,
                preprint=kind == "posted-content",
                url=doi_url(doi),
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
    records = []
    for paper in map(_table, _items(_table(_json(status, body, "Semantic Scholar")).get("data"))):
        title = _text(paper.get("title"))
        if title is None:
            continue
        venue = _text(paper.get("venue")) or ""
        ids = _table(paper.get("externalIds"))
        dblp, arxiv = _text(ids.get("DBLP")), _text(ids.get("ArXiv"))
        identifier = f"DBLP {dblp}" if dblp else f"Semantic Scholar {_text(paper.get('paperId')) or ''}"
        arxiv_id = _ARXIV_ID.fullmatch(arxiv or "")
        records.append(
            Record(
                source="semanticscholar",
                identifier=identifier,
                title=title,
                authors=tuple(
                    name for a in _items(paper.get("authors")) if (name := _text(_table(a).get("name")))
                ),
                venue=venue or None,
                year=_year(paper.get("year")),
                preprint=venue in ("", "arXiv.org"),
                url=doi_url(_text(ids.get("DOI")))
                or (f"https://arxiv.org/abs/{arxiv_id[1]}" if arxiv_id else None),
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


def parse(source: str, status: int, body: bytes) -> list[Record]:
    """The records in a source's answer; SourceError when it is no usable answer. The parsers take
    only the shapes they know and skip the rest; a shape that still slips through costs this one
    answer, never the run."""
    try:
        return PARSERS[source](status, body)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError, RecursionError) as error:
        raise SourceError(f"{source}: no usable answer ({type(error).__name__})") from None


PARSERS: Mapping[str, Parser] = {
    "dblp": parse_dblp,
    "arxiv": parse_arxiv,
    "crossref": parse_crossref,
    "semanticscholar": parse_semanticscholar,
}
