"""`awesomelint fix`: the expected output on the seed, surgical safe fixes, idempotence, the semantic
guard, and safe writing, all on real files on disk."""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from awesomelint import parse
from awesomelint.cli import main
from awesomelint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from awesomelint.engine import Checked, Earlier, Settings, rerun_rules, run_rules
from awesomelint.fixer import FixError, _choose, fix_text, guard, write_fixed
from awesomelint.model import Document
from awesomelint.read.source import InputError, read_source
from awesomelint.rules._duplicates import normalized_url
from awesomelint.text import Span

from .conftest import FIXTURES, SEED
from .strategies import paper_list


def find_also(monkeypatch: pytest.MonkeyPatch, extra: Callable[[Document], list[Diagnostic]]) -> None:
    """Each pass of the fixer also finds ``extra(document)``, before the rules' findings (so that its
    fixes are tried first)."""
    import awesomelint.fixer as fix_module

    def rerun(
        document: Document,
        settings: Settings,
        links: object = None,
        records: object = None,
        earlier: Earlier | None = None,
    ) -> Checked:
        checked = rerun_rules(document, settings, links, records, earlier)  # type: ignore[arg-type]
        return checked._replace(findings=[*extra(document), *checked.findings])

    monkeypatch.setattr(fix_module, "rerun_rules", rerun)


EXPECTED_UNSAFE = FIXTURES / "seed_fixed_unsafe.md"


