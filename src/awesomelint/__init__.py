"""awesomelint: parse, lint, fix and link-check awesome lists.

The public API is small: ``parse(text) -> Document``, ``lint(text) -> list[Diagnostic]`` and
``fix(text) -> FixResult``; the typed tree lives in ``awesomelint.model``. The linting and fixing
machinery is imported on first use, so that ``import awesomelint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Authors, Document, Entry, Field, Link, Section, Venue
from .read import read as parse
from .text import Span
from .version import __version__

if TYPE_CHECKING:
    from .diagnostic import Diagnostic
    from .engine import Settings
    from .fixer import FixResult


def lint(text: str, settings: Settings | None = None) -> list[Diagnostic]:
    """The findings of every selected rule on ``text``, in source order."""
    from .engine import run_rules

    return run_rules(parse(text), settings)


def fix(text: str, settings: Settings | None = None, unsafe: bool = False) -> FixResult:
    """``text`` with every applicable fix applied to a fixpoint; raises ``awesomelint.fixer.FixError``
    if the result would not hold the same entries."""
    from .fixer import fix_text

    return fix_text(text, settings, unsafe=unsafe)


__all__ = [
    "Authors",
    "Document",
    "Entry",
    "Field",
    "Link",
    "Section",
    "Span",
    "Venue",
    "__version__",
    "fix",
    "lint",
    "parse",
]
