"""The rough edges a new user hits first (issue 11, item 4), each through the command line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.evidence.link_options import LinkOptions
from awesomelint.evidence.links import LinkResult
from awesomelint.links.cache import LinkCache

LIST = "# T\n\n- [Alpha](https://example.org/a) - A tool.  \n"


def _invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, [*args, "--no-config"] if args[0] != "rule" else list(args), input=stdin
    )
    return result.exit_code, result.stdout, result.stderr


def test_an_empty_file_is_an_empty_list_and_non_utf8_an_error(tmp_path: Path) -> None:
    (tmp_path / "EMPTY.md").write_bytes(b"")
    (tmp_path / "latin.md").write_bytes(b"# Caf\xe9\n")
    assert _invoke("check", str(tmp_path / "EMPTY.md"))[:2] == (0, "No findings in 1 file.\n")
    assert _invoke("fix", str(tmp_path / "EMPTY.md"))[0] == 0
    code, out, err = _invoke("check", str(tmp_path / "latin.md"))
    assert code == 2 and "latin.md: not UTF-8 text" in err and "No findings" not in out


def test_standard_input_with_a_file_name(tmp_path: Path) -> None:
    code, out, _ = _invoke(
        "check", "-", "--stdin-filename", "docs/list.md", "--format", "concise", stdin=LIST
    )
    assert code == 1 and out.startswith("docs/list.md:3:")
    code, out, _ = _invoke("parse", "-", stdin=LIST)
    assert code == 0 and out.startswith("-: 1 entries in 1 sections")
    code, out, err = _invoke("fix", "--diff", "-", stdin=LIST)
    assert (
        code == 1
        and out.startswith("--- a/-\n+++ b/-\n")
        and "+- [Alpha](https://example.org/a) - A tool.\n" in out
    )
    code, out, err = _invoke("fix", "--check", "-", stdin=LIST)
    assert (code, out) == (1, "") and "would fix 1 finding" in err


def test_fix_check_and_diff_exit_1_only_when_something_would_change(tmp_path: Path) -> None:
    unfixable = tmp_path / "list.md"
    unfixable.write_text("# T\n\n- [Alpha](https://example.org/a) - A tool.\n- [Beta]() - Another.\n")
    assert _invoke("check", str(unfixable))[0] == 1  # an empty link: a finding with no fix
    assert _invoke("fix", "--check", str(unfixable))[0] == 0
    assert _invoke("fix", "--diff", str(unfixable))[0] == 0
    fixable = tmp_path / "fixable.md"
    fixable.write_text("# T\n\n\n\n- [Alpha](https://example.org/a) - A tool.  \n")
    code, out, _ = _invoke("fix", "--check", str(fixable), "--format", "concise")
    assert code == 1
    assert "fixable.md:5:" in out  # the line as it is on disk, before the blank lines would go


def test_bad_option_values_name_the_option_before_any_work(tmp_path: Path) -> None:
    listing = tmp_path / "list.md"
    listing.write_text(LIST)
    for args, expected in (
        (["--exclude", "("], "--exclude: `(` is not a valid regular expression"),
        (["--timeout", "fast"], "--timeout fast: `fast` is not a duration"),
        (["--also", "yaml=out.yaml"], "--also yaml=out.yaml: write FORMAT=PATH"),
    ):
        code, out, err = _invoke("check", str(listing), *args)
        assert code == 2 and expected in err and len(err.strip().splitlines()) == 1 and out == ""
    assert not (tmp_path / "out.yaml").exists()


def test_a_path_given_twice_is_linted_once(tmp_path: Path) -> None:
    listing = tmp_path / "list.md"
    listing.write_text(LIST)
    _, out, _ = _invoke("check", str(listing), str(tmp_path), "--format", "concise")
    assert out.count("AL601") == 1 and "in 1 file" in out


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_folder_walks_honour_gitignore(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "generated.md").write_text(LIST)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "list.md").write_text(LIST)
    _, out, _ = _invoke("check", str(tmp_path), "--format", "concise")
    assert "list.md" in out and "generated.md" not in out


def test_the_cache_folder_ignores_itself_and_py_typed_ships(tmp_path: Path) -> None:
    options = LinkOptions(cache=tmp_path / ".awesomelint-cache" / "links.json")
    cache = LinkCache.load(options)
    cache.put(LinkResult("https://a.org/", "ok", status=200))
    cache.save()
    assert (tmp_path / ".awesomelint-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    import awesomelint

    assert (Path(awesomelint.__file__).parent / "py.typed").exists()


def test_an_unknown_code_in_a_suppression_comment_is_reported(tmp_path: Path) -> None:
    listing = tmp_path / "list.md"
    listing.write_text("# T\n\n<!-- awesomelint-disable-next-line AL60l -->\n" + LIST.split("\n\n", 1)[1])
    _, out, _ = _invoke("check", str(listing), "--format", "concise")
    assert "AL701" in out and "`AL60l` is not a rule code or name" in out and "AL601" in out


def test_counts_and_colour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = tmp_path / "list.md"
    listing.write_text(LIST)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = _invoke("check", str(listing))
    assert "\x1b[" in out and "(1 warning)" in out
    _, _, err = _invoke("links", str(listing), "--offline")
    assert "Checked 1 link:" in err


def test_redirect_fixes_point_at_fix_with_links() -> None:
    from awesomelint.diagnostic import Applicability, Diagnostic, Fix, Severity
    from awesomelint.report import FileReport, summarize
    from awesomelint.text import Span

    span = Span(0, 1, [0])
    moved = Diagnostic(
        "AL512", "redirected-link", Severity.INFO, "moved", span, Fix((), Applicability.SAFE, "x")
    )
    assert "`awesomelint fix --links`" in summarize([FileReport("a.md", "x", [moved])]).headline()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    # `check -` waits on standard input, which never comes: a stand-in for a long run.
    process = subprocess.Popen(
        [sys.executable, "-m", "awesomelint", "check", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and b"interrupted" in err and b"Traceback" not in err
