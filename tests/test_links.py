"""The link checker against real HTTP servers on 127.0.0.x started by the tests."""

from __future__ import annotations

import asyncio
import itertools
import json
import ssl
from pathlib import Path

import pytest
import trustme
from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.evidence.link_options import LinkOptions
from awesomelint.evidence.links import LinkResult
from awesomelint.links.cache import LinkCache
from awesomelint.links.checker import Checker, check_urls
from awesomelint.links.guard import literal_address, why_private
from awesomelint.net.timing import retry_after

from . import servers
from .servers import first_then_ok, html_page, redirect, serve, sleeps, status

FAST = LinkOptions(
    allow_private=True,
    timeout=1.0,
    connect_timeout=1.0,
    retries=2,
    backoff=0.02,
    interval=0.0,
    max_body=64 * 1024,
)


def _check(wanted: dict[str, bool], options: LinkOptions = FAST) -> dict[str, LinkResult]:
    return asyncio.run(Checker(options).run(wanted))


ROUTES = {
    "/ok": status(200, {"Content-Type": "text/plain"}, b"ok"),
    "/missing": status(404),
    "/gone": status(410),
    "/moved": redirect(301, "/ok"),
    "/hop1": redirect(308, "/hop2"),
    "/hop2": redirect(308, "/hop3"),
    "/hop3": redirect(308, "/ok"),
    "/temporary": redirect(302, "/ok"),
    "/loop-a": redirect(302, "/loop-b"),
    "/loop-b": redirect(302, "/loop-a"),
    "/limited": first_then_ok(lambda: (429, {"Retry-After": "1"})),
    "/limited-date": first_then_ok(lambda: (429, {"Retry-After": servers.http_date(1)})),
    "/flaky": first_then_ok(lambda: (503, {}), times=2),
    "/no-head": servers.head_not_allowed,
    "/slow": sleeps(3.0),
    "/cut": servers.cut_mid_response,
    "/challenge": status(403, {"Content-Type": "text/html"}, b"<title>Just a moment...</title>"),
    "/always-429": status(429),
    "/paper-right": html_page("Attention Is All You Need | Some Site", citation="Attention Is All You Need"),
    "/paper-wrong": html_page("arXiv", citation="Language Models are Few-Shot Learners"),
    "/huge": html_page("Attention Is All You Need", filler=10 * 1024 * 1024),
    "/short-title": html_page("YouTube"),
    **{f"/deep{i}": redirect(302, f"/deep{i + 1}") for i in range(11)},
    "/deep11": status(200),
}


@pytest.fixture(scope="module")
def site() -> tuple[str, servers.Record]:
    with serve(ROUTES) as (base, record):
        yield base, record


@pytest.fixture(scope="module")
def verdicts(site: tuple[str, servers.Record]) -> dict[str, LinkResult]:
    base, _ = site
    wanted = {
        f"{base}{path}": path.startswith(("/paper", "/huge"))
        for path in ROUTES
        if path not in ("/hop2", "/hop3", "/loop-b") and not (path.startswith("/deep") and path != "/deep0")
    }
    results = _check(wanted)
    return {url.removeprefix(base): result for url, result in results.items()}


@pytest.mark.parametrize(
    ("path", "verdict", "reason"),
    [
        ("/ok", "ok", ""),
        ("/missing", "broken", "HTTP 404"),
        ("/gone", "broken", "HTTP 410"),
        ("/moved", "redirected", "moved permanently"),
        ("/hop1", "redirected", "moved permanently"),
        ("/temporary", "ok", ""),
        ("/loop-a", "broken", "redirect loop"),
        ("/limited", "ok", ""),
        ("/limited-date", "ok", ""),
        ("/flaky", "ok", ""),
        ("/no-head", "ok", ""),
        ("/slow", "unverifiable", "timeout"),
        ("/cut", "unverifiable", "connection closed"),
        ("/challenge", "unverifiable", "HTTP 403"),
        ("/always-429", "unverifiable", "rate limited (429)"),
        ("/paper-right", "ok", ""),
        ("/paper-wrong", "ok", ""),
        ("/huge", "ok", ""),
        ("/deep0", "broken", "more than 10 redirects"),
    ],
)
def test_each_route_gets_its_verdict(
    verdicts: dict[str, LinkResult], path: str, verdict: str, reason: str
) -> None:
    result = verdicts[path]
    assert (result.verdict, reason in result.reason) == (verdict, True), result


