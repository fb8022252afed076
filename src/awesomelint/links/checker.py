"""The asynchronous link checker: exact, polite, safe.

- Global and per-host concurrency, a minimum interval between request starts per host, on every hop.
- HEAD first; a streamed GET on any non-2xx answer or error except a timeout. A page whose title
  matters is fetched with GET and read only up to a bound; no other body is read.
- Redirects followed by hand, each hop throttled and checked by the address guard, loops detected.
- Retries with exponential backoff and jitter on 5xx, 408, 429, timeouts and resets; Retry-After (in
  seconds or as an HTTP date) pauses the whole host, capped. A slower last pass for links that got 429.
- Every wait is bounded, and every network fault becomes a verdict.
"""

from __future__ import annotations

import asyncio
import random
import re
import ssl
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies

import httpx

from ..evidence.link_options import LinkOptions
from ..evidence.links import LinkResult, link_key
from ..net.gate import Gates
from ..net.timing import retry_after, within
from ..net.transport import H11Transport
from .body import UnsupportedEncoding, decoded_chunks
from .cache import LinkCache
from .guard import Address, Refused, vetted_address
from .title import head_complete, page_titles

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
BROKEN = frozenset({404, 410})
BOT_WALLS = frozenset({401, 403, 999})

Progress = Callable[[int, int, list[str]], None]
T = TypeVar("T")


@dataclass
class _Answer:
    status: int
    headers: httpx.Headers
    titles: list[str] = field(default_factory=list)
    bytes_read: int = 0


class _Failure(Exception):
    def __init__(self, verdict: str, reason: str, retry: bool = False) -> None:
        super().__init__(reason)
        self.verdict, self.reason, self.retry = verdict, reason, retry


def _classify_connect_error(error: Exception) -> _Failure:
    text = str(error) or type(error).__name__
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(e, ssl.SSLError) for e in chain) or re.search(r"SSL|TLS|certificate", text, re.I):
        return _Failure("broken", f"TLS failure: {text}")
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in text.lower():
        return _Failure("broken", "connection refused")
    if re.search(r"name or service not known|nodename nor servname|getaddrinfo|no address", text, re.I):
        return _Failure("broken", f"DNS failure: {text}")
    return _Failure("unverifiable", f"cannot connect: {text}", retry=True)


