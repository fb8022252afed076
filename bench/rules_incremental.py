"""Benchmark: running the rules again after a one-entry edit (`engine.rerun_rules` with the earlier
run) against a full run (`engine.run_rules`), on a generated list and on a list of real shapes.

Each edit types two letters into one entry's title, each on top of the previous
one, at entries spread over the list; the document is read anew for each (reading is not measured
here). Printed: the full run's CPU time (best of five), the rerun's best and median, their ratios
(the best of several is the figure least disturbed by other work on the machine), and what the
rerun still spends in each rule that runs on the whole list (the largest first). The garbage
collector is off, as `check` runs.

    python bench/rules_incremental.py [--entries 3000] [--edits 10] [--top 8]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable

from lint import generate
from real import real_list

from awesomelint.engine import Context, Settings, all_rules, rerun_rules, run_rules
from awesomelint.model import Document
from awesomelint.read import read
from awesomelint.registry import Rule
from awesomelint.style import Style, infer_style


def _cpu(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def _alone(rule: Rule, document: Document, style: Style, settings: Settings) -> float:
    """A document-scope rule's CPU time on its own, from a context of its own."""
    return _cpu(lambda: list(rule.check(Context(document, style, settings, rule))))


def _edited(text: str, where: float) -> str:
    """``text`` with two letters typed into the title of the entry at ``where`` (0-1): every later
    offset moves."""
    document = read(text)
    entries = [e for e in document.iter_entries() if e.title is not None and len(e.title.raw) > 6]
    title = entries[int(where * len(entries))].title
    assert title is not None
    at = title.span.start + 2
    return text[:at] + "xy" + text[at:]


def measure(name: str, text: str, edits: int, top: int) -> None:
    settings = Settings()
    document = read(text)
    full = min(_cpu(lambda: run_rules(document, settings)) for _ in range(5))
    earlier = rerun_rules(document, settings).earlier
    times = []
    for number in range(edits):
        text = _edited(text, (number * 0.37 + 0.05) % 1)
        document = read(text)
        started = time.process_time()
        checked = rerun_rules(document, settings, earlier=earlier)
        times.append(time.process_time() - started)
        earlier = checked.earlier
    style = infer_style(document, settings.style, settings.venues)
    again = [(_alone(r, document, style, settings), r.code) for r in all_rules() if r.scope != "entry"]
    again.sort(reverse=True)
    entries = sum(1 for _ in document.iter_entries())
    best, median = min(times), statistics.median(times)
    print(
        f"{name}: {entries} entries; full run {full * 1000:.1f} ms; rerun after a one-entry edit: "
        f"best {best * 1000:.1f} ms ({best / full:.0%} of full), median {median * 1000:.1f} ms "
        f"({median / full:.0%})"
    )
    shown = ", ".join(f"{code} {cost * 1000:.1f}" for cost, code in again[:top])
    print(f"  document-scope rules (ms, alone, shared facts not counted): {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    gc.disable()
    measure("generated", generate(args.entries), args.edits, args.top)
    measure("real shapes", real_list(args.entries), args.edits, args.top)


if __name__ == "__main__":
    main()
