"""HTTP/1.1 over asyncio streams and h11, as an httpx transport.

httpx's default transport (httpcore over anyio) spends about 1 ms of CPU per request on a small
machine, four times what the same exchange costs on asyncio streams with h11; checking links on many
hosts at once is bound by that CPU, not by the network. The client around this transport is still
httpx's (headers, cookies, timeouts, exceptions), so only the wire is ours. httpx serves proxies
only through its own transports: where the environment names a proxy, the checker uses those.

Connections are kept per scheme, host and port and reused while the server keeps them open. The
transport does not bound how many it opens: its caller's per-host gates do.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any, TypeVar

import h11
import httpx

from .timing import within

KEEPALIVE_SECONDS = 5.0  # httpx's default: a connection idle longer is closed, not reused
_READ_SIZE = 65536
_DEFAULT_PORTS = {b"http": 80, b"https": 443}

T = TypeVar("T")
_Key = tuple[bytes, str, int]


class _Connection:
    __slots__ = ("idle_since", "protocol", "reader", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.protocol = h11.Connection(h11.CLIENT)
        self.idle_since = 0.0

    def usable(self, now: float) -> bool:
        """Still open on both sides (a server that closed an idle connection has sent EOF, which the
        event loop has read) and not idle for longer than servers commonly keep connections."""
        return (
            not self.writer.is_closing()
            and not self.reader.at_eof()
            and now - self.idle_since < KEEPALIVE_SECONDS
        )

    def close(self) -> None:
        self.writer.transport.abort()  # nothing is left to flush; never wait on a TLS goodbye


async def _bounded(
    seconds: float | None, work: Coroutine[Any, Any, T], timeout: type[httpx.TimeoutException]
) -> T:
    try:
        return await within(seconds, work) if seconds is not None else await work
    except (TimeoutError, asyncio.TimeoutError):  # distinct classes before Python 3.11
        raise timeout("timed out") from None


class H11Transport(httpx.AsyncBaseTransport):
    def __init__(self, tls: Callable[[], ssl.SSLContext], keep_idle: int) -> None:
        self._tls = tls  # called at the first https connection: building a context costs ~40 ms
        self._keep_idle = keep_idle
        self._idle: dict[_Key, list[_Connection]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        key = (url.raw_scheme, url.host, url.port or _DEFAULT_PORTS.get(url.raw_scheme, 80))
        timeouts = request.extensions.get("timeout", {})
        connection = self._reuse(key)
        if connection is None:
            connection = await self._connect(key, request.extensions.get("sni_hostname"), timeouts)
        try:
            await self._send(connection, request, timeouts.get("write"))
            head = await self._receive_head(connection, timeouts.get("read"))
        except BaseException:
            connection.close()
            raise
        return httpx.Response(
            head.status_code,
            headers=head.headers,
            stream=_Body(self, key, connection, timeouts.get("read")),
            extensions={"http_version": b"HTTP/" + head.http_version, "reason_phrase": head.reason},
        )

    async def aclose(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    def _reuse(self, key: _Key) -> _Connection | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            connection = idle.pop()  # the most recently used is the likeliest to be open still
            if connection.usable(now):
                return connection
            connection.close()
        return None

    def release(self, key: _Key, connection: _Connection) -> None:
        """Keep a connection whose exchange is complete, if the server lets it be reused."""
        protocol = connection.protocol
        idle = self._idle.setdefault(key, [])
        if (
            protocol.our_state is h11.DONE
            and protocol.their_state is h11.DONE
            and len(idle) < self._keep_idle
        ):
            protocol.start_next_cycle()
            connection.idle_since = time.monotonic()
            idle.append(connection)
        else:
            connection.close()

    async def _connect(
        self, key: _Key, server_name: str | None, timeouts: dict[str, float | None]
    ) -> _Connection:
        scheme, host, port = key
        tls = scheme == b"https"
        try:
            reader, writer = await _bounded(
                timeouts.get("connect"),
                asyncio.open_connection(
                    host,
                    port,
                    ssl=self._tls() if tls else None,
                    server_hostname=(server_name or host) if tls else None,
                    limit=_READ_SIZE,
                ),
                httpx.ConnectTimeout,
            )
        except OSError as error:  # ssl.SSLError included
            raise httpx.ConnectError(str(error) or type(error).__name__) from error
        return _Connection(reader, writer)

    async def _send(self, connection: _Connection, request: httpx.Request, seconds: float | None) -> None:
        protocol, writer = connection.protocol, connection.writer
        assert isinstance(request.stream, httpx.AsyncByteStream)  # an async client's
        try:
            head = h11.Request(
                method=request.method, target=request.url.raw_path, headers=request.headers.raw
            )
            message = [protocol.send(head)]
            message.extend([protocol.send(h11.Data(data=chunk)) async for chunk in request.stream if chunk])
            message.append(protocol.send(h11.EndOfMessage()))
            writer.write(b"".join(message))
            await _bounded(seconds, writer.drain(), httpx.WriteTimeout)
        except h11.LocalProtocolError as error:
            raise httpx.LocalProtocolError(str(error)) from error
        except OSError as error:
            raise httpx.WriteError(str(error) or type(error).__name__) from error

    async def _receive_head(self, connection: _Connection, seconds: float | None) -> h11.Response:
        while True:
            event = await _next_event(connection, seconds)
            if isinstance(event, h11.Response):
                return event
            if not isinstance(event, h11.InformationalResponse):  # 1xx answers precede the real one
                raise httpx.RemoteProtocolError("the server closed the connection without an answer")


async def _next_event(connection: _Connection, seconds: float | None) -> h11.Event | type[h11.PAUSED]:
    protocol = connection.protocol
    try:
        while True:
            event = protocol.next_event()
            if event is not h11.NEED_DATA:
                return event  # type: ignore[return-value]  # h11 types NEED_DATA along
            data = await _bounded(seconds, connection.reader.read(_READ_SIZE), httpx.ReadTimeout)
            protocol.receive_data(data)  # b"" is the end of the stream
    except h11.RemoteProtocolError as error:
        raise httpx.RemoteProtocolError(str(error)) from error
    except OSError as error:
        raise httpx.ReadError(str(error) or type(error).__name__) from error


class _Body(httpx.AsyncByteStream):
    """A response body, read as it is asked for; the connection goes back to the pool once the body
    is complete, and is closed when it is dropped part way."""

    def __init__(self, transport: H11Transport, key: _Key, connection: _Connection, seconds: float | None):
        self._transport, self._key, self._connection, self._seconds = transport, key, connection, seconds
        self._done = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while not self._done:
            event = await _next_event(self._connection, self._seconds)
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                self._done = True
                self._transport.release(self._key, self._connection)
            else:
                raise httpx.RemoteProtocolError("the server closed the connection during the body")

    async def aclose(self) -> None:
        if not self._done:
            self._done = True
            self._connection.close()
