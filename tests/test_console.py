"""The console process: how it leaves, and its garbage collector (commands/_collector.py)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.commands._collector import collecting, tune_garbage_collector
from awesomelint.evidence.link_options import LinkOptions
from awesomelint.evidence.links import LinkResult
from awesomelint.links import checker


@pytest.fixture
def console_collector() -> Iterator[None]:
    """The collector as the console entry point leaves it (off, imports frozen), restored after."""
    tune_garbage_collector()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def test_collecting_turns_the_collector_on_only_where_the_console_turned_it_off(
    console_collector: None,
) -> None:
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    kept = [[index] for index in range(1000)]  # made after the imports: frozen on the way in
    with collecting():
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(kept)
    assert not gc.isenabled()


def test_collecting_leaves_a_library_caller_s_collector_alone() -> None:
    frozen = gc.get_freeze_count()
    with collecting():
        assert gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_links_are_checked_with_the_collector_on(
    console_collector: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def check_urls(
        wanted: Mapping[str, bool], options: LinkOptions, progress: object = None
    ) -> tuple[dict[str, LinkResult], str | None]:
        seen.append(gc.isenabled())
        return {}, None

    monkeypatch.setattr(checker, "check_urls", check_urls)
    listing = tmp_path / "list.md"
    listing.write_text("# List\n\n- [Paper](https://example.org/paper)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-config", "--links", "--offline", str(listing)])
    assert result.exit_code in (0, 1), result.output
    assert seen == [True] and not gc.isenabled()


def test_the_console_entry_point_flushes_everything_before_its_fast_exit(tmp_path: Path) -> None:
    """`run` leaves with os._exit (no teardown): what was written must still arrive whole, with the
    command's exit code, through a pipe as through a file."""
    text = "# List\n\n## Papers\n\n" + "".join(
        f"- [Paper {n}](https://example.org/{n}) \n" for n in range(3000)
    )
    listing = tmp_path / "list.md"
    listing.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "awesomelint", "check", "--no-config", "--format", "json", str(listing)]
    piped = subprocess.run(command, capture_output=True, text=True)
    assert piped.returncode == 1
    findings = json.loads(piped.stdout)["diagnostics"]
    assert len(findings) == 3000 and {f["code"] for f in findings} == {"AL601"}
    with (tmp_path / "out.json").open("w") as sink:
        to_file = subprocess.run(command, stdout=sink)
    assert to_file.returncode == 1
    assert json.loads((tmp_path / "out.json").read_text())["diagnostics"] == findings
    usage = subprocess.run([*command[:3], "check", "--bogus"], capture_output=True, text=True)
    assert usage.returncode == 2 and "No such option" in usage.stderr
