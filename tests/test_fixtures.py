"""Lists in other shapes than the seed parse to the expected entries."""

from __future__ import annotations

from awesomelint import parse

from .conftest import FIXTURES


def _parse(name: str):
    return parse((FIXTURES / name).read_text(encoding="utf-8"))


def test_classic_awesome_list() -> None:
    doc = _parse("classic.md")
    entries = list(doc.iter_entries())
    # Table-of-contents items link into the page: navigation, not entries.
    assert [e.title.text for e in entries if e.title] == [
        "mypy", "ruff", "ruff-lsp", "pylint", "clippy", "cargo-deny",
    ]  # fmt: skip
    assert all(e.marker == "bullet" and e.number is None for e in entries)
    mypy = entries[0]
    assert [(link.label, link.url) for link in mypy.links] == [("mypy", "https://github.com/python/mypy")]
    assert mypy.description is not None and mypy.description.text == "Optional static typing for Python."
    assert entries[3].description is not None
    assert entries[3].description.text == "a `pylint` checker with many plugins."
    assert (
        entries[4].description is not None
        and entries[4].description.text == "Lints to catch common mistakes."
    )
    assert entries[2].section_path[-1] == "Python"
    assert all(e.venue is None and e.authors is None for e in entries)
    contents = next(s for s in doc.iter_sections() if s.text == "Contents")
    assert contents.entries == [] and [b.kind for b in contents.blocks] == ["list", "list"]
    assert {a.fragment for a in doc.anchors} == {"python", "rust"}


def test_bulleted_paper_list() -> None:
    doc = _parse("bulleted_papers.md")
    entries = list(doc.iter_entries())
    assert len(entries) == 5
    first = entries[0]
    assert first.title is not None and first.title.text == "A Comprehensive Survey on Graph Neural Networks"
    assert first.title.raw == "A Comprehensive Survey on Graph Neural Networks,"
    assert first.venue is not None and first.venue.name.text == "IEEE TNNLS" and first.year == 2020
    assert first.venue.markup == "plain"
    assert first.authors is not None and first.authors.names[-1] == "Philip S. Yu"
    assert len(first.authors.names) == 6
    assert [link.label for link in first.links] == ["pdf"]
    gcn = entries[2]
    assert [(link.label, link.url) for link in gcn.links] == [
        ("pdf", "https://arxiv.org/pdf/1609.02907.pdf"),
        ("code", "https://github.com/tkipf/gcn"),
    ]
    assert [e.venue.name.text for e in entries if e.venue] == [
        "IEEE TNNLS",
        "AI Open",
        "ICLR",
        "ICLR",
        "NeurIPS",
    ]
    assert entries[3].authors is not None and "Petar Veličković" in entries[3].authors.names


def test_paper_and_code_lines() -> None:
    doc = _parse("paper_code_lines.md")
    entries = list(doc.iter_entries())
    assert [(e.marker, e.number) for e in entries] == [
        ("ordered", 1),
        ("ordered", 2),
        ("ordered", 3),
        ("bullet", None),
    ]
    ddpm, ldm, sde, video = entries
    assert ddpm.venue is not None and ddpm.venue.markup == "bracket" and ddpm.venue.raw == "[NeurIPS 2020]"
    assert ddpm.authors is not None and ddpm.authors.separator == ";" and ddpm.authors.markup == "_"
    assert ddpm.authors.names == ("Jonathan Ho", "Ajay Jain", "Pieter Abbeel")
    assert [(link.label, link.url) for link in ddpm.links] == [
        ("paper", "https://arxiv.org/abs/2006.11239"),
        ("code", "https://github.com/hojonathanho/diffusion"),
    ]
    assert ldm.venue is not None and ldm.venue.name.text == "CVPR" and ldm.year == 2022
    assert ldm.venue.year is not None and ldm.venue.year.raw == "22"
    assert [link.label for link in sde.links] == ["Paper", "code"]  # [[Paper](u)] and [[code]](u)
    assert video.section_path[-1] == "Video Generation" and video.year == 2022


