"""Finding each paper's record: identifiers first (an arXiv id, a DOI, an ACL Anthology id from the
entry's links), then a title search with the first author's surname, source by source until a
peer-reviewed record matches. Every source has its own gate (spacing, one connection), Retry-After is
honoured, each entry has a time budget, and answers are cached on disk (records for long, "no
record" for a day). Offline, only the cache answers."""

from __future__ import annotations

import asyncio
import random
import re
import time
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import httpx

from ..links.body import UnsupportedEncoding, decoded_chunks
from ..model import Entry
from ..net.cachefile import read_table, write_table
from ..net.gate import HostGate
from ..net.timing import retry_after, within
from ..venues import VenueTable
from . import sources
from .match import Wanted, choose
from .options import VerifyOptions
from .record import Record, Verification, Verifications, normalized_title, surname
from .sources import Request, SourceError

_ARXIV_LINK = re.compile(
    r"arxiv\.org/(?:abs|pdf|html)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))", re.I
)
# A DOI in a doi.org or publisher URL (`dl.acm.org/doi/10.1145/...`, `link.springer.com/chapter/10.1007/...`).
_DOI = re.compile(r"/(10\.\d{4,9}/[^\s?#]+)", re.I)
_OPENREVIEW = re.compile(r"openreview\.net/(?:forum|pdf)\?(?:.*&)?id=([\w-]+)", re.I)
_ACL_ANTHOLOGY = re.compile(r"aclanthology\.org/([A-Z]?\d{2}-\d{4}|\d{4}\.[a-z0-9-]+\.\d+)", re.I)

T = TypeVar("T")

MAX_ANSWER = 16 * 2**20
CACHE_FORMAT = "awesomelint-record-cache"
CACHE_VERSION = 1


@dataclass(frozen=True)
class Identifiers:
    arxiv: str | None = None
    doi: str | None = None
    openreview: str | None = None  # no source looks it up; it proves a record whose link holds it


def identifiers(entry: Entry) -> Identifiers:
    """The paper's identifiers, read from its own links."""
    return identifiers_in(link.url for link in entry.own_links)


def identifiers_in(urls: Iterable[str]) -> Identifiers:
    """The first arXiv id, DOI (an ACL Anthology id is one) and OpenReview id in these URLs."""
    arxiv = doi = openreview = None
    for url in urls:
        if arxiv is None and (found := _ARXIV_LINK.search(url)):
            arxiv = found[1]
        if doi is None and (found := _ACL_ANTHOLOGY.search(url)):
            doi = f"10.18653/v1/{found[1]}"  # the ACL Anthology's DOIs are its ids
        if doi is None and "arxiv.org" not in url.lower() and (found := _DOI.search(url)):
            doi = found[1].removesuffix(".pdf").removesuffix("/full").removesuffix("/abstract")
        if openreview is None and (found := _OPENREVIEW.search(url)):
            openreview = found[1]
    return Identifiers(arxiv, doi, openreview)


class RecordCache:
    def __init__(self, options: VerifyOptions) -> None:
        self.path = options.cache
        self.options = options
        self.entries, self.warning = (
            read_table(self.path, CACHE_FORMAT, CACHE_VERSION, "answers") if self.path else ({}, None)
        )

    def get(self, request: Request) -> list[Record] | None:
        entry = self.entries.get(request.key)
        if entry is None:
            return None
        try:
            records = [Record.from_dict(item) for item in entry["records"]]
            age = time.time() - float(entry["checked"])
        except (KeyError, TypeError, ValueError):
            return None
        limit = self.options.max_age if records else self.options.not_found_max_age
        return records if 0 <= age <= limit else None

    def put(self, request: Request, records: Sequence[Record]) -> None:
        self.entries[request.key] = {"checked": time.time(), "records": [r.to_dict() for r in records]}

    def save(self) -> None:
        if self.path is not None:
            write_table(self.path, CACHE_FORMAT, CACHE_VERSION, "answers", self.entries)


@dataclass
class Tally:
    """What a run asked and got, for the summary line."""

    requests: Counter[str] = field(default_factory=Counter)
    cached: int = 0


