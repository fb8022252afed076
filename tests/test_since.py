"""`--since REF` reports the findings that are new compared with REF, wherever they land, and agrees
with `--baseline` by construction (issue 25, item 1): a real git repository, a made-up list of 200
entries, and the four contributions a pull-request check most often lets through."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="--since needs git")

SECTIONS = ["Graph Methods", "Sequence Models", "Retrieval Tricks", "Vision Papers", "Speech Work"]
TOPICS = ["graphs", "tokens", "indexes", "pixels", "sounds"]


def _entry(number: int, paper: int, authors: str = "Ann Lee, Bo Chen") -> str:
    return (
        f"{number}. **Made-up paper {paper} about {TOPICS[paper % 5]}**. *{authors}*. **ACL'2020**. "
        f"[paper](https://example.org/p{paper})\n"
    )


def _old_list() -> str:
    """Five sections of 40 numbered entries under a table of contents; five entries have an old
    defect (`;` between authors, AL401) that no change should bring back into a report."""
    parts = ["# Awesome Made-up Papers\n\n## Contents\n\n"]
    parts += [f"- [{name}](#{name.lower().replace(' ', '-')})\n" for name in SECTIONS]
    paper = 0
    for name in SECTIONS:
        parts.append(f"\n## {name}\n\n")
        for number in range(1, 41):
            paper += 1
            parts.append(_entry(number, paper, "Ann Lee; Bo Chen" if paper % 37 == 0 else "Ann Lee, Bo Chen"))
    return "".join(parts)


PASTED = _entry(41, 3)  # (a) entry 3 of the first section, pasted at the end of the third
INSERTED = "11. **A made-up study of depth cues**. *Cy Dow, Di Eng*. **ACL'2021**. [paper](https://example.org/new)\n"
REUSED = (
    "41. **A made-up survey of echoes**. *Cy Dow, Di Eng*. **ACL'2021**. [paper](https://example.org/p7)\n"
)


def _section_end(lines: list[str], name: str) -> int:
    start = lines.index(f"## {name}\n")
    return next(i for i in range(start + 2, len(lines)) if not lines[i].strip() or i == len(lines) - 1)


def _new_list(pasted_before_original: bool = False) -> str:
    lines = _old_list().splitlines(keepends=True)
    lines.append(REUSED)  # (d) the last section: an entry with the paper link of entry 7
    vision = lines.index("## Vision Papers\n")
    lines.insert(vision + 12, INSERTED)  # (c) after entry 10, the entries after it not renumbered
    if pasted_before_original:
        top = lines.index("## Graph Methods\n") + 2
        lines[top:] = _renumbered(["1. " + PASTED.partition(". ")[2], *lines[top:]])
    else:
        lines.insert(_section_end(lines, "Retrieval Tricks"), PASTED)
    lines[lines.index("## Sequence Models\n")] = "## Sequence Modelling\n"  # (b) the contents still link it
    return "".join(lines)


def _renumbered(lines: list[str]) -> list[str]:
    """The entries up to the first blank line counted again from 1 (a copy pasted at a section's top)."""
    end = lines.index("\n")
    return [f"{n}. " + line.partition(". ")[2] for n, line in enumerate(lines[:end], 1)] + lines[end:]


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def _repository(folder: Path, new_text: str) -> Path:
    _git(folder, "init", "-q")
    readme = folder / "README.md"
    readme.write_text(_old_list(), encoding="utf-8")
    _git(folder, "add", "README.md")
    _git(folder, "commit", "-q", "-m", "the list")
    readme.write_text(new_text, encoding="utf-8")
    return readme


def _check(*args: str) -> tuple[int, list[tuple[str, int]], str, list[str]]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json", "--no-config"])
    report = json.loads(result.stdout)
    found = sorted((d["code"], d["start_line"]) for d in report["diagnostics"])
    messages = [d["message"] for d in report["diagnostics"]]
    return result.exit_code, found, result.stderr, messages


def _line_of(text: str, line: str, occurrence: int = 1) -> int:
    numbers = [n for n, candidate in enumerate(text.splitlines(keepends=True), 1) if candidate == line]
    return numbers[occurrence - 1]


def _expected(text: str, pasted_line: int) -> list[tuple[str, int]]:
    lines = text.splitlines(keepends=True)
    vision = lines.index("## Vision Papers\n")
    after_inserted = next(n for n in range(vision, len(lines)) if lines[n] == INSERTED) + 2
    return sorted(
        [
            ("AL206", pasted_line),  # (a) on the pasted copy, naming the old entry
            ("AL103", _line_of(text, "- [Sequence Models](#sequence-models)\n")),  # (b) on the contents
            ("AL109", _line_of(text, "## Sequence Modelling\n")),  # (b) and the heading it no longer lists
            ("AL202", after_inserted),  # (c) on the next entry, whose number now repeats
            ("AL501", _line_of(text, REUSED)),  # (d) on the new entry
        ]
    )


def test_since_reports_exactly_the_four_new_findings_and_the_baseline_agrees(tmp_path: Path) -> None:
    new_text = _new_list()
    readme = _repository(tmp_path, new_text)
    expected = _expected(new_text, _line_of(new_text, PASTED))
    code, everything, _, _ = _check(str(readme))
    assert [c for c, _ in everything].count("AL401") == 5 and len(everything) == 10
    code, found, err, messages = _check(str(readme), "--since", "HEAD")
    assert (code, found) == (1, expected), err
    assert any("already listed at line 15 (in Awesome Made-up Papers > Graph Methods)" in m for m in messages)
    text_report = CliRunner().invoke(main, ["check", str(readme), "--since", "HEAD", "--no-config"])
    assert "Found 5 findings" in text_report.stdout and "5 older findings not shown." in text_report.stdout
    # The baseline written at the old version gives the same answer without git.
    readme.write_text(_old_list(), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    CliRunner().invoke(main, ["check", str(readme), "--write-baseline", str(baseline), "--no-config"])
    readme.write_text(new_text, encoding="utf-8")
    assert _check(str(readme), "--baseline", str(baseline))[:2] == (1, expected)


def test_the_action_gets_the_same_answer_through_the_same_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from awesomelint import action

    new_text = _new_list()
    _repository(tmp_path, new_text)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": _git(tmp_path, "rev-parse", "HEAD")}}}))
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    monkeypatch.chdir(tmp_path)
    env = {
        "INPUT_FILES": "README.md",
        "INPUT_ARGS": "--no-config",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
    }
    assert action.run(env) == 1
    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    found = sorted(
        (line.split("title=")[1].split()[0], int(line.split("line=")[1].split(",")[0]))
        for line in annotations
    )
    assert found == _expected(new_text, _line_of(new_text, PASTED))
    assert output.read_text() == "findings=5\n"
    table = summary.read_text(encoding="utf-8")
    assert "5 older findings not shown." in table.splitlines()[0]  # the summary's headline
    assert "### Entries this pull request adds or changes (3)" in table  # the copy, the inserted, the reused
    assert "Made-up paper 3 about" in table and "depth cues" in table and "survey of echoes" in table


def test_a_copy_pasted_before_its_original_is_reported_on_the_copy(tmp_path: Path) -> None:
    new_text = _new_list(pasted_before_original=True)
    readme = _repository(tmp_path, new_text)
    _, found, err, messages = _check(str(readme), "--since", "HEAD")
    copy = _line_of(new_text, "1. " + PASTED.partition(". ")[2])
    assert found == _expected(new_text, copy), err
    original = _line_of(new_text, "4. " + PASTED.partition(". ")[2])
    assert any(f"already listed at line {original} in this section" in m for m in messages)


def _fail_at_once(text: str, settings: object, writing: int) -> None:
    os._exit(3)  # a child that dies before sending anything


@pytest.mark.parametrize("child", ["works", "dies"])
def test_the_old_version_read_in_a_child_process_gives_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child: str
) -> None:
    from awesomelint import changes

    monkeypatch.setattr(changes, "_PARALLEL_FROM", 0)  # every list is long enough here
    monkeypatch.setattr(changes.os, "sched_getaffinity", lambda _: {0, 1})  # and two cores
    if child == "dies":
        monkeypatch.setattr(changes, "_child", _fail_at_once)  # the parent does the work itself
    started: list[object] = []
    start = changes._OldVersion.start
    monkeypatch.setattr(changes._OldVersion, "start", lambda *a: started.append(start(*a)) or started[-1])
    new_text = _new_list()
    readme = _repository(tmp_path, new_text)
    code, found, err, _ = _check(str(readme), "--since", "HEAD")
    assert started and started[0] is not None  # a child process was started
    assert (code, found) == (1, _expected(new_text, _line_of(new_text, PASTED))), err


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), max_size=40), st.lists(st.sampled_from("abcdefgh"), max_size=40))
def test_the_alignment_pairs_equal_items_in_order(old: list[str], new: list[str]) -> None:
    from awesomelint.changes import aligned

    pairs = aligned(old, new)
    assert all(old[i] == new[j] for i, j in pairs)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(pairs))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 300), st.data())
def test_lines_inserted_among_distinct_lines_are_the_touched_ones(size: int, data: st.DataObject) -> None:
    from awesomelint.changes import _touched_lines

    old = [f"line {n}" for n in range(size)]
    at = data.draw(st.integers(0, size))
    added = data.draw(st.lists(st.sampled_from(["", "new", "- [x](y)"]), min_size=1, max_size=5))
    new = old[:at] + added + old[at:]
    assert _touched_lines(old, "\n".join(old)) == set()
    assert _touched_lines(old, "\n".join(new)) == set(range(at + 1, at + len(added) + 1))


def test_a_child_whose_findings_are_not_needed_is_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    from awesomelint import changes
    from awesomelint.engine import Settings

    monkeypatch.setattr(changes, "_PARALLEL_FROM", 0)
    monkeypatch.setattr(changes.os, "sched_getaffinity", lambda _: {0, 1})
    revision = changes.Revision.of(_old_list(), Settings())
    assert revision._child is not None
    pid = revision._child.pid
    del revision  # its findings were never asked for (the new version had none)
    with pytest.raises(ChildProcessError):  # ended and reaped, not left running
        os.waitpid(pid, os.WNOHANG)
