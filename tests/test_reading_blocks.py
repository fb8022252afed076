"""Where entries start and end (issue 23, point 2: no entry merged or split, no non-entry read as one),
each shape in a small list written for this test, with asserts on the entries and their fields."""

from __future__ import annotations

from awesomelint import fix, lint, parse
from awesomelint.model import Entry


def _entries(text: str) -> list[Entry]:
    return list(parse(text).iter_entries())


def _titles(text: str) -> list[str | None]:
    return [e.title.text if e.title else None for e in _entries(text)]


def test_entries_run_together_on_one_line_are_read_apart_and_still_reported() -> None:
    text = """# Papers

## Vision

+ [Alpha Networks for Vision](https://arxiv.org/abs/1) [:octocat:](https://github.com/o/a)
  Ann Lee, Bo Chen+ [Beta Nets](https://arxiv.org/abs/2) Cy Doe,
  Di Roe+ [Gamma Nets](https://arxiv.org/abs/3) Ed Poe, Gil Ray
+ [Delta Networks for Audio](https://arxiv.org/abs/4) Fay Lin, Hu Wen
"""
    entries = _entries(text)
    assert _titles(text) == [
        "Alpha Networks for Vision",
        "Beta Nets",
        "Gamma Nets",
        "Delta Networks for Audio",
    ]
    assert [e.authors.names if e.authors else None for e in entries] == [
        ("Ann Lee", "Bo Chen"),
        ("Cy Doe", "Di Roe"),
        ("Ed Poe", "Gil Ray"),
        ("Fay Lin", "Hu Wen"),
    ]
    assert [[link.role for link in e.links] for e in entries] == [
        ["title", "code"],
        ["title"],
        ["title"],
        ["title"],
    ]
    first, second = entries[0], entries[1]
    assert text[first.span.start : first.span.end].endswith("Bo Chen")
    assert text[second.marker_span.start : second.marker_span.end] == "+"
    assert text[second.span.start : second.span.end].startswith("+ [Beta")
    assert all(e.kind == "paper" for e in entries)
    found = [d.span for d in lint(text) if d.code == "AL214"]
    assert [(span.start_line, text[span.start : span.end]) for span in found] == [(6, "+"), (7, "+")]
    fixed = fix(text, unsafe=True).text
    assert "Bo Chen\n+ [Beta Nets" in fixed and "Di Roe\n+ [Gamma Nets" in fixed
    assert _titles(fixed) == _titles(text)
    assert [e.span.start_line for e in _entries(fixed)] == [5, 7, 9, 10]
    assert not [d for d in lint(fixed) if d.code == "AL214"]


def test_an_entry_run_into_a_nested_item_keeps_its_indentation_and_what_follows() -> None:
    text = """# Papers

- [Alpha Networks for Vision](https://arxiv.org/abs/1) Ann Lee
  - [Beta Nets](https://arxiv.org/abs/2) Cy Doe- [Gamma Nets](https://arxiv.org/abs/3) Ed Poe, Gil Ray

    [code](https://github.com/o/gamma)
"""
    entries = _entries(text)
    assert _titles(text) == ["Alpha Networks for Vision", "Beta Nets", "Gamma Nets"]
    assert [len(e.links) for e in entries] == [1, 1, 2]  # the item's next paragraph is the last entry's
    assert entries[2].links[1].role == "code"
    fixed = fix(text, unsafe=True).text
    assert "Cy Doe\n  - [Gamma Nets" in fixed
    assert _titles(fixed) == _titles(text)


def test_bullet_characters_inside_an_entry_start_no_entry() -> None:
    text = """# Papers

* [C++ Primer for Vision](https://example.org/1) C++ [notes](https://example.org/n)
* [Alpha Networks](https://example.org/2) Ann Lee* [code](https://github.com/o/a)
* [Gamma Networks](https://example.org/3) Bo Li * [Delta](https://example.org/4) and Cy- [Eps](https://example.org/5)
- Kappa [Lambda Nets](https://example.org/6) Di+ [Mu Nets](https://example.org/7)
"""
    assert _titles(text) == ["C++ Primer for Vision", "Alpha Networks", "Gamma Networks", "Lambda Nets"]
    assert not [d for d in lint(text) if d.code == "AL214"]


