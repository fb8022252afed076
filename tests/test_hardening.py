"""The attacks of issue 12, each against the real part it attacks (servers on 127.0.0.1, files on disk).

Item 5 (repeated headings) is measured by bench/lint.py's `headings` case and item 13 (IPv6 forms that
embed an IPv4 address) by test_links.test_private_address_forms."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from awesomelint import fix
from awesomelint.cli import main
from awesomelint.evidence.links import LinkResult
from awesomelint.fixer import write_fixed
from awesomelint.links import cache as cache_module
from awesomelint.links.cache import LinkCache
from awesomelint.read.source import InputError, read_source

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
    options = FAST._replace(retries=3, retry_after_cap=60.0, link_budget=1.5)
    with serve(routes) as (base, record):
        results = _check({f"{base}/forever": False, f"{base}/ok": False}, options)
    limited = results[f"{base}/forever"]
    assert limited.verdict == "unverifiable" and "time budget" in limited.reason
    assert results[f"{base}/ok"].verdict == "ok"
    # The first answer paused the host for 60 s; the budget ended the link during that pause.
    assert record.counts["/forever"] == 1


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "awesomelint", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")
def test_item_6_special_files_are_refused_in_one_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "loop-a.md").symlink_to(tmp_path / "loop-b.md")
    (tmp_path / "loop-b.md").symlink_to(tmp_path / "loop-a.md")
    for name, why in (
        ("pipe.md", "is not a regular file (a FIFO)"),
        ("/dev/zero", "is not a regular file (a character device)"),
        ("loop-a.md", "symbolic link loop"),
    ):
        result = _cli("check", name, cwd=tmp_path)  # a hang or a MemoryError fails by the timeout
        assert result.returncode == 2
        errors = result.stderr.strip().splitlines()
        assert len(errors) == 1 and why in errors[0] and "internal error" not in errors[0]
        assert "No findings" not in result.stdout


def test_item_12_a_newline_in_a_file_name_never_starts_a_workflow_command(tmp_path: Path) -> None:
    name = "a\n::error file=x::pwned.md"
    (tmp_path / name).write_text("# List\n\n- [Alpha](https://example.org/a) - A tool.\n[x](#nowhere)\n")
    (tmp_path / "b\n::warning::.md").mkdir()  # a folder, so the error message names it too
    for output_format in ("github", "text", "concise", "json", "sarif", "markdown"):
        result = _cli("check", ".", name, "--format", output_format, cwd=tmp_path)
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.startswith(("::error file=x", "::warning::")), (output_format, line)
        assert "AL103" in result.stdout


def test_item_14_utf16_empty_folder_and_messages(tmp_path: Path) -> None:
    (tmp_path / "wide.md").write_bytes("# List\n\n- [a](https://example.org) - b\n".encode("utf-16"))
    (tmp_path / "wide-no-bom.md").write_bytes("# List\n\n- [a](https://example.org)\n".encode("utf-16-le"))
    (tmp_path / "empty").mkdir()
    for name in ("wide.md", "wide-no-bom.md"):
        result = _cli("check", name, cwd=tmp_path)
        assert result.returncode == 2 and "is UTF-16 text; convert it to UTF-8" in result.stderr
    result = _cli("check", "empty", cwd=tmp_path)
    assert result.returncode == 2 and "no Markdown files" in result.stderr


LIST = "# List\n\n- [Alpha](https://example.org/a) - A tool.  \n"  # trailing spaces: a safe fix


def _fixable(tmp_path: Path, name: str = "README.md") -> Path:
    path = tmp_path / name
    path.write_text(LIST, encoding="utf-8")
    return path


def _fixed_text() -> str:
    return fix(LIST).text


def test_item_3_a_write_made_while_fixing_is_never_lost(tmp_path: Path) -> None:
    path = _fixable(tmp_path)
    source = read_source(path)
    appended = "- [Beta](https://example.org/b) - Written by an editor meanwhile.\n"

    def other_program_appends() -> None:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(appended)

    with pytest.raises(InputError, match="changed on disk"):
        write_fixed(source, _fixed_text(), before_commit=other_program_appends)
    assert path.read_text(encoding="utf-8") == LIST + appended
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # no temporary file left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="advisory locks need a POSIX system")
def test_item_3_concurrent_fix_runs_exclude_each_other(tmp_path: Path) -> None:
    import fcntl

    path = _fixable(tmp_path)
    with path.open("rb") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)  # another `fix` run is writing
        result = _cli("fix", "README.md", cwd=tmp_path)
    assert result.returncode == 2 and "another fix is writing this file" in result.stderr
    assert path.read_text(encoding="utf-8") == LIST


def test_item_8_owner_hard_links_and_unwritable_places(tmp_path: Path) -> None:
    path = _fixable(tmp_path)
    twin = tmp_path / "TWIN.md"
    os.link(path, twin)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # another user's file, fixed by root
    owner = (path.stat().st_uid, path.stat().st_gid)
    write_fixed(read_source(path), _fixed_text())
    assert path.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8") == _fixed_text()
    assert path.stat().st_ino == twin.stat().st_ino  # every name keeps the same content
    assert (path.stat().st_uid, path.stat().st_gid) == owner

    tagged = _fixable(tmp_path, "TAGGED.md")
    try:
        os.setxattr(tagged, "user.awesomelint", b"kept")
    except (OSError, AttributeError):
        pass  # a file system (or platform) without extended attributes: nothing to keep
    else:
        write_fixed(read_source(tagged), _fixed_text())
        assert os.getxattr(tagged, "user.awesomelint") == b"kept"

    if os.geteuid() == 0:
        # A root-owned 0644 file in a folder the user owns: the mode has a write bit, but the kernel
        # does not let that user write the file; before, `fix` replaced it and took it over.
        folder = Path(tempfile.mkdtemp())
        os.chown(folder, 65534, 65534)
        folder.chmod(0o755)
        target = _fixable(folder)
        source = read_source(target)
        os.seteuid(65534)
        try:
            with pytest.raises(InputError, match="read-only"):
                write_fixed(source, _fixed_text())
        finally:
            os.seteuid(0)
        assert target.read_text(encoding="utf-8") == LIST and target.stat().st_uid == 0
        shutil.rmtree(folder)
        return
    else:
        folder = tmp_path / "locked"  # a folder this user may not write: the file cannot be replaced
        folder.mkdir()
        target = _fixable(folder)
        folder.chmod(0o555)
        try:
            with pytest.raises(InputError, match="not writable"):
                write_fixed(read_source(target), _fixed_text())
        finally:
            folder.chmod(0o755)
    assert target.read_text(encoding="utf-8") == LIST


def test_item_9_a_write_error_skips_that_file_and_fixes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _fixable(tmp_path, "a.md"), _fixable(tmp_path, "b.md")
    real_fsync = os.fsync
    calls = []

    def disk_full_once(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", disk_full_once)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["fix", "a.md", "b.md"])
    assert result.exit_code == 2
    assert "a.md: cannot be written (No space left on device); the file is untouched" in result.stderr
    assert "internal error" not in result.output
    assert first.read_text(encoding="utf-8") == LIST
    assert second.read_text(encoding="utf-8") == _fixed_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_item_14_a_temporary_file_left_by_a_killed_fix_is_removed(tmp_path: Path) -> None:
    path = _fixable(tmp_path)
    leftover = tmp_path / ".README.md.k1ll3d.tmp"
    leftover.write_text("half a list")
    recent = tmp_path / ".README.md.running.tmp"
    recent.write_text("another run's file, being written now")
    hour_ago = time.time() - 3600
    os.utime(leftover, (hour_ago, hour_ago))
    write_fixed(read_source(path), _fixed_text())
    assert not leftover.exists() and recent.exists()


def test_item_7_hostile_cache_files_are_ignored_with_one_warning(tmp_path: Path) -> None:
    options = FAST._replace(cache=tmp_path / "links.json")
    assert options.cache is not None
    for content, why in (
        ("[" * 200_000, "nested too deeply"),
        ('{"format": "awesomelint-link-cache", "version": 1, "links": {}}' + " " * (33 << 20), "at most"),
    ):
        options.cache.write_text(content, encoding="utf-8")
        cache = LinkCache.load(options)
        assert cache.entries == {} and cache.warning is not None and why in cache.warning

    future = time.time() + 86400
    entry = {"verdict": "ok", "status": 200, "reason": "", "checked": future}
    document = {"format": "awesomelint-link-cache", "version": 1, "links": {"https://a.org/": entry}}
    options.cache.write_text(json.dumps(document), encoding="utf-8")
    assert LinkCache.load(options).get("https://a.org/", options) is None  # dated in the future: expired

    crowded = LinkCache(options.cache, {f"https://a.org/{n}": {} for n in range(cache_module.MAX_ENTRIES)})
    crowded.put(LinkResult("https://b.org/", "ok", status=200))
    assert "https://b.org/" not in crowded.entries


def test_item_11_line_endings_and_verbatim_regions_are_kept(tmp_path: Path) -> None:
    old_mac = tmp_path / "cr.md"
    old_mac.write_bytes(
        b"# List\r\r- [Alpha](https://example.org/a) - A tool.  \r- [Beta](https://example.org/b) - B."
    )
    verbatim = tmp_path / "verbatim.md"
    verbatim_text = (
        "---\ntitle: x  \n---\n# List\n\n<pre>\ncode   \n\n\n</pre>\n<!-- note   \n-->\n"
        "- [Alpha](https://example.org/a) - A tool.\n"
    )
    verbatim.write_bytes(verbatim_text.encode())
    result = _cli("fix", "cr.md", "verbatim.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert old_mac.read_bytes() == (
        b"# List\r\r- [Alpha](https://example.org/a) - A tool.\r- [Beta](https://example.org/b) - B.\r"
    )
    assert verbatim.read_bytes() == verbatim_text.encode()


class _RebindingResolver:
    """A DNS stub for `*.test` names, installed as the event loop's getaddrinfo: the first answer is
    ``first``, every later one ``then``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, first: str, then: str) -> None:
        self.first, self.then, self.asked = first, then, 0
        real = asyncio.base_events.BaseEventLoop.getaddrinfo

        async def getaddrinfo(
            loop: asyncio.AbstractEventLoop, host: Any, port: Any, *args: Any, **kw: Any
        ) -> Any:
            if not str(host).endswith(".test"):
                return await real(loop, host, port, *args, **kw)  # type: ignore[arg-type]
            self.asked += 1
            address = self.first if self.asked == 1 else self.then
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(str(port))))]

        monkeypatch.setattr(asyncio.base_events.BaseEventLoop, "getaddrinfo", getaddrinfo)


