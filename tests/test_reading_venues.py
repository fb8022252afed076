"""Venues and dates written as real lists write them (issue 23): a month beside a venue's year, short
years glued on, qualifiers after the year, yearless venues, and references whose venue stands before
their volume and pages. Every list here is made up for the test; the asserts are on the fields read."""

from __future__ import annotations

import threading

from awesomelint import fix, lint, parse
from awesomelint.model import Entry


def _entries(text: str) -> list[Entry]:
    return list(parse(text).iter_entries())


def _venue(entry: Entry) -> tuple[str | None, str | None, str | None, str | None]:
    """The venue as written, its name and year, and the entry's date."""
    venue = entry.venue
    return (
        venue.raw if venue else None,
        venue.name.text if venue else None,
        venue.year.text if venue and venue.year else None,
        entry.date.raw if entry.date else None,
    )


def _codes(text: str) -> list[tuple[int, str]]:
    return [(finding.span.start_line, finding.code) for finding in lint(text)]


DATED_TAGS = """# Code Papers

- "Alpha Repair with Tuned Models" [2025-05] [EASE, June 2025] [[paper](https://arxiv.org/abs/2505.00001)]
- "Beta Repair from Failing Tests" [2025-07] [TSE, July 2025] [[paper](https://arxiv.org/abs/2507.00002)]
- "Gamma Fixing of Breaking Changes" [2025-06] [PACMSE, July 2025] [[paper](https://doi.org/10.1/3)]
- "Delta Code Pretraining" [2022-12] [ACL23 (Findings)] [[paper](https://arxiv.org/abs/2212.00004)]
- "Epsilon Program Synthesis" [2023-01] [ICSE 2024] [[paper](https://arxiv.org/abs/2301.00005)]
- "Eta Program Repair" [2023-02] [FSE 2024] [[paper](https://arxiv.org/abs/2302.00007)]
- "Theta Test Generation" [2023-03] [ASE 2023] [[paper](https://arxiv.org/abs/2303.00008)]
- "Iota Code Review" [2023-04] [ICSE 2024] [[paper](https://arxiv.org/abs/2304.00009)]
- "Zeta Text to Query Survey", 2023-01, VLDB J., [[paper](https://doi.org/10.1/6)]
"""


def test_a_venue_in_brackets_with_its_month_after_a_date_tag() -> None:
    entries = _entries(DATED_TAGS)
    assert [_venue(e) for e in entries] == [
        ("[EASE, June 2025]", "EASE", "2025", "2025-05"),
        ("[TSE, July 2025]", "TSE", "2025", "2025-07"),
        ("[PACMSE, July 2025]", "PACMSE", "2025", "2025-06"),  # an acronym is no person's name
        ("[ACL23 (Findings)]", "ACL", "2023", "2022-12"),  # the qualifier is the venue's
        ("[ICSE 2024]", "ICSE", "2024", "2023-01"),
        ("[FSE 2024]", "FSE", "2024", "2023-02"),
        ("[ASE 2023]", "ASE", "2023", "2023-03"),
        ("[ICSE 2024]", "ICSE", "2024", "2023-04"),
        ("VLDB J.", "VLDB J.", None, "2023-01"),  # a known venue's abbreviation, its period included
    ]
    assert [e.venue.markup for e in entries[:5] if e.venue] == ["bracket"] * 5
    # the month is the venue's date: its year style is no finding (`[TSE, July 2025]` is no `[TSE, 2025]`)
    # (a short year glued on is another year style, and the venue outside brackets another markup)
    assert [line for line, code in _codes(DATED_TAGS) if code == "AL301"] == [6, 11]


def test_a_dated_venue_in_brackets_gives_the_date_when_no_tag_does() -> None:
    (entry,) = _entries("# P\n\n- [Alpha Beta Gamma](https://arxiv.org/abs/2507.00001) [TSE, July 2025]\n")
    assert _venue(entry) == ("[TSE, July 2025]", "TSE", "2025", "July 2025")


