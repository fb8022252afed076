"""Every input of `--baseline`, `--write-baseline` and `--since` has a bound and a type (issue 27,
items 4 and 5): real files, FIFOs, devices, symbolic links and a real git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.cli import main

LIST = "# Papers\n\n" + "".join(
    f"- **A made-up paper {n}**. *Ann Lee{'; ' if n == 4 else ', '}Bo Chen*. [paper](https://example.org/p{n})\n"
    for n in range(1, 5)
)


def _check(folder: Path, *args: str) -> tuple[int, str, str]:
    readme = folder / "README.md"
    if not readme.exists():
        readme.write_text(LIST, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(readme), *args])
    return result.exit_code, result.stdout, result.stderr


def _one_line_error(result: tuple[int, str, str], why: str) -> None:
    code, out, err = result
    assert code == 2 and out == "", (code, out, err)
    assert len(err.strip().splitlines()) == 1 and why in err and "internal error" not in err, err


ODD_SHAPES = [
    '{"format": "awesomelint-baseline", "version": 1, "findings": 7}',
    '{"format": "awesomelint-baseline", "version": 1, "findings": {"a": 1}}',
    '{"format": "awesomelint-baseline", "version": 1, "findings": [7]}',
    '{"format": "awesomelint-baseline", "version": 1, "findings": [{"file": 1, "rule": "AL401", '
    '"where": "x", "message": "y"}]}',
    '{"format": "awesomelint-baseline", "version": 1, "findings": [{"file": "a", "rule": "AL401", '
    '"where": "x", "message": "y", "count": 1e400}]}',
    '{"format": "awesomelint-baseline", "version": 1, "findings": [{"file": "a", "rule": "AL401", '
    '"where": "x", "message": "y", "count": true}]}',
    '{"format": "awesomelint-baseline", "version": 1, "findings": [{"file": "a", "rule": "AL401", '
    '"where": "x", "message": "y", "count": NaN}]}',
    '{"format": "awesomelint-baseline", "version": 1, "findings": [{"file": "a", "rule": "AL401", '
    '"where": "x", "message": "y", "count": -3}]}',
    "[" * 100_000 + "]" * 100_000,
    '"just a string"',
    "\xff\xfe not text",
]


@pytest.mark.parametrize("shape", ODD_SHAPES, ids=range(len(ODD_SHAPES)))
def test_an_odd_baseline_is_one_line_and_exit_2(tmp_path: Path, shape: str) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(shape.encode("utf-8", "surrogateescape") if shape[0] != "\xff" else b"\xff\xfe x")
    _one_line_error(_check(tmp_path, "--no-config", "--baseline", str(baseline)), str(baseline))


def test_a_baseline_that_is_a_device_a_fifo_a_folder_or_too_big_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(65 * 2**20)  # sparse: no disk used
    for path, why in (
        (Path("/dev/zero"), "not a regular file"),
        (fifo, "not a regular file"),
        (tmp_path, "not a regular file"),
        (huge, "over 64 MiB"),
    ):
        _one_line_error(_check(tmp_path, "--no-config", "--baseline", str(path)), why)


def test_the_baseline_key_a_pull_request_controls_has_the_same_bounds(tmp_path: Path) -> None:
    (tmp_path / ".awesomelint.toml").write_text('baseline = "/dev/zero"\n', encoding="utf-8")
    config = str(tmp_path / ".awesomelint.toml")
    _one_line_error(_check(tmp_path, "--config", config), "not a regular file")


def test_write_baseline_never_follows_a_link_nor_opens_a_fifo(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "baseline.json"
    link.symlink_to(target)
    code, _, err = _check(tmp_path, "--no-config", "--write-baseline", str(link))
    assert code == 2 and "symbolic link" in err and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "keep me\n" and link.is_symlink()
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    code, _, err = _check(tmp_path, "--no-config", "--write-baseline", str(fifo))
    assert code == 2 and "not a regular file" in err
    # A plain file is written whole, with no temporary left beside it.
    plain = tmp_path / "plain.json"
    code, _, err = _check(tmp_path, "--no-config", "--write-baseline", str(plain))
    assert code == 0, err
    assert json.loads(plain.read_text(encoding="utf-8"))["findings"][0]["rule"] == "AL401"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["README.md", "baseline.json", "fifo.json", "plain.json", "precious.txt"]
    )


git = pytest.mark.skipif(shutil.which("git") is None, reason="--since needs git")


def _repository(folder: Path) -> None:
    for args in (["init", "-q"], ["add", "README.md"], ["commit", "-q", "-m", "list"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=folder, check=True
        )


@git
def test_a_revision_never_reaches_git_as_an_option(tmp_path: Path) -> None:
    from awesomelint.changes import ChangeError, text_at_revision

    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    _repository(tmp_path)
    marker = tmp_path / "ran"
    for revision in (f"--upload-pack=touch {marker}", f"--output={marker}", "-p", "HEAD\n--all"):
        code, _, err = _check(tmp_path, "--no-config", "--since", revision)
        assert code == 2 and "internal error" not in err
        with pytest.raises(ChangeError):
            text_at_revision(tmp_path / "README.md", revision)
    assert not marker.exists()
    assert text_at_revision(tmp_path / "README.md", "HEAD") == LIST


@git
def test_the_text_at_the_revision_is_capped_and_must_be_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from awesomelint import changes

    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    _repository(tmp_path)
    monkeypatch.setattr(changes, "MAX_BYTES", 40)  # the committed list is over this
    code, _, err = _check(tmp_path, "--no-config", "--since", "HEAD")
    assert code == 2 and "README.md at HEAD" in err and "more than the" in err
    assert len(err.strip().splitlines()) == 1
    monkeypatch.undo()
    # A list that was a symbolic link at the revision is new now: all of it is judged.
    (tmp_path / "README.md").unlink()
    (tmp_path / "README.md").symlink_to("elsewhere.md")
    subprocess.run(["git", "add", "README.md"], cwd=tmp_path, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "link"],
        cwd=tmp_path,
        check=True,
    )
    (tmp_path / "README.md").unlink()
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    code, out, err = _check(tmp_path, "--no-config", "--since", "HEAD")
    assert code == 1 and "AL401" in out, err
