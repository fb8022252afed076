"""Benchmark: `check --since HEAD` with one new entry against a plain `check`, on generated lists
(issue 27, item 6: the budget is 1.5x of a plain `check`; difflib's matcher took 60 s at 20,000).

Each size gets a git repository in a temporary folder holding the list of bench/lint.py, committed,
then one entry added in the middle. Both commands run as their own processes, in turn, `--repeat`
times; printed are the best wall times, their ratio, and the CPU time of each (the old version is
read and linted in a second process where the machine has two cores: the wall time then stays close
to a plain `check`, the CPU time does not). `since own cpu` is the CPU time of the `--since` process
itself, without its child: the time to the answer when the machine has a free second core (on a
loaded machine the wall times show the load, not the tool).

    python bench/since.py [--sizes 20000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lint import generate  # a sibling script, not a package

NEW_ENTRY = "41. **A Made Up Entry Added By The Change**. **ACL'2024**. [paper](https://example.org/new)\n\n"


# Runs the command line as `awesomelint` does and, at exit, prints this process's own CPU time (not
# its children's): the time on the path to the answer when a second core reads the old version.
WRAPPER = (
    "import atexit, resource, sys\n"
    "from awesomelint.cli import main\n"
    "def own():\n"
    "    usage = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    sys.stderr.write(f'\\nown-cpu {usage.ru_utime + usage.ru_stime}\\n')\n"
    "atexit.register(own)\n"
    "sys.argv[0] = 'awesomelint'\n"
    "main()\n"
)


def _run(argv: Sequence[str], folder: Path) -> tuple[float, float, float]:
    """Wall time, CPU time (its own and its children's) and its own CPU time of one command, in s."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [sys.executable, "-c", WRAPPER, *argv], cwd=folder, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        lines = errors.read().decode("utf-8", "replace").splitlines()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"awesomelint {' '.join(argv)} failed: {lines[-3:]}")
    own = float(next(line for line in reversed(lines) if line.startswith("own-cpu ")).split()[1])
    return elapsed, usage.ru_utime + usage.ru_stime, own


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
    commands = {
        "check": ["check", "--no-config", "README.md"],
        "since": ["check", "--no-config", "--since", "HEAD", "README.md"],
    }
    print(
        f"{'entries':>8} {'check s':>8} {'since s':>8} {'x check':>8} {'check cpu':>10} {'since cpu':>10}"
        f" {'since own cpu':>14} {'x check':>8}   (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            _repository(folder, size)
            best = {key: [float("inf")] * 3 for key in commands}  # each figure's best over the runs
            for _ in range(args.repeat):
                for key, argv in commands.items():
                    best[key] = [min(a, b) for a, b in zip(best[key], _run(argv, folder), strict=True)]
            (check, check_cpu, _), (since, since_cpu, own) = best["check"], best["since"]
            print(
                f"{size:>8} {check:>8.2f} {since:>8.2f} {since / check:>8.2f} {check_cpu:>10.2f}"
                f" {since_cpu:>10.2f} {own:>14.2f} {own / check_cpu:>8.2f}"
            )


if __name__ == "__main__":
    main()
