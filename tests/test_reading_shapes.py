"""Entry shapes from real lists (issue 9, ../shared/realworld-cases.md), each in a small list written for
this test, with asserts on the fields read, not only on counts."""

from __future__ import annotations

import pytest

from awesomelint import lint, parse
from awesomelint.model import Entry


def _entries(text: str) -> list[Entry]:
    return list(parse(text).iter_entries())


def test_date_tags_before_the_title_and_a_duplicate_after_them() -> None:
    text = """# Papers
- [2023/10] **Alpha Beta Gamma Method.** *Jane Doe et al. arXiv.* [[paper](https://example.org/a)]
- [2023/09] **Delta Epsilon Zeta Model.** *John Roe et al. ICLR.* [[paper](https://example.org/b)]
- [2023/09] **Delta Epsilon Zeta Model.** *John Roe et al. ICLR.* [[paper](https://example.org/b)]
"""
    entries = _entries(text)
    assert [e.title.text for e in entries if e.title] == [
        "Alpha Beta Gamma Method",
        *["Delta Epsilon Zeta Model"] * 2,
    ]
    assert [e.date.text for e in entries if e.date] == ["2023/10", "2023/09", "2023/09"]
    assert entries[0].authors is not None and entries[0].authors.names == ("Jane Doe",)
    assert entries[0].authors.et_al
    assert [(d.code, d.span.start_line) for d in lint(text) if d.code == "AL206"] == [("AL206", 4)]


def test_labels_indices_emoji_and_badges_before_a_title() -> None:
    text = """# Papers
1. <u>Foo</u>: **"Alpha Beta Gamma Method"**. *Jane Doe, John Roe*. ICML 2020. [paper](https://example.org/a)
2. **"Delta Epsilon Zeta Model"**. *Mary Major, Sam Poe*. ICLR 2021. [paper](https://example.org/b)
3. [12] 🔥 **Kappa Lambda Mu System**. *Sam Poe, Ann Lee*. ACL 2022. [paper](https://example.org/c)
4. [![stars](https://img.shields.io/badge/x-1-blue)](https://github.com/x/y) [Nu Xi Omicron](https://arxiv.org/abs/2101.00001)
5. **LM-Nav**: "Robotic Navigation with Large Models", *arXiv, July 2022*. [[Paper](https://arxiv.org/abs/2207.04429)]
"""
    entries = _entries(text)
    titles = [e.title.text if e.title else None for e in entries]
    assert titles == [
        "Alpha Beta Gamma Method",
        "Delta Epsilon Zeta Model",
        "Kappa Lambda Mu System",
        "Nu Xi Omicron",
        "Robotic Navigation with Large Models",
    ]
    assert entries[4].venue is not None and (entries[4].venue.name.text, entries[4].year) == ("arXiv", 2022)
    assert entries[4].date is not None and entries[4].date.text == "July 2022"
    assert entries[3].kind == "paper" and entries[3].links[-1].role == "title"


def test_short_bold_titles_never_merge_two_papers() -> None:
    text = """# Papers

**Alpha Beta Gamma** \\
*Jane Doe, John Roe* \\
arXiv 2023. [[Paper](https://example.org/a)]

**Delta Diffusion** \\
*Mary Major, Sam Poe* arXiv 2023. [[Paper](https://example.org/b)]
"""
    entries = _entries(text)
    assert [e.title.text for e in entries if e.title] == ["Alpha Beta Gamma", "Delta Diffusion"]
    assert [[link.url for link in e.links] for e in entries] == [
        ["https://example.org/a"],
        ["https://example.org/b"],
    ]


def test_plain_titles_before_role_links_and_a_date_after_them() -> None:
    text = """# Mamba
- StableSSM: Alleviating the Curse of Memory [[paper](https://arxiv.org/abs/2311.14495)] (2023.11.24)
- (ICML 2024) Vision Mamba: Efficient Visual Learning [[paper](https://arxiv.org/abs/2401.09417)] \
  [[code](https://github.com/hustvl/Vim)] (2024.01.17)
- Please cite our [paper](https://arxiv.org/abs/2401.00001) if it helps.
"""
    entries = _entries(text)
    assert [e.title.text for e in entries if e.title] == [
        "StableSSM: Alleviating the Curse of Memory",
        "Vision Mamba: Efficient Visual Learning",
    ]
    assert [e.date.text for e in entries if e.date] == ["2023.11.24", "2024.01.17"]
    assert entries[1].venue is not None and (entries[1].venue.name.text, entries[1].year) == ("ICML", 2024)
    assert [link.role for link in entries[1].links] == ["paper", "code"]