def test_short_years_glued_or_hyphenated_to_a_known_venue() -> None:
    text = """# Mamba Papers

- (NAACL-25) Alpha Shedder: Compression for State Space Models [[paper](https://arxiv.org/abs/2501.00001)]
- (AAAI 2025) Beta Hashing with Selective State Spaces [[paper](https://arxiv.org/abs/2412.00002)]
- Gamma Tracking with Mamba [ICML-20] [[paper](https://arxiv.org/abs/2001.00003)]
- Delta Segmentation with ResNet50 backbones [[paper](https://arxiv.org/abs/2001.00004)]
"""
    entries = _entries(text)
    assert [_venue(e)[1:3] for e in entries] == [
        ("NAACL", "2025"),
        ("AAAI", "2025"),
        ("ICML", "2020"),
        (None, None),
    ]
    assert entries[0].venue is not None and entries[0].venue.raw == "NAACL-25"


def test_a_qualifier_after_the_year_belongs_to_the_venue_in_every_markup() -> None:
    text = """# Papers

1. **Alpha Beta Method.** *Jane Doe, John Roe.* **NeurIPS 2021 Robustness Workshop.** [[paper](https://arxiv.org/abs/2101.00001)]
2. **Gamma Delta Model.** *Jane Doe, John Roe.* **ICML 2018 Workshop** [[paper](https://arxiv.org/abs/1801.00002)]
3. [Epsilon Zeta System](https://arxiv.org/abs/2201.00003) [EMNLP 2022 Findings]
4. [Eta Theta Study](https://arxiv.org/abs/2201.00004). *EMNLP 2022 Findings*
"""
    entries = _entries(text)
    assert [_venue(e)[:3] for e in entries] == [
        ("**NeurIPS 2021 Robustness Workshop.**", "NeurIPS", "2021"),
        ("**ICML 2018 Workshop**", "ICML", "2018"),
        ("[EMNLP 2022 Findings]", "EMNLP", "2022"),
        ("*EMNLP 2022 Findings*", "EMNLP", "2022"),
    ]


def test_venue_rules_read_the_name_of_a_qualified_venue() -> None:
    """The name without its qualifier is what the venue tables know: an old name, a miscasing and a
    misspelling are found in qualified venues as in plain ones, and fixed without the qualifier lost."""
    rows = [
        ("Alpha", "NeurIPS 2021 Workshop"),
        ("Beta", "NeurIPS 2022"),
        ("Gamma", "NeurIPS 2023"),
        ("Delta", "NIPS 2022 Workshop"),  # an old name for a year after the renaming
        ("Epsilon", "Neurips 2021 Robustness Workshop"),
        ("Zeta", "NeurrIPS 2020 Workshop"),
        ("Eta", "ICML 2019"),
    ]
    text = "# Papers\n\n" + "".join(
        f"- **{name} Beta Gamma Learning.** *Jane Doe, John Roe.* {venue}. [[paper](https://arxiv.org/abs/2101.0000{i})]\n"
        for i, (name, venue) in enumerate(rows)
    )
    assert [_venue(e)[1] for e in _entries(text)] == ["NeurIPS"] * 3 + ["NIPS", "Neurips", "NeurrIPS", "ICML"]
    found = {(line, code) for line, code in _codes(text) if code in ("AL302", "AL303", "AL306")}
    assert found == {(6, "AL302"), (7, "AL306"), (8, "AL303")}
    fixed = fix(text).text
    assert "NeurIPS 2022 Workshop." in fixed and "NeurIPS 2021 Robustness Workshop." in fixed


def test_the_venues_year_and_a_preprints_month_in_one_tag() -> None:
    text = """# Papers

- **[ICLR, 2025/2024.10]** Alpha Visual Autoregression [[Paper](https://arxiv.org/abs/2410.00001)]
- **[CVPR 2025, 2025/2024.12]** Beta Token Generation [[Paper](https://arxiv.org/abs/2412.00002)]
- **[Arxiv, 2025.07]** Gamma Tokenizers [[Paper](https://arxiv.org/abs/2507.00003)]
"""
    assert [_venue(e)[1:] for e in _entries(text)] == [
        ("ICLR", "2025", "2024.10"),
        ("CVPR", "2025", "2024.12"),
        ("Arxiv", "2025", "2025.07"),
    ]


