"""Benchmark: start-up, the pre-commit case: `awesomelint check README.source.md` against
`python -c "import markdown_it"`, as users have it: a regular install, byte-compiled.

The project is installed into a temporary folder with `pip install --no-deps --target` (pip
byte-compiles what it installs; an editable install would recompile every module at each start on
machines that set PYTHONDONTWRITEBYTECODE). The runs are interleaved (one of each command in turn) so
that a change in the machine's load touches both alike; the medians and their ratio are printed.
The budget (issue 14) is 2.5x.

    python bench/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as target:
        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, str(ROOT)],
            check=True,
        )
        env = {**os.environ, "PYTHONPATH": target}  # ahead of any editable install of the checkout
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "import markdown_it": [python, "-c", "import markdown_it"],
            "check (text report)": [python, "-m", "awesomelint", "check", "README.source.md"],
            "check --select AL601": [
                python,
                "-m",
                "awesomelint",
                "check",
                "README.source.md",
                "--select",
                "AL601",
            ],
        }
        timings: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                timings[name].append(_seconds(command, env))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    base = medians["import markdown_it"]
    print(f"median of {args.runs} interleaved runs each, regular byte-compiled install")
    for name, value in medians.items():
        print(f"{name:<24} {value * 1000:8.1f} ms   {value / base:5.2f}x import markdown_it")


if __name__ == "__main__":
    main()
