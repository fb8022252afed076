"""Benchmark: `awesomelint check README.source.md` against the DESIGN.md start-up budget, which is
the time of starting the interpreter plus importing markdown-it-py twice over.

Prints the median of several runs of each, measured in one run, and the ratio of check to the budget.

    python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(command: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    bare = median_seconds([python, "-c", "pass"], args.runs)
    markdown_it = median_seconds([python, "-c", "import markdown_it"], args.runs) - bare
    check = median_seconds(
        [python, "-m", "awesomelint", "check", "README.source.md", "--format", "concise"], args.runs
    )
    budget = bare + 2 * markdown_it
    print(f"interpreter start          {bare * 1000:7.1f} ms")
    print(f"import markdown_it         {markdown_it * 1000:7.1f} ms")
    print(f"budget (start + 2 imports) {budget * 1000:7.1f} ms")
    print(f"awesomelint check (seed)   {check * 1000:7.1f} ms   ratio {check / budget:.2f}")


if __name__ == "__main__":
    main()
