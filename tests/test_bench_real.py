"""The benchmarks on real shapes run and print their figures (timings are printed, never asserted);
they need the corpus lists."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT
from .test_corpus import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus folder ../shared/corpus is not here")


def _run(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=600
    )
    return result.stdout.splitlines()


def test_lint_benchmark_reports_generated_and_real_lists() -> None:
    lines = _run("bench/lint.py", "--sizes", "40", "80", "--repeat", "1", "--commands", "check", "--real")
    rows = [line.split() for line in lines[1:] if not line.startswith("  growth")]
    assert [(row[0], row[1]) for row in rows] == [
        ("check", "40"),
        ("check/real", "40"),
        ("check", "80"),
        ("check/real", "80"),
    ]
    assert all(float(row[4]) > 0 and float(row[6]) > 0 for row in rows)  # the ratios to the baseline
    assert sum(line.startswith("  growth check/real 40 -> 80") for line in lines) == 1


def test_rule_benchmark_prints_each_rule_at_two_sizes() -> None:
    lines = _run("bench/rules.py", "--sizes", "60", "240", "--repeat", "1")
    assert lines[0].startswith("entries: ")
    steps = {line.split()[0] for line in lines[2:-1]}
    assert {"(read)", "(style)", "AL103", "AL105", "AL601"} <= steps
    assert lines[-1].startswith("all rules")
