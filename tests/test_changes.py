"""Pull-request mode (issue 11): `--since REF` judges what a change introduced, and a baseline does the
same without git. A real git repository, a real list of 200 entries, a real link server."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.cli import main

from .servers import serve, status

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="--since needs git")


def _entry(number: int, base: str, authors: str = "Ann Lee, Bo Chen", link: int | None = None) -> str:
    return (
        f"{number}. **Paper number {number} on a method**. *{authors}*. **ACL'2020**. "
        f"[paper]({base}/p{link if link is not None else number})\n"
    )


def _old_list(base: str) -> str:
    entries = [
        _entry(n, base, authors="Ann Lee; Bo Chen" if n % 40 == 0 else "Ann Lee, Bo Chen")
        for n in range(1, 201)
    ]
    return "# Papers\n\n## Methods\n\n" + "".join(entries)


def _new_list(base: str) -> str:
    lines = _old_list(base).splitlines(keepends=True)
    edited = next(i for i, line in enumerate(lines) if line.startswith("50. "))
    lines[edited] = lines[edited].replace("on a method", "on a better method").rstrip("\n") + "   \n"
    lines.append(_entry(201, base, authors="Cy Dow; Di Eng"))  # a new entry with a defect (AL401)
    lines.append(_entry(202, base, link=10))  # another paper with entry 10's paper link (AL501)
    return "".join(lines)


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _repository(folder: Path, base: str) -> Path:
    _git(folder, "init", "-q")
    readme = folder / "README.md"
    readme.write_text(_old_list(base), encoding="utf-8")
    _git(folder, "add", "README.md")
    _git(folder, "commit", "-q", "-m", "the list")
    readme.write_text(_new_list(base), encoding="utf-8")
    return readme


def _findings(*args: str) -> tuple[int, list[tuple[str, int]], str]:
    result = CliRunner().invoke(main, [*args, "--format", "json", "--no-config"])
    report = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {"diagnostics": []}
    found = sorted((d["code"], d["start_line"]) for d in report["diagnostics"] if d["code"] != "AL513")
    return result.exit_code, found, result.stderr


EXPECTED = [("AL401", 205), ("AL501", 206), ("AL601", 54)]


def test_since_reports_exactly_what_the_change_introduced(tmp_path: Path) -> None:
    readme = _repository(tmp_path, "https://example.org")
    code, everything, _ = _findings("check", str(readme))
    assert [c for c, _ in everything].count("AL401") == 6  # five old defects and the new one
    code, found, err = _findings("check", str(readme), "--since", "HEAD")
    assert found == EXPECTED, err
    assert code == 1


def test_since_on_a_new_file_judges_all_of_it_and_errors_are_one_line(tmp_path: Path) -> None:
    readme = _repository(tmp_path, "https://example.org")
    fresh = tmp_path / "NEW.md"
    fresh.write_text(_old_list("https://example.org"), encoding="utf-8")
    _, found, _ = _findings("check", str(fresh), "--since", "HEAD")
    assert [c for c, _ in found].count("AL401") == 5
    code, _, err = _findings("check", str(readme), "--since", "no-such-ref")
    assert code == 2 and "no such revision" in err and len(err.strip().splitlines()) == 1
    outside = tmp_path.parent / f"{tmp_path.name}-plain"
    outside.mkdir()
    (outside / "README.md").write_text("# T\n\n- [a](https://example.org) - b.\n", encoding="utf-8")
    code, _, err = _findings("check", str(outside / "README.md"), "--since", "HEAD")
    assert code == 2 and "not inside a git repository" in err


def test_links_since_requests_only_new_and_changed_links(tmp_path: Path) -> None:
    with serve({f"/p{n}": status(200) for n in range(1, 203)}) as (base, record):
        readme = _repository(tmp_path, base)
        result = CliRunner().invoke(
            main, ["links", str(readme), "--since", "HEAD", "--allow-private", "--no-cache", "--no-config"]
        )
    assert result.exit_code in (0, 1), result.stderr
    assert sorted(set(record.paths())) == ["/p10", "/p201", "/p50"]


def test_fix_since_fixes_only_inside_changed_entries(tmp_path: Path) -> None:
    readme = _repository(tmp_path, "https://example.org")
    result = CliRunner().invoke(main, ["fix", str(readme), "--since", "HEAD", "--no-config"])
    assert result.exit_code in (0, 1), result.stderr
    fixed = readme.read_text(encoding="utf-8").splitlines()
    assert fixed[53].endswith("[paper](https://example.org/p50)")  # the edited entry's trailing spaces
    assert "*Cy Dow, Di Eng*" in fixed[204]  # the new entry's separator
    assert sum("; " in line for line in fixed) == 5  # the old entries are left as they were


def test_parse_since_marks_changed_entries(tmp_path: Path) -> None:
    readme = _repository(tmp_path, "https://example.org")
    result = CliRunner().invoke(main, ["parse", str(readme), "--since", "HEAD", "--format", "json"])
    entries = json.loads(result.stdout)["files"][0]["sections"][0]["children"][0]["entries"]
    assert [entry["number"] for entry in entries if entry["changed"]] == [50, 201, 202]


def test_a_baseline_gives_the_same_answer_without_git(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(_old_list("https://example.org"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    result = CliRunner().invoke(
        main, ["check", str(readme), "--write-baseline", str(baseline), "--no-config"]
    )
    assert result.exit_code == 0 and "Wrote 5 findings" in result.stderr
    readme.write_text(_new_list("https://example.org"), encoding="utf-8")
    _, found, _ = _findings("check", str(readme), "--baseline", str(baseline))
    assert found == EXPECTED
    # A fixed old defect is counted, so the baseline can be refreshed.
    readme.write_text(_new_list("https://example.org").replace("Ann Lee; Bo Chen", "Ann Lee, Bo Chen", 1))
    result = CliRunner().invoke(main, ["check", str(readme), "--baseline", str(baseline), "--no-config"])
    assert "1 finding of the baseline no longer occur" in result.stdout


def test_a_missing_or_foreign_baseline_is_one_line_and_exit_2(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(_old_list("https://example.org"), encoding="utf-8")
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"format": "something else"}')
    for path, why in ((tmp_path / "none.json", "no such baseline"), (foreign, "not an awesomelint baseline")):
        result = CliRunner().invoke(main, ["check", str(readme), "--baseline", str(path), "--no-config"])
        assert result.exit_code == 2 and why in result.stderr and "internal error" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    result = CliRunner().invoke(
        main,
        ["check", str(readme), "--write-baseline", str(tmp_path / "no" / "such" / "dir.json"), "--no-config"],
    )
    assert result.exit_code == 2 and "the baseline cannot be written" in result.stderr


def test_a_finding_after_an_edited_entry_belongs_to_its_own_line(tmp_path: Path) -> None:
    base = "https://example.org"
    old = (
        "# Papers\n\n## Methods\n\n"
        + "".join(_entry(n, base) for n in range(1, 4))
        + "\n## Empty\n\n## Other\n\n"
    )
    old += "".join(_entry(n, base) for n in range(4, 7))
    readme = tmp_path / "README.md"
    _git(tmp_path, "init", "-q")
    readme.write_text(old, encoding="utf-8")
    _git(tmp_path, "add", "README.md")
    _git(tmp_path, "commit", "-q", "-m", "the list")
    readme.write_text(old.replace("Paper number 3 on a method", "Paper number 3 on a new method"))
    _, everything, _ = _findings("check", str(readme))
    assert ("AL101", 9) in everything  # the old empty section, right after the edited entry
    _, found, _ = _findings("check", str(readme), "--since", "HEAD")
    assert found == []
