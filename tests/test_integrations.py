"""Where users meet awesomelint: the GitHub Action's steps and the pre-commit hooks, run for real."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT, SEED


@pytest.fixture(scope="module")
def action_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RUNNER_TEMP after the action's install step ran (once: it installs from PyPI)."""
    runner_temp = tmp_path_factory.mktemp("runner-temp")
    step = _steps()[0]
    _bash(step, {}, runner_temp, ROOT)
    assert (runner_temp / "awesomelint-venv" / "bin" / "python").exists()
    return runner_temp


def _steps() -> list[dict[str, object]]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps: list[dict[str, object]] = action["runs"]["steps"]
    assert all(step["shell"] == "bash" for step in steps)
    return steps


def _bash(
    step: dict[str, object],
    inputs: dict[str, str],
    runner_temp: Path,
    cwd: Path,
    extra: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run one step as GitHub does: `${{ inputs.x }}` only in env, the script through bash."""
    defaults = {
        name: spec.get("default", "")
        for name, spec in yaml.safe_load((ROOT / "action.yml").read_text())["inputs"].items()
    }
    values = {**defaults, **inputs}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))}
    env.update({"RUNNER_TEMP": str(runner_temp), **(extra or {})})
    for name, template in dict(step.get("env", {})).items():  # type: ignore[call-overload]
        env[name] = re.sub(
            r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m[1]], str(template)
        ).replace("${{ github.action_path }}", str(ROOT))
    script = str(step["run"])
    assert "${{" not in script, "inputs must reach the script through the environment"
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def _run_action(
    runner_temp: Path, workspace: Path, inputs: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], str, str]:
    summary, output = workspace / "summary.md", workspace / "output.txt"
    summary.write_text("")
    output.write_text("")
    extra = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output), "GITHUB_ACTIONS": "true"}
    result = _bash(_steps()[1], inputs, runner_temp, workspace, extra)
    return result, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8")


def test_action_annotates_summarises_and_sets_the_output(action_venv: Path, tmp_path: Path) -> None:
    listing = tmp_path / "my list, draft.md"
    listing.write_bytes(SEED.read_bytes())
    sarif = tmp_path / "out dir" / "report.sarif"
    sarif.parent.mkdir()
    inputs = {
        "files": "'my list, draft.md'",
        "args": "--ignore AL108 --exclude \"$(touch pwned)\" --exclude '`touch pwned2`'",
        "sarif-file": str(sarif),
    }
    result, summary, output = _run_action(action_venv, tmp_path, inputs)
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    found = len(annotations)  # the seed's findings, AL108 left out
    assert found > 100 and not any("AL108" in line for line in annotations)
    anchor = "::error file=my list%2C draft.md,line=10,endLine=10,col=19,endColumn=27,title=AL103 "
    assert any(line.startswith(anchor) for line in annotations)
    assert f"Found {found} findings" in result.stdout  # the full report follows the annotations
    assert (
        summary.startswith(f"## awesomelint: Found {found} findings")
        and "| AL101 | empty-section |" in summary
    )
    assert output == f"findings={found}\n"
    assert (
        json.loads(sarif.read_text())["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"
        ]["uri"]
        == "my list, draft.md"
    )
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()


def test_action_passes_on_a_clean_list_and_honours_fail_on(action_venv: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "seed_clean.md", tmp_path / "README.md")
    result, summary, output = _run_action(action_venv, tmp_path, {"files": "README.md"})
    assert (result.returncode, output) == (0, "findings=0\n") and "No findings" in summary
    (tmp_path / "README.md").write_text(
        (FIXTURES / "seed_clean.md").read_text().replace("NeurIPS'2021", "NIPS'2021")
    )
    result, _, output = _run_action(action_venv, tmp_path, {"files": "README.md", "fail-on": "error"})
    assert (result.returncode, output) == (0, "findings=1\n")
    result, _, _ = _run_action(action_venv, tmp_path, {"files": "README.md"})
    assert result.returncode == 1


def test_action_reports_bad_input_quoting(action_venv: Path, tmp_path: Path) -> None:
    result, _, _ = _run_action(action_venv, tmp_path, {"args": "--ignore 'AL1"})
    assert result.returncode == 2 and "::error title=awesomelint::an input cannot be split" in result.stdout


def _git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository as a git repository of its own (working tree included), at one commit."""
    copy = tmp_path_factory.mktemp("awesomelint-repo")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "awesomelint")
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=copy, capture_output=True, text=True, check=True
    ).stdout.strip()
    return copy, sha