def test_author_lines_in_the_forms_lists_use() -> None:
    text = """# Papers
1. **Alpha Beta Gamma Method**. *Jane Doe et al.* ICML 2020. [paper](https://example.org/a)
2. **Delta Epsilon Zeta Model**. *Doe, Jane and Roe, John*. NeurIPS 2021. [paper](https://example.org/b)
3. **Kappa Lambda Mu System**. *Sam Poe*. ACL 2022. [paper](https://example.org/d)
4. **Nu Xi Omicron Method**. *Acme Co., Ltd., Bo Chen*. ACL 2022. [paper](https://example.org/e)
5. **Pi Rho Sigma Model**. *DeepSeek-AI*. arXiv 2024. [paper](https://example.org/f)
"""
    authors = [e.authors for e in _entries(text)]
    assert [a.names if a else None for a in authors] == [
        ("Jane Doe",),
        ("Jane Doe", "John Roe"),
        ("Sam Poe",),
        ("Acme Co., Ltd.", "Bo Chen"),
        ("DeepSeek-AI",),
    ]
    assert [a.et_al if a else None for a in authors] == [True, False, False, False, False]
    assert not [d for d in lint(text) if d.code in ("AL203", "AL204")]  # one author is no other layout


def test_a_long_plain_author_line_may_hold_one_name_written_unusually() -> None:
    text = """# Papers

1. **Alpha Beta Gamma Method**. <br />
Ann Lee, Bo Chen, Cy Dow, Di Eng, Ting liu. [[paper](https://arxiv.org/abs/2101.00001)]

2. **Delta Epsilon Zeta Model**. <br />
See the paper, or the code, for more. [[paper](https://arxiv.org/abs/2101.00002)]
"""
    entries = _entries(text)
    assert entries[0].authors is not None and entries[0].authors.names[-1] == "Ting liu"
    assert entries[1].authors is None  # prose is not an author line


def test_venue_forms_and_what_is_not_a_venue() -> None:
    text = """# Papers
- **Alpha,** Preprint 2022. *Bo Chen.* [[pdf](https://arxiv.org/abs/2101.00002)]
- **Beta,** ICCVW 2023. *Cy Dow.* [[pdf](https://arxiv.org/abs/2101.00003)]
- **Gamma,** Findings of EMNLP 2022. *Di Eng.* [[pdf](https://arxiv.org/abs/2101.00004)]
- **Delta,** EMNLP demo 2020. *Ed Fox.* [[pdf](https://arxiv.org/abs/2001.00004)]
- **Eps,** [ICLR 2024 Spotlight]. *Fa Gu.* [[pdf](https://arxiv.org/abs/2001.00005)]

## Tools
- [Sheets](https://example.org/sheets) - Reads Excel 2010 files.

**Alpha beta gamma explained** \\
*Jane Doe* \\
[[Website](https://example.org/a)] \\
4 Feb 2023
"""
    entries = _entries(text)
    venues = [(e.venue.name.text, e.year) if e.venue else None for e in entries]
    assert venues[:5] == [
        ("Preprint", 2022),
        ("ICCVW", 2023),
        ("Findings of EMNLP", 2022),
        ("EMNLP demo", 2020),
        ("ICLR", 2024),
    ]
    assert venues[5] is None and entries[5].kind == "resource"  # a product's year is no venue
    assert venues[6] is None and entries[6].date is not None and entries[6].date.text == "4 Feb 2023"
    assert not [d for d in lint(text) if d.code == "AL303"]  # status labels and workshops are known


def test_venues_in_badges_and_after_a_quoted_title() -> None:
    text = """# Papers
- [![Publish](https://img.shields.io/badge/Conference-ICLR'24-blue)]() [Alpha Beta](https://arxiv.org/abs/2310.06694)
- [![Publish](https://img.shields.io/badge/Conference-EMNLP'24%20Findings-blue)]() [Gamma Delta](https://arxiv.org/abs/2310.06695)
- ![Venue](https://img.shields.io/badge/venue-NeurIPS_2023-green) [Epsilon Zeta](https://arxiv.org/abs/2310.06696)
- [![Type](https://img.shields.io/badge/Structural-C2A4A6)]() [Eta Theta](https://arxiv.org/abs/2310.06697)
- [![Stars](https://img.shields.io/badge/stars-2024-blue)]() [Iota Kappa](https://arxiv.org/abs/2310.06698)

**[2]** Doe, Jane, et al. "**Lambda Mu Nu**." Advances in neural information processing systems. 2015. [[pdf]](https://arxiv.org/pdf/1506.01497.pdf)

**[3]** Roe, John. "**Xi Omicron**." arXiv preprint arXiv:1506.02640 (2015). [[pdf]](https://arxiv.org/pdf/1506.02640.pdf)
"""
    entries = _entries(text)
    venues = [(e.venue.name.text, e.year, e.venue.markup) if e.venue else None for e in entries]
    assert venues == [
        ("ICLR", 2024, "badge"),
        ("EMNLP", 2024, "badge"),
        ("NeurIPS", 2023, "badge"),
        None,  # a badge that is not a venue
        None,  # a badge whose label says nothing of a venue
        ("Advances in neural information processing systems", 2015, "plain"),
        ("arXiv preprint", 2015, "plain"),
    ]
    badge = entries[1].venue
    assert badge is not None and badge.raw == "EMNLP'24%20Findings" and badge.year is not None
    assert text[badge.name.span.start : badge.name.span.end] == "EMNLP"
    assert text[badge.year.span.start : badge.year.span.end] == "24"
    # A badge is no part of the text layout: no format, spacing or layout finding is about it.
    assert not [d for d in lint(text) if d.code in ("AL203", "AL205", "AL301")]


