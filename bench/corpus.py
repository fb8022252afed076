"""The reading and the findings on real lists: entries, kinds, field coverage, findings per rule, time.

    python bench/corpus.py [PATH ...]        (default: every list in ../shared/corpus)

Per list and in total: entries, papers and resources; the share of paper entries that have a title,
authors, a venue, a year and a paper link; findings per rule (whitespace rules AL601-AL603 apart);
and the time to parse and lint. When `tests/corpus/verdicts.tsv` exists, the precision of the judged
findings (true / (true + false)) and the number of findings not yet judged.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

from awesomelint.engine import run_rules
from awesomelint.model import Entry
from awesomelint.read import read

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
VERDICTS = ROOT / "tests" / "corpus" / "verdicts.tsv"
WHITESPACE = frozenset({"AL601", "AL602", "AL603"})
FIELDS = ("title", "authors", "venue", "year", "paper link")


def has_field(entry: Entry, name: str) -> bool:
    if name == "paper link":
        return any(link.role == "paper" or link.role == "title" for link in entry.links)
    if name == "year":
        return entry.year is not None
    return getattr(entry, name) is not None


def load_verdicts() -> dict[tuple[str, int, str], str]:
    """(list, line, code) -> true / false / debatable."""
    if not VERDICTS.exists():
        return {}
    with VERDICTS.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(row["list"], int(row["line"]), row["code"]): row["verdict"] for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.paths or sorted(CORPUS.glob("*.md"))
    if not paths:
        raise SystemExit(f"no lists given and none in {CORPUS}")
    verdicts = load_verdicts()
    judged: Counter[str] = Counter()
    header = f"{'list':<44} {'entries':>7} {'papers':>6} {'res.':>5} " + " ".join(
        f"{name[:6]:>6}" for name in FIELDS
    )
    print(header + f" {'finds':>6} {'secs':>6}  findings by rule")
    totals: Counter[str] = Counter()
    all_rules: Counter[str] = Counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        document = read(text)
        diagnostics = run_rules(document)
        seconds = time.perf_counter() - start
        entries = list(document.iter_entries())
        papers = [entry for entry in entries if entry.kind == "paper"]
        shares = []
        for name in FIELDS:
            count = sum(has_field(entry, name) for entry in papers)
            totals[name] += count
            shares.append(f"{100 * count / len(papers):>5.0f}%" if papers else f"{'-':>6}")
        findings = [d for d in diagnostics if d.code not in WHITESPACE]
        by_rule = Counter(d.code for d in findings)
        all_rules.update(by_rule)
        for d in findings:
            judged[verdicts.get((path.name, d.span.start_line, d.code), "unjudged")] += 1
        totals.update(entries=len(entries), papers=len(papers), findings=len(findings))
        rules = " ".join(f"{code}:{count}" for code, count in sorted(by_rule.items()))
        print(
            f"{path.stem[:44]:<44} {len(entries):>7} {len(papers):>6} {len(entries) - len(papers):>5} "
            + " ".join(shares)
            + f" {len(findings):>6} {seconds:>6.2f}  {rules}"
        )
    paper_total = totals["papers"]
    total_shares = " ".join(
        f"{100 * totals[name] / paper_total:>5.0f}%" if paper_total else f"{'-':>6}" for name in FIELDS
    )
    print(
        f"{'total':<44} {totals['entries']:>7} {paper_total:>6} {totals['entries'] - paper_total:>5}"
        f" {total_shares} {totals['findings']:>6}"
    )
    print("findings by rule: " + " ".join(f"{code}:{count}" for code, count in sorted(all_rules.items())))
    if verdicts:
        true, false = judged["true"], judged["false"]
        precision = f"{100 * true / (true + false):.1f}%" if true + false else "-"
        print(
            f"verdicts: {true} true, {false} false, {judged['debatable']} debatable,"
            f" {judged['unjudged']} not judged; precision {precision}"
        )


if __name__ == "__main__":
    main()
