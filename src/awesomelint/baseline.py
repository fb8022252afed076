"""The baseline: today's findings, recorded so that only new ones are reported (`--write-baseline`,
`--baseline`), for adopting the tool on a list that grew for years without a git revision to compare
with.

A finding is recorded by its file, its rule, where it is (the identity of its entry, as `--since`
matches entries; outside entries, the text of its line) and its message with numbers left out (line
numbers move). So it survives lines shifting, entries moving and renumbering, and a count per key
lets a list hold the same finding twice.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .changes import entry_identity
from .diagnostic import Diagnostic
from .model import Document
from .read.source import InputError
from .text import LINE_BREAK

FORMAT = "awesomelint-baseline"
VERSION = 1
_NUMBER = re.compile(r"\d+")

Key = tuple[str, str, str, str]  # file, rule, where, message


def keys(name: str, text: str, document: Document, diagnostics: Sequence[Diagnostic]) -> list[Key]:
    """The baseline key of each finding of one file (``name`` as reports show it)."""
    entries = sorted(
        (entry.span.start, entry.span.end, entry_identity(entry, text)) for entry in document.iter_entries()
    )
    starts = [start for start, _, _ in entries]
    lines = LINE_BREAK.split(text)
    found = []
    for diagnostic in diagnostics:
        index = bisect.bisect_right(starts, diagnostic.span.start) - 1
        if index >= 0 and diagnostic.span.start < entries[index][1]:
            where = f"entry {entries[index][2]}"
        else:
            line = diagnostic.span.start_line
            where = "line " + (" ".join(lines[line - 1].split()) if 0 < line <= len(lines) else "")
        found.append((name, diagnostic.code, where, _NUMBER.sub("#", diagnostic.message)))
    return found


@dataclass
class Baseline:
    path: Path
    recorded: Counter[Key]
    _left: Counter[Key] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._left = Counter(self.recorded)

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """The baseline in ``path``, or InputError with a one-line reason."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{path}: no such baseline; create it with --write-baseline {path}") from None
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
            raise InputError(f"{path}: not a readable baseline ({error}); write it again") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            raise InputError(f"{path}: not an awesomelint baseline; write it with --write-baseline")
        recorded: Counter[Key] = Counter()
        for item in data.get("findings", []):
            try:
                key = (str(item["file"]), str(item["rule"]), str(item["where"]), str(item["message"]))
                recorded[key] += int(item.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise InputError(f"{path}: a finding in the baseline is malformed; write it again") from None
        return cls(path, recorded)

    def take(self, found: Sequence[tuple[Key, Diagnostic]]) -> list[Diagnostic]:
        """The findings not in the baseline; the recorded ones they match are used up."""
        return unrecorded(self._left, found)

    def gone(self, files: Iterable[str]) -> int:
        """How many recorded findings of these files no longer occur (the baseline can be refreshed)."""
        names = set(files)
        return sum(count for key, count in self._left.items() if key[0] in names and count > 0)


def unrecorded(left: Counter[Key], found: Sequence[tuple[Key, Diagnostic]]) -> list[Diagnostic]:
    """The findings whose key ``left`` does not hold (any more), in the order given; each one it
    holds uses one up. The baseline and `--since` (whose record is the old version's findings)
    both leave out findings this way."""
    new = []
    for key, diagnostic in found:
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(diagnostic)
    return new


def write(path: Path, found: Sequence[Key]) -> None:
    counts = Counter(found)
    findings = [
        {"file": key[0], "rule": key[1], "where": key[2], "message": key[3], "count": count}
        for key, count in sorted(counts.items())
    ]
    payload = {"format": FORMAT, "version": VERSION, "findings": findings}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
