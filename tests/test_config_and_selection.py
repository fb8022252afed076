"""Configuration discovery, precedence and errors; rule selection; inline suppression; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.engine import all_rules

LIST = """# Papers

## Models

1. **Attention Is All You Need**. *Ashish Vaswani, Noam Shazeer*. **NIPS'2019**. [paper](https://arxiv.org/abs/1706.03762)
2. **Deep Residual Learning for Image Recognition**. *Kaiming He, Xiangyu Zhang*. **CVPR'2016**. [paper](https://arxiv.org/abs/1512.03385)
3. **BERT: Pre-training of Deep Bidirectional Transformers**. *Jacob Devlin, Ming-Wei Chang*. **NAACL'2019**. [paper](https://arxiv.org/abs/1810.04805)
4. **Sequence to Sequence Learning with Neural Networks**. *Ilya Sutskever, Oriol Vinyals*. **NeurIPS'2014**. [paper](https://arxiv.org/abs/1409.3215)
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "list.md").write_text(LIST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]] if result.stdout.strip() else []
    return result.exit_code, codes, result.stderr


def test_without_configuration_all_rules_run(repo: Path) -> None:
    assert _check("docs/list.md")[:2] == (1, ["AL302"])  # `NIPS` beside `NeurIPS`


def test_pyproject_table_is_found_from_the_files_folder_up(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.awesomelint]\nignore = ["venue-alias"]\n')
    assert _check("docs/list.md")[:2] == (0, [])


def test_pyproject_without_the_table_is_passed_over(repo: Path) -> None:
    (repo / "docs" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (repo / ".awesomelint.toml").write_text('ignore = ["AL3"]\n')
    assert _check("docs/list.md")[:2] == (0, [])


def test_the_closest_file_wins_and_nothing_is_merged(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.awesomelint]\nignore = ["AL302"]\n')
    (repo / "docs" / ".awesomelint.toml").write_text('fail-on = "error"\n')
    assert _check("docs/list.md")[:2] == (0, ["AL302"])  # found (not ignored), but not failing


def test_discovery_stops_at_the_repository_root(repo: Path) -> None:
    nested = repo / "sub"
    (nested / ".git").mkdir(parents=True)
    (nested / "list.md").write_text(LIST)
    (repo / ".awesomelint.toml").write_text('ignore = ["AL302"]\n')
    assert _check("sub/list.md")[:2] == (1, ["AL302"])


def test_flags_override_the_file(repo: Path) -> None:
    (repo / ".awesomelint.toml").write_text('select = ["AL6"]\n')
    assert _check("docs/list.md")[:2] == (0, [])
    assert _check("docs/list.md", "--select", "AL302")[:2] == (1, ["AL302"])
    assert _check("docs/list.md", "--extend-select", "venue-alias")[:2] == (1, ["AL302"])
    assert _check("docs/list.md", "--no-config")[:2] == (1, ["AL302"])
    assert _check("docs/list.md", "--no-config", "--ignore", "AL3")[:2] == (0, [])


def test_explicit_config_file(repo: Path) -> None:
    (repo / "custom.toml").write_text('[severity]\nAL302 = "info"\n')
    assert _check("docs/list.md", "--config", "custom.toml")[:2] == (0, ["AL302"])
    code, _, err = _check("docs/list.md", "--config", "missing.toml")
    assert code == 2 and "missing.toml: no such configuration file" in err


def test_venue_and_style_options(repo: Path) -> None:
    (repo / ".awesomelint.toml").write_text(
        '[venues]\naliases = { "NIPS" = "NIPS" }\n[style]\nvenue-year = "space"\n'
    )
    code, codes, _ = _check("docs/list.md")
    assert code == 1 and codes == ["AL301"] * 4


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("colour = true\n", "`colour`: unknown key; known keys are"),
        ('select = "AL1"\n', "`select`: must be a list of rule codes"),
        ('select = ["AL999"]\n', "`select`: unknown rule `AL999`"),
        ('ignore = ["no-such-rule"]\n', "`ignore`: unknown rule `no-such-rule`"),
        ('fail-on = "fatal"\n', "`fail-on`: must be"),
        ('[severity]\nAL101 = "loud"\n', "`severity.AL101`: must be"),
        ('[severity]\nAL900 = "info"\n', "`severity.AL900`: unknown rule"),
        ('[style]\nvenue-year = "dots"\n', "`style.venue-year`: must be"),
        ('[style]\nshape = "x"\n', "`style.shape`: unknown key"),
        ('[venues]\nknown = "ACL"\n', "`venues.known`: must be a list"),
        ('[rules.AL204]\nthreshold = "high"\n', "`rules.AL204`: option `threshold` must be of type float"),
        ("[rules.AL204]\nlimit = 3\n", "`rules.AL204`: unknown option `limit`"),
        ("[rules.AL101]\nx = 1\n", "`rules.AL101`: unknown option `x` (options: none)"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_configuration_errors_name_the_file_and_key(repo: Path, config: str, message: str) -> None:
    (repo / ".awesomelint.toml").write_text(config)
    code, _, err = _check("docs/list.md")
    assert code == 2 and message in err and ".awesomelint.toml" in err
    assert err.count("\n") == 1


def test_pyproject_errors_name_the_tool_table(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.awesomelint]\nselekt = []\n")
    _, _, err = _check("docs/list.md")
    assert "pyproject.toml: `tool.awesomelint.selekt`: unknown key" in err


def test_rule_options_take_effect(repo: Path) -> None:
    text = LIST.replace("*Kaiming He, Xiangyu Zhang*. ", "")
    (repo / "docs" / "list.md").write_text(text.replace("NIPS", "NeurIPS"))
    assert _check("docs/list.md", "--select", "AL204")[1] == []  # 3 of 4 is under the 0.9 default
    (repo / ".awesomelint.toml").write_text("[rules.missing-field]\nthreshold = 0.7\n")
    assert _check("docs/list.md", "--select", "AL204")[1] == ["AL204"]


def test_unknown_selector_on_the_command_line(repo: Path) -> None:
    code, _, err = _check("docs/list.md", "--select", "AL9")
    assert code == 2 and "unknown rule `AL9`" in err


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("<!-- awesomelint-disable-next-line AL302 -->\n", []),
        ("<!-- awesomelint-disable-next-line venue-alias -->\n", []),
        ("<!-- awesomelint-disable-next-line AL301 -->\n", ["AL702", "AL302"]),  # silences nothing
        ("<!-- awesomelint-disable-next-line -->\n", []),
        ("<!-- awesomelint-disable-file AL302 -->\n\n", []),
        ("<!-- awesomelint-disable AL302 -->\n", []),
    ],
)
def test_inline_suppression(repo: Path, comment: str, expected: list[str]) -> None:
    lines = LIST.split("\n")
    lines.insert(4, comment.rstrip("\n"))
    (repo / "docs" / "list.md").write_text("\n".join(lines))
    assert _check("docs/list.md")[1] == expected


