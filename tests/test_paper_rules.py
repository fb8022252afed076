"""Issue 24: the paper-list rules judged on shapes of lists nobody here wrote (false alarms that
must stay quiet, and slips that must be found), each defect with a clean twin."""

from __future__ import annotations

import pytest

from awesomelint import fix, lint, parse


def _found(text: str, code: str) -> list[int]:
    return [d.span.start_line for d in lint(text) if d.code == code]


def _papers(*lines: str, heading: str = "## Models") -> str:
    return "# Papers\n\n" + heading + "\n\n" + "\n".join(lines) + "\n"


CATEGORIES = """# Papers

- [LLM](#llm)
  - [2025](#2025)
- [Vision](#vision)

<h2 id="llm">Large Language Models</h2>

## 2025

1. **Alpha Method**. *Ann Lee, Bo Li*. **ACL 2025**. [paper](https://example.org/1)

## 2024

1. **Beta Method**. *Ann Lee, Bo Li*. **ACL 2024**. [paper](https://example.org/2)

## Vision

## 2025

1. **Gamma Method**. *Ann Lee, Bo Li*. **CVPR 2025**. [paper](https://example.org/3)

## 2024

1. **Delta Method**. *Ann Lee, Bo Li*. **CVPR 2024**. [paper](https://example.org/4)
"""


def test_category_headings_at_the_level_of_their_parts_are_neither_empty_nor_repeated() -> None:
    assert _found(CATEGORIES, "AL101") == []
    assert _found(CATEGORIES, "AL102") == []


def test_a_real_empty_section_and_a_real_repeat_are_still_found() -> None:
    text = CATEGORIES.replace("## Vision\n\n## 2025\n", "## Vision\n\nSoon.\n\n## 2025\n")
    text += "\n## Datasets\n\n## Tools\n\n- [Kit](https://example.org/kit)\n\n## Tools\n\n- [Kit2](https://example.org/k2)\n"
    assert _found(text, "AL101") == [29]  # `## Datasets`: followed by a peer, not by its parts
    assert _found(text, "AL102") == [21, 25, 35]  # `Vision` holds content: no category any more


def test_the_empty_section_fix_keeps_a_heading_with_an_id() -> None:
    text = '# Papers\n\n- [LLM](#llm)\n\n<h2 id="llm">Large Language Models</h2>\n\n## Tools\n\n- [Kit](https://example.org/kit)\n'
    [finding] = [d for d in lint(text) if d.code == "AL101"]
    assert finding.fix is None
    assert '<h2 id="llm">' in fix(text, unsafe=True).text


def _entry(n: int, venue: str, link: str = "", title: str = "", authors: str = "Ann Lee, Bo Li") -> str:
    link = link or f"https://example.org/{n}"
    return f"{n}. **{title or f'Method number {n}'}**. *{authors}*. **{venue}**. [paper]({link})"


def test_al302_a_former_name_is_right_for_the_years_before_the_renaming() -> None:
    clean = _papers(_entry(1, "NIPS 2016"), _entry(2, "NIPS 2017"), _entry(3, "NeurIPS 2019"))
    assert _found(clean, "AL302") == []
    slipped = _papers(_entry(1, "NeurIPS 2018"), _entry(2, "NeurIPS 2020"), _entry(3, "NIPS 2019"))
    assert _found(slipped, "AL302") == [7]


def test_al305_an_arxiv_year_that_contradicts_the_identifier() -> None:
    def papers(year: str) -> str:
        return _papers(
            _entry(1, f"arXiv {year}", "https://arxiv.org/abs/2203.01234"),
            _entry(2, "arXiv 2022", "https://arxiv.org/pdf/2204.01234v2.pdf"),
            _entry(3, "ICML 2023", "https://arxiv.org/abs/2104.01234"),  # a conference later: fine
            _entry(4, "arXiv 2023", "https://arxiv.org/abs/2212.01234"),  # posted at the turn of the year
        )

    assert _found(papers("2022"), "AL305") == []
    assert _found(papers("2023"), "AL305") == [5]


