"""The benchmark scripts run and print their figures (timings are printed, never asserted)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_lint_benchmark_prints_a_ratio_per_command_and_size() -> None:
    result = subprocess.run(
        [sys.executable, "bench/lint.py", "--sizes", "30", "60", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [row.split() for row in result.stdout.splitlines()[1:] if not row.startswith("  growth")]
    commands = ["check", "check-json", "concise", "fix", "headings", "json"]
    assert [(row[0], row[1]) for row in rows] == [(c, size) for size in ("30", "60") for c in commands]
    for row in rows:
        figures = map(float, row[3:12])
        seconds, time_ratio, mib, memory_ratio, cpu, cpu_ratio, system, base_system, user_ratio = figures
        assert seconds > 0 and time_ratio > 0 and mib > 0 and memory_ratio > 0 and cpu_ratio > 0
        assert 0 <= system <= cpu and base_system >= 0  # the system time is part of the CPU time
        assert user_ratio > 0 and len(row) == 12
    growth = [row for row in result.stdout.splitlines() if row.startswith("  growth")]
    assert len(growth) == len(commands)
    assert all("the baseline's time" in row and ", CPU " in row for row in growth)


def test_since_benchmark_prints_both_commands_per_size() -> None:
    result = subprocess.run(
        [sys.executable, "bench/since.py", "--sizes", "90", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    header, row = result.stdout.splitlines()
    assert header.split()[:3] == ["entries", "check", "s"]
    figures = list(map(float, row.split()[1:]))
    assert row.split()[0] == "90" and len(figures) == 7 and all(figure > 0 for figure in figures)
