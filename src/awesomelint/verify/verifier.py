"""Finding each paper's record: identifiers first (an arXiv id, a DOI, an ACL Anthology id from the
entry's links), then a title search with the first author's surname, source by source until a
peer-reviewed record matches. Every source has its own gate (spacing, one connection), Retry-After is
honoured, each entry has a time budget, and answers are cached on disk (records for long, "no
record" for a day). Offline, only the cache answers."""

from __future__ import annotations

import asyncio
import math
import random
import re
import socket
import time
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar
from urllib.parse import urlsplit
from urllib.request import getproxies

import httpx

from ..evidence.matching import Wanted, choose
from ..evidence.records import Record, Verification, Verifications, normalized_title, surname
from ..evidence.verify_options import VerifyOptions
from ..links.body import UnsupportedEncoding, decoded_chunks
from ..links.guard import Address, Refused, vetted_address
from ..model import Entry
from ..net.cachefile import read_table, write_table
from ..net.gate import HostGate
from ..net.timing import retry_after, within
from ..venues import VenueTable
from . import sources
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
        self.entries: dict[str, dict[str, Any]] = {}
        self.warning: str | None = None
        if self.path is not None:
            found, self.warning = read_table(self.path, CACHE_FORMAT, CACHE_VERSION, "answers")
            self.entries = {key: entry for key, entry in found.items() if _answer(entry) is not None}
            if len(self.entries) < len(found) and self.warning is None:
                foreign = len(found) - len(self.entries)
                self.warning = f"{self.path}: {foreign} cache entries of another shape ignored"

    def get(self, request: Request) -> list[Record] | None:
        answer = _answer(self.entries.get(request.key))
        if answer is None:
            return None
        checked, records = answer
        limit = self.options.max_age if records else self.options.not_found_max_age
        return records if 0 <= time.time() - checked <= limit else None

    def put(self, request: Request, records: Sequence[Record]) -> None:
        self.entries[request.key] = {"checked": time.time(), "records": [r.to_dict() for r in records]}

    def save(self) -> None:
        if self.path is not None:
            write_table(self.path, CACHE_FORMAT, CACHE_VERSION, "answers", self.entries)


def _answer(entry: dict[str, Any] | None) -> tuple[float, list[Record]] | None:
    """A cached answer (when it was checked, its records), or None when the entry is not one."""
    if entry is None:
        return None
    checked, records = entry.get("checked"), entry.get("records")
    if not isinstance(checked, (int, float)) or not math.isfinite(checked) or not isinstance(records, list):
        return None
    try:
        return float(checked), [Record.from_dict(item) for item in records]
    except TypeError:
        return None


BREAKER = 3  # consecutive connection failures after which a source is down for the run
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class Tally:
    """What a run asked and got, for the summary line."""

    requests: Counter[str] = field(default_factory=Counter)
    cached: int = 0
    answered: int = 0  # answers with a usable status, from any source
    down: dict[str, str] = field(default_factory=dict)  # source -> why it is down for the run
    failures: list[str] = field(default_factory=list)  # the reasons of failed lookups, in order

    def unreachable(self) -> str | None:
        """Why no source could be asked at all, or None when one answered (or the cache did)."""
        if self.answered or self.cached or not self.failures:
            return None
        if self.down:
            return "; ".join(dict.fromkeys(self.down.values()))
        return "; ".join(list(dict.fromkeys(self.failures))[:3])


@dataclass
class Budget:
    """Seconds one entry (or one `add`) may spend on its own requests and on the waits its own
    answers ask for; the time spent waiting for its turn behind other entries is not counted."""

    seconds: float
    spent: float = 0.0

    @property
    def left(self) -> float:
        return self.seconds - self.spent


class OutOfBudget(SourceError):
    """The entry's time budget is spent."""


