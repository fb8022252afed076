"""Author lines as real lists write them (issue 23): `et al.` written loosely, names joined by `&`,
one author written surname first, initials after the surname, and the marks and affiliations around
names. Each list here is made up for the test; the asserts are on the names, the `et al.` flag, and on
the title and venue around them, which a misread author line takes or leaves."""

from __future__ import annotations

from awesomelint import lint, parse
from awesomelint.model import Entry
from awesomelint.read.authors import read_names


def _entries(text: str) -> list[Entry]:
    return list(parse(text).iter_entries())


def _read(entry: Entry) -> tuple[tuple[str, ...], bool] | None:
    return (entry.authors.names, entry.authors.et_al) if entry.authors else None


def _venue(entry: Entry) -> str | None:
    return entry.venue.name.text if entry.venue else None


def test_et_al_written_loosely_after_plain_names() -> None:
    text = """# Papers

1. Alpha Beta Gamma Method. Doe, Jane. et al. CVPR 2020
2. Is Delta Really Needed? Roe, John et al. ICML 2020
3. Kappa Lambda Mu System. Poe, Edgar et. al. arXiv:2007.01234
4. Nu Xi Omicron Networks. Lee, Ann et l. arXiv:2009.01234
5. What Is It? A Study of Things. ICML 2020
"""
    entries = _entries(text)
    assert [_read(e) for e in entries] == [
        (("Jane Doe",), True),
        (("John Roe",), True),
        (("Edgar Poe",), True),
        (("Ann Lee",), True),
        None,
    ]
    assert [e.title.text if e.title else None for e in entries] == [
        "Alpha Beta Gamma Method",
        "Is Delta Really Needed?",  # the names after the question are not the title's
        "Kappa Lambda Mu System",
        "Nu Xi Omicron Networks",
        "What Is It? A Study of Things",  # a question inside a title stays in it
    ]
    assert [_venue(e) for e in entries] == ["CVPR", "ICML", "arXiv", "arXiv", "ICML"]
    assert entries[0].authors is not None and entries[0].authors.raw == "Doe, Jane. et al"


def test_two_authors_joined_by_an_ampersand() -> None:
    text = """# Papers

1. Alpha Method. Smith & Jones. BMVC 2020
2. Beta Method. Anna Lee & Bo Ram Kim. IEEE 2021
3. Gamma Method. Lee, Anna M. & Kim, Bo. IJCAI 2020
4. Delta Method. Doe, Jane & Roe, Johnny. 2017
5. Epsilon Method [[code]](https://github.com/a/b) - Smith & Jones wrote this.
"""
    entries = _entries(text)
    assert [_read(e) for e in entries] == [
        (("Smith", "Jones"), False),  # surnames joined by `&` are not one name written surname first
        (("Anna Lee", "Bo Ram Kim"), False),
        (("Anna M. Lee", "Bo Kim"), False),
        (("Jane Doe", "Johnny Roe"), False),
        None,  # two surnames away from the place of a reference's authors are not read
    ]
    # the last name is no longer read as the venue's first word (`Kim. IEEE`, `Bo. IJCAI`, `Johnny. 2017`)
    assert [_venue(e) for e in entries] == ["BMVC", "IEEE", "IJCAI", None, None]
    assert entries[3].year == 2017 and entries[3].kind == "paper"


def test_one_author_written_surname_first_before_the_venue_or_a_quoted_title() -> None:
    text = """# Papers

1. Alpha Method. Park, Minho. NeurIPS 2018
2. Beta Method. Park-Lee, Minho. arXiv: 2105.10633
3. Gamma Method. Oral Talk. ICML 2021

**[1]** Doe, Jane Q. "**Delta beta gamma method**." Journal of Things 12.3 (2013). [[pdf]](http://arxiv.org/pdf/1112.0001.pdf)

**[2]** Roe, P.O., Poe, R., Moe, J.-P. "**Learning to segment things.**" In: NIPS. 2015. [[pdf]](https://arxiv.org/pdf/1506.0001.pdf)
"""
    entries = _entries(text)
    assert [_read(e) for e in entries] == [
        (("Minho Park",), False),
        (("Minho Park-Lee",), False),
        None,  # one name alone, not written surname first, is more often a label
        (("Jane Q. Doe",), False),
        (("P.O. Roe", "R. Poe", "J.-P. Moe"), False),  # each surname followed by its initials
    ]
    assert [_venue(e) for e in entries] == ["NeurIPS", "arXiv", "ICML", "Journal of Things", "In: NIPS"]
    assert entries[3].title is not None and entries[3].title.text == "Delta beta gamma method"


