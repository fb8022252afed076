"""Hypothesis strategies: paper lists in the shapes real lists use, with the defects they have."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßøł", min_size=1, max_size=9)
TITLE = st.lists(WORD, min_size=1, max_size=6).map(" ".join).map(str.capitalize)
NAME = st.tuples(WORD, WORD).map(lambda p: f"{p[0].capitalize()} {p[1].capitalize()}")
VENUE = st.sampled_from(["ACL", "EMNLP", "NeurIPS", "ICLR", "arXiv", "CVPR", "IEEE TNNLS", "NIPS", "CoRR"])


@dataclass(frozen=True)
class Expected:
    title: str
    venue: str
    year: int
    names: tuple[str, ...]
    url: str


@st.composite
def paper_entry(draw: st.DrawFn, number: int, defects: bool) -> tuple[str, Expected]:
    title, venue = draw(TITLE), draw(VENUE)
    year = draw(st.integers(1990, 2025))
    names = tuple(draw(st.lists(NAME, min_size=1, max_size=5)))
    url = f"https://{draw(st.sampled_from(['', 'www.']))}example.org/{draw(st.integers(0, 10**6))}"
    mark = draw(st.sampled_from("*_"))
    separator = draw(st.sampled_from([", ", ",", ", "])) if defects else ", "
    authors = f"{mark}{separator.join(names)}{mark}"
    punctuation = draw(st.sampled_from(["", "", "."])) if defects else ""
    venue_text = draw(
        st.sampled_from([f"**{venue}'{year}{punctuation}**", f"**{venue} {year}**", f"[{venue} {year}]"])
    )
    shape = draw(
        st.sampled_from(["glued", "ordered-one-line", "ordered-paragraphs", "bullet", "soft-breaks"])
    )
    space = draw(st.sampled_from(["", " ", "  "])) if defects else ""
    if shape == "glued":
        text = f"{number}.**{title}**. {venue_text}.{space}\n\n[paper]({url})\n\n{authors}\n"
    elif shape == "ordered-one-line":
        text = f"{number}. **{title}**.{authors}.{venue_text}.[paper]({url}){space}\n"
    elif shape == "ordered-paragraphs":
        text = f"{number}. **{title}**. {venue_text}. \n\n  {authors}.\n{space}\n  [paper]({url})\n"
    elif shape == "bullet":
        text = f"- **{title}** {venue_text}. {authors}. [[paper]]({url})\n"
    else:
        text = f"{number}. **{title}**\n   {venue_text} {authors}  \n   [[paper]({url})]\n"
    return text, Expected(title, venue, year, names, url)


@st.composite
def paper_list(draw: st.DrawFn, defects: bool = False) -> tuple[str, list[Expected]]:
    parts, expected = ["# Awesome generated\n"], []
    for section in range(draw(st.integers(1, 3))):
        parts.append(f"\n## Section {section}\n\n")
        for number in range(1, draw(st.integers(0, 4)) + 1):
            text, fields = draw(paper_entry(number, defects))
            parts.append(text + draw(st.sampled_from(["\n", "\n\n", "\n\n\n"]) if defects else st.just("\n")))
            expected.append(fields)
        if defects and draw(st.booleans()):
            parts.append(f"### Empty {section}\n\n")
    text = "".join(parts)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    if defects and draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text, expected
