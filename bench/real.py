"""Lists of real shapes for the benchmarks: the corpus lists (../shared/corpus) concatenated.

`real_list(entries)` takes every corpus list whole as many times as fits, then from each list the
same share of its entries, cut at a heading (a cut inside a list, a table or an HTML block would
change how the rest reads), so a small list and a large one hold the same mix of shapes. The
headings of each repeated copy are renumbered (`## Papers` becomes `## Papers (2)`): no copy's
sections repeat another's.
"""

from __future__ import annotations

import bisect
import functools
from pathlib import Path

from awesomelint.read import read

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@functools.cache
def _lists() -> tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]:
    """Each corpus list: its text, the offsets of its heading lines, and how many entries start
    before each of them; the last figure is the list's own number of entries."""
    found = []
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        document = read(text)
        starts = sorted(entry.span.start for entry in document.iter_entries())
        headings = sorted(section.span.start for section in document.iter_sections())
        counts = [bisect.bisect_left(starts, offset) for offset in headings] + [len(starts)]
        found.append((text, tuple(headings), tuple(counts)))
    if not found:
        raise SystemExit(f"no corpus lists in {CORPUS}")
    return tuple(found)


def corpus_entries() -> int:
    return sum(counts[-1] for _, _, counts in _lists())


def _renumbered(text: str, copy: int) -> str:
    if copy == 1:
        return text
    return "\n".join(
        f"{line.rstrip()} ({copy})" if line.startswith("#") else line for line in text.split("\n")
    )


def real_list(entries: int) -> str:
    """About ``entries`` entries of the corpus lists' shapes (see the module's note)."""
    total = corpus_entries()
    whole, rest = divmod(entries, total)
    parts = [_renumbered(text, copy) for copy in range(1, whole + 1) for text, _, _ in _lists()]
    share = rest / total
    for text, headings, counts in _lists():
        wanted = round(share * counts[-1])
        if wanted == 0:
            continue
        index = bisect.bisect_left(counts, wanted)  # the first heading with that many entries before it
        if index and wanted - counts[index - 1] < counts[index] - wanted:
            index -= 1  # the heading before is nearer
        cut = headings[index] if index < len(headings) else len(text)
        parts.append(_renumbered(text[:cut], whole + 1))
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"
