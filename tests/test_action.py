"""The Action's step (`python -m awesomelint.action`) run in this process: the job summary's size,
one annotation per error, SARIF that never reads as clean after a failure, and git called safely.
(test_integrations.py runs the same step through action.yml, as GitHub does.)"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from awesomelint import action
from awesomelint.report.markdown import TABLE_LIMIT

from .conftest import FIXTURES

MIB = 1024 * 1024


def _step(
    workspace: Path, capsys: pytest.CaptureFixture[str], **inputs: str
) -> tuple[int, list[str], str, str, dict[str, object] | None]:
    """Run the step in ``workspace``: exit code, annotations, summary, outputs, SARIF (if written)."""
    summary, output, sarif = workspace / "summary.md", workspace / "output.txt", workspace / "out.sarif"
    env = {
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "INPUT_SARIF_FILE": str(sarif),
        "GITHUB_WORKSPACE": str(workspace),
    }
    env.update({key.upper().replace("-", "_"): value for key, value in inputs.items()})
    output.write_text("")  # each step has its own
    cwd = Path.cwd()
    os.chdir(workspace)
    try:
        code = action.run(env)
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    annotations = [line for line in out.splitlines() if line.startswith("::error")]
    read = json.loads(sarif.read_text(encoding="utf-8")) if sarif.exists() else None
    return code, annotations, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8"), read


def _successful(sarif: dict[str, object] | None) -> bool:
    assert sarif is not None
    (invocation,) = sarif["runs"][0]["invocations"]  # type: ignore[index]
    return bool(invocation["executionSuccessful"])


def test_summary_stays_under_a_mebibyte_with_15000_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "list.md").write_text(
        "# A list\n\n## Papers\n\n"
        + "".join(
            f"- [A paper on topic {i}](https://example.org/{i}) - NeurIPS 2020 \n" for i in range(15_000)
        ),
        encoding="utf-8",
    )
    code, annotations, summary, output, sarif = _step(tmp_path, capsys, input_files="list.md")
    findings = int(output.removeprefix("findings=").strip())
    assert code == 1 and findings >= 15_000 and not annotations
    assert len(summary.encode("utf-8")) < TABLE_LIMIT < MIB
    rows = sum(line.startswith("| `list.md:") for line in summary.splitlines())
    assert 1_000 < rows < findings
    assert f"_The table lists the first {rows} of {findings} findings" in summary
    assert "in the log of this step" in summary
    assert _successful(sarif) and len(sarif["runs"][0]["results"]) == findings  # type: ignore[index]


def test_the_table_of_a_pull_request_is_cut_to_the_limit(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * (action.SUMMARY_LIMIT - 1000))
    action._append_summary(summary, "| row |\n" * 10_000)
    assert summary.stat().st_size <= action.SUMMARY_LIMIT < MIB
    assert summary.read_text().endswith("_The table was cut here: the job summary is limited to 1 MiB._\n")


@pytest.mark.parametrize(
    ("inputs", "config", "message"),
    [
        ({"input_args": "--select AL999"}, None, "--select AL999: unknown rule `AL999`"),
        ({"input_args": "--no-such-option"}, None, "No such option '--no-such-option'"),
        ({"input_files": "list.md missing.md"}, None, "missing.md: no such file"),
        ({}, 'select = ["AL9"]\n', "`select`: unknown rule `AL9`"),
        ({}, "select = [\n", "invalid TOML"),
        ({"input_fail-on": "sometimes"}, None, "'sometimes' is not one of"),
        ({"input_args": "--ignore 'AL1"}, None, "an input cannot be split into words"),
        ({"input_args": "--also yaml=x"}, None, "--also yaml=x: write FORMAT=PATH"),
    ],
)
def test_each_error_is_one_annotation_and_no_clean_sarif(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    inputs: dict[str, str],
    config: str | None,
    message: str,
) -> None:
    (tmp_path / "list.md").write_bytes((FIXTURES / "seed_clean.md").read_bytes())
    (tmp_path / ".awesomelint.toml").write_text(config or 'files = ["list.md"]\n', encoding="utf-8")
    inputs.setdefault("input_files", "list.md")
    (tmp_path / "out.sarif").write_text('{"stale": "a clean analysis from an earlier run"}')
    code, annotations, summary, output, sarif = _step(tmp_path, capsys, **inputs)
    assert code == 2 and output == "findings=0\n"
    assert len(annotations) == 1 and message in annotations[0], annotations
    assert annotations[0].startswith("::error title=awesomelint::")
    assert message in summary and "see above" not in summary
    assert not _successful(sarif)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]  # type: ignore[index]
    assert message in notes[0]["message"]["text"]


def _event(tmp_path: Path, payload: object) -> dict[str, str]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps(payload), encoding="utf-8")
    return {"github_event_name": "pull_request", "github_event_path": str(event), "input_files": "list.md"}


@pytest.mark.parametrize(
    "payload",
    [
        {"pull_request": {"base": {"sha": "--upload-pack=touch pwned;"}}},
        {"pull_request": {"base": {"sha": "HEAD~1 --output=pwned"}}},
        {"pull_request": {"base": {"sha": ["a"]}}},
        {"pull_request": "x"},
        [],
    ],
)
def test_a_base_commit_that_is_no_commit_id_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: object
) -> None:
    (tmp_path / "list.md").write_bytes((FIXTURES / "seed_clean.md").read_bytes())
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    code, annotations, summary, output, sarif = _step(tmp_path, capsys, **_event(tmp_path, payload))
    assert code == 2 and output == "findings=0\n" and not (tmp_path / "pwned").exists()
    assert len(annotations) == 1 and "needs a pull_request event whose base commit" in annotations[0]
    assert "could not run" in summary and not _successful(sarif)


def test_a_missing_or_unreadable_event_file_is_an_error_not_the_whole_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "list.md").write_bytes((FIXTURES / "seed_clean.md").read_bytes())
    inputs = _event(tmp_path, {})
    for event_path, problem in [
        (str(tmp_path / "gone.json"), "cannot be read"),
        (str(tmp_path), "cannot be read"),  # a folder
        ("", "needs GITHUB_EVENT_PATH"),
    ]:
        inputs["github_event_path"] = event_path
        code, annotations, _, output, _ = _step(tmp_path, capsys, **inputs)
        assert (code, output) == (2, "findings=0\n")
        assert len(annotations) == 1 and problem in annotations[0], annotations
    (tmp_path / "event.json").write_text("{not json")
    inputs["github_event_path"] = str(tmp_path / "event.json")
    code, annotations, _, _, _ = _step(tmp_path, capsys, **inputs)
    assert code == 2 and "cannot be read" in annotations[0]
    # Asked for the whole list, the event file is not needed.
    code, annotations, _, output, _ = _step(tmp_path, capsys, **inputs, input_scope="all")
    assert (code, annotations, output) == (0, [], "findings=0\n")


def test_an_internal_error_is_an_annotation_with_the_output_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> list[str]:
        raise RuntimeError("something odd")

    monkeypatch.setattr(action, "arguments", broken)
    code, annotations, summary, output, sarif = _step(tmp_path, capsys, input_files="list.md")
    assert (code, output) == (2, "findings=0\n")
    assert annotations == [
        "::error title=awesomelint::internal error: RuntimeError: something odd; please report it"
    ]
    assert "something odd" in summary and not _successful(sarif)


def test_a_successful_run_says_so_in_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "list.md").write_bytes((FIXTURES / "seed_clean.md").read_bytes())
    code, annotations, summary, output, sarif = _step(tmp_path, capsys, input_files="list.md")
    assert (code, annotations, output) == (0, [], "findings=0\n")
    assert _successful(sarif) and "No findings in 1 file." in summary


def test_the_module_never_shows_a_traceback(tmp_path: Path) -> None:
    """Run as GitHub runs it: an event file that is a folder, and no summary file can be written."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))},
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(tmp_path),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "no such folder" / "summary.md"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "awesomelint.action"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr + done.stdout
    assert done.stdout.count("::error") == 1
    assert (tmp_path / "output.txt").read_text() == "findings=0\n"


def test_a_warning_is_a_warning_annotation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown file in a linted folder that is neither UTF-8 nor a list is skipped with a warning,
    which the pull request shows as a `::warning`."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "list.md").write_bytes((FIXTURES / "seed_clean.md").read_bytes())
    (tmp_path / "docs" / "notes.md").write_bytes("# Caf\u00e9\n\nNa\u00efve prose.\n".encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    assert action.run({"INPUT_FILES": "docs"}) == 0
    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and annotations[0].startswith("::warning title=awesomelint::docs/notes.md")
    assert "skipped: it is not a list" in annotations[0]


def test_the_recorder_outlives_the_stream_it_wraps() -> None:
    # pytest closes its captured standard error before the interpreter collects the recorder, whose
    # io.TextIOBase finaliser flushes it: that must pass quietly, not print "Exception ignored".
    through = io.StringIO()
    recorder = action._Recorder(through)
    recorder.write("awesomelint: error: kept\n")
    through.close()
    recorder.flush()
    recorder.close()
    assert recorder.printed == ["kept"]