class Fetcher:
    """Requests to the sources: each through its gate, retried when the source asks to wait."""

    def __init__(self, options: VerifyOptions, cache: RecordCache) -> None:
        self.options, self.cache = options, cache
        self.tally = Tally()
        self._gates: dict[str, HostGate] = {}
        self._clients: dict[str, httpx.AsyncClient] = {}

    def _gate(self, source: str) -> HostGate:
        if source not in self._gates:
            endpoint = self.options.endpoint(source)
            self._gates[source] = HostGate(endpoint.connections, endpoint.interval)
        return self._gates[source]

    def _client(self, source: str) -> httpx.AsyncClient:
        if source not in self._clients:
            headers = {
                "User-Agent": self.options.user_agent,
                "Accept": "application/json, */*;q=0.5",
                "Accept-Encoding": "gzip, deflate",  # what decoded_chunks decodes within its bound
            }
            if source == "semanticscholar" and self.options.api_key:
                headers["x-api-key"] = self.options.api_key
            connections = self.options.endpoint(source).connections
            self._clients[source] = httpx.AsyncClient(
                timeout=self.options.timeout,
                headers=headers,
                limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
                follow_redirects=True,
            )
        return self._clients[source]

    async def close(self) -> None:
        await asyncio.gather(*(client.aclose() for client in self._clients.values()))

    async def records(self, request: Request) -> list[Record]:
        cached = self.cache.get(request)
        if cached is not None:
            self.tally.cached += 1
            return cached
        if self.options.offline:
            raise SourceError("not in the cache (offline)")
        records = sources.PARSERS[request.source](*await self._get(request))
        self.cache.put(request, records)
        return records

    async def _get(self, request: Request) -> tuple[int, bytes]:
        gate, client = self._gate(request.source), self._client(request.source)
        for attempt in range(self.options.retries + 1):
            response: tuple[int, httpx.Headers, bytes] | None = None
            async with gate.turn():
                self.tally.requests[request.source] += 1
                try:
                    response = await self._send(client, request)
                except (httpx.HTTPError, UnsupportedEncoding, zlib.error) as error:
                    failure = f"{request.source}: {type(error).__name__} {error}".strip()
            if response is not None:
                status, headers, body = response
                if status != 429 and status < 500:
                    return status, body
                failure = f"{request.source} answered HTTP {status}"
                wait = retry_after(headers)
                if wait is not None and attempt < self.options.retries:
                    gate.pause(min(wait, self.options.retry_after_cap))
                    continue
            if attempt < self.options.retries:
                await asyncio.sleep(self.options.backoff * 2**attempt * random.uniform(0.5, 1.5))
        raise SourceError(f"{failure} after {self.options.retries + 1} attempts")

    async def _send(self, client: httpx.AsyncClient, request: Request) -> tuple[int, httpx.Headers, bytes]:
        """One GET; the answer read up to MAX_ANSWER decoded bytes (a service answers in kilobytes:
        more is a misconfigured endpoint, and is refused rather than held in memory)."""
        async with client.stream("GET", request.url, params=dict(request.params)) as response:
            if response.status_code == 429 or response.status_code >= 500:
                return response.status_code, response.headers, b""
            body = bytearray()
            encoding = response.headers.get("content-encoding", "")
            async for chunk in decoded_chunks(response.aiter_raw(), encoding, MAX_ANSWER + 1):
                body += chunk
            if len(body) > MAX_ANSWER:
                raise SourceError(
                    f"{request.source}'s answer is over {MAX_ANSWER >> 20} MiB; is its url right?"
                )
            return response.status_code, response.headers, bytes(body)