def test_a_conference_site_linked_as_a_title_is_a_resource_and_its_papers_are_papers() -> None:
    text = """# Resources

## Conferences

- [ICML](https://icml.cc/2015/) - International Conference on Machine Learning
- [NeurIPS](https://neurips.cc/Conferences/2023) - Neural Information Processing Systems
- [Kit](https://github.com/o/kit) - A toolkit for the experiments

## Papers

- [Alpha Nets](https://proceedings.mlr.press/v37/alpha15.html) - A paper from that conference
- [Beta Forum](https://openreview.net/forum?id=AbCd) - Its reviews
"""
    assert [(e.title.text if e.title else None, e.kind) for e in _entries(text)] == [
        ("ICML", "resource"),
        ("NeurIPS", "resource"),
        ("Kit", "resource"),
        ("Alpha Nets", "paper"),
        ("Beta Forum", "paper"),
    ]


def test_a_table_whose_columns_are_years_is_a_grid_of_pages_not_entries() -> None:
    text = """# Papers by Conference

| Conference | 2021 | 2022 | 2023 |
| --- | --- | --- | --- |
| **ACL** | [2021](https://x.io/ACL/2021.md) | - | [2023](https://x.io/ACL/2023.md) |
| [EMNLP](https://2023.emnlp.org) | [2021](https://github.com/o/r/blob/main/EMNLP/2021.md) | - | - |

| Paper | Venue | Year |
| --- | --- | --- |
| [Alpha Nets](https://arxiv.org/abs/2101.00001) | ACL | 2021 |
"""
    document = parse(text)
    assert [(e.title.text if e.title else None, e.year) for e in document.iter_entries()] == [
        ("Alpha Nets", 2021)
    ]
    assert [block.kind for block in document.sections[0].blocks] == ["table", "table"]
    assert len(document.links) == 5  # the grid's links are still the page's, for the link rules


def test_a_row_naming_several_linked_works_is_a_group_not_a_paper() -> None:
    text = """# Resources

| Task | Benchmarks |
| :-: | --- |
| **Facts** | [Alpha](https://arxiv.org/abs/1), [Beta](https://arxiv.org/abs/2),[Gamma](https://x.io/g) |
| **Bias** | [DeltaBias](https://arxiv.org/abs/3) |

- **Omega Nets for Vision** [paper](https://arxiv.org/abs/4) [arXiv](https://arxiv.org/abs/5)
"""
    entries = _entries(text)
    assert [(e.title.text if e.title else None, e.kind, len(e.links)) for e in entries] == [
        ("Facts", "resource", 3),
        ("Bias", "paper", 1),  # one linked work: the row is about it
        ("Omega Nets for Vision", "paper", 2),  # links labelled by their role
    ]


def test_a_plain_name_among_linked_items_is_an_entry_and_a_list_of_them_is_notes() -> None:
    text = """# Methods

## Semi-Supervised

- QX2M
- [Label Spreading](https://example.org/spreading) - Graph based
- [Co-Training](https://example.org/cotraining)
- Tri Training Nets

*Updated [weekly](https://example.org/weekly).*

## Notes

Our survey was revised. It now covers:
   - Continuous methods
   - Their costs
   - Further applications

`[2025-03-11]` Our [survey](https://openreview.net/forum?id=Ab) was accepted at TMLR 2025!

## Steps

- [Gamma Kit](https://example.org/gamma)
  - install it
- Run the checks now.
"""
    document = parse(text)
    assert [(e.title.text if e.title else None, e.kind, len(e.links)) for e in document.iter_entries()] == [
        ("QX2M", "resource", 0),
        ("Label Spreading", "resource", 1),
        ("Co-Training", "resource", 1),
        ("Tri Training Nets", "resource", 0),
        ("Gamma Kit", "resource", 1),
    ]
    notes = document.sections[0].children[1]
    assert not notes.entries and [block.kind for block in notes.blocks].count("list") == 3


