"""The rules that scan lines (`engine.rescanned`: AL207, AL213, AL214, AL503-AL506, AL601, AL602) after an
edit that the reader read again in parts (`read_edited`): they scan only the lines around those parts
and keep or move the rest of their earlier findings, and the findings are exactly a full run's. The
edits put in what those rules look at: trailing white space, blank lines, glued bullets, references
and their definitions, empty links, links with no text, no scheme or no web scheme, entries run
together (whose messages cite a line), code fences and comments.
AWESOMELINT_RULE_EDITS sets how many edits in all (default 48)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from awesomelint import engine
from awesomelint.diagnostic import Diagnostic
from awesomelint.engine import Settings, rerun_rules, run_rules
from awesomelint.entry_facts import read_again
from awesomelint.read import read
from awesomelint.read.reread import Change, read_edited

from .conftest import CORPUS, SEED, SMALL_LISTS
from .edits import edit_of, edit_runs, edit_strategy, shown

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
    "\n- [Bad](javascript:void(0)) - A thing.\n",
    "[x](https//example.org)",
    "[](https://example.org/e)",
    "[x](www.example.com)",
    "\n+ [Alpha](https://example.org/a) Ann Lee+ [Beta](https://example.org/b) Bo Li\n",
]


def _edited(text: str, kind: str, where: float, other: float, word: str) -> tuple[int, int, str]:
    """An edit of `edit_of`, or a snippet put in at a line's start (``where``) or anywhere."""
    if kind != "snippet":
        return edit_of(text, kind, where, other, word)
    at = int(where * (len(text) + 1))
    at = text.rfind("\n", 0, at) + 1 if other < 0.5 else at
    return at, at, SNIPPETS[int(other * len(SNIPPETS))]


KINDS = ["snippet", "snippet", "snippet", "change", "insert", "delete", "rename"]
edit = edit_strategy(KINDS, ["Adapter", ""])


LIST = """# Tools

- [One](https://example.org/1) - The first.{2}
-[Two](https://example.org/2) - The second.


- [Three](https://example.org/3) - The third.

## More

- [Four](https://example.org/4) - The fourth.{2}


- [Five](https://example.org/5) - The [fifth][].{2}
""".replace("{2}", "  ")  # (two trailing spaces: not a hard break at the end of an item)


# the modules of the rules that scan the parts read again
RESCANNING = [
    "al207_empty_link",
    "al213_glued_bullet",
    "al214_run_together_entries",
    "al503_empty_link_text",
    "al504_schemeless_link",
    "al505_link_scheme",
    "al506_undefined_reference",
    "al601_trailing_whitespace",
    "al602_blank_lines",
]