def test_a_venue_badge_without_a_year() -> None:
    badge = "![Publish](https://img.shields.io/badge/{}-blue)"
    journal, status = "Conference-Nature%20Scientific%20Reports", "Publication-Under%20Review"
    text = (
        "# Papers\n\n| Title | Venue |\n| --- | --- |\n"
        f"| [Alpha Pruning](https://arxiv.org/abs/2401.00001) | {badge.format(journal)} |\n"
        f"| [Beta Quantising](https://arxiv.org/abs/2401.00002) | {badge.format(status)} |\n"
    )
    entries = _entries(text)
    venue = entries[0].venue
    assert venue is not None and (venue.name.text, venue.year, venue.markup) == (
        "Nature Scientific Reports",
        None,
        "badge",
    )
    assert entries[1].venue is None  # a status, not a venue


REFERENCES = (
    "# Vision\n\n## Super-resolution\n\n"
    "* [Alpha Resolution](https://example.org/alpha)\n"
    "    * J. Doe and R. Roe, Alpha Prediction Model for Single Images, IEEE Transactions on Image"
    " Processing, Vol. 23, No. 6, Pages 2569-2582, June 2014\n"
    "* [Beta Embedding](https://example.org/beta.zip)\n"
    "    * A. Poe, B. Moe, C. Loe. Beta through neighbour embedding. Proceedings of the IEEE Conference on"
    " Computer Vision and Pattern Recognition (CVPR), vol.1, pp.275-282, Springfield, USA, 27 June - 2 July"
    " 2004.\n\n## Captions\n\n"
    '**[1]** Roe, Jane, et al. "**Gamma talk: describing images**". In Proceedings of the 24th CVPR, 2011.'
    " [[pdf]](https://example.org/gamma.pdf)\n"
)


def test_a_references_venue_stands_before_its_volume_pages_and_dates() -> None:
    entries = _entries(REFERENCES)
    venues = [
        (e.venue.name.text if e.venue else None, e.year, e.date.raw if e.date else None) for e in entries
    ]
    assert venues == [
        ("IEEE Transactions on Image Processing", 2014, "June 2014"),  # not `Pages 2569-2582`
        ("CVPR", 2004, "2 July 2004"),  # not `June -`, the first half of a range of dates
        ("Proceedings of the 24th CVPR", 2011, None),  # not `Proceedings of the`
    ]
    assert all(e.kind == "paper" for e in entries)


def test_a_month_is_kept_through_fix_in_every_shape_that_writes_one() -> None:
    """The list writes `*Venue, YYYY*`; fix puts each plain venue in italics and keeps every month,
    which still reads as the entry's date."""
    lines = [
        f'* **{name}**: "{name} Planning for Robots", *{venue}, {year}*. [[Paper](https://arxiv.org/abs/{year}.0{i})]'
        for i, (name, venue, year) in enumerate(
            [("Alpha", "ICRA", 2024), ("Beta", "CoRL", 2023), ("Gamma", "IROS", 2023), ("Delta", "RSS", 2024)]
        )
    ]
    lines += [
        '* **Eps**: "Eps Grasping", CVPR, June 2025. [[Paper](https://arxiv.org/abs/2506.00005)]',
        '* **Zeta**: "Zeta Tool Use", AAAI Jan 2024. [[Paper](https://arxiv.org/abs/2401.00006)]',
        '* **Eta**: "Eta Bimanual Skills", Nov. 2024. [[Paper](https://arxiv.org/abs/2411.00007)]',
        '* **Theta**: "Theta Navigation" [TSE, July 2025] [[Paper](https://arxiv.org/abs/2507.00008)]',
    ]
    text = "# Robots\n\n" + "\n".join(lines) + "\n"
    fixed = fix(text, unsafe=True).text
    dates = {e.title.text: e.date.raw for e in _entries(fixed) if e.title and e.date}
    assert dates == {
        "Eps Grasping": "June 2025",
        "Zeta Tool Use": "Jan 2024",
        "Eta Bimanual Skills": "Nov. 2024",
        "Theta Navigation": "July 2025",
    }
    assert '"Eps Grasping", *CVPR, June 2025*.' in fixed
    assert '"Zeta Tool Use", *AAAI Jan 2024*.' in fixed
    assert '"Theta Navigation" *TSE, July 2025* [[Paper]' in fixed
    assert '"Eta Bimanual Skills", Nov. 2024.' in fixed  # a date alone is no venue to rewrite


