"""Benchmark: `check --since HEAD` with one new entry against a plain `check`, on generated lists
(issue 27, item 6: the budget is 1.5x of a plain `check`; difflib's matcher took 60 s at 20,000).

Each size gets a git repository in a temporary folder holding the list of bench/lint.py, committed,
then one entry added in the middle. Both commands run as their own processes, in turn, `--repeat`
times; printed are the best wall times, their ratio, and the CPU time of each (the old version is
read and linted in a second process where the machine has two cores: the wall time then stays close
to a plain `check`, the CPU time does not).

    python bench/since.py [--sizes 20000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lint import generate  # a sibling script, not a package

NEW_ENTRY = "41. **A Made Up Entry Added By The Change**. **ACL'2024**. [paper](https://example.org/new)\n\n"


def _run(argv: Sequence[str], folder: Path) -> tuple[float, float]:
    """Wall time and CPU time (its own and its children's) of one child process, in seconds."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed")
    return elapsed, usage.ru_utime + usage.ru_stime


def _repository(folder: Path, size: int) -> None:
    text = generate(size)
    (folder / "README.md").write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    for args in (["init", "-q"], ["add", "README.md"], ["commit", "-q", "-m", "list"]):
        subprocess.run([*git, *args], cwd=folder, check=True)
    middle = text.index(f"### Section {size // 80}\n")
    (folder / "README.md").write_text(text[:middle] + NEW_ENTRY + text[middle:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tool = shutil.which("awesomelint") or sys.exit("awesomelint is not installed in this environment")
    commands = {
        "check": [tool, "check", "--no-config", "README.md"],
        "since": [tool, "check", "--no-config", "--since", "HEAD", "README.md"],
    }
    print(f"{'entries':>8} {'check s':>8} {'since s':>8} {'x check':>8} {'check cpu':>10} {'since cpu':>10}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            _repository(folder, size)
            wall = {key: float("inf") for key in commands}
            cpu = {key: float("inf") for key in commands}
            for _ in range(args.repeat):
                for key, argv in commands.items():
                    seconds, used = _run(argv, folder)
                    wall[key], cpu[key] = min(wall[key], seconds), min(cpu[key], used)
            print(
                f"{size:>8} {wall['check']:>8.2f} {wall['since']:>8.2f} {wall['since'] / wall['check']:>8.2f}"
                f" {cpu['check']:>10.2f} {cpu['since']:>10.2f}"
            )


if __name__ == "__main__":
    main()