def test_link_roles_and_description_links() -> None:
    text = """# Tools
- [delta](https://github.com/x/delta) - A wrapper for [alpha](https://example.org/alpha). [[paper](https://arxiv.org/abs/2101.00009)]
"""
    (entry,) = _entries(text)
    assert [(link.label, link.role) for link in entry.links] == [
        ("delta", "title"),
        ("alpha", "description"),
        ("paper", "paper"),
    ]
    assert [link.label for link in entry.own_links] == ["delta", "paper"]
    assert entry.kind == "paper"


def test_news_lines_and_numbered_notes_are_not_entries() -> None:
    text = """# List
## News
- **2024-09-26 Our paper "[Alpha](https://arxiv.org/abs/2405.14768)" has been accepted by NeurIPS 2024.**
- We released [Beta](https://arxiv.org/abs/2512.21332), a family of models.
## Papers
1. Please refer to *New Papers* and *Old Papers* for the rest of the list.
2. **Gamma Delta Epsilon**. *Ann Lee, Bo Chen*. ACL 2023. [paper](https://arxiv.org/abs/2301.00001)
"""
    assert [e.title.text for e in _entries(text) if e.title] == ["Gamma Delta Epsilon"]


def test_headings_written_in_html_are_sections_and_their_ids_anchors() -> None:
    text = """# List

- [Multimodal](#mllm)
- [Analysis](#analysis)
- [Tools](#tools)

## Technique
### <h3 id="mllm">Multimodal</h3>

- [Tool A](https://example.org/a) - A tool.

<h2 id="analysis">Analysis &amp; <em>Probing</em></h2>

- [Tool B](https://example.org/b) - Another tool.

<h2>Tools</h2>

<h2>Tools</h2>

- [Tool C](https://example.org/c) - A third tool.
"""
    document = parse(text)
    outline = [(s.level, s.text, s.slug, s.span.start_line) for s in document.iter_sections()]
    assert outline == [
        (1, "List", "list", 1),
        (2, "Technique", "technique", 7),
        (3, "Multimodal", "multimodal", 8),
        (2, "Analysis & Probing", "analysis--probing", 12),
        (2, "Tools", "tools", 16),
        (2, "Tools", "tools-1", 18),
    ]
    sections = list(document.iter_sections())
    assert [e.title.text for e in sections[3].entries if e.title] == ["Tool B"]
    assert {"mllm", "analysis"} <= document.html_ids
    findings = [(d.code, d.span.start_line) for d in lint(text)]
    assert ("AL103", 3) not in findings and ("AL103", 4) not in findings  # ids are anchors
    assert ("AL101", 16) in findings and ("AL102", 18) in findings


def test_a_title_linked_to_a_pdf_is_judged_by_the_entries_around_it() -> None:
    papers = """# Papers

- [Alpha Beta Gamma for Retrieval](https://arxiv.org/abs/2101.00001) [[code](https://github.com/x/a)]
- [Delta Epsilon Zeta for Sketches](https://example.org/files/delta.pdf)
- [Eta Theta Iota for Search](https://arxiv.org/abs/2101.00003)
"""
    resources = """# Resources

## Books
- [Learning Things](https://example.org/learning-things.pdf)
- [Site of Proceedings](https://papers.nips.cc/) - Papers on the web.
- [A Tool](https://github.com/x/tool) - Does things.
"""
    assert [e.kind for e in _entries(papers)] == ["paper", "paper", "paper"]
    assert [e.kind for e in _entries(resources)] == ["resource", "resource", "resource"]


@pytest.mark.parametrize("ending", ["\n", ""], ids=["line-break", "none"])
def test_a_row_without_outer_pipes_is_read_cell_by_cell(ending: str) -> None:
    # The first cell's text stands again in the title: each cell is looked for after the one before,
    # the first from the row's start (the title was read as `on Graphs`). Without a line break after
    # the last row, a cell looked for past its row's end read past the text's end (an IndexError).
    text = "Date|Title|Code\n-|-|-\n2023|Paper 2023 on Graphs|[code](https://c.org/1)" + ending
    (entry,) = parse(text).iter_entries()
    assert entry.title is not None and entry.title.text == "Paper 2023 on Graphs"
    assert text[entry.title.span.start : entry.title.span.end] == "Paper 2023 on Graphs"
    assert [text[link.span.start : link.span.end] for link in entry.links] == ["[code](https://c.org/1)"]
    cut = parse("te|Title||||\n-|-|-|-|-\n3|3r" + ending)  # (a row cut short: no entry, and no error)
    assert list(cut.iter_entries()) == [] and cut.text.endswith("3|3r" + ending)
