"""Shapes of lists the corpus added (issue 23): what is not an entry (tables of contents, sections about
the list itself), fields written as real lists write them, papers in HTML and Markdown tables. Each
list here is made up for the test, in the shape of a real one; the asserts are on the fields read."""

from __future__ import annotations

from pathlib import Path

from awesomelint import parse
from awesomelint.model import Document, Entry
from awesomelint.read.source import read_source


def _entries(text: str) -> list[Entry]:
    return list(parse(text).iter_entries())


def _fields(entry: Entry) -> tuple[str | None, str | None, int | None, str | None]:
    return (
        entry.title.text if entry.title else None,
        entry.venue.name.text if entry.venue else None,
        entry.year,
        entry.date.text if entry.date else None,
    )


VENUES = """# Papers

1. **Alpha Beta Gamma Method**. *Jane Doe, John Roe*. arxiv 2018. [paper](https://arxiv.org/abs/1801.00001)
2. **Delta Epsilon Zeta Model**. *Jane Doe, John Roe*. EMNLP 2022 Findings. [paper](https://example.org/b)
3. **Kappa Lambda Mu System**. *Jane Doe, John Roe*. ICML 2018 Workshop. [paper](https://example.org/c)
4. **Nu Xi Omicron Networks**. *Jane Doe, John Roe*. NeurIPS 2021 Robustness Workshop. [paper](https://example.org/d)
5. **Pi Rho Sigma Learning**. *Jane Doe, John Roe*. TACL. [paper](https://example.org/e)
6. **Tau Upsilon Phi Graphs**. *Jane Doe, John Roe*. EMNLP 18. [paper](https://example.org/f)
7. **Chi Psi Omega Study**. *Jane Doe, John Roe*. CHI '20. [paper](https://example.org/g)
8. **Alpha Two Method**. *Jane Doe, John Roe*. COLING2022. [paper](https://example.org/h)
9. **Beta Two Method**. *Jane Doe, John Roe*. CVPR, June 2025. [paper](https://example.org/i)
10. **Gamma Two Method**. *Jane Doe, John Roe*. Nov. 2024. [paper](https://example.org/j)
11. **Delta Two Method**. *Jane Doe, John Roe*. AAAI Jan 2024. [paper](https://example.org/k)
12. **Kappa Two Method**. In **arXiv**, [[Paper](https://arxiv.org/abs/2301.00003)].
13. **Lambda Two Method**. *Jane Doe, John Roe*. [paper](https://example.org/q) `2020`
14. Mu Two Method. Hinton et al. arXiv:1503.02531
15. Xi Two Method for Things [KDD 2021] [[Code]](https://github.com/a/b)
"""


def test_venues_and_dates_in_the_forms_lists_write_them() -> None:
    entries = _entries(VENUES)
    assert [
        (e.venue.name.text if e.venue else None, e.year, e.date.text if e.date else None) for e in entries
    ] == [
        ("arxiv", 2018, None),
        ("EMNLP", 2022, None),
        ("ICML", 2018, None),
        ("NeurIPS", 2021, None),
        ("TACL", None, None),
        ("EMNLP", 2018, None),
        ("CHI", 2020, None),
        ("COLING", 2022, None),
        ("CVPR", 2025, "June 2025"),
        (None, 2024, "Nov. 2024"),
        ("AAAI", 2024, "Jan 2024"),
        ("arXiv", None, None),
        (None, 2020, "2020"),
        ("arXiv", 2015, None),  # the identifier arXiv:1503.02531 carries its year
        ("KDD", 2021, None),
    ]
    # A qualifier after the year belongs to the venue; the title stops before a bracketed venue.
    assert [e.venue.raw for e in entries[1:4] if e.venue] == [
        "EMNLP 2022 Findings",
        "ICML 2018 Workshop",
        "NeurIPS 2021 Robustness Workshop",
    ]
    assert entries[14].title is not None and entries[14].title.text == "Xi Two Method for Things"
    assert all(e.kind == "paper" for e in entries)