def test_redirect_chains_are_recorded(
    verdicts: dict[str, LinkResult], site: tuple[str, servers.Record]
) -> None:
    base, _ = site
    assert [code for code, _ in verdicts["/hop1"].chain] == [308, 308, 308]
    assert verdicts["/hop1"].final_url == f"{base}/ok"
    assert verdicts["/moved"].chain == [(301, f"{base}/ok")]


def test_retries_and_fallbacks_as_the_server_saw_them(
    verdicts: dict[str, LinkResult], site: tuple[str, servers.Record]
) -> None:
    _, record = site
    methods = {}
    for seen in record.requests:
        methods.setdefault(seen.path, []).append(seen.method)
    assert methods["/flaky"] == ["HEAD", "HEAD", "HEAD"]  # 503, 503, then 200
    assert methods["/no-head"] == ["HEAD", "GET"]
    assert set(methods["/slow"]) == {"HEAD"}  # a timeout is not a reason to try GET
    assert methods["/paper-right"] == ["GET"]  # a paper link is fetched for its title
    assert verdicts["/always-429"].attempts >= 3 + 2  # retries, then the slower last pass


def test_titles_are_read_and_bodies_bounded(
    verdicts: dict[str, LinkResult], site: tuple[str, servers.Record]
) -> None:
    _, record = site
    assert verdicts["/paper-right"].titles[0] == "Attention Is All You Need"
    assert verdicts["/paper-wrong"].titles[0] == "Language Models are Few-Shot Learners"
    huge = verdicts["/huge"]
    assert huge.titles == ["Attention Is All You Need"]
    assert huge.bytes_read <= FAST.max_body + 64 * 1024
    assert verdicts["/ok"].bytes_read == 0  # HEAD: no body
    assert record.bytes_sent["/huge"] < 10 * 1024 * 1024  # the server was cut off


def test_retry_after_in_seconds_and_as_a_date() -> None:
    import httpx

    assert retry_after(httpx.Headers({"Retry-After": "7"})) == 7.0
    later = retry_after(httpx.Headers({"Retry-After": servers.http_date(30)}))
    assert later is not None and 28 <= later <= 31
    assert retry_after(httpx.Headers({"Retry-After": "soon"})) is None


def test_politeness_is_measured_by_the_server() -> None:
    routes = {f"/p{i}": sleeps(0.15) for i in range(10)}
    with serve(routes, host="127.0.0.3") as (base, record):
        options = FAST._replace(per_host=2, interval=0.1, timeout=5.0)
        results = _check({f"{base}/p{i}": False for i in range(10)}, options)
    assert {r.verdict for r in results.values()} == {"ok"}
    starts = sorted(seen.start for seen in record.requests)
    assert len(starts) == 10
    # Between any two requests i < j at least (j - i) intervals passed, measured where they arrived.
    # Starts are planned an interval apart and never happen early; a busy event loop or server thread
    # can make one late, which brings the next closer by that much but cannot accumulate: 25 ms allowed
    # (seen: 14 ms on a machine running two test suites at once).
    for i, j in itertools.combinations(range(len(starts)), 2):
        assert starts[j] - starts[i] >= (j - i) * 0.1 - 0.025, (i, j, starts[j] - starts[i])
    assert record.most_open <= 2