def test_al305_one_paper_linked_twice_is_judged_two_papers_are_not() -> None:
    twice = "https://arxiv.org/abs/2203.01234) [pdf](https://arxiv.org/pdf/2203.01234v2.pdf"
    two = "https://arxiv.org/abs/2203.01234) [paper](https://arxiv.org/abs/1912.04321"
    findings = [d for d in lint(_papers(_entry(1, "arXiv 2020", twice))) if d.code == "AL305"]
    assert [d.message for d in findings] == [
        "`arXiv 2020`, but the arXiv identifier 2203.x was posted in 2022"
    ]
    assert _found(_papers(_entry(1, "arXiv 2020", two)), "AL305") == []


def test_al305_a_date_with_the_posting_month_and_another_year() -> None:
    def papers(date: str) -> str:
        return _papers(
            f"- **Alpha Method** [[paper](https://arxiv.org/abs/2505.09022)] ({date})",
            "- **Beta Method** [[paper](https://arxiv.org/abs/2406.01234)] (2024.02.01)",  # a release date
        )

    assert _found(papers("2025.05.13"), "AL305") == []
    assert _found(papers("2024.05.13"), "AL305") == [5]


def test_al306_a_miscased_venue_is_reported_once_however_often_and_fixed_everywhere() -> None:
    entries = [_entry(n, "Arxiv 2023") for n in range(1, 6)]
    text = _papers(*entries, _entry(6, "arXiv 2023"))
    findings = [d for d in lint(text) if d.code == "AL306"]
    assert [d.span.start_line for d in findings] == [5]
    assert "5 entries" in findings[0].message
    fixed = fix(text).text
    assert "Arxiv" not in fixed and fixed.count("**arXiv 2023**") == 6
    assert _found(_papers(*[_entry(n, "arXiv 2023") for n in range(1, 4)]), "AL306") == []


def test_a_venue_given_the_lists_markup_and_spelling_in_one_pass() -> None:
    # AL301 edits only the markup around the venue's name, so AL306's fix of the name itself is no
    # conflict: both land in the first pass (a second pass re-reads and re-checks the whole list).
    entries = [
        f"{n}. **Method {n} for Vision**. *arXiv {2015 + n}*. [paper](https://example.org/{n})"
        for n in range(1, 7)
    ]
    text = _papers(*entries, "7. **Method Seven**. **Arxiv 2023**. [paper](https://example.org/7)")
    markup = next(d for d in lint(text) if d.code == "AL301")
    assert markup.fix is not None and [text[e.start : e.end] for e in markup.fix.edits] == ["*", "*"]
    result = fix(text)
    assert result.passes == 1 and "7. **Method Seven**. *arXiv 2023*. [paper]" in result.text


def test_al306_one_qualified_venue_written_several_ways() -> None:
    usual = [_entry(1, "Findings of EMNLP 2022"), _entry(2, "Findings of ACL 2023")]
    assert _found(_papers(*usual, _entry(3, "Findings of EMNLP 2021")), "AL306") == []
    assert _found(_papers(*usual, _entry(3, "EMNLP 2022 Findings")), "AL306") == [7]


def test_al607_characters_pasted_from_a_pdf() -> None:
    clean = _papers(_entry(1, "ICML 2022", title="Multi-Exit Networks"), _entry(2, "ICML 2022"))
    assert _found(clean, "AL607") == []
    for pasted in (
        "Multi\u00adExit Networks",
        "Multi\u2010Exit Networks",
        "Multi\u200bExit",
        "Multi Exit\u00a0Networks",
    ):
        text = _papers(_entry(1, "ICML 2022", title=pasted), _entry(2, "ICML 2022"))
        assert _found(text, "AL607") == [5], pasted