def test_a_venue_or_tag_in_bold_brackets_before_the_title() -> None:
    text = """# Papers

- **[ICML, 2021 oral]** Improved Pi Two Modeling with Smoothing [Paper](https://arxiv.org/pdf/2103.15089)
- **[ICML, 2020]** **ImageGPT:** Generative Pretraining from Pixels [Paper](https://example.org/s)
- **[Arxiv, 2025.07]** Rho Two Tokenizers for Generation [Paper](https://arxiv.org/abs/2507.00001)
- **[R-CNN]** Rich feature hierarchies for accurate detection | **[CVPR' 14]** |[`[pdf]`](https://arxiv.org/pdf/1311.2524.pdf)
- **[NeurIPS 2024 Best Paper]** Sigma Two Scaling [Paper](https://example.org/t)
"""
    entries = _entries(text)
    assert [_fields(e) for e in entries] == [
        ("Improved Pi Two Modeling with Smoothing", "ICML", 2021, None),
        ("ImageGPT: Generative Pretraining from Pixels", "ICML", 2020, None),
        ("Rho Two Tokenizers for Generation", "Arxiv", 2025, "2025.07"),
        ("Rich feature hierarchies for accurate detection", "CVPR", 2014, None),
        ("Sigma Two Scaling", "NeurIPS", 2024, None),
    ]
    assert entries[0].venue is not None and entries[0].venue.raw == "**[ICML, 2021 oral]**"
    # The title's span covers the bold short name and the plain words after it, exactly.
    title = entries[1].title
    assert title is not None and text[title.span.start : title.span.end] == (
        "**ImageGPT:** Generative Pretraining from Pixels"
    )


def test_the_venue_as_the_label_of_the_paper_link_before_the_title() -> None:
    text = r"""# Papers

- \[[arxiv](https://arxiv.org/abs/2502.10453)\] Linking Tags to Graph Entities: An Approach. `2025.2`
- \[[NeurIPS 2024](https://arxiv.org/abs/2410.07526)\] MKGL: Mastery of a Word Language. `2024.10` \[[Repo](https://github.com/a/b)\]
- \[[EMNLP 2024 findings](https://aclanthology.org/2024.f-1/)\] Question-guided Graph Re-scoring. `2024.11`
"""
    entries = _entries(text)
    assert [_fields(e) for e in entries] == [
        ("Linking Tags to Graph Entities: An Approach", "arxiv", 2025, "2025.2"),
        ("MKGL: Mastery of a Word Language", "NeurIPS", 2024, "2024.10"),
        ("Question-guided Graph Re-scoring", "EMNLP", 2024, "2024.11"),
    ]
    assert [e.venue.markup for e in entries if e.venue] == ["link"] * 3
    assert [link.role for link in entries[1].links] == ["paper", "code"]


def test_a_link_that_is_the_title_is_never_a_venue() -> None:
    """Classic items named like a venue (`log`, `chi`, `date`) keep their link as the title."""
    text = """# Go

- [log](https://github.com/a/log) - Structured logging package for Go.
- [chi](https://github.com/b/chi) - Small, fast and expressive HTTP router.
- [CVPR 2015](http://example.org/cvpr15/) Jun 2015
"""
    entries = _entries(text)
    assert [(e.title.text if e.title else None, e.venue) for e in entries[:2]] == [
        ("log", None),
        ("chi", None),
    ]
    assert entries[2].title is not None and entries[2].title.text == "CVPR 2015"
    assert all(e.kind == "resource" for e in entries[:2])


