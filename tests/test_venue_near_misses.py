"""`VenueTable.near_misses`: several names' near misses among one list's frequent venues at once, the
nearest known venue of each name kept in the table between asks (AL303 asks again on every run)."""

from __future__ import annotations

from awesomelint.venues import builtin_venues

FREQUENT = ["Interspeech", "Neural Computing", "NeurIPS", "Pattern Reco Letters"]
NAMES = ["NeurrIPS", "Interspech", "Nueral Computing", "Pattern Reco Leters", "CPVR", "Foo Bar Baz", "ACL"]


def test_each_name_is_what_near_miss_gives_it_alone() -> None:
    venues = builtin_venues()
    expected = {name: builtin_venues().near_miss(name, FREQUENT) for name in NAMES}
    assert venues.near_misses(NAMES, FREQUENT) == expected
    assert expected["Pattern Reco Leters"] == "Pattern Reco Letters"  # one of the list's own
    assert expected["Foo Bar Baz"] is None and expected["ACL"] is None
    # asked again among other frequent venues: the known venues kept, the list's own ones not
    assert venues.near_misses(NAMES, FREQUENT[:2]) == {
        name: builtin_venues().near_miss(name, FREQUENT[:2]) for name in NAMES
    }
    assert venues.near_misses(["Pattern Reco Leters"], []) == {"Pattern Reco Leters": None}


def test_of_two_as_near_the_first_wins_a_known_venue_before_the_lists() -> None:
    venues = builtin_venues()
    # two of the list's own names one edit from the name: the one the list writes first
    assert venues.near_misses(["Reco Lettersx"], ["Reco Lettersy", "Reco Lettersz"]) == {
        "Reco Lettersx": "Reco Lettersy"
    }
    assert venues.near_misses(["Reco Lettersx"], ["Reco Lettersz", "Reco Lettersy"]) == {
        "Reco Lettersx": "Reco Lettersz"
    }
    # a known venue as near as a name of the list's own wins over it
    known = venues.near_miss("Interspeeh")
    assert known == "INTERSPEECH"
    assert venues.near_misses(["Interspeeh"], ["Interspeeg"]) == {"Interspeeh": known}