def test_al401_a_bibtex_author_line_is_no_other_separator() -> None:
    usual = [_entry(n, "ACL 2020", authors="Ann Lee; Bo Li; Cy Dow") for n in (1, 2, 3)]
    bibtex = _entry(4, "ACL 2020", authors="Lee, Ann and Li, Bo and Dow, Cy and others")
    assert _found(_papers(*usual, bibtex), "AL401") == []
    assert _found(_papers(*usual, _entry(4, "ACL 2020", authors="Ann Lee, Bo Li, Cy Dow")), "AL401") == [8]


def test_al401_a_comma_glued_inside_a_name_is_reported_without_a_fix() -> None:
    usual = [_entry(n, "ACL 2020", authors="Lee, Ann & Li, Bo") for n in (1, 2, 3)]
    glued = _entry(4, "ACL 2020", authors="Dow,Cy, Eng,Di, and Fay Gil")
    findings = [d for d in lint(_papers(*usual, glued)) if d.code == "AL401"]
    assert [(d.span.start_line, d.fix) for d in findings] == [(8, None)]
    cramped = _entry(4, "ACL 2020", authors="Cy Dow,Di Eng")  # in a list of surnames first joined by `&`
    findings = [d for d in lint(_papers(*usual, cramped)) if d.code == "AL401"]
    assert [(d.span.start_line, d.fix) for d in findings] == [(8, None)]
    usual = [_entry(n, "ACL 2020", authors="Ann Lee, Bo Li") for n in (1, 2, 3)]
    assert "*Cy Dow, Di Eng*" in fix(_papers(*usual, cramped)).text
    assert [d.fix for d in lint(_papers(*usual, glued)) if d.code == "AL401"] == [None]
    given_after_a_comma = _entry(4, "ACL 2020", authors="Cy Van Dow,Di Eng,Di Fay")  # `Dow,Di` is no name
    assert "*Cy Van Dow, Di Eng, Di Fay*" in fix(_papers(*usual, given_after_a_comma)).text


def test_al304_a_venue_the_list_never_dates_is_its_convention() -> None:
    dated = [_entry(n, f"ACL 20{10 + n}") for n in range(1, 7)]
    undated = [_entry(n, "arXiv") for n in (7, 8)]
    assert _found(_papers(*dated, *undated), "AL304") == []
    slipped = _papers(*dated, _entry(7, "arXiv 2021"), _entry(8, "arXiv 2020"), _entry(9, "arXiv"))
    assert _found(slipped, "AL304") == [13]


def _coded(n: int, authors: str, code: str, paper: str = "") -> str:
    paper = paper or f"https://example.org/paper{n}"
    return f"{n}. **Method number {n}**. *{authors}*. **ICML 2022**. [paper]({paper}) [code]({code})"


def test_al501_a_code_link_copied_to_a_paper_by_other_authors() -> None:
    def papers(third_authors: str) -> str:
        return _papers(
            _coded(1, "Ann Lee, Bo Li", "https://github.com/lee/alpha"),
            _coded(2, "Cy Dow, Di Eng", "https://github.com/dow/beta"),
            _coded(3, third_authors, "https://github.com/lee/alpha"),
        )

    assert _found(papers("Bo Li, Fay Gu"), "AL501") == []  # the same people's follow-up
    assert _found(papers("Ed Fox, Fay Gu"), "AL501") == [7]


def test_al501_a_project_link_equal_to_the_entrys_own_paper_link() -> None:
    pasted = "https://arxiv.org/abs/2203.01234"
    clean = _papers(
        _coded(1, "Ann Lee", "https://github.com/lee/alpha", pasted),
        _coded(2, "Bo Li", "https://github.com/li/b"),
    )
    assert _found(clean, "AL501") == []
    text = clean.replace("[code](https://github.com/lee/alpha)", f"[project]({pasted})")
    assert _found(text, "AL501") == [5]


def test_al501_one_arxiv_paper_linked_by_two_of_its_pages() -> None:
    first = _entry(1, "ICML 2022", "https://arxiv.org/abs/2203.08084")
    clean = _papers(first, _entry(2, "ICML 2022", "https://arxiv.org/pdf/2203.08404v2.pdf"))
    assert _found(clean, "AL501") == []
    slipped = _papers(first, _entry(2, "ICML 2022", "https://arxiv.org/pdf/2203.08084v2.pdf"))
    assert _found(slipped, "AL501") == [6]