def test_paragraph_entries_and_tagged_titles() -> None:
    doc = _parse("paragraph_entries.md")
    entries = list(doc.iter_entries())
    assert [(e.marker, e.number) for e in entries] == [
        ("paragraph", None), ("paragraph", None), ("ordered", 1), ("ordered", 2), ("ordered", 3),
    ]  # fmt: skip
    survey = entries[0]
    assert survey.title is not None and survey.title.text == "A Comprehensive Survey on Graph Neural Networks"
    assert survey.authors is not None and survey.authors.names == ("Zonghan Wu", "Shirui Pan", "Fengwen Chen")
    assert survey.venue is not None and survey.venue.name.text == "IEEE TNNLS" and survey.year == 2020
    assert [link.label for link in survey.links] == ["Paper"]
    assert survey.marker_span.start == survey.span.start == survey.title.span.start - 2
    gcn = entries[2]
    assert (
        gcn.title is not None
        and gcn.title.text == "Semi-Supervised Classification with Graph Convolutional Networks"
    )
    assert gcn.venue is not None and gcn.venue.raw == "[ICLR 2017]"


def test_nested_classic_list() -> None:
    doc = _parse("classic_nested.md")
    titles = [e.title.text for e in doc.iter_entries() if e.title]
    assert titles[:3] == ["ajenti", "django-grappelli", "flask-admin"]
    assert "Algorithms" not in titles and "algorithms" in titles and len(titles) == 11
    assert all(e.section_path[-1] != "Awesome Python" for e in doc.iter_entries())


def test_missing_fields_are_not_a_layout_and_publishers_are_not_aliases() -> None:
    from awesomelint.engine import run_rules

    classic = run_rules(_parse("classic_nested.md"))
    assert [d.code for d in classic] == []  # two entries without a description are not another layout
    codes = [d.code for d in run_rules(_parse("bulleted_papers.md"))]
    assert "AL302" not in codes  # `IEEE TNNLS` is TNNLS with its publisher, not an old name


def test_table_rows_are_entries_read_by_their_headers() -> None:
    doc = _parse("table_papers.md")
    entries = list(doc.iter_entries())
    assert [e.marker for e in entries] == ["table", "table", "bullet", "bullet", "bullet", "table", "table"]
    lora = entries[0]
    assert lora.title is not None and lora.title.text == "LoRA: Low-Rank Adaptation of Large Language Models"
    assert lora.venue is not None and (lora.venue.name.text, lora.year) == ("ICLR", 2022)
    assert [link.label for link in lora.links] == [
        "LoRA: Low-Rank Adaptation of Large Language Models",
        "code",
    ]
    columns = entries[5]  # Date | Paper | Venue | Year | Authors | Links
    assert columns.title is not None and columns.title.text.startswith("LoRA")
    assert columns.venue is not None and (columns.venue.name.text, columns.year) == ("ICLR", 2022)
    assert columns.authors is not None and columns.authors.names == ("Edward J. Hu", "Yelong Shen")
    assert columns.venue.year is not None and columns.venue.year.raw == "2022"
    assert [link.label for link in entries[6].links] == [
        "QLoRA: Efficient Finetuning of Quantized LLMs",
        "code",
    ]


def test_tables_and_lists_in_one_list_are_judged_apart() -> None:
    from awesomelint import fix, lint

    text = (FIXTURES / "mixed_shapes.md").read_text(encoding="utf-8")
    assert lint(text) == []
    assert not fix(text, unsafe=True).changed


def test_bold_links_reference_links_details_and_front_matter() -> None:
    from awesomelint.engine import run_rules

    doc = _parse("misc_shapes.md")
    entries = list(doc.iter_entries())
    assert [(e.title.text if e.title else None, e.venue.raw if e.venue else None) for e in entries] == [
        ("Learning to Walk in Minutes", "CoRL 2021"),
        ("Legged Locomotion in Challenging Terrains", "RSS 2022"),
        ("Deep Residual Learning for Image Recognition", "CVPR 2016"),
        ("Mask R-CNN", "ICCV 2017"),
        ("Rich feature hierarchies", "CVPR 2014"),
    ]
    assert [link.label for link in entries[0].links] == ["Learning to Walk in Minutes", "code", "video"]
    assert entries[2].links[0].url == "https://arxiv.org/abs/1512.03385"  # a reference link
    assert doc.sections[0].text == "Awesome Robotics" and doc.sections[0].span.start_line == 5
    codes = {d.code for d in run_rules(doc)}
    assert not codes & {"AL103", "AL104", "AL202", "AL301", "AL303"}  # <a name>, emoji slugs, a restart at 1


