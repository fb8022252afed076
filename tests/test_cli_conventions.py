"""The command line behaves as a ruff or markdownlint-cli2 user expects: one test per convention."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.engine import run_rules
from awesomelint.read import read
from awesomelint.read.source import MAX_BYTES

from .conftest import SEED

ENTRY = "{n}. **Paper number {n} about things**. *Ann Lee, Bo Li*. **ACL'2020**. [paper](https://example.org/{n})\n"
LIST = "# Papers\n\n## Models\n\n" + "".join(ENTRY.format(n=n) for n in range(1, 4))
TRAILING = LIST.replace("(https://example.org/2)\n", "(https://example.org/2)  \n")  # one AL601


def _check(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def _files(*args: str) -> set[str]:
    code, out, err = _check(*args, "--format", "json")
    assert code in (0, 1), err
    return {d["file"] for d in json.loads(out)["diagnostics"]}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with lists in `docs/` (each with one finding) and files that are no lists."""
    (tmp_path / ".git").mkdir()
    for name in ("docs/a.md", "docs/deep/b.md", "docs/drafts/c.md", "README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TRAILING, encoding="utf-8")
    (tmp_path / "CODE_OF_CONDUCT.md").write_text("# Conduct\n\n* Be kind  \n* Be patient\n")
    (tmp_path / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    (tmp_path / ".github" / "ISSUE_TEMPLATE" / "paper.md").write_text(TRAILING)
    (tmp_path / "docs" / "notes.md").write_text("# Notes\n\nJust prose, no entries.  \n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_globs_in_arguments_and_in_files(project: Path) -> None:
    assert _files("docs/**/*.md") == {"docs/a.md", "docs/deep/b.md", "docs/drafts/c.md"}
    assert _files("docs/*.md") == {"docs/a.md"}
    (project / ".awesomelint.toml").write_text('files = ["docs/**/*.md", "README.md"]\n')
    assert _files() == {"docs/a.md", "docs/deep/b.md", "docs/drafts/c.md", "README.md"}
    code, _, err = _check("nothing/*.md")
    assert code == 2 and "the pattern matches no Markdown file" in err
    # `!glob` leaves out what it matches, as markdownlint-cli2; ruff's --output-format names --format.
    assert _files("docs/**/*.md", "!docs/d*/**") == {"docs/a.md"}
    (project / ".awesomelint.toml").write_text('files = ["docs/**/*.md", "!docs/drafts/*.md"]\n')
    assert _files() == {"docs/a.md", "docs/deep/b.md"}
    code, out, _ = _check("README.md", "--output-format", "json")
    assert code == 1 and json.loads(out)["summary"]["findings"] == 1


def test_exclude_and_extend_exclude(project: Path) -> None:
    everything = {"docs/a.md", "docs/deep/b.md", "docs/drafts/c.md", "README.md"}
    assert _files(".") == everything  # the code of conduct, the template and the notes are no lists
    (project / ".awesomelint.toml").write_text('extend-exclude = ["drafts", "docs/deep/*"]\n')
    assert _files(".") == {"docs/a.md", "README.md"}
    assert _files("docs/drafts/c.md") == {"docs/drafts/c.md"}  # a file named is linted, as ruff does
    assert _files("docs/drafts/c.md", "--force-exclude") == set()  # unless --force-exclude
    # `exclude` replaces the defaults: community files are linted again when they are lists.
    (project / ".awesomelint.toml").write_text('exclude = ["docs"]\n')
    assert _files(".") == {"README.md"}  # hidden folders are never walked
    assert _files(".github/ISSUE_TEMPLATE/paper.md", "--force-exclude") == {".github/ISSUE_TEMPLATE/paper.md"}


def test_force_exclude_skips_community_files_and_files_that_are_no_lists(project: Path) -> None:
    named = ["README.md", "CODE_OF_CONDUCT.md", ".github/ISSUE_TEMPLATE/paper.md", "docs/notes.md"]
    assert _files(*named) == set(named)  # each has a finding: named files are linted
    assert _files(*named, "--force-exclude") == {"README.md"}
    (project / ".github" / "README.md").write_text(TRAILING)  # GitHub's README when present: a list
    assert _files(".github/README.md", ".github/ISSUE_TEMPLATE/paper.md", "--force-exclude") == {
        ".github/README.md"
    }
    (project / "latin.md").write_bytes("# Caf\u00e9\n\nNa\u00efve prose.\n".encode("latin-1"))
    code, _, err = _check("README.md", "latin.md", "--force-exclude")
    assert code == 1 and "latin.md: not UTF-8 text" in err and "skipped: it is not a list" in err
    (project / "latin.md").write_bytes(LIST.replace("Ann Lee", "Ann L\u00e9e").encode("latin-1"))
    code, _, err = _check("README.md", "latin.md", "--force-exclude")
    assert code == 2 and "awesomelint: error: latin.md: not UTF-8 text" in err  # a list is never skipped


def test_per_file_ignores(project: Path) -> None:
    (project / ".awesomelint.toml").write_text(
        '[per-file-ignores]\n"docs/deep/*" = ["trailing-whitespace"]\n'
    )
    assert _files("docs") == {"docs/a.md", "docs/drafts/c.md"}
    (project / ".awesomelint.toml").write_text('[per-file-ignores]\n"docs/*" = ["AL9"]\n')
    code, _, err = _check("docs/a.md")
    assert code == 2 and '`per-file-ignores."docs/*"`: unknown rule `AL9`' in err


def test_quiet_and_statistics(project: Path) -> None:
    code, out, _ = _check("docs", "-q")
    assert code == 1 and "Found" not in out and out.count("AL601 [trailing-whitespace]") == 3
    code, out, _ = _check("docs", "--statistics")
    assert code == 1 and out.split() == ["3", "AL601", "[*]", "trailing-whitespace"]
    code, out, _ = _check("docs", "--statistics", "--format", "json")
    assert json.loads(out) == [{"code": "AL601", "name": "trailing-whitespace", "count": 3, "fixable": 3}]


def test_output_dash_is_standard_output_and_a_new_folder_is_made(project: Path) -> None:
    code, out, _ = _check("README.md", "-o", "-", "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["findings"] == 1
    code, out, _ = _check("README.md", "-o", "reports/today/r.json", "--format", "json")
    assert code == 1 and out == ""
    assert json.loads((project / "reports/today/r.json").read_text())["summary"]["findings"] == 1


def _codes(*args: str) -> set[str]:
    return {d["code"] for d in json.loads(_check(*args, "--format", "json")[1])["diagnostics"]}


def test_repeated_select_accumulates(project: Path) -> None:
    (project / "README.md").write_text(TRAILING.replace("# Papers\n\n", "# Papers\n\n\n\n"))
    both = _codes("README.md", "--select", "AL601", "--select", "AL602")
    assert both == {"AL601", "AL602"} == _codes("README.md", "--select", "AL601,AL602")
    assert _codes("README.md", "--select", "AL601") == {"AL601"}


def test_check_fix_diff_is_fix_diff(project: Path) -> None:
    result = CliRunner().invoke(main, ["fix", "--diff", "README.md"])
    code, out, _ = _check("--fix", "--diff", "README.md")
    assert (code, out) == (result.exit_code, result.stdout) and out.startswith("--- a/README.md")
    assert (project / "README.md").read_text() == TRAILING  # nothing written
    assert _check("--diff", "README.md")[1] == out  # as ruff: --diff alone shows the fixes


def test_version_flags() -> None:
    short, long = CliRunner().invoke(main, ["-V"]), CliRunner().invoke(main, ["--version"])
    assert (
        short.exit_code == 0
        and short.stdout == long.stdout
        and short.stdout.startswith("awesomelint, version")
    )


def _help(command: str) -> str:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    return result.stdout


def test_each_help_lists_its_own_options_in_groups() -> None:
    check = _help("check")
    headings = [line for line in check.splitlines() if line and not line[0].isspace() and line.endswith(":")]
    assert headings == [
        "Rule selection:",
        "Output:",
        "Fixing:",
        "Scope:",
        "Configuration:",
        "Link checking:",
        "Paper verification:",
        "Options:",
    ]
    links = _help("links")
    assert "--verify" not in links and "--unsafe-fixes" not in links and "--concurrency" in links
    verify = _help("verify")
    options = [line.split()[0] for line in verify.splitlines() if line.startswith("  -")]
    assert "--offline" in options and "--links" not in options and "--concurrency" not in options
    assert "--unsafe-fixes" not in options
    fix = _help("fix")
    assert "--exit-non-zero-on-fix" in fix and "--fix " not in fix


def test_severity_is_a_word_on_each_line(project: Path) -> None:
    (project / "README.md").write_text(
        TRAILING.replace("[paper](https://example.org/1)", "[paper](#nowhere)")
    )
    _, concise, _ = _check("README.md", "--format", "concise", "--no-color")
    assert ": warning AL601 [trailing-whitespace]" in concise and ": error AL103 [broken-anchor]" in concise
    _, text, _ = _check("README.md", "--color")
    assert "\x1b[" in text and "error\x1b[0m AL103 [broken-anchor]" in text


SUPPRESSED = LIST.replace("2. **", "<!-- {directive} -->\n2. **").replace(
    "(https://example.org/2)\n", "(https://example.org/2)  \n"
)


@pytest.mark.parametrize(
    ("directive", "codes"),
    [
        ("awesomelint-disable-next-line AL601", set()),
        ("awesomelint-disable-nextline AL601", {"AL701", "AL601"}),
        ("awesomelint-disable-next-line AL601 AL301", {"AL702"}),
        ("awesomelint-disable-next-line AL999", {"AL701", "AL601"}),
        ("awesomelint-disable-line AL601", {"AL702", "AL601"}),  # the comment's own line has nothing
        ("awesomelint-disable-next-line", set()),
        ("awesomelint-disable-next-line AL511", {"AL601"}),  # no link check: a link rule proves nothing
    ],
)
def test_suppression_typos_and_unused_suppressions(directive: str, codes: set[str]) -> None:
    found = run_rules(read(SUPPRESSED.format(directive=directive)))
    assert {d.code for d in found} == codes, [(d.code, d.message) for d in found]
    typo = next((d for d in found if d.code == "AL701"), None)
    if typo is not None and "nextline" in directive:
        assert "did you mean `awesomelint-disable-next-line`?" in typo.message


def test_an_unused_suppression_names_the_rule_and_the_lines() -> None:
    text = LIST + "\n<!-- awesomelint-disable AL206 -->\n\nProse.\n\n<!-- awesomelint-enable AL206 -->\n"
    (finding,) = run_rules(read(text))
    assert finding.code == "AL702" and "no finding of AL206 duplicate-entry on lines 9-13" in finding.message


def test_every_detected_style_can_be_pinned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(LIST)
    for key, value in [("venue-markup", "italic"), ("venue-year", "glued"), ("author-separator", ";")]:
        (tmp_path / ".awesomelint.toml").write_text(f'[style]\n{key} = "{value}"\n')
        code, out, err = _check("list.md", "--format", "json")
        assert code == 1, err
        assert json.loads(out)["diagnostics"], key
    (tmp_path / ".awesomelint.toml").write_text('[style]\nvenue-markup = "italic"\n')
    CliRunner().invoke(main, ["fix", "list.md"])
    assert "*ACL'2020*" in (tmp_path / "list.md").read_text()


def test_config_errors_name_the_key_and_retries_zero_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(LIST)
    for table, message in [
        ("[tool.awesomelint.links]\nretries = -1\n", "`tool.awesomelint.links.retries`: must be"),
        ("[tool.awesomelint.verify]\nsurprise = 1\n", "`tool.awesomelint.verify.surprise`: unknown key"),
        (
            '[tool.awesomelint.style]\nvenue-markup = "wavy"\n',
            "`tool.awesomelint.style.venue-markup`: must be",
        ),
        ("[tool.awesomelint]\nsurprise = 1\n", "`tool.awesomelint.surprise`: unknown key"),
    ]:
        (tmp_path / "pyproject.toml").write_text(table)
        code, _, err = _check("list.md")
        assert code == 2 and message in err, err
    (tmp_path / "pyproject.toml").write_text("[tool.awesomelint.links]\nretries = 0\n")
    assert _check("list.md")[0] == 0


def test_a_pyproject_style_file_of_another_name_says_what_to_do(tmp_path: Path) -> None:
    config = tmp_path / "lint.toml"
    config.write_text('[tool.awesomelint]\nselect = ["AL1"]\n')
    (tmp_path / "list.md").write_text(LIST)
    code, _, err = _check(str(tmp_path / "list.md"), "--config", str(config))
    assert code == 2 and "rename the file to pyproject.toml, or write the keys at the top level" in err


def test_awesomelint_toml_wins_over_pyproject_in_one_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(TRAILING)
    (tmp_path / "pyproject.toml").write_text('[tool.awesomelint]\nignore = ["AL601"]\n')
    assert _check("list.md")[0] == 0
    (tmp_path / ".awesomelint.toml").write_text('select = ["AL601"]\n')
    assert _check("list.md")[0] == 1


def test_standard_input_is_capped_and_since_refused(tmp_path: Path) -> None:
    code, _, err = _check("-", input=b"x" * (MAX_BYTES + 1))
    assert code == 2 and "standard input: more than the 64 MiB" in err
    code, _, err = _check("-", "--since", "HEAD", input=LIST)
    assert code == 2 and "--since compares a file with its text at a git revision" in err
    code, _, err = _check(str(SEED), "--since=--upload-pack=touch pwned")
    assert code == 2 and not Path("pwned").exists()


@pytest.mark.parametrize(
    "shell", ["awesomelint check - <&-", "awesomelint check {seed} >&-", "awesomelint check {seed} >&- 2>&-"]
)
def test_a_closed_standard_stream_is_a_clean_exit(shell: str) -> None:
    command = shell.format(seed=SEED).replace("awesomelint", f"{sys.executable} -m awesomelint", 1)
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    if "<&-" in shell:
        assert done.returncode == 2 and "standard input is closed" in done.stderr


@pytest.mark.parametrize(
    ("comment", "reported"),
    [
        ("awesomelint disable-next-line AL601", "`awesomelint disable-next-line` is not a directive"),
        ("awesomelint_disable AL601", "did you mean `awesomelint-disable`?"),
        ("awesomelint: off", "`awesomelint:` is not a directive"),
        ("awesomelint is what lints this list", None),  # prose that names the tool is no directive
    ],
)
def test_a_misspelt_directive_is_told_from_prose(comment: str, reported: str | None) -> None:
    found = [d for d in run_rules(read(f"<!-- {comment} -->\n\n" + LIST)) if d.code == "AL701"]
    assert [reported in d.message for d in found] == ([True] if reported else [])