def test_and_lists_written_surname_first() -> None:
    text = """# Papers

1. Alpha Method. Doe, Jane and Roe, Johnny. MLR 2015
2. Beta Method. Doe,Jane, Roe,John, and Poe Edgar. AAAI 2019
3. Gamma Method. Doe, Jane and Roe, John and others. ICML 2021
"""
    entries = _entries(text)
    assert [_read(e) for e in entries] == [
        (("Jane Doe", "Johnny Roe"), False),
        (("Jane Doe", "John Roe", "Poe Edgar"), False),  # the name with no comma stays as written
        (("Jane Doe", "John Roe"), True),
    ]
    assert [_venue(e) for e in entries] == ["MLR", "AAAI", "ICML"]


def test_a_handle_tag_and_an_unpaired_emphasis_marker_are_no_part_of_a_name() -> None:
    text = """# Papers

1. Eta Method (@Jane Doe, John Roe) [[pdf]](https://arxiv.org/pdf/2101.00001)
2. [**Theta Method.**](https://arxiv.org/abs/2101.00002) Jane Doe, John Roe, Ngai Wong._ Arxiv 2025.
"""
    entries = _entries(text)
    assert entries[0].authors is None  # `(@Group ...)` tags the entry, it is no author line
    assert _read(entries[1]) == (("Jane Doe", "John Roe", "Ngai Wong"), False)
    assert _venue(entries[1]) == "Arxiv" and entries[1].year == 2025


def test_marks_affiliations_and_odd_names_in_a_plain_author_line() -> None:
    text = """# Papers

1. Alpha Method. Jane Doe*, John Roe†. ACL 2021
2. Beta Method. Wei Zhang1, Li Wang1,2. ACL 2021
3. Delta Method. Jane Doe, li wang, John Roe. ACL 2021
4. Epsilon Method. Anna.B Smith, Li Wang. ACL 2021
"""
    entries = _entries(text)
    assert [_read(e) for e in entries] == [
        (("Jane Doe", "John Roe"), False),
        (("Wei Zhang", "Li Wang"), False),
        (("Jane Doe", "li wang", "John Roe"), False),
        (("Anna.B Smith", "Li Wang"), False),
    ]
    assert {_venue(e) for e in entries} == {"ACL"}


def test_read_names_on_its_own() -> None:
    # affiliations in parentheses and marks are dropped, each name kept whole
    found = read_names("Wei Zhang (Tsinghua University)\\*, Li Wang (PKU)")
    assert found is not None and found.names == ("Wei Zhang", "Li Wang")
    # where a reference puts its authors, one name written surname first is read, a label is not
    placed = read_names("Doe, Jane Q.", plain=True, placed=True)
    assert placed is not None and placed.names == ("Jane Q. Doe",) and placed.inverted
    assert read_names("Doe, Jane Q.", plain=True) is None
    assert read_names("Local Demo", plain=True, placed=True) is None
    # a handle is one word
    assert read_names("@Jane Doe, John Roe") is None
    single = read_names("@janedoe")
    assert single is not None and single.names == ("@janedoe",)


def test_authors_optional_in_the_list_are_not_missing_in_a_part_that_mostly_gives_them() -> None:
    given = "".join(f"{n}. Method {n} Study. Doe, Jane et al. ICML 2020\n" for n in range(1, 11))
    bare = "".join(f"{n}. Method {n} Survey. ICML 2020\n" for n in range(1, 11))
    text = f"# Papers\n\n## Part A\n\n{given}11. Lone Method Study. ICML 2020\n\n## Part B\n\n{bare}"
    # Part A gives authors in 10 of 11 papers, the list in 10 of 21: they are optional here
    assert not [d for d in lint(text) if d.code == "AL204"]
    # in a list whose papers all give them, the one paper without them is reported
    alone = f"# Papers\n\n{given}11. Lone Method Study. ICML 2020\n"
    assert [d.span.start_line for d in lint(alone) if d.code == "AL204"] == [13]