def _scans(monkeypatch: pytest.MonkeyPatch, *modules: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """The parts each rule of ``modules`` hands its scan from now on (`engine.rescanned`), with its code."""
    scans: list[tuple[str, list[tuple[int, int]]]] = []
    rescanned = engine.rescanned

    def spy(
        context: engine.Context, scan: Any, depends: object = None, cites_lines: bool = False
    ) -> list[Diagnostic]:
        def told(parts: engine.Parts) -> Any:
            scans.append((context.rule.code, list(parts)))
            return scan(parts)

        return rescanned(context, told, depends, cites_lines)

    for module in modules:
        monkeypatch.setattr(f"awesomelint.rules.{module}.rescanned", spy)
    return scans


def test_only_the_lines_around_the_edit_are_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    options = Settings()
    document = read(LIST)
    earlier = rerun_rules(document, options).earlier
    edited = LIST.replace("The first.", "The very first.")  # every finding after it moves
    full = run_rules(read(edited), options)

    scans = _scans(monkeypatch, *RESCANNING)
    again = rerun_rules(read_edited(document, edited), options, earlier=earlier)
    assert shown(again.findings) == shown(full)
    more = edited.index("## More")
    # each rule scanned the first section's lines and the heading after it, no further
    assert sorted(code for code, _ in scans) == [module[:5].upper() for module in RESCANNING]
    assert all(parts == [(0, more + len("## More\n"))] for _, parts in scans)
    codes = {d.code for d in again.findings}
    assert {"AL213", "AL506", "AL601", "AL602"} <= codes
    # a finding after the lines scanned was moved: at its place in the edited text
    last = max((d for d in again.findings if d.code == "AL601"), key=lambda d: d.span.start)
    assert edited[last.span.start : last.span.end] == "  " and last.span.start > more


def _applied(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[Change]]:
    """``text`` with ``edits`` made at once (an edit that overlaps an earlier one left out), and the
    changes in the earlier text's offsets, as the fixer gives them to `read_edited`."""
    changes: list[Change] = []
    parts, done = [], 0
    for start, end, replacement in sorted(edits):
        if start < done or (changes and start == changes[-1].start):
            continue
        parts.extend([text[done:start], replacement])
        changes.append(Change(start, end, len(replacement)))
        done = end
    return "".join([*parts, text[done:]]), changes


def test_a_rerun_after_an_edit_builds_no_table_of_every_line() -> None:
    """The rules read the lines of the parts read again, and a heading's lines, not a table of all the
    lines (an editor's rerun after each edit would build one for the whole list)."""
    text = LIST + "\n## Empty\n\n## Last\n\n- [Six](https://example.org/6) - The sixth.\n"
    options = Settings()
    document = read(text)
    earlier = rerun_rules(document, options).earlier
    edited = read_edited(document, text.replace("The first.", "The very first."))
    again = rerun_rules(edited, options, earlier=earlier)
    assert {"AL101", "AL213", "AL601", "AL602"} <= {d.code for d in again.findings}
    assert "lines" not in edited.source.__dict__  # (the table, kept there once built)


@pytest.mark.parametrize("at_once", [1, 3])
@edit_runs(LISTS if CORPUS.is_dir() else [SEED], edit, EDITS, 6)
def test_findings_after_edits_read_again_are_a_full_runs(
    at_once: int, path: Path, edits: list[tuple[str, float, float, str]]
) -> None:
    """Edits one at a time, and three at a time (often in several sections, read again as the
    fixer reads its edits)."""
    text = path.read_text("utf-8")
    options = Settings()
    document = read(text)
    earlier = rerun_rules(document, options).earlier
    for number in range(0, len(edits), at_once):
        made = [_edited(text, *drawn) for drawn in edits[number : number + at_once]]
        text, changes = _applied(text, made)
        document = read_edited(document, text, changes)
        again = rerun_rules(document, options, earlier=earlier)
        assert shown(again.findings) == shown(run_rules(read(text), options)), (path.name, number)
        earlier = again.earlier


def test_the_lines_around_each_part_read_again_are_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    between = "\n## Between\n\n- [Six](https://example.org/6) - The sixth.  \n"
    listed = LIST + between + "\n## Last\n\n- [Seven](u) - A.\n"
    options = Settings()
    document = read(listed)
    earlier = rerun_rules(document, options).earlier
    first, seventh = listed.index("The first."), listed.index("A.\n")
    edited, changes = _applied(listed, [(first, first + 3, "The very"), (seventh, seventh + 2, "B.  ")])

    scans = _scans(monkeypatch, "al601_trailing_whitespace")
    again = rerun_rules(read_edited(document, edited, changes), options, earlier=earlier)
    more, last = edited.index("## More"), edited.index("## Last")
    # the first section with the heading after it, and the last section with its heading
    assert scans == [("AL601", [(0, more + len("## More\n")), (last, len(edited))])]
    assert shown(again.findings) == shown(run_rules(read(edited), options))
    # the findings between the parts moved (not found again), the last one found again: each where
    # its trailing spaces are now
    ends = [edited[: d.span.end].rsplit(" - ", 1)[-1] for d in again.findings if d.code == "AL601"]
    assert ends[-3:] == ["The [fifth][].  ", "The sixth.  ", "B.  "]


def test_findings_that_cite_a_line_are_moved_only_on_their_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """AL214's messages cite the line of the list item an entry runs into: after an edit that keeps
    the lines, its findings after the edit are moved; after one that adds a line before them, the
    whole text is scanned again and the messages cite the new lines."""
    listed = (
        LIST + "\n## Run\n\n+ [Alpha](https://example.org/a) Ann Lee+ [Beta](https://example.org/b) Bo Li\n"
    )
    options = Settings()
    document = read(listed)
    earlier = rerun_rules(document, options).earlier

    scans = _scans(monkeypatch, "al214_run_together_entries")
    for old, new, whole in [("The first.", "The very first.", False), ("The first.", "The\nfirst.", True)]:
        edited = listed.replace(old, new)
        full = run_rules(read(edited), options)
        scans.clear()
        again = rerun_rules(read_edited(document, edited), options, earlier=earlier)
        assert shown(again.findings) == shown(full)
        found = [d for d in again.findings if d.code == "AL214"]
        line = edited[: edited.index("+ [Alpha]")].count("\n") + 1
        assert len(found) == 1 and f"at line {line} " in found[0].message
        more = edited.index("## More")
        part = [(0, more + len("## More\n"))]
        assert [parts for _, parts in scans] == ([part, [(0, len(edited))]] if whole else [part])


def test_definitions_in_the_parts_read_again_are_counted_again() -> None:
    """AL506's labels defined: the earlier run's count brought up to date by the parts read again,
    counted again after a whole reading. A label defined twice stays defined when one of its
    definitions goes; defined nowhere, its references are findings again."""
    options = Settings(select=frozenset({"AL506"}))
    defined = "\n\n[fifth]: https://example.org/5\n"
    text = LIST.replace("# Tools\n", "# Tools\n" + defined) + defined
    document = read(text)
    earlier = rerun_rules(document, options).earlier
    counts, parts = [], []  # (the findings, and whether the edit was read again in parts)
    for old, new in [
        (defined, "\n"),  # one of two definitions gone
        ("The first.", "The [first][fifth]."),  # a reference to the label still defined
        (defined, "\n\n[First]: https://example.org/1\n"),  # the other gone, another label defined
        ("The second.", "The [second][first]."),
    ]:
        at = text.index(old)
        edited = text[:at] + new + text[at + len(old) :]
        document = read_edited(document, edited, [Change(at, at + len(old), len(new))])
        parts.append(read_again(document) is not None)
        again = rerun_rules(document, options, earlier=earlier)
        assert shown(again.findings) == shown(run_rules(read(edited), options))
        counts.append(len(again.findings))
        text, earlier = edited, again.earlier
    assert counts == [0, 0, 2, 2]  # (`[fifth][]` and `[first][fifth]` defined nowhere at last)
    assert parts == [False, True, False, True]  # (the reader reads every link again at a definition)
