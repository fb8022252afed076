"""Classic-list rules (issue 30): each defect once in a list whose other items follow the convention
is reported (fixed where the fix is certain); a list with no clear convention gets nothing."""

from __future__ import annotations

from awesomelint import parse
from awesomelint.engine import run_rules
from awesomelint.fixer import fix_text

from .conftest import FIXTURES

CLASSIC = {f"AL{n}" for n in (109, 110, 111, 112, 208, 209, 210, 211, 212, 213, 503, 504, 505, 506, 604, 605)}


def _found(text: str) -> dict[tuple[str, int], str | None]:
    return {
        (d.code, d.span.start_line): (d.fix.edits[0].replacement if d.fix else None)
        for d in run_rules(parse(text))
        if d.code in CLASSIC or d.code in ("AL105", "AL201", "AL206")
    }


def test_each_defect_in_a_list_that_follows_the_convention_is_reported() -> None:
    found = _found((FIXTURES / "classic_convention.md").read_text(encoding="utf-8"))
    assert found == {
        ("AL208", 13): " - ",
        ("AL209", 14): " - ",
        ("AL210", 15): "D",
        ("AL211", 16): ".",
        ("AL212", 17): None,
        ("AL605", 18): None,
        ("AL504", 19): "https://",
        ("AL505", 20): "https://iota.example.com",
        ("AL213", 22): "\n- ",
        ("AL506", 23): None,
        ("AL503", 24): None,
        ("AL109", 31): None,
        ("AL604", 34): "GitHub",
        ("AL112", 42): "-",
    }


def test_a_list_without_a_clear_convention_gets_nothing() -> None:
    assert _found((FIXTURES / "classic_mixed.md").read_text(encoding="utf-8")) == {}


def _items(lines: list[str]) -> str:
    return "# Awesome\n\n## Tools\n\n" + "\n".join(lines) + "\n"


NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa"]


def test_a_section_of_ten_items_is_judged_by_its_own_convention() -> None:
    dashes = [f"- [{n}](https://{n.lower()}.example.com) — A tool for {n}." for n in NAMES]
    hyphens = [f"- [{n}2](https://{n.lower()}2.example.com) - A tool for {n}." for n in NAMES]
    text = "# A\n\n## One\n\n" + "\n".join(dashes) + "\n\n## Two\n\n" + "\n".join(hyphens) + "\n"
    assert not [d for d in run_rules(parse(text)) if d.code in ("AL208", "AL209")]


def test_lowercase_names_and_prose_after_the_name_are_left_alone() -> None:
    lines = [f"- [{n}](https://{n.lower()}.example.com) - A tool for {n}." for n in NAMES]
    lines.append("- [npm](https://npm.example.com) - Package manager.")
    lines.append("- [Tau](https://tau.example.com) - npm wrapper for scripts.")  # a name the list has
    lines.append("- [tm](https://tm.example.com) and [qd](https://qd.example.com) are text tools.")
    found = [d.code for d in run_rules(parse(_items(lines))) if d.code in CLASSIC]
    assert found == []


def test_the_safe_fixes_apply_through_the_fixer_and_leave_nothing_to_fix() -> None:
    text = (FIXTURES / "classic_convention.md").read_text(encoding="utf-8")
    result = fix_text(text)
    for code in ("AL208", "AL209", "AL211", "AL505", "AL213", "AL112"):
        assert result.fixed[code] == 1, (code, result.fixed, result.refused)
    assert result.refused == []
    unsafe = fix_text(text, unsafe=True)
    for code in ("AL210", "AL504", "AL604"):
        assert unsafe.fixed[code] == 1, (code, unsafe.fixed, unsafe.refused)
    assert not {d.code for d in unsafe.remaining if d.fix is not None}
    assert "[Beta](https://beta.example.com) - Small" in result.text
    assert "[Gamma](https://gamma.example.com) - Image" in result.text
    assert "Task runner with a plain config file.\n" in result.text