def _invoke(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_bytes(SEED.read_bytes())
    path.chmod(0o644)
    return path


def _entries(document: Document) -> list[tuple[object, ...]]:
    return [
        (
            e.title.text if e.title else None,
            e.authors.names if e.authors else None,
            [normalized_url(link.url) or link.url for link in e.links],
        )
        for e in document.iter_entries()
    ]


def test_unsafe_fix_of_the_seed_gives_the_reviewed_output(seed_copy: Path) -> None:
    code, _, err = _invoke("fix", "--unsafe-fixes", str(seed_copy), "--format", "concise")
    assert code == 1  # what remains needs a person
    assert seed_copy.read_text(encoding="utf-8") == EXPECTED_UNSAFE.read_text(encoding="utf-8")
    # Reparameters and Hybrid stay: the table of contents points at them and they hold sub-headings.
    assert "fixed 94 findings (AL101 x12, AL102 x2, AL104 x5, AL105 x1, AL201 x8, AL203 x16," in err
    code, out, _ = _invoke("check", str(seed_copy), "--format", "concise")
    remaining = sorted(line.split(": ")[1].split(" ")[1] for line in out.splitlines()[:-1])
    assert (code, remaining) == (1, ["AL101", "AL101", "AL107", "AL303", "AL303"])


def test_expected_output_keeps_every_entry(seed_doc: Document) -> None:
    fixed = parse(EXPECTED_UNSAFE.read_text(encoding="utf-8"))
    assert _entries(fixed) == _entries(seed_doc)
    venues = [e.venue.name.text for e in fixed.iter_entries() if e.venue]
    assert "NIPS" not in venues and "CoRR" not in venues and venues.count("arXiv") == 5
    assert {e.venue.raw.count("\n") for e in fixed.iter_entries() if e.venue} == {0}
    assert all(e.authors is not None and e.authors.markup == "*" for e in fixed.iter_entries())
    assert all(link.url.startswith("https://www.aminer.cn/") for link in fixed.links if "aminer" in link.url)
    assert [s.text for s in fixed.iter_sections() if s.level == 3] == [
        "Content",
        "Selective",
        "Additive",
        "Prompt",
        "Reparameters",  # empty, but linked from the table of contents and over sub-headings: kept
        "Hybrid",
    ]
    assert {a.fragment for a in fixed.anchors} == {
        "selective",
        "additive",
        "prompt",
        "content",
        "reparameters",
        "hybrid",
    }
    assert {e.marker for e in fixed.iter_entries()} == {"ordered"}


def test_safe_fix_touches_only_the_lines_of_its_findings(seed_copy: Path, seed_doc: Document) -> None:
    original = seed_copy.read_text(encoding="utf-8")
    findings = [d for d in run_rules(seed_doc) if d.fix and d.fix.applicability is Applicability.SAFE]
    allowed: set[int] = set()
    entries = {e.span.start_line: e for e in seed_doc.iter_entries()}
    for d in findings:
        allowed.update(range(d.span.start_line, d.span.end_line + 1))
        if d.code == "AL201":  # its fix indents the entry's later lines into the list item
            entry = entries[d.span.start_line]
            allowed.update(range(entry.span.start_line, entry.span.end_line + 1))
    code, _, _ = _invoke("fix", str(seed_copy), "--format", "concise")
    assert code == 1
    fixed = seed_copy.read_text(encoding="utf-8")
    touched: set[int] = set()
    matcher = difflib.SequenceMatcher(None, original.split("\n"), fixed.split("\n"), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            touched.update(range(i1 + 1, max(i2, i1 + 1) + 1) if tag != "insert" else {i1})
    assert touched and touched <= allowed, sorted(touched - allowed)
    assert _entries(parse(fixed)) == _entries(seed_doc)


def _seed_and_fixtures() -> list[str]:
    return [SEED.read_text(encoding="utf-8")] + [
        p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.md"))
    ]


@pytest.mark.parametrize("unsafe", [False, True])
def test_fixing_again_changes_nothing(unsafe: bool) -> None:
    for text in _seed_and_fixtures():
        once = fix_text(text, unsafe=unsafe)
        again = fix_text(once.text, unsafe=unsafe)
        assert not again.changed and again.fixed == {}


def _found(diagnostics: list[Diagnostic]) -> list[tuple[object, ...]]:
    return [(d.code, d.span.start, d.span.end, d.severity, d.message, d.fix) for d in diagnostics]


@pytest.mark.parametrize("unsafe", [False, True])
def test_what_remains_is_what_check_finds_in_the_result(unsafe: bool) -> None:
    # (the rules that cannot fix anything run once, on the result, not in each pass)
    for text in _seed_and_fixtures():
        result = fix_text(text, unsafe=unsafe)
        assert _found(result.remaining) == _found(run_rules(parse(result.text)))


def test_an_editors_fix_runs_no_rule_that_cannot_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    import awesomelint.fixer as fix_module

    text = SEED.read_text(encoding="utf-8")
    reported = fix_text(text, unsafe=True)

    def refuse(*args: object) -> list[Diagnostic]:
        raise AssertionError("the rules that cannot fix anything ran")

    monkeypatch.setattr(fix_module, "with_the_rest", refuse)
    unreported = fix_text(text, unsafe=True, report=False)
    assert unreported.text == reported.text != text and unreported.remaining == []


def test_an_unused_suppression_is_reported_after_the_fixes() -> None:
    # which suppression silenced nothing is known once every rule has run on one text
    text = (
        "# Papers\n\n## Vision\n\n"
        '- "Deep Residual Learning", CVPR 2016. [[Paper](https://a.org/1)]   \n'
        "<!-- awesomelint-disable-next-line AL206 AL601 -->\n"
        '- "Deep Residual Learning", CVPR 2016. [[Paper](https://a.org/1)]\n'
    )
    result = fix_text(text, unsafe=True)
    assert result.text.endswith("/1)]\n<!--" + text.split("<!--")[1])  # the trailing spaces fixed
    unused = [d.message for d in result.remaining if d.code == "AL702"]
    assert len(unused) == 1 and "AL601" in unused[0] and "AL206" not in unused[0], unused
    assert _found(result.remaining) == _found(run_rules(parse(result.text)))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paper_list(defects=True))
def test_fix_keeps_every_entry_and_is_idempotent(
    generated: tuple[str, list[object]],
) -> None:
    text, _ = generated
    for unsafe in (False, True):
        result = fix_text(text, unsafe=unsafe)  # a refused fix is left out: never the whole file
        assert _entries(parse(result.text)) == _entries(parse(text))
        assert result.text.startswith("\ufeff") == text.startswith("\ufeff")
        if "\r\n" in text:
            assert "\n" not in result.text.replace("\r\n", "")
        again = fix_text(result.text, unsafe=unsafe)
        assert again.text == result.text
        assert _found(again.remaining) == _found(run_rules(parse(result.text)))


def test_guard_names_the_entry_and_the_field() -> None:
    before = parse("# L\n\n1. **A paper**. *Ann Lee, Bo Li*. **ACL'2020**. [paper](https://a.org/1)\n")
    after = parse("# L\n\n1. **A paper**. *Ann Lee*. **ACL'2020**. [paper](https://a.org/1)\n")
    with pytest.raises(FixError, match=r"entry `A paper` \(line 3\): the fix would change its authors"):
        guard(before, after, __import__("awesomelint.engine").engine.Settings())


def test_a_fix_that_would_lose_content_is_left_out_alone(
    seed_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain.md"
    plain.write_bytes(SEED.read_bytes())
    assert _invoke("fix", str(plain))[0] == 1  # what every other fix makes of the seed

    def harmful(document: Document) -> list[Diagnostic]:
        entry = next(document.iter_entries())
        assert entry.authors is not None
        span = entry.authors.inner.span
        fix = Fix((Edit(span.start, span.end, "Nobody Else"),), Applicability.SAFE, "lose the authors")
        return [Diagnostic("AL601", "trailing-whitespace", Severity.WARNING, "x", span, fix)]

    find_also(monkeypatch, harmful)
    code, _, err = _invoke("fix", str(seed_copy))
    assert code == 1  # the file is written; what remains needs a person
    refusals = [line for line in err.splitlines() if "fix left out" in line]
    assert len(refusals) == 1, err
    assert "AL601" in refusals[0] and "Revealing the Dark Secrets of BERT" in refusals[0]
    assert "authors" in refusals[0]
    assert seed_copy.read_bytes() == plain.read_bytes()


# A list in the shape of a real one: its venues in italics with the year after a comma, one plain
# venue with a month, and trailing spaces on two lines.
MONTH_IN_VENUE = """# Awesome Robots

## Papers

* **Alpha**: "Alpha Planning with Language Models", *ICRA, 2024*. [[Paper](https://arxiv.org/abs/2401.00001)]
* **Beta**: "Beta Grasping from Words", *CoRL, 2023*. [[Paper](https://arxiv.org/abs/2302.00002)]{three}
* **Gamma**: "Gamma Agents for Kitchens", *IROS, 2023*. [[Paper](https://arxiv.org/abs/2303.00003)]
* **Delta**: "Delta Navigation Policies", *RSS, 2024*. [[Paper](https://arxiv.org/abs/2404.00004)]
* **Epsilon**: "Epsilon Bimanual Skills", Humanoids, Nov. 2024. [[Paper](https://arxiv.org/abs/2405.00005)]
* **Zeta**: "Zeta Tool Use", *ICRA, 2025*. [[Paper](https://arxiv.org/abs/2406.00006)]{one}
""".format(three="   ", one=" ")


def test_a_fix_that_drops_a_word_is_left_out_and_the_others_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A venue fix that drops the month (AL301 once wrote `CVPR, June 2025` as `*CVPR, 2025*`)
    is left out; the other fixes are applied, the venue's own correct fix among them."""

    def dropping(document: Document) -> list[Diagnostic]:
        start = document.text.find(", Humanoids, Nov. 2024") + 2  # while it is plain
        if start < 2:
            return []
        edit = Edit(start, start + len("Humanoids, Nov. 2024"), "*Humanoids, 2024*")
        span = document.source.original_span(start, edit.end)
        fix = Fix((edit,), Applicability.SAFE, "write the venue as `*Venue, YYYY*`")
        return [Diagnostic("AL301", "venue-format", Severity.WARNING, "x", span, fix)]

    find_also(monkeypatch, dropping)
    path = tmp_path / "README.md"
    path.write_text(MONTH_IN_VENUE, encoding="utf-8")
    code, _, err = _invoke("fix", str(path), "--format", "concise")
    assert code == 0, err
    refusals = [line for line in err.splitlines() if "fix left out" in line]
    assert len(refusals) == 1 and "README.md:9:43: AL301 fix left out:" in refusals[0]
    assert "entry `Epsilon Bimanual Skills` (line 9): the fix would lose or change words (`Nov`)" in err
    expected = MONTH_IN_VENUE.replace("   \n", "\n").replace(" \n", "\n")
    expected = expected.replace("Humanoids, Nov. 2024", "*Humanoids, Nov. 2024*")
    assert path.read_text(encoding="utf-8") == expected


def test_the_guard_compares_every_word_of_an_entry() -> None:
    line = '* **Eta**: "Eta Learning", {venue}. [[Paper](https://arxiv.org/abs/2407.00007)]\n'
    before = parse("# L\n\n" + line.format(venue="CVPR, June 2025"))
    dropped = parse("# L\n\n" + line.format(venue="*CVPR, 2025*"))
    respelled = parse("# L\n\n" + line.format(venue="*CVPR, June 2025*"))
    assert [next(d.iter_entries()).venue is not None for d in (before, dropped, respelled)] == [True] * 3
    settings = __import__("awesomelint.engine").engine.Settings()
    with pytest.raises(
        FixError, match=r"entry `Eta Learning` \(line 3\): the fix would lose or change words \(`June`\)"
    ):
        guard(before, dropped, settings)
    guard(before, respelled, settings)  # only markup changed


def test_crlf_and_bom_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    data = b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(data)
    code, _, _ = _invoke("fix", "--unsafe-fixes", str(path))
    assert code == 1
    fixed = path.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf") and fixed.count(b"\n") == fixed.count(b"\r\n") > 50
    expected = b"\xef\xbb\xbf" + EXPECTED_UNSAFE.read_bytes().replace(b"\n", b"\r\n")
    assert fixed == expected


def test_nothing_fixable_leaves_bytes_and_mtime(tmp_path: Path) -> None:
    path = tmp_path / "clean.md"
    path.write_bytes((FIXTURES / "seed_clean.md").read_bytes())
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    code, out, err = _invoke("fix", str(path))
    assert (code, err) == (0, "") and "No findings" in out
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_mode_is_kept_and_symlinks_are_followed(seed_copy: Path, tmp_path: Path) -> None:
    seed_copy.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(seed_copy)
    assert _invoke("fix", str(link))[0] == 1
    assert link.is_symlink() and stat.S_IMODE(seed_copy.stat().st_mode) == 0o640
    assert seed_copy.read_bytes() != SEED.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_read_only_file_is_refused_and_untouched(seed_copy: Path) -> None:
    seed_copy.chmod(0o444)
    code, _, err = _invoke("fix", str(seed_copy))
    assert code == 2 and "read-only" in err and err.count("\n") == 1
    assert seed_copy.read_bytes() == SEED.read_bytes()


def test_file_changed_on_disk_is_not_overwritten(seed_copy: Path) -> None:
    source = read_source(seed_copy)
    seed_copy.write_text("# Someone else's edit\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed on disk"):
        write_fixed(source, "# ours\n")
    assert seed_copy.read_text(encoding="utf-8") == "# Someone else's edit\n"


def test_check_mode(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    code, _, err = _invoke("fix", "--check", str(seed_copy))
    assert code == 1 and "would fix 77 findings" in err
    assert seed_copy.read_bytes() == before
    clean = seed_copy.parent / "clean.md"
    clean.write_bytes((FIXTURES / "seed_clean.md").read_bytes())
    assert _invoke("fix", "--check", str(clean))[0] == 0


def test_diff_mode(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    code, out, _ = _invoke("fix", "--diff", str(seed_copy))
    assert code == 1 and seed_copy.read_bytes() == before
    assert out.startswith(f"--- a/{seed_copy}") or "--- a/" in out.splitlines()[0]
    assert "-1.**Revealing the Dark Secrets of BERT**. **EMNLP-IJCNLP'2019**." in out
    assert "+1. **Revealing the Dark Secrets of BERT**. **EMNLP-IJCNLP'2019**." in out


def test_standard_input_to_standard_output() -> None:
    code, out, err = _invoke("fix", "--unsafe-fixes", "-", input=SEED.read_bytes())
    assert code == 1
    assert out == EXPECTED_UNSAFE.read_text(encoding="utf-8")
    assert "AL107" in err and "-: fixed" in err


def test_check_fix_is_an_alias_and_exit_non_zero_on_fix(seed_copy: Path) -> None:
    code, _, _ = _invoke("check", "--fix", "--unsafe-fixes", "--select", "AL601,AL602", str(seed_copy))
    assert code == 0 and "  \n" not in seed_copy.read_text(encoding="utf-8")
    seed_copy.write_bytes(SEED.read_bytes())
    code, _, _ = _invoke("fix", "--select", "AL6", "--exit-non-zero-on-fix", str(seed_copy))
    assert code == 1
    assert _invoke("fix", "--select", "AL6", "--exit-non-zero-on-fix", str(seed_copy))[0] == 0


def test_unsafe_fix_rewrites_into_a_multi_paragraph_layout() -> None:
    text = (FIXTURES / "multi_paragraph.md").read_text(encoding="utf-8")
    result = fix_text(text, unsafe=True)
    assert result.fixed == {"AL203": 2}
    assert result.text == (FIXTURES / "multi_paragraph_fixed.md").read_text(encoding="utf-8")
    assert _entries(parse(result.text)) == _entries(parse(text))


def test_fixes_that_never_settle_are_an_error(seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    def flipping(document: Document) -> list[Diagnostic]:
        start = 2  # the first letter of the title: swap its case, forever
        letter = document.text[start]
        span = document.source.original_span(start, start + 1)
        edit = Edit(start, start + 1, letter.swapcase())
        fix = Fix((edit,), Applicability.SAFE, "flip")
        return [Diagnostic("AL601", "trailing-whitespace", Severity.WARNING, "x", span, fix)]

    find_also(monkeypatch, flipping)
    before = seed_copy.read_bytes()
    code, _, err = _invoke("fix", str(seed_copy))
    assert code == 2 and "did not settle after 12 passes" in err
    assert seed_copy.read_bytes() == before


def _tools(count: int, **changed: str) -> str:
    """A classic list of ``count`` items written alike, with the items named in ``changed`` written
    as given."""
    names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Mu"]
    lines = [
        changed.get(name, f"- [{name}](https://{name.lower()}.org) - Reads the lists of {name} users.")
        for name in names[:count]
    ]
    return "# Awesome Tools\n\n## Tools\n\n" + "\n".join(lines) + "\n"


def test_a_period_added_where_trailing_space_goes_lands_in_the_same_pass() -> None:
    # AL211 inserts the period where AL601 takes the space out: neither edit is inside the other.
    result = fix_text(_tools(10, Delta="- [Delta](https://delta.org) - Reads the lists of Delta users "))
    assert result.fixed == {"AL211": 1, "AL601": 1} and result.passes == 1
    assert "of Delta users.\n" in result.text


def test_a_description_on_the_line_after_its_separator_is_left_as_written() -> None:
    # AL209 asked for the space after `-` that AL601 then took out before the line break: the fixes
    # went round until `fix` gave up. The line break is the space after such a separator.
    text = _tools(11, Epsilon="- [Epsilon](https://epsilon.org) -\n  Reads the lists of Epsilon users.")
    result = fix_text(text, unsafe=True)
    assert result.text == text and not result.remaining


@pytest.mark.parametrize(
    ("first", "second", "together"),
    [
        (Edit(4, 4, "."), Edit(4, 5, ""), True),  # an insertion where a replaced span starts
        (Edit(3, 4, "x"), Edit(4, 4, "."), True),  # ... and where one ends
        (Edit(4, 4, "."), Edit(3, 5, "xy"), False),  # inside a replaced span
        (Edit(4, 4, "."), Edit(4, 4, "!"), False),  # two insertions at one point: no order
        (Edit(2, 4, "x"), Edit(4, 6, "y"), True),
        (Edit(2, 5, "x"), Edit(4, 6, "y"), False),
    ],
)
def test_fixes_overlap_only_where_their_order_is_unclear(first: Edit, second: Edit, together: bool) -> None:
    text = "0123456789"
    found = [
        Diagnostic("AL601", "trailing-whitespace", Severity.WARNING, "x", Span(e.start, e.end, [0]), fix)
        for e, fix in ((e, Fix((e,), Applicability.SAFE, "edit")) for e in (first, second))
    ]
    assert len(_choose(text, found, unsafe=False)) == (2 if together else 1)


def injecting_a_fix(monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> None:
    """Every pass also finds a safe fix replacing ``old`` (while it is there) with ``new``."""

    def injecting(document: Document) -> list[Diagnostic]:
        start = document.text.find(old)
        if start < 0:
            return []
        edit = Edit(start, start + len(old), new)
        span = document.source.original_span(start, edit.end)
        fix = Fix((edit,), Applicability.SAFE, "injected")
        return [Diagnostic("AL601", "trailing-whitespace", Severity.WARNING, "x", span, fix)]

    find_also(monkeypatch, injecting)


REFERENCES = """# Awesome Things

See [the guide][g] first.

## Papers

- **Alpha Planning**. *Ann Lee, Bo Li*. *ICRA 2024*. [Paper](https://a.org/1){space}
- **Beta Grasping**. *Cy Wu, Di Ma*. *CoRL 2023*. [Paper](https://a.org/2)

[g]: https://guide.example.org
""".format(space=" ")


def test_a_fix_that_changes_a_reference_definition_is_checked_where_the_reference_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The edit is far from the prose that uses `[g]`, which would stop being a link: the guard
    # compares all of the list when a definition changes, not only the stretch that was edited.
    injecting_a_fix(monkeypatch, "[g]: https", "[h]: https")
    path = tmp_path / "README.md"
    path.write_text(REFERENCES, encoding="utf-8")
    code, _, err = _invoke("fix", str(path), "--format", "concise")
    assert "AL601 fix left out: the links, emphasis or code would change" in err, err
    assert path.read_text(encoding="utf-8") == REFERENCES.replace(") \n", ")\n")  # the other fix
    assert code == 1


def test_a_fix_that_changes_the_rendering_in_its_entry_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    injecting_a_fix(monkeypatch, "*Cy Wu", "*Cy* *Wu")  # an emphasis more, outside the edited span
    path = tmp_path / "README.md"
    path.write_text(REFERENCES, encoding="utf-8")
    code, _, err = _invoke("fix", str(path), "--format", "concise")
    refusals = [line for line in err.splitlines() if "fix left out" in line]
    assert len(refusals) == 1 and "README.md:8:" in refusals[0], err
    assert code == 1
    assert path.read_text(encoding="utf-8") == REFERENCES.replace(") \n", ")\n")


def test_a_fix_that_merges_two_entries_is_left_out_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The list as a whole has one entry fewer: the fix is found by where the entries went, and
    # only it is left out (the trailing space on the line before is still removed).
    injecting_a_fix(monkeypatch, "a.org/2)\n\n", "a.org/2) ")
    path = tmp_path / "README.md"
    path.write_text(
        REFERENCES.replace("a.org/2)\n", "a.org/2)\n\n- **Gamma Walking**. *Ed Yu*. *RSS 2022*.\n")
    )
    code, _, err = _invoke("fix", str(path), "--format", "concise")
    refusals = [line for line in err.splitlines() if "fix left out" in line]
    assert len(refusals) == 1 and "2 entries instead of 3" in refusals[0], err
    assert "  \n" not in path.read_text(encoding="utf-8") and ") \n" not in path.read_text(encoding="utf-8")
    assert code == 1