class Checker:
    def __init__(self, options: LinkOptions, progress: Progress | None = None) -> None:
        self.options = options
        self.progress = progress
        self._gates = Gates(options.per_host, options.interval)
        self._slots = asyncio.Semaphore(options.concurrency)
        self._exclude = [re.compile(p) for p in options.exclude]
        self._include = [re.compile(p) for p in options.include_only]
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._ssl: ssl.SSLContext | None = None
        proxies = getproxies()  # as httpx's client reads the environment (`no` alone names none)
        self._proxied = any(proxies.get(scheme) for scheme in ("http", "https", "all"))
        self._active: dict[str, int] = {}

    # -- running --------------------------------------------------------------------------------------

    async def run(self, wanted: Mapping[str, bool], cache: LinkCache | None = None) -> dict[str, LinkResult]:
        """Check every URL (key -> whether its page title matters); results by URL."""
        results: dict[str, LinkResult] = {}
        pending: dict[str, bool] = {}
        for url, title in wanted.items():
            cached = cache.get(url, self.options) if cache is not None else None
            if cached is not None:
                results[url] = cached
            else:
                pending[url] = title
        if self.options.offline:
            results.update({url: LinkResult(url, "skipped", "offline") for url in pending})
            return results
        try:
            done = len(results)
            total = len(wanted)

            async def one(url: str, title: bool) -> None:
                nonlocal done
                results[url] = await self.check_within_budget(url, title)
                done += 1
                if self.progress is not None:
                    self.progress(done, total, sorted(h for h, n in self._active.items() if n))

            await asyncio.gather(*(one(url, title) for url, title in pending.items()))
            limited = [url for url in pending if results[url].status == 429]
            if limited:
                await self._slow_pass(limited, pending, results)
        finally:
            await asyncio.gather(*(client.aclose() for client in self._clients.values()))
            self._clients.clear()
        if cache is not None:
            for url in pending:
                cache.put(results[url])
        return results

    async def _slow_pass(
        self, urls: list[str], wanted: Mapping[str, bool], results: dict[str, LinkResult]
    ) -> None:
        """Links that were rate-limited get one more, gentle try: one request per host at a time."""
        self._gates = Gates(1, max(1.0, 4 * self.options.interval))
        gentle = self.options._replace(retries=1)
        original, self.options = self.options, gentle
        try:
            retried = await asyncio.gather(*(self.check_within_budget(url, wanted[url]) for url in urls))
        finally:
            self.options = original
        for url, result in zip(urls, retried, strict=True):
            result.attempts += results[url].attempts
            results[url] = result

    def _client(self, host: str) -> httpx.AsyncClient:
        """One client per host: its cookies and connections stay with that host (the gates bound how
        many), and no request looks through another host's."""
        client = self._clients.get(host)
        if client is None:
            per_host, proxied = self.options.per_host, self._proxied
            client = self._clients[host] = httpx.AsyncClient(
                # httpx honours the proxies the environment names only with its own transport
                transport=None if proxied else H11Transport(self._tls, keep_idle=per_host),
                verify=self._tls() if proxied else True,
                limits=httpx.Limits(max_connections=per_host, max_keepalive_connections=per_host),
                follow_redirects=False,
                timeout=httpx.Timeout(self.options.timeout, connect=self.options.connect_timeout),
                headers={
                    "User-Agent": self.options.user_agent,
                    "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                    "Accept-Encoding": "gzip, deflate",  # what body.py decodes within its bound
                },
            )
        return client

    def _tls(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = httpx.create_ssl_context()
            if self.options.ca_file:
                self._ssl.load_verify_locations(cafile=self.options.ca_file)
        return self._ssl

    # -- one URL --------------------------------------------------------------------------------------

    def _skipped(self, url: str) -> str | None:
        if any(p.search(url) for p in self._exclude):
            return "excluded by configuration"
        if self._include and not any(p.search(url) for p in self._include):
            return "not matched by include-only"
        return None

    async def check_within_budget(self, url: str, wants_title: bool) -> LinkResult:
        """Check one link; whatever goes wrong, and however long its retries and pauses would take
        past the link's time budget, the answer is that link's verdict, never the run's end."""
        budget = self.options.link_budget
        try:
            return await within(budget, self.check(url, wants_title))
        except (TimeoutError, asyncio.TimeoutError):  # distinct classes before Python 3.11
            return LinkResult(url, "unverifiable", f"gave up after {budget:g} s (the link's time budget)")
        except Exception as error:  # one link's fault never ends the run
            return LinkResult(url, "unverifiable", f"cannot check: {type(error).__name__}: {error}")

    async def check(self, url: str, wants_title: bool) -> LinkResult:
        reason = self._skipped(url)
        if reason is not None:
            return LinkResult(url, "skipped", reason)
        result = LinkResult(url, "unverifiable")
        current, seen = url, {url}
        method = "GET" if wants_title and self.options.check_titles else "HEAD"
        for _ in range(self.options.max_redirects + 1):
            try:
                answer, method = await self._hop(current, method, wants_title, result)
            except _Failure as failure:
                result.verdict, result.reason = failure.verdict, failure.reason  # type: ignore[assignment]
                result.final_url = current if current != url else None
                return result
            location = answer.headers.get("location")
            if answer.status in REDIRECTS and location:
                following = link_key(urljoin(current, location))
                if following is None:
                    return self._finish(result, answer, current, url, f"redirect to a non-web URL {location}")
                result.chain.append((answer.status, following))
                if following in seen:
                    result.verdict, result.reason = "broken", f"redirect loop back to {following}"
                    return result
                seen.add(following)
                current = following
                continue
            return self._finish(result, answer, current, url)
        result.verdict, result.reason = "broken", f"more than {self.options.max_redirects} redirects"
        return result

    def _finish(
        self, result: LinkResult, answer: _Answer, current: str, url: str, note: str = ""
    ) -> LinkResult:
        result.status = answer.status
        result.titles = answer.titles
        result.final_url = current if current != url else None
        status = answer.status
        if self.options.accepts(status) and not note:
            permanent = any(code in PERMANENT for code, _ in result.chain)
            result.verdict = "redirected" if permanent else "ok"
            result.reason = f"moved permanently to {current}" if permanent else ""
        elif status in BROKEN:
            result.verdict, result.reason = "broken", f"HTTP {status}"
        elif status == 429:
            result.verdict, result.reason = (
                "unverifiable",
                f"rate limited (429) after {result.attempts} attempts",
            )
        elif status in BOT_WALLS:
            result.verdict, result.reason = (
                "unverifiable",
                f"HTTP {status}: the site refuses automated checks",
            )
        else:
            result.verdict, result.reason = "unverifiable", note or f"HTTP {status}"
        return result

    async def _hop(self, url: str, method: str, wants_title: bool, result: LinkResult) -> tuple[_Answer, str]:
        """One URL of the chain: HEAD, then GET when HEAD gave no 2xx (or failed, but for a timeout)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        allowed = self.options.allow_private or host in self.options.allow_private_hosts
        try:
            pinned = await within(
                self.options.connect_timeout,
                vetted_address(host, parts.port or (443 if parts.scheme == "https" else 80), allowed),
            )
        except Refused as refused:
            raise _Failure("unverifiable", f"refused to fetch: {refused}") from None
        except (OSError, UnicodeError) as error:
            raise _Failure("broken", f"DNS failure: cannot resolve {host} ({error})") from None
        except (TimeoutError, asyncio.TimeoutError):  # distinct classes before Python 3.11
            raise _Failure("unverifiable", f"DNS lookup of {host} timed out") from None
        if method == "HEAD":
            try:
                answer = await self._request("HEAD", url, False, result, pinned)
            except _Failure as failure:
                if failure.reason.startswith("timeout"):
                    raise
            else:
                if self.options.accepts(answer.status) or answer.status in REDIRECTS:
                    return answer, "HEAD"
        return await self._request("GET", url, wants_title, result, pinned), "GET"

    async def _request(
        self, method: str, url: str, wants_title: bool, result: LinkResult, pinned: Address | None
    ) -> _Answer:
        host = (urlsplit(url).hostname or "").lower()
        gate = self._gates[host]
        self._client(host)  # set up before taking a turn, so a turn is spent only on sending
        retries = self.options.retries
        for attempt in range(retries + 1):
            result.attempts += 1
            failure: _Failure | None = None
            answer: _Answer | None = None
            async with gate.turn(), self._slots:
                self._active[host] = self._active.get(host, 0) + 1
                try:
                    answer = await within(self.options.timeout, self._send(method, url, wants_title, pinned))
                except (TimeoutError, asyncio.TimeoutError):  # distinct classes before Python 3.11
                    failure = _Failure(
                        "unverifiable", f"timeout after {self.options.timeout:g} s", retry=True
                    )
                except httpx.TimeoutException:
                    failure = _Failure(
                        "unverifiable", f"timeout after {self.options.timeout:g} s", retry=True
                    )
                except httpx.ConnectError as error:
                    failure = _classify_connect_error(error)
                except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
                    failure = _Failure(
                        "unverifiable", f"connection closed: {error or type(error).__name__}", True
                    )
                except httpx.InvalidURL as error:  # the link's, or a redirect's (`javascript:`, `data:`)
                    failure = _Failure("broken", f"invalid URL in the link or a redirect: {error}")
                except httpx.HTTPError as error:
                    failure = _Failure("unverifiable", f"{type(error).__name__}: {error}")
                finally:
                    self._active[host] -= 1
            if answer is not None:
                result.bytes_read += answer.bytes_read
                retryable = answer.status >= 500 or answer.status in (408, 429)
                if not retryable or attempt == retries:
                    return answer
                wait = retry_after(answer.headers)
                if wait is not None:
                    gate.pause(min(wait, self.options.retry_after_cap))
                    continue
            elif failure is not None and (not failure.retry or attempt == retries):
                raise failure
            await asyncio.sleep(self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        return float(self.options.backoff * (2**attempt) * random.uniform(0.5, 1.5))

    async def _send(self, method: str, url: str, wants_title: bool, pinned: Address | None) -> _Answer:
        host = (urlsplit(url).hostname or "").lower()
        client = self._client(host)
        headers = dict(self.options.headers.get(host, {}))
        target: str | httpx.URL = url
        extensions: dict[str, str] = {}
        if pinned is not None:
            # Connect to the vetted address; the server still sees the name (Host, TLS SNI) and the
            # certificate is still checked against the name.
            original = httpx.URL(url)
            target = original.copy_with(host=str(pinned))
            headers["Host"] = original.netloc.decode("ascii")
            if original.scheme == "https":
                extensions["sni_hostname"] = original.host
        if method == "HEAD":
            response = await client.request("HEAD", target, headers=headers, extensions=extensions)
            return _Answer(response.status_code, response.headers)
        async with client.stream("GET", target, headers=headers, extensions=extensions) as response:
            answer = _Answer(response.status_code, response.headers)
            html = "html" in response.headers.get("content-type", "")
            if wants_title and html and self.options.accepts(response.status_code):
                answer.titles, answer.bytes_read = await self._read_titles(response)
            return answer

    async def _read_titles(self, response: httpx.Response) -> tuple[list[str], int]:
        """Titles from the page's head, reading at most ``max_body`` bytes."""
        limit = self.options.max_body
        body = bytearray()
        encoding = response.headers.get("content-encoding", "")
        try:
            async for chunk in decoded_chunks(response.aiter_raw(), encoding, limit):
                body += chunk
                text = body.decode(response.encoding or "utf-8", errors="replace")
                if head_complete(text):
                    break
        except (UnsupportedEncoding, zlib.error):
            return [], len(body)  # no title to read: the title check is left undecided
        return page_titles(body.decode(response.encoding or "utf-8", errors="replace")), len(body)


def check_urls(
    wanted: Mapping[str, bool], options: LinkOptions, progress: Progress | None = None
) -> tuple[dict[str, LinkResult], str | None]:
    """Check URLs with the cache the options name; results by URL, and a cache warning if any."""
    cache = LinkCache.load(options) if options.cache is not None else None
    results = asyncio.run(Checker(options, progress).run(wanted, cache))
    if cache is not None:
        try:
            cache.save()
        except OSError as error:
            return results, f"{options.cache}: the cache could not be written ({error.strerror})"
    return results, cache.warning if cache is not None else None