def test_bracketed_text_is_no_reference_and_a_defined_reference_is_a_link() -> None:
    text = _items(
        ["- [A](https://a.example.com) - Old. **[Deprecated]**", "- See [x][ref].", "", "[ref]: https://r.io"]
    )
    assert not [d for d in run_rules(parse(text)) if d.code == "AL506"]


def test_heading_typo_after_a_contents_typo_is_not_renamed() -> None:
    text = "# A\n\n- [Tools](#tool)\n- [Additive](#additive)\n\n## Tools\n\nx\n\n## Addictive\n\ny\n"
    found = {(d.code, d.span.start_line): d for d in run_rules(parse(text))}
    assert ("AL105", 6) not in found  # the link's own text says `Tools`: the fragment is the typo
    link_fix = found[("AL103", 3)].fix
    assert link_fix is not None and link_fix.edits[0].replacement == "tools"
    heading_fix = found[("AL105", 10)].fix
    assert heading_fix is not None and heading_fix.applicability.value == "unsafe"


def test_links_that_spell_a_heading_otherwise_follow_its_rename_only() -> None:
    # AL105 renames `Contents` to what the links spell; AL103 pointing the links at `#contents` in
    # the same pass would swap the two spellings back and forth, and fix would never settle
    back = "".join(
        f"\n## Part {n}\n\n- [x{n}](https://x{n}.example.com) - Item.\n\n[Back](#content)\n" for n in range(3)
    )
    text = "# A\n\n## Contents\n\n- [Part 0](#part-0)\n" + back
    found = [d for d in run_rules(parse(text)) if d.code in ("AL103", "AL105")]
    assert [d.code for d in found].count("AL105") == 1
    assert all(d.fix is None for d in found if d.code == "AL103")
    result = fix_text(text, unsafe=True)
    assert result.text.count("## Content\n") == 1 and result.text.count("(#content)") == 3
    assert not [d for d in run_rules(parse(result.text)) if d.code in ("AL103", "AL105")]


def test_glued_number_inside_a_tight_numbered_list() -> None:
    text = (
        "# A\n\n## P\n\n1. **One**. [paper](https://a.example.com/1)\n"
        "2.**Two**. [paper](https://a.example.com/2)\n3.**Three**. [paper](https://a.example.com/3)\n"
    )
    found = _found(text)
    assert found == {("AL201", 6): "\n2. ", ("AL201", 7): "\n3. "}


def test_short_names_are_checked_for_duplicates() -> None:
    lines = [
        "- [cpy](https://github.com/a/cpy) - Copy files.",
        "- [mv](https://mv.io) - Move.",
        "- [cpy](https://github.com/a/cpy) - Copy files again.",
        "- [ls](https://ls.io) - List.",
    ]
    found = _found(_items(lines))
    assert ("AL206", 7) in found


def _sections(names: list[str], contents: list[str], extra: str = "") -> str:
    rows = "\n".join(contents)
    body = "".join(
        f"\n## {name}\n\n- [{name} tool](https://{k}.example.com) - A tool.\n" for k, name in enumerate(names)
    )
    return f"# Awesome\n\n## Contents\n\n{rows}\n{body}{extra}"


SECTIONS = ["Editors", "Servers", "Shells", "Terminals", "Viewers", "Games"]


def _codes(text: str, *codes: str) -> list[tuple[str, int]]:
    return [(d.code, d.span.start_line) for d in run_rules(parse(text)) if d.code in codes]


def test_contents_that_list_a_selection_leave_the_rest_alone() -> None:
    text = _sections(SECTIONS, ["- [Editors](#editors)", "- [Servers](#servers)"])
    assert _codes(text, "AL109") == []


def test_a_row_with_a_broken_link_still_lists_its_section() -> None:
    rows = [f"- [{name}](#{name.lower()})" for name in SECTIONS]
    rows[2] = "- [Shells](#shell)"  # AL103's finding, not a section left out
    assert _codes(_sections(SECTIONS, rows), "AL109", "AL103") == [("AL103", 7)]


