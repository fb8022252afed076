"""The rules that scan lines (`engine.rescanned`: AL207, AL213, AL506, AL601, AL602) after an edit
that the reader read again in part (`read_edited`): they scan only the lines around that part and
keep or move the rest of their earlier findings, and the findings are exactly a full run's. The
edits put in what those rules look at: trailing white space, blank lines, glued bullets, references
and their definitions, empty links, code fences and comments. AWESOMELINT_RULE_EDITS sets how many
edits in all (default 48)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from awesomelint import engine
from awesomelint.diagnostic import Diagnostic
from awesomelint.engine import Settings, rerun_rules, run_rules
from awesomelint.read import read
from awesomelint.read.reread import read_edited

from .conftest import CORPUS, SEED, SMALL_LISTS
from .edits import edit_of, edit_runs, edit_strategy

LISTS = SMALL_LISTS
EDITS = int(os.environ.get("AWESOMELINT_RULE_EDITS", "48"))
SNIPPETS = [
    "  ",
    " \t",
    "   \n",
    "\n\n\n",
    "\n-[Tool](https://example.org) - A tool.\n",
    "[a][b]",
    "[x]()",
    "[[code]]",
    "\n```\n",
    "<!-- a",
    "-->",
    "\n[b]: https://example.org\n",
    "\n- [Name](https://example.org) - A thing.  \n",
    "\n> quote  \n",
]


def _shown(findings: list[Diagnostic]) -> list[tuple[Any, ...]]:
    return [(d.to_dict(), d.related.to_dict() if d.related else None) for d in findings]


def _edited(text: str, kind: str, where: float, other: float, word: str) -> tuple[int, int, str]:
    """An edit of `edit_of`, or a snippet put in at a line's start (``where``) or anywhere."""
    if kind != "snippet":
        return edit_of(text, kind, where, other, word)
    at = int(where * (len(text) + 1))
    at = text.rfind("\n", 0, at) + 1 if other < 0.5 else at
    return at, at, SNIPPETS[int(other * len(SNIPPETS))]


KINDS = ["snippet", "snippet", "snippet", "change", "insert", "delete", "rename"]
edit = edit_strategy(KINDS, ["Adapter", ""])


@edit_runs(LISTS if CORPUS.is_dir() else [SEED], edit, EDITS, 8)
def test_findings_after_each_edit_read_again_are_a_full_runs(
    path: Path, edits: list[tuple[str, float, float, str]]
) -> None:
    text = path.read_text("utf-8")
    options = Settings()
    document = read(text)
    earlier = rerun_rules(document, options).earlier
    for number, (kind, where, other, word) in enumerate(edits, start=1):
        start, end, replacement = _edited(text, kind, where, other, word)
        text = text[:start] + replacement + text[end:]
        document = read_edited(document, text)
        again = rerun_rules(document, options, earlier=earlier)
        assert _shown(again.findings) == _shown(run_rules(read(text), options)), (path.name, kind, number)
        earlier = again.earlier


LIST = """# Tools

- [One](https://example.org/1) - The first.{2}
-[Two](https://example.org/2) - The second.


- [Three](https://example.org/3) - The third.

## More

- [Four](https://example.org/4) - The fourth.{2}


- [Five](https://example.org/5) - The [fifth][].{2}
""".replace("{2}", "  ")  # (two trailing spaces: not a hard break at the end of an item)


def test_only_the_lines_around_the_edit_are_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    options = Settings()
    document = read(LIST)
    earlier = rerun_rules(document, options).earlier
    edited = LIST.replace("The first.", "The very first.")  # every finding after it moves
    full = run_rules(read(edited), options)
    scanned: list[tuple[str, int, int]] = []
    rescanned = engine.rescanned

    def spy(context: engine.Context, scan: Any, depends: object = None) -> list[Diagnostic]:
        def told(start: int, end: int) -> Any:
            scanned.append((context.rule.code, start, end))
            return scan(start, end)

        return rescanned(context, told, depends)

    for module in ("al207_empty_link", "al213_glued_bullet", "al506_undefined_reference"):
        monkeypatch.setattr(f"awesomelint.rules.{module}.rescanned", spy)
    monkeypatch.setattr("awesomelint.rules.al601_trailing_whitespace.rescanned", spy)
    monkeypatch.setattr("awesomelint.rules.al602_blank_lines.rescanned", spy)
    again = rerun_rules(read_edited(document, edited), options, earlier=earlier)
    assert _shown(again.findings) == _shown(full)
    more = edited.index("## More")
    # each rule scanned the first section's lines and the heading after it, no further
    assert sorted(code for code, _, _ in scanned) == ["AL207", "AL213", "AL506", "AL601", "AL602"]
    assert all((start, end) == (0, more + len("## More\n")) for _, start, end in scanned)
    codes = {d.code for d in again.findings}
    assert {"AL213", "AL506", "AL601", "AL602"} <= codes
    # a finding after the lines scanned was moved: at its place in the edited text
    last = max((d for d in again.findings if d.code == "AL601"), key=lambda d: d.span.start)
    assert edited[last.span.start : last.span.end] == "  " and last.span.start > more
