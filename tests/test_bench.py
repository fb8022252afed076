"""The benchmark scripts run and print their figures (timings are printed, never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT


def test_lint_benchmark_prints_a_ratio_per_size() -> None:
    result = subprocess.run(
        [sys.executable, "bench/lint.py", "--sizes", "30", "60", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = result.stdout.splitlines()[1:]
    assert [row.split()[0] for row in rows] == ["30", "60"]
    for row in rows:
        assert re.search(r"\d+\.\d+s\s+\d+\.\d+s\s+\d+\.\d+\s+\d+", row)
