"""What the list-wide counts read of each entry, read more cheaply (issue 29): AL203's groups and
layouts read from the style's facts of the entries, AL210's words counted as marked strings, the
classic items' properties counted together; each against what it replaced, and the style's hosts
across reruns against a fresh run's. Titles folded and prose blanked with cheaper steps, against the
patterns they stand for."""

from __future__ import annotations

from collections import Counter

from awesomelint.engine import Settings, rerun_rules
from awesomelint.entry_facts import install
from awesomelint.model import STRUCTURED_MARKERS, Document
from awesomelint.read import read
from awesomelint.rules._classic import (
    _PROPERTIES,
    MIN_ITEMS,
    ItemConventions,
    clear_majority,
    counted_conventions,
    counted_value,
    counted_values,
    item_of,
)
from awesomelint.rules._duplicates import _IGNORED, _folded
from awesomelint.rules._prose import _NOT_PROSE, _spaces, blank
from awesomelint.rules.al210_description_case import _names
from awesomelint.style import entry_layout, infer_style, laid_out, style_group

LIST = """# Tools

- [Alpha](https://alpha.example.com) - A tool to sort things.
- [Beta](https://beta.example.com) - A library to parse things.
- **Gamma Rays.** Ann Lee. ICML 2021. [[paper](https://arxiv.org/abs/2101.00001)]
- **Delta Waves.** Bo Chen. NeurIPS 2022. [[paper](https://arxiv.org/abs/2101.00002)] [[code](https://github.com/b/d)]

| Name | Venue |
| --- | --- |
| [Epsilon](https://epsilon.example.com) | ICML 2020 |

## Papers

1. [Zeta Nets](https://arxiv.org/abs/2101.00003), ICLR 2020.
"""


def test_the_layouts_laid_out_are_the_styles_groups_and_layouts() -> None:
    settings = Settings()
    kept = read(LIST)
    install(kept, None)  # (a run that keeps its entries' facts, as the fixer's runs do)
    for document in (read(LIST), kept):
        style = infer_style(document, settings.style, settings.venues)
        expected = [
            (entry, (entry.kind, style_group(entry)), entry_layout(entry))
            for entry in document.iter_entries()
            if entry.title is not None and entry.marker not in STRUCTURED_MARKERS
        ]
        assert len(expected) >= 4
        # each key's layout as its entries have it, but the first entry's key's (no entry has that
        # one): an entry is picked when its key's layout is its own
        wanted = {key: layout for _, key, layout in expected} | {expected[0][1]: "link title"}
        picked = [(entry, key) for entry, key, layout in expected if wanted.get(key) == layout]
        assert 2 <= len(picked) < len(expected)
        assert laid_out(document, settings.venues, wanted) == picked
        assert [(style.group(e), style.layout(e)) for e, _, _ in expected] == [
            (key[1], layout) for _, key, layout in expected
        ]


def _item(name: str, description: str) -> str:
    return f"- [{name}](https://{name.lower()}.example.com) - {description}\n"


def test_names_come_from_titles_sentences_and_lower_case_habits() -> None:
    text = "# Tools\n\n" + "".join(
        [
            _item("Docker", "Runs things in boxes."),
            _item("Boxer", "Docker images made small."),  # a first word that is an item's name
            _item("Sorter", "npm packages sorted, and npm scripts run."),  # never capitalised
            _item("Maker", "Builds things that run fast."),
            _item("Other", "Builds things, with Builds written in a sentence."),
            _item("Quick", "fast and small, unlike Fast tools."),  # capitalised elsewhere
            _item("Lone", "npm is written here and twice above."),
            _item("Mark", "\x02Docker is a mark, not a title."),
        ]
    )
    assert _names(read(text)) == frozenset({"Docker", "npm", "Builds"})


