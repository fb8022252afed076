"""Benchmark: the commands users run, against markdown-it-py parsing alone, on generated seed-style lists.

Each command runs as its own process, as a user runs it, on a generated list in a temporary folder:
`check` with the default text report, `check --format concise`, `fix --unsafe-fixes` (on a fresh copy
each time), `check --format json` (`check-json`: findings written as they are found, so its memory is
`check`'s) and `parse --format json`. The baseline is a process that imports markdown-it-py and
parses the same file, run in turn with each command (the best of each). Printed: the wall times,
peak resident memory and CPU times (user and system: what other jobs on a shared machine disturb
least), and their ratios to the baseline; then the system part of the command's and the baseline's
best CPU times apart (`sys s`, `base`). That part is mostly page faults, whose cost depends on the
machine's state: on a virtual machine that hands the pages no process has touched for a while back
to its host, a fault on such a page costs several times what one on a recently freed page does
(12 us against 1.3 us here), so a process that needs more memory than the one before it freed pays
the difference. Before each run, the bench touches `--warm` times the list's size in memory
(default 128: more than any command needs) and frees it, so that the baseline and the command both
start with that much recently freed memory: each pays for the pages it touches, not for how long
ago another process touched them (`--warm 0`: no warm-up). That removes most of the difference,
not all of it: the host may take pages back before a long command reaches them (`fix` at 100,000
real entries paid 1.2 s of system time in two runs and 2.6 s in a third). The last column
(`user x`) is the ratio of the user times alone, which page faults move least. The budgets
(DESIGN.md, issue 14): `check` within 2x of the baseline's time and memory at 20,000 entries, `fix`
within 4x, and linear growth (a size 5x larger should cost about 5x, at most 6x: the `growth` lines
compare each size with the one before it).

With `--real`, each command also runs on a list of the same size made of real shapes: the corpus
lists concatenated (bench/real.py), printed as `check/real` and so on. The `awesomelint` on the PATH
runs: measure a regular install (`pip install .`), as users have it; an editable install compiles
every module again at each start where PYTHONDONTWRITEBYTECODE is set (0.08 s of CPU).

    python bench/lint.py [--sizes 2000 20000 100000] [--repeat 3] [--commands check fix] [--real]
                         [--warm 128]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

VENUES = ["ACL", "EMNLP", "NAACL", "NeurIPS", "ICLR", "ICML", "CVPR", "arXiv", "CoRR", "NIPS", "AAAI"]
WORDS = [
    "adapter",
    "prompt",
    "tuning",
    "efficient",
    "parameter",
    "transfer",
    "learning",
    "sparse",
    "model",
    "language",
    "vision",
    "low",
    "rank",
]
BASELINE = (
    "import sys\n"
    "from markdown_it import MarkdownIt\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "MarkdownIt('commonmark', {'html': True}).enable(['table', 'strikethrough']).parse(text)\n"
)
# name -> arguments after `awesomelint` (the file is appended)
COMMANDS = {
    "check": ["check", "--no-config"],
    "concise": ["check", "--no-config", "--format", "concise"],
    "fix": ["fix", "--no-config", "--unsafe-fixes"],
    "json": ["parse", "--no-config", "--format", "json"],
    "check-json": ["check", "--no-config", "--format", "json"],
    "headings": ["check", "--no-config"],
}


def generate(entries: int, seed: int = 7) -> str:
    """A list shaped like README.source.md: sections of numbered entries in its three layouts, with
    the same kinds of defects (glued markers, `_` authors, touching fields, trailing spaces)."""
    rng = random.Random(seed)
    contents = '<table>\n<tr><td><a href="#Section-0">0</a></td></tr>\n</table>\n\n'
    parts = [f"# Awesome Generated List\n\n## Papers\n\n{contents}"]
    for number in range(entries):
        if number % 40 == 0:
            parts.append(f"\n### Section {number // 40}\n\n#### LLM\n\n")
        index = number % 40 + 1
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).title()
        authors = ", ".join(
            f"Author{rng.randint(1, 999)} Name{rng.randint(1, 999)}" for _ in range(rng.randint(2, 6))
        )
        venue = f"{rng.choice(VENUES)}'{rng.randint(2015, 2024)}"
        url = f"https://www.aminer.cn/pub/{number:08x}/{title.lower().replace(' ', '-')}"
        layout = number % 3
        if layout == 0:
            parts.append(f"{index}.**{title}**. **{venue}**.\n\n[paper]({url}) \n\n*{authors}*\n\n")
        elif layout == 1:
            parts.append(f"{index}. **{title}**. **{venue}**. \n\n  *{authors}*.\n\n  [paper]({url})\n\n")
        else:
            parts.append(f"{index}. **{title}**. _{authors}_.**{venue}**.[paper]({url})\n\n\n")
    return "".join(parts)


def repeated_headings(count: int) -> str:
    """The pathological shape of issue 12: the same empty heading many times over."""
    return "# List\n\n" + "## Same\n\n" * count


class _Usage(NamedTuple):
    """What one child process cost."""

    seconds: float  # wall time
    mib: float  # peak resident memory
    cpu: float  # CPU time, user and system
    system: float  # of which the kernel's, on the child's behalf (page faults, mostly)


# Touches the given number of bytes, a write to every page, and exits, freeing them.
WARM = (
    "import sys\n"
    "pages = bytearray(int(sys.argv[1]))\n"
    "pages[::4096] = bytes(len(range(0, len(pages), 4096)))\n"
)


def _warm(size: int) -> None:
    """Touch ``size`` bytes of memory in a process of its own (the bench's own peak would count as
    its children's) and free them: the pages the next process gets were used just now."""
    if size > 0:
        subprocess.run([sys.executable, "-c", WARM, str(size)], check=True)


def _run(argv: Sequence[str], warm: int) -> _Usage:
    """What one child process cost, after `_warm` of ``warm`` bytes. Its CPU time counts only its own
    work: other jobs on the machine lengthen the wall time, not that."""
    _warm(warm)
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {code}")
    # (maxrss: KiB on Linux)
    return _Usage(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, usage.ru_stime)


def measure(
    base: Sequence[str], argv: Sequence[str], repeat: int, fresh: Path, original: Path, warm: int
) -> tuple[_Usage, _Usage]:
    """The baseline's and the command's best wall time, peak memory, and best CPU time with the
    system time of that run, each run ``repeat`` times in turn (the machine's speed drifts over
    minutes: interleaved, the drift touches both alike); ``fresh`` is restored from ``original``
    before each run of the command (`fix` writes it); ``warm``: the bytes touched before each run."""
    runs: dict[str, list[_Usage]] = {"base": [], "command": []}
    for _ in range(repeat):
        shutil.copyfile(original, fresh)
        for name, command in (("base", base), ("command", argv)):
            runs[name].append(_run(command, warm))
    return _best(runs["base"]), _best(runs["command"])


def _best(runs: list[_Usage]) -> _Usage:
    fastest = min(runs, key=lambda run: run.cpu)
    return _Usage(min(run.seconds for run in runs), max(run.mib for run in runs), fastest.cpu, fastest.system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--commands", nargs="+", choices=sorted(COMMANDS), default=sorted(COMMANDS))
    parser.add_argument("--real", action="store_true", help="also on the corpus lists concatenated")
    parser.add_argument(
        "--warm", type=int, default=128, help="memory touched and freed before each run, in list sizes"
    )
    args = parser.parse_args()
    cases: list[tuple[str, str, Callable[[int], str]]] = [(name, name, generate) for name in args.commands]
    if args.real:
        from real import real_list

        cases += [(f"{name}/real", name, real_list) for name in args.commands if name != "headings"]
    tool = shutil.which("awesomelint") or sys.exit("awesomelint is not installed in this environment")
    print(
        f"{'case':<12} {'entries':>8} {'bytes':>10} {'seconds':>8} {'x base':>7} {'MiB':>7} {'x base':>7}"
        f" {'CPU s':>7} {'x base':>7} {'sys s':>7} {'base':>7} {'user x':>7}"
        "   (base: markdown-it-py parse of the same file, its own process)"
    )
    previous: dict[str, tuple[int, float, float, float, float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            for name, command, build in cases:
                text = repeated_headings(size) if name == "headings" else build(size)
                original = Path(folder, f"{name.replace('/', '-')}-{size}.md")
                original.write_bytes(data := text.encode())
                work = Path(folder, f"work-{size}.md")
                base = [sys.executable, "-c", BASELINE, str(original)]
                argv = [tool, *COMMANDS[command], str(work)]
                (base_time, base_mib, base_cpu, base_system), (seconds, mib, cpu, system) = measure(
                    base, argv, args.repeat, work, original, args.warm * len(data)
                )
                print(
                    f"{name:<12} {size:>8} {len(data):>10} {seconds:>8.3f}"
                    f" {seconds / base_time:>7.2f} {mib:>7.1f} {mib / base_mib:>7.2f}"
                    f" {cpu:>7.3f} {cpu / base_cpu:>7.2f} {system:>7.3f} {base_system:>7.3f}"
                    f" {(cpu - system) / max(base_cpu - base_system, 1e-6):>7.2f}"
                )
                if name in previous:
                    last_size, last_seconds, last_mib, last_base, last_cpu, last_base_cpu = previous[name]
                    print(
                        f"  growth {name} {last_size} -> {size} ({size / last_size:.0f}x input):"
                        f" time {seconds / last_seconds:.2f}x, memory {mib / last_mib:.2f}x,"
                        f" CPU {cpu / last_cpu:.2f}x (the baseline's time {base_time / last_base:.2f}x,"
                        f" CPU {base_cpu / last_base_cpu:.2f}x; CPU is what other jobs disturb least)"
                    )
                previous[name] = (size, seconds, mib, base_time, cpu, base_cpu)


if __name__ == "__main__":
    main()
