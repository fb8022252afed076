"""The rendering guard compares the stretches between entries first, and the whole texts only when a
stretch differs (`render.changed_rendering`): it must find a change exactly when the whole texts
read differently."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesomelint.diagnostic import Edit
from awesomelint.read import reading
from awesomelint.render import Seen, _difference, _joined, changed_rendering, seen_in_stretches

from .test_render_sections import LIST, MARKS, fixed


def test_white_space_moved_between_stretches_reads_alike() -> None:
    """Each stretch differs, the whole does not: nothing is reported."""
    olds, news = [Seen(text=["Alpha "]), Seen(text=["Beta"])], [Seen(text=["Alpha"]), Seen(text=["\nBeta"])]
    assert all(_difference(old, new) for old, new in zip(olds, news, strict=True))
    assert _difference(_joined(olds), _joined(news)) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.floats(0, 0.999), st.integers(0, 3), st.lists(st.sampled_from(MARKS), max_size=3)),
        min_size=1,
        max_size=4,
    )
)
def test_a_change_is_found_exactly_when_the_whole_texts_differ(
    drawn: list[tuple[float, int, list[str]]],
) -> None:
    edits: list[Edit] = []
    for where, length, marks in drawn:
        at = int(where * len(LIST))
        edit = Edit(at, min(at + length, len(LIST)), "".join(marks))
        if all(edit.end < other.start or other.end < edit.start for other in edits):
            edits.append(edit)
    edits.sort(key=lambda edit: (edit.start, edit.end))
    before, after, replaced, inserted, boundaries = fixed(LIST, edits)
    after_text = after.text
    readings = (reading(before), reading(after))
    found = changed_rendering(LIST, after_text, replaced, inserted, readings, boundaries)
    olds = seen_in_stretches(LIST, replaced, readings[0], boundaries[0])
    news = seen_in_stretches(after_text, inserted, readings[1], boundaries[1])
    whole = _difference(_joined(olds), _joined(news))
    assert (found == []) == (whole is None), (edits, found, whole)
    if found and (len(olds) == 1 or found[0][0] is None):
        assert found == [(None, whole)]
