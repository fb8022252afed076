"""Bibliographic services on 127.0.0.1 for the `verify` and `add` tests: DBLP, arXiv, Crossref and
Semantic Scholar answering from a table of papers, in the formats and with the quirks the research
notes document (DBLP: no `hit` for zero results, a single author as an object, `ee` as a list, `@score`
strings; arXiv: the 2025 feed and the older one, the error entry; Crossref: `[[null]]` dates, 404 in
plain text; Semantic Scholar: 404 when no title matches)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from .servers import Handler, Record, Route, serve


@dataclass(frozen=True)
class Paper:
    title: str
    authors: tuple[str, ...]
    venue: str  # DBLP's venue string
    year: int
    key: str  # DBLP key
    kind: str = "Conference and Workshop Papers"
    arxiv: str | None = None
    doi: str | None = None
    container: str | None = None  # Crossref's container title
    s2_venue: str | None = None


# The seed's papers as the real records give them (dblp.org, arxiv.org).
MAD_X = Paper(
    "MAD-X: An Adapter-Based Framework for Multi-Task Cross-Lingual Transfer.",
    ("Jonas Pfeiffer", "Ivan Vulic", "Iryna Gurevych", "Sebastian Ruder"),
    "EMNLP (1)",
    2020,
    "conf/emnlp/PfeifferVGR20",
    doi="10.18653/v1/2020.emnlp-main.617",
    s2_venue="Conference on Empirical Methods in Natural Language Processing",
)
MAD_X_PREPRINT = Paper(
    "MAD-X: An Adapter-based Framework for Multi-task Cross-lingual Transfer.",
    MAD_X.authors,
    "CoRR",
    2020,
    "journals/corr/abs-2005-00052",
    kind="Informal and Other Publications",
    arxiv="2005.00052",
)
DIFF_PRUNING = Paper(
    "Parameter-Efficient Transfer Learning with Diff Pruning.",
    ("Demi Guo", "Alexander M. Rush", "Yoon Kim"),
    "ACL/IJCNLP (1)",
    2021,
    "conf/acl/GuoRK20",
    doi="10.18653/v1/2021.acl-long.378",
)
HYPERNETWORKS = Paper(
    "Parameter-efficient Multi-task Fine-tuning for Transformers via Shared Hypernetworks.",
    ("Rabeeh Karimi Mahabadi", "Sebastian Ruder", "Mostafa Dehghani 0001", "James Henderson"),
    "ACL/IJCNLP (1)",
    2021,
    "conf/acl/MahabadiR0H20",
    doi="10.18653/v1/2021.acl-long.47",
)
DARK_SECRETS = Paper(
    "Revealing the Dark Secrets of BERT.",
    ("Olga Kovaleva", "Alexey Romanov", "Anna Rogers", "Anna Rumshisky"),
    "EMNLP/IJCNLP (1)",
    2019,
    "conf/emnlp/KovalevaRRR19",
    doi="10.18653/v1/D19-1445",
)
SEED_PAPERS = (MAD_X, MAD_X_PREPRINT, DIFF_PRUNING, HYPERNETWORKS, DARK_SECRETS)


def _words(text: str) -> list[str]:
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    return re.sub(r"[^a-z0-9]+", " ", folded).split()


def _query(handler: Handler) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}


def _send_json(handler: Handler, data: object, status: int = 200) -> None:
    handler.reply(status, json.dumps(data).encode(), {"Content-Type": "application/json"})


def dblp(papers: Sequence[Paper], limited: int = 0) -> Route:
    """DBLP's publication search: every query word a prefix of a word of the title or an author.
    The first ``limited`` requests get a 429 with Retry-After."""

    def route(h: Handler, method: str, count: int) -> None:
        if count <= limited:
            h.reply(429, b"", {"Retry-After": "1"})
            return
        terms = _words(_query(h).get("q", ""))
        hits = []
        for paper in papers:
            words = _words(paper.title) + [w for a in paper.authors for w in _words(a)]
            if terms and all(any(w.startswith(t) for w in words) for t in terms):
                authors = [{"@pid": str(i), "text": a} for i, a in enumerate(paper.authors)]
                info = {
                    "authors": {"author": authors[0] if len(authors) == 1 else authors},
                    "title": paper.title,
                    "venue": paper.venue,
                    "year": str(paper.year),
                    "type": paper.kind,
                    "key": paper.key,
                    "url": f"https://dblp.org/rec/{paper.key}",
                }
                if paper.doi:
                    info["doi"] = paper.doi
                    info["ee"] = [f"https://doi.org/{paper.doi}", "https://aclanthology.org/x"]
                elif paper.arxiv:
                    info["ee"] = f"https://arxiv.org/abs/{paper.arxiv}"
                hits.append({"@score": "9", "@id": str(len(hits)), "info": info})
        found: dict[str, object] = {"@total": str(len(hits)), "@sent": str(len(hits)), "@first": "0"}
        if hits:
            found["hit"] = hits  # with zero results there is no `hit` key at all
        _send_json(h, {"result": {"query": " ".join(terms), "status": {"@code": "200"}, "hits": found}})

    return route


_NEW_FEED = (
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">'
    "<title>arXiv Query: x</title><opensearch:totalResults>{n}</opensearch:totalResults>{entries}</feed>"
)
_OLD_FEED = (
    '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    '<opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{n}'
    "</opensearch:totalResults>{entries}</feed>"
)


def arxiv(papers: Sequence[Paper], old_format: bool = False) -> Route:
    def entry(paper: Paper) -> str:
        authors = "".join(f"<author><name>{a}</name></author>" for a in paper.authors)
        ns = ' xmlns:arxiv="http://arxiv.org/schemas/atom"' if old_format else ""
        return (
            f"<entry><title>{paper.title.removesuffix('.')}</title>{authors}"
            f"<id>http://arxiv.org/abs/{paper.arxiv}v2</id>"
            f"<published>{paper.year}-05-01T17:00:00Z</published>"
            f"<arxiv:comment{ns}>EMNLP 2020</arxiv:comment></entry>"
        )

    def route(h: Handler, method: str, count: int) -> None:
        query = _query(h)
        wanted = query.get("id_list")
        if wanted is not None and not re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", wanted):
            body = (
                f"<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_{wanted}</id>"
                f"<title>Error</title><summary>incorrect id format for {wanted}</summary></entry>"
            )
            found = [body]
        else:
            found = [entry(p) for p in papers if p.arxiv and p.arxiv == (wanted or "").split("v")[0]]
        feed = _OLD_FEED if old_format else _NEW_FEED
        text = feed.format(n=len(found), entries="".join(found))
        h.reply(200, text.encode(), {"Content-Type": "application/atom+xml"})

    return route


def crossref(papers: Sequence[Paper]) -> Route:
    def item(paper: Paper) -> dict[str, object]:
        authors = [
            {"given": " ".join(a.split()[:-1]), "family": a.split()[-1], "sequence": "additional"}
            for a in paper.authors
        ]
        return {
            "DOI": paper.doi,
            "type": "proceedings-article",
            "score": 3.37,
            "title": [paper.title.removesuffix(".")],
            "container-title": [paper.container or f"Proceedings of {paper.venue}"],
            "author": authors,
            "published-print": {"date-parts": [[None]]},  # happens: the next date is used
            "issued": {"date-parts": [[paper.year, 11]]},
        }

    def route(h: Handler, method: str, count: int) -> None:
        path = unquote(urlsplit(h.path).path)
        doi = path.split("/works/", 1)[1] if "/works/" in path else None
        if doi is not None:
            found = [p for p in papers if p.doi and p.doi.lower() == doi.lower()]
            if not found:
                h.reply(404, b"Resource not found.", {"Content-Type": "text/plain"})
                return
            _send_json(h, {"status": "ok", "message-type": "work", "message": item(found[0])})
            return
        wanted = _words(_query(h).get("query.bibliographic", ""))
        items = [item(p) for p in papers if p.doi and _words(p.title) == wanted]
        _send_json(h, {"status": "ok", "message": {"total-results": len(items), "items": items}})

    return route


def semanticscholar(papers: Sequence[Paper]) -> Route:
    def route(h: Handler, method: str, count: int) -> None:
        wanted = _words(_query(h).get("query", ""))
        for paper in papers:
            if _words(paper.title) == wanted and paper.kind != "Informal and Other Publications":
                data = {
                    "paperId": "6fe8" + paper.key.replace("/", ""),
                    "externalIds": {"DBLP": paper.key, "DOI": paper.doi},
                    "title": paper.title.removesuffix("."),
                    "venue": paper.s2_venue or paper.venue,
                    "year": paper.year,
                    "authors": [{"authorId": str(i), "name": a} for i, a in enumerate(paper.authors)],
                    "matchScore": 109.2,
                }
                _send_json(h, {"data": [data]})
                return
        _send_json(h, {"error": "Title match not found"}, status=404)

    return route


@contextmanager
def services(
    papers: Sequence[Paper] = SEED_PAPERS, dblp_limited: int = 0, old_arxiv: bool = False
) -> Iterator[tuple[str, Record]]:
    """The four services on one local server; yields the `verify` configuration table (TOML) that
    points at them, with small spacings, and the server's record of requests."""
    routes = {
        "/dblp/search/publ/api": dblp(papers, dblp_limited),
        "/arxiv/api/query": arxiv(papers, old_arxiv),
        "/s2/graph/v1/paper/search/match": semanticscholar(papers),
        "*": crossref(papers),
    }
    with serve(routes) as (base, record):
        table = (
            "[verify]\n"
            'cache = ".awesomelint-cache/records.json"\n'
            f'dblp = {{ url = "{base}/dblp/search/publ/api", interval = "50ms" }}\n'
            f'arxiv = {{ url = "{base}/arxiv/api/query", interval = "50ms" }}\n'
            f'crossref = {{ url = "{base}/crossref/works", interval = "10ms" }}\n'
            f'semanticscholar = {{ url = "{base}/s2/graph/v1", interval = "10ms" }}\n'
        )
        yield table, record