def test_a_bare_heading_is_a_separator_neither_empty_nor_repeated() -> None:
    text = "# Papers\n\n##\n\n## Tools\n\n- [Kit](https://example.org/kit)\n\n##\n\n## More\n\n- [Kat](https://example.org/kat)\n"
    assert _found(text, "AL101") == [] and _found(text, "AL102") == []


def test_al606_markup_that_renders_literally() -> None:
    def papers(
        first: str, links: str = "[paper](https://example.org/1) [[Video]](https://example.org/v)"
    ) -> str:
        return _papers(f"1. {first}. *Ann Lee, Bo Li*. **ACL 2020**. {links}", _entry(2, "ACL 2020"))

    assert _found(papers("**FastRank**"), "AL606") == []
    assert _found(papers("**A\\* Search** for *nix and **F***"), "AL606") == []
    assert _found(papers("*8FastRank**"), "AL606") == [5]
    assert _found(
        papers("**FastRank**", "[paper](https://example.org/1) [[Video)]](https://example.org/v)"), "AL606"
    ) == [5]
    assert _found(
        papers("**FastRank**", "[[Github](https://github.com/a/b) [paper](https://example.org/1)"), "AL606"
    ) == [5]
    assert _found(papers("**FastRank**", "[paper](https://example.org/1)]"), "AL606") == [5]


def test_al403_author_names_that_are_not_names() -> None:
    def papers(authors: str) -> str:
        return _papers(_entry(1, "ACL 2020", authors=authors), _entry(2, "ACL 2020"), _entry(3, "ACL 2020"))

    for clean in (
        "Ann Lee, Bo Li, Cy Dow",
        "Ann Lee, Vincent van Gogh, Mausam",
        "J. Smith, Ann Lee and others",
        "Mausam, Ann Lee, Sukthankar, Cy Dow",  # (names of one word, not side by side)
    ):
        assert _found(papers(clean), "AL403") == [], clean
    for slip in (
        "Ann Lee1, Bo Li2, Cy Dow",
        "Ann Lee, Wei, Zhang, Cy Dow",
        "Ann Lee, Cy Dow, Wei, Zhang",
        "Ann Lee, bo li, Cy Dow",
        "Anna.B, Bo Li",
    ):
        assert _found(papers(slip), "AL403") == [5], slip


def _dated(n: int, date: str) -> str:
    return (
        f"**Method {n} Title Here** \\\n*Ann Lee, Bo Li* \\\n[[Paper](https://example.org/{n})] \\\n{date}\n"
    )


def test_al307_a_date_written_unlike_the_others() -> None:
    usual = [_dated(n, f"{n} Sep 2023") for n in range(1, 8)]
    assert _found(_papers(*usual, _dated(9, "9 Sep 2023")), "AL307") == []
    assert _found(_papers(*usual, _dated(9, "Sep 9 2023")), "AL307") == [43]


def test_al307_an_impossible_date() -> None:
    def papers(tag: str) -> str:
        return _papers(
            f"- [{tag}] **Alpha Model.** *Jane Doe.* [[paper](https://example.org/a)]",
            "- [2023/09] **Beta Model.** *John Roe.* [[paper](https://example.org/b)]",
        )

    assert _found(papers("2023/12"), "AL307") == []
    for impossible in ("2023/13", "2024.02.30", "20234.02.01"):
        assert _found(papers(impossible), "AL307") == [5], impossible


def test_al307_no_date_where_every_other_paper_has_one() -> None:
    usual = [_dated(n, f"{n} Sep 2023") for n in range(1, 11)]
    undated = (
        "**Method 11 Title Here** \\\n*Ann Lee, Bo Li* \\\n[[Paper](https://example.org/11)] \\\nACL 2023\n"
    )
    text = _papers(*usual, undated)
    assert _found(text, "AL307") == [55]
    assert _found(_papers(*usual[:8], undated), "AL307") == []  # too few papers to call it a rule