def _pre_commit(project: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--files", "README.md"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_pre_commit_hooks(hook_repo: tuple[Path, str], tmp_path: Path) -> None:
    repo, sha = hook_repo
    project = tmp_path / "list"
    project.mkdir()
    _git(project, "init", "-q")
    hooks = "      - id: awesomelint\n      - id: awesomelint-fix\n"
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {sha}\n    hooks:\n{hooks}"
    )
    home = tmp_path / "pre-commit-home"
    (project / "README.md").write_bytes(SEED.read_bytes())
    _git(project, "add", "-A")

    checked = _pre_commit(project, home, "awesomelint")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "AL103 [broken-anchor]" in checked.stdout

    fixed = _pre_commit(project, home, "awesomelint-fix")
    assert fixed.returncode == 1 and "files were modified by this hook" in fixed.stdout, fixed.stdout
    text = (project / "README.md").read_text(encoding="utf-8")
    assert "1. **Revealing the Dark Secrets of BERT**" in text and "**NeurIPS'2021**" in text
    again = _pre_commit(project, home, "awesomelint-fix")
    assert again.returncode == 0, again.stdout

    shutil.copy(FIXTURES / "seed_clean.md", project / "README.md")
    clean = _pre_commit(project, home, "awesomelint")
    assert clean.returncode == 0, clean.stdout


def test_pre_commit_on_a_repository_lints_only_its_lists(hook_repo: tuple[Path, str], tmp_path: Path) -> None:
    """`pre-commit run --all-files` passes every Markdown file: the list is linted; an issue template,
    a code of conduct and a Latin-1 note that is no list are not (the note with a warning)."""
    repo, sha = hook_repo
    project = tmp_path / "list"
    (project / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    _git(project, "init", "-q")
    hooks = "      - id: awesomelint\n      - id: awesomelint-fix\n"
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {sha}\n    hooks:\n{hooks}"
    )
    (project / "README.md").write_bytes(SEED.read_bytes())
    (project / ".github" / "ISSUE_TEMPLATE" / "new_paper.md").write_text(
        "---\nname: Suggest a paper\nabout: A paper for the list\n---\n\n"
        "**Paper**\n\n1. Title:  \n2. Venue:\n3. Link:\n\n\n"
    )
    (project / "CODE_OF_CONDUCT.md").write_text(
        "# Code of conduct\n\n## Our promise\n\n* Be kind  \n* Be patient\n\n\n## Reporting\n\nWrite to us.\n"
    )
    (project / "notes.md").write_bytes("# Notes\n\nCaf\u00e9 notes, na\u00efve ones.\n".encode("latin-1"))
    _git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("PRE_COMMIT", None)

    def run(hook: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--verbose"]
        return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)

    checked = run("awesomelint")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    located = set(re.findall(r"^([^\s:]+\.md):\d+:\d+: ", checked.stdout, re.MULTILINE))
    assert located == {"README.md"}, checked.stdout
    assert "notes.md: not UTF-8 text" in checked.stdout and "skipped: it is not a list" in checked.stdout
    assert re.search(r"Found \d+ findings in 1 file ", checked.stdout)
    others = ("CODE_OF_CONDUCT.md", "notes.md", ".github/ISSUE_TEMPLATE/new_paper.md")
    before = {name: (project / name).read_bytes() for name in others}
    fixed = run("awesomelint-fix")
    assert fixed.returncode == 1 and "files were modified by this hook" in fixed.stdout, fixed.stdout
    assert before == {name: (project / name).read_bytes() for name in before}
    assert (project / "README.md").read_bytes() != SEED.read_bytes()


