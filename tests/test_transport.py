"""The h11 transport against a scripted HTTP server on 127.0.0.1: connections are reused while the
server allows it, and every way an answer can go wrong becomes the httpx error the checker reads."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Awaitable, Callable

import httpx
import pytest

from awesomelint.net.transport import H11Transport

Script = Callable[[asyncio.StreamReader, asyncio.StreamWriter, int], Awaitable[bool]]
# A script answers one request (the count is 1 for the first on the connection); it returns whether
# the connection stays open for another.


def _no_tls() -> ssl.SSLContext:
    raise AssertionError("no https here")


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return b""


def _answer(status: str, body: bytes = b"", extra: str = "") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{extra}\r\n".encode() + body


class _Server:
    """A scripted server: each connection answers requests by the script until it says stop."""

    def __init__(self, script: Script) -> None:
        self.script, self.connections, self.port = script, 0, 0
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> _Server:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        count = 0
        try:
            while await _read_request(reader):
                count += 1
                if not await self.script(reader, writer, count):
                    break
        except ConnectionError:
            pass
        finally:
            writer.close()


async def _exchange(script: Script, paths: list[str], pause: float = 0.0) -> tuple[list[object], int]:
    """Ask each path in turn through an httpx client on the transport; the answers (a Response with
    its body read, or the exception) and how many connections the server accepted."""
    answers: list[object] = []
    async with _Server(script) as server:
        transport = H11Transport(_no_tls, keep_idle=4)
        async with httpx.AsyncClient(transport=transport, timeout=1.0) as client:
            for path in paths:
                try:
                    answers.append(await client.get(f"http://127.0.0.1:{server.port}{path}"))
                except httpx.HTTPError as error:
                    answers.append(error)
                await asyncio.sleep(pause)
    return answers, server.connections


def _run(script: Script, paths: list[str], pause: float = 0.0) -> tuple[list[object], int]:
    return asyncio.run(_exchange(script, paths, pause))


def test_one_connection_serves_every_request_it_can() -> None:
    async def script(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: int) -> bool:
        if count % 2:
            writer.write(_answer("200 OK", b"plain %d" % count))
        else:
            writer.write(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nchun\r\n3\r\nked\r\n0\r\n\r\n"
            )
        await writer.drain()
        return True

    answers, connections = _run(script, ["/a", "/b", "/c"])
    assert [a.content for a in answers if isinstance(a, httpx.Response)] == [
        b"plain 1",
        b"chunked",
        b"plain 3",
    ]
    assert connections == 1


def test_a_connection_the_server_closed_or_refused_to_keep_is_not_reused() -> None:
    async def closes_quietly(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: int) -> bool:
        writer.write(_answer("200 OK", b"ok"))
        await writer.drain()
        return False  # closed after the answer, with no word in the headers

    async def says_close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: int) -> bool:
        writer.write(_answer("200 OK", b"ok", "Connection: close\r\n"))
        await writer.drain()
        return True  # the client must close it

    for script in (closes_quietly, says_close):
        answers, connections = _run(script, ["/a", "/b", "/c"], pause=0.05)
        assert [a.status_code for a in answers if isinstance(a, httpx.Response)] == [200, 200, 200]
        assert connections == 3


def test_interim_answers_are_skipped() -> None:
    async def script(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: int) -> bool:
        writer.write(b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
        writer.write(_answer("404 Not Found", b"gone"))
        await writer.drain()
        return True

    answers, _ = _run(script, ["/a"])
    assert isinstance(answers[0], httpx.Response)
    assert (answers[0].status_code, answers[0].content, answers[0].http_version) == (404, b"gone", "HTTP/1.1")


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", httpx.RemoteProtocolError),
        (b"HTTP/1.1 200 OK\r\nContent-Le", httpx.RemoteProtocolError),
        (b"", httpx.RemoteProtocolError),
        (b"NOT HTTP AT ALL\r\n\r\n", httpx.RemoteProtocolError),
    ],
)
def test_broken_answers_raise_protocol_errors_and_the_next_request_gets_a_new_connection(
    reply: bytes, error: type[Exception]
) -> None:
    requests = 0

    async def broken_then_fine(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: int
    ) -> bool:
        nonlocal requests
        requests += 1
        writer.write(reply if requests == 1 else _answer("200 OK", b"ok"))
        await writer.drain()
        return requests > 1  # the broken answer ends its connection

    answers, connections = _run(broken_then_fine, ["/a", "/b"])
    assert isinstance(answers[0], error)
    assert isinstance(answers[1], httpx.Response) and answers[1].content == b"ok"
    assert connections == 2


def test_a_silent_server_is_a_read_timeout_and_a_closed_port_a_connect_error() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: int) -> bool:
        await reader.read()  # until the client gives up
        return False

    async def main() -> list[object]:
        closed = socket.socket()
        closed.bind(("127.0.0.1", 0))
        closed_port = closed.getsockname()[1]
        closed.close()
        outcomes: list[object] = []
        async with _Server(silent) as server:
            transport = H11Transport(_no_tls, keep_idle=1)
            async with httpx.AsyncClient(transport=transport, timeout=0.3) as client:
                for port in (server.port, closed_port):
                    try:
                        outcomes.append(await client.get(f"http://127.0.0.1:{port}/"))
                    except httpx.HTTPError as error:
                        outcomes.append(error)
        return outcomes

    timed_out, refused = asyncio.run(main())
    assert isinstance(timed_out, httpx.ReadTimeout)
    assert isinstance(refused, httpx.ConnectError)
    assert isinstance(refused.__cause__, ConnectionRefusedError)


def test_a_body_dropped_part_way_closes_its_connection() -> None:
    async def large(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: int) -> bool:
        writer.write(_answer("200 OK", b"x" * 2_000_000))
        await writer.drain()
        return True

    async def main() -> tuple[int, int]:
        read = 0
        transport = H11Transport(_no_tls, keep_idle=4)
        async with _Server(large) as server, httpx.AsyncClient(transport=transport) as client:
            for _ in range(2):
                async with client.stream("GET", f"http://127.0.0.1:{server.port}/") as response:
                    async for chunk in response.aiter_raw():
                        read += len(chunk)
                        break  # enough: the rest is never read
        return server.connections, read

    connections, read = asyncio.run(main())
    assert connections == 2
    assert 0 < read < 2_000_000
