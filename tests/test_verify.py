"""`verify`: the sources' formats and quirks, matching, politeness measured by the server, the cache
and offline use, and the seed scenario (MAD-X, Diff Pruning and the hypernetworks paper) end to end."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from awesomelint import parse
from awesomelint.evidence.matching import (
    Wanted,
    author_differences,
    choose,
    match_level,
    record_venue,
    same_venue,
)
from awesomelint.evidence.records import Record, normalized_title
from awesomelint.evidence.verify_options import VerifyOptions, verify_options
from awesomelint.model import Entry
from awesomelint.venues import builtin_venues
from awesomelint.verify import sources
from awesomelint.verify.verifier import verify_entries

from .bibliography import Paper, services
from .conftest import SEED
from .servers import Handler, serve

VENUES = builtin_venues()


def _seed_folder(tmp_path: Path, table: str) -> Path:
    (tmp_path / ".awesomelint.toml").write_text(table, encoding="utf-8")
    target = tmp_path / "README.md"
    target.write_bytes(SEED.read_bytes())
    return target


def _run(args: list[str], folder: Path) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "awesomelint", *args], cwd=folder, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


# -- the seed scenario --------------------------------------------------------------------------------


def test_verify_reports_the_three_wrong_venues_of_the_seed(tmp_path: Path) -> None:
    with services() as (table, record):
        target = _seed_folder(tmp_path, table)
        code, out, err = _run(["verify", "README.md", "--format", "json"], tmp_path)
    assert code == 1, err
    found = json.loads(out)["diagnostics"]
    venues = {(d["code"], d["message"].split("`")[1]) for d in found if d["code"] == "AL801"}
    assert venues == {
        ("AL801", "Intelligent Systems In Accounting, Finance &Management"),
        ("AL801", "计算机科学"),
        ("AL801", "EMNLP"),
    }
    messages = [d["message"] for d in found if d["code"] == "AL801"]
    assert any("DBLP conf/emnlp/PfeifferVGR20 gives EMNLP 2020" in m for m in messages)
    assert sum("gives ACL 2021" in m for m in messages) == 2
    # Papers the servers do not hold are info only; the correct ones (Dark Secrets, EMNLP-IJCNLP) nothing.
    assert {d["code"] for d in found} <= {"AL801", "AL806"}
    assert all(d["severity"] == "info" for d in found if d["code"] == "AL806")
    assert "Verified 26 papers: 4 matched" in err
    assert target.read_bytes() == SEED.read_bytes()
    assert all(seen.method == "GET" for seen in record.requests)


def test_fix_verify_writes_the_record_venues_in_the_list_style_and_nothing_else(tmp_path: Path) -> None:
    with services() as (table, _):
        target = _seed_folder(tmp_path, table)
        code, _, err = _run(["fix", "--verify", "--unsafe-fixes", "--select", "AL8", "README.md"], tmp_path)
    assert code == 0, err  # what remains (papers not found) is info, below the failing severity
    before, after = SEED.read_text(encoding="utf-8"), target.read_text(encoding="utf-8")
    hypernetworks = (
        "Hypernetworks**.*Rabeeh Karimi Mahabadi, Sebastian Ruder, Mostafa Dehghani, James Henderson*."
    )
    expected = (
        before.replace("**Intelligent Systems In Accounting,\n Finance &Management'2020**", "**EMNLP'2020**")
        .replace("**计算机科学'2021**", "**ACL'2021**")
        .replace(f"{hypernetworks}**EMNLP'2022**", f"{hypernetworks}**ACL'2021**")
    )
    assert after != before
    assert after == expected
    assert "AL801 x3" in err


def test_fix_verify_matches_fix_without_it_apart_from_the_three_venues(tmp_path: Path) -> None:
    with services() as (table, _):
        target = _seed_folder(tmp_path, table)
        _run(["fix", "--unsafe-fixes", "README.md"], tmp_path)
        plain_fix = target.read_text(encoding="utf-8")
        target.write_bytes(SEED.read_bytes())
        _run(["fix", "--verify", "--unsafe-fixes", "README.md"], tmp_path)
        verified_fix = target.read_text(encoding="utf-8")
    assert verified_fix != plain_fix
    assert verified_fix.count("EMNLP'2020") == plain_fix.count("EMNLP'2020") + 1
    assert verified_fix.count("ACL'2021") == plain_fix.count("ACL'2021") + 2
    assert "计算机科学" not in verified_fix and "Accounting" not in verified_fix


def test_a_second_run_is_answered_from_the_cache_and_offline_works(tmp_path: Path) -> None:
    with services() as (table, record):
        _seed_folder(tmp_path, table)
        _run(["verify", "README.md"], tmp_path)
        first = len(record.requests)
        code, out, err = _run(["verify", "README.md"], tmp_path)
        assert len(record.requests) == first  # everything came from the cache
    assert first > 0
    assert "no requests" in err and "answers from the cache" in err
    assert "计算机科学" in out
    # Offline with the server gone: still answered, from the cache.
    code, out, err = _run(["verify", "--offline", "README.md"], tmp_path)
    assert code == 1 and "计算机科学" in out, err


def test_offline_without_a_cache_asks_nothing_and_says_it_checked_nothing(tmp_path: Path) -> None:
    with services() as (table, record):
        _seed_folder(tmp_path, table)
        code, out, err = _run(["verify", "--offline", "README.md"], tmp_path)
        assert record.requests == []
    assert code == 2 and out == "", out + err
    assert err.strip().splitlines() == [
        "awesomelint: error: --offline: the record cache holds none of these papers; "
        "run verify once without --offline"
    ]


def test_no_source_reachable_is_one_line_naming_it_and_exit_2(tmp_path: Path) -> None:
    with serve({}) as (base, _):
        pass  # the port is closed again: every connection is refused
    table = (
        "[verify]\n"
        f'dblp = {{ url = "{base}/dblp", interval = "10ms" }}\n'
        f'semanticscholar = {{ url = "{base}/s2", interval = "10ms" }}\n'
    )
    _seed_folder(tmp_path, table)
    code, out, err = _run(["verify", "README.md"], tmp_path)
    host = base.split("//")[1].split(":")[0]
    assert code == 2 and out == "", out + err
    assert err.strip().splitlines() == [f"awesomelint: error: cannot reach {host}: connection refused"], err


def test_a_source_down_after_a_few_connection_failures_gets_no_more_requests(tmp_path: Path) -> None:
    from awesomelint.verify.verifier import BREAKER

    with services() as (table, _):
        options = _options(table, tmp_path, cache=None, sources=("dblp",), retries=3, backoff=0.01)
    # The services are gone: each connection is refused, and after BREAKER of them dblp is down.
    found, tally, _ = verify_entries(_entries(SEED_LIKE), options, VENUES)
    assert tally.requests["dblp"] == BREAKER
    assert [v.status for v in found.outcomes] == ["unavailable"] * 4
    assert all("cannot reach 127.0.0.1: connection refused" in v.reason for v in found.outcomes)
    assert "dblp" in tally.down


def test_unchecked_papers_are_on_the_report_and_fail_the_run_with_strict(tmp_path: Path) -> None:
    from .bibliography import SEED_PAPERS, dblp

    answer = dblp(SEED_PAPERS)

    def busy_for_adapters(h: Handler, method: str, count: int) -> None:
        if "adapter" in h.path.lower():
            h.reply(429, b"", {"Retry-After": "0"})  # always: those papers cannot be checked
        else:
            answer(h, method, count)

    def run(*flags: str) -> tuple[int, list[dict[str, str]], str]:
        with serve({"/dblp": busy_for_adapters}) as (base, _):
            _seed_folder(
                tmp_path,
                '[verify]\nsources = ["dblp"]\nretries = 1\n'
                f'dblp = {{ url = "{base}/dblp", interval = 0 }}\n',
            )
            args = ["check", "--verify", "--no-cache", "--select", "AL807", "--format", "json", *flags]
            code, out, err = _run([*args, "README.md"], tmp_path)
        return code, [d for d in json.loads(out)["diagnostics"] if d["code"] == "AL807"], err

    adapters = [
        e
        for e in parse(SEED.read_text()).iter_entries()
        if e.kind == "paper" and e.title and "adapter" in e.title.text.lower()
    ]
    code, unchecked, err = run()
    assert code == 0 and len(unchecked) == len(adapters) > 0, err
    assert all(d["severity"] == "info" and "HTTP 429" in d["message"] for d in unchecked)
    assert f"{len(adapters)} unavailable" in err
    code, unchecked, _ = run("--strict")
    assert code == 1 and len(unchecked) == len(adapters) and {d["severity"] for d in unchecked} == {"error"}


def test_check_without_verify_imports_none_of_it_and_asks_nothing(tmp_path: Path) -> None:
    with services() as (table, record):
        _seed_folder(tmp_path, table)
        probe = (
            "import json, sys\n"
            "from awesomelint.cli import main\n"  # not `run`, which leaves the process at once
            "try:\n    main.main(['check', 'README.md'], standalone_mode=False)\n"
            "except SystemExit:\n    pass\n"
            "network = ('awesomelint.verify', 'awesomelint.links', 'awesomelint.net', 'httpx')\n"
            "loaded = [m for m in sys.modules if m.startswith(network)]\n"
            "print('LOADED' + json.dumps(sorted(loaded)), file=sys.stderr)\n"
        )
        done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
        assert record.requests == []
    loaded = json.loads(done.stderr.split("LOADED")[1])
    # The options and results are plain data in `evidence`: no package with network code is loaded.
    assert loaded == [], loaded


# -- the sources' formats and quirks ------------------------------------------------------------------


def test_dblp_zero_hits_has_no_hit_key_and_one_author_is_an_object() -> None:
    empty = b'{"result":{"hits":{"@total":"0","@computed":"0","@sent":"0","@first":"0"}}}'
    assert sources.parse_dblp(200, empty) == []
    one = (
        b'{"result":{"hits":{"@total":"1","hit":{"@score":"3","info":{"authors":{"author":'
        b'{"@pid":"1","text":"Alice Researcher 0002"}},"title":"Citation Graph Retrieval &amp; More.",'
        b'"venue":["CoRR","x"],"year":"2024","type":"Informal and Other Publications",'
        b'"key":"journals/corr/example","ee":["https://arxiv.org/abs/2401.00001","https://x"]}}}}}'
    )
    (record,) = sources.parse_dblp(200, one)
    assert record.authors == ("Alice Researcher",)  # the homonym number is dropped
    assert record.title == "Citation Graph Retrieval & More"
    assert record.venue == "CoRR" and record.preprint and record.year == 2024
    assert record.url == "https://arxiv.org/abs/2401.00001"


def test_dblp_rate_limit_page_is_a_source_error_not_a_crash() -> None:
    with pytest.raises(sources.SourceError, match="HTTP 429"):
        sources.parse_dblp(429, b"<html>429 Too Many Requests</html>")
    with pytest.raises(sources.SourceError, match="not JSON"):
        sources.parse_dblp(200, b"<html>maintenance</html>")


@pytest.mark.parametrize("old_format", [False, True])
def test_arxiv_both_feed_formats_and_the_error_entry(old_format: bool) -> None:
    from .bibliography import MAD_X_PREPRINT, arxiv
    from .servers import serve

    with serve({"/q": arxiv([MAD_X_PREPRINT], old_format)}) as (base, _):
        import httpx

        body = httpx.get(f"{base}/q", params={"id_list": "2005.00052"}).content
        bad = httpx.get(f"{base}/q", params={"id_list": "not-an-id"}).content
    (record,) = sources.parse_arxiv(200, body)
    assert record.identifier == "arXiv 2005.00052" and record.preprint
    assert record.authors[0] == "Jonas Pfeiffer" and record.published_year == 2020
    with pytest.raises(sources.SourceError, match="incorrect id format for not-an-id"):
        sources.parse_arxiv(200, bad)


def test_crossref_null_date_parts_and_unknown_doi() -> None:
    body = json.dumps(
        {
            "message": {
                "DOI": "10.1/x",
                "type": "proceedings-article",
                "title": ["A Title"],
                "container-title": [],
                "author": [{"given": "Ann", "family": "Lee"}],
                "published-print": {"date-parts": [[None]]},
                "issued": {"date-parts": [[2021]]},
            }
        }
    ).encode()
    (record,) = sources.parse_crossref(200, body)
    assert record.year == 2021 and record.venue is None and record.authors == ("Ann Lee",)
    assert sources.parse_crossref(404, b"Resource not found.") == []


def test_semanticscholar_no_match_is_404() -> None:
    assert sources.parse_semanticscholar(404, b'{"error":"Title match not found"}') == []


# -- matching -----------------------------------------------------------------------------------------


def _record(title: str, authors: tuple[str, ...] = ("Jonas Pfeiffer",), **kw: object) -> Record:
    values: dict[str, object] = {"venue": "EMNLP (1)", "year": 2020, "preprint": False}
    values.update(kw)
    return Record("dblp", "DBLP x", title, authors, **values)  # type: ignore[arg-type]


def test_titles_keep_digits_and_ignore_case_accents_and_punctuation() -> None:
    assert normalized_title("GPT-2: Language Models") != normalized_title("GPT-3: Language Models")
    assert (
        normalized_title("Revisiting {BERT} for Café-Style  Text.") == "revisiting bert for cafe style text"
    )
    assert (
        match_level("MAD-X: an adapter-based framework", (), _record("MAD-X: An Adapter-Based Framework."))
        == "exact"
    )


def test_a_near_title_needs_an_author_and_a_far_one_is_only_possible() -> None:
    title = "Counter-Interference Adapter for Multilingual Machine Tranlsation"
    record = _record("Counter-Interference Adapter for Multilingual Machine Translation", ("Yaoming Zhu",))
    assert match_level(title, ("Zhu Yaoming",), record) == "close"
    assert match_level(title, ("Someone Else",), record) == "possible"
    assert match_level("Adapters for Machine Translation", ("Zhu Yaoming",), record) is None


def test_record_venues_compare_through_the_venue_table() -> None:
    def venue(text: str) -> str | None:
        return record_venue(_record("t", venue=text), VENUES)

    assert venue("EMNLP (1)") == "EMNLP"
    assert venue("ACL/IJCNLP (1)") == "ACL"
    assert venue("EMNLP (Findings)") == "EMNLP Findings"
    assert venue("Conference on Empirical Methods in Natural Language Processing") == "EMNLP"
    assert venue("Annual Meeting of the Association for Computational Linguistics") == "ACL"
    assert venue("PMLR") is None and venue("RepL4NLP@ACL") is None
    assert same_venue("EMNLP-IJCNLP", "EMNLP", VENUES)
    assert same_venue("NIPS", "NeurIPS", VENUES)
    assert not same_venue("ACL", "ACL Findings", VENUES)
    assert not same_venue("计算机科学", "ACL", VENUES)


def test_author_differences() -> None:
    record = _record("t", ("Yi-Lin Sung", "Varun Nair", "Colin Raffel"))
    found = author_differences(("Yi-Lin Sung", "Varun Nair", "Colin Rafel"), record, et_al=False)
    assert found is not None and found.misspelled == [("Colin Rafel", "rafel", "Raffel")]
    found = author_differences(("Sung Yi-Lin", "Raffel Colin"), record, et_al=False)
    assert found is not None and found.missing == ["Varun Nair"] and not found.reordered
    assert not author_differences(("Yi-Lin Sung", "Varun Nair"), record, et_al=False)  # shortened
    found = author_differences(("Varun Nair", "Yi-Lin Sung", "Colin Raffel"), record, et_al=False)
    assert found is not None and found.reordered
    assert not author_differences(("Yi-Lin Sung",), record, et_al=True)
    assert author_differences(("张三",), record, et_al=False) is None


# -- politeness, measured where the requests arrive ---------------------------------------------------


def _options(table: str, root: Path, **changes: object) -> VerifyOptions:
    from awesomelint.config import load_config

    (root / ".awesomelint.toml").write_text(table, encoding="utf-8")
    options = verify_options(load_config(root).table["verify"], root)
    return replace(options, **changes)  # type: ignore[arg-type]


def _entries(text: str) -> list[Entry]:
    return list(parse(text).iter_entries())


SEED_LIKE = "".join(
    f"{i}. **{title}**. **arXiv'2020**. *{author}*.\n\n"
    for i, (title, author) in enumerate(
        [
            ("MAD-X: An Adapter-Based Framework for Multi-Task Cross-Lingual Transfer", "Jonas Pfeiffer"),
            ("Parameter-Efficient Transfer Learning with Diff Pruning", "Demi Guo"),
            ("Revealing the Dark Secrets of BERT", "Olga Kovaleva"),
            ("A Paper Nobody Indexed", "Jane Doe"),
        ],
        start=1,
    )
)


def test_each_source_is_spaced_and_asked_one_at_a_time(tmp_path: Path) -> None:
    with services() as (table, record):
        text = table.replace('interval = "50ms"', 'interval = "300ms"')
        options = _options(text, tmp_path, cache=None)
        verify_entries(_entries(SEED_LIKE), options, VENUES)
    dblp = [seen for seen in record.requests if seen.path.startswith("/dblp/")]
    assert len(dblp) == 5  # the paper nobody indexed is asked again without its author
    starts = sorted(seen.start for seen in dblp)
    # Starts are planned 300 ms apart; on a loaded machine one request may reach the server late and
    # the next on time, so a single gap may shrink by that lateness, never the run as a whole.
    assert all(b - a >= 0.2 for a, b in itertools.pairwise(starts)), starts
    assert starts[-1] - starts[0] >= 4 * 0.3 - 0.1, starts
    assert record.most_open == 1  # one connection per source, and the sources in turn per entry


def test_retry_after_is_honoured(tmp_path: Path) -> None:
    with services(dblp_limited=1) as (table, record):
        options = _options(table, tmp_path, cache=None, sources=("dblp",))
        found, _, _ = verify_entries(_entries(SEED_LIKE)[:1], options, VENUES)
    dblp = [seen for seen in record.requests if seen.path.startswith("/dblp/")]
    assert len(dblp) == 2 and dblp[1].start - dblp[0].start >= 0.95  # Retry-After: 1
    assert [v.status for v in found.outcomes] == ["matched"]


def test_a_source_that_keeps_failing_makes_the_entry_unavailable_not_missing(tmp_path: Path) -> None:
    with services(dblp_limited=99) as (table, _):
        options = _options(table, tmp_path, cache=None, sources=("dblp",), retries=1)
        found, _, _ = verify_entries(_entries(SEED_LIKE)[:1], options, VENUES)
    (outcome,) = found.outcomes
    assert outcome.status == "unavailable" and "HTTP 429" in outcome.reason


def test_the_public_services_keep_their_spacing_whatever_the_configuration(tmp_path: Path) -> None:
    options = verify_options({"dblp": {"interval": "10ms"}, "arxiv": {"interval": 0}}, tmp_path)
    assert options.endpoint("dblp").interval == 2.0
    assert options.endpoint("arxiv").interval == 3.0 and options.endpoint("arxiv").connections == 1
    local = verify_options({"dblp": {"url": "http://127.0.0.1:9/api", "interval": "10ms"}}, tmp_path)
    assert local.endpoint("dblp").interval == 0.01


def test_identifiers_from_links_are_asked_first(tmp_path: Path) -> None:
    text = (
        "1. **MAD-X: An Adapter-Based Framework for Multi-Task Cross-Lingual Transfer**. **arXiv'2020**. "
        "*Jonas Pfeiffer*. [paper](https://arxiv.org/abs/2005.00052v2) "
        "[acl](https://aclanthology.org/2020.emnlp-main.617.pdf)\n"
    )
    with services() as (table, record):
        options = _options(table, tmp_path, cache=None)
        found, _, _ = verify_entries(_entries(text), options, VENUES)
    paths = [seen.path for seen in record.requests]
    # The DOI is one path segment, its slashes encoded: a DOI cannot steer the path (see the hostile tests).
    assert paths[:2] == ["/arxiv/api/query", "/crossref/works/10.18653%2Fv1%2F2020.emnlp-main.617"]
    (outcome,) = found.outcomes
    assert outcome.record is not None and outcome.record.venue == "EMNLP (1)"
    assert outcome.preprint is not None and outcome.preprint.identifier == "arXiv 2005.00052"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[verify]\nsources = ["google"]\n', "`verify.sources`: must be a non-empty list of"),
        ('[verify]\ndblp = { url = "ftp://x" }\n', "`verify.dblp.url`: must be an http:// or https:// URL"),
        ("[verify]\nspeed = 3\n", "`verify.speed`: unknown key"),
    ],
)
def test_a_broken_verify_table_is_one_line_and_exit_2(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / ".awesomelint.toml").write_text(table, encoding="utf-8")
    (tmp_path / "README.md").write_text("# A\n\n- [x](https://x.org)\n", encoding="utf-8")
    code, _, err = _run(["check", "README.md"], tmp_path)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err


def test_crossref_gets_the_mailto_and_semantic_scholar_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMANTIC_SCHOLAR_API_KEY", "s2-secret")
    text = "1. **A Paper Nobody Indexed**. **ACL'2020**. *Jane Doe*. [doi](https://doi.org/10.5555/none)\n"
    with services() as (table, record):
        options = _options(table + 'mailto = "keeper@example.org"\n', tmp_path, cache=None)
        found, tally, _ = verify_entries(_entries(text), options, VENUES)
    by_path = {seen.path.split("/")[1]: seen for seen in record.requests}
    assert by_path["s2"].headers.get("x-api-key") == "s2-secret"
    assert "mailto:keeper@example.org" in by_path["crossref"].headers["User-Agent"]
    assert "x-api-key" not in by_path["dblp"].headers
    assert [v.status for v in found.outcomes] == ["not-found"]  # the unknown DOI's 404 is no record
    assert tally.requests == {"crossref": 1, "dblp": 2, "semanticscholar": 1}  # DBLP again without the author


def test_a_compressed_answer_is_read_and_an_endless_one_refused(tmp_path: Path) -> None:
    import gzip

    from .servers import serve

    hit = (
        '{"result":{"hits":{"@total":"1","hit":[{"info":{"authors":{"author":{"text":"Olga Kovaleva"}},'
        '"title":"Revealing the Dark Secrets of BERT.","venue":"EMNLP/IJCNLP (1)","year":"2019",'
        '"type":"Conference and Workshop Papers","key":"conf/emnlp/KovalevaRRR19"}}]}}}'
    )

    def compressed(h: Handler, method: str, count: int) -> None:
        h.reply(
            200, gzip.compress(hit.encode()), {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        )

    def endless(h: Handler, method: str, count: int) -> None:
        h.reply(200, gzip.compress(b"[" * (20 * 2**20)), {"Content-Encoding": "gzip"})

    text = "1. **Revealing the Dark Secrets of BERT**. **EMNLP'2019**. *Olga Kovaleva*.\n"
    with serve({"/good": compressed, "/bad": endless}) as (base, _):
        good = verify_options({"dblp": {"url": f"{base}/good", "interval": 0}}, tmp_path)
        found, _, _ = verify_entries(_entries(text), replace(good, cache=None, sources=("dblp",)), VENUES)
        assert [v.status for v in found.outcomes] == ["matched"]
        bad = verify_options({"dblp": {"url": f"{base}/bad", "interval": 0}}, tmp_path)
        found, _, _ = verify_entries(_entries(text), replace(bad, cache=None, sources=("dblp",)), VENUES)
    (outcome,) = found.outcomes
    assert outcome.status == "unavailable" and "over 16 MiB" in outcome.reason


def test_dblp_is_asked_again_without_the_author_when_the_name_finds_nothing(tmp_path: Path) -> None:
    text = "1. **Revealing the Dark Secrets of BERT**. **EMNLP'2019**. *Olga Kovalyova*.\n"
    with services() as (table, record):
        options = _options(table, tmp_path, cache=None, sources=("dblp",))
        found, _, _ = verify_entries(_entries(text), options, VENUES)
    queries = [seen for seen in record.requests if seen.path.startswith("/dblp/")]
    assert len(queries) == 2
    (outcome,) = found.outcomes
    assert outcome.status == "matched" and outcome.record is not None
    assert outcome.record.identifier == "DBLP conf/emnlp/KovalevaRRR19"


def test_identifiers_are_read_from_publisher_and_openreview_links() -> None:
    from awesomelint.verify.verifier import identifiers_in

    assert identifiers_in(["https://dl.acm.org/doi/10.1145/3442188.3445922"]).doi == "10.1145/3442188.3445922"
    assert identifiers_in(["https://link.springer.com/chapter/10.1007/978-3-030-58452-8_13"]).doi == (
        "10.1007/978-3-030-58452-8_13"
    )
    assert (
        identifiers_in(["https://aclanthology.org/2021.acl-long.47.pdf"]).doi
        == "10.18653/v1/2021.acl-long.47"
    )
    assert identifiers_in(["https://arxiv.org/pdf/2106.04647v2.pdf"]).arxiv == "2106.04647"
    assert identifiers_in(["https://openreview.net/forum?id=nZeVKeeFYf9"]).openreview == "nZeVKeeFYf9"
    assert (
        identifiers_in(["https://github.com/org/repo", "https://x.org/10.1234"]) == type(identifiers_in([]))()
    )


def test_a_record_linking_to_the_papers_openreview_page_is_the_paper_whatever_its_title() -> None:
    from awesomelint.evidence.matching import Wanted, choose

    renamed = _record(
        "LoRA: Low-Rank Adaptation of Large Language Models",
        ("Edward J. Hu",),
        venue="ICLR",
        year=2022,
        url="https://openreview.net/forum?id=nZeVKeeFYf9",
    )
    wanted = Wanted("Low-Rank Adapters for Big Models", ("Edward Hu",), 2022, "ICLR")
    assert choose(wanted, [renamed], VENUES).status == "not-found"
    proven = choose(replace(wanted, openreview="nZeVKeeFYf9"), [renamed], VENUES)
    assert proven.status == "matched" and proven.record == renamed


# -- matching a maintainer can trust (issue 26 item 1) -------------------------------------------------

BLIP = "BLIP-2: Bootstrapping Language-Image Pre-training with Frozen Image Encoders"
BLIP_AUTHORS = ("Junnan Li", "Dongxu Li", "Silvio Savarese", "Steven Hoi")


@pytest.mark.parametrize(
    "sibling",
    [
        BLIP.replace("BLIP-2", "BLIP-3"),
        BLIP.replace("BLIP-2", "BLIP-2.5"),
        BLIP + " Part II",
        BLIP.replace("BLIP-2", "BLIP-II"),
    ],
)
@pytest.mark.parametrize("exact_present", [False, True])
def test_a_digit_or_numeral_sibling_is_never_the_paper(sibling: str, exact_present: bool) -> None:
    wanted = Wanted(BLIP, ("Junnan Li", "Steven Hoi"), 2023, "ICML")
    near = _record(sibling, BLIP_AUTHORS, venue="NeurIPS", year=2024)
    exact = _record(BLIP, BLIP_AUTHORS, venue="ICML", year=2023)
    records = [near, exact] if exact_present else [near]
    outcome = choose(wanted, records, VENUES)
    if exact_present:
        assert outcome.status == "matched" and outcome.record == exact
    else:
        assert outcome.status != "matched" and match_level(BLIP, wanted.names, near) is None


def test_the_exact_record_wins_over_a_near_one_whatever_its_venue_and_year() -> None:
    wanted = Wanted("Adapters for Vision Transformers", ("Ann Lee", "Bo Chen"), 2022, "CVPR")
    exact = _record("Adapters for Vision Transformers", ("Ann Lee", "Bo Chen"), venue="ECCV", year=2022)
    near = _record("Adapters for Vision Transformer", ("Ann Lee", "Bo Chen"), venue="CVPR", year=2022)
    assert match_level(wanted.title, wanted.names, near) == "close"
    assert choose(wanted, [near, exact], VENUES).record == exact


@pytest.mark.parametrize("exact_present", [False, True])
def test_the_same_title_by_other_authors_is_never_the_paper(tmp_path: Path, exact_present: bool) -> None:
    title = "Prompt Tuning for Graph Neural Networks."
    decoy = Paper(title, ("Carl Park", "Dan Kim", "Eve Moss"), "ICML", 2019, "conf/icml/ParkKM19")
    paper = Paper(title, ("Ann Lee", "Bo Chen"), "KDD", 2022, "conf/kdd/LeeC22")
    text = "1. **Prompt Tuning for Graph Neural Networks**. **KDD'2022**. *Ann Lee, Bo Chen, Carl Park*.\n"
    with services((decoy, paper) if exact_present else (decoy,)) as (table, _):
        options = _options(table, tmp_path, cache=None, sources=("dblp",))
        found, _, _ = verify_entries(_entries(text), options, VENUES)
    (outcome,) = found.outcomes
    if exact_present:
        assert outcome.status == "matched" and outcome.record is not None
        assert outcome.record.identifier == "DBLP conf/kdd/LeeC22"
    else:  # one shared surname of three listed names is not the paper: at most a possible match
        assert outcome.status == "possible"


def test_a_possible_match_is_reported_and_never_fixed(tmp_path: Path) -> None:
    decoy = Paper(
        "Prompt Tuning for Graph Neural Networks.", ("Carl Park",), "ICML", 2019, "conf/icml/Park19"
    )
    text = "# Papers\n\n1. **Prompt Tuning for Graph Neural Networks**. **KDD'2022**. *Ann Lee, Bo Chen*.\n"
    with services((decoy,)) as (table, _):
        target = tmp_path / "README.md"
        (tmp_path / ".awesomelint.toml").write_text(table, encoding="utf-8")
        target.write_text(text, encoding="utf-8")
        _, _, err = _run(["fix", "--verify", "--unsafe-fixes", "--select", "AL8", "README.md"], tmp_path)
        _, out, _ = _run(["verify", "README.md", "--format", "json"], tmp_path)
    assert target.read_text(encoding="utf-8") == text, err
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["AL806"]


@pytest.mark.parametrize(
    ("container", "venue"),
    [
        ("Findings of the Association for Computational Linguistics: EMNLP 2020", "EMNLP Findings"),
        ("Findings of the Association for Computational Linguistics: EACL 2023", "EACL Findings"),
        ("Findings of the Association for Computational Linguistics: NAACL 2022", "NAACL Findings"),
        ("Findings of the Association for Computational Linguistics: AACL-IJCNLP 2022", "AACL Findings"),
        ("Findings of the Association for Computational Linguistics: ACL-IJCNLP 2021", "ACL Findings"),
        ("Findings of the Association for Computational Linguistics: ACL 2023", "ACL Findings"),
        ("EACL (Findings)", "EACL Findings"),
        ("AACL/IJCNLP (Findings)", "AACL Findings"),
    ],
)
def test_findings_keep_their_conference_whatever_the_source(container: str, venue: str) -> None:
    assert record_venue(_record("T", venue=container), VENUES) == venue


def test_the_hint_after_verify_names_fix_with_verify() -> None:
    from awesomelint.diagnostic import Applicability, Diagnostic, Fix, Severity
    from awesomelint.report import FileReport, summarize
    from awesomelint.text import Span

    venue = Diagnostic(
        "AL801", "record-venue", Severity.WARNING, "x", Span(0, 1, [0]), Fix((), Applicability.UNSAFE, "x")
    )
    headline = summarize([FileReport("a.md", "x", [venue])]).headline()
    assert "`awesomelint fix --verify --unsafe-fixes`" in headline and "--links" not in headline


def test_verify_help_lists_its_own_options_only(tmp_path: Path) -> None:
    _, out, _ = _run(["verify", "--help"], tmp_path)
    for flag in (
        "--sources",
        "--timeout",
        "--retries",
        "--entry-budget",
        "--strict",
        "--offline",
        "--no-cache",
    ):
        assert flag in out
    for flag in ("--concurrency", "--per-host", "--accept", "--allow-private", "--links", "--unsafe-fixes"):
        assert flag not in out


def test_verify_flags_reach_the_run_and_bad_ones_are_one_line(tmp_path: Path) -> None:
    with services() as (table, record):
        _seed_folder(tmp_path, table)
        code, _, err = _run(["verify", "--sources", "semanticscholar", "--no-cache", "README.md"], tmp_path)
        assert {seen.path.split("/")[1] for seen in record.requests} == {"s2"}, err
        assert not (tmp_path / ".awesomelint-cache" / "records.json").exists()
        code, out, err = _run(["verify", "--sources", "google", "README.md"], tmp_path)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
        assert "--sources google: must be a non-empty list of" in err
        code, _, err = _run(["verify", "--entry-budget", "soon", "README.md"], tmp_path)
        assert code == 2 and "--entry-budget soon" in err


def test_a_long_list_finishes_in_one_run_the_queue_not_counted_in_the_entry_budget(tmp_path: Path) -> None:
    # The public arithmetic: 300 papers at DBLP's 2 s queue for 600 s, five times the 2-minute entry
    # budget. Here the spacing is shortened through the configuration's interval alone (20 ms) and
    # the budget with it (1 s): the queue is again about six budgets long, each entry's own request
    # quick, so an entry is "unavailable" only if its wait in the queue were counted.
    papers = [
        Paper(f"Study Number {i} of Adapter Layers.", (f"Ann Q{i:03d}",), "ICML", 2020, f"conf/icml/Q{i}")
        for i in range(300)
    ]
    text = "".join(
        f"{i + 1}. **{p.title[:-1]}**. *{p.authors[0]}*. **ICML'2020**.\n" for i, p in enumerate(papers)
    )
    with services(papers) as (table, record):
        table = table.replace('interval = "50ms"', 'interval = "20ms"', 1)  # dblp's line comes first
        options = _options(table, tmp_path, cache=None, sources=("dblp",), entry_budget=1.0)
        interval = options.endpoint("dblp").interval
        found, tally, _ = verify_entries(_entries(text), options, VENUES)
    assert interval == 0.02
    assert [v.status for v in found.outcomes] == ["matched"] * 300
    assert tally.requests == {"dblp": 300} and len(record.requests) == 300  # no retry, no second search
    assert record.most_open == 1  # one request at a time
    # What the server saw. A request that reaches it late (a loaded machine) shortens the gap after
    # it by its lateness, but by one interval at most: the next waits for its answer (one
    # connection). So the spacing is asserted over runs of requests: every 50 consecutive ones span
    # at least 48 of their 49 intervals (less 0.13 s of slack), the whole run its 299 but one.
    starts = sorted(seen.start for seen in record.requests)
    spans = [b - a for a, b in zip(starts, starts[49:], strict=False)]
    assert min(spans) >= 49 * interval - 0.15, min(spans)
    assert starts[-1] - starts[0] >= 298 * interval > 5 * options.entry_budget, starts[-1] - starts[0]


def test_progress_keeps_a_line_on_a_terminal_and_writes_one_a_minute_elsewhere() -> None:
    from awesomelint.verify.verifier import Progress

    now = [0.0]
    written: list[tuple[str, bool]] = []
    terminal = Progress(lambda text, tty: written.append((text, tty)), True, clock=lambda: now[0])
    now[0] = 60.0
    terminal(100, 300)
    now[0] = 180.0
    terminal(300, 300)
    assert written == [("papers 100/300, about 2 min left", True), ("papers 300/300", True)]
    written.clear()
    now[0] = 0.0
    log = Progress(lambda text, tty: written.append((text, tty)), False, clock=lambda: now[0])
    for second in range(1, 600):  # ten minutes, a paper every two seconds
        now[0] = float(second)
        log(second // 2, 300)
    assert [text for text, _ in written][:2] == [
        "papers 30/300, about 9 min left",
        "papers 60/300, about 8 min left",
    ]
    assert len(written) == 9 and not any(tty for _, tty in written)
