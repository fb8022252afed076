"""Every rule has a page in rules/ whose examples the engine agrees with, and every fix a rule
emits is one it declares."""

from __future__ import annotations

import json
import re

import pytest

from awesomelint import parse
from awesomelint.diagnostic import Applicability, Diagnostic
from awesomelint.docs import doc_filename, rule_doc
from awesomelint.engine import Rule, all_rules, run_rules
from awesomelint.evidence.links import LinkResult, link_key
from awesomelint.evidence.records import Record, Verification, Verifications

from .conftest import FIXTURES, ROOT, SEED

RULES = sorted(all_rules(), key=lambda r: r.code)


def _example(page: str, kind: str) -> str:
    match = re.search(rf"(`{{3,}})markdown {kind}\n(.*?)\n\1\n", page, re.DOTALL)
    assert match is not None, f"no `markdown {kind}` example"
    return match[2] + "\n"


def test_every_rule_has_a_page_and_every_page_a_rule() -> None:
    pages = {path.name for path in (ROOT / "rules").glob("*.md")}
    assert pages == {doc_filename(r) for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_page_header_matches_the_registry(rule: Rule) -> None:
    page = rule_doc(rule)
    assert page.startswith(f"# {rule.code} {rule.name}\n")
    assert f"| {rule.severity.label} | {rule.fix.value} |" in page
    assert rule.summary in page


def _answers(page: str, kind: str) -> dict[str, LinkResult] | None:
    """The server answers a link rule's example assumes: `URL verdict [final URL] [title=...]`."""
    match = re.search(rf"```text answers {kind}\n(.*?)\n```", page, re.DOTALL)
    if match is None:
        return None
    results = {}
    for line in match[1].splitlines():
        head, _, title = line.partition(" title=")
        url, verdict, *final = head.split()
        key = link_key(url)
        assert key is not None
        results[key] = LinkResult(
            key, verdict, "example", 200, final[0] if final else None, [], [title] if title else []
        )  # type: ignore[arg-type]
    return results


def _records(page: str, kind: str) -> Verifications | None:
    """The bibliographic outcomes a record rule's example assumes: a JSON list of
    `{"title": entry title, "status": ..., "record": {...}}`."""
    match = re.search(rf"```json records {kind}\n(.*?)\n```", page, re.DOTALL)
    if match is None:
        return None
    found = Verifications()
    for item in json.loads(match[1]):
        record = Record.from_dict(item["record"]) if "record" in item else None
        found.add(item["title"], Verification(item["status"], record, searched=("dblp",)))
    return found


def _run(page: str, kind: str) -> list[Diagnostic]:
    return run_rules(parse(_example(page, kind)), links=_answers(page, kind), records=_records(page, kind))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_gives_the_rule_and_good_gives_nothing(rule: Rule) -> None:
    page = rule_doc(rule)
    bad = _run(page, "bad")
    assert rule.code in {d.code for d in bad}, [(d.code, d.message) for d in bad]
    good = _run(page, "good")
    assert good == [], [(d.code, d.span.start_line, d.message) for d in good]
    if "network" in rule.tags:  # without link results or records the network rules find nothing
        assert rule.code not in {d.code for d in run_rules(parse(_example(page, "bad")))}


def _corpus() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))]
    texts += [_example(rule_doc(rule), "bad") for rule in RULES]
    return texts


def test_rules_emit_only_the_fixes_they_declare() -> None:
    declared = {r.code: r.fix for r in RULES}
    emitted = 0
    found = [d for text in _corpus() for d in run_rules(parse(text))]
    found += [d for r in RULES if "network" in r.tags for d in _run(rule_doc(r), "bad")]
    for diagnostic in found:
        if diagnostic.fix is None:
            continue
        emitted += 1
        assert declared[diagnostic.code] is not Applicability.NONE, diagnostic
        assert diagnostic.fix.applicability is declared[diagnostic.code], diagnostic
        assert diagnostic.fix.edits, diagnostic
    assert emitted > 50


def test_readme_rule_table_is_current() -> None:
    from awesomelint.docs import rule_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- rules:start[^>]*-->\n(.*?)\n<!-- rules:end -->", readme, re.DOTALL)
    assert match is not None
    assert match[1] == rule_table(), "regenerate with `awesomelint rule --all --format markdown`"