def test_author_lines_with_marks_affiliations_and_odd_names() -> None:
    text = r"""# Papers

1. **Epsilon Two Method**. *Jane Doe\*, John Roe\**. ACL 2021. [paper](https://example.org/l)
2. **Zeta Two Method**. *Wei Zhang1, Li Wang1,2*. ACL 2021. [paper](https://example.org/m)
3. **Eta Two Method**. *Wei Zhang (Tsinghua University), Li Wang (PKU)*. ACL 2021. [paper](https://example.org/n)
4. **Theta Two Method**. *Jane Doe, li wang, John Roe*. ACL 2021. [paper](https://example.org/o)
5. **Iota Two Method**. *Anna.B Smith, Li Wang*. ACL 2021. [paper](https://example.org/p)
6. **Omicron Two Method**. *Doe, Jane and Roe, John and others*. ACL 2021. [paper](https://example.org/r)
7. Nu Two Method. Cho, Jang Hyun & Hariharan, Bharath. ICCV 2019
8. **Rho Two Method**. *Jane Doe†, John Roe‡*. ACL 2021. [paper](https://example.org/s)
"""
    entries = _entries(text)
    read = [(e.authors.names, e.authors.et_al) if e.authors else None for e in entries]
    assert read == [
        (("Jane Doe", "John Roe"), False),
        (("Wei Zhang", "Li Wang"), False),
        (("Wei Zhang", "Li Wang"), False),
        (("Jane Doe", "li wang", "John Roe"), False),
        (("Anna.B Smith", "Li Wang"), False),
        (("Jane Doe", "John Roe"), True),
        (("Jang Hyun Cho", "Bharath Hariharan"), False),
        (("Jane Doe", "John Roe"), False),
    ]
    assert entries[6].venue is not None and entries[6].venue.name.text == "ICCV"
    # The line is kept exactly as written: the marks stay in its raw text.
    assert entries[0].authors is not None and entries[0].authors.raw == r"*Jane Doe\*, John Roe\**"


def test_prose_is_not_read_as_lower_case_names() -> None:
    text = """# Tools

1. **Alpha Tool**. *a simple, fast method*. [code](https://github.com/a/b)
2. **Beta Tool**. *fast, simple*. [code](https://github.com/a/c)
"""
    assert [e.authors for e in _entries(text)] == [None, None]


CONTENTS = """# Awesome Things

## Table of Contents

1. [Surveys](#surveys)
2. [Models](#models)
   - [Encoders](#encoders)

| Section | Papers |
| --- | --- |
| [Surveys](./#surveys) | 2 |
| [Models](https://github.com/o/r/blob/main/README.md#models) | 1 |

## News

- [2024/05] We released a new version of this list with 100 more papers.
- [Alpha Paper on Things](https://arxiv.org/abs/2405.00001) is featured this week.

## Surveys

- [A Survey of Alpha](https://arxiv.org/abs/2101.00001) - The first survey.
- [A Survey of Beta](https://arxiv.org/abs/2101.00002) - The second survey.

## Models

### Encoders

- [Gamma Encoder](https://github.com/o/gamma) - An encoder.

## Contributors

- [janedoe](https://github.com/janedoe)
- [johnroe](https://github.com/johnroe)

## Citation

1. [This list](https://example.org/cite) - cite it as below.
"""


def test_tables_of_contents_and_sections_about_the_list_are_not_entries() -> None:
    document = parse(CONTENTS)
    entries = list(document.iter_entries())
    assert [e.title.text for e in entries if e.title] == [
        "Alpha Paper on Things",  # a paper the news names is a paper of the list
        "A Survey of Alpha",
        "A Survey of Beta",
        "Gamma Encoder",
    ]
    contents = [block for block in _blocks(document) if block.kind == "contents"]
    assert [CONTENTS[b.span.start : b.span.end].split("](")[0] for b in contents] == [
        "1. [Surveys",
        "2. [Models",  # with its nested `[Encoders](#encoders)`
        "| [Surveys",
        "| [Models",
    ]
    # The contents' links are still the page's anchors, for the anchor rules.
    assert {anchor.fragment for anchor in document.anchors} >= {"surveys", "models", "encoders"}


def test_a_news_category_among_other_categories_holds_entries() -> None:
    text = """# Awesome Reading

## Blogs

- [Alpha Blog](https://example.org/a) - A blog.

## News

- [Beta Times](https://example.org/b) - A newspaper.
- [Gamma Daily](https://example.org/c) - Another one.
"""
    assert [e.title.text for e in _entries(text) if e.title] == ["Alpha Blog", "Beta Times", "Gamma Daily"]


def _blocks(document: Document) -> list:  # type: ignore[type-arg]
    found = list(document.blocks)
    for top in document.sections:
        for section in top.walk():
            found.extend(section.blocks)
    return sorted(found, key=lambda block: block.span.start)