class Verifier:
    def __init__(self, options: VerifyOptions, venues: VenueTable, fetcher: Fetcher) -> None:
        self.options, self.venues, self.fetcher = options, venues, fetcher

    async def verify(self, entry: Entry) -> Verification:
        try:
            return await within(self.options.entry_budget, self._verify(entry))
        except (TimeoutError, asyncio.TimeoutError):  # distinct classes before Python 3.11
            budget = f"{self.options.entry_budget:g} s"
            return Verification("unavailable", reason=f"gave up after {budget} (the entry's time budget)")

    async def _verify(self, entry: Entry) -> Verification:
        first = surname(entry.authors.names[0]) if entry.authors and entry.authors.names else None
        ids = identifiers(entry)
        return await self.find(replace(Wanted.of(entry), openreview=ids.openreview), first, ids)

    async def find(self, wanted: Wanted, first: str | None, ids: Identifiers) -> Verification:
        """The paper's record: its identifiers asked first, then a title search source by source
        until a peer-reviewed record matches. ``first``: the first author's surname, for the query."""
        options = self.options
        asked: list[Request] = []
        if ids.arxiv:
            asked.append(sources.arxiv_by_id(options.endpoint("arxiv").url, ids.arxiv))
        if ids.doi:
            asked.append(sources.crossref_by_doi(options.endpoint("crossref").url, ids.doi, options.mailto))
        found: list[Record] = []
        errors: list[str] = []
        answered: list[str] = []
        for request in asked:
            await self._ask(request, found, errors, answered)
        if not wanted.title and found:  # only an identifier was given (`add`): its record names the paper
            first_found = found[0]
            wanted = Wanted(first_found.title, first_found.authors)
            first = surname(first_found.authors[0]) if first_found.authors else None
        if not wanted.title:
            reason = "; ".join(dict.fromkeys(errors)) or "no title and no identifier to look up"
            return Verification("unavailable", reason=reason)
        if not normalized_title(wanted.title):
            return Verification("unavailable", reason="no Latin letters or digits in the title to search for")
        for source in options.sources:
            before = len(found)
            await self._ask(self._search(source, wanted.title, first), found, errors, answered)
            if source == "dblp" and first and len(found) == before and answered[-1:] == ["dblp"]:
                # DBLP matches every word, the author's too: a misspelled name finds nothing.
                await self._ask(self._search(source, wanted.title, None), found, errors, answered)
            chosen = choose(wanted, found, self.venues, tuple(answered))
            if chosen.status == "matched" and chosen.record is not None and not chosen.record.preprint:
                return chosen
        if not answered:
            return Verification("unavailable", reason="; ".join(dict.fromkeys(errors)))
        return choose(wanted, found, self.venues, tuple(dict.fromkeys(answered)))

    def _search(self, source: str, title: str, author: str | None) -> Request:
        url = self.options.endpoint(source).url
        if source == "dblp":
            return sources.dblp_search(url, title, author)
        if source == "arxiv":
            return sources.arxiv_search(url, title, author)
        if source == "crossref":
            return sources.crossref_search(url, title, author, self.options.mailto)
        return sources.semanticscholar_search(url, title, author)

    async def _ask(
        self, request: Request, found: list[Record], errors: list[str], answered: list[str]
    ) -> None:
        try:
            found.extend(await self.fetcher.records(request))
            answered.append(request.source)
        except SourceError as error:
            errors.append(str(error))


def _with_cache(
    options: VerifyOptions, work: Callable[[Fetcher], Awaitable[T]]
) -> tuple[T, Tally, str | None]:
    """Run ``work`` with a fetcher over the record cache; its result, what was asked, and a cache
    warning if any."""
    cache = RecordCache(options)

    async def run() -> tuple[T, Tally]:
        fetcher = Fetcher(options, cache)
        try:
            return await work(fetcher), fetcher.tally
        finally:
            await fetcher.close()

    warning = cache.warning
    try:
        result, tally = asyncio.run(run())
    finally:  # answers already fetched are kept, even when the run is interrupted (Ctrl-C)
        try:
            cache.save()
        except OSError as error:
            warning = f"{cache.path}: the record cache could not be written ({error.strerror})"
    return result, tally, warning


def verify_entries(
    entries: Iterable[Entry],
    options: VerifyOptions,
    venues: VenueTable,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Verifications, Tally, str | None]:
    """Verify the paper entries; the outcomes, what was asked, and a cache warning if any.
    ``progress(done, total)`` is called as each entry is settled."""
    papers = [e for e in entries if e.kind == "paper" and e.title is not None]
    done = 0

    async def work(fetcher: Fetcher) -> list[Verification]:
        verifier = Verifier(options, venues, fetcher)

        async def one(entry: Entry) -> Verification:
            nonlocal done
            outcome = await verifier.verify(entry)
            done += 1
            if progress is not None:
                progress(done, len(papers))
            return outcome

        return list(await asyncio.gather(*(one(e) for e in papers)))

    outcomes, tally, warning = _with_cache(options, work)
    verifications = Verifications()
    for entry, outcome in zip(papers, outcomes, strict=True):
        verifications.add(entry.title.text if entry.title else "", outcome)
    return verifications, tally, warning


def look_up(
    wanted: Wanted, first: str | None, ids: Identifiers, options: VerifyOptions, venues: VenueTable
) -> tuple[Verification, str | None]:
    """One paper's record (`add`), and a cache warning if any."""

    async def work(fetcher: Fetcher) -> Verification:
        return await Verifier(options, venues, fetcher).find(wanted, first, ids)

    outcome, _, warning = _with_cache(options, work)
    return outcome, warning