def test_a_link_back_up_is_no_row_of_the_contents() -> None:
    rows = [f"- [{name}](#{name.lower()})" for name in SECTIONS]
    text = _sections(SECTIONS, rows, extra="\n**[back to top](#contents)**\n")
    assert _codes(text, "AL109", "AL110", "AL111") == []
    moved = rows[:]
    moved[1], moved[2] = moved[2], moved[1]  # two rows swapped: one is out of place
    found = _codes(_sections(SECTIONS, moved), "AL111")
    assert len(found) == 1


def test_spellings_of_one_name_are_one_name() -> None:
    lines = [f"- [{n}](https://{n.lower()}.example.com) - Plugin for Node.js users." for n in NAMES]
    lines += [
        "- [Mu](https://mu.example.com) - Plugin for nodejs users.",
        "- [Nu](https://nu.example.com) - Plugin for Git Hub users.",
        "- [Xi](https://xi.example.com) - Plugin for GitHub users.",
    ] + [f"- [{n}2](https://{n.lower()}2.example.com) - Works with GitHub." for n in NAMES[:5]]
    found = {
        (d.span.start_line, d.message.split(":")[0])
        for d in run_rules(parse(_items(lines)))
        if d.code == "AL604"
    }
    assert found == {(15, "`nodejs`"), (16, "`Git Hub`")}


def test_a_paper_reference_among_items_has_no_item_separator() -> None:
    lines = [
        f"- [{n}{k}](https://{n.lower()}{k}.example.com) - A tool for {n}." for k in (1, 2) for n in NAMES
    ]
    lines += [
        "- [Mu Kit](https://arxiv.org/abs/2001.00001): A Toolkit for Model Compression. Lee, Ann et al."
        " arXiv:2001.00001",
        "- [Learning Nu Models from Few Examples](https://arxiv.org/abs/2002.00002) Ann Lee, Bo Li, Cy Dow",
        "- [Xi](https://xi.example.com): A tool for Xi.",
    ]
    found = {
        (d.span.start_line, d.fix.edits[0].replacement if d.fix else None)
        for d in run_rules(parse(_items(lines)))
        if d.code == "AL208"
    }
    assert found == {(27, " - ")}


def test_a_respelling_that_joins_or_splits_words_is_reported_without_a_fix() -> None:
    lines = [
        f"- [{n}](https://{n.lower()}.example.com) - Plugin for Node.js and the OpenAPI spec." for n in NAMES
    ]
    lines += [
        "- [Mu](https://mu.example.com) - Plugin for NodeJS users.",
        "- [Nu](https://nu.example.com) - Client of the Mu Open API and its events.",
        "- [Xi](https://xi.example.com) - Plugin for Github users.",
    ] + [f"- [{n}2](https://{n.lower()}2.example.com) - Works with GitHub." for n in NAMES[:5]]
    found = {
        (d.span.start_line, d.fix.edits[0].replacement if d.fix else None)
        for d in run_rules(parse(_items(lines)))
        if d.code == "AL604"
    }
    assert found == {(15, None), (16, None), (17, "GitHub")}


def test_prose_is_no_split_name_and_an_author_line_is_no_prose() -> None:
    made = [f"- [{n}](https://{n.lower()}.example.com) - Kit by {n} Labs, Inc. for teams." for n in NAMES]
    made += [f"- [{n}3](https://{n.lower()}3.example.com) - Bindings written in C." for n in NAMES[:6]]
    made.append("- [Mu](https://mu.example.com) - Router on the HTTP router of Nu; see httprouter.")
    made += [f"- [{n}4](https://{n.lower()}4.example.com) - Fast HTTP router." for n in NAMES[:4]]
    titled = [f"- [{n}](https://{n.lower()}.example.com) - Personal Web Page" for n in NAMES[:6]]
    titled += [
        "- [Mu](https://mu.example.com) - Webpage reader.",
        "- [Nu](https://nu.example.com) - A web page.",
    ]
    sql = [f"- [{n}](https://{n.lower()}.example.com) - A NoSQL store." for n in NAMES]
    sql.append("- [Mu](https://mu.example.com) - Plain files, no SQL database.")
    named = [f"- [Paper {n}](https://{n.lower()}.example.org) Ann {n}, Bo TU, Cy Dow" for n in NAMES]
    named.append("- [Paper Mu](https://mu.example.org) Ann Mu, Bo Tu, Cy Dow")
    for lines in (made, titled, sql, named):
        assert [d.message for d in run_rules(parse(_items(lines))) if d.code == "AL604"] == []