def test_a_category_heading_in_a_list_item_over_indented_parts() -> None:
    text = (
        "# Papers\n\n## Generation\n\n  - ##### Token-wise\n\n    ##### Tokenizer\n"
        "    - **Alpha Method** [Paper](https://example.org/1)\n\n    ##### Decoder\n"
        "    - **Beta Method** [Paper](https://example.org/2)\n"
    )
    assert _found(text, "AL101") == []
    assert _found(text.replace("    ##### Tokenizer", "  - ##### Tokenizer"), "AL101") == [5]


def test_al306_leaves_labels_abbreviated_journals_and_generic_words_alone() -> None:
    label = "- \\[[arxiv](https://arxiv.org/abs/2402.05391)\\] Alpha Survey of Graphs. `2024.02`"
    journal = "1. **Beta Vision Model.** Int. J. Comput. Vis. 2022 [paper](https://example.org/b)"
    workshop = _entry(3, "ICLR workshop 2017")
    assert _found(_papers(label, label.replace("2402.05391", "2402.05392"), journal, workshop), "AL306") == []


def test_al206_a_blog_post_sharing_a_papers_title_is_no_duplicate() -> None:
    paper = "1. **Attention Sinks in Language Models**. *Ann Lee, Bo Li*. **ICLR 2024**. [paper](https://arxiv.org/abs/2309.17453)"
    post = "- **Attention Sinks in Language Models**. *Ann Lee*. [Blog](https://example.org/blog/attention-sinks)"
    again = "2. **Attention Sinks in Language Models**. *Ann Lee, Bo Li*. **ICLR 2024**. [paper](https://openreview.net/forum?id=x)"
    assert _found(_papers(paper, "", post), "AL206") == []
    assert _found(_papers(paper, again), "AL206") == [6]


def test_al501_the_odd_entry_out_of_a_cross_listed_papers_link_is_the_copy() -> None:
    voyager = _entry(1, "arXiv 2023", "https://arxiv.org/abs/2305.16291", title="Voyager Open Agent")
    fireact = _entry(2, "arXiv 2023", "https://arxiv.org/abs/2305.16291", title="FireAct Agent Tuning")
    sections = [f"## Part {n}\n\n{voyager}\n" for n in range(3)]
    text = "# Papers\n\n" + sections[0] + "\n" + fireact + "\n\n" + "".join(sections[1:])
    assert _found(text, "AL501") == [7]


def test_al606_emphasis_over_two_lines_renders() -> None:
    text = _papers(
        "1. **Alpha Method**. *Ann Lee, Bo Li,\n   Cy Dow*. **ACL 2020**. [paper](https://example.org/1)",
        _entry(2, "ACL 2020"),
    )
    assert _found(text, "AL606") == []


def test_al202_numbering_counted_by_markdown_and_continued_in_a_details_block() -> None:
    lazy = [
        _entry(1, "ACL 2020").replace("1. **Method number 1**", f"1. **Method {n}**") for n in range(1, 4)
    ]
    more = [
        "",
        "<details><summary>more</summary>",
        "",
        _entry(4, "ACL 2020"),
        _entry(5, "ACL 2020"),
        "",
        "</details>",
    ]
    assert _found(_papers(*lazy, *more), "AL202") == []
    slipped = [*more[:3], _entry(5, "ACL 2020"), _entry(6, "ACL 2020"), "", "</details>"]
    assert _found(_papers(*lazy, *slipped), "AL202") == [11]


def test_al206_a_date_read_as_a_title_names_no_paper() -> None:
    rows = [f"| 2021/05 | [Model {n}](https://example.org/{n}) | Paper {n} |" for n in (1, 2)]
    text = (
        "# Papers\n\n## Timeline\n\n| Date | Model | Paper |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n"
    )
    assert _found(text, "AL206") == []


