"""Real HTTP servers on 127.0.0.x for the link-checker tests: routes that answer the ways real sites
do, and a record of every request (when it started and ended, how many were open at once)."""

from __future__ import annotations

import email.utils
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Handler", str, int], None]  # handler, method, how many times this path was asked
# Routes are by exact path; "*" answers every other path.


@dataclass
class Seen:
    method: str
    path: str
    start: float
    end: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Record:
    requests: list[Seen] = field(default_factory=list)
    open_now: int = 0
    most_open: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    bytes_sent: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _serve(self, method: str) -> None:
        record = self.server.record
        path = self.path.split("?")[0]
        with record.lock:
            seen = Seen(method, path, time.monotonic(), headers=dict(self.headers.items()))
            record.requests.append(seen)
            record.open_now += 1
            record.most_open = max(record.most_open, record.open_now)
            record.counts[path] = record.counts.get(path, 0) + 1
            count = record.counts[path]
        try:
            route = self.server.routes.get(path) or self.server.routes.get("*", not_found)
            route(self, method, count)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with record.lock:
                record.open_now -= 1
                seen.end = time.monotonic()

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def reply(
        self, status: int, body: bytes = b"", headers: dict[str, str] | None = None, method: str = "GET"
    ) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if method != "HEAD" and body:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    record: Record


def not_found(handler: Handler, method: str, count: int) -> None:
    handler.reply(404, b"not found", method=method)


def status(code: int, headers: dict[str, str] | None = None, body: bytes = b"") -> Route:
    return lambda h, method, count: h.reply(code, body, headers, method)


def redirect(code: int, location: str) -> Route:
    return status(code, {"Location": location})


def first_then_ok(first: Callable[[], tuple[int, dict[str, str]]], times: int = 1) -> Route:
    def route(h: Handler, method: str, count: int) -> None:
        if count <= times:
            code, headers = first()
            h.reply(code, b"", headers, method)
        else:
            h.reply(200, b"ok", {"Content-Type": "text/plain"}, method)

    return route


def head_not_allowed(h: Handler, method: str, count: int) -> None:
    if method == "HEAD":
        h.reply(405, method=method)
    else:
        h.reply(200, b"ok", {"Content-Type": "text/plain"})


def sleeps(seconds: float, code: int = 200) -> Route:
    def route(h: Handler, method: str, count: int) -> None:
        time.sleep(seconds)
        h.reply(code, b"ok", {"Content-Type": "text/plain"}, method)

    return route


def cut_mid_response(h: Handler, method: str, count: int) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Ty")
    h.wfile.flush()
    h.close_connection = True
    h.connection.shutdown(socket.SHUT_RDWR)


def html_page(title: str, citation: str | None = None, filler: int = 0) -> Route:
    meta = f'<meta name="citation_title" content="{citation}">' if citation else ""
    head = f"<!doctype html><html><head><title>{title}</title>{meta}".encode()

    def route(h: Handler, method: str, count: int) -> None:
        body_end = b"</head><body>paper</body></html>"
        total = len(head) + filler + len(body_end)
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        if method == "HEAD":
            return
        sent = 0
        try:
            h.wfile.write(head)
            sent += len(head)
            chunk = b"<!--" + b"x" * 65528 + b"-->"
            while sent < len(head) + filler:
                piece = chunk[: len(head) + filler - sent]
                h.wfile.write(piece)
                sent += len(piece)
            h.wfile.write(body_end)
            sent += len(body_end)
        finally:
            with h.server.record.lock:
                h.server.record.bytes_sent[h.path] = sent

    return route


def http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


@contextmanager
def serve(
    routes: dict[str, Route], host: str = "127.0.0.1", tls: ssl.SSLContext | None = None
) -> Iterator[tuple[str, Record]]:
    """A server on ``host`` (any 127.x.y.z) in a thread; yields its base URL and its record."""
    server = _Server((host, 0), Handler)
    server.routes = routes
    server.record = Record()
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://{host}:{server.server_address[1]}", server.record
    finally:
        server.shutdown()
        server.server_close()