def test_disable_then_enable_and_same_line(repo: Path) -> None:
    # Case variants of venues the list also writes canonically.
    entry = (
        "5. **Adam: A Method for Stochastic Optimization**. *Diederik P. Kingma, Jimmy Ba*. **Naacl'2015**."
    )
    text = (
        LIST.replace("**NIPS'2019**", "**Cvpr'2017**")
        .replace(
            "1. **Attention",
            "<!-- awesomelint-disable AL306 -->\n1. **Attention",
        )
        .replace("2. **Deep", "<!-- awesomelint-enable AL306 -->\n2. **Deep")
    )
    text += entry + " [paper](https://arxiv.org/abs/1412.6980) <!-- awesomelint-disable-line -->\n"
    (repo / "docs" / "list.md").write_text(text)
    code, codes, _ = _check("docs/list.md")
    assert (code, codes) == (0, [])
    (repo / "docs" / "list.md").write_text(text.replace(" <!-- awesomelint-disable-line -->", ""))
    assert _check("docs/list.md")[1] == ["AL306"]


def test_exit_codes(repo: Path) -> None:
    assert _check("docs/list.md", "--exit-zero")[:2] == (0, ["AL302"])
    assert _check("docs/list.md", "--fail-on", "error")[0] == 0
    assert _check("docs/list.md", "--fail-on", "info")[0] == 1
    clean = repo / "clean.md"
    clean.write_text(LIST.replace("NIPS", "NeurIPS"))
    assert _check("clean.md")[:2] == (0, [])
    code, _, err = _check("clean.md", "missing.md")
    assert code == 2 and "missing.md: no such file" in err


def test_a_folder_lints_its_markdown_files(repo: Path) -> None:
    (repo / "docs" / "nested").mkdir()
    (repo / "docs" / "nested" / "more.markdown").write_text(LIST)
    (repo / "docs" / ".hidden").mkdir()
    (repo / "docs" / ".hidden" / "skip.md").write_text(LIST)
    (repo / "docs" / "notes.txt").write_text(LIST)
    result = CliRunner().invoke(main, ["check", "docs", "--format", "json"])
    files = {d["file"] for d in json.loads(result.stdout)["diagnostics"]}
    assert files == {"docs/list.md", "docs/nested/more.markdown"}


def test_rule_command() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["rule", "--all"])
    assert listing.exit_code == 0
    rows = listing.stdout.splitlines()[1:]
    assert len(rows) == len(all_rules()) > 37 and rows[0].split()[:4] == [
        "AL101",
        "empty-section",
        "warning",
        "unsafe",
    ]
    page = runner.invoke(main, ["rule", "field-spacing"])
    assert page.exit_code == 0 and page.stdout.startswith("# AL205 field-spacing")
    assert "```markdown bad" in page.stdout


def test_the_configuration_does_not_need_the_engine() -> None:
    """config -> registry, never config -> engine (the engine imports config for its types only):
    the module-level imports of config, followed through the package, never reach the engine."""
    import ast
    from importlib.util import resolve_name

    package = Path(__file__).parent.parent / "src"

    def imports(module: str) -> set[str]:
        path = package.joinpath(*module.split("."))
        source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        parent = module if path.is_dir() else module.rpartition(".")[0]
        found = set()
        for node in ast.parse(source.read_text(encoding="utf-8")).body:  # module level: not TYPE_CHECKING
            if isinstance(node, ast.ImportFrom) and node.level:
                target = resolve_name("." * node.level + (node.module or ""), parent)
                found |= {target} if node.module else {f"{target}.{alias.name}" for alias in node.names}
        paths = {name: package.joinpath(*name.split(".")) for name in found}
        return {name for name, path in paths.items() if path.is_dir() or path.with_suffix(".py").exists()}

    seen, todo = set(), ["awesomelint.config"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(imports(module))
    assert {"awesomelint.registry", "awesomelint.style"} <= seen, sorted(seen)
    assert "awesomelint.engine" not in seen, sorted(seen)
