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
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from .cli import main as cli
from .cli import tune_garbage_collector
from .report import ReportOptions, reporter
from .report.github import escape_data
from .report.markdown import error_list

SUMMARY_LIMIT = 1024 * 1024 - 64 * 1024  # GitHub refuses a step summary over 1 MiB; keep a margin
PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")


class ActionError(Exception):
    """An input the step cannot use; the message becomes one ``::error`` annotation."""


def _files(value: str) -> list[str]:
    """One path per line when the input has several lines, else words split like a shell would."""
    if "\n" in value:
        return [line.strip() for line in value.splitlines() if line.strip()]
    return shlex.split(value)


_COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1 or SHA-256: never an option to git


def base_revision(env: Mapping[str, str]) -> str | None:
    """The commit to compare with (`--since`), or None to judge everything."""
    scope = env.get("INPUT_SCOPE", "").strip().lower()
    event = env.get("GITHUB_EVENT_NAME", "")
    if scope not in ("", "changed", "all"):
        raise ActionError(f"scope `{scope}`: write `changed` or `all`")
    if scope == "all" or (scope == "" and event not in PULL_REQUEST_EVENTS):
        return None
    # On a pull request the scope is the change: an event file that cannot be read is an error, never
    # a silent judging of the whole list.
    event_path = env.get("GITHUB_EVENT_PATH", "")
    if not event_path:
        raise ActionError("scope `changed` needs GITHUB_EVENT_PATH, the pull request's event file")
    try:
        payload = json.loads(Path(event_path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ActionError(f"the event file {event_path} cannot be read ({error})") from None
    sha = payload
    for key in ("pull_request", "base", "sha"):  # an event file of another shape has no base commit
        sha = sha.get(key) if isinstance(sha, dict) else None
    if not isinstance(sha, str) or _COMMIT_ID.fullmatch(sha) is None:
        raise ActionError(
            "scope `changed` needs a pull_request event whose base commit is a commit id; "
            "set `scope: all` to judge the whole list"
        )
    _ensure_commit(sha)
    return sha


def _ensure_commit(sha: str) -> None:
    """Fetch the base commit when a shallow checkout lacks it (``sha`` is a validated commit id)."""

    def present() -> bool:
        found = subprocess.run(
            ["git", "cat-file", "-e", f"{sha}^{{commit}}"], capture_output=True, check=False
        )
        return found.returncode == 0

    if present():
        return
    print(f"::notice title=awesomelint::fetching the pull request's base commit {sha[:12]}")
    subprocess.run(
        ["git", "fetch", "--no-tags", "--depth=1", "--", "origin", sha], capture_output=True, check=False
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


class _Recorder(io.TextIOBase):
    """Standard error as it goes to the log, with the errors and warnings the command line printed
    kept aside (each becomes an annotation)."""

    def __init__(self, through: TextIO) -> None:
        self.through, self.printed, self.warnings, self._line = through, list[str](), list[str](), ""

    def write(self, text: str) -> int:
        self.through.write(text)
        lines = (self._line + text).split("\n")
        self._line = lines.pop()
        self.printed.extend(line[len(_ERROR) :] for line in lines if line.startswith(_ERROR))
        self.warnings.extend(line[len(_WARNING) :] for line in lines if line.startswith(_WARNING))
        return len(text)

    def flush(self) -> None:
        # io.TextIOBase flushes again when collected, perhaps after the stream it wraps was closed.
        if not self.through.closed:
            self.through.flush()


_ERROR, _WARNING = "awesomelint: error: ", "awesomelint: warning: "


def _invoke(args: Sequence[str], errors: list[str] | None = None) -> int:
    """Run the command line in this process; its exit code. The errors it printed (a usage error
    included) are added to ``errors``."""
    recorder = _Recorder(sys.stderr)
    try:
        with contextlib.redirect_stderr(recorder):
            cli.main(list(args), prog_name="awesomelint", standalone_mode=False)
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 2
    except click.ClickException as error:
        recorder.printed.append(" ".join(error.format_message().split()))
        code = 2
    except click.exceptions.Abort:
        code = 130
    if errors is not None:
        errors.extend(recorder.printed)
        for warning in recorder.warnings:  # a file skipped, a cache ignored: seen on the pull request
            _annotate(warning, "warning")
    return code


def _annotate(message: str, level: str = "error") -> None:
    print(f"::{level} title=awesomelint::{escape_data(message)}")


def run(env: Mapping[str, str]) -> int:
    """The step: its exit code (0 clean, 1 findings, 2 errors, each error one `::error` annotation)."""
    findings = 0
    try:
        code, findings = _run(env)
    except ActionError as error:
        _annotate(str(error))
        _failed_outputs(env, [str(error)])
        code = 2
    except Exception as error:  # never a traceback in the log: one annotation, the outputs set
        message = f"internal error: {type(error).__name__}: {error}; please report it"
        _annotate(message)
        _failed_outputs(env, [message])
        code = 2
    if env.get("GITHUB_OUTPUT"):
        with open(env["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(f"findings={findings}\n")
    return code


def _run(env: Mapping[str, str]) -> tuple[int, int]:
    """Run `check` with the inputs: its exit code and how many findings it reported."""
    sarif = env.get("INPUT_SARIF_FILE", "").strip()
    if sarif:  # a SARIF file left by an earlier run must not stand for this one
        Path(sarif).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        try:
            since = base_revision(env)
            args = arguments(env, report, since)
        except ValueError as error:  # unbalanced quotes in an input
            raise ActionError(f"an input cannot be split into words ({error})") from None
        errors: list[str] = []
        code = _invoke(args, errors)
        diagnostics = _read_report(report)
    for message in errors:
        _annotate(message)
    if diagnostics is None:  # the run stopped before its report: say why where the report would be
        _failed_outputs(env, errors or ["awesomelint stopped before its report; see the log"])
        return (code or 2), 0
    if since is not None and env.get("GITHUB_STEP_SUMMARY"):
        table = changed_entries_table(env, since, diagnostics, "--links" in args)
        _append_summary(Path(env["GITHUB_STEP_SUMMARY"]), table)
    return code, int(diagnostics["summary"]["findings"])


def _read_report(path: Path) -> dict[str, Any] | None:
    """The JSON report, or None when the run stopped before it was whole (it is written as it goes)."""
    try:
        read: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return read


def _failed_outputs(env: Mapping[str, str], errors: Sequence[str]) -> None:
    """The summary and the SARIF file of a run that could not report: the errors, and SARIF that
    code scanning reads as a failed analysis."""
    summary, sarif = env.get("GITHUB_STEP_SUMMARY", ""), env.get("INPUT_SARIF_FILE", "").strip()
    with contextlib.suppress(OSError):  # the errors are annotated already
        if summary:
            text = "\n".join(["## awesomelint could not run", "", *error_list(errors), ""])
            _append_summary(Path(summary), text)
        if sarif:
            options = ReportOptions(errors=tuple(errors))
            Path(sarif).write_text(reporter("sarif")([], options) + "\n", encoding="utf-8")


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
