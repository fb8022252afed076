"""The duplicate rules' tables of link identities and folded titles (`_duplicates._known`): each
address and title worked out once per document and carried to the next run on an edited text, with
the findings of a rerun exactly those of a full run, whatever the list's size (no process-wide
cache whose size decides whether a value is worked out again)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from awesomelint.engine import Settings, rerun_rules, run_rules
from awesomelint.model import Entry
from awesomelint.read import read
from awesomelint.rules import _duplicates, al501_duplicate_link

from .edits import shown

SETTINGS = Settings(select=frozenset({"AL206", "AL501"}))


def _entry(n: int, title: str, paper: str, code: str = "") -> str:
    code = f" [code]({code})" if code else ""
    return f"{n}. **{title}**. *Author {n}, Other {n}*. **ICML 2022**. [paper]({paper}){code}"


def _list(*entries: str) -> str:
    apart = _entry(9, "Kept Apart", "https://x.org/k")
    return "# Papers\n\n## Models\n\n" + "\n".join(entries) + "\n\n## More\n\n" + apart + "\n"


BASE = _list(
    _entry(1, "Alpha Method", "https://arxiv.org/abs/2203.08084", "https://github.com/a/alpha"),
    _entry(2, "Beta Method", "https://example.org/beta"),
    _entry(3, "Gamma Method", "https://example.org/gamma", "https://github.com/a/alpha"),
    _entry(4, "Delta Method", "https://example.org/delta"),
)
# Each text an edit of the one before: a link copied, a title repeated, both undone, a page of the same
# arXiv paper, a link changed in its case and slash only.
EDITS = [
    ("https://example.org/delta", "https://arxiv.org/pdf/2203.08084v2.pdf"),
    ("Delta Method", "Alpha Method"),
    ("https://arxiv.org/pdf/2203.08084v2.pdf", "https://Example.org/delta/"),
    ("Alpha Method**. *Author 4", "Delta Method**. *Author 4"),
    ("https://example.org/beta", "https://example.org/gamma"),
]


def test_each_rerun_finds_what_a_full_run_finds() -> None:
    text = BASE
    earlier = rerun_rules(read(text), SETTINGS).earlier
    seen: set[str] = set()
    for old, new in EDITS:
        assert old in text
        text = text.replace(old, new, 1)
        again = rerun_rules(read(text), SETTINGS, earlier=earlier)
        full = run_rules(read(text), SETTINGS)
        assert shown(again.findings) == shown(full)
        seen.update(d.code for d in full)
        earlier = again.earlier
    assert seen == {"AL206", "AL501"}  # (the edits made findings of both rules)


def _asked(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The addresses whose identity is worked out from now on."""
    asked: Counter[str] = Counter()
    work = _duplicates._url_identity

    def counted(url: str) -> str | None:
        asked[url] += 1
        return work(url)

    monkeypatch.setattr(_duplicates, "_url_identity", counted)
    return asked


def test_a_run_works_out_each_address_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _asked(monkeypatch)
    run_rules(read(BASE.replace("https://example.org/delta", "https://example.org/gamma")), SETTINGS)
    assert asked and max(asked.values()) == 1


