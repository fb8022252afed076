"""`awesomelint parse` end to end, bad input included."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint import __version__, parse
from awesomelint.cli import main

from .conftest import ROOT, SEED


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = _run("--version")
    assert code == 0 and __version__ in out


def test_text_outline_lists_sections_and_entries() -> None:
    code, out, _ = _run("parse", str(SEED))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("26 entries in 39 sections")
    assert any(re.search(r"##### Adapter", line) for line in lines)
    entry = next(line for line in lines if "MAD-X" in line)
    assert "| 2020 | 4 authors | 1 links  (line 99)" in entry
    assert sum(1 for line in lines if "authors |" in line) == 26


def test_json_is_the_tree_of_every_file(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("# T\n\n- [a](https://a.example) - A thing.\n", encoding="utf-8")
    code, out, _ = _run("parse", str(SEED), str(other), "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["version"] == 2  # kind, date, link roles and et_al since version 2
    assert [f["entry_count"] for f in payload["files"]] == [26, 1]
    assert payload["files"][1]["sections"][0]["entries"][0]["description"]["text"] == "A thing."
    # Written as it goes, yet byte for byte what one json.dumps of the whole tree gives.
    whole = {
        "version": 2,
        "files": [
            {"path": shown["path"], **parse(path.read_text(encoding="utf-8")).to_dict()}
            for path, shown in zip((SEED, other), payload["files"], strict=True)
        ],
    }
    assert out == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\xff\xfe#\x00 \x00T\x00", "is UTF-16 text; convert it to UTF-8"),
        (b"# Caf\xe9\n", "not UTF-8 text (byte 0xe9 at offset 5)"),
        (b"\x89PNG\r\n\x1a\n\0\0", "binary"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "list.md"
    if content is not None:
        path.write_bytes(content)
    code, out, err = _run("parse", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and str(path) in err
    if content is not None:
        assert path.read_bytes() == content


@pytest.mark.parametrize("content", [b"", b"\n  \n"])
def test_an_empty_file_is_an_empty_list(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "list.md"
    path.write_bytes(content)
    code, out, err = _run("parse", str(path))
    assert (code, err) == (0, "") and out.endswith("0 entries in 0 sections\n")


def test_directory_and_unreadable_file(tmp_path: Path) -> None:
    code, _, err = _run("parse", str(tmp_path))
    assert code == 2 and "is a directory" in err
    if os.geteuid() != 0:  # root reads everything
        path = tmp_path / "locked.md"
        path.write_text("# x\n")
        path.chmod(0)
        code, _, err = _run("parse", str(path))
        assert code == 2 and "permission denied" in err


def test_bom_and_crlf_files_parse_like_any_other(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    path = tmp_path / "crlf.md"
    path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    code, out, _ = _run("parse", str(path), "--format", "json")
    assert code == 0
    document = json.loads(out)["files"][0]
    assert document["entry_count"] == 26
    assert document["sections"][0]["text"] == "Awesome-Parameter-Efficient-Fine-Tuning-for-Foundation-Models"


def test_no_files_and_no_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    code, _, err = _run("parse")
    assert code == 2 and "no files given" in err


def test_broken_configuration_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.awesomelint\nfiles = 1\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = _run("parse")
    assert code == 2 and "pyproject.toml: invalid TOML" in err


def test_configured_files_are_the_default_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".awesomelint.toml").write_text('files = ["list.md"]\n')
    (tmp_path / "list.md").write_text(
        "# L\n\n1. **A paper**. **ACL'2020**. *A B, C D*. [paper](https://x.org)\n"
    )
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    code, out, _ = _run("parse")
    assert code == 0 and "1 entries" in out.splitlines()[0]


def test_readme_quick_start_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    setup, tests = blocks[0].strip(), blocks[1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(setup + " ||") for line in ci) and tests in ci


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as stream:  # sparse: takes no space
        stream.truncate(65 * 2**20)
    code, _, err = _run("check", str(path))
    assert code == 2 and "65 MiB" in err and "right file" in err


def test_an_internal_error_is_one_line_and_exit_2() -> None:
    import subprocess
    import sys

    code = (
        "import dataclasses, sys\n"
        "import awesomelint.rules as rules\n"
        "def boom(ctx): raise RuntimeError('boom')\n"
        "rules.ALL_RULES = tuple(dataclasses.replace(r, check=boom) for r in rules.ALL_RULES)\n"
        "from awesomelint.cli import run\n"
        "sys.argv = ['awesomelint', 'check', 'README.source.md']\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("awesomelint: internal error: RuntimeError: boom.")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
