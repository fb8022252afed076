"""`awesomelint check` on the seed finds what the issue's table lists, where it lists it, and
nothing else; the hand-corrected twin is clean."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict

from click.testing import CliRunner

from awesomelint.cli import main

from .conftest import FIXTURES, ROOT, SEED

ONE_LINE_ENTRIES = set(range(125, 153, 3))
ENTRY_STARTS = [
    26,
    32,
    38,
    46,
    52,
    58,
    64,
    70,
    87,
    93,
    99,
    106,
    112,
    118,
    *sorted(ONE_LINE_ENTRIES),
    170,
    176,
]

EXPECTED = {
    "AL101": {76, 79, 155, 157, 159, 161, 163, 182, 184, 186, 188, 190, 193, 208},
    "AL102": {157, 184, 199, 214},
    "AL103": {10},
    "AL104": {9, 11, 12, 13},
    "AL105": {81},
    "AL107": {225},
    "AL108": {20},
    "AL201": {26, 32, 38, 46, 52, 58, 64, 70},
    "AL203": set(ENTRY_STARTS) - ONE_LINE_ENTRIES,
    "AL205": {125, 128, 131, 134, 137, 140},
    "AL301": {46, 99},
    "AL302": {70, 87, 143},
    "AL303": {58, 99},
    "AL401": {30, 102},
    "AL402": {128, 131, 134, 137, 140, 143, 146, 149, 152, 172, 178},
    "AL502": {66, 110},
}


def _independent_whitespace_findings(text: str) -> tuple[set[int], set[int]]:
    lines = text.split("\n")[:-1]
    trailing = {n for n, line in enumerate(lines, 1) if line != line.rstrip(" \t")}
    runs, number = set(), 0
    while number < len(lines):
        if lines[number].strip():
            number += 1
            continue
        end = number
        while end + 1 < len(lines) and not lines[end + 1].strip():
            end += 1
        if end > number:
            runs.add(number + 1)
        number = end + 1
    return trailing, runs


def _check(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_seed_findings_are_exactly_the_tables() -> None:
    code, report = _check(str(SEED))
    assert code == 1
    found: dict[str, set[int]] = defaultdict(set)
    for d in report["diagnostics"]:
        found[d["code"]].add(d["start_line"])
    trailing, runs = _independent_whitespace_findings(SEED.read_text(encoding="utf-8"))
    assert {10, 87, 93} <= trailing and {17, 123} <= runs
    expected = {**EXPECTED, "AL601": trailing, "AL602": runs}
    assert dict(found) == expected


def test_seed_messages_name_the_majority() -> None:
    _, report = _check(str(SEED))
    messages = {(d["code"], d["start_line"]): d["message"] for d in report["diagnostics"]}
    assert "10 of 26 papers use `title authors venue link`" in messages[("AL203", 26)]
    assert "15 of 26 author lines write `*...*`" in messages[("AL402", 128)]
    assert "`NIPS` is another name of `NeurIPS`" in messages[("AL302", 70)]
    assert "3 of 5 preprint entries write `arXiv`" in messages[("AL302", 87)]
    assert "`Additive`" in messages[("AL105", 81)] and "line 10" in messages[("AL105", 81)]
    assert "www.aminer.cn" in messages[("AL502", 66)]
    assert "lacks `VLM`, `VGM`" in messages[("AL108", 20)]
    assert "`.` inside the bold markup (25 of 26 venues have none there)" in messages[("AL301", 46)]


def test_findings_point_at_the_exact_columns() -> None:
    _, report = _check(str(SEED))
    text = SEED.read_text(encoding="utf-8").split("\n")
    picked = {(d["code"], d["start_line"]): d for d in report["diagnostics"]}

    def covered(code: str, line: int) -> str:
        d = picked[(code, line)]
        assert d["end_line"] == line
        return text[line - 1][d["start_col"] - 1 : d["end_col"] - 1]

    assert covered("AL104", 9) == "Selective"
    assert covered("AL103", 10) == "Additive"
    assert covered("AL201", 26) == "1."
    assert covered("AL302", 70) == "NIPS"
    assert covered("AL303", 58) == "计算机科学"
    assert covered("AL301", 46) == "**EMNLP'2020.**"
    assert covered("AL502", 66).startswith("https://aminer.cn/")
    assert covered("AL601", 10) == " "


def test_clean_twin_has_no_finding_at_all() -> None:
    code, report = _check(str(FIXTURES / "seed_clean.md"))
    assert (code, report["diagnostics"]) == (0, [])
    assert report["summary"]["findings"] == 0


def test_bare_check_in_this_repository_lints_the_seed() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "awesomelint", "check", "--format", "concise"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert re.search(r"^README\.source\.md:10:19: error AL103 ", result.stdout, re.MULTILINE)


def test_check_does_not_import_httpx() -> None:
    code = (
        "import sys\n"
        "from awesomelint.cli import main\n"
        "try:\n"
        "    main(['check', 'README.source.md', '--format', 'concise'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'httpx' not in sys.modules, 'httpx imported'\n"
        "assert 'awesomelint.rules' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