def test_al501_two_papers_with_their_code_links_swapped() -> None:
    def papers(alpha_code: str, beta_code: str) -> str:
        return _papers(
            _coded(1, "Ann Lee", f"https://github.com/lab/{alpha_code}").replace(
                "Method number 1", "FastRank: Quick Ranking"
            ),
            _coded(2, "Bo Li", f"https://github.com/lab/{beta_code}").replace(
                "Method number 2", "SlowNet: Careful Nets"
            ),
        )

    assert _found(papers("FastRank", "slow-net"), "AL501") == []
    assert _found(papers("slow-net", "FastRank"), "AL501") == [5]


def test_al206_one_title_years_apart_is_two_papers() -> None:
    first = _entry(1, "ACM CSUR 2009", title="Word Sense Disambiguation: A Survey")
    later = _entry(2, "arXiv 2015", title="Word sense disambiguation: a survey")
    assert _found(_papers(first, later), "AL206") == []
    assert _found(_papers(first, later.replace("2015", "2010")), "AL206") == [6]


def test_al606_a_star_in_the_author_line_that_ends_the_italics_early() -> None:
    def papers(authors: str) -> str:
        return _papers(
            f"1. **Alpha Method**. {authors}. **ACL 2020**. [paper](https://example.org/1)",
            _entry(2, "ACL 2020"),
        )

    assert _found(papers("*Ann Lee, Bo Li, Cy Dow*"), "AL606") == []
    assert _found(papers("*Ann Lee*, Bo Li, Cy Dow*"), "AL606") == [5]


def test_al501_rows_of_one_paper_in_a_table_share_its_link() -> None:
    def table(second_venue: str) -> str:
        rows = [
            "| 2022-10 | ICLR 2023 | [MBXP](https://arxiv.org/abs/2210.14868) |",
            f"| 2022-10 | {second_venue} | [Multilingual HumanEval](https://arxiv.org/abs/2210.14868) |",
        ]
        return (
            "# Benchmarks\n\n## Code\n\n| Date | Venue | Name |\n| --- | --- | --- |\n"
            + "\n".join(rows)
            + "\n"
        )

    assert _found(table("ICLR 2023"), "AL501") == []
    assert _found(table("NeurIPS 2022"), "AL501") == [8]


def test_al206_one_title_by_other_authors_is_another_paper() -> None:
    first = _entry(1, "ACL 2020", title="Knowledge Distillation", authors="Ann Lee, Bo Li")
    other = _entry(2, "ACL 2020", title="Knowledge Distillation", authors="Cy Dow, Di Eng")
    assert (
        _found(_papers(first, other.replace("https://example.org/2", "https://example.org/b")), "AL206") == []
    )
    same = _entry(2, "ACL 2020", title="Knowledge Distillation", authors="Ann Lee, Fay Gu")
    assert _found(_papers(first, same), "AL206") == [6]


def test_al101_a_heading_that_says_nothing_is_there_yet() -> None:
    text = "# Papers\n\n## Tools\n\n- [Kit](https://example.org/kit)\n\n## More tasks are coming soon!\n"
    assert _found(text, "AL101") == []
    assert _found(text.replace("are coming soon!", "and tasks"), "AL101") == [7]


def test_two_entries_run_together_on_one_line_are_reported_with_a_fix_that_splits_them() -> None:
    text = _papers(
        "+ [Alpha Networks for Vision](https://arxiv.org/abs/2101.00001) Ann Lee, Bo Li+ "
        "[Beta Networks for Language](https://arxiv.org/abs/2101.00002) Cy Doe",
        "+ [Gamma Networks for Speech](https://arxiv.org/abs/2101.00003) Di Roe",
    )
    found = [d for d in lint(text) if d.code == "AL214"]
    assert [d.span.start_line for d in found] == [5]
    fixed = fix(text, unsafe=True).text
    assert "Bo Li\n+ [Beta Networks for Language]" in fixed
    assert [e.title.text for e in parse(fixed).iter_entries() if e.title] == [
        "Alpha Networks for Vision",
        "Beta Networks for Language",
        "Gamma Networks for Speech",
    ]
    assert _found(fixed, "AL214") == []


