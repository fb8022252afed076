"""Real lists nobody here wrote (../shared/corpus, not copied into this repository): the reading
matches the reference figures in tests/corpus/expected.toml, and fixing them is safe. The corpus
is read where it is (CI has it beside the clone); without it these tests cannot run."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from awesomelint import parse
from awesomelint.engine import Settings, run_rules
from awesomelint.fixer import fix_text, guard
from awesomelint.read import reading
from awesomelint.render import seen

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORPUS = ROOT.parent / "shared" / "corpus"
EXPECTED = tomllib.loads((ROOT / "tests" / "corpus" / "expected.toml").read_text(encoding="utf-8"))["list"]

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus folder ../shared/corpus is not here")


def _text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda item: item["file"].split("__")[0])
def test_reading_matches_the_reference_figures(expected: dict[str, Any]) -> None:
    document = parse(_text(expected["file"]))
    entries = list(document.iter_entries())
    assert len(entries) == expected["entries"]
    assert sum(entry.kind == "paper" for entry in entries) == expected["papers"]
    by_line = {entry.span.start_line: entry for entry in entries}
    for wanted in expected.get("entry", []):
        entry = by_line[wanted["line"]]
        assert entry.title is not None and entry.title.text == wanted["title"]
        assert (entry.venue.name.text if entry.venue else None) == wanted.get("venue")
        assert entry.year == wanted.get("year")
        assert (entry.date.text if entry.date else None) == wanted.get("date")
        assert (len(entry.authors.names) if entry.authors else None) == wanted.get("authors")
        if entry.authors:
            assert entry.authors.names[0] == wanted["first_author"]
            assert entry.authors.et_al == wanted["et_al"]
        assert len(entry.links) == wanted["links"]
        assert entry.kind == wanted["kind"]


def test_the_corpus_lists_are_all_there() -> None:
    assert sorted(item["file"] for item in EXPECTED) == sorted(path.name for path in CORPUS.glob("*.md"))


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("name", [item["file"] for item in EXPECTED], ids=lambda name: name.split("__")[0])
def test_fixing_a_real_list_keeps_its_facts_and_anchors(name: str, unsafe: bool) -> None:
    """Every entry keeps its title, authors and links and every venue stays the same venue (the
    fixer's guard), the rendering outside fixed spans stays (checked per pass of safe fixes), and
    unsafe fixes break no anchor. Where fixes start entries (a line run into the entry above, an
    item written as a heading), the fixer guards them with what they declared; here every title
    must still be there."""
    text = _text(name)
    before = parse(text)
    result = fix_text(text, unsafe=unsafe, document=before)
    after = parse(result.text)
    old, new = list(before.iter_entries()), list(after.iter_entries())
    titles = [Counter(e.title.text for e in entries if e.title) for entries in (old, new)]
    assert not titles[0] - titles[1] and len(new) >= len(old)
    findings = run_rules(before)
    if not any(d.fix and d.fix.intents for d in findings):  # no fix declared a change: guard again
        guard(before, after, Settings())
    broken_before = sum(d.code == "AL103" for d in findings)
    broken_after = sum(d.code == "AL103" for d in run_rules(after))
    assert broken_after <= broken_before
    assert not fix_text(result.text, unsafe=unsafe).changed  # one run leaves nothing fixable


def test_corpus_is_not_copied_into_the_repository() -> None:
    first_lines = {_text(path.name).splitlines()[0] for path in CORPUS.glob("*.md")}
    for path in ROOT.rglob("*.md"):
        if ".venv" in path.parts or path.is_relative_to(ROOT / ".git"):
            continue
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        assert not (lines and lines[0] in first_lines and len(lines) > 50), path


def test_every_finding_is_judged_and_precision_is_at_least_95_percent() -> None:
    """tests/corpus/verdicts.tsv holds a maintainer's verdict on each finding (whitespace rules
    aside); a new finding must be judged before it lands, and false alarms stay under 5%."""
    import csv

    rows = (ROOT / "tests" / "corpus" / "verdicts.tsv").read_text(encoding="utf-8").splitlines()
    table = csv.DictReader((row for row in rows if not row.startswith("#")), delimiter="\t")
    verdicts = {(row["list"], int(row["line"]), row["code"]): row["verdict"] for row in table}
    counts = {"true": 0, "false": 0, "debatable": 0}
    unjudged = []
    for item in EXPECTED:
        for finding in run_rules(parse(_text(item["file"]))):
            if finding.code in ("AL601", "AL602", "AL603"):
                continue
            verdict = verdicts.get((item["file"], finding.span.start_line, finding.code))
            if verdict is None:
                unjudged.append((item["file"], finding.span.start_line, finding.code, finding.message))
            else:
                counts[verdict] += 1
    assert unjudged == []
    assert counts["true"] / (counts["true"] + counts["false"]) >= 0.95, counts


@pytest.mark.parametrize("name", [item["file"] for item in EXPECTED], ids=lambda name: name.split("__")[0])
def test_the_guard_reads_a_kept_reading_as_a_fresh_one(name: str) -> None:
    # The fixer's guard reuses the pieces the parser read (parse(..., keep_reading=True)): after the
    # tree is built from them they must still be what a fresh reading of the text gives.
    text = _text(name)
    document = parse(text, keep_reading=True)
    kept = reading(document)
    assert kept is not None
    fixed = [(entry.span.start, entry.span.start + 1) for entry in document.iter_entries()][::3]
    assert seen(text, fixed, kept) == seen(text, fixed)
    assert seen(text, [], kept) == seen(text, [])


@pytest.mark.parametrize("name", [item["file"] for item in EXPECTED], ids=lambda name: name.split("__")[0])
def test_a_fixed_list_read_with_its_earlier_reading_is_read_as_afresh(name: str) -> None:
    # The fixer reads its edited text with the reading of the text before (paragraphs the edits
    # left alone are moved, not read again): the tree and the reading must be a fresh parse's.
    text = _text(name)
    before = parse(text, keep_reading=True)
    fixed = fix_text(text, unsafe=True).text
    again = parse(fixed, keep_reading=True, earlier=reading(before))
    fresh = parse(fixed, keep_reading=True)
    assert again.to_dict() == fresh.to_dict()
    assert seen(fixed, [], reading(again)) == seen(fixed, [], reading(fresh))