def test_retry_after_pauses_the_whole_host() -> None:
    routes = {
        "/first": first_then_ok(lambda: (429, {"Retry-After": "1"})),
        **{f"/o{i}": sleeps(0.05) for i in range(6)},
    }
    with serve(routes, host="127.0.0.4") as (base, record):
        options = FAST._replace(per_host=1, interval=0.05)
        wanted = {f"{base}/first": False, **{f"{base}/o{i}": False for i in range(6)}}
        results = _check(wanted, options)
    assert {r.verdict for r in results.values()} == {"ok"}
    limited = next(seen for seen in record.requests if seen.path == "/first")
    after = [seen.start for seen in record.requests if seen.start > limited.end]
    assert after and min(after) - limited.end >= 0.95


@pytest.fixture(scope="module")
def certificate_authority() -> trustme.CA:
    return trustme.CA()


def test_https_with_a_test_ca(certificate_authority: trustme.CA, tmp_path: Path) -> None:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate_authority.issue_cert("127.0.0.5").configure_cert(server_context)
    ca_file = tmp_path / "ca.pem"
    certificate_authority.cert_pem.write_to_path(str(ca_file))
    with serve({"/ok": status(200)}, host="127.0.0.5", tls=server_context) as (base, _):
        trusted = _check({f"{base}/ok": False}, FAST._replace(ca_file=str(ca_file)))
        untrusted = _check({f"{base}/ok": False})
    assert trusted[f"{base}/ok"].verdict == "ok"
    result = untrusted[f"{base}/ok"]
    assert result.verdict == "broken" and result.reason.startswith("TLS failure"), result


def test_address_guard_refuses_without_connecting() -> None:
    with serve({"/": status(200)}) as (base, record):
        port = base.rsplit(":", 1)[1]
        guarded = FAST._replace(allow_private=False)
        urls = [
            f"http://127.0.0.1:{port}/",
            "http://169.254.169.254/",
            "http://[::1]/",
            f"http://0x7f000001:{port}/",
            f"http://127.1:{port}/",
        ]
        results = _check(dict.fromkeys(urls, False), guarded)
        assert record.requests == []
    for url in urls:
        assert results[url].verdict == "unverifiable" and "refused to fetch" in results[url].reason, url
    assert "link-local" in results["http://169.254.169.254/"].reason


def test_address_guard_checks_every_redirect_hop() -> None:
    inner_server = serve({"/": status(200)}, host="127.0.0.1")
    with (
        inner_server as (inner, inner_record),
        serve({"/out": redirect(302, f"{inner}/")}, host="127.0.0.6") as (
            outer,
            outer_record,
        ),
    ):
        options = FAST._replace(allow_private=False, allow_private_hosts=("127.0.0.6",))
        result = _check({f"{outer}/out": False}, options)[f"{outer}/out"]
    assert outer_record.paths() == ["/out"]
    assert inner_record.requests == []
    assert result.verdict == "unverifiable" and "loopback" in result.reason


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("0x7f000001", "loopback"),
        ("2130706433", "loopback"),
        ("0177.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "shared (CGNAT)"),
        ("::1", "loopback"),
        ("fd00::1", "private"),
        ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        # IPv6 forms that carry an IPv4 address (issue 12, item 13).
        ("[2002:7f00:1::]", "6to4 loopback"),
        ("64:ff9b::7f00:1", "NAT64 loopback"),
        ("::127.0.0.1", "IPv4-compatible loopback"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo loopback"),
        ("2002:a00:1::", "6to4 private"),
    ],
)
def test_private_address_forms(host: str, reason: str) -> None:
    address = literal_address(host)
    assert address is not None and why_private(address) == reason


def test_public_addresses_and_names_pass() -> None:
    assert why_private(literal_address("93.184.216.34")) is None  # type: ignore[arg-type]
    assert literal_address("example.org") is None and literal_address("deadbeef") is None