def test_bullet_characters_that_are_not_a_new_entry_are_not_reported() -> None:
    text = _papers(
        "* [Alpha Networks for Vision](https://example.org/1) *Ann Lee.* [code](https://example.org/c)",
        "* [C++ Primer](https://example.org/2) C++ [notes](https://example.org/n) and C+ [x](https://example.org/x)",
        "* [Gamma Networks](https://example.org/3) - see [the section](#models)",
    )
    assert _found(text, "AL214") == []


def test_a_bracketed_venue_right_after_a_plain_title_is_reported_without_a_fix() -> None:
    plain = [
        f"{n}. Method Number {n} for Vision. NeurIPS 2022. [paper](https://example.org/{n})"
        for n in range(1, 8)
    ]
    text = _papers(*plain, "8. Another Method for Vision [NIPS 2017] [paper](https://example.org/8)")
    found = [d for d in lint(text) if d.code == "AL301"]
    assert [d.span.start_line for d in found] == [12]
    assert found[0].fix is None
    result = fix(text)
    assert not result.refused and "Another Method for Vision [NIPS 2017]" in result.text


def test_a_venue_only_its_markup_holds_together_is_not_unwrapped() -> None:
    plain = [
        f"{n}. **Method Number {n} for Vision**. NeurIPS 2022. [paper](https://example.org/{n})"
        for n in range(1, 9)
    ]
    bound = [
        "9. **Method Nine for Robots**, *Conference on Robot Trials (CoRT), May 2024*. [paper](https://example.org/9)",
        "10. **Method Ten for Robots**, *7th Annual Workshop on Robot Trials, 2023*. [paper](https://example.org/10)",
        "11. **Robot Bias**: *FAT, Jun 2022*. [paper](https://example.org/11)",
    ]
    unbound = "12. **Method Twelve for Robots**, *arXiv, May 2024*. [paper](https://example.org/12)"
    text = _papers(*plain, *bound, unbound)
    found = {d.span.start_line: d.fix for d in lint(text) if d.code == "AL301"}
    assert sorted(found) == [13, 14, 15, 16]
    assert [found[line] for line in (13, 14, 15)] == [None, None, None] and found[16] is not None
    result = fix(text)
    assert not result.refused and "**Robot Bias**: *FAT, Jun 2022*" in result.text
    assert "Robots**, arXiv, May 2024." in result.text


def test_a_venue_without_a_year_where_the_list_has_no_year_style() -> None:
    # Dated venues (`*arXiv, May 2023*`) give the list a markup but no year style: the yearless
    # venue's shape is its name in that markup (it crashed the run: `none` is no year style).
    dated = [
        f'* **Model{n}**: "Planning Method {n} with Language", *arXiv, May 2023*. [[Paper](https://a.org/{n})]'
        for n in range(1, 4)
    ]
    text = _papers(*dated, '* **TIP**: "Task Instructions for Pick and Place". [[Paper](https://a.org/4)]')
    found = [d for d in lint(text) if d.code == "AL301"]
    assert [(d.span.start_line, d.fix) for d in found] == [(8, None)]
    assert "bold instead of italic markup" in found[0].message and "`*Venue*`" in found[0].message


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_run_together_entries_with_every_line_ending(ending: str) -> None:
    """AL214 reports the entry run into an item, and only it, whatever the line breaks; its fix
    breaks the line with the file's own ending."""
    text = ending.join(
        [
            "# List",
            "",
            "+ [Alpha Title](https://arxiv.org/abs/2101.00001) Jane Doe+ "
            "[Beta Title](https://arxiv.org/abs/2101.00002) Bo Li",
            "+ [Gamma Title](https://arxiv.org/abs/2101.00003) Cy Wu",
            "",
        ]
    )
    found = [d for d in lint(text) if d.code == "AL214"]
    assert [d.span.start_line for d in found] == [3]
    assert found[0].fix is not None and [e.replacement for e in found[0].fix.edits] == [ending]
