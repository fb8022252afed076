"""Benchmark: `awesomelint check` against markdown-it-py parsing alone, on generated seed-style lists.

Prints, measured in one run, the best of several timings of each and their ratio. The budget
(DESIGN.md) is a ratio of at most 3 at 20,000 entries; linting must grow linearly.

    python bench/lint.py [--sizes 2000 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc
from collections.abc import Callable

from markdown_it import MarkdownIt

from awesomelint.engine import run_rules
from awesomelint.parse import parse

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


def best_of(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def peak_mib(work: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    plain = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    print(
        f"{'entries':>8} {'bytes':>10} {'markdown-it':>12} {'check':>10} {'ratio':>6} {'findings':>9}"
        f" {'peak MiB (markdown-it / check)':>31}"
    )
    for size in args.sizes:
        text = generate(size)
        baseline = best_of(args.repeat, lambda text=text: plain.parse(text))
        check = best_of(args.repeat, lambda text=text: run_rules(parse(text)))
        findings = len(run_rules(parse(text)))
        base_peak = peak_mib(lambda text=text: plain.parse(text))
        check_peak = peak_mib(lambda text=text: run_rules(parse(text)))
        print(
            f"{size:>8} {len(text.encode()):>10} {baseline:>11.3f}s {check:>9.3f}s {check / baseline:>6.2f}"
            f" {findings:>9} {base_peak:>20.1f} / {check_peak:.1f}"
        )


if __name__ == "__main__":
    main()