def _conventions_one_by_one(document: Document, name: str) -> ItemConventions:
    """``name``'s conventions counted apart from the other properties, entry by entry."""
    value = _PROPERTIES[name]
    every: Counter[str] = Counter()
    by_section: dict[tuple[str, ...], Counter[str]] = {}
    for entry in document.iter_entries():
        item = item_of(document, entry)
        if item is not None and (got := value(document, item)) is not None:
            every[got] += 1
            by_section.setdefault(entry.section_path, Counter())[got] += 1
    sections = {s: clear_majority(values) for s, values in by_section.items() if values.total() >= MIN_ITEMS}
    return ItemConventions(clear_majority(every), sections)


def test_the_classic_properties_counted_together_are_each_counted_alone() -> None:
    items = [_item(f"Tool{n}", f"Sorts things number {n}.") for n in range(12)]
    items[3] = items[3].replace(" - ", " -  ")
    items[5] = items[5].replace(" - ", ": ")
    items[7] = items[7].replace(".\n", "\n")
    items[8] = items[8].replace("Sorts", "sorts")
    text = (
        "# Tools\n\n"
        + "".join(items)
        + "\n## More\n\n"
        + "".join(items[:4])
        + "- [Empty](https://e.example.com) -\n"
    )
    edited = text.replace(" -  ", " - ").replace("number 2.", "number 2")
    assert len(_PROPERTIES) == 5  # AL208's to AL212's
    earlier = None
    for version in (text, edited, text):
        document = read(version)
        checked = rerun_rules(document, Settings(), earlier=earlier)  # (counts kept up to date)
        fresh = read(version)
        for name in _PROPERTIES:
            expected = _conventions_one_by_one(fresh, name)
            assert expected.whole is not None
            assert counted_conventions(fresh, name) == expected  # (a run that keeps no facts)
            assert counted_conventions(document, name) == expected
            values = [
                (
                    entry.section_path,
                    _PROPERTIES[name](fresh, item) if (item := item_of(fresh, entry)) else None,
                )
                for entry in fresh.iter_entries()
            ]
            assert [found for _, found in counted_values(document, name)] == [
                ((section, value),) if value is not None else () for section, value in values
            ]
            assert [counted_value(document, name, entry) for entry in document.iter_entries()] == [
                value for _, value in values
            ]
        earlier = checked.earlier


def test_the_hosts_kept_between_runs_are_a_fresh_runs() -> None:
    tools = "".join(f"- [Tool{n}](https://www.example.com/{n}) - A tool.\n" for n in range(5))
    text = "# Tools\n\n" + tools + "- [Odd](https://example.com/odd) - A tool.\n"
    edited = text.replace("www.example.com/1", "example.com/1").replace("www.example.com/2", "Example.com/2")
    edited = edited.replace("www.example.com/3", "example.com/3")
    settings = Settings()
    earlier = None
    hosts = []
    for version in (text, edited, text, edited + "- [More](https://user@example.com/x) - A tool.\n"):
        checked = rerun_rules(read(version), settings, earlier=earlier)  # (hosts built again, or kept)
        hosts.append(checked.earlier.style.hosts)
        assert hosts[-1] == infer_style(read(version), settings.style, settings.venues).hosts
        earlier = checked.earlier
    assert hosts[0]["example.com"].value == "www.example.com"
    assert hosts[1]["example.com"].value == "example.com"
    assert hosts[3]["example.com"].count == 5  # (an address with a user too)


def test_titles_folded_are_folded_as_the_pattern_folds_them() -> None:
    # (every ASCII character, alone and together: an ASCII title is folded without the pattern)
    texts = [chr(code) for code in range(160)] + ["".join(map(chr, range(128)))]
    texts += ["ABC++: A Survey", "C# in_depth -- 2nd ed.", "Über Straße", "K-Means (\u017f)"]
    for text in texts:
        assert _folded(text) == _IGNORED.sub("", text.casefold())


def test_prose_blanked_is_blanked_as_the_pattern_blanks_it() -> None:
    texts = ["Plain words, (a note) and ] alone.", "See `code` here.", "A [link](https://x.y) too."]
    texts += ["<b>bold</b> text", "at http://x.y/z now", "an escaped \\[bracket", "`", "](", "<", "http"]
    for text in texts:
        assert blank(text) == _NOT_PROSE.sub(_spaces, text)