def test_venue_before_the_title() -> None:
    entries = list(_parse("venue_first.md").iter_entries())
    assert [(e.title.text if e.title else None, e.venue.name.text if e.venue else None) for e in entries] == [
        ("Denoising Diffusion Probabilistic Models", "NeurIPS"),
        ("Score-Based Generative Modeling", "ICLR"),
    ]
    assert entries[0].authors is not None and entries[0].authors.names == ("Jonathan Ho", "Ajay Jain")


def test_navigation_and_prose_are_not_entries() -> None:
    from awesomelint.engine import run_rules

    doc = _parse("navigation.md")
    entries = list(doc.iter_entries())
    assert [e.title.text for e in entries if e.title][:3] == ["ruff", "mypy", "black"]
    assert len(entries) == 6  # the bold prose sentence is not an entry
    assert all(len(e.links) == 1 for e in entries)  # "back to top" lines join no entry
    assert run_rules(doc) == []


def test_category_bullets_and_badges() -> None:
    from awesomelint.engine import run_rules

    doc = _parse("categories_and_badges.md")
    titles = [e.title.text if e.title else None for e in doc.iter_entries()]
    assert titles == ["Django", "Flask", "FastAPI", "gunicorn", "uvicorn", "httpx"]
    assert run_rules(doc) == []
    categories = [b.text for section in doc.iter_sections() for b in section.blocks if b.kind == "list"]
    assert "Frameworks" in categories and "Servers:" in categories


def test_venue_notes_after_the_year() -> None:
    from awesomelint import fix, lint

    doc = _parse("venue_notes.md")
    venues = [(e.venue.name.text, e.year) if e.venue else None for e in doc.iter_entries()]
    assert venues == [("NeurIPS", 2017), ("CVPR", 2016), ("NAACL", 2019), ("ICLR", 2015)]
    assert lint((FIXTURES / "venue_notes.md").read_text(encoding="utf-8")) == []
    entry = "1. **A paper one**. *Ann Lee, Bo Li*. **ACL 2020 (Oral).** [paper](https://a.org/1)\n"
    rest = "".join(
        f"{n}. **A paper {w}**. *Ann Lee, Bo Li*. **ACL'202{n - 1}**. [paper](https://a.org/{n})\n"
        for n, w in ((2, "two"), (3, "three"))
    )
    fixed = fix(f"# P\n\n## M\n\n{entry}{rest}").text
    assert "1. **A paper one**. *Ann Lee, Bo Li*. **ACL'2020 (Oral)**. [paper](https://a.org/1)\n" in fixed


def test_venue_aliases_old_names_and_case_variants_only() -> None:
    from awesomelint import lint

    def entry(n: int, venue: str) -> str:
        return f"{n}. **Paper number {n}**. *Ann Lee, Bo Li*. **{venue}**. [paper](https://a.org/{n})\n"

    venues = [
        "NIPS'2019", "Neurips'2018", "Arxiv'2019", "IEEE TNNLS'2020",
        "Neural Information Processing Systems'2021", "NeurIPS'2022", "arXiv'2023", "NIPS'2017",
    ]  # fmt: skip
    text = "# P\n\n## M\n\n" + "".join(entry(n, v) for n, v in enumerate(venues, 1))
    found = {(d.span.start_line, d.message) for d in lint(text) if d.code == "AL302"}
    # `NIPS'2017` is the name of its year; a miscasing is AL306's, once per spelling (issue 24)
    assert found == {(5, "`NIPS` is another name of `NeurIPS`")}
    miscased = {(d.span.start_line, d.message) for d in lint(text) if d.code == "AL306"}
    assert miscased == {
        (6, "`Neurips` is `NeurIPS` written in another case (one entry writes it)"),
        (7, "`Arxiv` is `arXiv` written in another case (one entry writes it)"),
    }