def test_plain_citations_and_one_word_names_among_entries_are_entries() -> None:
    text = """# Papers

## Pruning

- Sparse Nets Without Data. Doe, Jane et al. arXiv:2001.01234
- Quantizing Without Data. Roe, Sam et al. ICCV 2019
- Faster Sparse Nets. Lee, Ann et al. CVPR 2020 [[code](https://github.com/o/fast)]

## Older

- Deep nets for speech recognition (2014), A. Lee et al. [[pdf]](https://arxiv.org/pdf/1401.00001)
- Recurrent nets for parsing (2015), B. Chen et al.

## Tools

- AlphaKit [[code](https://github.com/o/alphakit)]
- [Beta Toolkit for Vision](https://github.com/o/beta) [[code](https://github.com/o/beta)]
- See [[code](https://github.com/o/gamma)]
- By [Data Science Weekly](https://example.org/weekly)

## Updates

- We released 2 new papers in 2024.
- [Delta Nets](https://arxiv.org/abs/2401.00002)
"""
    entries = _entries(text)
    assert [(e.title.text if e.title else None, e.year) for e in entries] == [
        ("Sparse Nets Without Data", 2020),
        ("Quantizing Without Data", 2019),
        ("Faster Sparse Nets", 2020),
        ("Deep nets for speech recognition", 2014),
        ("Recurrent nets for parsing", 2015),
        ("AlphaKit", None),
        ("Beta Toolkit for Vision", None),
        ("Delta Nets", None),
    ]
    assert [e.venue.name.text if e.venue else None for e in entries[:3]] == ["arXiv", "ICCV", "CVPR"]
    assert [len(e.links) for e in entries] == [0, 0, 1, 1, 0, 1, 2, 1]


def test_items_linked_by_their_address_or_in_a_second_paragraph_are_entries() -> None:
    text = """# Mamba

## Models

- Alpha Mamba for Protein Chains

  [[Paper](https://www.biorxiv.org/content/1v1)] [[code](https://github.com/o/alpha)] (2024.01.02)

- Beta Mamba for Vision [[paper](https://arxiv.org/abs/2401.00002)]

## Blogs

* The Annotated Gamma [[URL](https://example.org/annotated-gamma)]
* A Visual Guide to Delta [[Link](https://example.org/delta)]
* Read the guides below before you start.

  Then see [the docs](https://example.org/docs).
"""
    entries = _entries(text)
    assert [(e.title.text if e.title else None, e.kind, len(e.links)) for e in entries] == [
        ("Alpha Mamba for Protein Chains", "paper", 2),
        ("Beta Mamba for Vision", "paper", 1),
        ("The Annotated Gamma", "resource", 1),
        ("A Visual Guide to Delta", "resource", 1),
    ]
    assert entries[0].date is not None and entries[0].date.text == "2024.01.02"
    assert [link.role for link in entries[0].links] == ["paper", "code"]


def test_a_linked_title_may_open_with_a_date_and_a_quoted_citation_may_lack_a_link() -> None:
    text = """# Blogs

16. [**Towards Faster Attention.**](https://example.org/faster) _Jane Doe._ 2024.
17. [**2024.5 A Comparison of Long Context Models.**](https://example.org/compare) _Sam Poe._ 2024.

## Search

- "Code Search: A Survey of Methods", 2022-04, ICSE 2021, [[paper](Comput. Surv)]
- "Deep Code Search", 2023-05, arXiv, [[paper](https://arxiv.org/abs/2305.00001)]

## News

- 2024.05.01 We added ten papers to the list.
"""
    entries = _entries(text)
    assert [(e.title.text if e.title else None, e.year) for e in entries] == [
        ("Towards Faster Attention", 2024),
        ("2024.5 A Comparison of Long Context Models", 2024),
        ("Code Search: A Survey of Methods", 2021),
        ("Deep Code Search", 2023),
    ]
    assert entries[2].venue is not None and entries[2].venue.name.text == "ICSE"
    assert not entries[2].links  # the paper link has no address: it is text


def test_an_index_of_the_repositorys_pages_and_a_contact_section_are_no_entries() -> None:
    text = """# Awesome Efficient Models

## Full List
  - [Pruning / Sparsity](pruning.md)
  - [Quantization](./quantization.md)
  - [KV Cache Compression](kv_cache.md)
  - [Reasoning Models](https://github.com/o/awesome-reasoning)

## Notes

- [Attention Is All You Need, Again](notes/attention-again.md) - my reading notes on the paper
- [Beta Nets](https://arxiv.org/abs/2401.00002)

## Other Lists

* owner/awesome-gamma [[URL](https://github.com/owner/awesome-gamma)]

## Contact & Feedback

- [e-mail](mailto:someone@example.org)
- [pull request](https://github.com/o/r/pulls)
"""
    document = parse(text)
    assert [(e.title.text if e.title else None, len(e.links)) for e in document.iter_entries()] == [
        ("Reasoning Models", 1),
        ("Attention Is All You Need, Again", 1),
        ("Beta Nets", 1),
        ("owner/awesome-gamma", 1),
    ]
    index = document.sections[0].children[0]
    assert [block.kind for block in index.blocks] == ["list"] * 3
