"""`awesomelint export`: BibTeX that a BibTeX parser from the package index reads back with one entry
per paper (the seed and real lists), values escaped (braces, accents, `&`, `%`), records from the
cache used over the list's text; CSV and JSON Lines that round-trip to the JSON export."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest

from awesomelint import parse
from awesomelint.commands.export import bibtex_text

from .bibliography import services
from .conftest import ROOT, SEED

CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_LISTS = (
    "EdisonLeeeee__Awesome-Masked-Autoencoders.md",
    "zjukg__KG-LLM-Papers.md",
    "FLHonker__Awesome-Knowledge-Distillation.md",
)


def _export(args: list[str], folder: Path) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "awesomelint", "export", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def _papers(path: Path) -> int:
    """The papers the reader gives a title: a paper without one has nothing to cite."""
    entries = parse(path.read_text(encoding="utf-8")).iter_entries()
    return sum(1 for entry in entries if entry.kind == "paper" and entry.title is not None)


def _bibtex_round_trip(path: Path, folder: Path) -> None:
    code, out, err = _export([str(path), "--format", "bibtex", "--no-config"], folder)
    assert code == 0, err
    library = bibtexparser.parse_string(out)
    assert library.failed_blocks == [], [block.error for block in library.failed_blocks][:3]
    entries = library.entries
    assert len(entries) == _papers(path) > 0
    assert len({entry.key for entry in entries}) == len(entries)  # keys are unique
    for entry in entries:
        fields = entry.fields_dict
        assert entry.entry_type in ("inproceedings", "article", "misc")
        assert fields["title"].value.startswith("{") and fields["title"].value.endswith("}")
        assert "\n" not in fields["title"].value


def test_the_seed_exports_to_bibtex_that_parses_back_one_entry_per_paper(tmp_path: Path) -> None:
    _bibtex_round_trip(SEED, tmp_path)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus folder ../shared/corpus is not here")
@pytest.mark.parametrize("name", CORPUS_LISTS)
def test_real_lists_export_to_bibtex_that_parses_back(tmp_path: Path, name: str) -> None:
    _bibtex_round_trip(CORPUS / name, tmp_path)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Vulić & Ruder: 100% {Braces}", r"Vuli{\'c} \& Ruder: 100\% \{Braces\}"),
        (
            "Schütze, Müller, Ångström, Dvořák, Łukasz, Søgaard",
            r"Sch{\"u}tze, M{\"u}ller, {\r{A}}ngstr{\"o}m, Dvo{\v{r}}{\'a}k, {\L}ukasz, S{\o}gaard",
        ),
        (
            "C#, $x$_1 ~ a^b \\ end",
            r"C\#, \$x\$\_1 \textasciitilde{} a\textasciicircum{}b \textbackslash{} end",
        ),
        ("line\nbreak\x1b[31m and 中文", "line break and 中文"),
    ],
)
def test_bibtex_values_are_escaped(text: str, escaped: str) -> None:
    assert bibtex_text(text) == escaped
    library = bibtexparser.parse_string(f"@misc{{k, title = {{{escaped}}}}}")
    assert library.failed_blocks == [] and library.entries[0].fields_dict["title"].value == escaped


def test_bibtex_takes_the_verified_record_from_the_cache(tmp_path: Path) -> None:
    text = (
        "# Papers\n\n"
        "1. **MAD-X: An Adapter-Based Framework for Multi-Task Cross-Lingual Transfer**. **arXiv'2020**. "
        "*Jonas Pfeiffer, Ivan Vulić*. [paper](https://arxiv.org/abs/2005.00052)\n"
        "2. **A Paper Nobody Indexed: 100% & More**. **ICLR'2023**. *Jane Doe*.\n"
    )
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    code, out, _ = _export(["README.md", "--format", "bibtex"], tmp_path)
    before = {entry.key: entry for entry in bibtexparser.parse_string(out).entries}
    assert code == 0 and set(before) == {"pfeiffer2020madx", "doe2023paper"}
    assert before["pfeiffer2020madx"].entry_type == "misc"  # the list says arXiv: nothing invented
    assert before["pfeiffer2020madx"].fields_dict["eprint"].value == "2005.00052"
    assert before["doe2023paper"].fields_dict["title"].value == r"{A Paper Nobody Indexed: 100\% \& More}"
    with services() as (table, _):
        (tmp_path / ".awesomelint.toml").write_text(table, encoding="utf-8")
        code, out, err = _export(["README.md", "--format", "bibtex", "--verify"], tmp_path)
    assert code == 0, err
    # The servers are gone: the record cache answers, and the export is the same.
    code, cached, err = _export(["README.md", "--format", "bibtex"], tmp_path)
    assert code == 0 and cached == out, err
    after = {entry.key: entry for entry in bibtexparser.parse_string(out).entries}
    published = after["pfeiffer2020madx"].fields_dict
    assert after["pfeiffer2020madx"].entry_type == "inproceedings"
    assert published["booktitle"].value == "EMNLP" and published["year"].value == "2020"
    assert published["author"].value == (
        r"Jonas Pfeiffer and Ivan Vulic and Iryna Gurevych and Sebastian Ruder"
    )
    assert published["eprint"].value == "2005.00052"
    assert published["doi"].value == "10.18653/v1/2020.emnlp-main.617"


def test_csv_and_jsonl_round_trip_to_the_json_export(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_bytes(SEED.read_bytes())
    exports = {}
    for output_format in ("json", "jsonl", "csv"):
        code, out, err = _export(["README.md", "--format", output_format, "--no-config"], tmp_path)
        assert code == 0, err
        exports[output_format] = out
    entries = json.loads(exports["json"])
    assert len(entries) == len(list(parse(SEED.read_text(encoding="utf-8")).iter_entries()))
    assert [json.loads(line) for line in exports["jsonl"].splitlines()] == entries
    rows = list(csv.DictReader(io.StringIO(exports["csv"])))
    assert len(rows) == len(entries)
    for row, entry in zip(rows, entries, strict=True):
        assert row["title"] == (entry["title"] or "") and row["kind"] == entry["kind"]
        assert row["section"] == " > ".join(entry["section"]) and int(row["line"]) == entry["line"]
        assert row["authors"] == "; ".join(entry["authors"]) and row["year"] == str(entry["year"] or "")
        assert row["links"].split() == [link["url"] for link in entry["links"]]
    papers = [entry for entry in entries if entry["kind"] == "paper"]
    assert papers and all(entry["section"] and entry["title"] for entry in papers)


def test_export_of_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, out, err = _export(["nothing.md", "--format", "csv"], tmp_path)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err
