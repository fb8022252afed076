"""The GitHub Action's step (``python -m awesomelint.action``): read the inputs from the environment,
run ``awesomelint check`` once, and hand its results to GitHub.

Annotations and the full report go to standard output (``--format github``), a Markdown summary to
``$GITHUB_STEP_SUMMARY``, SARIF to the ``sarif-file`` input if given, and ``findings=N`` to
``$GITHUB_OUTPUT``. Inputs are split like a shell splits words, quotes included, but never evaluated.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .cli import main as cli


def arguments(env: Mapping[str, str], json_path: Path) -> list[str]:
    """The ``awesomelint`` command line for these inputs."""
    args = ["check", *shlex.split(env.get("INPUT_FILES", "")), *shlex.split(env.get("INPUT_ARGS", ""))]
    args += ["--format", "github", "--fail-on", env.get("INPUT_FAIL_ON", "") or "warning"]
    if env.get("INPUT_CHECK_LINKS", "false").strip().lower() == "true":
        args.append("--links")
    args += ["--also", f"json={json_path}"]
    if env.get("GITHUB_STEP_SUMMARY"):
        args += ["--also", f"markdown={env['GITHUB_STEP_SUMMARY']}"]
    if env.get("INPUT_SARIF_FILE", "").strip():
        args += ["--also", f"sarif={env['INPUT_SARIF_FILE'].strip()}"]
    return args


def run(env: Mapping[str, str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        try:
            args = arguments(env, report)
        except ValueError as error:  # unbalanced quotes in an input
            print(f"::error title=awesomelint::an input cannot be split into words ({error})")
            return 2
        try:
            cli.main(args, prog_name="awesomelint", standalone_mode=False)
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 2
        findings = (
            json.loads(report.read_text(encoding="utf-8"))["summary"]["findings"] if report.exists() else 0
        )
    if env.get("GITHUB_OUTPUT"):
        with open(env["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(f"findings={findings}\n")
    return code


if __name__ == "__main__":
    sys.exit(run(os.environ))
