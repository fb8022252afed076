"""The attacks of issue 12, each against the real part it attacks (servers on 127.0.0.1, files on disk).

Item 5 (repeated headings) is measured by bench/lint.py's `headings` case and item 13 (IPv6 forms that
embed an IPv4 address) by test_links.test_private_address_forms."""

from __future__ import annotations

import tracemalloc
import zlib
from dataclasses import replace

from .servers import Handler, Route, redirect, serve, status
from .test_links import FAST, _check


def _gzip(chunks: list[bytes] | bytes, repeat: int = 1) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [chunks] if isinstance(chunks, bytes) else chunks
    out = [packer.compress(part) for _ in range(repeat) for part in parts]
    return b"".join(out) + packer.flush()


def _stacked_gzip_bomb() -> bytes:
    """A 1 GiB page of spaces, gzipped twice: a few kilobytes on the wire."""
    inner = _gzip([b"<!doctype html><html><head>", b" " * (1 << 20)], repeat=1024)
    return _gzip(inner)


def _encoded(body: bytes, encoding: str) -> Route:
    def route(handler: Handler, method: str, count: int) -> None:
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": encoding}
        handler.reply(200, body, headers, method)

    return route


def test_item_2_stacked_content_encodings_are_decoded_within_the_body_bound() -> None:
    bomb = _stacked_gzip_bomb()
    assert len(bomb) < 64 * 1024
    title = _gzip(_gzip(b"<html><head><title>Attention Is All You Need</title></head><body>x"))
    routes = {"/bomb": _encoded(bomb, "gzip, gzip"), "/titled": _encoded(title, "gzip, gzip")}
    with serve(routes) as (base, _):
        tracemalloc.start()
        try:
            results = _check({f"{base}/bomb": True, f"{base}/titled": True})
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    bombed = results[f"{base}/bomb"]
    assert bombed.verdict == "ok" and bombed.bytes_read <= FAST.max_body
    assert peak < 32 * 1024 * 1024  # the gigabyte was never decoded
    assert results[f"{base}/titled"].titles == ["Attention Is All You Need"]


def test_item_4_a_bad_redirect_is_that_links_verdict_and_the_run_goes_on() -> None:
    routes = {
        "/js": redirect(302, "javascript:alert(1)"),
        "/data": redirect(302, "data:text/html,hi"),
        "/control": redirect(302, "http://127.0.0.1:1/\x01x"),
        "/ok": status(200),
    }
    with serve(routes) as (base, _):
        results = _check({f"{base}{path}": False for path in routes})
    assert results[f"{base}/ok"].verdict == "ok"
    for path in ("/js", "/data"):
        assert results[f"{base}{path}"].verdict == "broken"
        assert "invalid URL" in results[f"{base}{path}"].reason
    assert results[f"{base}/control"].verdict in ("broken", "unverifiable")


def test_item_10_one_time_budget_covers_every_retry_and_pause() -> None:
    routes = {"/forever": status(429, {"Retry-After": "100000"}), "/ok": status(200)}
    options = replace(FAST, retries=3, retry_after_cap=60.0, link_budget=1.5)
    with serve(routes) as (base, record):
        results = _check({f"{base}/forever": False, f"{base}/ok": False}, options)
    limited = results[f"{base}/forever"]
    assert limited.verdict == "unverifiable" and "time budget" in limited.reason
    assert results[f"{base}/ok"].verdict == "ok"
    # The first answer paused the host for 60 s; the budget ended the link during that pause.
    assert record.counts["/forever"] == 1
