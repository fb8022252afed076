"""awesomelint: parse, lint, fix and link-check awesome lists.

The public API is small: ``parse(text) -> Document``, ``lint(text) -> list[Diagnostic]`` and
``fix(text) -> FixResult``; the typed tree lives in ``awesomelint.model``.
"""

from __future__ import annotations

from .diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from .engine import Settings, run_rules
from .fixer import FixError, FixResult, fix_text
from .model import Authors, Document, Entry, Field, Link, Section, Span, Venue
from .parse import parse
from .version import __version__


def lint(text: str, settings: Settings | None = None) -> list[Diagnostic]:
    """The findings of every selected rule on ``text``, in source order."""
    return run_rules(parse(text), settings)


def fix(text: str, settings: Settings | None = None, unsafe: bool = False) -> FixResult:
    """``text`` with every applicable fix applied to a fixpoint; raises FixError if the result would
    not hold the same entries."""
    return fix_text(text, settings, unsafe=unsafe)


__all__ = [
    "Applicability",
    "Authors",
    "Diagnostic",
    "Document",
    "Edit",
    "Entry",
    "Field",
    "Fix",
    "FixError",
    "FixResult",
    "Link",
    "Section",
    "Settings",
    "Severity",
    "Span",
    "Venue",
    "__version__",
    "fix",
    "lint",
    "parse",
]
