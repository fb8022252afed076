"""AL103's suggestions come from an index of the headings (issue 29: no rule above linear): it
must find exactly the headings that comparing the fragment with every heading finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint.rules._anchors import NearIndex, _bounded_distance, near

# A small alphabet, so that near slugs are common; `-` as slugs have it.
SLUG = st.text(alphabet="abcde-", min_size=0, max_size=24)


def _distance(a: str, b: str) -> int:
    """The full edit-distance table, as a reference."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


@settings(max_examples=400, deadline=None)
@given(SLUG, SLUG, st.integers(0, 6))
def test_the_bounded_distance_is_the_distance_within_its_limit(a: str, b: str, limit: int) -> None:
    distance = _distance(a, b)
    assert _bounded_distance(a, b, limit) == (distance if distance <= limit else None)


@settings(max_examples=200, deadline=None)
@given(st.lists(SLUG, max_size=30), SLUG, st.data())
def test_the_index_finds_what_a_scan_of_every_heading_finds(
    slugs: list[str], wanted: str, data: st.DataObject
) -> None:
    if slugs and data.draw(st.booleans()):  # a typo of a heading: one or two edits of one of them
        wanted = data.draw(st.sampled_from(slugs))
        for _ in range(data.draw(st.integers(1, 2))):
            at = data.draw(st.integers(0, len(wanted)))
            wanted = wanted[:at] + data.draw(st.sampled_from(["", "x", "ab"])) + wanted[at + 1 :]
    assert NearIndex(slugs).near(wanted) == [slug for slug in slugs if near(slug, wanted)]


def test_a_typo_is_found_and_a_short_or_equal_slug_is_not() -> None:
    index = NearIndex(["introduction", "related-work", "datasets", "data", "intro"])
    assert index.near("introdution") == ["introduction"]
    assert index.near("realted-work") == ["related-work"]
    assert index.near("datasets") == []  # equal is no typo
    assert index.near("dat") == []