HTML_TABLE = """# Agents

<table>
    <tr>
        <td rowspan='2'>Model</td>
        <td colspan='2'>Memory</td>
        <td rowspan='2'>Paper</td>
        <td rowspan='2'>Code</td>
    </tr>
    <tr>
        <td>Operation</td>
        <td>Structure</td>
    </tr>
    <tr>
        <td>WebAgent</td>
        <td>-</td>
        <td>-</td>
        <td><a href="https://arxiv.org/abs/2112.09332">Paper</a></td>
        <td>-</td>
    </tr>

    <tr><th colspan='5'>Planning</th></tr>
    <tr>
        <td>Self Planner</td>
        <td>Read/Write</td>
        <td>Hybrid</td>
        <td><a href="https://arxiv.org/abs/2204.01691">Paper</a></td>
        <td><a href="https://github.com/a/planner">Code</a></td>
    </tr>
</table>

<table>
<tr><th>Challenge</th><th>Classes</th></tr>
<tr><td>VOC07</td><td>20</td></tr>
</table>
"""


def test_papers_in_an_html_table_are_entries_and_point_into_it() -> None:
    entries = _entries(HTML_TABLE)
    assert [
        (e.title.text if e.title else None, e.kind, [link.role for link in e.links]) for e in entries
    ] == [
        ("WebAgent", "paper", ["paper"]),
        ("Self Planner", "paper", ["paper", "code"]),
    ]
    title = entries[1].title
    assert title is not None and HTML_TABLE[title.span.start : title.span.end] == "Self Planner"
    link = entries[1].links[1]
    assert HTML_TABLE[link.url_span.start : link.url_span.end] == "https://github.com/a/planner"
    assert entries[1].span.start_line == 23  # the row's `<tr>`, after the blank line and the group row


def test_papers_in_markdown_tables_with_and_without_named_columns() -> None:
    text = """# Papers

| Date | Title | Conference | Authors | Code |
| --- | --- | --- | --- | --- |
| 2023-05 | Alpha Beta Gamma Method | ICML 2023 | Jane Doe, John Roe | [code](https://github.com/a/b) |

| | | |
| --- | --- | --- |
| [Delta Epsilon Zeta Model](https://arxiv.org/abs/2101.00002) | NeurIPS 2021 | [code](https://github.com/c) |
"""
    entries = _entries(text)
    assert [_fields(e) for e in entries] == [
        ("Alpha Beta Gamma Method", "ICML", 2023, "2023-05"),
        ("Delta Epsilon Zeta Model", "NeurIPS", 2021, None),
    ]
    assert entries[0].authors is not None and entries[0].authors.names == ("Jane Doe", "John Roe")
    assert [link.role for link in entries[1].links] == ["title", "code"]


def test_a_month_inside_the_venue_is_kept_through_fix(tmp_path: Path) -> None:
    """The list writes `*Venue, YYYY*`; the fix puts the dated venue in italics and keeps its month."""
    from awesomelint import fix

    lines = [
        f'- **{name}**: "{title} for Robots", *{venue}, {year}*. [[Paper](https://arxiv.org/abs/{year}.{i})]'
        for i, (name, title, venue, year) in enumerate(
            [
                ("Alpha", "Alpha Beta Gamma Method", "CVPR", 2025),
                ("Beta", "Delta Epsilon Zeta Model", "ICRA", 2024),
                ("Gamma", "Kappa Lambda Mu System", "CoRL", 2023),
                ("Delta", "Nu Xi Omicron Networks", "RSS", 2023),
            ]
        )
    ]
    lines.append(
        '- **Eps**: "Pi Rho Sigma Learning for Robots", CVPR, June 2025. [[Paper](https://arxiv.org/abs/2506.00005)]'
    )
    text = "# Papers\n\n## Robots\n\n" + "\n".join(lines) + "\n"
    path = tmp_path / "list.md"
    path.write_text(text, encoding="utf-8")
    fixed = fix(read_source(path).text, unsafe=True).text
    assert '"Pi Rho Sigma Learning for Robots", *CVPR, June 2025*.' in fixed
    (entry,) = [e for e in _entries(fixed) if e.title and e.title.text.startswith("Pi Rho")]
    assert entry.date is not None and entry.date.text == "June 2025"


