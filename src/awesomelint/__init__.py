"""awesomelint: parse, lint, fix and link-check awesome lists.

The public API is small: ``parse(text) -> Document``; the typed tree lives in ``awesomelint.model``.
"""

from __future__ import annotations

from .model import Authors, Document, Entry, Field, Link, Section, Span, Venue
from .parse import parse

__version__ = "0.1.0"

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
    "parse",
]