def test_a_venue_written_inside_the_title_is_left_to_the_title() -> None:
    """A venue inside a bold title (`**Title, AAAI 2024 Tutorial**`) or glued to the front of a linked
    one (`[ICML2022-Title](u)`) is not read: a fix to such a venue would rewrite the title's markup,
    and a repository's name (`[CVPR2023-Occupancy](u)`) would turn a code link into a paper."""
    text = """# Papers

- **Editing Alpha Models, AAAI 2024 Tutorial** [[slides](https://example.org/a)]
- [ICML2022-Welcome to the Era of Beta Models](https://example.org/tutorial/2022)
- [CVPR2023-Gamma Occupancy](https://github.com/example/gamma)
"""
    entries = _entries(text)
    assert [(e.title.text if e.title else None, e.venue) for e in entries] == [
        ("Editing Alpha Models, AAAI 2024 Tutorial", None),
        ("ICML2022-Welcome to the Era of Beta Models", None),
        ("CVPR2023-Gamma Occupancy", None),
    ]


def test_a_journal_written_out_in_parentheses_before_the_title() -> None:
    """A journal's written-out name is a venue without a year, known or not, and the title starts
    after it; a venue of many words among short ones is no unknown-venue finding when it names a
    journal."""
    conferences = [
        f"- (CVPR 2024) Method {n} for Segmentation [[paper](https://arxiv.org/abs/2401.0{n})]"
        for n in range(10, 40)
    ]
    text = (
        "# Papers\n\n"
        + "\n".join(conferences)
        + "\n"
        + (
            "- (IEEE Geoscience and Remote Sensing Letters) Alpha: Mapping Fields [[paper](https://doi.org/10.1/a)]\n"
            "- (Journal of Beta Field Robotics) Beta Crawling Robots [[paper](https://doi.org/10.1/b)]\n"
            "- (Scientific Reports) Gamma Imaging Networks [[paper](https://doi.org/10.1/c)]\n"
            "- (a note on the journal version) Delta Study of Things [[paper](https://doi.org/10.1/d)]\n"
        )
    )
    entries = _entries(text)[30:]
    assert [(e.title.text if e.title else None, _venue(e)[1]) for e in entries] == [
        ("Alpha: Mapping Fields", "IEEE Geoscience and Remote Sensing Letters"),
        ("Beta Crawling Robots", "Journal of Beta Field Robotics"),
        ("Gamma Imaging Networks", "Scientific Reports"),
        ("Delta Study of Things", None),
    ]
    assert not [code for _, code in _codes(text) if code == "AL303"]


def test_a_date_in_emphasis_with_no_venue_before_it_is_read_as_the_date() -> None:
    # Inside emphasis only the first date can follow a venue's name: with none before it the reading
    # looked at that date again and again, and never returned.
    entries: list[Entry] = []
    texts = ["*July 2022*", "*, July 2022*", "*June - July 2022*", "*arXiv, July 2022*"]
    reading = threading.Thread(
        target=lambda: entries.extend(
            _entries("".join(f"- **Title {n}**. {t}\n" for n, t in enumerate(texts)))
        ),
        daemon=True,  # (a reading that never returns fails the test instead of holding the run)
    )
    reading.start()
    reading.join(timeout=120)
    assert [_venue(entry) for entry in entries] == [
        (None, None, None, "July 2022"),
        (None, None, None, "July 2022"),
        (None, None, None, "July 2022"),
        ("*arXiv, July 2022*", "arXiv", "2022", "July 2022"),
    ]
