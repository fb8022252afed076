"""Each rule requirement of issue 3 that the seed list does not exercise, on a small list."""

from __future__ import annotations

import pytest

from awesomelint import fix, lint


def _entry(n: int, authors: str = "*Ann Lee, Bo Li*", venue: str = "**ACL'2020**", extra: str = "") -> str:
    return f"{n}. **Paper number {n}**. {authors}. {venue}. [paper](https://a.org/{n}){extra}\n"


def _list(*entries: str, heading: str = "## Models") -> str:
    return f"# Papers\n\n{heading}\n\n" + "".join(entries)


def _found(text: str, code: str) -> list[int]:
    return [d.span.start_line for d in lint(text) if d.code == code]


CLEAN = [_entry(1), _entry(2), _entry(3)]


def test_al105_known_misspelling_is_fixed() -> None:
    text = _list(*CLEAN, heading="## Langauge Models")
    assert _found(text, "AL105") == [3]
    assert fix(text).text == text  # renaming a heading breaks links to it from elsewhere: unsafe
    assert "## Language Models\n" in fix(text, unsafe=True).text


def test_al207_bare_double_brackets() -> None:
    text = _list(_entry(1, extra=" [[code]]"), *CLEAN[1:])
    assert _found(text, "AL207") == [5]


def test_al304_missing_year_where_the_list_gives_years() -> None:
    text = _list(*CLEAN, _entry(4, venue="**ACL**"))
    assert _found(text, "AL304") == [8]


def test_al401_semicolons_where_the_list_uses_commas() -> None:
    text = _list(*CLEAN, _entry(4, authors="*Ann Lee; Bo Li*"))
    assert _found(text, "AL401") == [8]
    assert "*Ann Lee, Bo Li*" in fix(text).text.splitlines()[7]


def test_al402_period_inside_the_markup() -> None:
    text = _list(*CLEAN, _entry(4, authors="*Ann Lee, Bo Li.*"))
    assert _found(text, "AL402") == [8]
    assert fix(text).text.splitlines()[7].startswith("4. **Paper number 4**. *Ann Lee, Bo Li*. **ACL'2020**.")


def test_al601_keeps_hard_breaks_and_code_blocks() -> None:
    lines = ["# Papers", "", "A line with a hard break  ", "and its continuation.", ""]
    lines += ["```", "code with spaces   ", "```", "", "End. "]
    text = "\n".join(lines) + "\n"
    assert _found(text, "AL601") == [10]


@pytest.mark.parametrize(
    ("ending", "expected"),
    [("\n", []), ("", [5]), ("\n\n", [5]), ("\n  \n", [5]), ("\r\n", [])],
)
def test_al603_endings(ending: str, expected: list[int]) -> None:
    text = "# Papers\n\n## M\n\nSome text." + ending
    if ending == "\r\n":
        text = text.replace("\n", "\r\n").replace("\r\r\n", "\r\n")
    assert _found(text, "AL603") == expected
    if expected:
        assert fix(text).text.endswith("Some text.\n")


def test_al202_restart_at_one_but_not_a_jump() -> None:
    text = _list(_entry(1), _entry(2), "\nSome words.\n\n", _entry(1), _entry(2), _entry(4))
    assert _found(text, "AL202") == [12]