def test_a_description_column_is_the_description_and_no_venue_is_read_in_it() -> None:
    text = """# Tools

| Project | Details | Repository |
| --- | --- | --- |
| [Alpha](https://github.com/a/alpha) | Code to train Alpha (ICLR 2023), and data. | ![s](https://x.io/a) |
| [Beta](https://github.com/b/beta) | A library for *fast* serving. | ![s](https://x.io/b) |
"""
    entries = _entries(text)
    assert [(e.title.text if e.title else None, e.venue, e.kind) for e in entries] == [
        ("Alpha", None, "resource"),
        ("Beta", None, "resource"),
    ]
    descriptions = [e.description for e in entries]
    assert [d.text if d else None for d in descriptions] == [
        "Code to train Alpha (ICLR 2023), and data.",
        "A library for *fast* serving.",
    ]
    assert descriptions[1] is not None and text[descriptions[1].span.start : descriptions[1].span.end] == (
        "A library for *fast* serving."
    )


def test_a_list_of_notes_is_no_list_of_entries() -> None:
    """Steps, criteria and notes (items none of which links to or names anything) are not entries; a
    paper without a link among linked ones is."""
    text = """# Papers

## Criteria

1. Papers that are important, but failed to be included, will be listed below.
2. **New Papers**: less than six months old.

## How to contribute

1. **Fork the Repo:** fork this repo to your account.
2. **Edit Content:** add your paper.

## Recommendation

1. Topology Distillation for Recommender System [KDD 2021] [[Code]](https://github.com/a/b)
2. Graph Structure Aware Distillation for Incremental Learning[CIKM 2021]
3. False Negative Distillation for Outfit Recommendation [Arxiv 2110.06483]
"""
    entries = _entries(text)
    assert [_fields(e) for e in entries] == [
        ("Topology Distillation for Recommender System", "KDD", 2021, None),
        ("Graph Structure Aware Distillation for Incremental Learning", "CIKM", 2021, None),
        ("False Negative Distillation for Outfit Recommendation", "arXiv", 2021, None),
    ]
    assert [e.kind for e in entries] == ["paper"] * 3


def test_a_table_row_that_names_its_entry_in_plain_words_among_linked_rows_is_an_entry() -> None:
    text = """# People

| Twitter | Description |
| --- | --- |
| [Ann Lee](https://twitter.com/annlee) | Data scientist |
| Bo Li | Director of data science |
| [Cy Doe](https://twitter.com/cydoe) | Statistician |
| [Di Roe](https://twitter.com/diroe) | Writes about plots |

| Metric | Value |
| --- | --- |
| Papers | 120 |
| Stars | 3,000 |
| Forks | 200 |
"""
    entries = _entries(text)
    assert [(e.title.text if e.title else None, len(e.links)) for e in entries] == [
        ("Ann Lee", 1),
        ("Bo Li", 0),
        ("Cy Doe", 1),
        ("Di Roe", 1),
    ]


HEADED = """# Awesome Datasets

## Contents

- [Text](#text)

## Text

 ## [(alpha-lab/Alpha)|52K|EN|MT](https://github.com/alpha-lab/alpha)

 - Summary: Instructions written by people.
 - paper: [Alpha: Instructions at Scale](https://arxiv.org/abs/2301.00001)
 - License: [`MIT`](https://opensource.org/license/mit/)

## [(beta-lab/Beta)|10K|CN|TS](https://huggingface.co/datasets/beta-lab/beta)

- Summary: Dialogues in Chinese.
- Related:
    - [Beta tools](https://github.com/beta-lab/tools)

## [(gamma/Gamma)|1M|ML|MT](https://github.com/gamma/gamma)

- Summary: A mix of many datasets.
- paper: N/A
"""


