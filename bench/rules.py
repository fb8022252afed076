"""Benchmark: each rule's cost on lists of real shapes at two sizes, and its growth.

The lists are the corpus lists concatenated (bench/real.py). Each rule runs on the parsed list as
`check` runs it (the style inferred once, as the engine does, and the garbage collector off);
printed per rule: its cost at each size and the growth from the smaller size to the larger. A rule
whose cost grows faster than the input (about 4x between the default sizes) does more per entry on
a longer list; the budget of issue 29: no rule grows faster than 5x for 4x the input. Reading the
list and inferring its style are printed too, for scale.

The cost is the best CPU time of ``--repeat`` runs, or with ``--instructions`` the instructions
each step executes, counted by valgrind's callgrind in one run (the same on a busy machine: the
figure to trust for growth; it takes a few minutes, about 40 times a plain run).

    python bench/rules.py [--sizes 5000 20000] [--repeat 3] [--top 15] [--rules AL206 AL501]
                          [--instructions]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from real import real_list

from awesomelint.commands._collector import tune_garbage_collector
from awesomelint.diagnostic import Diagnostic
from awesomelint.engine import Context, Rule, Settings, all_rules
from awesomelint.model import Document
from awesomelint.read import read
from awesomelint.style import Style, infer_style

# A call that marks a step's end under callgrind: it dumps the counts before each call to it.
_MARK_FUNCTION = "os_getppid"


def _steps(
    entries: int, codes: list[str] | None
) -> Iterator[tuple[str, Callable[[], object], Document | None]]:
    """Each step to measure on the list built for ``entries``, in order: its name, what it runs,
    and the document whose shared results (``document.derived``) are forgotten before it runs,
    so that each rule pays for what it uses."""
    text = real_list(entries)
    settings = Settings()
    document = read(text)
    yield "(read)", lambda: read(text), None
    yield "(style)", lambda: infer_style(document, settings.style, settings.venues), None
    style = infer_style(document, settings.style, settings.venues)
    for selected in all_rules():
        if codes is None or selected.code in codes:
            yield selected.code, functools.partial(_check, selected, document, style, settings), document
    yield "(entries)", lambda: sum(1 for _ in document.iter_entries()), None


def _check(selected: Rule, document: Document, style: Style, settings: Settings) -> list[Diagnostic]:
    """The rule's findings, from a context of its own: its list-wide count (`Context.tally`) is
    kept on the context, and each run pays for it."""
    return list(selected.check(Context(document, style, settings, selected)))


def cpu_costs(entries: int, repeat: int, codes: list[str] | None) -> tuple[int, dict[str, float]]:
    """The number of entries of the list built for ``entries``, and each step's best CPU time."""
    found: dict[str, float] = {}
    count = 0
    for name, run, document in _steps(entries, codes):
        if name == "(entries)":
            count = int(run())  # type: ignore[call-overload]
            continue
        best = float("inf")
        for _ in range(repeat):
            if document is not None:
                document.derived.clear()
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        found[name] = best
    return count, found


def _marked(sizes: list[int], codes: list[str] | None, names: Path) -> None:
    """Run each step once, calling the mark after it (under callgrind: one dump per step), and
    write the steps' names (and each list's number of entries) to ``names``, in order."""
    order: list[tuple[int, str, int]] = []  # size, step, entries
    for _, run, _ in _steps(min(sizes) // 4, codes):
        run()  # first runs compile patterns and import modules: not part of any size's cost
    os.getppid()
    for size in sizes:
        for name, run, document in _steps(size, codes):
            if document is not None:
                document.derived.clear()
            os.getppid()  # the dump before this call holds what preparing the step took
            got = run()
            os.getppid()
            order.append((size, name, int(got) if name == "(entries)" else 0))  # type: ignore[call-overload]
    names.write_text(json.dumps(order), encoding="utf-8")


def instruction_costs(sizes: list[int], codes: list[str] | None) -> list[tuple[int, dict[str, float]]]:
    """Per size: the entries, and each step's instructions (millions), from one callgrind run."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind on the PATH")
    with tempfile.TemporaryDirectory() as folder:
        names = Path(folder, "steps.json")
        command = [
            "valgrind", "-q", "--tool=callgrind", f"--dump-before={_MARK_FUNCTION}",
            f"--callgrind-out-file={folder}/cg.out", sys.executable, __file__, "--marked", str(names),
            "--sizes", *map(str, sizes), *(["--rules", *codes] if codes else []),
        ]  # fmt: skip
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        order = json.loads(names.read_text(encoding="utf-8"))
        totals = {}
        for dump in Path(folder).glob("cg.out.*"):
            part = int(dump.name.rsplit(".", 1)[1])
            total = re.search(r"^totals: (\d+)", dump.read_text(encoding="utf-8"), re.MULTILINE)
            totals[part] = int(total[1]) if total else 0
    # Parts: 1 before the first mark, then per step one for its preparation and one for itself.
    result: dict[int, tuple[int, dict[str, float]]] = {}
    for index, (size, name, entries) in enumerate(order):
        found = result.setdefault(size, (0, {}))[1]
        if name == "(entries)":
            result[size] = (entries, found)
        else:
            found[name] = totals[3 + 2 * index] / 1e6
    return [result[size] for size in sizes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=0, help="only the N costliest rules at the larger size")
    parser.add_argument("--rules", nargs="+", default=None, help="only these rule codes (AL103 ...)")
    parser.add_argument("--instructions", action="store_true", help="count instructions (callgrind)")
    parser.add_argument("--marked", type=Path, help=argparse.SUPPRESS)  # the run under callgrind
    args = parser.parse_args()
    tune_garbage_collector()  # as `check` runs: a collection's cost grows with the heap, not the rule
    if args.marked:
        _marked(args.sizes, args.rules, args.marked)
        return
    if args.instructions:
        (small, low), (large, high) = instruction_costs(args.sizes, args.rules)
        unit, floor = "millions of instructions, one run under callgrind", 5.0
    else:
        (small, low), (large, high) = (cpu_costs(size, args.repeat, args.rules) for size in args.sizes)
        unit, floor = f"CPU seconds, best of {args.repeat}", 0.005
    print(f"entries: {small} and {large} ({large / small:.2f}x input); {unit}")
    print(f"{'step':<8} {small:>9} {large:>9} {'growth':>7}")
    names = sorted(high, key=high.__getitem__, reverse=True)
    for name in names[: args.top] if args.top else names:
        growth = high[name] / low[name] if low[name] > 0 else 0.0
        flag = "  above 5x" if growth > 5 and high[name] > floor else ""
        print(f"{name:<8} {low[name]:>9.4f} {high[name]:>9.4f} {growth:>6.2f}x{flag}")
    rules = [name for name in names if not name.startswith("(")]
    print(f"all rules {sum(low[n] for n in rules):>8.3f} {sum(high[n] for n in rules):>9.3f}")


if __name__ == "__main__":
    main()