class Fetcher:
    """Requests to the sources: each through its gate, retried when the source asks to wait, bounded
    in time, kept at the configured endpoint's origin (no redirect elsewhere) and, when that
    endpoint is public, away from private addresses."""

    def __init__(self, options: VerifyOptions, cache: RecordCache) -> None:
        self.options, self.cache = options, cache
        self.tally = Tally()
        self._gates: dict[str, HostGate] = {}
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._failures: Counter[str] = Counter()  # consecutive connection failures by source
        self._private: dict[str, bool] = {}  # source -> whether its configured endpoint is private
        self._proxied = bool(getproxies())

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
                follow_redirects=False,  # followed by hand, to the same origin only
            )
        return self._clients[source]

    async def close(self) -> None:
        await asyncio.gather(*(client.aclose() for client in self._clients.values()))

    async def records(self, request: Request, budget: Budget) -> list[Record]:
        cached = self.cache.get(request)
        if cached is not None:
            self.tally.cached += 1
            return cached
        if self.options.offline:
            raise SourceError("not in the record cache (--offline)")
        records = sources.parse(request.source, *await self._get(request, budget))
        self.cache.put(request, records)
        return records

    async def _get(self, request: Request, budget: Budget) -> tuple[int, bytes]:
        source = request.source
        gate, client = self._gate(source), self._client(source)
        failure = f"{source}: no attempt"
        for attempt in range(self.options.retries + 1):
            if source in self.tally.down:
                raise SourceError(self.tally.down[source])
            if budget.left <= 0:
                raise OutOfBudget(failure)
            response: tuple[int, httpx.Headers, bytes] | None = None
            async with gate.turn():
                if source in self.tally.down:  # went down while this request waited for its turn
                    raise SourceError(self.tally.down[source])
                self.tally.requests[source] += 1
                started = time.monotonic()
                try:
                    response = await within(
                        min(self.options.timeout, budget.left), self._follow(client, request)
                    )
                except httpx.ConnectTimeout:
                    failure = self._connection_failed(source, "connection timed out")
                except (TimeoutError, asyncio.TimeoutError, httpx.TimeoutException):
                    failure = f"{self._host(source)} gave no answer in time"
                except (httpx.ConnectError, OSError, Refused) as error:
                    failure = self._connection_failed(source, _connect_cause(error))
                except (httpx.HTTPError, httpx.InvalidURL, UnsupportedEncoding, zlib.error) as error:
                    failure = f"{source}: {type(error).__name__} {error}".strip()
                finally:
                    budget.spent += time.monotonic() - started
            if response is not None:
                self._failures[source] = 0
                status, headers, body = response
                if status != 429 and status < 500:
                    self.tally.answered += 1
                    return status, body
                failure = f"{self._host(source)} answered HTTP {status}"
                wait = retry_after(headers)
                if wait is not None and attempt < self.options.retries:
                    wait = min(wait, self.options.retry_after_cap)
                    if wait >= budget.left:
                        raise OutOfBudget(f"{failure}, asking to wait {wait:g} s: more than the time left")
                    budget.spent += wait
                    gate.pause(wait)
                    continue
            if attempt < self.options.retries:
                pause = self.options.backoff * 2**attempt * random.uniform(0.5, 1.5)
                if pause >= budget.left:
                    break
                budget.spent += pause
                await asyncio.sleep(pause)
        raise SourceError(f"{failure} after {attempt + 1} attempt{'s' if attempt else ''}")

    def _host(self, source: str) -> str:
        return urlsplit(self.options.endpoint(source).url).hostname or source

    def _connection_failed(self, source: str, cause: str) -> str:
        """A request that reached no server: counted towards the source's circuit breaker."""
        reason = f"cannot reach {self._host(source)}: {cause}"
        self._failures[source] += 1
        if self._failures[source] >= BREAKER:
            self.tally.down[source] = reason
        return reason

    async def _follow(self, client: httpx.AsyncClient, request: Request) -> tuple[int, httpx.Headers, bytes]:
        """The answer at the end of the request's redirects, which stay at the endpoint's origin."""
        endpoint = httpx.URL(self.options.endpoint(request.source).url)
        url = httpx.URL(request.url, params=dict(request.params))
        for _ in range(MAX_REDIRECTS + 1):
            if (url.scheme, url.host, url.port) != (endpoint.scheme, endpoint.host, endpoint.port):
                raise SourceError(
                    f"{request.source}: a redirect to {url.scheme}://{url.host}, another origin, not followed"
                )
            status, headers, body = await self._send(client, request.source, url)
            location = headers.get("location")
            if status not in REDIRECTS or location is None:
                return status, headers, body
            url = url.join(location)
        raise SourceError(f"{request.source}: more than {MAX_REDIRECTS} redirects")

    async def _pinned(self, source: str, url: httpx.URL) -> Address | None:
        """The vetted address to connect to for the endpoint's host (Refused when it is private and
        the configured endpoint is not), or None to let the name be resolved as usual."""
        if self._proxied:
            return None  # the proxy resolves the name: nothing here to vet
        port = url.port or (443 if url.scheme == "https" else 80)
        if source not in self._private:
            try:
                await vetted_address(url.host, port, allowed=False)
                self._private[source] = False
            except Refused:
                self._private[source] = True  # a mirror or test server the user configured
        return await vetted_address(url.host, port, allowed=self._private[source])

    async def _send(
        self, client: httpx.AsyncClient, source: str, url: httpx.URL
    ) -> tuple[int, httpx.Headers, bytes]:
        """One GET; the answer read up to MAX_ANSWER decoded bytes (a service answers in kilobytes:
        more is a misconfigured endpoint, and is refused rather than held in memory)."""
        pinned = await self._pinned(source, url)
        headers: dict[str, str] = {}
        extensions: dict[str, str] = {}
        target = url
        if pinned is not None:
            # Connect to the vetted address; the server still sees the name (Host, TLS SNI).
            target = url.copy_with(host=str(pinned))
            headers["Host"] = url.netloc.decode("ascii")
            if url.scheme == "https":
                extensions["sni_hostname"] = url.host
        async with client.stream("GET", target, headers=headers, extensions=extensions) as response:
            if response.status_code == 429 or response.status_code >= 500:
                return response.status_code, response.headers, b""
            body = bytearray()
            encoding = response.headers.get("content-encoding", "")
            async for chunk in decoded_chunks(response.aiter_raw(), encoding, MAX_ANSWER + 1):
                body += chunk
            if len(body) > MAX_ANSWER:
                raise SourceError(f"{source}'s answer is over {MAX_ANSWER >> 20} MiB; is its url right?")
            return response.status_code, response.headers, bytes(body)