def test_item_1_dns_rebinding_never_reaches_a_private_server(monkeypatch: pytest.MonkeyPatch) -> None:
    _RebindingResolver(monkeypatch, first="192.0.2.1", then="127.0.0.1")  # TEST-NET-1 is refused too
    with serve({"/": status(200)}) as (base, record):
        port = base.rsplit(":", 1)[1]
        strict = FAST._replace(allow_private=False, retries=0, connect_timeout=0.5, timeout=1.0)
        results = _check({f"http://rebind.test:{port}/": False}, strict)
        assert results[f"http://rebind.test:{port}/"].verdict == "unverifiable"  # 192.0.2.1 is reserved
        monkeypatch.undo()
        public = _RebindingResolver(monkeypatch, first="93.184.216.34", then="127.0.0.1")
        results = _check({f"http://rebind.test:{port}/": False}, strict)
    assert record.requests == []  # the second answer, 127.0.0.1, was never asked for or used
    assert public.asked == 1
    assert results[f"http://rebind.test:{port}/"].verdict in ("broken", "unverifiable")


def test_item_1_the_vetted_address_keeps_the_name_for_host_and_tls(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import trustme

    from awesomelint.links import guard

    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("paper.test").configure_cert(server_context)
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    resolver = _RebindingResolver(monkeypatch, first="127.0.0.1", then="192.0.2.1")
    monkeypatch.setattr(guard, "why_private", lambda address: None)  # let the test server count as public
    with serve({"/": status(200)}, tls=server_context) as (base, record):
        url = f"https://paper.test:{base.rsplit(':', 1)[1]}/"
        options = FAST._replace(allow_private=False, ca_file=str(ca_file))
        results = _check({url: False}, options)
    assert results[url].verdict == "ok", results[url].reason
    assert resolver.asked == 1
    assert [seen.headers.get("Host") for seen in record.requests] == [
        f"paper.test:{url.rsplit(':', 1)[1][:-1]}"
    ]


def test_item_5_repeated_headings_cost_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted in section visits, not timed: doubling the headings doubles the work (quadratic
    work, 64 s for 10,000 headings before, quadruples it). bench/lint.py's `headings` case times it."""
    from awesomelint import lint
    from awesomelint.engine import Settings
    from awesomelint.model import Section

    visits = 0
    walk = Section.walk

    def counted(self: Section) -> Iterator[Section]:
        nonlocal visits
        for section in walk(self):
            visits += 1
            yield section

    monkeypatch.setattr(Section, "walk", counted)
    work = []
    for count in (1000, 2000):
        visits = 0
        settings = Settings(select=frozenset({"AL101", "AL102"}))
        findings = lint("# List\n\n" + "## Same\n\n" * count, settings)
        assert len(findings) >= count  # every heading is empty and a duplicate
        work.append(visits)
    assert work[1] <= 2.5 * work[0]
