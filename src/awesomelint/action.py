"""The GitHub Action's step (``python -m awesomelint.action``): read the inputs from the environment,
run ``awesomelint check`` once, and hand its results to GitHub.

Annotations and the full report go to standard output (``--format github``), a Markdown summary to
``$GITHUB_STEP_SUMMARY``, SARIF to the ``sarif-file`` input if given, and ``findings=N`` to
``$GITHUB_OUTPUT``. Inputs are split like a shell splits words, quotes included, but never evaluated
(``files`` given one per line keeps each line whole, spaces and all).

On a pull request the default ``scope`` is ``changed``: only what the pull request adds or edits is
judged (``--since`` its base commit, fetched when the checkout is shallow), and the summary gains a
table of those entries with their fields as read, their findings and their links' verdicts.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from .cli import main as cli
from .cli import tune_garbage_collector

SUMMARY_LIMIT = 1024 * 1024 - 64 * 1024  # GitHub refuses a step summary over 1 MiB; keep a margin
PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")


class ActionError(Exception):
    """An input the step cannot use; the message becomes one ``::error`` annotation."""


def _files(value: str) -> list[str]:
    """One path per line when the input has several lines, else words split like a shell would."""
    if "\n" in value:
        return [line.strip() for line in value.splitlines() if line.strip()]
    return shlex.split(value)


def base_revision(env: Mapping[str, str]) -> str | None:
    """The commit to compare with (`--since`), or None to judge everything."""
    scope = env.get("INPUT_SCOPE", "").strip().lower()
    event = env.get("GITHUB_EVENT_NAME", "")
    if scope not in ("", "changed", "all"):
        raise ActionError(f"scope `{scope}`: write `changed` or `all`")
    if scope == "all" or (scope == "" and event not in PULL_REQUEST_EVENTS):
        return None
    try:
        payload = json.loads(Path(env.get("GITHUB_EVENT_PATH", "")).read_text(encoding="utf-8"))
        base = str(payload["pull_request"]["base"]["sha"])
    except (OSError, ValueError, KeyError, TypeError):
        if scope == "changed":
            raise ActionError("scope `changed` needs a pull_request event with a base commit") from None
        return None
    _ensure_commit(base)
    return base


def _ensure_commit(sha: str) -> None:
    """Fetch the base commit when a shallow checkout lacks it."""

    def present() -> bool:
        found = subprocess.run(
            ["git", "cat-file", "-e", f"{sha}^{{commit}}"], capture_output=True, check=False
        )
        return found.returncode == 0

    if present():
        return
    print(f"::notice title=awesomelint::fetching the pull request's base commit {sha[:12]}")
    subprocess.run(
        ["git", "fetch", "--no-tags", "--depth=1", "origin", sha], capture_output=True, check=False
    )
    if not present():
        raise ActionError(
            f"the base commit {sha[:12]} is not in the checkout and could not be fetched; "
            "use actions/checkout with fetch-depth: 0"
        )


def arguments(env: Mapping[str, str], json_path: Path, since: str | None = None) -> list[str]:
    """The ``awesomelint check`` command line for these inputs."""
    args = ["check", *_files(env.get("INPUT_FILES", "")), *shlex.split(env.get("INPUT_ARGS", ""))]
    args += ["--format", "github", "--fail-on", env.get("INPUT_FAIL_ON", "") or "warning"]
    if env.get("INPUT_CHECK_LINKS", "false").strip().lower() == "true":
        args.append("--links")
    if since is not None:
        args += ["--since", since]
    args += ["--also", f"json={json_path}"]
    if env.get("GITHUB_STEP_SUMMARY"):
        args += ["--also", f"markdown={env['GITHUB_STEP_SUMMARY']}"]
    if env.get("INPUT_SARIF_FILE", "").strip():
        args += ["--also", f"sarif={env['INPUT_SARIF_FILE'].strip()}"]
    return args


def _invoke(args: Sequence[str]) -> int:
    """Run the command line in this process; its exit code (2 and one annotation for a usage error)."""
    try:
        cli.main(list(args), prog_name="awesomelint", standalone_mode=False)
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 2
    except click.ClickException as error:
        message = " ".join(error.format_message().split())
        print(f"::error title=awesomelint::{message}")
        return 2
    except click.exceptions.Abort:
        return 130
    return 0


def run(env: Mapping[str, str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        try:
            since = base_revision(env)
            args = arguments(env, report, since)
        except ActionError as error:
            print(f"::error title=awesomelint::{error}")
            return 2
        except ValueError as error:  # unbalanced quotes in an input
            print(f"::error title=awesomelint::an input cannot be split into words ({error})")
            return 2
        code = _invoke(args)
        diagnostics = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
    findings = diagnostics["summary"]["findings"] if diagnostics else 0
    if since is not None and env.get("GITHUB_STEP_SUMMARY") and diagnostics is not None:
        table = changed_entries_table(env, since, diagnostics, "--links" in args)
        _append_summary(Path(env["GITHUB_STEP_SUMMARY"]), table)
    if env.get("GITHUB_OUTPUT"):
        with open(env["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(f"findings={findings}\n")
    return code


def changed_entries_table(env: Mapping[str, str], since: str, report: dict[str, Any], links: bool) -> str:
    """The Markdown table of the entries the pull request adds or edits, as awesomelint read them."""
    captured = io.StringIO()
    parse_args = ["parse", *_files(env.get("INPUT_FILES", "")), "--since", since, "--format", "json"]
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(io.StringIO()):
        if _invoke(parse_args) != 0:
            return "\n_The entries of this pull request could not be listed (see the log)._\n"
    by_file: dict[str, list[dict[str, Any]]] = {}
    for diagnostic in report.get("diagnostics", []):
        by_file.setdefault(diagnostic["file"], []).append(diagnostic)
    rows = []
    for listed in json.loads(captured.getvalue())["files"]:
        for entry in _all_entries(listed):
            if entry.get("changed"):
                rows.append(_row(listed["path"], entry, by_file.get(listed["path"], []), links))
    head = f"\n### Entries this pull request adds or changes ({len(rows)})\n\n"
    if not rows:
        return head + "None: the change touches no entry.\n"
    lines = [
        head,
        "| Entry | Authors | Venue | Year | Links | Findings |\n",
        "| --- | --- | --- | --- | --- | --- |\n",
    ]
    return "".join(lines) + "".join(rows)


def _all_entries(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(node.get("entries", []))
    for child in node.get("sections", []) + node.get("children", []):
        found.extend(_all_entries(child))
    return found


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or "-"


_LINK_VERDICTS = {"AL511": "broken", "AL512": "moved", "AL513": "unverifiable", "AL514": "another paper"}


def _row(path: str, entry: dict[str, Any], diagnostics: list[dict[str, Any]], links: bool) -> str:
    first, last = entry["span"]["start_line"], entry["span"]["end_line"]
    inside = [d for d in diagnostics if first <= d["start_line"] <= last]
    title = entry["title"]["text"] if entry["title"] else "(no title)"
    authors = entry["authors"] or {"names": [], "et_al": False}
    names = ", ".join(authors["names"][:3])
    if len(authors["names"]) > 3 or authors["et_al"]:
        names += " et al."
    venue = entry["venue"]["name"]["text"] if entry["venue"] else ""
    year = str(entry["year"]) if entry["year"] is not None else ""
    shown_links = [_link_cell(link, inside, links) for link in entry["links"]]
    found = "<br>".join(f"{d['code']} line {d['start_line']}: {_cell(d['message'])}" for d in inside)
    return (
        f"| {_cell(title)} ({_cell(path)}:{first}) | {_cell(names)} | {_cell(venue)} | {_cell(year)} "
        f"| {'<br>'.join(shown_links) or '-'} | {found or 'none'} |\n"
    )


def _link_cell(link: dict[str, Any], diagnostics: list[dict[str, Any]], checked: bool) -> str:
    """The link, and its verdict when links were checked (a link finding sits on the link's URL)."""
    where = (link["url_span"]["start_line"], link["url_span"]["start_col"])
    verdict = next(
        (
            _LINK_VERDICTS[d["code"]]
            for d in diagnostics
            if d["code"] in _LINK_VERDICTS and (d["start_line"], d["start_col"]) == where
        ),
        "ok" if checked else "",
    )
    label = _cell(link["label"]) if link["label"] else "link"
    return f"[{label}]({link['url']})" + (f" {verdict}" if verdict else "")


def _append_summary(path: Path, text: str) -> None:
    """Append to the job summary, cut to stay under GitHub's limit."""
    used = path.stat().st_size if path.exists() else 0
    room = SUMMARY_LIMIT - used
    data = text.encode("utf-8")
    if len(data) > room:
        note = b"\n_The table was cut here: the job summary is limited to 1 MiB._\n"
        cut = data[: max(0, room - len(note))]
        data = cut[: cut.rfind(b"\n") + 1] + note
    with path.open("ab") as stream:
        stream.write(data)


if __name__ == "__main__":
    tune_garbage_collector()
    sys.exit(run(os.environ))
