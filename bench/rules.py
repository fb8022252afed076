"""Benchmark: each rule's cost on lists of real shapes at two sizes, and its growth.

The lists are the corpus lists concatenated (bench/real.py). Each rule runs on the parsed list as
`check` runs it (the style inferred once, as the engine does); printed per rule: the best CPU time
of ``--repeat`` runs at each size and the growth from the smaller size to the larger. A rule whose
cost grows faster than the input (about 4x between the default sizes) does more per entry on a
longer list; the budget of issue 29: no rule grows faster than 5x for 4x the input. Reading the
list and inferring its style are printed too, for scale.

    python bench/rules.py [--sizes 5000 20000] [--repeat 3] [--top 15] [--rules AL206 AL501]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from real import real_list

from awesomelint.engine import Context, Settings, all_rules
from awesomelint.model import Document
from awesomelint.read import read
from awesomelint.style import infer_style


def _best(run: Callable[[], object], repeat: int, document: Document | None = None) -> float:
    """The best CPU time of ``repeat`` runs; what rules share through ``document.derived`` is
    forgotten before each, so that each rule pays for what it uses."""
    best = float("inf")
    for _ in range(repeat):
        if document is not None:
            document.derived.clear()
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def costs(entries: int, repeat: int, codes: list[str] | None = None) -> tuple[int, dict[str, float]]:
    """The number of entries of the list built for ``entries``, and each step's best CPU time
    (of the rules ``codes``, or all)."""
    text = real_list(entries)
    settings = Settings()
    document = read(text)
    found = {"(read)": _best(lambda: read(text), repeat)}
    found["(style)"] = _best(lambda: infer_style(document, settings.style, settings.venues), repeat)
    style = infer_style(document, settings.style, settings.venues)
    for selected in all_rules():
        if codes is not None and selected.code not in codes:
            continue
        context = Context(document, style, settings, selected, None, None)
        found[selected.code] = _best(lambda c=context: list(c.rule.check(c)), repeat, document)
    return sum(1 for _ in document.iter_entries()), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=0, help="only the N costliest rules at the larger size")
    parser.add_argument("--rules", nargs="+", default=None, help="only these rule codes (AL103 ...)")
    args = parser.parse_args()
    (small, low), (large, high) = (costs(size, args.repeat, args.rules) for size in args.sizes)
    print(f"entries: {small} and {large} ({large / small:.2f}x input); CPU seconds, best of {args.repeat}")
    print(f"{'step':<8} {small:>9} {large:>9} {'growth':>7}")
    names = sorted(high, key=high.__getitem__, reverse=True)
    for name in names[: args.top] if args.top else names:
        growth = high[name] / low[name] if low[name] > 0 else 0.0
        flag = "  above 5x" if growth > 5 and high[name] > 0.005 else ""
        print(f"{name:<8} {low[name]:>9.4f} {high[name]:>9.4f} {growth:>6.2f}x{flag}")
    rules = [name for name in names if not name.startswith("(")]
    print(f"all rules {sum(low[n] for n in rules):>8.3f} {sum(high[n] for n in rules):>9.3f}")


if __name__ == "__main__":
    main()