def test_a_row_naming_another_section_is_reported_and_a_shortened_one_is_not() -> None:
    rows = [f"- [{name}](#{name.lower()})" for name in SECTIONS]
    rows[3] = "- [Week 3](#terminals)"
    assert _codes(_sections(SECTIONS, rows), "AL110") == [("AL110", 8)]
    rows[3] = "- [Terminal](#terminals)"  # one word changed: still another name
    assert _codes(_sections(SECTIONS, rows), "AL110") == [("AL110", 8)]
    names = [*SECTIONS[:3], "Terminals and consoles", *SECTIONS[4:]]
    rows[3] = "- [Terminals](#terminals-and-consoles)"  # a shorter name of the same section
    assert _codes(_sections(names, rows), "AL110") == []


def _mixed(pick: object) -> str:
    """Twelve items, every other one written the second way: no convention either way."""
    assert callable(pick)
    return _items([pick(n, k % 2) for k, n in enumerate([*NAMES, "Mu", "Nu"])])


def test_item_format_without_a_clear_convention_is_silent() -> None:
    halves = {
        "only code": lambda n, odd: (
            f"- [{n}](https://{n.lower()}.example.com) - "
            + (f"`{n.lower()} --run`" if odd else f"Tool for {n}.")
        ),
        "no separator": lambda n, odd: (
            f"- [{n}](https://{n.lower()}.example.com)"
            + (f" Tool for {n} users at home." if odd else f" - Tool for {n} users at home.")
        ),
        "double spaces": lambda n, odd: (
            f"- [{n}](https://{n.lower()}.example.com)" + ("  -  " if odd else " - ") + f"Tool for {n}."
        ),
        "items as headings": lambda n, odd: (
            ("### " if odd else "- ") + f"[{n}](https://{n.lower()}.example.com) - Tool for {n}."
        ),
    }
    for name, pick in halves.items():
        found = _codes(_mixed(pick), "AL208", "AL209", "AL210", "AL211", "AL212", "AL112")
        assert found == [], name


def test_objective_defects_are_reported_in_a_list_without_a_convention() -> None:
    lines = [
        f"- [{n}](https://{n.lower()}.example.com) "
        + ("— t" if k % 2 else "- T")
        + f"ool for {n}"
        + ("." * (k % 3 > 0))
        for k, n in enumerate(NAMES)
    ]
    lines += [
        "- [Xi](www.xi.example.com) - Tool.",
        "- [Omicron](javascript:alert(1)) - Tool.",
        "- [](https://pi.example.com) - Tool.",
        "- [gtkada] - Tool.",
        "-[Rho](https://rho.example.com) - Tool.",
        "- [Alpha](https://alpha.example.com) - Tool again.",
        "- [Sigma](https://beta.example.com) - The same page as Beta.",
        "- [Tau](https://tau.example.com) - Don‘t wait (for it.",
    ]
    found = _codes(_items(lines), *CLASSIC, "AL206", "AL501")
    assert found == [
        ("AL504", 15),
        ("AL505", 16),
        ("AL503", 17),
        ("AL506", 18),
        ("AL213", 19),
        ("AL206", 20),
        ("AL501", 21),
        ("AL605", 22),
        ("AL605", 22),
    ]


