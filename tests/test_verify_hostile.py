"""`verify` and `add` against hostile bibliographic services (issue 27, items 1-4): what a service
answers is untrusted input. Each test attacks for real: servers on 127.0.0.1 answer odd shapes,
escape sequences, workflow commands, Markdown and HTML, `javascript:` redirects, off-origin
redirects, endless bodies and broken Retry-After headers; cache files are forged on disk."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesomelint import parse
from awesomelint.cli import main
from awesomelint.evidence.records import Record, as_markdown, clean_text, safe_url, valid_doi
from awesomelint.evidence.verify_options import VerifyOptions, verify_options
from awesomelint.net.cachefile import read_table, write_table
from awesomelint.net.timing import retry_after
from awesomelint.venues import builtin_venues
from awesomelint.verify import sources
from awesomelint.verify.sources import SourceError
from awesomelint.verify.verifier import RecordCache, verify_entries

from .bibliography import Paper, services
from .servers import Handler, Route, serve

VENUES = builtin_venues()
LIST = (
    "# Papers\n\n## Adapters\n\n"
    "1. **Hostile Paper About Adapters Zeta**. *Jane Doe*. **EMNLP'2020**. [paper](https://arxiv.org/abs/2001.00001)\n"
    "2. **Another Plain Paper**. *John Roe*. **ACL'2021**. [paper](https://arxiv.org/abs/2101.00002)\n"
)
ENTRY = "1. **Hostile Paper About Adapters Zeta**. *Jane Doe*. **EMNLP'2020**.\n"


def _options(base: str, root: Path, path: str = "/dblp", **changes: object) -> VerifyOptions:
    options = verify_options({"dblp": {"url": f"{base}{path}", "interval": 0}}, root)
    values: dict[str, object] = {
        "cache": None,
        "sources": ("dblp",),
        "retries": 1,
        "backoff": 0.01,
        **changes,
    }
    return replace(options, **values)  # type: ignore[arg-type]


def _verify_one(route: Route, root: Path, **changes: object) -> tuple[str, str]:
    with serve({"/dblp": route}) as (base, _):
        found, _, _ = verify_entries(
            list(parse(ENTRY).iter_entries()), _options(base, root, **changes), VENUES
        )
    (outcome,) = found.outcomes
    return outcome.status, outcome.reason


# -- record text is data ------------------------------------------------------------------------------


def test_record_text_loses_escapes_controls_and_line_breaks() -> None:
    text = "A\n::error::owned\x1b[31m red\x1b]0;title\x07 \u202eevil\u2028end\x00\ud800"
    assert clean_text(text) == "A ::error::owned red evil end"
    record = Record("dblp", "DBLP x\n::add-mask::k", text, ("Ann\x1b[2J Lee",), "V\r\nX", 2020, False)
    assert "\n" not in record.identifier and record.authors == ("Ann Lee",) and record.venue == "V X"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("javascript:alert(1)", None),
        ("data:text/html,<script>x</script>", None),
        ("https://user:pw@example.org/", None),
        ("https://127.0.0.1/admin", None),
        ("//example.org/x", None),
        ("https://doi.org/10.1/a(b)", "https://doi.org/10.1/a%28b%29"),
        (
            "https://aclanthology.org/2020.emnlp-main.617.pdf",
            "https://aclanthology.org/2020.emnlp-main.617.pdf",
        ),
        ("https://x.org/a b)[c](javascript:y)", "https://x.org/a%20b%29%5Bc%5D%28javascript:y%29"),
    ],
)
def test_only_http_urls_of_host_names_are_kept_with_markup_encoded(url: str, kept: str | None) -> None:
    assert safe_url(url) == kept


def test_dois_need_the_doi_syntax() -> None:
    assert valid_doi("10.18653/v1/2020.emnlp-main.617") == "10.18653/v1/2020.emnlp-main.617"
    assert valid_doi("10.1/../../admin") is None and valid_doi("10.1//x") is None
    assert valid_doi("11.1234/x") is None and valid_doi("10.1234/x y") is None


def test_markdown_and_html_in_record_text_are_escaped_when_written() -> None:
    written = as_markdown("<script>x</script> [a](javascript:b) *b* _c_ snake_case a|b `d` $e$ &amp; AT&T")
    assert written == (
        r"\<script\>x\</script\> \[a\](javascript:b) \*b\* \_c\_ snake_case a\|b \`d\` \$e\$ \&amp; AT&T"
    )
    rendered = parse(f"- **{written}**. *Ann Lee*.\n")
    (entry,) = rendered.iter_entries()
    assert [link.url for link in entry.links] == []


# -- answers are validated as shapes ------------------------------------------------------------------

ODD_SHAPES = [
    b"[]",
    b'"text"',
    b'{"result": []}',
    b'{"result": {"hits": []}}',
    b'{"result": {"hits": {"hit": "x"}}}',
    b'{"result": {"hits": {"hit": [{"info": {"title": ["a", 1], "authors": [1, null]}}]}}}',
    b'{"result": {"hits": {"hit": [{"info": {"title": {"x": 1}, "authors": {"author": "Ann"}}}]}}}',
    b'{"result": {"hits": {"hit": [{"info": {"title": "T", "authors": {"author": [{"text": 5}]},'
    b' "year": [1e400], "ee": {"a": 1}, "venue": [[1]], "key": 7}}]}}}',
    b'{"message": {"items": [{"title": "T", "author": {"given": 1}, "issued": {"date-parts": "x"}}]}}',
    b'{"data": [{"title": "T", "externalIds": [], "authors": "x", "year": "20x"}]}',
    b'{"message": {"items": [{"title": ["T"], "DOI": "10.1/../../admin", "container-title": [{}]}]}}',
    b'{"a": ' * 5000 + b"1" + b"}" * 5000,
    b"\xff\xfe",
    b'{"data": [{"title": "T", "year": ' + b"9" * 5000 + b"}]}",
]


@pytest.mark.parametrize("body", ODD_SHAPES)
@pytest.mark.parametrize("source", ["dblp", "crossref", "semanticscholar", "arxiv"])
def test_every_parser_gives_records_or_no_usable_answer(source: str, body: bytes) -> None:
    try:
        records = sources.parse(source, 200, body)
    except SourceError:
        return
    assert all(isinstance(record, Record) and record.title for record in records)


_KEYS = st.sampled_from(
    (
        *("result", "hits", "hit", "info", "title", "authors", "author", "text", "message", "items"),
        *("data", "DOI", "externalIds", "year", "venue", "ee", "date-parts", "issued", "name", "given"),
    )
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)


@given(_JSON)
@settings(max_examples=150, deadline=None)
def test_any_json_answer_costs_at_most_its_lookup(data: object) -> None:
    body = json.dumps(data).encode()
    for source in ("dblp", "crossref", "semanticscholar"):
        with suppress(SourceError):
            sources.parse(source, 200, body)


@pytest.mark.parametrize("location", ["javascript:alert(1)", "data:text/html,x", "http://[::1", "ftp://x/"])
def test_a_redirect_to_another_scheme_costs_only_that_lookup(tmp_path: Path, location: str) -> None:
    status, reason = _verify_one(lambda h, m, c: h.reply(302, b"", {"Location": location}), tmp_path)
    assert status == "unavailable" and reason.startswith("dblp"), reason


@pytest.mark.parametrize("value", ["²", "½", "1e9", "Fri, 31 Dec 99999 23:59:59 GMT", "-5", "0x10"])
def test_an_odd_retry_after_is_no_wait_and_no_crash(tmp_path: Path, value: str) -> None:
    assert retry_after(httpx.Headers({"Retry-After": value.encode("latin-1")})) is None
    status, reason = _verify_one(lambda h, m, c: h.reply(429, b"", {"Retry-After": value}), tmp_path)
    assert status == "unavailable" and "HTTP 429" in reason


# -- requests stay where they were sent ---------------------------------------------------------------


def test_a_redirect_to_another_origin_is_not_followed_and_the_key_stays_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMANTIC_SCHOLAR_API_KEY", "s2-secret")
    with (
        serve({"*": lambda h, m, c: h.reply(200, b'{"data": []}')}, host="127.0.0.2") as (elsewhere, seen),
        serve({"*": lambda h, m, c: h.reply(307, b"", {"Location": f"{elsewhere}/steal"})}) as (base, _),
    ):
        options = verify_options({"semanticscholar": {"url": f"{base}/s2", "interval": 0}}, tmp_path)
        options = replace(options, cache=None, sources=("semanticscholar",), retries=0)
        found, _, _ = verify_entries(list(parse(ENTRY).iter_entries()), options, VENUES)
    assert seen.requests == []  # nothing reached the other origin, the key least of all
    (outcome,) = found.outcomes
    assert outcome.status == "unavailable" and "another origin" in outcome.reason


def test_a_redirect_within_the_origin_is_followed(tmp_path: Path) -> None:
    hit = (
        b'{"result":{"hits":{"hit":[{"info":{"title":"Hostile Paper About Adapters Zeta.","year":"2020"}}]}}}'
    )
    routes: dict[str, Route] = {
        "/dblp": lambda h, m, c: h.reply(301, b"", {"Location": "/moved?q=1"}),
        "/moved": lambda h, m, c: h.reply(200, hit),
    }
    with serve(routes) as (base, seen):
        found, _, _ = verify_entries(list(parse(ENTRY).iter_entries()), _options(base, tmp_path), VENUES)
    assert [r.path for r in seen.requests] == ["/dblp", "/moved"]
    assert [v.status for v in found.outcomes] == ["matched"]


def test_a_doi_from_the_list_cannot_steer_the_request_path(tmp_path: Path) -> None:
    text = (
        "1. **Steering Paper**. *Jane Doe*. [doi](https://doi.org/10.1234/../../admin) "
        "[doi2](https://doi.org/10.1234/x%2F..%2F..%2Fadmin)\n"
    )
    with services() as (table, record):
        options = verify_options({}, tmp_path)
        base = re.search(r'crossref = \{ url = "([^"]+)"', table)
        assert base is not None
        options = replace(
            options,
            cache=None,
            sources=("crossref",),
            endpoints={**options.endpoints, "crossref": replace(options.endpoints["crossref"], url=base[1])},
        )
        verify_entries(list(parse(text).iter_entries()), options, VENUES)
    paths = [seen.path for seen in record.requests]
    assert paths and all(path.startswith("/crossref/works") for path in paths), paths
    assert not any("admin" in path and "%2F" not in path for path in paths), paths


def test_an_endless_slow_body_costs_the_entry_its_budget_not_the_run(tmp_path: Path) -> None:
    import time

    def drip(h: Handler, method: str, count: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.end_headers()
        try:
            for _ in range(600):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    status, reason = _verify_one(drip, tmp_path, timeout=1.0, entry_budget=2.0)
    assert status == "unavailable" and ("in time" in reason or "budget" in reason), reason


def test_a_retry_after_longer_than_the_budget_gives_up_at_once(tmp_path: Path) -> None:
    with serve({"/dblp": lambda h, m, c: h.reply(429, b"", {"Retry-After": "3600"})}) as (base, seen):
        options = _options(base, tmp_path, retries=5, entry_budget=30.0)
        found, _, _ = verify_entries(list(parse(ENTRY).iter_entries()), options, VENUES)
    assert len(seen.requests) == 1
    (outcome,) = found.outcomes
    assert outcome.status == "unavailable" and "budget" in outcome.reason


# -- cache files --------------------------------------------------------------------------------------


def _cache(path: Path, answers: object, mode: int = 0o600) -> None:
    path.write_text(
        json.dumps({"format": "awesomelint-record-cache", "version": 1, "answers": answers}), encoding="utf-8"
    )
    path.chmod(mode)


def test_a_cache_with_infinity_is_ignored_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text(
        '{"format": "awesomelint-record-cache", "version": 1, "answers": {"k": {"checked": Infinity}}}'
    )
    path.chmod(0o600)
    entries, warning = read_table(path, "awesomelint-record-cache", 1, "answers")
    assert entries == {} and warning is not None and "Infinity" in warning


def test_cache_entries_of_a_foreign_shape_are_ignored_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    good = {"checked": 1e9, "records": []}
    _cache(path, {"a": good, "b": {"checked": 1e9, "records": [{"title": {"x": 1}}]}, "c": [1], "d": good})
    cache = RecordCache(replace(VerifyOptions(), cache=path))
    assert set(cache.entries) == {"a", "d"}
    assert cache.warning is not None and "another shape" in cache.warning


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX modes")
def test_a_cache_others_may_write_is_ignored_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    _cache(path, {"a": {"checked": 1e9, "records": []}}, mode=0o666)
    entries, warning = read_table(path, "awesomelint-record-cache", 1, "answers")
    assert entries == {} and warning is not None and "others than you may write it" in warning


def test_cache_writes_do_not_follow_symbolic_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    repository = tmp_path / "repo"
    repository.mkdir()
    (repository / ".awesomelint-cache").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OSError, match="symbolic link"):
        write_table(repository / ".awesomelint-cache" / "records.json", "f", 1, "answers", {})
    assert list(outside.iterdir()) == []
    folder = tmp_path / "cache"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    (folder / "records.json").symlink_to(victim)
    with pytest.raises(OSError, match="symbolic link"):
        write_table(folder / "records.json", "f", 1, "answers", {})
    assert victim.read_text() == "mine\n"
    entries, warning = read_table(folder / "records.json", "f", 1, "answers")
    assert entries == {} and warning is not None and "symbolic link" in warning


def test_a_gitignore_link_in_the_cache_folder_is_not_written_through(tmp_path: Path) -> None:
    folder = tmp_path / ".awesomelint-cache"
    folder.mkdir()
    target = tmp_path / "elsewhere.txt"
    (folder / ".gitignore").symlink_to(target)  # dangling: `exists()` says no
    write_table(folder / "records.json", "f", 1, "answers", {})
    assert not target.exists()


# -- the property: any record text through every output ------------------------------------------------

HOSTILE_PIECES = [
    "\n::error::owned",
    "\r\n::add-mask::secret",
    "\n::set-output name=x::y",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x9b2J",
    "\x00",
    "\u202e",
    "\u2028",
    "\x85",
    "<script>alert(1)</script>",
    "](javascript:alert(1))",
    "[x](data:text/html,y)",
    "\n# Heading\n",
    "\n\n- [extra](https://evil.example/)\n",
    "|",
    "*",
    "_",
    "`",
    "<br />",
    "&amp;",
    "$",
    "\ud800",
]
_ANY = st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(max_size=4), max_size=5).map("".join)
# Around a title's words only what is no letter or digit: the entry must still match its record.
_PUNCTUATION = st.lists(
    st.sampled_from([p for p in HOSTILE_PIECES if not re.search(r"[^\W_]", p)])
    | st.text(alphabet=st.characters(exclude_categories=("L", "N")), max_size=3),
    max_size=3,
).map("".join)


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _hostile(title: str, garbage: tuple[str, ...], key: str) -> Paper:
    around, venue, author, doi = garbage
    words = title.split()
    return Paper(
        f"{around}{words[0]} {around}{' '.join(words[1:])}{around}",
        (f"Jane{around} Doe", f"{author}"),
        f"{venue}",
        2020,
        f"conf/x/{key}{venue}",
        doi=f"10.1234/{doi}",
        container=venue,
        s2_venue=venue,
    )


def _assert_clean_output(text: str) -> None:
    assert "\x1b" not in text and "\x9b" not in text and "\x00" not in text
    for line in text.splitlines():
        if line.startswith("::"):  # only the github format's own findings
            assert re.match(r"::(error|warning|notice) file=README\.md,line=\d+,", line), line


def _assert_links_http(text: str) -> None:
    for entry in parse(text).iter_entries():
        for link in entry.links:
            assert urlsplit(link.url).scheme in ("http", "https"), link.url
    assert not re.search(r"(?<!\\)<script", text)


@given(_PUNCTUATION, _ANY, _ANY, _ANY)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_record_text_reaches_no_output_as_a_command_escape_or_markup(
    around: str, venue: str, author: str, doi: str
) -> None:
    papers = (
        # One letter more than the listed title: a close match, whose title `fix --verify` writes.
        _hostile("Hostile Paper About Adapters Zetas", (around, venue, author, doi), "a"),
        _hostile("Second Hostile Study Omega", (around, venue, author, doi), "b"),
    )
    runner = CliRunner()
    with services(papers) as (table, _), tempfile.TemporaryDirectory() as folder, _inside(Path(folder)):
        Path(".awesomelint.toml").write_text(table, encoding="utf-8")
        readme = Path("README.md")
        readme.write_text(LIST, encoding="utf-8")
        before = [e.title.text if e.title else "" for e in parse(LIST).iter_entries()]
        for output_format in ("github", "text", "json", "sarif"):
            result = runner.invoke(main, ["verify", "README.md", "--format", output_format])
            assert result.exit_code in (0, 1), result.output + result.stderr
            _assert_clean_output(result.stdout + result.stderr)
            if output_format in ("json", "sarif"):
                json.loads(result.stdout)
        result = runner.invoke(main, ["add", "Second Hostile Study Omega", "--section", "Adapters"])
        _assert_clean_output(result.stdout + result.stderr)
        added = readme.read_text(encoding="utf-8")
        if result.exit_code == 0:
            titles = [e.title.text if e.title else "" for e in parse(added).iter_entries()]
            assert len(titles) == len(before) + 1 and [t for t in titles if t in before] == before
        else:
            assert added == LIST, result.stderr
        _assert_links_http(added)
        result = runner.invoke(main, ["fix", "--verify", "--unsafe-fixes", "README.md"])
        _assert_clean_output(result.stdout + result.stderr)
        fixed = readme.read_text(encoding="utf-8")
        assert len(list(parse(fixed).iter_entries())) == len(list(parse(added).iter_entries()))
        _assert_links_http(fixed)


def test_add_against_an_endless_answer_stops_at_its_budget_with_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    def drip(h: Handler, method: str, count: int) -> None:
        h.send_response(200)
        h.end_headers()
        try:
            for _ in range(2000):  # 100 s of one byte every 50 ms, were it read to the end
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    with serve({"*": drip}) as (base, seen):
        (tmp_path / ".awesomelint.toml").write_text(
            '[verify]\nsources = ["dblp"]\nretries = 1\nentry-budget = "3s"\ntimeout = "1s"\n'
            f'dblp = {{ url = "{base}/dblp", interval = 0 }}\n',
            encoding="utf-8",
        )
        (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "awesomelint", "add", "Some Paper Title", "--section", "Adapters"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=90,  # a guard against a hang only: the budget ends the lookup long before
            check=False,
        )
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()] and "cannot look" in done.stderr
    assert 1 <= len(seen.requests) <= 4  # the budget allows a few one-second attempts, not 100 s of one
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == LIST


def test_a_public_endpoint_name_that_turns_private_gets_no_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    real = socket.getaddrinfo
    answers = iter(["93.184.216.34", "127.0.0.1"])  # public when first asked, then rebound to loopback

    def rebinding(host: str, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        if host != "rebind.example":
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 80))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with serve({"*": lambda h, m, c: h.reply(200, b"{}")}) as (base, seen):
        port = base.rsplit(":", 1)[1]
        options = verify_options(
            {"dblp": {"url": f"http://rebind.example:{port}/dblp", "interval": 0}}, tmp_path
        )
        options = replace(options, cache=None, sources=("dblp",), retries=0)
        found, _, _ = verify_entries(list(parse(ENTRY).iter_entries()), options, VENUES)
    assert seen.requests == []
    (outcome,) = found.outcomes
    assert outcome.status == "unavailable" and "loopback" in outcome.reason, outcome.reason
    assert "--allow-private" not in outcome.reason  # a link checker flag: no cure for a verify endpoint


def test_an_answer_put_in_the_cache_is_read_back_in_the_same_run_and_the_next(tmp_path: Path) -> None:
    from awesomelint.verify.sources import Request

    path = tmp_path / "records.json"
    options = replace(VerifyOptions(), cache=path)
    record = Record(
        "dblp", "DBLP k", "A Title", ("Ann Lee", "Bo Chen"), "ICML", 2020, False, url="https://x.org/a"
    )
    request = Request("dblp", "https://dblp.org/search/publ/api", {"q": "a title"})
    cache = RecordCache(options)
    cache.put(request, [record])
    assert cache.get(request) == [record]  # before any save: the entry as put
    cache.save()
    again = RecordCache(options)
    assert again.warning is None and again.get(request) == [record]