def test_non_web_schemes_are_never_fetched(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    items = ["[a](file:///etc/passwd) - x", "[b](javascript:alert(1)) - y", "[c](data:text/plain,hi) - z"]
    path.write_text("# L\n\n" + "".join(f"- {item}\n" for item in items))
    result = CliRunner().invoke(main, ["links", str(path), "--no-cache"])
    assert result.exit_code == 0 and "No links to check." in result.stderr


def test_cache_skips_successes_and_rechecks_failures(tmp_path: Path) -> None:
    with serve({"/ok": status(200), "/missing": status(404)}, host="127.0.0.7") as (base, record):
        options = FAST._replace(cache=tmp_path / "cache" / "links.json")
        wanted = {f"{base}/ok": False, f"{base}/missing": False}
        _first, _ = check_urls(wanted, options)
        second, warning = check_urls(wanted, options)
    assert warning is None
    assert record.paths().count("/ok") == 1 and record.paths().count("/missing") == 4  # HEAD+GET twice
    assert second[f"{base}/ok"].cached and second[f"{base}/ok"].verdict == "ok"
    assert second[f"{base}/missing"].verdict == "broken" and not second[f"{base}/missing"].cached
    data = json.loads(options.cache.read_text())  # type: ignore[union-attr]
    assert list(data["links"]) == [f"{base}/ok"]


def test_cache_time_to_live_and_accept_rules(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    cache = LinkCache(path, {})
    cache.put(LinkResult("https://a.org/", "ok", status=200))
    assert cache.get("https://a.org/", FAST._replace(cache=path)) is not None
    assert cache.get("https://a.org/", FAST._replace(cache=path, max_age=0.0)) is None
    assert cache.get("https://a.org/", FAST._replace(cache=path, accept=((204, 204),))) is None


@pytest.mark.parametrize("content", ["{not json", '{"format": "something-else", "links": {}}', "[]", "\xff"])
def test_corrupt_or_foreign_cache_is_survived(tmp_path: Path, content: str) -> None:
    path = tmp_path / "links.json"
    path.write_text(content, encoding="latin-1")
    with serve({"/ok": status(200)}, host="127.0.0.8") as (base, _):
        results, warning = check_urls({f"{base}/ok": False}, FAST._replace(cache=path))
    assert results[f"{base}/ok"].verdict == "ok"
    assert warning is not None and "cache ignored" in warning
    assert json.loads(path.read_text())["format"] == "awesomelint-link-cache"


def _list_file(tmp_path: Path, base: str) -> Path:
    entries = [
        ("Attention Is All You Need", "Ashish Vaswani, Noam Shazeer", "NeurIPS'2017", "paper-right"),
        (
            "Deep Residual Learning for Image Recognition",
            "Kaiming He, Xiangyu Zhang",
            "CVPR'2016",
            "paper-wrong",
        ),
        (
            "BERT: Pre-training of Deep Bidirectional Transformers",
            "Jacob Devlin, Ming-Wei Chang",
            "NAACL'2019",
            "moved",
        ),
        (
            "Adam: A Method for Stochastic Optimization",
            "Diederik P. Kingma, Jimmy Ba",
            "ICLR'2015",
            "challenge#abs",
        ),
    ]
    lines = [
        f"{n}. **{title}**. *{authors}*. **{venue}**. [paper]({base}/{path})"
        for n, (title, authors, venue, path) in enumerate(entries, 1)
    ]
    text = "# Papers\n\n## Models\n\n" + "\n".join(lines) + "\n"
    path = tmp_path / "list.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_links_command_reports_and_exits_by_the_rules(
    tmp_path: Path, site: tuple[str, servers.Record]
) -> None:
    base, _ = site
    path = _list_file(tmp_path, base)
    args = ["links", str(path), "--allow-private", "--no-cache", "--format", "json", "--timeout", "2s"]
    result = CliRunner().invoke(main, args)
    found = {(d["code"], d["start_line"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert found == {("AL514", 6), ("AL512", 7), ("AL513", 8)}
    assert result.exit_code == 1  # AL514 is a warning
    assert "Checked 4 links: 2 ok, 1 redirected, 1 unverifiable" in result.stderr
    strict = CliRunner().invoke(main, [*args, "--select", "AL513"])
    assert strict.exit_code == 0
    assert CliRunner().invoke(main, [*args, "--select", "AL513", "--strict"]).exit_code == 1


def test_fix_with_links_replaces_permanent_redirects(
    tmp_path: Path, site: tuple[str, servers.Record]
) -> None:
    base, _ = site
    path = _list_file(tmp_path, base)
    result = CliRunner().invoke(
        main, ["fix", "--links", "--select", "AL512", "--allow-private", "--no-cache", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert f"[paper]({base}/ok)" in path.read_text(encoding="utf-8")


def test_offline_fetches_nothing(tmp_path: Path, site: tuple[str, servers.Record]) -> None:
    base, record = site
    before = len(record.requests)
    path = _list_file(tmp_path, base)
    result = CliRunner().invoke(main, ["links", str(path), "--offline", "--allow-private", "--no-cache"])
    assert result.exit_code == 0 and "4 skipped" in result.stderr
    assert len(record.requests) == before


def test_link_configuration_is_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "list.md").write_text("# L\n\n- [a](https://a.org) - x\n")
    monkeypatch.chdir(tmp_path)
    for table, message in [
        ("[links]\nconcurrency = 0\n", "`links.concurrency`: must be a whole number of at least 1"),
        ('[links]\ninterval = "fast"\n', "`links.interval`: must be `fast` is not a duration"),
        ('[links]\naccept = ["2xx"]\n', "`links.accept`: must be `2xx` is not a status"),
        ('[links]\nexclude = ["("]\n', "`links.exclude`: must be `(` is not a valid regular expression"),
        ("[links]\nspeed = 1\n", "`links.speed`: unknown key"),
    ]:
        (tmp_path / ".awesomelint.toml").write_text(table)
        result = CliRunner().invoke(main, ["links", "list.md"])
        assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_user_agent_and_headers_per_host() -> None:
    with serve({"/ok": status(200)}, host="127.0.0.9") as (base, record):
        options = FAST._replace(headers={"127.0.0.9": {"Authorization": "Bearer t0ken"}})
        assert _check({f"{base}/ok": False}, options)[f"{base}/ok"].verdict == "ok"
        _check({f"{base}/ok": False}, FAST._replace(user_agent="my-list-bot/1.0"))
    first, second = record.requests
    assert (
        first.headers["User-Agent"].startswith("awesomelint/")
        and first.headers["Authorization"] == "Bearer t0ken"
    )
    assert second.headers["User-Agent"] == "my-list-bot/1.0" and "Authorization" not in second.headers


def test_the_environment_s_proxy_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    with serve({"*": status(200)}) as (proxy, record):
        monkeypatch.setenv("HTTP_PROXY", proxy)
        closed = "http://localhost:9/paper"  # nothing listens there: only the proxy can answer
        assert _check({closed: False})[closed].verdict == "ok"
    assert record.paths() == [closed]  # asked of the proxy in absolute form


def test_wrong_paper_judges_only_paper_pages_of_paper_entries(
    tmp_path: Path, site: tuple[str, servers.Record]
) -> None:
    base, _ = site
    text = (
        "# Things\n\n## Papers\n\n"
        f"1. **Deep Residual Learning for Image Recognition**. *Kaiming He*. **CVPR'2016**. "
        f"[paper]({base}/paper-wrong)\n"
        f"2. **Attention Is All You Need**. *Ashish Vaswani*. **NeurIPS'2017**. [video]({base}/short-title)\n"
        f"3. **Adam: A Method for Stochastic Optimization**. *Diederik Kingma*. **ICLR'2015**. "
        f"[paper]({base}/short-title)\n\n"
        "## Tools\n\n"
        f"- [Tool](https://github.com/x/tool) - A tool; [docs]({base}/paper-wrong).\n"
    )
    path = tmp_path / "list.md"
    path.write_text(text)
    args = ["links", str(path), "--allow-private", "--no-cache", "--format", "json", "--no-config"]
    result = CliRunner().invoke(main, args)
    found = {(d["code"], d["start_line"]) for d in json.loads(result.stdout)["diagnostics"]}
    # The paper link of entry 1 opens another paper; a video link, a page titled `YouTube` and a
    # resource's link are no proof of a wrong paper.
    assert {f for f in found if f[0] == "AL514"} == {("AL514", 5)}