def test_a_lone_line_in_the_shape_of_an_item_is_a_glued_bullet() -> None:
    text = "# Awesome\n\n-[Alpha](https://alpha.example.com) - Fast text search.\n"
    assert _codes(text, "AL213") == [("AL213", 3)]
    fixed = fix_text(text)
    assert fixed.fixed["AL213"] == 1 and "- [Alpha](https://alpha.example.com) - Fast" in fixed.text
    prose = "# Awesome\n\nSee the docs\n-[here](https://alpha.example.com) for more.\n"
    assert _codes(prose, "AL213") == []


def test_a_missing_separator_is_reported_where_the_list_has_one() -> None:
    lines = [f"- [{n}](https://{n.lower()}.example.com) - Tool for {n} users at home." for n in NAMES]
    lines.append("- [Mu](https://mu.example.com) Tool for Mu users at home.")
    found = [d for d in run_rules(parse(_items(lines))) if d.code in CLASSIC]
    assert [(d.code, d.span.start_line, d.fix) for d in found] == [("AL208", 15, None)]
    assert found[0].message.startswith("no separator")


def test_endings_and_first_words_a_list_with_a_convention_accepts() -> None:
    lines = [f"- [{n}](https://{n.lower()}.example.com) - Tool for {n} users." for n in NAMES]
    lines += [
        "- [Mu](https://mu.example.com) - Guide to the tool. (Japanese)",
        "- [Nu](https://nu.example.com) - Guide to the tool. **(in Chinese)**",
        '- [Xi](https://xi.example.com) - "A quote that trails off…"',
        "- [Omicron](https://omicron.example.com) - Loads lazily…",
        "- [Pi](https://pi.example.com) - npm scripts for the tool.",
        "- [Rho](https://rho.example.com) - Guide to the tool. (Now only one part is written)",
    ]
    assert _codes(_items(lines), "AL210", "AL211") == [("AL211", 20)]  # a note of its own lacks its period


def test_only_code_and_a_non_breaking_space_are_reported_where_the_list_has_a_convention() -> None:
    lines = [f"- [{n}](https://{n.lower()}.example.com) - Tool for {n} users." for n in NAMES]
    lines += [
        "- [Mu](https://mu.example.com) - `mu --serve`",
        "- [Nu](https://nu.example.com)\u00a0- Tool for Nu users.",
    ]
    found = {(d.code, d.span.start_line): d.fix for d in run_rules(parse(_items(lines))) if d.code in CLASSIC}
    assert set(found) == {("AL212", 15), ("AL209", 16)}
    fixed = fix_text(_items(lines))
    assert fixed.fixed["AL209"] == 1 and "- [Nu](https://nu.example.com) - Tool" in fixed.text


def test_unbalanced_punctuation_looks_past_enumerations_and_smileys_only_where_brackets_do_not_pair() -> None:
    """AL605 takes `a)`, `1)` and `:)` out of a description only when its parentheses do not pair as
    written: a description whose brackets pair, or pair once those are out, has no finding; the
    quotes' order and number are judged as written."""
    lines = [f"- [{n}](https://{n.lower()}.example.com) - Tool for {n}." for n in NAMES]
    lines += [
        "- [Pi](https://pi.example.com) - Two modes: a) fast, b) small (default).",  # pairs once out
        "- [Rho](https://rho.example.com) - Happy users :) (and more (really.",  # `(` left open
        "- [Sigma](https://sigma.example.com) - Quotes ”reversed“ here.",
        '- [Tau](https://tau.example.com) - A "quoted word.',
        "- [Upsilon](https://upsilon.example.com) - Balanced (as written) :(",  # `:(` opens nothing
    ]
    found = [d for d in run_rules(parse(_items(lines))) if d.code == "AL605"]
    assert [(d.span.start_line, d.message) for d in found] == [
        (16, "the description has `(` 2 times but `)` 0 times"),
        (17, "the description has `”` before `“`: the curly quotes are reversed"),
        (18, 'the description has an odd number of `"` (1)'),
    ]
