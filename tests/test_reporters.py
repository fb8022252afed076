"""Every output format, on the seed and on awkward names and messages."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.cli import main, use_color
from awesomelint.diagnostic import Diagnostic, Severity
from awesomelint.engine import all_rules
from awesomelint.report import FileReport, ReportOptions, github, markdown, sarif
from awesomelint.report import text as text_report
from awesomelint.text import Span

from .conftest import SEED


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(main, list(args))
    return result.exit_code, result.stdout


def _seed_findings() -> int:
    """How many findings the seed has today (what each format must agree on)."""
    return len(json.loads(_run("check", str(SEED), "--format", "json")[1])["diagnostics"])


def test_json_schema() -> None:
    code, out = _run("check", str(SEED), "--format", "json")
    assert code == 1
    payload = json.loads(out)
    assert payload["version"] == 1
    assert set(payload["summary"]) == {
        "files",
        "findings",
        "errors",
        "warnings",
        "info",
        "fixable",
        "fixable_unsafe",
    }
    assert payload["summary"]["findings"] == len(payload["diagnostics"]) > 100
    keys = {"file", "code", "name", "severity", "message", "start_line", "start_col", "end_line", "end_col"}
    for d in payload["diagnostics"]:
        assert keys | {"fixable", "fix"} == set(d)
        assert d["file"] == str(SEED) or d["file"].endswith("README.source.md")
        assert re.fullmatch(r"AL\d{3}", d["code"]) and d["severity"] in ("error", "warning", "info")
        assert d["fixable"] == (d["fix"] is not None)
        assert (d["start_line"], d["start_col"]) <= (d["end_line"], d["end_col"])


def test_text_report_has_code_frames_and_summary_without_colour_when_piped() -> None:
    code, out = _run("check", str(SEED))
    assert code == 1
    assert "\x1b[" not in out
    line = next(line for line in out.splitlines() if ": error AL103 [broken-anchor] " in line)
    assert re.fullmatch(
        r"\S*README\.source\.md:10:19: error AL103 \[broken-anchor\] `#Additive` matches no heading.*", line
    )
    frame = out.split("AL103 [broken-anchor] ")[1].splitlines()
    assert frame[2].startswith(' 10 | <tr><td><a href="#Additive">')
    assert frame[3].index("^") == frame[2].index("Additive") and frame[3].count("^") == len("Additive")
    found = _seed_findings()
    assert re.search(
        rf"Found {found} findings in 1 file \(9 errors, \d+ warnings, 1 info\)\. \d+ fixable", out
    )
    assert re.search(r"^\s+\d+  AL101 empty-section$", out, re.MULTILINE)


def test_colour_on_request_and_no_color_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    _, coloured = _run("check", str(SEED), "--color")
    assert "\x1b[" in coloured
    _, plain = _run("check", str(SEED), "--no-color")
    assert "\x1b[" not in plain
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(None, None, "text") is True
    assert use_color(None, None, "json") is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(None, None, "text") is False
    assert use_color(True, None, "text") is True


def test_concise_is_one_line_per_finding() -> None:
    _, out = _run("check", str(SEED), "--format", "concise")
    lines = out.splitlines()
    assert len(lines) == _seed_findings() + 1
    assert all(
        re.match(r"^\S+:\d+:\d+: (error|warning|info) AL\d{3} \[[a-z-]+\] ", line) for line in lines[:-1]
    )
    _, quiet = _run("check", str(SEED), "--format", "concise", "-q")
    assert quiet.splitlines() == lines[:-1]  # the findings, no summary


def _diagnostic(message: str, line: int = 3, end_line: int = 3) -> Diagnostic:
    """A finding from column 2 of ``line`` to column 9 of ``end_line``, in a text of 10-character lines."""
    line_starts = range(0, 200, 10)
    span = Span((line - 1) * 10 + 1, (end_line - 1) * 10 + 8, line_starts)
    return Diagnostic("AL101", "empty-section", Severity.WARNING, message, span)


def test_github_commands_are_escaped() -> None:
    report = FileReport(
        "docs/a,b:c%.md", "x\n", [_diagnostic("first line\nsecond 100%\r"), _diagnostic("m", 1, 4)]
    )
    out = github.render([report], ReportOptions())
    first, second = out.splitlines()[:2]
    assert first == (
        "::warning file=docs/a%2Cb%3Ac%25.md,line=3,endLine=3,col=2,endColumn=9,"
        "title=AL101 empty-section::first line%0Asecond 100%25%0D"
    )
    assert second == "::warning file=docs/a%2Cb%3Ac%25.md,line=1,endLine=4,title=AL101 empty-section::m"
    assert "Found 2 findings" in out


def test_github_levels_and_full_text_report_on_the_seed() -> None:
    _, out = _run("check", str(SEED), "--format", "github")
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == _seed_findings()
    assert {line.split(" ")[0] for line in commands} == {"::error", "::warning", "::notice"}
    assert (
        f"Found {len(commands)} findings" in out
    )  # the text report follows: GitHub drops annotations past 10


def test_sarif_has_what_github_requires(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "lists" / "README.md"
    copy.parent.mkdir()
    copy.write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    _, out = _run("check", "lists/README.md", "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "awesomelint"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids)) == len(all_rules())
    for rule in driver["rules"]:
        assert rule["name"] and len(rule["name"]) <= 255
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
    assert len(run["results"]) == _seed_findings()
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("note", "warning", "error") and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "lists/README.md"
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        assert result["partialFingerprints"]
    fingerprints = [next(iter(r["partialFingerprints"].values())) for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_for_a_clean_file_has_no_results() -> None:
    out = sarif.render([FileReport("a.md", "# a\n", [])], ReportOptions())
    assert json.loads(out)["runs"][0]["results"] == []


def test_markdown_summary_is_a_table() -> None:
    _, out = _run("check", str(SEED), "--format", "markdown")
    lines = out.splitlines()
    assert lines[0].startswith(f"## awesomelint: Found {_seed_findings()} findings")
    assert "| Rule | Name | Findings |" in lines and any(
        line.startswith("| AL101 | empty-section | ") for line in lines
    )
    pipe_message = markdown.render([FileReport("a.md", "", [_diagnostic("a | b\nc")])], ReportOptions())
    assert "| a \\| b c |" in pipe_message


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out = _run("check", str(SEED), "--format", "json", "--output", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["findings"] == _seed_findings()


@pytest.mark.parametrize("breaker", ["\x0c", "\x1c", "\u2028", "\x85"])
def test_code_frames_count_lines_as_spans_do(breaker: str) -> None:
    """Characters that str.splitlines() takes for line breaks (form feed, separators) are text in
    Markdown: the frame shows the line the span names, not one shifted by them."""
    text = f"# List\n\nA note{breaker}with a separator.\n\n## Empty\n"
    report = FileReport("list.md", text, [_diagnostic("empty", line=5, end_line=5)])
    out = text_report.render([report], ReportOptions())
    assert " 5 | ## Empty" in out
    assert report.line(3) == f"A note{breaker}with a separator."
    assert report.line(7) is None


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_json_and_sarif_are_written_file_by_file(output_format: str) -> None:
    """Each file's findings are written when the file is added, and the whole is the same bytes as
    `json.dumps(..., indent=2)` of the document, with no finding and with many."""
    from awesomelint.report import render_with, sink

    first = FileReport("a.md", "x\n" * 10, [_diagnostic("first"), _diagnostic("second", 1, 4)])
    second = FileReport("b.md", "y\n" * 10, [_diagnostic("third")])
    parts: list[str] = []
    writer = sink(output_format, parts.append)
    writer.add(first)
    written = "".join(parts)
    assert '"first"' in written and '"second"' in written and '"third"' not in written
    writer.add(second)
    writer.close([first, second], ReportOptions(errors=("c.md: no such file",)))
    whole = "".join(parts)
    assert json.dumps(json.loads(whole), ensure_ascii=False, indent=2) == whole
    assert whole == render_with(type(writer), [first, second], ReportOptions(errors=("c.md: no such file",)))
    empty = render_with(type(writer), [FileReport("c.md", "", [])], ReportOptions())
    assert json.dumps(json.loads(empty), ensure_ascii=False, indent=2) == empty
    assert "c.md: no such file" in whole


def test_the_readme_json_example_is_what_the_seed_gives() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### JSON output of `check`", 1)[1]
    example = json.loads(section.split("```json\n", 1)[1].split("\n```", 1)[0])
    actual = json.loads(_run("check", "README.source.md", "--format", "json")[1])
    update = "update the README's example: awesomelint check README.source.md --format json"
    assert example["summary"] == actual["summary"], update
    assert list(example) == list(actual) and example["diagnostics"][0] in actual["diagnostics"]