def test_a_rerun_works_out_only_the_addresses_an_edit_brought(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _asked(monkeypatch)
    earlier = rerun_rules(read(BASE), SETTINGS).earlier
    first = set(asked)
    asked.clear()
    edited = BASE.replace("https://example.org/delta", "https://example.org/epsilon")
    rerun_rules(read(edited), SETTINGS, earlier=earlier)
    assert "https://example.org/delta" in first and set(asked) == {"https://example.org/epsilon"}


def test_a_table_grown_past_the_lists_size_is_not_carried() -> None:
    """An editor's session changes links for hours: the texts gone from the list are dropped once the
    table holds more than the list could."""
    document = read(BASE)
    earlier = rerun_rules(document, SETTINGS).earlier
    table = document.derived["url identities"]
    assert isinstance(table, dict) and "https://example.org/delta" in table
    again = read(BASE)
    rerun_rules(again, SETTINGS, earlier=earlier)
    assert again.derived["url identities"] is table  # (carried: nothing worked out again)
    table.update({f"https://gone.example/{n}": None for n in range(len(BASE) // 8)})
    last = read(BASE)
    rerun_rules(last, SETTINGS, earlier=earlier)
    fresh = last.derived["url identities"]
    assert isinstance(fresh, dict)
    assert fresh is not table and "https://gone.example/1" not in fresh


def _paired(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The titles of each group of entries paired from now on (`_repeats_among`)."""
    paired: list[list[str]] = []
    work = _duplicates._repeats_among

    def spied(entries: list[Entry], pairs: Any) -> tuple[tuple[int, int], ...]:
        paired.append([entry.title.text if entry.title else "" for entry in entries])
        return work(entries, pairs)

    monkeypatch.setattr(_duplicates, "_repeats_among", spied)
    return paired


def test_a_rerun_pairs_again_only_the_titles_whose_entries_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _list(
        _entry(1, "Alpha Method", "https://example.org/alpha"),
        _entry(2, "Beta Method", "https://example.org/beta"),
        _entry(3, "Alpha Method", "https://example.org/alpha"),
        _entry(4, "Beta Method", "https://example.org/beta"),
    ).replace("Kept Apart", "Beta Method")
    earlier = rerun_rules(read(text), SETTINGS).earlier
    paired = _paired(monkeypatch)
    beta = "Beta Method"
    for old, new, expected in [
        ("# Papers\n", "# Papers\n\nA line more.\n", []),  # every entry moved, none changed
        ("*Author 4, Other 4*", "*Author 4, Other 5*", [[beta, beta, beta]]),  # one entry of one title
        ("4. **Beta Method**", "4. **Gamma Method**", [[beta, beta]]),  # one entry left a title's entries
    ]:
        text = text.replace(old, new, 1)
        full = run_rules(read(text), SETTINGS)
        paired.clear()
        again = rerun_rules(read(text), SETTINGS, earlier=earlier)
        assert shown(again.findings) == shown(full)
        assert paired == expected
        earlier = again.earlier
    # the repeats kept name the first entries' lines as they are now
    lines = [
        text[: text.index("1. **Alpha")].count("\n") + 1,
        text[: text.index("2. **Beta")].count("\n") + 1,
    ]
    assert (
        sorted(int(d.message.split("at line ")[1].split()[0]) for d in again.findings if d.code == "AL206")
        == lines
    )


def _coded(n: int, title: str, authors: str, paper: str, code: str) -> str:
    return f"{n}. **{title}**. *{authors}*. **ICML 2022**. [paper]({paper}) [code]({code})"


def _found_by_parts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The parts of AL501 that look for their findings from now on (not the earlier run's kept)."""
    ran: list[str] = []
    for part in ("_copied", "_copied_extras", "_swapped_repositories"):
        work = getattr(al501_duplicate_link, part)

        def spied(*args: Any, _work: Any = work, _part: str = part) -> Any:
            ran.append(_part)
            return _work(*args)

        monkeypatch.setattr(al501_duplicate_link, part, spied)
    return ran


def test_al501_finds_again_only_the_parts_whose_entries_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of AL501's parts (links copied, extra links copied or pasted, repositories swapped)
    keeps its findings while its entries are the earlier run's in the same order: moved, they name
    the other entries' lines as they are now."""
    text = _list(
        _coded(
            1,
            "FastRank: Quick Ranking",
            "Ann Lee",
            "https://example.org/fast",
            "https://github.com/l/slow-net",
        ),
        _coded(
            2, "SlowNet: Careful Nets", "Bo Li", "https://example.org/slow", "https://github.com/l/FastRank"
        ),
        _coded(3, "Alpha Method", "Cy Dow", "https://example.org/alpha", "https://github.com/d/alpha"),
        _coded(4, "Beta Method", "Di Eng", "https://example.org/alpha", "https://github.com/d/alpha"),
        _coded(5, "Gamma Method", "Ed Fox", "https://example.org/gamma", "https://example.org/gamma"),
    )
    first = rerun_rules(read(text), SETTINGS)
    messages = [d.message for d in first.findings if d.code == "AL501"]
    assert [m.rsplit(" ", 1)[-1] for m in messages] == ["swapped?", "entry?", "twice?"]  # one of each part
    earlier = first.earlier
    ran = _found_by_parts(monkeypatch)
    for old, new, expected in [
        ("# Papers\n", "# Papers\n\nA line more.\n", []),  # every entry moved, none changed
        ("*Author 9, Other 9*", "*Author 9*", []),  # an entry in none of the parts changed
        # an entry of each part changed (its repository shared: among the repositories' entries)
        ("*Di Eng*", "*Di Eng, Fay Gu*", ["_copied", "_copied_extras", "_swapped_repositories"]),
        ("## Models\n\n", "## Models\n\n0. **Zeta**. [paper](https://example.org/z)\n", []),
        (
            "[code](https://github.com/l/FastRank)",
            "[code](https://github.com/l/Fast)",
            ["_swapped_repositories"],
        ),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
        full = run_rules(read(text), SETTINGS)
        ran.clear()
        again = rerun_rules(read(text), SETTINGS, earlier=earlier)
        assert shown(again.findings) == shown(full)
        assert sorted(ran) == expected
        earlier = again.earlier