def _readme_yaml() -> list[object]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)\n```", readme, re.DOTALL)]


def test_readme_snippets_use_what_exists() -> None:
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    inputs = set(yaml.safe_load((ROOT / "action.yml").read_text())["inputs"])
    snippets = _readme_yaml()
    configs = [s for s in snippets if isinstance(s, dict) and "repos" in s]
    workflows = [s for s in snippets if isinstance(s, dict) and "jobs" in s]
    assert configs and len(workflows) == 2
    used_hooks = {hook["id"] for config in configs for repo in config["repos"] for hook in repo["hooks"]}  # type: ignore[index]
    assert used_hooks == hooks
    steps = [step for workflow in workflows for job in workflow["jobs"].values() for step in job["steps"]]  # type: ignore[index]
    ours = [step for step in steps if str(step.get("uses", "")).startswith("awesomelint/awesomelint@")]
    assert len(ours) == 2 and all(set(step.get("with", {})) <= inputs for step in ours)


def test_action_on_a_pull_request_judges_only_the_change(action_venv: Path, tmp_path: Path) -> None:
    from .test_changes import EXPECTED, _repository

    workspace = tmp_path / "checkout"
    workspace.mkdir()
    _repository(workspace, "https://example.org")
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=workspace, capture_output=True, text=True, check=True
    ).stdout.strip()
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": base}, "number": 7}}))
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    extra = {
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
    }
    result = _bash(_steps()[1], {"files": "README.md"}, action_venv, workspace, extra)
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    found = sorted(
        (line.split("title=")[1].split()[0], int(line.split("line=")[1].split(",")[0]))
        for line in annotations
    )
    assert found == EXPECTED
    table = summary.read_text(encoding="utf-8")
    assert "### Entries this pull request adds or changes (3)" in table
    row = next(line for line in table.splitlines() if "Paper number 201" in line)
    assert "Cy Dow, Di Eng" in row and "| ACL | 2020 |" in row and "AL401 line 205" in row
    assert output.read_text() == "findings=3\n"
    # The same checkout judged whole when asked.
    result = _bash(_steps()[1], {"files": "README.md", "scope": "all"}, action_venv, workspace, extra)
    assert sum(line.startswith("::") for line in result.stdout.splitlines()) > 3


def test_action_steps_on_15000_findings_and_on_each_bad_input(action_venv: Path, tmp_path: Path) -> None:
    """The acceptance of issue 25 item 2, through action.yml's own step: the summary under 1 MiB, and
    each kind of bad input one `::error`, exit 2, and SARIF that says the run failed."""
    lines = "".join(
        f"- [A paper on topic {i}](https://example.org/{i}) - NeurIPS 2020 \n" for i in range(15_000)
    )
    (tmp_path / "big.md").write_text("# A list\n\n## Papers\n\n" + lines)
    sarif = tmp_path / "out.sarif"
    result, summary, output = _run_action(
        action_venv, tmp_path, {"files": "big.md", "sarif-file": str(sarif)}
    )
    assert result.returncode == 1 and int(output.removeprefix("findings=")) >= 15_000
    assert len(summary.encode("utf-8")) < 1024 * 1024 and "_The table lists the first" in summary
    assert json.loads(sarif.read_text())["runs"][0]["invocations"][0]["executionSuccessful"] is True
    shutil.copy(FIXTURES / "seed_clean.md", tmp_path / "list.md")
    for inputs, config in [
        ({"files": "list.md", "args": "--select AL999"}, None),
        ({"files": "list.md missing.md"}, None),
        ({"files": "list.md"}, 'select = ["AL9"]\n'),
    ]:
        (tmp_path / ".awesomelint.toml").write_text(config or "")
        result, summary, output = _run_action(action_venv, tmp_path, {**inputs, "sarif-file": str(sarif)})
        errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
        assert (result.returncode, len(errors), output) == (2, 1, "findings=0\n"), result.stdout
        assert "see above" not in summary and "Traceback" not in result.stderr
        assert json.loads(sarif.read_text())["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_action_rough_edges(action_venv: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "seed_clean.md", tmp_path / "my list.md")
    result, _, _ = _run_action(action_venv, tmp_path, {"args": "--no-such-option"})
    assert result.returncode == 2 and "::error title=awesomelint::" in result.stdout
    assert "Traceback" not in result.stderr
    result, _, _ = _run_action(action_venv, tmp_path, {"files": "my list.md", "fail-on": "sometimes"})
    assert result.returncode == 2 and "::error title=awesomelint::" in result.stdout
    result, _, output = _run_action(action_venv, tmp_path, {"files": "my list.md\n"})
    assert result.returncode == 0, result.stdout + result.stderr  # one path per line, spaces kept
    assert output == "findings=0\n"
    result, _, _ = _run_action(action_venv, tmp_path, {"files": "my list.md", "scope": "some"})
    assert result.returncode == 2 and "scope `some`" in result.stdout
    # No `files`: the configuration's, and the SARIF file is still written.
    (tmp_path / ".awesomelint.toml").write_text('files = ["my list.md"]\n')
    sarif = tmp_path / "out.sarif"
    result, _, output = _run_action(action_venv, tmp_path, {"sarif-file": str(sarif)})
    assert result.returncode == 0 and output == "findings=0\n"
    assert json.loads(sarif.read_text())["runs"][0]["results"] == []
