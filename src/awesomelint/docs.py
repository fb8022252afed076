"""Rule documentation pages: ``rules/<CODE>-<name>.md`` in the repository, packaged into the wheel
as ``awesomelint/_rule_docs``."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from .engine import Rule, all_rules, rule_by_selector

_CHECKOUT_DOCS = Path(__file__).resolve().parents[2] / "rules"
# Where each rule's page is read on the web (the editor links a finding's code to it).
PAGES_URL = "https://github.com/awesomelint/awesomelint/blob/main/rules/"


def doc_filename(rule: Rule) -> str:
    return f"{rule.code}-{rule.name}.md"


@functools.cache  # asked once per finding the editor shows: thousands per list
def rule_url(code: str) -> str:
    """The web address of a rule's page (the list of rules for an unknown code)."""
    found = rule_by_selector(code)
    return PAGES_URL + doc_filename(found) if found is not None else PAGES_URL


def rule_doc(rule: Rule) -> str:
    """The rule's documentation page, from the installed package or the source checkout."""
    packaged = resources.files("awesomelint").joinpath("_rule_docs").joinpath(doc_filename(rule))
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = _CHECKOUT_DOCS / doc_filename(rule)
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    return f"# {rule.code} {rule.name}\n\n{rule.summary}\n"


def rule_table() -> str:
    """The Markdown table of every rule, as README.md shows it."""
    rows = ["| Code | Name | Severity | Fix | What it reports |", "| --- | --- | --- | --- | --- |"]
    for rule in sorted(all_rules(), key=lambda r: r.code):
        link = f"[{rule.code}](rules/{doc_filename(rule)})"
        rows.append(f"| {link} | {rule.name} | {rule.severity.label} | {rule.fix.value} | {rule.summary} |")
    return "\n".join(rows)
