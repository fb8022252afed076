"""Fixes that declare a change to the entries (issue 30): an entry started (AL213, AL112, AL201 in
a tight list) or a link changed (AL504, AL505). `awesomelint fix` applies them to real files on
disk, the result read back holds the declared change, and the guard still refuses a fix that
declares one change and makes another."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint import parse
from awesomelint.cli import main
from awesomelint.diagnostic import (
    Applicability,
    ChangesLink,
    Diagnostic,
    Edit,
    Fix,
    Intent,
    Severity,
    StartsEntry,
)
from awesomelint.model import Document

from .test_fix import find_also

TOOLS = """# Awesome Workshop

## Tools

- [Anvil](https://anvil.example.org) - Shapes metal sheets.
- [Bellows](https://bellows.example.org) - Blows air into a forge.
- [Chisel](www.chisel.example.org) - Cuts grooves in wood.
- [Drill](https//drill.example.org) - Bores round holes.
- [Easel](https://easel.example.org) - Holds a canvas upright.
-[File](https://file.example.org) - Smooths rough edges.
- [Gouge](https://gouge.example.org) - Scoops hollows in wood.
### [Hammer](https://hammer.example.org) - Drives nails.
- [Inkwell](https://inkwell.example.org) - Keeps ink at hand.
- [Jigsaw](https://jigsaw.example.org) - Cuts curves in boards.
- [Kiln](https://kiln.example.org) - Fires clay pots *evenly*.
"""

PAPERS = """# Awesome Parsing

## Papers

1. **Fast Parsing of Long Sentences**. [paper](https://papers.example.org/1)
2.**Parsing with Trees**. [paper](https://papers.example.org/2)
3.**Shallow Parsing Revisited**. [paper](https://papers.example.org/3)
"""


def _fix(path: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["fix", *options, str(path)])
    return result.exit_code, result.stderr


def _links(document: Document) -> dict[str | None, list[str]]:
    return {
        e.title.text if e.title else None: [link.url for link in e.links] for e in document.iter_entries()
    }


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_safe_fixes_start_entries_and_repair_a_scheme_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(TOOLS, encoding="utf-8")
    code, err = _fix(path)
    assert code == 1, err  # AL504's fix is unsafe: its finding remains
    after = parse(path.read_text(encoding="utf-8"))
    links = _links(after)
    assert len(links) == len(_links(parse(TOOLS))) + 2  # File and Hammer are entries now
    assert links["File"] == ["https://file.example.org"]
    assert links["Easel"] == ["https://easel.example.org"]  # no longer holds File's link
    assert links["Hammer"] == ["https://hammer.example.org"]
    assert links["Drill"] == ["https://drill.example.org"]  # AL505: the declared link
    assert links["Chisel"] == ["www.chisel.example.org"]  # unsafe: not without --unsafe-fixes
    assert [s.text for s in after.iter_sections()] == [s.text for s in parse(TOOLS).iter_sections()][:2]
    assert sorted(_changed_lines(TOOLS, after.text)) == [
        "+- [Drill](https://drill.example.org) - Bores round holes.",
        "+- [File](https://file.example.org) - Smooths rough edges.",
        "+- [Hammer](https://hammer.example.org) - Drives nails.",
        "-### [Hammer](https://hammer.example.org) - Drives nails.",
        "-- [Drill](https//drill.example.org) - Bores round holes.",
        "--[File](https://file.example.org) - Smooths rough edges.",
    ]
    assert "fix left out" not in err


def test_the_unsafe_fix_adds_the_scheme_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(TOOLS, encoding="utf-8")
    code, err = _fix(path, "--unsafe-fixes")
    assert code == 0, err
    links = _links(parse(path.read_text(encoding="utf-8")))
    assert links["Chisel"] == ["https://www.chisel.example.org"]
    assert links["File"] == ["https://file.example.org"] and links["Hammer"] == ["https://hammer.example.org"]


def test_glued_numbers_in_a_tight_list_become_entries_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(PAPERS, encoding="utf-8")
    assert len(list(parse(PAPERS).iter_entries())) == 1
    code, err = _fix(path)
    assert code == 0, err
    after = parse(path.read_text(encoding="utf-8"))
    assert [
        (e.number, e.title.text if e.title else None, [link.url for link in e.links])
        for e in after.iter_entries()
    ] == [
        (1, "Fast Parsing of Long Sentences", ["https://papers.example.org/1"]),
        (2, "Parsing with Trees", ["https://papers.example.org/2"]),
        (3, "Shallow Parsing Revisited", ["https://papers.example.org/3"]),
    ]


def test_a_started_entry_fixed_again_in_a_later_pass_passes_the_final_guard(tmp_path: Path) -> None:
    """The entry AL213 starts is recased and given its full stop in the next pass (AL210, AL211):
    the final comparison is made from the text where it is an entry."""
    text = TOOLS.replace(
        "-[File](https://file.example.org) - Smooths rough edges.",
        "-[File](https://file.example.org) - smooths rough edges",
    )
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    code, err = _fix(path, "--unsafe-fixes")
    assert code == 0, err
    assert "- [File](https://file.example.org) - Smooths rough edges.\n" in path.read_text(encoding="utf-8")


def test_a_started_paper_whose_venue_is_respelled_later_passes_the_final_guard(tmp_path: Path) -> None:
    """Once AL201 has made the glued line an entry, AL302 writes its `CoRR` as the list's `arXiv`:
    a word the entry it was split from never had as a venue, compared as that entry's venue."""
    rows = [
        f"{n}. **Paper number {n}**. arXiv 2021. [paper](https://p.example.org/{n})" for n in range(1, 12)
    ]
    glued = "12.**Paper number twelve**. CoRR 2021. [paper](https://p.example.org/12)"
    path = tmp_path / "README.md"
    path.write_text("# P\n\n## Papers\n\n" + "\n".join([*rows, glued]) + "\n", encoding="utf-8")
    code, err = _fix(path)
    assert code == 0, err
    last = list(parse(path.read_text(encoding="utf-8")).iter_entries())[-1]
    assert last.number == 12 and last.venue is not None and last.venue.name.text == "arXiv"


# -- a fix that declares one change and makes another is refused ---------------------------------


def _inject(monkeypatch: pytest.MonkeyPatch, make: Callable[[str], Fix | None]) -> None:
    """Put a fix made by ``make`` (from each pass's text; None when its target is gone) before the
    rules' findings, so that it is tried first."""

    def injected(document: Document) -> list[Diagnostic]:
        fix = make(document.text)
        if fix is None:
            return []
        span = document.source.original_span(fix.edits[0].start, fix.edits[0].end)
        return [Diagnostic("AL601", "trailing-whitespace", Severity.WARNING, "x", span, fix)]

    find_also(monkeypatch, injected)


def _declaring(text: str, edits: list[Edit], *intents: Intent) -> Fix:
    return Fix(tuple(edits), Applicability.SAFE, "injected", intents)


def _address(text: str, url: str) -> int:
    return text.index(f"]({url})") + 2


def _glued(text: str) -> tuple[Edit, int] | None:
    """AL213's own edit for the File line, and where the line starts; None once it is fixed."""
    line = text.find("\n-[File]") + 1
    return (Edit(line - 1, line + 1, "\n- "), line) if line else None


CASES: dict[str, tuple[Callable[[str], Fix | None], str]] = {
    # declares Chisel's link to `https://www.chisel.example.org`, writes another host
    "another address": (
        lambda text: (
            _declaring(
                text,
                [Edit(at := _address(text, "www.chisel.example.org"), at + 3, "https://ww3")],
                ChangesLink(at, "www.chisel.example.org", "https://www.chisel.example.org"),
            )
            if "(www.chisel" in text
            else None
        ),
        "its links",
    ),
    # declares Chisel's link, and drops a word of its description too
    "a link and a word": (
        lambda text: (
            _declaring(
                text,
                [
                    Edit(at := _address(text, "www.chisel.example.org"), at, "https://"),
                    Edit(text.index("grooves in"), text.index("grooves in") + len("grooves "), ""),
                ],
                ChangesLink(at, "www.chisel.example.org", "https://www.chisel.example.org"),
            )
            if "(www.chisel" in text
            else None
        ),
        "lose or change words",
    ),
    # declares Chisel's link and changes Anvil's
    "another entry's link": (
        lambda text: (
            _declaring(
                text,
                [Edit(at := _address(text, "https://anvil.example.org"), at + 13, "https://anvi1")],
                ChangesLink(
                    _address(text, "www.chisel.example.org"), "www.chisel.example.org", "https://x.org"
                ),
            )
            if "(www.chisel" in text
            else None
        ),
        "its links",
    ),
    # declares the File entry it starts and loses a word of it
    "an entry and a word": (
        lambda text: (
            _declaring(
                text,
                [glued[0], Edit(text.index("rough "), text.index("rough ") + len("rough "), "")],
                StartsEntry(glued[1]),
            )
            if (glued := _glued(text))
            else None
        ),
        "that line's words",
    ),
    # declares the File entry it starts and loses a word of the entry it splits
    "an entry and a word above": (
        lambda text: (
            _declaring(
                text,
                [glued[0], Edit(text.index("canvas "), text.index("canvas ") + len("canvas "), "")],
                StartsEntry(glued[1]),
            )
            if (glued := _glued(text))
            else None
        ),
        "lose or change words",
    ),
    # declares an entry on the Easel line (one already) and starts the File entry
    "an entry elsewhere": (
        lambda text: (
            _declaring(text, [glued[0]], StartsEntry(text.index("- [Easel]")))
            if (glued := _glued(text))
            else None
        ),
        "that line's words",
    ),
    # declares the File entry it starts and unmakes emphasis in another entry (no word lost)
    "an entry and a rendering": (
        lambda text: (
            _declaring(text, [glued[0], Edit(at := text.index("*evenly*"), at, "\\")], StartsEntry(glued[1]))
            if (glued := _glued(text))
            else None
        ),
        "emphasis",
    ),
    # declares the File entry and makes none (a word respelled instead)
    "no entry": (
        lambda text: (
            _declaring(
                text, [Edit(text.index("Smooths"), text.index("Smooths") + 1, "s")], StartsEntry(glued[1])
            )
            if (glued := _glued(text))
            else None
        ),
        "entries instead of",
    ),
    # declares a link change and starts an entry it does not declare
    "an undeclared entry": (
        lambda text: (
            _declaring(
                text,
                [glued[0]],
                ChangesLink(
                    _address(text, "https://file.example.org"),
                    "https://file.example.org",
                    "https://file.example.org",
                ),
            )
            if (glued := _glued(text))
            else None
        ),
        "entries instead of",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_fix_that_declares_one_change_and_makes_another_is_refused(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make, reason = CASES[case]
    # what a reader sees is compared in a pass of safe fixes only (an unsafe one may change it)
    options = () if reason == "emphasis" else ("--unsafe-fixes",)
    plain = tmp_path / "plain.md"
    plain.write_text(TOOLS, encoding="utf-8")
    _fix(plain, *options)  # what the rules' own fixes make of the list
    path = tmp_path / "README.md"
    path.write_text(TOOLS, encoding="utf-8")
    _inject(monkeypatch, make)
    _, err = _fix(path, *options)
    refusals = [line for line in err.splitlines() if "fix left out" in line]
    assert len(refusals) == 1 and "AL601" in refusals[0] and reason in refusals[0], err
    assert path.read_text(encoding="utf-8") == plain.read_text(encoding="utf-8")  # the others applied