def _connect_cause(error: BaseException) -> str:
    """Why a connection failed, in a few words (`name not resolved`, `connection refused`)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(e, Refused) for e in chain):  # the link checker's flag is no cure here
        return str(next(e for e in chain if isinstance(e, Refused))).split(";")[0]
    if any(isinstance(e, socket.gaierror) for e in chain):
        return "name not resolved"
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in str(error).lower():
        return "connection refused"
    return str(error) or type(error).__name__


class Verifier:
    def __init__(self, options: VerifyOptions, venues: VenueTable, fetcher: Fetcher) -> None:
        self.options, self.venues, self.fetcher = options, venues, fetcher

    async def verify(self, entry: Entry) -> Verification:
        first = surname(entry.authors.names[0]) if entry.authors and entry.authors.names else None
        ids = identifiers(entry)
        return await self.find(replace(Wanted.of(entry), openreview=ids.openreview), first, ids)

    async def find(self, wanted: Wanted, first: str | None, ids: Identifiers) -> Verification:
        """The paper's record within the entry's time budget (see Budget)."""
        budget = Budget(self.options.entry_budget)
        try:
            return await self._find(wanted, first, ids, budget)
        except OutOfBudget as error:
            spent = f"{self.options.entry_budget:g} s"
            return Verification(
                "unavailable", reason=f"gave up after {spent} (the entry's time budget): {error}"
            )

    async def _find(
        self, wanted: Wanted, first: str | None, ids: Identifiers, budget: Budget
    ) -> Verification:
        """The paper's record: its identifiers asked first, then a title search source by source
        until a peer-reviewed record matches. ``first``: the first author's surname, for the query."""
        options = self.options
        asked: list[Request] = []
        if ids.arxiv:
            asked.append(sources.arxiv_by_id(options.endpoint("arxiv").url, ids.arxiv))
        if ids.doi and (
            by_doi := sources.crossref_by_doi(options.endpoint("crossref").url, ids.doi, options.mailto)
        ):
            asked.append(by_doi)
        found: list[Record] = []
        errors: list[str] = []
        answered: list[str] = []
        for request in asked:
            await self._ask(request, found, errors, answered, budget)
        if not wanted.title and found:  # only an identifier was given (`add`): its record names the paper
            first_found = found[0]
            wanted = Wanted(first_found.title, first_found.authors)
            first = surname(first_found.authors[0]) if first_found.authors else None
        if not wanted.title:
            if answered:
                return Verification("not-found", searched=tuple(answered))
            reason = "; ".join(dict.fromkeys(errors)) or "no title and no identifier to look up"
            return Verification("unavailable", reason=reason)
        if not normalized_title(wanted.title):
            return Verification("unavailable", reason="no Latin letters or digits in the title to search for")
        for source in options.sources:
            before = len(found)
            await self._ask(self._search(source, wanted.title, first), found, errors, answered, budget)
            if source == "dblp" and first and len(found) == before and answered[-1:] == ["dblp"]:
                # DBLP matches every word, the author's too: a misspelled name finds nothing.
                await self._ask(self._search(source, wanted.title, None), found, errors, answered, budget)
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
        self, request: Request, found: list[Record], errors: list[str], answered: list[str], budget: Budget
    ) -> None:
        try:
            found.extend(await self.fetcher.records(request, budget))
            answered.append(request.source)
        except OutOfBudget:
            raise
        except SourceError as error:
            errors.append(str(error))
            self.fetcher.tally.failures.append(str(error))


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


def run_problem(tally: Tally, options: VerifyOptions, papers: int) -> str | None:
    """Why a run checked none of its ``papers`` (the command then stops with exit code 2), or None."""
    if not papers or tally.cached or tally.answered:
        return None
    if options.offline:
        return "--offline: the record cache holds none of these papers; run verify once without --offline"
    return tally.unreachable()


class Progress:
    """What `verify` says while it runs, through ``write(text, terminal)``: on a terminal one line kept
    current (papers done and an estimate of the time left); elsewhere, as in CI, such a line once a
    minute, so that a long run is seen to move without filling the log."""

    def __init__(
        self,
        write: Callable[[str, bool], None],
        terminal: bool,
        every: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.write, self.terminal, self.every, self.clock = write, terminal, every, clock
        self.start = self.last = clock()

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if not self.terminal and (now - self.last < self.every or done == total):
            return
        self.last = now
        left = (now - self.start) / done * (total - done) if done else 0.0
        estimate = f", about {_duration(left)} left" if done < total and now > self.start else ""
        self.write(f"papers {done}/{total}{estimate}", self.terminal)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"