def test_entries_written_as_headings_over_field_bullets() -> None:
    document = parse(HEADED)
    entries = list(document.iter_entries())
    assert [(e.marker, e.title.text if e.title else None, e.section_path) for e in entries] == [
        ("heading", "alpha-lab/Alpha", ("Awesome Datasets",)),
        ("heading", "beta-lab/Beta", ("Awesome Datasets",)),
        ("heading", "gamma/Gamma", ("Awesome Datasets",)),
    ]
    alpha = entries[0]
    assert [(link.role, link.url) for link in alpha.links] == [
        ("title", "https://github.com/alpha-lab/alpha"),
        ("paper", "https://arxiv.org/abs/2301.00001"),
        ("other", "https://opensource.org/license/mit/"),
    ]
    assert (
        alpha.title is not None and HEADED[alpha.title.span.start : alpha.title.span.end] == "alpha-lab/Alpha"
    )
    assert [link.url for link in entries[1].links][-1] == "https://github.com/beta-lab/tools"
    # Two such headings are no convention yet: they stay sections, their bullets entries.
    two = HEADED[: HEADED.index("## [(gamma")]
    assert all(entry.marker != "heading" for entry in parse(two).iter_entries())


def test_a_list_of_plain_notes_beside_a_list_of_links_is_no_list_of_entries() -> None:
    text = """# Awesome Data

We include three kinds of data:
1. text instructions (e.g. questions and answers)
2. dialogues between people
3. preference pairs

Other lists:
- [Awesome Chat](https://github.com/a/awesome-chat): open chat models
- [Awesome Text](https://github.com/a/awesome-text): open text data
"""
    entries = _entries(text)
    assert [e.title.text if e.title else None for e in entries] == ["Awesome Chat", "Awesome Text"]
    document = parse(text)
    assert [block.kind for block in document.sections[0].blocks].count("list") == 3


def test_a_table_row_entry_spans_the_whole_row_whatever_column_holds_the_title() -> None:
    text = """# Models

| Date | Keywords | Institute | Paper |
| --- | --- | --- | --- |
| 2017-06 | Transformers | Google | [Attention Is All You Need](https://arxiv.org/abs/1706.03762) |
| 2018-10 | BERT | Google | [BERT: Pre-training of Deep Transformers](https://arxiv.org/abs/1810.04805) |
"""
    for entry in _entries(text):
        row = text[entry.span.start : entry.span.end]
        assert row.startswith("| 20") and row.endswith(")"), row


def test_a_known_venue_without_a_year_in_brackets_or_parentheses() -> None:
    text = """# Papers

## Models

1. **PaLM**: "PaLM: Scaling Language Modeling with Pathways" [2022-04] [JMLR] [[paper](https://arxiv.org/abs/2204.02311)]
- (TOMM) MambaVessel: A Hybrid Architecture for Segmentation [[paper](https://arxiv.org/abs/2507.19931)]
- [Deprecated] Some Old Method for Image Things [[paper](https://arxiv.org/abs/2101.00001)]
"""
    entries = _entries(text)
    assert [(e.venue.raw, e.venue.name.text, e.venue.markup) if e.venue else None for e in entries] == [
        ("[JMLR]", "JMLR", "bracket"),
        ("TOMM", "TOMM", "plain"),
        None,
    ]
    assert [e.year for e in entries] == [2022, None, None]


def test_institute_and_keyword_columns_hold_no_field_of_the_paper() -> None:
    text = """# Milestones

| Date | Keywords | Institute | Paper |
| --- | --- | --- | --- |
| 2021-10 | T0 | HuggingFace et al. | [Multitask Prompted Training](https://arxiv.org/abs/2110.08207) |
| 2023-01 | Flan 2022 | Google | [The Flan Collection](https://arxiv.org/abs/2301.13688) |
"""
    entries = _entries(text)
    assert [(e.authors, e.venue, e.year) for e in entries] == [(None, None, 2021), (None, None, 2023)]


def test_a_venue_name_joined_by_with() -> None:
    text = """# Papers

- (Expert Systems with Applications 2025) Evaluation of aggregate uniformity with dual networks [[paper](https://example.org/p)]
- (ICML 2024) Vision Mamba: Efficient Visual Representation Learning [[paper](https://arxiv.org/abs/2401.09417)]
"""
    assert [(e.venue.name.text, e.year) if e.venue else None for e in _entries(text)] == [
        ("Expert Systems with Applications", 2025),
        ("ICML", 2024),
    ]
