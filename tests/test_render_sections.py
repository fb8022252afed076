"""The rendering guard narrowed to the sections the fixes edited (`render.changed_rendering_in`): it
must refuse every change the whole guard refuses (`render.changed_rendering`, both texts read whole),
and in the fixer a fix it refuses is left out as before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesomelint.diagnostic import Edit
from awesomelint.engine import Settings
from awesomelint.fixer import _edited_sections, apply_edits, fix_text
from awesomelint.model import Document
from awesomelint.read import read, reading
from awesomelint.read.blocks import references
from awesomelint.render import changed_rendering, changed_rendering_in

from .test_fix import injecting_a_fix


def _section(number: int) -> str:
    return (
        f"## Topic {number}\n\n"
        f"- **Alpha Planning {number}**. *Ann Lee, Bo Li*. *ICRA 2024*. [Paper](https://a.org/{number}/1)\n"
        f"- **Beta Grasping {number}**. *Cy Wu, Di Ma*. *CoRL 2023*. [Paper](https://a.org/{number}/2)\n\n"
        f"Some notes on topic {number}, with *emphasis* and `code`.\n"
        f"More of the same paragraph, see [the guide][g{number}].\n\n"
    )


# Ten sections: an edit in one of them touches far less than a third of the text (the narrowed path).
LIST = (
    "# Awesome Things\n\n"
    + "".join(_section(number) for number in range(4))
    + "## Defined\n\n> A quote\n> on two lines.\n\n```\nkept   as is\n```\n\n"
    + "".join(f"[g{number}]: https://guide.example.org/{number}\n" for number in range(10))
    + "\n"
    + "".join(_section(number) for number in range(4, 9))
)


class Fixed(NamedTuple):
    """A text and the text that sorted edits make of it, both read, with the spans the edits
    replaced and those they put in, and the entry starts of each (when they are as many)."""

    before: Document
    after: Document
    replaced: list[tuple[int, int]]
    inserted: list[tuple[int, int]]
    boundaries: tuple[list[int], list[int]]


def fixed(text: str, edits: Sequence[Edit]) -> Fixed:
    before = read(text, keep_reading=True)
    after = read(apply_edits(text, edits), keep_reading=True)
    replaced, inserted, shift = [], [], 0
    for edit in edits:
        replaced.append((edit.start, edit.end))
        inserted.append((edit.start + shift, edit.start + shift + len(edit.replacement)))
        shift += len(edit.replacement) - (edit.end - edit.start)
    starts = [sorted(entry.span.start for entry in document.iter_entries()) for document in (before, after)]
    boundaries = (starts[0], starts[1]) if len(starts[0]) == len(starts[1]) else ([], [])
    return Fixed(before, after, replaced, inserted, boundaries)


def _compared(text: str, edits: Sequence[Edit]) -> tuple[list[tuple[int | None, str]], object]:
    """What the whole guard finds, and what the narrowed one finds (None: it cannot tell alone)."""
    edits = sorted(edits, key=lambda edit: (edit.start, edit.end))
    before, after, replaced, inserted, boundaries = fixed(text, edits)
    after_text = after.text
    whole = changed_rendering(
        text, after_text, replaced, inserted, (reading(before), reading(after)), boundaries
    )
    sections = _edited_sections(before, edits)
    assert sections is not None, "the edits should be in a few sections"
    defined = references(before)
    assert defined is not None
    narrowed = changed_rendering_in(before.source, after.source, sections, defined, boundaries, None)
    return whole, narrowed


def _at(text: str, old: str, new: str, occurrence: int = 0) -> Edit:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(old, start + 1)
    return Edit(start, start + len(old), new)


# Edits in one section that the whole guard refuses: each changes what a reader sees outside it.
REFUSED = {
    "breaks a reference definition used elsewhere": [_at(LIST, "[g1]: https", "[h1]: https")],
    "opens a fence that swallows the next heading": [_at(LIST, "[g2].\n\n", "[g2].\n\n```\n")],
    "glues text to the next heading": [_at(LIST, "[g1].\n\n", "[g1].\n\nx ")],
    "opens a code span that closes outside the edit": [
        _at(LIST, "Some notes on topic 2", "`Some notes on topic 2")
    ],
    "opens an HTML block": [_at(LIST, "Some notes on topic 2", "<div>Some notes on topic 2")],
    "ends the quote early": [_at(LIST, "> on two lines.", "\non two lines.")],
    "changes a code block's spacing": [_at(LIST, "kept   as", "kept as")],
    "makes an item a paragraph": [_at(LIST, "- **Beta Grasping 2**", "**Beta Grasping 2**")],
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_the_narrowed_guard_refuses_what_the_whole_guard_refuses(name: str) -> None:
    whole, narrowed = _compared(LIST, REFUSED[name])
    assert whole, f"the whole guard should refuse: {name}"
    assert narrowed is None or narrowed == whole, f"the narrowed guard: {narrowed}"


def test_an_edited_heading_is_left_to_the_whole_guard() -> None:
    assert _edited_sections(read(LIST), [_at(LIST, "## Topic 2\n", "## Topic 2b\n")]) is None


def test_both_guards_accept_a_change_a_reader_does_not_see() -> None:
    whole, narrowed = _compared(LIST, [_at(LIST, "(https://a.org/6/2)\n", "(https://a.org/6/2) \n")])
    assert whole == [] and narrowed == []


MARKS = [
    "\n",
    "\n\n",
    " ",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "#",
    ">",
    "- ",
    "1. ",
    "|",
    "<b>",
    "---",
    "]:",
    "x",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 8),
            st.floats(0, 0.999),
            st.integers(0, 3),
            st.lists(st.sampled_from(MARKS), max_size=3),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_the_narrowed_guard_refuses_whatever_the_whole_guard_refuses(
    drawn: list[tuple[int, float, int, list[str]]],
) -> None:
    """Random edits of markup in the sections' own text: whenever the whole guard finds a change, the
    narrowed one finds one too or leaves the decision to the whole guard (None)."""
    document = read(LIST)
    sections = [section for section in document.iter_sections() if section.level == 2]
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for index, where, length, marks in drawn:
        section = sections[index]
        start = LIST.find("\n", section.span.end) + 1
        following = [s.span.start for s in sections if s.span.start > section.span.start]
        end = following[0] if following else len(LIST)
        at = start + int(where * (end - start))
        edit = Edit(at, min(at + length, end), "".join(marks))
        if any(edit.start <= high and low <= edit.end for low, high in taken):
            continue
        taken.append((edit.start, edit.end))
        edits.append(edit)
    whole, narrowed = _compared(LIST, edits)
    if whole:
        assert narrowed is None or narrowed, (edits, whole)
    if narrowed == []:
        assert whole == [], (edits, whole)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("[g1]: https", "[h1]: https"),  # the whole guard decides (a definition changed)
        ("[g5].\n\n", "[g5].\n\n```\n"),  # the whole guard decides (a heading swallowed)
        ("Some notes on topic 2", "`Some notes on topic 2"),  # the narrowed guard refuses it
        ("> on two lines.", "\non two lines."),
    ],
)
def test_a_fix_in_one_section_that_changes_the_rendering_is_left_out(
    monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    text = LIST.replace("(https://a.org/1/1)\n", "(https://a.org/1/1) \n")  # a fix the rules find
    expected = fix_text(text, Settings())
    assert expected.text != text and not expected.refused
    injecting_a_fix(monkeypatch, old, new)
    result = fix_text(text, Settings())
    assert [refusal.diagnostic.message for refusal in result.refused] == ["x"], result.refused
    assert result.text == expected.text  # the rules' own fixes applied, the injected one left out
